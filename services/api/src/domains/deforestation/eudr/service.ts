// EUDR exports for a lot: load what our records say about it (its upstream plots with their geometry,
// producers, mass balance, findings and the upstream statements recorded for it), then let
// @groundtruth/eudr map it. Recording an upstream statement's numbers is a ledger entry like any
// other record (docs/eudr.md, docs/decisions/0019-eudr-exports.md).
import { jsonValue, type SqlExecutor } from '@groundtruth/db';
import {
  buildStatement,
  type ExportPlot,
  type PlotDeforestationCheck,
  plotsFeatureCollection,
  type StatementFinding,
  type UpstreamStatement,
} from '@groundtruth/eudr';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { type ActivityType, MAX_PER_PAGE } from '@groundtruth/schemas';
import type { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { NOT_VOIDED } from '../../custody/events/balance.ts';
import type { EventService } from '../../custody/events/service.ts';
import type { MassBalanceService } from '../../massbalance/mass-balance/service.ts';

interface PlotRow {
  id: string;
  organisation_id: string;
  name: string | null;
  country: string;
  geometry: unknown;
  area_source: 'geodesic' | 'declared';
  declared_area_hectares: string | null;
  producer_name: string;
}

interface StatementRow {
  batch_id: string;
  lot: string;
  reference_number: string;
  verification_number: string;
  entry_index: string | number;
  recorded_at: Date | string;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const toUpstreamStatement = (r: StatementRow): UpstreamStatement => ({
  batchId: r.batch_id,
  lot: r.lot,
  referenceNumber: r.reference_number,
  verificationNumber: r.verification_number,
  entryIndex: Number(r.entry_index),
  recordedAt: new Date(r.recorded_at).toISOString(),
});

export function createEudrService(deps: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
  events: EventService;
  massBalance: MassBalanceService;
  /** The newest deforestation check of each plot that has one (the forest service's). */
  forestChecks?: (plotIds: string[]) => Promise<PlotDeforestationCheck[]>;
}) {
  const { db, writer, access, events, massBalance, forestChecks } = deps;

  /** The batch and every batch upstream of it, through events that were not voided. */
  async function upstreamBatchIds(batchId: string): Promise<string[]> {
    const rows = await db.query<{ batch_id: string }>(
      `WITH RECURSIVE upstream(batch_id) AS (
         SELECT $1::uuid
         UNION
         SELECT i.batch_id FROM upstream u
           JOIN batches b ON b.id = u.batch_id
           JOIN trace_event_inputs i ON i.event_id = b.produced_by
          WHERE i.batch_id IS NOT NULL AND ${NOT_VOIDED('b.produced_by')}
       )
       SELECT batch_id FROM upstream`,
      [batchId],
    );
    return rows.map((r) => r.batch_id);
  }

  /**
   * The plots harvested into these batches (by harvests not voided), as the export needs them, in the
   * order they were mapped; those whose owner the caller may not see are counted, not returned.
   */
  async function upstreamPlots(principal: Principal, batchIds: string[]) {
    const rows = await db.query<PlotRow>(
      `SELECT p.id, p.organisation_id, p.name, p.country, p.geometry, p.area_source, p.declared_area_hectares,
              o.name AS producer_name
         FROM plots p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.id IN (SELECT i.plot_id FROM batches b JOIN trace_event_inputs i ON i.event_id = b.produced_by
                        WHERE b.id = ANY($1::uuid[]) AND i.plot_id IS NOT NULL AND ${NOT_VOIDED('b.produced_by')})
        ORDER BY p.entry_index, p.id`,
      [batchIds],
    );
    const visible = await access.visibleOrganisations(principal);
    const seen = visible === 'all' ? undefined : new Set(visible);
    const shown = seen ? rows.filter((r) => seen.has(r.organisation_id)) : rows;
    const plots: ExportPlot[] = shown.map((r) => ({
      id: r.id,
      producerName: r.producer_name,
      producerCountry: r.country.trim(),
      productionPlace: r.name ?? r.id,
      geometry: jsonValue(r.geometry),
      declaredAreaHectares:
        r.area_source === 'declared' && r.declared_area_hectares !== null
          ? Number(r.declared_area_hectares)
          : null,
    }));
    return { plots, withheld: rows.length - shown.length };
  }

  /** The lot's plots as the Information System's GeoJSON text, one feature per plot. */
  async function geojson(principal: Principal, batchId: string) {
    const batch = await events.getBatch(principal, batchId); // 404 unless visible
    const { plots } = await upstreamPlots(principal, await upstreamBatchIds(batchId));
    const collection = plotsFeatureCollection(plots);
    return { lot: batch.lot, text: collection.text, features: collection.features.length };
  }

  async function openFindings(principal: Principal, batchId: string): Promise<StatementFinding[]> {
    const found: StatementFinding[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await massBalance.findings(principal, {
        batchId,
        status: 'open',
        perPage: MAX_PER_PAGE,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      for (const f of page.findings)
        found.push({
          id: f.id,
          rule: f.rule,
          severity: f.severity as StatementFinding['severity'],
          message: f.message,
          exposure: f.exposure ?? null,
        });
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    return found;
  }

  /** The data of a due-diligence statement for the lot, computed now. */
  async function statement(
    principal: Principal,
    batchId: string,
    stated: { activity?: z.output<typeof ActivityType> | undefined; hsHeading?: string | undefined },
  ) {
    const batch = await events.getBatch(principal, batchId); // 404 unless visible
    const ids = await upstreamBatchIds(batchId);
    const [
      { plots, withheld },
      breakdown,
      findings,
      operatorRows,
      productRows,
      periodRows,
      receivedRows,
      recorded,
    ] = await Promise.all([
      upstreamPlots(principal, ids),
      massBalance.breakdown(batchId),
      openFindings(principal, batchId),
      db.query<{ name: string; country: string; identifiers: unknown }>(
        'SELECT name, country, identifiers FROM organisations WHERE id = $1',
        [batch.organisationId],
      ),
      batch.productId
        ? db.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [batch.productId])
        : Promise.resolve([]),
      db.query<{ first: Date | string | null; last: Date | string | null }>(
        `SELECT min(e.event_time) AS first, max(e.event_time) AS last
             FROM batches b JOIN trace_events e ON e.id = b.produced_by AND e.kind = 'harvest'
            WHERE b.id = ANY($1::uuid[]) AND ${NOT_VOIDED('e.id')}`,
        [ids],
      ),
      // Whom the holder received the lot (or what it was made from) from: the senders of its transfers.
      db.query<{ country: string }>(
        `SELECT DISTINCT o.country FROM batches b
             JOIN trace_events e ON e.id = b.produced_by AND e.kind = 'transfer'
             JOIN trace_event_inputs i ON i.event_id = e.id
             JOIN batches src ON src.id = i.batch_id
             JOIN organisations o ON o.id = src.organisation_id
            WHERE b.id = ANY($1::uuid[]) AND b.organisation_id = $2 AND src.organisation_id <> $2
              AND ${NOT_VOIDED('e.id')}`,
        [ids, batch.organisationId],
      ),
      db.query<StatementRow>(
        `SELECT s.batch_id, b.lot, s.reference_number, s.verification_number, s.entry_index, s.recorded_at
             FROM batch_upstream_statements s JOIN batches b ON b.id = s.batch_id
            WHERE s.batch_id = ANY($1::uuid[]) ORDER BY s.entry_index`,
        [ids],
      ),
    ]);
    const operator = operatorRows[0]!;
    const period = periodRows[0];
    const deforestationChecks = forestChecks ? await forestChecks(plots.map((p) => p.id)) : [];
    return buildStatement(
      {
        batch: {
          id: batch.id,
          lot: batch.lot,
          material: batch.material,
          description: batch.description,
          productName: productRows[0]?.name ?? null,
          quantity: batch.quantity,
        },
        operator: {
          organisationId: batch.organisationId,
          name: operator.name,
          country: operator.country.trim(),
          identifiers: jsonValue(operator.identifiers) as Record<string, string>,
        },
        receivedFromCountries: receivedRows.map((r) => r.country.trim()),
        activity: stated.activity,
        hsHeading: stated.hsHeading,
        plots,
        withheldPlots: withheld,
        productionPeriod:
          period?.first && period.last
            ? { from: new Date(period.first).toISOString(), to: new Date(period.last).toISOString() }
            : null,
        traceability: {
          tracedShare: breakdown.tracedShare,
          untracedShare: breakdown.untracedShare,
          untracedGrams: breakdown.untracedGrams,
          unevaluableRecords: breakdown.unevaluable.length,
          cyclic: breakdown.cyclic,
        },
        findings,
        upstreamStatements: recorded.map(toUpstreamStatement),
        treeSize: breakdown.treeSize,
        deforestationChecks,
      },
      base64,
    );
  }

  /**
   * Records the reference and verification numbers of the statement an incoming batch came with.
   * A write for the batch's holder (its users, its keeper, an admin).
   */
  async function recordUpstreamStatement(
    principal: Principal,
    batchId: string,
    input: { referenceNumber: string; verificationNumber: string },
  ): Promise<UpstreamStatement> {
    const [batch] = await db.query<{ organisation_id: string; lot: string }>(
      'SELECT organisation_id, lot FROM batches WHERE id = $1',
      [batchId],
    );
    if (!batch) throw notFound(`batch ${batchId} not found`);
    // 404 when the caller cannot see the holder, 403 when it sees it but does not act for it.
    await access.requireWritable(principal, batch.organisation_id);
    let recordedAt = '';
    const entryIndex = await appendRecord(writer, principal, {
      type: 'batch.upstream_statement',
      subject: `batch:${batchId}`,
      body: {
        organisation: `organisation:${batch.organisation_id}`,
        batch: `batch:${batchId}`,
        referenceNumber: input.referenceNumber,
        verificationNumber: input.verificationNumber,
      },
      conflict: `statement ${input.referenceNumber} is already recorded for batch ${batchId}`,
      // The response states the entry's record time, which the projector wrote.
      after: async (_tx, logged) => {
        recordedAt = logged.entry.at;
      },
    });
    return {
      batchId,
      lot: batch.lot,
      referenceNumber: input.referenceNumber,
      verificationNumber: input.verificationNumber,
      entryIndex,
      recordedAt: new Date(recordedAt).toISOString(),
    };
  }

  return { geojson, statement, recordUpstreamStatement };
}

export type EudrService = ReturnType<typeof createEudrService>;
