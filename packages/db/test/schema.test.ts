import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, schema, type TestDatabase } from '../src/index.ts';

/** Views are read with `sql` templates and have no drizzle definition (decision 0033). */
const VIEWS = ['ledger_disclosures'];

// drizzle spells two types differently from PostgreSQL's format_type().
const postgresSpelling = (type: string) =>
  type.replace(/^char\((\d+)\)$/, 'character($1)').replace(/^numeric\((\d+), (\d+)\)$/, 'numeric($1,$2)');

// The SQL migrations are the source of truth for DDL; the drizzle definitions must describe them,
// every column (name, type with its length, NOT NULL, whether it has a default) and the primary key.
describe('drizzle schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.destroy());

  it('defines every table the migrations create', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const declared = Object.values(schema).map((table) => getTableConfig(table).name);
    expect([...declared, ...VIEWS].sort()).toEqual(rows.map((r) => r.table_name));
  });

  for (const table of Object.values(schema)) {
    const config = getTableConfig(table);
    it(`matches the migrated table ${config.name}`, async () => {
      const rows = await t.db.query<{ name: string; type: string; not_null: boolean; has_default: boolean }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                a.atthasdef AS has_default
           FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attname`,
        [`public.${config.name}`],
      );
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(rows).toEqual(
        config.columns
          .map((c) => ({
            name: c.name,
            type: postgresSpelling(c.getSQLType()),
            not_null: c.notNull,
            has_default: c.hasDefault,
          }))
          .sort(byName),
      );
      const primaryKey = await t.db.query<{ name: string }>(
        `SELECT a.attname AS name
           FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
          WHERE k.conrelid = $1::regclass AND k.contype = 'p'
          ORDER BY a.attname`,
        [`public.${config.name}`],
      );
      const declaredKey = [
        ...config.columns.filter((c) => c.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)),
      ].sort();
      expect(primaryKey.map((r) => r.name)).toEqual(declaredKey);
    });
  }
});
