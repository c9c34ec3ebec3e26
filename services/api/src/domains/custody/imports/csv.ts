// RFC 4180 CSV: fields optionally in double quotes ("" for a quote), CRLF or LF. Spreadsheets in
// locales whose decimal mark is a comma (French, German … Excel) write `;` between fields instead of
// `,`, so the delimiter is detected from the header line.

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  rows: string[][];
}

const stripBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** The one of `,` `;` and tab that occurs most often outside quotes in the header line (`,` on a tie). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of stripBom(text)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c as CsvDelimiter]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Parses CSV text with a header row; every data row must have as many fields as the header. */
export function parseCsv(text: string, maxRows: number, delimiter = detectDelimiter(text)): CsvTable {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  const input = stripBom(text);
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      if (rows.length > maxRows + 1) throw new CsvError(`more than ${maxRows} rows`, line);
      row = [];
      field = '';
      line++;
    } else if (c === '"') throw new CsvError('a quote inside an unquoted field', line);
    else field += c;
  }
  if (quoted) throw new CsvError('a quoted field is not closed', line);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Spreadsheets leave rows of empty cells (`;;;;`) below the data.
  const [header, ...data] = rows.filter((r) => !r.every((f) => f.trim() === ''));
  if (!header) throw new CsvError('no header row', 1);
  data.forEach((r, i) => {
    if (r.length !== header.length)
      throw new CsvError(`has ${r.length} fields, the header has ${header.length}`, i + 2);
  });
  return { delimiter, header: header.map((name) => name.trim()), rows: data };
}
