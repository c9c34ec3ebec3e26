// Migration 0049 on a database with resolutions written before it: each is given for its resolver's
// organisation (read from the resolver's user row, as the projector reads an entry without
// `resolvedFor`), an administrator's and an operator's (no user) for everyone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, type TestDatabase } from '../src/index.ts';

describe('migration 0049 (resolutions per organisation)', () => {
  let t: TestDatabase;
  const brand = randomUUID();
  const officer = randomUUID();
  const administrator = randomUUID();
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < '0049'),
    );
    const resolution = (entry: number, by: string) =>
      `INSERT INTO finding_resolutions (entry_index, finding_id, rule, subject_kind, subject_id, period, numbers,
         reference_version, tree_size, justification, resolved_by, resolved_at)
       VALUES (${entry}, '${randomUUID()}', 'IMPOSSIBLE_YIELD', 'plot', 'p', '2025/26', '{"grams": 5}', 'v', 10,
         'checked on site', '${by}', '2026-01-01T12:00:00Z');`;
    await t.db.execScript(`
      INSERT INTO organisations (id, kind, name, country, entry_index) VALUES ('${brand}', 'brand', 'b', 'GB', 0);
      INSERT INTO users (id, organisation_id, role, entry_index) VALUES ('${officer}', '${brand}', 'compliance', 1);
      INSERT INTO users (id, organisation_id, role, entry_index) VALUES ('${administrator}', NULL, 'admin', 2);
      ${resolution(7, `user:${officer}`)}
      ${resolution(8, `user:${administrator}`)}
      ${resolution(9, 'gt-operator')}
    `);
    await migrate(t.db);
  }, 180_000);
  afterAll(() => t.destroy());

  it("gives each earlier resolution for its resolver's organisation; an administrator's for everyone", async () => {
    const rows = await t.db.query<{ entry_index: string | number; resolved_for: string | null }>(
      'SELECT entry_index, resolved_for FROM finding_resolutions ORDER BY entry_index',
    );
    expect(rows.map((r) => [Number(r.entry_index), r.resolved_for])).toEqual([
      [7, brand],
      [8, null],
      [9, null],
    ]);
  });
});
