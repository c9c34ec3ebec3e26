// @groundtruth/report: audit reports pinned to a ledger checkpoint. The service loads the facts as
// they stood at the checkpoint; this package turns them into the report's JSON (the source, RFC 8785
// canonical), a CSV per table (RFC 4180) and a PDF (docs/reports.md, decision 0023).
export {
  type AuditReport,
  buildReport,
  type Cell,
  REPORT_FORMAT,
  type ReportSummary,
  reportJson,
  TABLE_NAMES,
  type Table,
  type TableName,
  tracedShares,
  verifyInstructions,
} from './build.ts';
export { cellText, tableCsv } from './csv.ts';
export type * from './model.ts';
export { reportPdf, summaryLines } from './pdf.ts';
