// @groundtruth/db: the database client (PGlite or PostgreSQL), schema and migrations.

// drizzle's operators and `sql` tag, so the services build queries against the one drizzle this package
// runs (decision 0033).
export { and, asc, desc, eq, gt, gte, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
export {
  type Database,
  type DatabaseOptions,
  ensurePrivateDir,
  isDatabaseUnavailable,
  openDatabase,
  type Row,
  restrictTree,
  type SqlExecutor,
  type Transaction,
} from './client.ts';
export {
  type CopyColumns,
  type CopyField,
  CopyFormatError,
  type CopySend,
  readAggregatedCopy,
  readBinaryCopy,
  tuplesSql,
} from './copy.ts';
export { loadMigrations, type Migration, MigrationError, migrate, migrationsApplied } from './migrate.ts';
export {
  ledgerCheckpoints,
  ledgerDisclosurePublications,
  ledgerEntries,
  ledgerSubtrees,
  schema,
  schemaMigrations,
} from './schema.ts';
export {
  ANALYZE_SCALE_FACTOR,
  ANALYZE_THRESHOLD,
  analyzeDue,
  keepStatistics,
  type StatisticsKeeper,
  type StatisticsKeeperOptions,
} from './statistics.ts';
export {
  accountingPeriods,
  apiTokens,
  attestationMedia,
  attestationStatements,
  attestations,
  auditCorrectiveActions,
  auditFindings,
  auditorGrants,
  audits,
  batches,
  batchUpstreamStatements,
  contacts,
  custodyModelChanges,
  epcisCaptureJobs,
  epcisCustodyLinks,
  epcisEventEpcs,
  epcisEvents,
  epcisQueries,
  epcisSubscriptions,
  epcisWebhookDeliveries,
  evidenceBlobs,
  evidenceRequirements,
  evidenceUploads,
  forestChecks,
  idempotencyKeys,
  invitations,
  massBalanceExposures,
  massBalanceFindings,
  massBalanceRuns,
  organisationKeys,
  organisations,
  passportCredentials,
  passportPolicies,
  passportThumbnails,
  plots,
  products,
  relationshipProposals,
  supplierOnboarding,
  supplyRelationships,
  tables,
  traceEventInputs,
  traceEvents,
  traceEventVoids,
  transferReceipts,
  users,
  yieldOverrides,
} from './tables.ts';
export { openTestDatabase, type TestDatabase, testDatabaseKind } from './testing.ts';
export { anyOf, isoTime, jsonValue } from './values.ts';
