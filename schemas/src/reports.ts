// Audit reports for a lot, a supplier or a brand's whole chain, pinned to a signed ledger checkpoint
// (docs/reports.md, decision 0023): the JSON is the source; CSV, PDF and GeoJSON are drawn from it.
import { z } from 'zod';

/** The report's tables, in the order its JSON, PDF and the CSV links give them (packages/report). */
export const AUDIT_REPORT_TABLES = [
  'suppliers',
  'volume',
  'plots',
  'evidenceSites',
  'evidenceTiers',
  'findings',
  'risk',
] as const;

/** `/v1/reports/{scope}/{id}`. */
export const AuditReportParams = z.object({
  scope: z
    .enum(['lots', 'suppliers', 'chains'])
    .describe('lots: a batch id; suppliers: an organisation id; chains: a brand’s organisation id'),
  id: z.uuid('the report’s subject is a UUID (a batch id for lots, an organisation id otherwise)'),
});

/** `/v1/reports/{scope}/{id}/csv/{table}`. */
export const AuditReportTableParams = AuditReportParams.extend({ table: z.enum(AUDIT_REPORT_TABLES) });

export const AuditReportQuery = z.object({
  // Parsed defensively: a tree size is a non-negative integer well inside 2^53.
  treeSize: z.coerce
    .number()
    .int('a tree size is an integer')
    .min(1, 'a tree size is at least 1')
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('the tree size of a signed checkpoint to pin the report to; the newest signed one by default'),
});

export const AuditReport = z
  .object({
    format: z.literal('groundtruth-audit-report/1'),
    scope: z.enum(['lot', 'supplier', 'chain']),
    subject: z.object({ id: z.uuid(), label: z.string(), rootOrganisationId: z.uuid() }),
    checkpoint: z.object({
      origin: z.string(),
      treeSize: z.number().int(),
      rootHashBase64: z.string(),
      rootHashHex: z.string(),
      issuedAt: z.string(),
      note: z.string(),
      verify: z.array(z.string()),
    }),
    summary: z.record(z.string(), z.unknown()),
    tables: z.record(
      z.enum(AUDIT_REPORT_TABLES),
      z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())) }),
    ),
    notes: z.array(z.string()),
  })
  .meta({ id: 'AuditReport', description: 'An audit report; field by field in docs/reports.md' });
