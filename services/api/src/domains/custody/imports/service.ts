// Bulk import for procurement onboarding: suppliers or plots from CSV or JSON, with a report of what
// was accepted and why rows were rejected. Accepted rows are written in one transaction, so an import
// is all-or-nothing at the database level in both modes; `all-or-nothing` additionally refuses the
// whole file when any row is bad. An Idempotency-Key makes a retry answer the same without writing.
import { createHash, randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { MAX_IMPORT_ROWS, PlotInput, SupplierRow } from '@groundtruth/schemas';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, type FieldError, fieldErrors } from '../../../errors.ts';
import { appendRecords, isUniqueViolation, type RecordSpec } from '../../../record.ts';
import {
  managerOnRegistration,
  prepareRegistration,
  relationshipSpec,
} from '../../registry/organisations/service.ts';
import type { createPlotService } from '../../registry/plots/service.ts';
import type { ImportKind } from './columns.ts';

export type { ImportKind };
export type ImportMode = 'all-or-nothing' | 'per-row';

export interface ImportRow {
  /** The row as parsed from JSON or CSV. */
  value: unknown;
  /** The text its geometry was written as (plots), so EUDR precision is judged on the digits sent. */
  sourceText?: string | undefined;
}

export interface ImportReport {
  kind: ImportKind;
  mode: ImportMode;
  accepted: number;
  rejected: number;
  rows: { row: number; status: 'accepted' | 'rejected'; id?: string; errors?: FieldError[] }[];
  /** How a CSV file was read. */
  csv?: CsvReading;
}

export interface CsvReading {
  delimiter: ',' | ';' | '\t';
  /** Whether numbers were written with a decimal comma (`-5,51073`). */
  decimalComma: boolean;
  /** Columns left out with `unknownColumns=ignore`. */
  ignoredColumns: string[];
}

export function createImportService(deps: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
  plots: ReturnType<typeof createPlotService>;
}) {
  const { db, writer, access, plots } = deps;

  async function prepareRow(
    principal: Principal,
    kind: ImportKind,
    row: ImportRow,
  ): Promise<{ id: string; specs: RecordSpec[] }> {
    if (kind === 'suppliers') {
      const parsed = SupplierRow.safeParse(row.value);
      if (!parsed.success)
        throw new AppError('validation', 'invalid row', { errors: fieldErrors(parsed.error) });
      const { buyerId, commodity, ...organisation } = parsed.data;
      if (buyerId) await access.requireWritable(principal, buyerId);
      // Kept by the importing organisation, which acts for both sides: the relationship is accepted.
      const { spec, record } = prepareRegistration(
        { ...organisation, kind: 'supplier' },
        undefined,
        managerOnRegistration(principal, { kind: 'supplier' }),
      );
      const specs = [spec];
      if (buyerId && commodity)
        specs.push(relationshipSpec(randomUUID(), { buyerId, supplierId: record.id, commodity }));
      return { id: record.id, specs };
    }
    const parsed = PlotInput.safeParse(row.value);
    if (!parsed.success)
      throw new AppError('validation', 'invalid row', { errors: fieldErrors(parsed.error) });
    await access.requireWritable(principal, parsed.data.organisationId);
    const { spec, record } = await plots.prepare(parsed.data, { sourceText: row.sourceText });
    return { id: record.id, specs: [spec] };
  }

  async function storedResponse(principal: Principal, key: string) {
    const [row] = await db.query<{ request_hash: string; status_code: number; response: unknown }>(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE principal = $1 AND key = $2',
      [principal.subject, key],
    );
    return (
      row && {
        ...row,
        response: (typeof row.response === 'string'
          ? JSON.parse(row.response)
          : row.response) as ImportReport,
      }
    );
  }

  return {
    async run(
      principal: Principal,
      request: {
        kind: ImportKind;
        mode: ImportMode;
        rows: ImportRow[];
        idempotencyKey?: string | undefined;
        rawRequest: string;
        csv?: CsvReading | undefined;
      },
    ): Promise<{ statusCode: number; report: ImportReport; replayed: boolean }> {
      const requestHash = createHash('sha256')
        .update(`${request.kind}\n${request.mode}\n${request.rawRequest}`)
        .digest('hex');
      if (request.idempotencyKey) {
        const stored = await storedResponse(principal, request.idempotencyKey);
        if (stored) {
          if (stored.request_hash !== requestHash) {
            throw new AppError('validation', 'this Idempotency-Key was used for a different request', {
              errors: [
                {
                  in: 'headers',
                  pointer: '/idempotency-key',
                  detail: 'reuse a key only to retry the same request',
                },
              ],
            });
          }
          return { statusCode: stored.status_code, report: stored.response, replayed: true };
        }
      }
      if (request.rows.length > MAX_IMPORT_ROWS) {
        throw new AppError('payload_too_large', `an import takes at most ${MAX_IMPORT_ROWS} rows`);
      }

      const report: ImportReport = {
        kind: request.kind,
        mode: request.mode,
        accepted: 0,
        rejected: 0,
        rows: [],
        ...(request.csv ? { csv: request.csv } : {}),
      };
      const specs: RecordSpec[] = [];
      for (const [i, row] of request.rows.entries()) {
        try {
          const prepared = await prepareRow(principal, request.kind, row);
          specs.push(...prepared.specs);
          report.rows.push({ row: i + 1, status: 'accepted', id: prepared.id });
          report.accepted++;
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          report.rows.push({
            row: i + 1,
            status: 'rejected',
            errors: error.options.errors ?? [{ pointer: '/', detail: error.message }],
          });
          report.rejected++;
        }
      }
      const refused = request.mode === 'all-or-nothing' && report.rejected > 0;
      if (refused) {
        // Nothing is written; say so row by row.
        for (const row of report.rows) if (row.status === 'accepted') delete row.id;
        report.accepted = 0;
        return { statusCode: 422, report, replayed: false };
      }
      if (specs.length === 0) return { statusCode: 200, report, replayed: false };
      try {
        await appendRecords(writer, principal, specs, async (tx) => {
          if (!request.idempotencyKey) return;
          await tx.query(
            'INSERT INTO idempotency_keys (principal, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5::jsonb)',
            [principal.subject, request.idempotencyKey, requestHash, 200, JSON.stringify(report)],
          );
        });
      } catch (error) {
        // A concurrent retry with the same key won the race: answer with what it stored.
        const cause = (error as { cause?: unknown }).cause ?? error;
        if (request.idempotencyKey && isUniqueViolation(cause)) {
          const stored = await storedResponse(principal, request.idempotencyKey);
          if (stored?.request_hash === requestHash)
            return { statusCode: stored.status_code, report: stored.response, replayed: true };
        }
        throw error;
      }
      return { statusCode: 200, report, replayed: false };
    },
  };
}
