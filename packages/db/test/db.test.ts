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
      `TRUNCATE ${table}`,
    ];

    for (const [table, column] of [
      ['ledger_entries', 'subject'],
      ['ledger_subtrees', 'hash'],
      ['ledger_checkpoints', 'note'],
    ] as const) {
      it(`refuses UPDATE, DELETE and TRUNCATE on ${table}`, async () => {
        for (const sql of statements(table, column)) {
          await expect(t.db.query(sql), sql).rejects.toThrow(/append-only/);
        }
        const [row] = await t.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
        expect(Number(row!.n)).toBe(1);
      });
    }
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
