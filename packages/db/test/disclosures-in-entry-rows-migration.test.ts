// Migration 0051 on a log written before it: each entry's disclosure row moves into the entry's own
// row, publications keep pointing at it, readers of the view see the same rows, and the table then
// accepts erasure and nothing else (docs/decisions/0037).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, type TestDatabase } from '../src/index.ts';

describe('migration 0051 (disclosures in entry rows)', () => {
  let t: TestDatabase;
  const owner = randomUUID();
  const viewRows = () =>
    t.db.query(
      `SELECT entry_index::int AS entry_index, path, disclosure, organisation_id, published_entry::int AS published_entry,
              position::int AS position
         FROM ledger_disclosures ORDER BY entry_index, position`,
    );
  let before: unknown[];
  let dataBefore: unknown[];
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < '0051'),
    );
    // Entry 1 is a contact's (the one type whose disclosures can be erased), 3 a plot's.
    const entry = (idx: number) =>
      `INSERT INTO ledger_entries (idx, leaf_hash, data, entry_type, subject)
       VALUES (${idx}, '\\x${String(idx).padStart(2, '0').repeat(32)}', '\\x7b7d',
               '${idx === 1 ? 'contact.added' : idx === 3 ? 'plot.mapped' : 'test.entry'}', 's${idx}');`;
    await t.db.execScript(`
      ${[0, 1, 2, 3].map(entry).join('\n')}
      INSERT INTO ledger_entry_disclosures (entry_index, organisation_id, paths, disclosures)
        VALUES (1, '${owner}', 'name~site', 'bmFtZQ~c2l0ZQ'), (3, NULL, 'reason', 'cmVhc29u');
      INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry) VALUES (1, 'site', 2);
    `);
    before = await viewRows();
    dataBefore = await t.db.query(
      'SELECT idx, leaf_hash, data, entry_type, subject, recorded_at FROM ledger_entries ORDER BY idx',
    );
    await migrate(t.db);
  }, 180_000);
  afterAll(() => t.destroy());

  it('moves every disclosure row into its entry, leaving the logged columns and the view as they were', async () => {
    expect(before).toHaveLength(3);
    expect(await viewRows()).toEqual(before);
    expect(
      await t.db.query(
        'SELECT idx, leaf_hash, data, entry_type, subject, recorded_at FROM ledger_entries ORDER BY idx',
      ),
    ).toEqual(dataBefore);
    expect(
      await t.db.query(
        'SELECT idx::int AS idx, disclosure_owner, disclosure_paths, disclosures FROM ledger_entries ORDER BY idx',
      ),
    ).toEqual([
      { idx: 0, disclosure_owner: null, disclosure_paths: null, disclosures: null },
      { idx: 1, disclosure_owner: owner, disclosure_paths: 'name~site', disclosures: 'bmFtZQ~c2l0ZQ' },
      { idx: 2, disclosure_owner: null, disclosure_paths: null, disclosures: null },
      { idx: 3, disclosure_owner: null, disclosure_paths: 'reason', disclosures: 'cmVhc29u' },
    ]);
    const [gone] = await t.db.query<{ table: string | null }>(
      "SELECT to_regclass('public.ledger_entry_disclosures')::text AS table",
    );
    expect(gone!.table).toBeNull();
  });

  it('guards the moved rows: an UPDATE of the logged columns is refused, erasure is allowed', async () => {
    await expect(t.db.query("UPDATE ledger_entries SET subject = 'x' WHERE idx = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM ledger_entries WHERE idx = 3')).rejects.toThrow(/append-only/);
    // Not a contact's: refused.
    await expect(
      t.db.query(
        'UPDATE ledger_entries SET disclosure_owner = NULL, disclosure_paths = NULL, disclosures = NULL WHERE idx = 3',
      ),
    ).rejects.toThrow(/append-only/);
    // A contact's: its disclosures and, by the trigger, its publication go.
    await t.db.query(
      'UPDATE ledger_entries SET disclosure_owner = NULL, disclosure_paths = NULL, disclosures = NULL WHERE idx = 1',
    );
    expect(await viewRows()).toEqual([before[2]]);
    expect(await t.db.query('SELECT 1 FROM ledger_disclosure_publications')).toEqual([]);
  });
});
