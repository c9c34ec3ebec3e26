// Production plots: EUDR geometry checked, geodesic area computed, an area mismatch kept as a finding.
import { randomUUID } from 'node:crypto';
import { jsonValue, type SqlExecutor } from '@groundtruth/db';
import { checkPlotGeometry, sourceDecimals } from '@groundtruth/geo';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { PlotInput } from '@groundtruth/schemas';
import { z } from 'zod';
import type { Principal } from '../../../auth.ts';
import { badRequest, notFound } from '../../../errors.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { appendRecord, type RecordSpec } from '../../../record.ts';

interface PlotRow {
  id: string;
  organisation_id: string;
  name: string | null;
  commodity: string;
  country: string;
  geometry: unknown;
  area_hectares: string;
  area_source: 'geodesic' | 'declared';
  declared_area_hectares: string | null;
  findings: unknown;
  entry_index: string | number;
  seq: string | number;
}

const toPlot = (row: PlotRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.name,
  commodity: row.commodity as z.output<typeof PlotInput>['commodity'],
  country: row.country,
  geometry: jsonValue(row.geometry),
  // numeric comes back as a string from both drivers: exact, as quantities must be.
  areaHectares: Number(row.area_hectares).toFixed(6),
  areaSource: row.area_source,
  declaredAreaHectares:
    row.declared_area_hectares === null ? null : Number(row.declared_area_hectares).toFixed(6),
  findings: jsonValue(row.findings),
  entryIndex: Number(row.entry_index),
});

export type PlotRecord = ReturnType<typeof toPlot>;

export function createPlotService({ db, writer }: { db: SqlExecutor; writer: LedgerWriter }) {
  return {
    /** An organisation's plots in the order they were mapped, one page at a time (the caller checks visibility). */
    async listOf(
      organisationId: string,
      filter: { commodity?: string | undefined; perPage: number; nextPageToken?: string | undefined },
    ) {
      const { perPage, nextPageToken, ...filters } = filter;
      const cursor = cursorFor(
        'plots',
        { organisationId, ...filters },
        z.tuple([z.string().regex(/^\d{1,19}$/)]),
        nextPageToken,
      );
      const sql = new SqlParameters();
      const where = [`organisation_id = ${sql.add(organisationId)}`];
      if (filters.commodity) where.push(`commodity = ${sql.add(filters.commodity)}`);
      if (cursor.after) where.push(`seq > ${sql.add(cursor.after[0])}::bigint`);
      const rows = await db.query<PlotRow>(
        `SELECT * FROM plots WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
      const page = pageOf(rows, perPage, cursor, (r) => [String(r.seq)] as [string]);
      return { plots: page.rows.map(toPlot), nextPageToken: page.nextPageToken };
    },

    async get(id: string): Promise<PlotRecord | undefined> {
      const [row] = await db.query<PlotRow>('SELECT * FROM plots WHERE id = $1', [id]);
      return row && toPlot(row);
    },

    /** `sourceText` is the JSON the geometry was submitted as, so precision is judged on the digits written. */
    async map(
      principal: Principal,
      input: z.output<typeof PlotInput>,
      options: { id?: string; sourceText?: string | undefined } = {},
    ): Promise<PlotRecord> {
      const { spec, record } = await this.prepare(input, options);
      return { ...record, entryIndex: await appendRecord(writer, principal, spec) };
    },

    /** Checks a plot (owner, EUDR geometry) and builds its record without writing: for single and bulk writes. */
    async prepare(
      input: z.output<typeof PlotInput>,
      options: { id?: string; sourceText?: string | undefined } = {},
    ): Promise<{ spec: RecordSpec; record: Omit<PlotRecord, 'entryIndex'> }> {
      const [owner] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
        input.organisationId,
      ]);
      if (!owner) throw notFound(`organisation ${input.organisationId} not found`);
      if (owner.kind !== 'supplier') {
        throw badRequest('plots belong to suppliers', [
          { in: 'body', pointer: '/organisationId', detail: `is a ${owner.kind}` },
        ]);
      }
      const checked = checkPlotGeometry({
        geometry: input.geometry,
        declaredAreaHectares: input.declaredAreaHectares,
        ...(options.sourceText ? { sourceDecimals: sourceDecimals(options.sourceText) } : {}),
      });
      if (checked.problems.length > 0) {
        const errors = checked.problems.map((p) => ({
          in: 'body' as const,
          pointer: p.pointer.startsWith('/declaredAreaHectares') ? p.pointer : `/geometry${p.pointer}`,
          detail: p.detail,
        }));
        throw badRequest(`the plot geometry breaks the EUDR rules: ${errors[0]!.detail}`, errors);
      }
      const id = options.id ?? randomUUID();
      const areaHectares = checked.areaHectares!.toFixed(6);
      const declared =
        input.declaredAreaHectares === undefined ? null : input.declaredAreaHectares.toFixed(6);
      const findings = checked.findings.map((f) => ({
        ...f,
        computedHectares: f.computedHectares.toFixed(6),
        declaredHectares: f.declaredHectares.toFixed(6),
        relativeDifference: f.relativeDifference.toFixed(4),
      }));
      const spec: RecordSpec = {
        type: 'plot.mapped',
        subject: `plot:${id}`,
        body: {
          organisation: `organisation:${input.organisationId}`,
          name: input.name ?? null,
          commodity: input.commodity,
          country: input.country,
          geometry: input.geometry as { type: string; coordinates: never[] },
          areaHectares,
          areaSource: checked.areaSource!,
          declaredAreaHectares: declared,
          findings,
        },
        conflict: `plot ${id} already exists`,
      };
      const record = {
        id,
        organisationId: input.organisationId,
        name: input.name ?? null,
        commodity: input.commodity,
        country: input.country,
        geometry: input.geometry,
        areaHectares,
        areaSource: checked.areaSource!,
        declaredAreaHectares: declared,
        findings,
      };
      return { spec, record };
    },
  };
}
