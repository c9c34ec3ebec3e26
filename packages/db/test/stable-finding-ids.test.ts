// Migration 0027 on a database that already holds findings: each row keeps its id as the finding's id
// and as its version's, and its exposures follow the version.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, type TestDatabase } from '../src/index.ts';

describe('migration 0027 (stable finding ids)', () => {
  let t: TestDatabase;
  const finding = randomUUID();
  const batch = randomUUID();
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < '0027'),
    );
    const organisation = randomUUID();
    const run = randomUUID();
    const event = randomUUID();
    await t.db.execScript(`
      INSERT INTO organisations (id, kind, name, country, entry_index) VALUES ('${organisation}', 'supplier', 'o', 'GH', 0);
      INSERT INTO trace_events (id, kind, organisation_id, event_time, entry_index)
        VALUES ('${event}', 'harvest', '${organisation}', now(), 0);
      INSERT INTO batches (id, organisation_id, lot, commodity, material, quantity_value, quantity_unit, mass_grams, produced_by, entry_index)
        VALUES ('${batch}', '${organisation}', 'L', 'cocoa', 'cocoa_beans', 1, 'GRM', 1, '${event}', 0);
      INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
        VALUES ('${run}', 'recompute', 1, 'v', now(), 1, 'test');
      INSERT INTO mass_balance_findings (id, run_id, rule, severity, subject_kind, subject_id, message, numbers, reference_version, tree_size)
        VALUES ('${finding}', '${run}', 'OVER_YIELD', 'warning', 'plot', 'p', 'm', '{}', 'v', 1);
      INSERT INTO mass_balance_exposures (finding_id, batch_id, share) VALUES ('${finding}', '${batch}', 0.5);
    `);
    await migrate(t.db);
  }, 180_000);
  afterAll(() => t.destroy());

  it('keeps a finding written before it under its id, as its first version, with its exposures', async () => {
    const rows = await t.db.query<{ id: string; version_id: string; share: number }>(
      `SELECT f.id, f.version_id, x.share FROM mass_balance_findings f
         JOIN mass_balance_exposures x ON x.finding_version_id = f.version_id`,
    );
    expect(rows).toEqual([{ id: finding, version_id: finding, share: 0.5 }]);
    // Another version of the same finding may now be written under the same id.
    await t.db.query(
      `INSERT INTO mass_balance_findings (version_id, id, run_id, rule, severity, subject_kind, subject_id, message, numbers,
         reference_version, tree_size) SELECT $1, id, run_id, rule, severity, subject_kind, subject_id, message, numbers,
         reference_version, tree_size FROM mass_balance_findings WHERE id = $2`,
      [randomUUID(), finding],
    );
    expect(
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM mass_balance_findings WHERE id = $1',
          [finding],
        )
      )[0]!.n,
    ).toBe(2);
  });
});
