// Packed rows read back exactly as the database wrote them, from both databases, and a malformed
// text is refused with the row and field that broke rather than read as shifted columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  PACKED_ROW_SEPARATOR,
  PackedRowError,
  packedRow,
  readPacked,
  type TestDatabase,
} from '../src/index.ts';

describe('packed rows', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
  });
  afterAll(() => t.destroy());

  it('round-trips numbers, empty numbers and text through string_agg', async () => {
    const [row] = await t.db.query<{ packed: string }>(
      `SELECT string_agg(${packedRow('n::text', "coalesce(m::text, '')", 's')}, ${PACKED_ROW_SEPARATOR}) AS packed
         FROM (VALUES (0, 9007199254740991::bigint, 'a b,c'), (42, NULL, ''), (7, 1, 'ünï')) AS v(n, m, s)`,
    );
    const { rows, columns } = readPacked(row!.packed, ['n', 'n', 's']);
    expect(rows).toBe(3);
    expect([...(columns[0] as Float64Array)].sort((a, b) => a - b)).toEqual([0, 7, 42]);
    const byN = new Map([...(columns[0] as Float64Array)].map((n, i) => [n, i]));
    expect((columns[1] as Float64Array)[byN.get(0)!]).toBe(9007199254740991);
    expect((columns[1] as Float64Array)[byN.get(42)!]).toBeNaN();
    expect((columns[2] as string[])[byN.get(0)!]).toBe('a b,c');
    expect((columns[2] as string[])[byN.get(42)!]).toBe('');
    expect((columns[2] as string[])[byN.get(7)!]).toBe('ünï');
  });

  it('reads no rows from NULL (string_agg over nothing)', () => {
    expect(readPacked(null, ['n', 's'])).toEqual({ rows: 0, columns: [new Float64Array(0), []] });
  });

  it('refuses a row with too few or too many fields, or a non-digit in a number', () => {
    expect(() => readPacked('1\u001f2\u001e3', ['n', 'n'])).toThrow(/row 1, field 0/);
    expect(() => readPacked('1\u001f2\u001f3', ['n', 'n'])).toThrow(PackedRowError);
    expect(() => readPacked('x\u001e\u001fy', ['s', 's'])).toThrow(/row 0, field 0/);
    expect(() => readPacked('1.5', ['n'])).toThrow(/"\." in a number/);
    expect(() => readPacked('-1', ['n'])).toThrow(PackedRowError);
  });
});
