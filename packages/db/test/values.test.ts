import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyOf,
  asc,
  isoTime,
  jsonValue,
  openTestDatabase,
  organisations,
  type TestDatabase,
} from '../src/index.ts';

describe('value coercers', () => {
  let t: TestDatabase;
  const ids = [randomUUID(), randomUUID(), randomUUID()].sort();
  beforeAll(async () => {
    t = await openTestDatabase();
    for (const [i, id] of ids.entries())
      await t.db.query(
        `INSERT INTO organisations (id, kind, name, country, entry_index, identifiers)
         VALUES ($1, 'supplier', $2, 'GH', $3, '{"gln": "0614141000005"}')`,
        [id, `co-op ${i}`, i],
      );
  });
  afterAll(() => t.destroy());

  describe('isoTime', () => {
    it('reads a raw timestamptz the same on either driver', async () => {
      const [row] = await t.db.query<{ at: Date | string }>(
        `SELECT '2026-03-01 12:34:56.789123+02'::timestamptz AS at`,
      );
      expect(isoTime(row!.at)).toBe('2026-03-01T10:34:56.789Z');
    });

    it('agrees with what drizzle reads from the same column', async () => {
      const [raw] = await t.db.query<{ created_at: Date | string }>(
        'SELECT created_at FROM organisations WHERE id = $1',
        [ids[0]],
      );
      const [typed] = await t.db.orm.select().from(organisations).orderBy(asc(organisations.id)).limit(1);
      expect(typed!.createdAt.toISOString()).toBe(isoTime(raw!.created_at));
    });
  });

  describe('jsonValue', () => {
    it('parses json text and passes a parsed value through', async () => {
      const [row] = await t.db.query<{ parsed: unknown; text: string }>(
        'SELECT identifiers AS parsed, identifiers::text AS text FROM organisations WHERE id = $1',
        [ids[0]],
      );
      expect(jsonValue(row!.parsed)).toEqual({ gln: '0614141000005' });
      expect(jsonValue(row!.text)).toEqual({ gln: '0614141000005' });
    });
  });

  describe('anyOf', () => {
    const select = (values: string[]) =>
      t.db.orm
        .select({ id: organisations.id })
        .from(organisations)
        .where(anyOf(organisations.id, values))
        .orderBy(asc(organisations.id));

    it('matches the listed values and nothing for an empty list', async () => {
      expect((await select([ids[0]!, ids[2]!])).map((r) => r.id)).toEqual([ids[0], ids[2]]);
      expect(await select([])).toEqual([]);
    });

    it('sends the list as one parameter, so the statement is the same for any length', () => {
      const one = select([ids[0]!]).toSQL();
      const three = select(ids).toSQL();
      expect(three.sql).toBe(one.sql);
      expect(three.params).toEqual([ids]);
    });
  });
});
