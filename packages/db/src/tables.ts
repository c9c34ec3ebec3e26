// Drizzle definitions of the service's own tables: the projections of the ledger, what is derived
// from them (mass-balance findings, forest checks) and operational state (capture jobs, webhook
// deliveries, idempotency keys). As in schema.ts, the SQL migrations are the source of truth for DDL;
// test/schema.test.ts checks every table here against the migrated database, column by column, and
// fails when a migrated table has no definition here.
//
// Read types: bigint entry indexes and sequence numbers are `number` (they are below 2^53 and the wire
// format carries them as numbers; the ledger's own tree sizes in schema.ts stay `bigint`), numeric
// quantities stay decimal strings, timestamps are Dates and jsonb arrives parsed. Where and how these
// are queried (drizzle or `sql` templates) is decision 0033.
import {
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';

// Organisations, their people and relationships (projections: 0002, 0004, 0006, 0007, 0008, 0019, 0026, 0040)

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  country: char('country', { length: 2 }).notNull(),
  role: text('role'),
  identifiers: jsonb('identifiers').notNull().default({}),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  custodyModel: text('custody_model').notNull().default('segregated'),
  managedBy: uuid('managed_by'),
  // The organisation's site (decision 0030): both or neither, checked by the database.
  longitude: doublePrecision('longitude'),
  latitude: doublePrecision('latitude'),
  address: text('address'),
});

export const supplyRelationships = pgTable('supply_relationships', {
  id: uuid('id').primaryKey(),
  buyerId: uuid('buyer_id').notNull(),
  supplierId: uuid('supplier_id').notNull(),
  commodity: text('commodity').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
});

export const relationshipProposals = pgTable('relationship_proposals', {
  id: uuid('id').primaryKey(),
  buyerId: uuid('buyer_id').notNull(),
  supplierId: uuid('supplier_id').notNull(),
  commodity: text('commodity').notNull(),
  proposedBy: text('proposed_by').notNull(),
  status: text('status').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  decidedEntry: bigint('decided_entry', { mode: 'number' }),
});

export const supplierOnboarding = pgTable(
  'supplier_onboarding',
  {
    brandId: uuid('brand_id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.supplierId] })],
);

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name'),
  email: text('email'),
  phone: text('phone'),
  role: text('role'),
  commitment: bytea('commitment').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  erasedAt: timestamp('erased_at', { withTimezone: true }),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id'),
  role: text('role').notNull(),
  displayName: text('display_name'),
  email: text('email'),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  jti: uuid('jti').primaryKey(),
  userId: uuid('user_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  parentJti: uuid('parent_jti'),
});

export const auditorGrants = pgTable('auditor_grants', {
  brandId: uuid('brand_id').notNull(),
  auditorId: uuid('auditor_id').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  auditId: uuid('audit_id'),
  scopeOrganisationId: uuid('scope_organisation_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
});

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  invitedBy: text('invited_by').notNull(),
  inviterOrganisationId: uuid('inviter_organisation_id'),
  tokenSha256: bytea('token_sha256'), // null until the service sets it after the projection (migration 0045)
  inviteeName: text('invitee_name'),
  inviteeEmail: text('invitee_email'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  redeemedUserId: uuid('redeemed_user_id'),
  redeemedEntry: bigint('redeemed_entry', { mode: 'number' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedEntry: bigint('revoked_entry', { mode: 'number' }),
});

export const custodyModelChanges = pgTable(
  'custody_model_changes',
  {
    organisationId: uuid('organisation_id').notNull(),
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
    custodyModel: text('custody_model').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.entryIndex] })],
);

// Plots, products, batches and custody (projections: 0002, 0003, 0014, 0016, 0021, 0031)

export const plots = pgTable('plots', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name'),
  commodity: text('commodity').notNull(),
  country: char('country', { length: 2 }).notNull(),
  geometry: jsonb('geometry').notNull(),
  areaHectares: numeric('area_hectares', { precision: 16, scale: 6 }).notNull(),
  areaSource: text('area_source').notNull(),
  declaredAreaHectares: numeric('declared_area_hectares', { precision: 16, scale: 6 }),
  findings: jsonb('findings').notNull().default([]),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

export const products = pgTable('products', {
  id: uuid('id').primaryKey(),
  gtin: char('gtin', { length: 14 }).notNull(),
  name: text('name').notNull(),
  commodity: text('commodity').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
});

export const batches = pgTable('batches', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  lot: text('lot').notNull(),
  commodity: text('commodity').notNull(),
  productId: uuid('product_id'),
  description: text('description'),
  quantityValue: numeric('quantity_value', { precision: 33, scale: 9 }).notNull(),
  quantityUnit: text('quantity_unit').notNull(),
  massGrams: numeric('mass_grams', { precision: 36, scale: 3 }),
  producedBy: uuid('produced_by').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  material: text('material').notNull(),
  cocoaContent: numeric('cocoa_content', { precision: 4, scale: 3 }),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  producerSeq: bigint('producer_seq', { mode: 'number' }).notNull(),
});

export const traceEvents = pgTable('trace_events', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  eventTime: timestamp('event_time', { withTimezone: true }).notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  reason: text('reason'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const traceEventInputs = pgTable(
  'trace_event_inputs',
  {
    eventId: uuid('event_id').notNull(),
    position: integer('position').notNull(),
    batchId: uuid('batch_id'),
    plotId: uuid('plot_id'),
    quantityValue: numeric('quantity_value', { precision: 33, scale: 9 }),
    quantityUnit: text('quantity_unit'),
    massGrams: numeric('mass_grams', { precision: 36, scale: 3 }),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    batchSeq: bigint('batch_seq', { mode: 'number' }),
    plotSeq: bigint('plot_seq', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.position] })],
);

export const traceEventVoids = pgTable('trace_event_voids', {
  eventId: uuid('event_id').primaryKey(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  reason: text('reason').notNull(),
  voidedBy: text('voided_by').notNull(),
  voidedAt: timestamp('voided_at', { withTimezone: true }).notNull(),
});

export const transferReceipts = pgTable('transfer_receipts', {
  eventId: uuid('event_id').primaryKey(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  quantityValue: numeric('quantity_value', { precision: 33, scale: 9 }).notNull(),
  quantityUnit: text('quantity_unit').notNull(),
  massGrams: numeric('mass_grams', { precision: 36, scale: 3 }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  lossEventId: uuid('loss_event_id'),
  confirmedBy: text('confirmed_by').notNull(),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
});

export const batchUpstreamStatements = pgTable(
  'batch_upstream_statements',
  {
    batchId: uuid('batch_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    referenceNumber: text('reference_number').notNull(),
    verificationNumber: text('verification_number').notNull(),
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.referenceNumber] })],
);

export const yieldOverrides = pgTable('yield_overrides', {
  entryIndex: bigint('entry_index', { mode: 'number' }).primaryKey(),
  commodity: text('commodity').notNull(),
  country: char('country', { length: 2 }),
  plotId: uuid('plot_id'),
  plausibleMax: numeric('plausible_max', { precision: 12, scale: 3 }),
  hardCeiling: numeric('hard_ceiling', { precision: 12, scale: 3 }),
  justification: text('justification').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accountingPeriods = pgTable('accounting_periods', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  declaredBy: text('declared_by').notNull(),
  closedEntry: bigint('closed_entry', { mode: 'number' }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: text('closed_by'),
});

// Evidence and attestations (0004, 0012, 0013; evidence_blobs and evidence_uploads describe stored media, not ledger facts)

export const evidenceRequirements = pgTable(
  'evidence_requirements',
  {
    brandId: uuid('brand_id').notNull(),
    commodity: text('commodity').notNull(),
    key: text('key').notNull(),
    description: text('description').notNull(),
    stage: text('stage').notNull(),
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.commodity, t.key] })],
);

export const evidenceBlobs = pgTable('evidence_blobs', {
  sha256: char('sha256', { length: 64 }).primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  kind: text('kind').notNull(),
  mediaType: text('media_type').notNull(),
  format: text('format').notNull(),
  metadata: jsonb('metadata').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const evidenceUploads = pgTable(
  'evidence_uploads',
  {
    sha256: char('sha256', { length: 64 }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.organisationId] })],
);

export const organisationKeys = pgTable('organisation_keys', {
  kid: text('kid').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  alg: text('alg').notNull(),
  jwk: jsonb('jwk').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  revokedEntry: bigint('revoked_entry', { mode: 'number' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const attestations = pgTable('attestations', {
  id: uuid('id').primaryKey(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  organisationId: uuid('organisation_id').notNull(),
  kid: text('kid').notNull(),
  subjectKind: text('subject_kind').notNull(),
  subjectId: uuid('subject_id').notNull(),
  capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
  manifest: jsonb('manifest').notNull(),
  jws: text('jws').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  withdrawnEntry: bigint('withdrawn_entry', { mode: 'number' }),
  withdrawnReason: text('withdrawn_reason'),
});

export const attestationMedia = pgTable(
  'attestation_media',
  {
    attestationId: uuid('attestation_id').notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    // The attestation's log position and subject, beside each medium (migration 0050).
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attestationId, t.sha256] })],
);

export const attestationStatements = pgTable('attestation_statements', {
  id: uuid('id').primaryKey(),
  attestationId: uuid('attestation_id').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  organisationId: uuid('organisation_id').notNull(),
  kid: text('kid').notNull(),
  verdict: text('verdict').notNull(),
  statement: jsonb('statement').notNull(),
  jws: text('jws').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

// Mass balance and forest checks (derived: computed from the projections at a tree size, 0011, 0032)

export const massBalanceRuns = pgTable('mass_balance_runs', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  referenceVersion: text('reference_version').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  findingCount: integer('finding_count').notNull(),
  requestedBy: text('requested_by').notNull(),
});

export const massBalanceFindings = pgTable('mass_balance_findings', {
  versionId: uuid('version_id').primaryKey(),
  runId: uuid('run_id').notNull(),
  rule: text('rule').notNull(),
  severity: text('severity').notNull(),
  subjectKind: text('subject_kind').notNull(),
  subjectId: text('subject_id').notNull(),
  period: text('period'),
  organisationId: uuid('organisation_id'),
  message: text('message').notNull(),
  numbers: jsonb('numbers').notNull(),
  referenceVersion: text('reference_version').notNull(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  id: uuid('id').notNull(),
  returnedAt: bigint('returned_at', { mode: 'number' }),
});

/** The projection of finding.resolved: a finding's resolutions, one row per entry (migration 0046). */
export const findingResolutions = pgTable('finding_resolutions', {
  entryIndex: bigint('entry_index', { mode: 'number' }).primaryKey(),
  findingId: uuid('finding_id').notNull(),
  rule: text('rule').notNull(),
  subjectKind: text('subject_kind').notNull(),
  subjectId: text('subject_id').notNull(),
  period: text('period'),
  numbers: jsonb('numbers').notNull(),
  referenceVersion: text('reference_version').notNull(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  justification: text('justification').notNull(),
  resolvedBy: text('resolved_by').notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }).notNull(),
  // The organisation it was given for (migration 0049); null: by an administrator, for everyone.
  resolvedFor: uuid('resolved_for'),
});

export const massBalanceExposures = pgTable(
  'mass_balance_exposures',
  {
    findingVersionId: uuid('finding_version_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    share: doublePrecision('share').notNull(),
  },
  (t) => [primaryKey({ columns: [t.findingVersionId, t.batchId] })],
);

export const forestChecks = pgTable('forest_checks', {
  id: uuid('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  plotId: uuid('plot_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  verdict: text('verdict').notNull(),
  coverage: text('coverage').notNull(),
  geometry: text('geometry').notNull(),
  dataset: text('dataset').notNull(),
  datasetVersion: text('dataset_version').notNull(),
  lossDataset: text('loss_dataset'),
  lossDatasetVersion: text('loss_dataset_version'),
  areaHectares: doublePrecision('area_hectares').notNull(),
  coveredShare: doublePrecision('covered_share').notNull(),
  forestShare: doublePrecision('forest_share'),
  forestHectares: doublePrecision('forest_hectares').notNull(),
  lossCoveredShare: doublePrecision('loss_covered_share'),
  lostShare: doublePrecision('lost_share'),
  lostHectares: doublePrecision('lost_hectares'),
  details: jsonb('details').notNull(),
  findingId: uuid('finding_id'),
  runId: uuid('run_id').notNull(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  requestedBy: text('requested_by').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});

// Passports (0035–0037; passport_thumbnails is a cache of derived images)

export const passportPolicies = pgTable('passport_policies', {
  scope: text('scope').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  policy: jsonb('policy').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
});

export const passportCredentials = pgTable('passport_credentials', {
  entryIndex: bigint('entry_index', { mode: 'number' }).primaryKey(),
  batchId: uuid('batch_id').notNull(),
  claimEntry: bigint('claim_entry', { mode: 'number' }).notNull(),
  organisationId: uuid('organisation_id').notNull(),
  kid: text('kid').notNull(),
  jws: text('jws').notNull(),
});

export const passportThumbnails = pgTable('passport_thumbnails', {
  sha256: char('sha256', { length: 64 }).primaryKey(),
  mediaSha256: char('media_sha256', { length: 64 }).notNull(),
  claimEntry: bigint('claim_entry', { mode: 'number' }).notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: bytea('bytes').notNull(),
});

// Audits (0039)

export const audits = pgTable('audits', {
  id: uuid('id').primaryKey(),
  brandId: uuid('brand_id').notNull(),
  scopeKind: text('scope_kind').notNull(),
  scopeBatchId: uuid('scope_batch_id'),
  scopeOrganisationId: uuid('scope_organisation_id').notNull(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  auditorId: uuid('auditor_id'),
  accessUntil: timestamp('access_until', { withTimezone: true }),
  openedEntry: bigint('opened_entry', { mode: 'number' }).notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  assignedEntry: bigint('assigned_entry', { mode: 'number' }),
  concludedEntry: bigint('concluded_entry', { mode: 'number' }),
  concludedAt: timestamp('concluded_at', { withTimezone: true }),
  conclusion: jsonb('conclusion'),
  conclusionKid: text('conclusion_kid'),
  conclusionJws: text('conclusion_jws'),
});

export const auditFindings = pgTable('audit_findings', {
  id: uuid('id').primaryKey(),
  auditId: uuid('audit_id').notNull(),
  severity: text('severity').notNull(),
  objectKind: text('object_kind').notNull(),
  objectId: uuid('object_id').notNull(),
  text: text('text').notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

export const auditCorrectiveActions = pgTable('audit_corrective_actions', {
  id: uuid('id').primaryKey(),
  auditId: uuid('audit_id').notNull(),
  findingId: uuid('finding_id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  description: text('description').notNull(),
  status: text('status').notNull(),
  setEntry: bigint('set_entry', { mode: 'number' }).notNull(),
  statusEntry: bigint('status_entry', { mode: 'number' }).notNull(),
  statusNote: text('status_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// EPCIS (0009, 0041, 0043; capture jobs and webhook deliveries are operational state, not ledger facts)

export const epcisCaptureJobs = pgTable('epcis_capture_jobs', {
  captureId: uuid('capture_id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  createdBy: text('created_by').notNull(),
  behaviour: text('behaviour').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  running: boolean('running').notNull().default(true),
  success: boolean('success').notNull().default(false),
  eventCount: integer('event_count').notNull().default(0),
  storedCount: integer('stored_count').notNull().default(0),
  errors: jsonb('errors').notNull().default([]),
  events: jsonb('events').notNull().default([]),
});

export const epcisEvents = pgTable('epcis_events', {
  entryIndex: bigint('entry_index', { mode: 'number' }).primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  captureId: uuid('capture_id').notNull(),
  eventId: text('event_id').notNull(),
  hashId: text('hash_id').notNull(),
  eventType: text('event_type').notNull(),
  eventTime: timestamp('event_time', { withTimezone: true }).notNull(),
  recordTime: timestamp('record_time', { withTimezone: true }).notNull(),
  action: text('action'),
  bizStep: text('biz_step'),
  disposition: text('disposition'),
  readPoint: text('read_point'),
  bizLocation: text('biz_location'),
  errorDeclaration: boolean('error_declaration').notNull().default(false),
});

export const epcisEventEpcs = pgTable(
  'epcis_event_epcs',
  {
    entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
    role: text('role').notNull(),
    epc: text('epc').notNull(),
    spelling: text('spelling').notNull().default('captured'),
  },
  (t) => [primaryKey({ columns: [t.entryIndex, t.role, t.epc] })],
);

export const epcisCustodyLinks = pgTable(
  'epcis_custody_links',
  {
    epcisEntryIndex: bigint('epcis_entry_index', { mode: 'number' }).notNull(),
    custodyEntryIndex: bigint('custody_entry_index', { mode: 'number' }).notNull(),
    factKind: text('fact_kind').notNull(),
    factId: uuid('fact_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.factKind, t.factId] })],
);

export const epcisQueries = pgTable('epcis_queries', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  parameters: jsonb('parameters').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedEntry: bigint('deleted_entry', { mode: 'number' }),
});

export const epcisSubscriptions = pgTable('epcis_subscriptions', {
  id: uuid('id').primaryKey(),
  queryId: uuid('query_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  dest: text('dest').notNull(),
  signatureSecret: text('signature_secret'), // null until the service sets it after the projection (migration 0048)
  subscriber: text('subscriber').notNull(),
  subscriberRole: text('subscriber_role').notNull(),
  initialRecordTime: timestamp('initial_record_time', { withTimezone: true }).notNull(),
  resumeToken: text('resume_token'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  entryIndex: bigint('entry_index', { mode: 'number' }).notNull(),
  lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedEntry: bigint('deleted_entry', { mode: 'number' }),
});

export const epcisWebhookDeliveries = pgTable('epcis_webhook_deliveries', {
  deliveryId: uuid('delivery_id').primaryKey(),
  subscriptionId: uuid('subscription_id').notNull(),
  eventId: text('event_id').notNull(),
  body: text('body').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

// Operational (0005): replayed responses, not facts

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/** Every table above, by its drizzle name (the test walks this). */
export const tables = {
  organisations,
  supplyRelationships,
  relationshipProposals,
  supplierOnboarding,
  contacts,
  users,
  apiTokens,
  auditorGrants,
  invitations,
  custodyModelChanges,
  plots,
  products,
  batches,
  traceEvents,
  traceEventInputs,
  traceEventVoids,
  transferReceipts,
  batchUpstreamStatements,
  yieldOverrides,
  accountingPeriods,
  evidenceRequirements,
  evidenceBlobs,
  evidenceUploads,
  organisationKeys,
  attestations,
  attestationMedia,
  attestationStatements,
  massBalanceRuns,
  massBalanceFindings,
  findingResolutions,
  massBalanceExposures,
  forestChecks,
  passportPolicies,
  passportCredentials,
  passportThumbnails,
  audits,
  auditFindings,
  auditCorrectiveActions,
  epcisCaptureJobs,
  epcisEvents,
  epcisEventEpcs,
  epcisCustodyLinks,
  epcisQueries,
  epcisSubscriptions,
  epcisWebhookDeliveries,
  idempotencyKeys,
};
