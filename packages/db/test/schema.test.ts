import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, schema, type TestDatabase } from '../src/index.ts';

// The SQL migrations are the source of truth for DDL; the drizzle definitions must describe them.
describe('drizzle schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.destroy());

  for (const table of Object.values(schema)) {
    const config = getTableConfig(table);
    it(`matches the migrated table ${config.name}`, async () => {
      const rows = await t.db.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
        [config.name],
      );
      const migrated = rows.map((r) => [r.column_name, r.data_type, r.is_nullable === 'NO']);
      const declared = config.columns
        .map((c) => [
          c.name,
          c.getSQLType().replace(/^timestamp with time zone$/, 'timestamp with time zone'),
          c.notNull,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const normalise = (type: unknown) =>
        String(type)
          .replace(/^timestamp.*with time zone$/, 'timestamp with time zone')
          .replace(/^bigint$/, 'bigint')
          .replace(/^smallint$/, 'smallint')
          // information_schema names every array type ARRAY.
          .replace(/^\w+\[\]$/, 'ARRAY');
      expect(migrated.map(([n, ty, nn]) => [n, normalise(ty), nn])).toEqual(
        declared.map(([n, ty, nn]) => [n, normalise(ty), nn]),
      );
    });
  }
});
