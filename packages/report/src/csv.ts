// A report table as RFC 4180 CSV: a header line of the column names, CRLF line endings, a field
// quoted when it holds a comma, a double quote, CR or LF, and quotes inside doubled (§2).
import type { Cell, Table } from './build.ts';

/** A cell as CSV text: null is the empty field, booleans and numbers as JSON writes them. */
export const cellText = (cell: Cell): string => (cell === null ? '' : String(cell));

const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function tableCsv(table: Table): string {
  const lines = [table.columns.map(field).join(',')];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => field(cellText(row[c] ?? null))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
