import {
  IMPORT_BODY_LIMIT,
  ImportBody,
  ImportHeaders,
  ImportKindParams,
  ImportQuery,
  ImportReport,
  ImportRows,
  MAX_IMPORT_ROWS,
  Problem,
  unsafeTextReason,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { badRequest, type FieldError } from '../../../errors.ts';
import { problemResponses, Text } from '../../../openapi.ts';
import {
  describeColumns,
  headerKey,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportKind,
  templateCsv,
} from './columns.ts';
import { CsvError, parseCsv } from './csv.ts';
import type { CsvReading, createImportService, ImportRow } from './service.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** A number written with a decimal comma, as spreadsheets in many locales do. */
const DECIMAL_COMMA = /^(-?\d+),(\d+)$/;

const blankToUndefined = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/** A CSV row into the JSON shape of its kind. Only what is present is set, so the schema judges the rest. */
function csvRow(kind: ImportKind, r: Record<string, string>): ImportRow {
  const pick = (...names: string[]) =>
    Object.fromEntries(
      names.flatMap((n) => (blankToUndefined(r[n]) === undefined ? [] : [[n, blankToUndefined(r[n])]])),
    );
  if (kind === 'suppliers') {
    const identifiers = pick('gln', 'lei', 'nationalRegistration');
    const lon = blankToUndefined(r.longitude);
    const lat = blankToUndefined(r.latitude);
    // Written as given (a number when it reads as one), so the schema names a missing or bad coordinate.
    const coordinate = (v: string | undefined) => (v === undefined ? null : DECIMAL.test(v) ? Number(v) : v);
    return {
      value: {
        ...pick('name', 'country', 'role', 'address', 'buyerId', 'commodity'),
        ...(Object.keys(identifiers).length ? { identifiers } : {}),
        ...(lon !== undefined || lat !== undefined
          ? { location: { type: 'Point', coordinates: [coordinate(lon), coordinate(lat)] } }
          : {}),
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
function refuseUnsafeCsvText(header: string[], records: string[][]) {
  const errors: FieldError[] = [];
  records.forEach((record, i) => {
    for (const [c, text] of record.entries()) {
      const column = header[c] ?? String(c);
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

/**
 * A CSV file into rows: the delimiter is detected, headers are matched to the documented columns
 * (case, spaces, `_` and `-` aside), and in a `;` or tab file numbers may have a decimal comma.
 * Unknown columns refuse the file with one error naming them, unless the caller chose to ignore them.
 */
function readCsv(
  kind: ImportKind,
  text: string,
  unknownColumns: 'refuse' | 'ignore',
): { rows: ImportRow[]; csv: CsvReading } {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text, MAX_IMPORT_ROWS);
  } catch (error) {
    if (error instanceof CsvError)
      throw badRequest(`malformed CSV, ${error.message}`, [
        { in: 'body', pointer: '/', detail: error.message },
      ]);
    throw error;
  }
  refuseUnsafeCsvText(table.header, table.rows);
  const documented = IMPORT_COLUMNS[kind];
  const byKey = new Map(documented.map((c) => [headerKey(c.name), c]));
  const columns: (ImportColumn | undefined)[] = table.header.map((h) => byKey.get(headerKey(h)));
  // A spreadsheet's trailing empty column (`…;declaredAreaHectares;`) is no column at all.
  const isEmptyColumn = (i: number) => table.header[i] === '' && table.rows.every((r) => r[i]!.trim() === '');
  const unknown = table.header.flatMap((name, i) =>
    columns[i] || isEmptyColumn(i) ? [] : [{ name, index: i }],
  );
  const seen = new Map<string, number>();
  const duplicates = columns.flatMap((column, i) => {
    if (!column) return [];
    const first = seen.get(column.name);
    seen.set(column.name, first ?? i);
    return first === undefined ? [] : [{ column: column.name, index: i }];
  });
  if (duplicates.length > 0)
    throw badRequest(
      `the header names ${duplicates.map((d) => `"${d.column}"`).join(', ')} more than once`,
      duplicates.map((d) => ({
        in: 'body' as const,
        pointer: `/header/${d.index}`,
        detail: `"${table.header[d.index]}" repeats column ${d.column}`,
      })),
    );
  if (unknown.length > 0 && unknownColumns === 'refuse') {
    const names = unknown.map((u) => `"${u.name}"`).join(', ');
    throw badRequest(
      `unknown column${unknown.length > 1 ? 's' : ''} ${names}: the ${kind} import takes ` +
        `${documented.map((c) => c.name).join(', ')} (GET /v1/imports/${kind}/template.csv); ` +
        'add ?unknownColumns=ignore to import without them',
      unknown.map((u) => ({
        in: 'body' as const,
        pointer: `/header/${u.index}`,
        detail: `unknown column "${u.name}"`,
      })),
    );
  }
  let decimalComma = false;
  const rows = table.rows.map((fields) => {
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (!column) return;
      let value = fields[i]!.trim();
      // With `,` between fields a decimal comma cannot occur unquoted, and "1,234" may be thousands.
      if (column.numeric && table.delimiter !== ',' && DECIMAL_COMMA.test(value)) {
        value = value.replace(DECIMAL_COMMA, '$1.$2');
        decimalComma = true;
      }
      record[column.name] = value;
    });
    return csvRow(kind, record);
  });
  return {
    rows,
    csv: { delimiter: table.delimiter, decimalComma, ignoredColumns: unknown.map((u) => u.name) },
  };
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
      params: ImportKindParams,
      querystring: ImportQuery,
      headers: ImportHeaders,
      requestContent: {
        content: {
          'application/json': ImportRows,
          'text/csv': Text.describe(
            'A header row, then one row per record; `,`, `;` or tab between fields (detected), RFC 4180 ' +
              'quoting, UTF-8 (a BOM is fine). Headers match regardless of case, spaces, `_` and `-`. In a `;` ' +
              'or tab file numbers may use a decimal comma. Coordinates need six decimals on at least one ' +
              'coordinate of each geometry (spreadsheets drop trailing zeros).\n\nPlots columns:\n' +
              describeColumns('plots') +
              '\n\nSuppliers columns:\n' +
              describeColumns('suppliers'),
          ),
        },
      },
      body: ImportBody,
      response: {
        200: ImportReport,
        422: ImportReport,
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
      let csv: CsvReading | undefined;
      if (typeof request.body === 'string') {
        if (!/^text\/csv\b/.test(request.headers['content-type'] ?? ''))
          throw badRequest('send CSV as text/csv, JSON as { rows: [...] }');
        ({ rows, csv } = readCsv(kind, request.body, request.query.unknownColumns));
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
        csv,
      });
      if (result.replayed) reply.header('idempotency-replayed', 'true');
      return reply.code(result.statusCode === 422 ? 422 : 200).send(result.report);
    },
  });

  app.withTypeProvider<ZodTypeProvider>().get('/:kind/template.csv', {
    schema: {
      operationId: 'importTemplate',
      tags: ['registry'],
      summary: 'Public: the CSV header row of an import, with every documented column',
      params: ImportKindParams,
      responseContent: {
        200: { description: 'the header row', content: { 'text/csv': Text } },
        ...problemResponses(400),
      },
    },
    handler: async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.kind}-template.csv"`)
        .send(templateCsv(request.params.kind)),
  });
}
