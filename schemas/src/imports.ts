import { z } from 'zod';

/** The per-row outcome of a bulk import. */
export const ImportReport = z
  .object({
    kind: z.enum(['suppliers', 'plots']),
    mode: z.enum(['all-or-nothing', 'per-row']),
    accepted: z.number().int(),
    rejected: z.number().int(),
    rows: z.array(
      z.object({
        row: z.number().int().describe('1-based data row (CSV: not counting the header)'),
        status: z.enum(['accepted', 'rejected']),
        id: z.string().optional(),
        errors: z
          .array(z.object({ in: z.string().optional(), pointer: z.string(), detail: z.string() }))
          .optional(),
      }),
    ),
    csv: z
      .object({
        delimiter: z.enum([',', ';', '\t']).describe('detected from the header line'),
        decimalComma: z.boolean().describe('numbers were written with a decimal comma (-5,51073)'),
        ignoredColumns: z.array(z.string()).describe('unknown columns left out (unknownColumns=ignore)'),
      })
      .optional()
      .describe('how a CSV file was read'),
  })
  .meta({ id: 'ImportReport' });
