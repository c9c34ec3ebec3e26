// Migration 0046 on a database whose resolutions were written into mass_balance_findings: each
// resolution entry becomes one row of finding_resolutions, from the version it was given on (not the
// later copies the recomputes carried forward), and the findings lose their resolution columns.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, type TestDatabase } from '../src/index.ts';

describe('migration 0046 (finding resolutions)', () => {
  let t: TestDatabase;
  const finding = randomUUID();
  const other = randomUUID();
  const back = randomUUID();
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < '0046'),
    );
    const run = randomUUID();
    const version = (
      n: number,
      id: string,
      treeSize: number,
      numbers: string,
      resolved: string,
      superseded = n < 3,
    ) =>
      `INSERT INTO mass_balance_findings (version_id, id, run_id, rule, severity, subject_kind, subject_id, period, message,
         numbers, reference_version, tree_size, computed_at, superseded_at, resolution_entry, resolution, resolved_by, resolved_at)
       VALUES ('${randomUUID()}', '${id}', '${run}', 'OVER_YIELD', 'warning', 'plot', 'p', '2025/26', 'm', '${numbers}',
         'v${n}', ${treeSize}, '2026-01-0${n}T00:00:00Z', ${superseded ? `'2026-01-0${n + 1}T00:00:00Z'` : 'NULL'}, ${resolved});`;
    await t.db.execScript(`
      INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
        VALUES ('${run}', 'recompute', 1, 'v', now(), 1, 'test');
      ${version(1, finding, 10, '{"grams": 5}', "7, 'checked on site', 'user:c', '2026-01-01T12:00:00Z'")}
      ${version(2, finding, 20, '{"grams": 5}', "7, 'checked on site', 'user:c', '2026-01-01T12:00:00Z'")}
      ${version(3, finding, 30, '{"grams": 6}', 'NULL, NULL, NULL, NULL')}
      ${version(1, other, 10, '{"grams": 1}', 'NULL, NULL, NULL, NULL')}
      ${version(1, back, 10, '{"grams": 9}', "8, 'seen', 'user:c', '2026-01-01T12:00:00Z'")}
      ${version(4, back, 40, '{"grams": 9}', 'NULL, NULL, NULL, NULL', false)}
    `);
    await migrate(t.db);
  }, 180_000);
  afterAll(() => t.destroy());

  it('keeps each resolution once, as given on its first version', async () => {
    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT entry_index::int AS entry_index, finding_id, rule, subject_kind, subject_id, period, numbers,
              reference_version, tree_size::int AS tree_size, justification, resolved_by
         FROM finding_resolutions`,
    );
    expect(rows.sort((a, b) => Number(a.entry_index) - Number(b.entry_index))[0]).toEqual({
      entry_index: 7,
      finding_id: finding,
      rule: 'OVER_YIELD',
      subject_kind: 'plot',
      subject_id: 'p',
      period: '2025/26',
      numbers: { grams: 5 },
      reference_version: 'v1',
      tree_size: 10,
      justification: 'checked on site',
      resolved_by: 'user:c',
    });
    expect(rows.map((r) => r.entry_index).sort()).toEqual([7, 8]);
  });

  it('marks the versions of a resolved finding that came back after a run that did not find it', async () => {
    const rows = await t.db.query<{ id: string; tree_size: number; returned_at: number | null }>(
      `SELECT id, tree_size::int AS tree_size, returned_at::int AS returned_at FROM mass_balance_findings
        WHERE id = ANY($1::uuid[]) ORDER BY id = $2 DESC, tree_size`,
      [[finding, back], back],
    );
    // The second version of \`back\` continues none (nothing was superseded when it was written).
    expect(rows.map((r) => [r.id, r.tree_size, r.returned_at])).toEqual([
      [back, 10, null],
      [back, 40, 40],
      [finding, 10, null],
      [finding, 20, null],
      [finding, 30, null],
    ]);
  });

  it('drops the resolution columns of the derived findings', async () => {
    const columns = await t.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'mass_balance_findings' AND column_name LIKE 'resol%'`,
    );
    expect(columns).toEqual([]);
  });
});
