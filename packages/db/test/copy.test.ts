// Binary COPY rows read back exactly as the database prints them, from both databases: every field
// kind against the same values read as text by an ordinary query, in both layouts (a COPY of rows, and
// rows aggregated into one value by tuplesSql); malformed bytes are refused with the row and field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CopyFormatError,
  openTestDatabase,
  readAggregatedCopy,
  readBinaryCopy,
  type TestDatabase,
  tuplesSql,
} from '../src/index.ts';

// Chosen for their edges: the largest exact integer, negatives, NULLs, times before 1970 and 2000 and
// with sub-millisecond digits, masses at the evaluable bound, numerics with trailing zeros.
const VALUES = `(VALUES
  (1, 9007199254740991::bigint, timestamptz '2026-02-01 08:00:00.1239+00', 120880.761::numeric(36,3),
   0.700::numeric(4,3), 'harvest', 'ünï ☕', '0b7f4c2e-5d1a-4e8b-9a63-2f4d8e1c7a50'::uuid),
  (2, -42::bigint, timestamptz '1969-12-31 23:59:59.9995+00', 1000000000000.000::numeric(36,3),
   1::numeric(4,3), 'transfer', '', 'ffffffff-ffff-4fff-bfff-ffffffffffff'::uuid),
  (3, NULL::bigint, NULL::timestamptz, NULL::numeric(36,3), NULL::numeric(4,3), 'harvest', NULL,
   NULL::uuid),
  (4, 0::bigint, timestamptz '1999-12-31 23:59:59.999999+00', 0.001::numeric(36,3),
   0.050::numeric(4,3), 'transfer', 'x', '0b7f4c2e-5d1a-4e8b-9a63-2f4d8e1c7a50'::uuid),
  (5, 7::bigint, timestamptz '2000-01-01 00:00:00+00', -12.5::numeric(36,3), 0.001::numeric(4,3),
   'loss', 'a b,c', '00000000-0000-4000-8000-000000000000'::uuid)
) AS v(n, big, at, grams, share, kind, note, ref)`;

const AS_TEXT = `SELECT n, big::text, floor(extract(epoch FROM at) * 1000)::bigint::text AS ms,
    trim_scale(grams * 1000)::text AS milli, trim_scale(share)::text AS share, kind, note, ref::text
  FROM ${VALUES} ORDER BY n`;

describe('binary COPY rows', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
  });
  afterAll(() => t.destroy());

  /** What an ordinary query prints, in the reader's terms: NaN and '' for NULL. */
  async function expected() {
    const rows = await t.db.query<Record<string, string | number | null>>(AS_TEXT);
    const num = (v: string | number | null | undefined) =>
      v === null || v === undefined ? Number.NaN : Number(v);
    return {
      big: rows.map((r) => num(r.big)),
      ms: rows.map((r) => num(r.ms)),
      milli: rows.map((r) => num(r.milli)),
      share: rows.map((r) => r.share ?? ''),
      kind: rows.map((r) => r.kind),
      note: rows.map((r) => r.note ?? ''),
      ref: rows.map((r) => r.ref ?? ''),
    };
  }

  const FIELDS = ['int', 'time', 'milli', 'decimal', 'text:shared', 'text', 'uuid', 'uuid:shared'] as const;
  const check = (columns: (Float64Array | string[])[], want: Awaited<ReturnType<typeof expected>>) => {
    expect([...(columns[0] as Float64Array)]).toEqual(want.big);
    expect([...(columns[1] as Float64Array)]).toEqual(want.ms);
    expect([...(columns[2] as Float64Array)]).toEqual(want.milli);
    expect(columns[3]).toEqual(want.share);
    expect(columns[4]).toEqual(want.kind);
    expect(columns[5]).toEqual(want.note);
    expect(columns[6]).toEqual(want.ref);
    expect(columns[7]).toEqual(want.ref);
  };

  it('reads every field kind of a COPY of rows as an ordinary query prints it', async () => {
    const bytes = await t.db.copyBinary(
      `SELECT big, at, grams, share, kind, note, ref, ref FROM ${VALUES} ORDER BY n`,
    );
    const { rows, columns } = readBinaryCopy(bytes, FIELDS);
    expect(rows).toBe(5);
    check(columns, await expected());
  });

  it('reads the same rows aggregated into one value', async () => {
    const tuples = tuplesSql([
      { sql: 'big', type: 'int8' },
      { sql: 'at', type: 'timestamptz' },
      { sql: 'grams', type: 'numeric' },
      { sql: 'share', type: 'numeric' },
      { sql: 'kind', type: 'text', notNull: true },
      { sql: 'note', type: 'text' },
      { sql: 'ref', type: 'uuid' },
      { sql: 'ref', type: 'uuid' },
    ]);
    // ORDER BY inside the aggregate: the rows' order is part of what is compared.
    const bytes = await t.db.copyBinary(
      `SELECT ${tuples.replace(/, ''::bytea\)$/, ", ''::bytea ORDER BY n)")} FROM ${VALUES}`,
    );
    const { rows, columns } = readAggregatedCopy(bytes, FIELDS);
    expect(rows).toBe(5);
    check(columns, await expected());
  });

  it('shares one string per distinct value in shared columns', async () => {
    const bytes = await t.db.copyBinary(
      `SELECT ${tuplesSql([{ sql: 'ref', type: 'uuid' }])} FROM ${VALUES}, generate_series(1, 3)`,
    );
    const refs = readAggregatedCopy(bytes, ['uuid:shared']).columns[0] as string[];
    expect(refs).toHaveLength(15);
    expect(new Set(refs)).toEqual(
      new Set([
        '0b7f4c2e-5d1a-4e8b-9a63-2f4d8e1c7a50',
        'ffffffff-ffff-4fff-bfff-ffffffffffff',
        '00000000-0000-4000-8000-000000000000',
        '',
      ]),
    );
  });

  it('reads no rows from an aggregate over nothing (NULL) and from an empty COPY', async () => {
    const none = await t.db.copyBinary(
      `SELECT ${tuplesSql([{ sql: 'n', type: 'int8' }])} FROM ${VALUES} WHERE false`,
    );
    expect(readAggregatedCopy(none, ['int'])).toEqual({ rows: 0, columns: [new Float64Array(0)] });
    const empty = await t.db.copyBinary(`SELECT n FROM ${VALUES} WHERE false`);
    expect(readBinaryCopy(empty, ['int']).rows).toBe(0);
  });

  it('refuses bytes that are not a binary COPY, a row cut short and a row with other fields', async () => {
    const bytes = await t.db.copyBinary(`SELECT n::bigint, kind FROM ${VALUES} ORDER BY n`);
    expect(() => readBinaryCopy(new TextEncoder().encode('1\tharvest\n'), ['int', 'text'])).toThrow(
      CopyFormatError,
    );
    expect(() => readBinaryCopy(bytes.subarray(0, bytes.length - 12), ['int', 'text'])).toThrow(
      /binary COPY row 4/,
    );
    expect(() => readBinaryCopy(bytes, ['int'])).toThrow(/row 0: 2 fields where 1 were expected/);
    expect(() => readBinaryCopy(bytes, ['int', 'uuid'])).toThrow(/row 0, field 1: a uuid is 16 bytes/);
  });
});
