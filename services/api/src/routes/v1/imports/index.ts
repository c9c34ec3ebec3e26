import { Problem, ImportReport as Report, safeText, unsafeTextReason } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, type FieldError } from '../../../errors.ts';
import { CsvError, parseCsv } from './csv.ts';
import { type createImportService, type ImportRow, MAX_IMPORT_ROWS } from './service.ts';

const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const DECIMAL = /^-?\d+(\.\d+)?$/;

const blankToUndefined = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/** A CSV row into the JSON shape of its kind. Only what is present is set, so the schema judges the rest. */
function csvRow(kind: 'suppliers' | 'plots', r: Record<string, string>): ImportRow {
  const pick = (...names: string[]) =>
    Object.fromEntries(
      names.flatMap((n) => (blankToUndefined(r[n]) === undefined ? [] : [[n, blankToUndefined(r[n])]])),
    );
  if (kind === 'suppliers') {
    const identifiers = pick('gln', 'lei', 'nationalRegistration');
    return {
      value: {
        ...pick('name', 'country', 'role', 'buyerId', 'commodity'),
        ...(Object.keys(identifiers).length ? { identifiers } : {}),
      },
    };
  }
  const value: Record<string, unknown> = pick('organisationId', 'name', 'commodity', 'country');
  const area = blankToUndefined(r.declaredAreaHectares);
  if (area !== undefined) value.declaredAreaHectares = DECIMAL.test(area) ? Number(area) : area;
  const geometryText = blankToUndefined(r.geometry);
  const lon = blankToUndefined(r.longitude);
  const lat = blankToUndefined(r.latitude);
  let sourceText: string | undefined;
  if (geometryText !== undefined) {
    sourceText = geometryText;
    try {
      value.geometry = JSON.parse(geometryText);
    } catch {
      value.geometry = geometryText; // the schema rejects it, naming the field
    }
  } else if (lon !== undefined && lat !== undefined && DECIMAL.test(lon) && DECIMAL.test(lat)) {
    // The digits as written, so EUDR precision is judged on them.
    sourceText = `{"type":"Point","coordinates":[${lon},${lat}]}`;
    value.geometry = JSON.parse(sourceText);
  }
  return { value, sourceText };
}

/**
 * CSV is parsed outside zod, and the whole text is kept for idempotent replay: a NUL or a lone
 * surrogate anywhere is refused before anything is written, at the pointer the JSON form would have
 * (/rows/<0-based row>/<column>), with the CSV line in the detail.
 */
function refuseUnsafeCsvText(records: Record<string, string>[]) {
  const errors: FieldError[] = [];
  records.forEach((record, i) => {
    for (const [column, text] of Object.entries(record)) {
      const reason = unsafeTextReason(column) ?? unsafeTextReason(text);
      if (reason)
        errors.push({
          in: 'body',
          pointer: `/rows/${i}/${column.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          detail: `${unsafeTextReason(column) ? 'column name ' : ''}${reason} (data row ${i + 1})`,
        });
    }
  });
  if (errors.length > 0)
    throw badRequest(`invalid ${errors.map((e) => `body${e.pointer}`).join(', ')}`, errors.slice(0, 20));
}

export default async function importRoutes(
  app: FastifyInstance,
  { imports }: { imports: ReturnType<typeof createImportService> },
) {
  app.withTypeProvider<ZodTypeProvider>().post('/:kind', {
    preHandler: app.requireRole('admin', 'procurement'),
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      operationId: 'importRecords',
      tags: ['registry'],
      summary:
        'Bulk import of suppliers or plots (JSON `{ rows: [...] }` or text/csv with a header row), with a per-row report',
      description:
        'Mode `all-or-nothing` (default) writes nothing when any row is rejected (422 with the report); `per-row` writes the accepted rows and reports the rest. A retry with the same `Idempotency-Key` returns the stored report and writes nothing.',
      security: [{ bearer: [] }],
      params: z.object({ kind: z.enum(['suppliers', 'plots']) }),
      querystring: z.object({ mode: z.enum(['all-or-nothing', 'per-row']).default('all-or-nothing') }),
      headers: z.object({
        'idempotency-key': safeText()
          .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII, at most 200 characters')
          .optional(),
      }),
      body: z.union([
        z.object({ rows: z.array(z.unknown()).max(MAX_IMPORT_ROWS) }).strict(),
        z.string().max(IMPORT_BODY_LIMIT),
      ]),
      response: {
        200: Report,
        422: Report,
        400: Problem,
        401: Problem,
        403: Problem,
        409: Problem,
        413: Problem,
      },
    },
    handler: async (request, reply) => {
      const { kind } = request.params;
      let rows: ImportRow[];
      if (typeof request.body === 'string') {
        if (!/^text\/csv\b/.test(request.headers['content-type'] ?? ''))
          throw badRequest('send CSV as text/csv, JSON as { rows: [...] }');
        try {
          const records = parseCsv(request.body, MAX_IMPORT_ROWS);
          refuseUnsafeCsvText(records);
          rows = records.map((r) => csvRow(kind, r));
        } catch (error) {
          if (error instanceof CsvError)
            throw badRequest(`malformed CSV, ${error.message}`, [
              { in: 'body', pointer: '/', detail: error.message },
            ]);
          throw error;
        }
      } else {
        rows = request.body.rows.map((value) => ({ value, sourceText: request.rawBody }));
      }
      const result = await imports.run(request.principal!, {
        kind,
        mode: request.query.mode,
        rows,
        idempotencyKey: request.headers['idempotency-key'],
        rawRequest:
          typeof request.body === 'string' ? request.body : (request.rawBody ?? JSON.stringify(request.body)),
      });
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return reply.code(result.statusCode === 422 ? 422 : 200).send(result.report);
    },
  });
}
