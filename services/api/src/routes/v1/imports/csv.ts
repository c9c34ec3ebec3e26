// RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" for a quote), CRLF or LF.

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses CSV text with a header row into one object per data row (header names as keys). */
export function parseCsv(text: string, maxRows: number): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
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
    else if (c === ',') {
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
  const [header, ...data] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) throw new CsvError('no header row', 1);
  return data.map((r, i) => {
    if (r.length !== header.length)
      throw new CsvError(`has ${r.length} fields, the header has ${header.length}`, i + 2);
    return Object.fromEntries(header.map((name, j) => [name.trim(), r[j]!]));
  });
}
