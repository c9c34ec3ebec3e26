import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadMigrations,
  migrate,
  migrationsApplied,
  openTestDatabase,
  type TestDatabase,
} from '../src/index.ts';

describe('database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.destroy());

  describe('#migrate', () => {
    it('applies every checked-in migration once and reports ready', async () => {
      expect(await migrationsApplied(t.db)).toBe(true);
      expect(await migrate(t.db)).toEqual([]);
    });

    it('refuses to start when an applied migration file was edited', async () => {
      const edited = loadMigrations().map((m) => ({ ...m, checksum: 'edited' }));
      await expect(migrate(t.db, edited)).rejects.toThrow(/changed after it was applied/);
    });
  });

  describe('append-only ledger tables', () => {
    beforeAll(async () => {
      const hash = Buffer.alloc(32, 1);
      await t.db.query(
        "INSERT INTO ledger_entries (idx, leaf_hash, data, entry_type, subject) VALUES (0, $1, $2, 'test.entry', 's')",
        [hash, Buffer.from('{}')],
      );
      await t.db.query('INSERT INTO ledger_subtrees (level, idx, hash) VALUES (1, 0, $1)', [hash]);
      await t.db.query("INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES (1, $1, 'n')", [
        hash,
      ]);
    });

    const statements = (table: string, column: string) => [
      `UPDATE ${table} SET ${column} = ${column}`,
      `DELETE FROM ${table}`,
      // CASCADE, so that a foreign key naming the table (publications name entries) does not refuse
      // it first: the trigger must.
      `TRUNCATE ${table} CASCADE`,
    ];

    for (const [table, column] of [
      ['ledger_entries', 'subject'],
      ['ledger_subtrees', 'hash'],
      ['ledger_checkpoints', 'note'],
    ] as const) {
      it(`refuses UPDATE, DELETE and TRUNCATE on ${table}`, async () => {
        const rows = () => t.db.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
        const before = await rows();
        for (const sql of statements(table, column)) {
          await expect(t.db.query(sql), sql).rejects.toThrow(/append-only/);
        }
        expect(await rows()).toEqual(before);
        expect(before.length).toBeGreaterThan(0);
      });
    }

    describe('erasing an entry’s disclosures (migration 0051)', () => {
      const disclosed = async (idx: number) => {
        const [row] = await t.db.query<{
          data: Uint8Array;
          disclosure_owner: string | null;
          disclosure_paths: string | null;
          disclosures: string | null;
        }>(
          'SELECT data, disclosure_owner, disclosure_paths, disclosures FROM ledger_entries WHERE idx = $1',
          [idx],
        );
        return row!;
      };
      const owner = '00000000-0000-4000-8000-000000000001';
      beforeAll(async () => {
        for (const [idx, type] of [
          [1, 'contact.added'],
          [2, 'contact.added'],
          [3, 'plot.mapped'],
        ] as const)
          await t.db.query(
            `INSERT INTO ledger_entries (idx, leaf_hash, data, entry_type, subject, disclosure_owner, disclosure_paths, disclosures)
             VALUES ($1, $2, $3, $4, 's', $5, 'a~b', 'ZGlzY2xvc3VyZQ~c2Vjb25k')`,
            [idx, Buffer.alloc(32, idx + 1), Buffer.from(`{"n":${idx}}`), type, owner],
          );
        // A published field of the entry to be erased, and one of the entry that stays.
        await t.db.query(
          "INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry) VALUES (2, 'a', 3), (1, 'b', 3)",
        );
      });

      it('refuses every UPDATE but a contact’s erasure of all three disclosure columns, and keeps the bytes', async () => {
        const erase = 'disclosure_owner = NULL, disclosure_paths = NULL, disclosures = NULL';
        const refused = [
          // Replacing or adding disclosures: a forged opening would still fail its digest, but is refused anyway.
          "UPDATE ledger_entries SET disclosures = 'Zm9yZ2Vk~Zm9yZ2Vk' WHERE idx = 1",
          "UPDATE ledger_entries SET disclosure_paths = 'a~b', disclosures = 'eA~eQ' WHERE idx = 0",
          // Half an erasure: every disclosure column goes, or none.
          'UPDATE ledger_entries SET disclosures = NULL, disclosure_paths = NULL WHERE idx = 1',
          'UPDATE ledger_entries SET disclosure_owner = NULL WHERE idx = 1',
          // A no-op on an entry with disclosures, and on one without.
          'UPDATE ledger_entries SET subject = subject WHERE idx = 1',
          'UPDATE ledger_entries SET subject = subject WHERE idx = 0',
          // Erasing while changing anything else: bytes, hash, type, subject, time, index.
          `UPDATE ledger_entries SET ${erase}, data = '\\x7b7d' WHERE idx = 1`,
          `UPDATE ledger_entries SET ${erase}, leaf_hash = '\\x${'00'.repeat(32)}' WHERE idx = 1`,
          `UPDATE ledger_entries SET ${erase}, entry_type = 'contact.erased' WHERE idx = 1`,
          `UPDATE ledger_entries SET ${erase}, subject = 'other' WHERE idx = 1`,
          `UPDATE ledger_entries SET ${erase}, recorded_at = recorded_at + interval '1 microsecond' WHERE idx = 1`,
          `UPDATE ledger_entries SET ${erase}, idx = 9 WHERE idx = 1`,
          // Erasing an entry of another type than a contact: nothing but personal data is erasable.
          `UPDATE ledger_entries SET ${erase} WHERE idx = 3`,
        ];
        const before = await t.db.query('SELECT * FROM ledger_entries ORDER BY idx');
        for (const sql of refused) await expect(t.db.query(sql), sql).rejects.toThrow(/append-only/);
        expect(await t.db.query('SELECT * FROM ledger_entries ORDER BY idx')).toEqual(before);

        const publications = () =>
          t.db.query('SELECT entry_index::int AS i, path FROM ledger_disclosure_publications ORDER BY 1');
        expect(await publications()).toEqual([
          { i: 1, path: 'b' },
          { i: 2, path: 'a' },
        ]);
        await t.db.query(`UPDATE ledger_entries SET ${erase} WHERE idx = 2`);
        const erased = await disclosed(2);
        expect(erased).toEqual({
          data: before[2]!.data,
          disclosure_owner: null,
          disclosure_paths: null,
          disclosures: null,
        });
        // Its publication went with it; the other entries keep their disclosures and publication.
        expect(await publications()).toEqual([{ i: 1, path: 'b' }]);
        expect((await disclosed(1)).disclosures).toBe('ZGlzY2xvc3VyZQ~c2Vjb25k');
        expect(
          await t.db.query(
            'SELECT entry_index::int AS i, path, disclosure FROM ledger_disclosures WHERE entry_index < 3 ORDER BY 1, position',
          ),
        ).toEqual([
          { i: 1, path: 'a', disclosure: 'ZGlzY2xvc3VyZQ' },
          { i: 1, path: 'b', disclosure: 'c2Vjb25k' },
        ]);
        // There is nothing left to erase: a second erasure is refused like any other UPDATE.
        await expect(t.db.query(`UPDATE ledger_entries SET ${erase} WHERE idx = 2`)).rejects.toThrow(
          /append-only/,
        );
      });
    });
  });

  describe('#transaction', () => {
    it('leaves nothing behind when the callback throws', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await tx.query("INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES (99, $1, 'x')", [
            Buffer.alloc(32),
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await t.db.query('SELECT 1 FROM ledger_checkpoints WHERE tree_size = 99')).toEqual([]);
    });

    it('undoes only the failed savepoint', async () => {
      await t.db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES (100, $1, 'kept')",
          [Buffer.alloc(32)],
        );
        await expect(
          tx.savepoint(async (sp) => {
            await sp.query(
              "INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES (101, $1, 'x')",
              [Buffer.alloc(32)],
            );
            throw new Error('undo me');
          }),
        ).rejects.toThrow('undo me');
      });
      const rows = await t.db.query<{ tree_size: string | number }>(
        'SELECT tree_size FROM ledger_checkpoints WHERE tree_size >= 100',
      );
      expect(rows.map((r) => Number(r.tree_size))).toEqual([100]);
    });
  });
});
