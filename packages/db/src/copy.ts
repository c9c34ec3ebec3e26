// Binary COPY rows: the leanest way a million rows leave the database. `COPY (…) TO STDOUT (FORMAT
// binary)` sends each value in its internal binary form (PostgreSQL 15 documentation, "COPY", "Binary
// Format"), so the server formats no text (no uuid_out, no timestamp or numeric output) and builds no
// aggregate, and this reader turns the bytes into typed columns without a string per number. UUIDs and
// texts that repeat (an organisation id on a million rows) become one string per distinct value.

/**
 * How a field is read; a NULL reads as NaN (numbers) or '' (strings).
 * - 'int': smallint, integer, bigint (exact up to 2^53) or boolean (1/0), as a number;
 * - 'time': timestamptz, as epoch milliseconds (rounded down);
 * - 'milli': numeric, as the number × 1000 (exact while the result is an integer below 2^53, as grams
 *   with three decimals give whole milligrams); larger values are approximate, ±Infinity and NaN as such;
 * - 'decimal': numeric, as its exact shortest text (what `trim_scale(x)::text` prints);
 * - 'text', 'uuid': text (UTF-8) and uuid (lower-case, hyphenated) strings;
 * - 'text:shared', 'uuid:shared': the same, for columns whose values repeat: each distinct value is
 *   one string, shared by every row that holds it.
 */
export type CopyField =
  | 'int'
  | 'time'
  | 'milli'
  | 'decimal'
  | 'text'
  | 'uuid'
  | 'text:shared'
  | 'uuid:shared';

export interface CopyColumns {
  rows: number;
  /** One column per field: a Float64Array for 'int', 'time' and 'milli', a string[] for the others. */
  columns: (Float64Array | string[])[];
}

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // PGCOPY\n\377\r\n\0
const TWO_32 = 4_294_967_296;
// PostgreSQL's timestamps count microseconds from 2000-01-01 00:00 UTC.
const POSTGRES_EPOCH_MS = 946_684_800_000;
// numeric sign words (src/backend/utils/adt/numeric.c).
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const HEX_CODES = Uint16Array.from(HEX, (h) => (h.charCodeAt(0) << 8) | h.charCodeAt(1));

/** Reads the bytes of one binary COPY into columns, one per field, in the order of the COPY's select. */
export function readBinaryCopy(bytes: Uint8Array, fields: readonly CopyField[]): CopyColumns {
  const buf = asBuffer(bytes);
  const { rows, at } = fieldOffsets(buf, headerEnd(buf), buf.length, fields.length, true);
  return { rows, columns: fields.map((kind, f) => readColumn(kind, buf, at, rows, fields.length, f)) };
}

/**
 * Reads a COPY of one row holding one bytea, the aggregate of tuplesSql() over many rows: the rows
 * travel as one value, so the driver handles one message instead of one per row (postgres.js spends a
 * microsecond and an object on each), and PGlite one row.
 */
export function readAggregatedCopy(bytes: Uint8Array, fields: readonly CopyField[]): CopyColumns {
  const buf = asBuffer(bytes);
  const outer = fieldOffsets(buf, headerEnd(buf), buf.length, 1, true);
  if (outer.rows !== 1)
    throw new CopyFormatError(-1, -1, `${outer.rows} rows where one aggregate was expected`);
  const length = int32(buf, outer.at[0]!);
  // The aggregate of no rows is NULL.
  if (length < 0)
    return {
      rows: 0,
      columns: fields.map((kind) => readColumn(kind, buf, new Uint32Array(0), 0, fields.length, 0)),
    };
  const start = outer.at[0]! + 4;
  const { rows, at } = fieldOffsets(buf, start, start + length, fields.length, false);
  return { rows, columns: fields.map((kind, f) => readColumn(kind, buf, at, rows, fields.length, f)) };
}

/** The send function of each type a tuple field can have (PostgreSQL's binary output functions). */
export type CopySend = 'int8' | 'text' | 'uuid' | 'timestamptz' | 'numeric';
const SEND: Record<CopySend, { fn: string; size?: number }> = {
  int8: { fn: 'int8send', size: 8 },
  text: { fn: 'textsend' },
  uuid: { fn: 'uuid_send', size: 16 },
  timestamptz: { fn: 'timestamptz_send', size: 8 },
  numeric: { fn: 'numeric_send' },
};

/**
 * SQL of `string_agg` over rows, each laid out as a binary COPY tuple (field count, then each field's
 * length and bytes, -1 for NULL) by the same send functions COPY itself uses: select it, from the
 * rows, in `COPY (…) TO … (FORMAT binary)` and read it with readAggregatedCopy. Each field is an SQL
 * expression of the given type (cast it if need be); `notNull` saves the test for NULL where the
 * column cannot hold one.
 */
export function tuplesSql(fields: readonly { sql: string; type: CopySend; notNull?: boolean }[]): string {
  const count = `'\\x${fields.length.toString(16).padStart(4, '0')}'::bytea`;
  const parts = fields.map(({ sql, type, notNull }) => {
    const { fn, size } = SEND[type];
    const value = `${fn}(${sql})`;
    if (notNull && size !== undefined) return `'\\x${size.toString(16).padStart(8, '0')}'::bytea || ${value}`;
    // A NULL makes the length and the bytes NULL too: coalesce writes the NULL marker instead.
    return `coalesce(int4send(octet_length(${value})) || ${value}, '\\xffffffff'::bytea)`;
  });
  return `string_agg(${[count, ...parts].join(' || ')}, ''::bytea)`;
}

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Where each value is: the offset of field f of row r's length word is at[r × fields + f]. One walk
 * over the rows from `start` to `end` (the trailer, or the end of an aggregate), checking each has the
 * fields asked for; every column is then read in a loop of its own.
 */
function fieldOffsets(
  buf: Buffer,
  start: number,
  end: number,
  fields: number,
  trailer: boolean,
): { rows: number; at: Uint32Array } {
  if (buf.length >= 2 ** 32) throw new CopyFormatError(-1, -1, 'more than 4 GiB in one COPY');
  let at = start;
  // Room for the rows if they are all about as long as the first ones, grown if they are not.
  let offsets = new Uint32Array(fields * 16);
  let rows = 0;
  for (;;) {
    if (!trailer && at === end) break;
    if (at + 2 > end) throw new CopyFormatError(rows, -1, 'the data ends without a trailer');
    const count = int16(buf, at);
    at += 2;
    if (count === -1 && trailer) break;
    if (count !== fields)
      throw new CopyFormatError(rows, -1, `${count} fields where ${fields} were expected`);
    if ((rows + 1) * fields > offsets.length) {
      const bytesPerRow = (at - 2 - start) / rows;
      const estimate = Math.ceil((1.1 * (end - start)) / bytesPerRow) * fields;
      const grown = new Uint32Array(Math.max(estimate, Math.ceil(offsets.length * 1.5)));
      grown.set(offsets);
      offsets = grown;
    }
    for (let f = 0; f < fields; f++) {
      if (at + 4 > end) throw new CopyFormatError(rows, f, 'the data ends inside the row');
      offsets[rows * fields + f] = at;
      const length = int32(buf, at);
      at += 4 + Math.max(length, 0);
    }
    if (at > end) throw new CopyFormatError(rows, -1, 'the data ends inside the row');
    rows++;
  }
  return { rows, at: offsets };
}

function headerEnd(buf: Buffer): number {
  if (buf.length < 19 || SIGNATURE.some((byte, i) => buf[i] !== byte))
    throw new CopyFormatError(-1, -1, 'not the binary COPY format (no PGCOPY signature)');
  const flags = int32(buf, 11);
  if (flags & 0x10000)
    throw new CopyFormatError(-1, -1, 'rows carry OIDs, which this reader does not expect');
  return 19 + int32(buf, 15);
}

// Big-endian integers read by hand: Buffer's readers check their arguments on every call.
const int16 = (buf: Buffer, at: number): number => ((buf[at]! << 24) | (buf[at + 1]! << 16)) >> 16;
const uint16 = (buf: Buffer, at: number): number => (buf[at]! << 8) | buf[at + 1]!;
const int32 = (buf: Buffer, at: number): number =>
  (buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!;
const uint32 = (buf: Buffer, at: number): number => int32(buf, at) >>> 0;
/** A big-endian int64 as a number: exact up to 2^53 in magnitude. */
const int64 = (buf: Buffer, at: number): number => int32(buf, at) * TWO_32 + uint32(buf, at + 4);

function readColumn(
  kind: CopyField,
  buf: Buffer,
  offsets: Uint32Array,
  rows: number,
  fields: number,
  field: number,
): Float64Array | string[] {
  if (kind === 'int' || kind === 'time' || kind === 'milli') {
    const read = kind === 'int' ? intValue : kind === 'time' ? timeValue : milliValue;
    const values = new Float64Array(rows);
    for (let row = 0, o = field; row < rows; row++, o += fields) {
      const at = offsets[o]!;
      const length = int32(buf, at);
      values[row] = length < 0 ? Number.NaN : read(buf, at + 4, length, row, field);
    }
    return values;
  }
  if (kind === 'uuid') return uuidColumn(buf, offsets, rows, fields, field);
  const values = new Array<string>(rows);
  const shared =
    kind === 'uuid:shared' || kind === 'text:shared'
      ? new SharedStrings(buf, kind === 'uuid:shared')
      : undefined;
  for (let row = 0, o = field; row < rows; row++, o += fields) {
    const at = offsets[o]! + 4;
    const length = int32(buf, at - 4);
    if (length < 0) values[row] = '';
    else if (kind === 'decimal') values[row] = numericText(buf, at, length, row, field);
    else if (kind === 'text') values[row] = buf.toString('utf8', at, at + length);
    else {
      if (kind === 'uuid:shared' && length !== 16)
        throw new CopyFormatError(row, field, 'a uuid is 16 bytes');
      values[row] = shared!.get(at, length);
    }
  }
  return values;
}

function intValue(buf: Buffer, at: number, length: number, row: number, field: number): number {
  switch (length) {
    case 1:
      return buf[at]!;
    case 2:
      return int16(buf, at);
    case 4:
      return int32(buf, at);
    case 8:
      return int64(buf, at);
    default:
      throw new CopyFormatError(row, field, `an integer of ${length} bytes`);
  }
}

function timeValue(buf: Buffer, at: number, length: number, row: number, field: number): number {
  if (length !== 8) throw new CopyFormatError(row, field, 'a timestamp is 8 bytes');
  const high = int32(buf, at);
  const low = uint32(buf, at + 4);
  // 'infinity' and '-infinity' are the largest and smallest int64.
  if (high === 0x7fffffff && low === 0xffffffff) return Number.POSITIVE_INFINITY;
  if (high === -0x80000000 && low === 0) return Number.NEGATIVE_INFINITY;
  // Exact: |microseconds| < 2^53 for any date PostgreSQL accepts, and the quotient rounds down right.
  return Math.floor((high * TWO_32 + low) / 1000) + POSTGRES_EPOCH_MS;
}

/**
 * numeric as base-10000 digits: ndigits, weight (of the first digit), sign, display scale, then the
 * digits (PostgreSQL numeric_send).
 */
/**
 * numeric as PostgreSQL's numeric_send writes it: digit count, weight of the first digit (in powers of
 * 10000), sign word and display scale, each 16 bits, then the base-10000 digits.
 */
function numericHeader(buf: Buffer, at: number, length: number, row: number, field: number): number {
  if (length < 8) throw new CopyFormatError(row, field, 'a numeric has an 8-byte header');
  const count = int16(buf, at);
  if (count < 0 || length !== 8 + 2 * count)
    throw new CopyFormatError(row, field, `a numeric of ${count} digits in ${length} bytes`);
  return count;
}

/** Not a finite number: NaN or ±Infinity by its sign word; undefined for a finite one. */
function numericSpecial(sign: number): number | undefined {
  if (sign === NUMERIC_NAN) return Number.NaN;
  if (sign === NUMERIC_PINF) return Number.POSITIVE_INFINITY;
  if (sign === NUMERIC_NINF) return Number.NEGATIVE_INFINITY;
  return undefined;
}

function milliValue(buf: Buffer, at: number, length: number, row: number, field: number): number {
  const count = numericHeader(buf, at, length, row, field);
  const weight = int16(buf, at + 2);
  const sign = uint16(buf, at + 4);
  if (sign !== 0 && sign !== NUMERIC_NEG) return numericSpecial(sign) ?? Number.NaN;
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 10_000 + int16(buf, at + 8 + 2 * i);
  // value × 10000^(weight of the last digit) × 1000: one power of ten, applied once.
  const exponent = 4 * (weight - count + 1) + 3;
  const scaled = exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
  return sign === NUMERIC_NEG ? -scaled : scaled;
}

/** A numeric's exact value as the shortest decimal text: no trailing zeros, no point without decimals. */
function numericText(buf: Buffer, at: number, length: number, row: number, field: number): string {
  const count = numericHeader(buf, at, length, row, field);
  const weight = int16(buf, at + 2);
  const sign = uint16(buf, at + 4);
  if (sign !== 0 && sign !== NUMERIC_NEG) {
    const special = numericSpecial(sign) ?? Number.NaN;
    return Number.isNaN(special) ? 'NaN' : special > 0 ? 'Infinity' : '-Infinity';
  }
  if (count === 0) return '0';
  const digit = (w: number) => {
    const i = weight - w;
    return i >= 0 && i < count ? int16(buf, at + 8 + 2 * i) : 0;
  };
  let whole = '';
  for (let w = weight; w >= 0; w--)
    whole += w === weight ? String(digit(w)) : String(digit(w)).padStart(4, '0');
  let fraction = '';
  for (let w = Math.min(-1, weight); w > weight - count; w--) fraction += String(digit(w)).padStart(4, '0');
  fraction = fraction.replace(/0+$/, '');
  return `${sign === NUMERIC_NEG ? '-' : ''}${whole || '0'}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A uuid column: every value's 36 characters written into one buffer, decoded once, and each row a
 * slice of that string (no string built per byte or per group).
 */
function uuidColumn(
  buf: Buffer,
  offsets: Uint32Array,
  rows: number,
  fields: number,
  field: number,
): string[] {
  const ascii = Buffer.allocUnsafe(rows * 36);
  const present = new Uint8Array(rows);
  for (let row = 0, o = field; row < rows; row++, o += fields) {
    const at = offsets[o]!;
    const length = int32(buf, at);
    if (length < 0) continue;
    if (length !== 16) throw new CopyFormatError(row, field, 'a uuid is 16 bytes');
    writeUuid(buf, at + 4, ascii, row * 36);
    present[row] = 1;
  }
  const all = ascii.toString('latin1');
  const values = new Array<string>(rows);
  for (let row = 0; row < rows; row++) values[row] = present[row] ? all.slice(row * 36, row * 36 + 36) : '';
  return values;
}

/** Writes the 16 bytes at `from` as 36 characters of hex and hyphens (RFC 9562 §4) at `to`. */
function writeUuid(from: Buffer, at: number, to: Buffer, out: number): void {
  let o = out;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) to[o++] = 0x2d;
    const pair = HEX_CODES[from[at + i]!]!;
    to[o++] = pair >> 8;
    to[o++] = pair & 0xff;
  }
}

const uuidText = (buf: Buffer, at: number): string => {
  const to = Buffer.allocUnsafe(36);
  writeUuid(buf, at, to, 0);
  return to.toString('latin1');
};
const utf8Text = (buf: Buffer, at: number, length: number): string => buf.toString('utf8', at, at + length);

/**
 * One string per distinct byte sequence: found by a hash of the bytes, confirmed byte for byte against
 * the first occurrence (kept in the COPY's own buffer), so no string is built for a value seen before.
 */
class SharedStrings {
  private readonly known = new Map<number, { at: number; length: number; value: string }[]>();
  private readonly decode: (buf: Buffer, at: number, length: number) => string;
  constructor(
    private readonly buf: Buffer,
    private readonly uuids: boolean,
  ) {
    this.decode = uuids ? uuidText : utf8Text;
  }

  get(at: number, length: number): string {
    const buf = this.buf;
    let hash: number;
    // A uuid's bits are mostly random (RFC 9562 §5.4): two of its words hash it. Anything else: FNV-1a.
    if (this.uuids) hash = int32(buf, at) ^ int32(buf, at + 12);
    else {
      hash = 0x811c9dc5;
      for (let i = at; i < at + length; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
      hash ^= length;
    }
    // Kept a small integer, so the map's keys stay cheap.
    hash &= 0x3fffffff;
    const candidates = this.known.get(hash);
    if (candidates)
      for (const c of candidates) if (c.length === length && sameBytes(buf, at, c.at, length)) return c.value;
    const value = this.decode(buf, at, length);
    const entry = { at, length, value };
    if (candidates) candidates.push(entry);
    else this.known.set(hash, [entry]);
    return value;
  }
}

function sameBytes(buf: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

export class CopyFormatError extends Error {
  constructor(row: number, field: number, problem: string) {
    super(`binary COPY${row >= 0 ? ` row ${row}` : ''}${field >= 0 ? `, field ${field}` : ''}: ${problem}`);
    this.name = 'CopyFormatError';
  }
}
