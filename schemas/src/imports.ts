// Bulk imports of suppliers or plots (JSON or CSV), and the per-row report that answers them.
import { z } from 'zod';
import { safeText } from './common.ts';
import { Commodity, CountryCode, OrganisationInput, PlotInput, Uuid } from './registry.ts';

export const MAX_IMPORT_ROWS = 10_000;
/** The largest import body, JSON or CSV. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export const ImportKind = z.enum(['suppliers', 'plots']);
export const ImportMode = z.enum(['all-or-nothing', 'per-row']);

/** A supplier row: the organisation, and optionally the buyer it supplies (declared with it). */
export const SupplierRow = z
  .object({
    name: safeText().trim().min(1).max(300),
    country: CountryCode,
    role: OrganisationInput.shape.role,
    identifiers: OrganisationInput.shape.identifiers,
    location: OrganisationInput.shape.location,
    address: OrganisationInput.shape.address,
    buyerId: Uuid.optional(),
    commodity: Commodity.optional(),
  })
  .strict()
  .refine((r) => (r.buyerId === undefined) === (r.commodity === undefined), {
    message: 'buyerId and commodity go together',
    path: ['commodity'],
  })
  .meta({ id: 'SupplierImportRow' });

/** `/v1/imports/{kind}`. */
export const ImportKindParams = z.object({ kind: ImportKind });

export const ImportQuery = z.object({
  mode: ImportMode.default('all-or-nothing'),
  unknownColumns: z
    .enum(['refuse', 'ignore'])
    .default('refuse')
    .describe('CSV: refuse a file with columns not documented for its kind (400), or leave them out'),
});

export const ImportHeaders = z.object({
  'idempotency-key': safeText()
    .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII, at most 200 characters')
    .optional(),
});

/** An import as JSON, as documented: each row is judged by its kind's schema. */
export const ImportRows = z
  .object({
    rows: z
      .array(z.union([PlotInput, SupplierRow]))
      .max(MAX_IMPORT_ROWS)
      .describe('plots: NewPlot objects; suppliers: SupplierImportRow objects'),
  })
  .meta({ id: 'ImportRows' });

/**
 * What the route accepts before it reads the rows: JSON rows of any shape (each is judged on its
 * own, so one bad row does not refuse the file) or a CSV text.
 */
export const ImportBody = z.union([
  z.object({ rows: z.array(z.unknown()).max(MAX_IMPORT_ROWS) }).strict(),
  z.string().max(IMPORT_BODY_LIMIT),
]);

/** The per-row outcome of a bulk import. */
export const ImportReport = z
  .object({
    kind: ImportKind,
    mode: ImportMode,
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
