// Rebuild from the log (docs/decisions/0031-projectors-and-rebuild.md): the demo and a scenario that
// writes every entry type, replayed into an empty database through the projectors, give the same
// rows, every column, as the service wrote while it ran.
import { openTestDatabase, type SqlExecutor, type TestDatabase } from '@groundtruth/db';
import { ENTRY_DEFINITIONS } from '@groundtruth/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { hasProjector, PROJECTORS } from '../src/projections/index.ts';
import { LOG_TABLES, type ReplayedEntry, rebuildFromLog } from '../src/rebuild.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { auditScenario } from './rebuild-scenarios/audits.ts';
import { epcisScenario } from './rebuild-scenarios/epcis.ts';
import { evidenceScenario } from './rebuild-scenarios/evidence.ts';
import { massBalanceScenario } from './rebuild-scenarios/massbalance.ts';
import { publicationScenario } from './rebuild-scenarios/publication.ts';

/**
 * Tables that are not projections of the log, and why (decision 0031). Every other table of the
 * schema is compared.
 */
const NOT_COMPARED: Record<string, string> = {
  gt_schema_migrations: 'the migrations applied, not data',
  idempotency_keys: 'operational: replay protection of requests',
  epcis_webhook_deliveries: 'operational: the webhook outbox',
  epcis_capture_jobs: 'operational: the state of asynchronous captures',
  mass_balance_runs: 'derived: a run of the mass-balance rules, recomputed on demand',
  mass_balance_findings: 'derived: the findings of the latest run',
  mass_balance_exposures: 'derived: computed with the findings',
  forest_checks: 'derived: deforestation checks against remote data, re-run on demand',
};

/** Integer surrogates filled by identity columns and triggers (migration 0015): not facts, not compared. */
const SURROGATE_COLUMNS = new Set(['seq', 'producer_seq', 'event_seq', 'batch_seq', 'plot_seq']);

async function projectionTables(db: SqlExecutor): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const log = new Set<string>(LOG_TABLES);
  return rows.map((r) => r.table_name).filter((t) => !log.has(t) && !(t in NOT_COMPARED));
}

/** A table's rows as sorted JSON texts, every column but the surrogates. */
async function rowsOf(db: SqlExecutor, table: string): Promise<string[]> {
  const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
  return rows
    .map((r) => {
      const row = JSON.parse(r.row) as Record<string, unknown>;
      for (const column of SURROGATE_COLUMNS) delete row[column];
      // Columns in name order; a jsonb column's own keys come as jsonb orders them (a replacer
      // array would filter nested objects' keys too, comparing every jsonb object as {}).
      return JSON.stringify(
        Object.fromEntries(
          Object.keys(row)
            .sort()
            .map((column) => [column, row[column]]),
        ),
      );
    })
    .sort();
}

/** The rows only one side has, for a readable failure. */
function difference(written: string[], rebuilt: string[]) {
  const count = (rows: string[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r, (m.get(r) ?? 0) + 1);
    return m;
  };
  const [a, b] = [count(written), count(rebuilt)];
  return {
    onlyWritten: written.filter((r) => (b.get(r) ?? 0) < (a.get(r) ?? 0)),
    onlyRebuilt: rebuilt.filter((r) => (a.get(r) ?? 0) < (b.get(r) ?? 0)),
  };
}

/**
 * Body fields that no projection holds (path with `*` for array positions), each read from the log
 * where it is needed (decision 0031). Any other field whose value a projector does not write fails
 * the test below: that is what catches a projector that drops a field, since the comparison of
 * tables cannot (the service writes through the same projectors).
 */
const NOT_PROJECTED: Record<string, string[]> = {
  // The brand names the owner of the entry's disclosures (decision 0011); the audit's row holds it
  // (audit.opened), and the concluding auditor is the row's (audit.assigned).
  'audit.concluded': ['auditor', 'brand'],
  'audit.corrective_action_progressed': ['brand'],
  'audit.corrective_action_set': ['brand'],
  'audit.finding_recorded': ['brand'],
  // No table restates a claim: the passport reads it from the log (entries by subject and type),
  // opened by the disclosures the writer published with it. Its thumbnails are content named by
  // digest (copied on a rebuild, like evidence blobs).
  'batch.claim_published': [
    ...['batch', 'organisation', 'policy', 'treeSize', 'tracedShare', 'originCountry.*'],
    ...['evidence.farms', 'evidence.farmsWithSnapshots', 'evidence.latestCapture', 'evidence.snapshots'],
    ...['attestationEntry', 'capturedAt', 'country', 'height', 'media', 'thumbnail', 'width'].map(
      (field) => `evidence.photos.*.${field}`,
    ),
    ...[
      'findings.*.count',
      'findings.*.kind',
      'findings.*.share',
      'originFarms.count',
      'originFarms.hectares',
    ],
    ...['supplyChain.*.country', 'supplyChain.*.name', 'supplyChain.*.role', 'supplyChain.*.tier'],
  ].sort(),
  // A site is always a Point (decision 0030); the columns hold its coordinates.
  'organisation.registered': ['location.type'],
  // The erasure names what it erased; the row is found by the contact's id (the subject).
  'contact.erased': ['commitment', 'organisation'],
  // The demo's first entry has no rows.
  'demo.seeded': ['description'],
  // The published entry's type and owner, restated for readers of the log alone: its envelope and
  // its disclosures' row hold them.
  'disclosure.published': ['entryType', 'organisation'],
  // The captured event is committed whole (decision 0011): the tables hold its query keys, and the
  // rest (quantities, parties, master data, the document's context) is read back from the log,
  // opened by its disclosure, whenever the event is served. A custody fact it states is its own entry.
  'epcis.event': [
    'context.*',
    'context.*.gt',
    'event.destinationList.*.destination',
    'event.destinationList.*.type',
    'event.errorDeclaration.declarationTime',
    'event.errorDeclaration.reason',
    'event.eventTimeZoneOffset',
    'event.ilmd.gt:season',
    'event.quantityList.*.quantity',
    'event.quantityList.*.uom',
    'event.sourceList.*.source',
    'event.sourceList.*.type',
  ],
  // Why a subscription ended (unsubscribed, or its query deleted) is read from the log.
  'epcis.subscription_deleted': ['reason'],
  // Not kept by trace_events: the season is read from the entry (EUDR exports, EPCIS views).
  'event.harvest': ['season'],
  // The void names the event; its type and owner are the event's row.
  'event.voided': ['eventType', 'organisation'],
  // Always `supplier`: the user created on redemption carries the role.
  'invitation.created': ['role'],
  // The invitation's row already holds its organisation.
  'invitation.redeemed': ['organisation'],
  'invitation.revoked': ['organisation'],
  // The status it leaves is checked against the row (the previous transition's `to`), not written again.
  'onboarding.transitioned': ['from'],
  // The justification of a custody model is read from the log (the site account shows the model).
  'organisation.custody_model': ['justification'],
  // The shipped table version an override amends: the table in force names its overrides by entry instead.
  'reference.override': ['referenceVersion'],
  // Who accepted or rejected, and why, are read from the log; the proposal's row holds the rest.
  'relationship.accepted': ['by'],
  'relationship.rejected': ['buyer', 'by', 'commodity', 'reason', 'supplier'],
  // A token's role is its user's.
  'token.issued': ['role'],
};

/** `path → value` of every scalar leaf of a body (nulls and booleans left out: nothing to look for). */
function leaves(value: unknown, path: string[] = []): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, [...path, '*']));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  if (typeof value === 'string' || typeof value === 'number') return [[path.join('.'), String(value)]];
  return [];
}

/** The fields of each type whose value reached none of its projector's parameters. */
function unprojectedFields(replayed: ReplayedEntry[]): Record<string, string[]> {
  const missing = new Map<string, Set<string>>();
  for (const entry of replayed) {
    const haystack = entry.parameters
      .map((p) => (typeof p === 'string' ? p : p instanceof Uint8Array ? '' : JSON.stringify(p)))
      .join('\u0000');
    for (const [path, value] of leaves(entry.body)) {
      // A reference `<kind>:<id>` is written as its id.
      const id = /^[a-z_-]+:([0-9a-f-]{36})$/.exec(value)?.[1];
      if (haystack.includes(value) || (id && haystack.includes(id))) continue;
      const set = missing.get(entry.type) ?? new Set<string>();
      set.add(path);
      missing.set(entry.type, set);
    }
  }
  return Object.fromEntries([...missing].map(([type, paths]) => [type, [...paths].sort()]).sort());
}

describe('rebuild from the log', () => {
  let t: TestApp;
  let target: TestDatabase;
  const replayed: ReplayedEntry[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoData(t.runtime);
    await scenario(t);
    target = await openTestDatabase();
    await rebuildFromLog(t.runtime.db, target.db, { replayed: (e) => replayed.push(e) });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await target?.destroy();
  });

  it('has a projector for every entry type, and no projector without a type', () => {
    const types = new Set(ENTRY_DEFINITIONS.map((d) => d.type));
    const projected = new Set(Object.keys(PROJECTORS));
    expect([...projected].filter((type) => !types.has(type))).toEqual([]);
    expect([...types].filter((type) => !hasProjector(type)).sort()).toEqual([]);
  });

  it('wrote every entry type with a projector in the demo and the scenario', async () => {
    const rows = await t.runtime.db.query<{ entry_type: string }>(
      'SELECT DISTINCT entry_type FROM ledger_entries ORDER BY entry_type',
    );
    const written = new Set(rows.map((r) => r.entry_type));
    expect(Object.keys(PROJECTORS).filter((type) => !written.has(type))).toEqual([]);
  });

  it('writes every field of every entry into its projection, but those listed as read from the log', () => {
    expect(unprojectedFields(replayed)).toEqual(NOT_PROJECTED);
  });

  it('copies the log as it is', async () => {
    for (const table of LOG_TABLES)
      expect(await rowsOf(target.db, table), table).toEqual(await rowsOf(t.runtime.db, table));
  });

  it('gives every projection table the rows the service wrote, every column', async () => {
    const tables = await projectionTables(t.runtime.db);
    expect(tables.length).toBeGreaterThan(10);
    const differences: Record<string, ReturnType<typeof difference>> = {};
    for (const table of tables) {
      const [written, rebuilt] = [await rowsOf(t.runtime.db, table), await rowsOf(target.db, table)];
      const diff = difference(written, rebuilt);
      if (diff.onlyWritten.length > 0 || diff.onlyRebuilt.length > 0) differences[table] = diff;
    }
    expect(differences).toEqual({});
  });
});

/** Writes, through the API, every entry type the demo does not. */
async function scenario(t: TestApp) {
  const admin = await t.token('admin', { subject: 'user:rebuild-admin' });
  const ok = t.succeed;
  const ids = await t.seedOrganisations(
    { brand: 'brand', coop: 'supplier', farm: 'supplier', auditor: 'auditor' },
    [['brand', 'coop']],
  );
  await ok('PATCH', `/v1/organisations/${ids.coop}`, admin, { name: 'Coop renamed', role: 'cooperative' });
  await ok('PUT', `/v1/organisations/${ids.farm}/manager`, admin, { managerId: ids.coop });
  await ok('PUT', `/v1/organisations/${ids.coop}/custody-model`, admin, {
    model: 'mass_balance',
    justification: 'certificate RA-123',
  });
  const coopToken = await t.token('supplier', { organisationId: ids.coop! });
  const brandToken = await t.token('procurement', { organisationId: ids.brand! });
  const proposed = await ok('POST', '/v1/relationships', coopToken, {
    buyerId: ids.brand,
    supplierId: ids.coop,
    commodity: 'coffee',
  });
  await ok('POST', `/v1/relationships/${proposed.id}/acceptance`, brandToken, {});
  const declined = await ok('POST', '/v1/relationships', coopToken, {
    buyerId: ids.brand,
    supplierId: ids.coop,
    commodity: 'oil_palm',
  });
  await ok('POST', `/v1/relationships/${declined.id}/rejection`, brandToken, { reason: 'not sourced' });
  const invitation = await ok('POST', '/v1/invitations', brandToken, {
    organisationId: ids.coop,
    displayName: 'Ama Mensah',
    email: 'ama@coop.example',
    expiresInDays: 7,
  });
  await ok('POST', '/v1/invitations/redemption', '', { token: invitation.token });
  const second = await ok('POST', '/v1/invitations', admin, {
    organisationId: ids.farm,
    displayName: 'Kofi',
    expiresInDays: 3,
  });
  await ok('POST', `/v1/invitations/${second.id}/revocation`, admin, {});
  const user = await ok('POST', '/v1/users', admin, {
    role: 'procurement',
    organisationId: ids.brand,
    displayName: 'Efua',
    email: 'efua@brand.example',
  });
  const issued = await ok('POST', `/v1/users/${user.id}/tokens`, admin, { ttl: '1h' });
  await ok('DELETE', `/v1/tokens/${issued.jti}`, admin);
  await ok('POST', `/v1/organisations/${ids.brand}/auditor-grants`, brandToken, { auditorId: ids.auditor });
  await ok('DELETE', `/v1/organisations/${ids.brand}/auditor-grants/${ids.auditor}`, brandToken);
  const contact = await ok('POST', `/v1/organisations/${ids.coop}/contacts`, coopToken, {
    name: 'Yaw Boateng',
    email: 'yaw@coop.example',
  });
  await ok('POST', `/v1/organisations/${ids.coop}/contacts`, coopToken, {
    name: 'Akua',
    phone: '+233200000000',
  });
  await ok('DELETE', `/v1/organisations/${ids.coop}/contacts/${contact.id}`, coopToken);

  await ok('POST', `/v1/organisations/${ids.brand}/evidence-requirements`, brandToken, {
    commodity: 'cocoa',
    key: 'site_reality_snapshot',
    description: 'A reality snapshot of the production site',
    stage: 'procurement',
  });
  await ok('POST', '/v1/onboarding', brandToken, { brandId: ids.brand, supplierId: ids.coop });
  await ok('POST', `/v1/onboarding/${ids.brand}/${ids.coop}/transitions`, coopToken, {
    to: 'submitted',
    reason: 'documents uploaded',
  });

  const period = await ok('POST', `/v1/organisations/${ids.coop}/accounting-periods`, coopToken, {
    start: '2025-01-01T00:00:00Z',
    end: '2025-03-31T00:00:00Z',
  });
  await ok('POST', `/v1/organisations/${ids.coop}/accounting-periods/${period.id}/close`, coopToken, {});

  // Custody on a plot of the demo: a harvest (with a described batch), a loss, a transfer received
  // short (its in-transit loss), and a harvest voided.
  const [plot] = await t.runtime.db.query<{ id: string; organisation_id: string }>(
    'SELECT id, organisation_id FROM plots ORDER BY id LIMIT 1',
  );
  const [link] = await t.runtime.db.query<{ buyer_id: string }>(
    'SELECT buyer_id FROM supply_relationships WHERE supplier_id = $1 ORDER BY buyer_id LIMIT 1',
    [plot!.organisation_id],
  );
  const eventTime = new Date(Date.now() - 3_600_000).toISOString();
  const kg = (value: string) => ({ value, unit: 'KGM' });
  const harvest = await ok('POST', '/v1/events', admin, {
    type: 'harvest',
    plotId: plot!.id,
    season: '2026/27 main crop',
    eventTime,
    output: { lot: 'REBUILD-H-1', quantity: kg('1000'), description: 'wet beans, bags 1 to 20' },
  });
  const batchId = harvest.batchIds[0];
  await ok('POST', '/v1/events', admin, {
    type: 'loss',
    organisationId: plot!.organisation_id,
    eventTime,
    input: { batchId, quantity: kg('10') },
    reason: 'drying',
  });
  const transfer = await ok('POST', '/v1/events', admin, {
    type: 'transfer',
    fromOrganisationId: plot!.organisation_id,
    toOrganisationId: link!.buyer_id,
    eventTime,
    input: { batchId, quantity: kg('500') },
    output: { lot: 'REBUILD-T-1', quantity: kg('500') },
  });
  await ok('POST', `/v1/events/${transfer.eventId}/receipt`, admin, { quantity: kg('490.5') });
  const mistaken = await ok('POST', '/v1/events', admin, {
    type: 'harvest',
    plotId: plot!.id,
    season: '2026/27 main crop',
    eventTime,
    output: { lot: 'REBUILD-H-2', quantity: kg('5') },
  });
  await ok('POST', `/v1/events/${mistaken.eventId}/void`, admin, {
    reason: 'did_not_occur',
    explanation: 'entered twice',
  });
  await auditScenario(t);
  await publicationScenario(t);
  await epcisScenario(t);
  await evidenceScenario(t);
  await massBalanceScenario(t);
}
