// Packed rows: a query that returns a million rows one row at a time spends most of its time in the
// driver, building an object and a string per value. Aggregated into one text value instead (fields
// joined by U+001F, rows by U+001E, the ASCII unit and record separators), the same rows arrive as one
// string and are read here into typed columns, numbers without allocating a string for each.

/** SQL that joins a row's fields for `string_agg(…, PACKED_ROW_SEPARATOR)`; each field is text or ''. */
export const packedRow = (...fields: string[]): string =>
  // Parenthesised: `||` binds no tighter than operators such as `->>` a field may use.
  fields.map((f) => `(${f})`).join(' || chr(31) || ');
export const PACKED_ROW_SEPARATOR = 'chr(30)';

/** 'n': a non-negative integer (empty is NaN); 's': text. */
export type PackedField = 'n' | 's';

export interface PackedColumns {
  rows: number;
  /** One column per field: a Float64Array for 'n', a string[] for 's'. */
  columns: (Float64Array | string[])[];
}

const UNIT = 31;
const RECORD = 30;

/**
 * Reads packed rows. Integers are exact up to 2^53 (a milligram count of nine billion tonnes);
 * anything that is not a plain non-negative integer belongs in an 's' field.
 */
export function readPacked(text: string | null | undefined, fields: readonly PackedField[]): PackedColumns {
  if (!text) return { rows: 0, columns: fields.map((f) => (f === 'n' ? new Float64Array(0) : [])) };
  let rows = 1;
  for (let i = text.indexOf('\u001e'); i !== -1; i = text.indexOf('\u001e', i + 1)) rows++;
  const columns = fields.map((f) => (f === 'n' ? new Float64Array(rows) : new Array<string>(rows)));
  let at = 0;
  for (let row = 0; row < rows; row++) {
    for (let f = 0; f < fields.length; f++) {
      const last = f === fields.length - 1;
      const end = last ? RECORD : UNIT;
      if (fields[f] === 'n') {
        let value = 0;
        let digits = 0;
        let c = text.charCodeAt(at);
        while (at < text.length && c !== end) {
          if (c < 48 || c > 57) throw new PackedRowError(row, f, `"${text[at]}" in a number`);
          value = value * 10 + (c - 48);
          digits++;
          c = text.charCodeAt(++at);
        }
        (columns[f] as Float64Array)[row] = digits === 0 ? Number.NaN : value;
      } else {
        // The field ends at the next separator of either kind; the check below says if it was the wrong one.
        let stop = text.indexOf('\u001f', at);
        const record = text.indexOf('\u001e', at);
        if (stop === -1 || (record !== -1 && record < stop)) stop = record;
        if (stop === -1) stop = text.length;
        (columns[f] as string[])[row] = text.slice(at, stop);
        at = stop;
      }
      if (at < text.length && text.charCodeAt(at) !== end)
        throw new PackedRowError(row, f, 'a field separator where the row should end');
      if (!last && at >= text.length) throw new PackedRowError(row, f, 'the text ends inside the row');
      at++;
    }
  }
  return { rows, columns };
}

export class PackedRowError extends Error {
  constructor(row: number, field: number, problem: string) {
    super(`packed row ${row}, field ${field}: ${problem}`);
    this.name = 'PackedRowError';
  }
}
