// The mass-balance service: reads plots, events and batches, runs the pure rules of
// @groundtruth/massbalance, and stores what they find. A full recompute supersedes every current
// finding; a new harvest re-checks its own plot in a few queries. Nothing is deleted.
import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor, Transaction } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import { canonicalJson } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  baseEquivalent,
  blendedOriginFindings,
  type Commodity,
  type CompiledGraph,
  type Conversion,
  type CustodyModel,
  checkConservation,
  checkPlotCapacity,
  checkSiteAccount,
  compileGraph,
  cropYear,
  DEFAULT_CONSERVATION_TOLERANCE,
  DEFAULT_REFERENCE,
  downstreamShares,
  type Finding,
  type FlowBatch,
  type FlowEvent,
  type FlowGraph,
  newPlotBurst,
  outputIds,
  outsideHarvestWindow,
  type Posting,
  propagateShares,
  type ReferenceTable,
  yieldOutliers,
} from '@groundtruth/massbalance';
import { type Decimal, formatDecimal } from '@groundtruth/quantity';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';

interface PlotRow {
  id: string;
  organisation_id: string;
  commodity: string;
  country: string;
  geometry_type: 'Point' | 'Polygon' | 'MultiPolygon';
  area_hectares: string;
  created_at: Date | string;
}

interface Harvest {
  eventId: string;
  plotId: string;
  period: string;
  at: string;
}

/** Everything the rules read, loaded in a handful of queries. */
interface MassBalanceData {
  graph: FlowGraph;
  plots: Map<string, PlotRow>;
  harvests: Harvest[];
  eventInfo: Map<string, { kind: FlowEvent['kind']; organisationId: string; at: string }>;
  custody: Map<string, CustodyModel>;
  treeSize: number;
}

export interface StoredFinding {
  id: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  subject: { kind: string; id: string };
  period: string | null;
  organisationId: string | null;
  message: string;
  numbers: Record<string, unknown>;
  referenceVersion: string;
  treeSize: number;
  computedAt: string;
  resolution: { justification: string; by: string; at: string; entryIndex: number } | null;
  exposure?: number;
}

export interface RunSummary {
  runId: string;
  kind: 'recompute' | 'incremental';
  treeSize: number;
  referenceVersion: string;
  findings: Record<string, number>;
  durationMs: number;
}

interface Scoped extends Finding {
  period?: string;
  organisationId?: string;
  exposures?: Map<string, number>;
}

const CONSERVATION_TOLERANCE = Number(DEFAULT_CONSERVATION_TOLERANCE);
const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
const iso = (v: Date | string) => new Date(v).toISOString();

async function treeSizeOf(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ size: string | number }>(
    'SELECT coalesce(max(idx) + 1, 0) AS size FROM ledger_entries',
  );
  return Number(row!.size);
}

/**
 * Loads the material graph. `batchIds` limits it to those batches (a trace); harvest totals are
 * always whole, since a plot's capacity is shared by every harvest of its crop year.
 */
async function loadData(db: SqlExecutor, batchIds?: string[]): Promise<MassBalanceData> {
  const only = batchIds ? 'WHERE b.id = ANY($1::uuid[])' : '';
  const params = batchIds ? [batchIds] : [];
  const [batchRows, eventRows, inputRows, custodyRows, treeSize] = await Promise.all([
    db.query<{
      id: string;
      organisation_id: string;
      material: string;
      mass_grams: string | null;
      cocoa_content: string | null;
      produced_by: string;
    }>(
      `SELECT b.id, b.organisation_id, b.material, trim_scale(b.mass_grams)::text AS mass_grams,
              trim_scale(b.cocoa_content)::text AS cocoa_content, b.produced_by FROM batches b ${only}`,
      params,
    ),
    db.query<{ id: string; kind: FlowEvent['kind']; organisation_id: string; event_time: Date | string }>(
      // ISO text straight from the database: a million Date objects would cost more than the rules.
      `SELECT e.id, e.kind, e.organisation_id,
              to_char(e.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS event_time
         FROM trace_events e
        ${batchIds ? 'WHERE e.id IN (SELECT produced_by FROM batches b WHERE b.id = ANY($1::uuid[]))' : ''}`,
      params,
    ),
    db.query<{
      event_id: string;
      batch_id: string | null;
      plot_id: string | null;
      mass_grams: string | null;
    }>(
      `SELECT i.event_id, i.batch_id, i.plot_id, trim_scale(i.mass_grams)::text AS mass_grams FROM trace_event_inputs i
        ${batchIds ? 'WHERE i.event_id IN (SELECT produced_by FROM batches b WHERE b.id = ANY($1::uuid[]))' : ''}`,
      params,
    ),
    db.query<{ id: string; custody_model: CustodyModel }>('SELECT id, custody_model FROM organisations'),
    treeSizeOf(db),
  ]);
  const plotIds = [...new Set(inputRows.flatMap((i) => (i.plot_id ? [i.plot_id] : [])))];
  const plotRows = await db.query<PlotRow>(
    `SELECT id, organisation_id, commodity, country, geometry->>'type' AS geometry_type,
            area_hectares::text AS area_hectares, created_at FROM plots
      ${batchIds ? 'WHERE id = ANY($1::uuid[])' : ''}`,
    batchIds ? [plotIds] : [],
  );
  const plots = new Map(plotRows.map((p) => [p.id, { ...p, area_hectares: trim(p.area_hectares) }]));

  const batches = new Map<string, FlowBatch>();
  for (const b of batchRows) {
    batches.set(b.id, {
      id: b.id,
      organisationId: b.organisation_id,
      material: b.material,
      // Batches counted in pieces or litres have no mass: they weigh nothing in the balance.
      grams: b.mass_grams ?? '0',
      ...(b.cocoa_content ? { cocoaContent: b.cocoa_content } : {}),
      producedBy: b.produced_by,
    });
  }
  const events = new Map<string, FlowEvent>();
  const eventInfo = new Map<string, { kind: FlowEvent['kind']; organisationId: string; at: string }>();
  for (const e of eventRows) {
    events.set(e.id, { id: e.id, kind: e.kind, inputs: [] });
    eventInfo.set(e.id, { kind: e.kind, organisationId: e.organisation_id, at: String(e.event_time) });
  }
  const harvests: Harvest[] = [];
  for (const i of inputRows) {
    const event = events.get(i.event_id);
    if (!event) continue;
    if (i.plot_id) {
      event.plotId = i.plot_id;
      const plot = plots.get(i.plot_id);
      const at = eventInfo.get(i.event_id)!.at;
      if (plot)
        harvests.push({
          eventId: i.event_id,
          plotId: i.plot_id,
          period: cropYear(plot.commodity as Commodity, at),
          at,
        });
    } else if (i.batch_id) {
      event.inputs.push({ batchId: i.batch_id, grams: i.mass_grams ?? '0' });
    }
  }
  return {
    graph: { batches, events },
    plots,
    harvests,
    eventInfo,
    custody: new Map(custodyRows.map((r) => [r.id, r.custody_model])),
    treeSize,
  };
}

/**
 * Harvested milligrams per plot and crop year, from harvest events' output batches. Whole milligrams
 * are exact in a double up to 9 × 10^9 tonnes, far beyond any plot.
 */
function harvestTotals(data: MassBalanceData, index: CompiledGraph): Map<string, number> {
  const totals = new Map<string, number>();
  for (const h of data.harvests) {
    const key = `${h.plotId} ${h.period}`;
    let milligrams = totals.get(key) ?? 0;
    for (const batchId of outputIds(index, h.eventId)) {
      milligrams += toMilligrams(data.graph.batches.get(batchId)?.grams ?? '0');
    }
    totals.set(key, milligrams);
  }
  return totals;
}

const toMilligrams = (grams: string): number => {
  const [whole, fraction = ''] = grams.split('.');
  return Number(whole) * 1000 + Number(`${fraction}000`.slice(0, 3));
};
const fromMilligrams = (mg: number): string => {
  const whole = Math.floor(mg / 1000);
  const fraction = String(mg % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};

/** The capacity check of one plot's crop year. */
function plotCapacity(table: ReferenceTable, plot: PlotRow, period: string, milligrams: number) {
  return checkPlotCapacity(table, {
    plotId: plot.id,
    commodity: plot.commodity as Commodity,
    country: plot.country,
    geometryType: plot.geometry_type,
    areaHectares: plot.area_hectares,
    period,
    harvestedGrams: fromMilligrams(milligrams),
  });
}

/** A transfer or transformation as the conservation rule reads it. */
function conversionOf(graph: FlowGraph, index: CompiledGraph, event: FlowEvent): Conversion {
  return {
    eventId: event.id,
    kind: event.kind as Conversion['kind'],
    inputs: event.inputs.flatMap((i) => {
      const batch = graph.batches.get(i.batchId);
      return batch
        ? [
            {
              material: batch.material,
              grams: i.grams,
              ...(batch.cocoaContent ? { cocoaContent: batch.cocoaContent } : {}),
            },
          ]
        : [];
    }),
    outputs: outputIds(index, event.id).map((id) => graph.batches.get(id)!),
  };
}

/** Seeds share propagation: each harvest passes on its plot's traced fraction for that crop year. */
function harvestSeed(
  harvests: Harvest[],
  fraction: Map<string, number>,
): (event: FlowEvent) => number | undefined {
  const harvestOf = new Map(harvests.map((h) => [h.eventId, h]));
  return (event) => {
    if (event.kind !== 'harvest') return undefined;
    const h = harvestOf.get(event.id);
    return h ? (fraction.get(`${h.plotId} ${h.period}`) ?? 1) : 0;
  };
}

/** Runs every rule over the data. Pure apart from the data it is given. */
function evaluate(
  table: ReferenceTable,
  data: MassBalanceData,
): { findings: Scoped[]; traced: Map<string, number> } {
  const { graph } = data;
  const index = compileGraph(table, graph);
  const totals = harvestTotals(data, index);
  const findings: Scoped[] = [];
  const holder = (batchId: string) => graph.batches.get(batchId)?.organisationId;

  // 1. Plot capacity per crop year; what a plot cannot have grown is untraced at its harvests.
  const plotFraction = new Map<string, number>();
  for (const [key, milligrams] of totals) {
    const [plotId, period] = key.split(' ') as [string, string];
    const plot = data.plots.get(plotId)!;
    const check = plotCapacity(table, plot, period, milligrams);
    plotFraction.set(key, check.tracedFraction);
    if (check.finding) findings.push({ ...check.finding, period, organisationId: plot.organisation_id });
  }

  // 2. Conservation of every transfer and transformation. Screened in floating point over the compiled
  // arrays; only a conversion near or over its limit gets the exact decimal check.
  for (let e = 0; e < index.eventIds.length; e++) {
    const event = graph.events.get(index.eventIds[e]!)!;
    if (event.kind === 'harvest') continue;
    let inF = 0;
    let outF = 0;
    let unknown = false;
    for (let i = index.inStart[e]!; i < index.inStart[e + 1]!; i++) {
      const b = index.inBatch[i]!;
      if (b >= 0 && index.batchFactor[b] === 0) unknown = true;
      inF += index.inEq[i]!;
    }
    for (let o = index.outStart[e]!; o < index.outStart[e + 1]!; o++) {
      const b = index.outBatch[o]!;
      if (index.batchFactor[b] === 0) unknown = true;
      outF += index.batchEq[b]!;
    }
    if (!unknown && outF <= inF * (1 + CONSERVATION_TOLERANCE) * (1 - 1e-9)) continue;
    const result = checkConservation(table, conversionOf(graph, index, event));
    const organisationId = data.eventInfo.get(event.id)?.organisationId;
    for (const f of result.findings) findings.push({ ...f, ...(organisationId ? { organisationId } : {}) });
  }

  // 3. Traced shares and blended origin.
  const traced = propagateShares(table, graph, harvestSeed(data.harvests, plotFraction), { index });
  for (const f of blendedOriginFindings(
    table,
    graph,
    traced,
    (org) => data.custody.get(org) ?? 'segregated',
  )) {
    const organisationId = holder(f.subject.id);
    findings.push({ ...f, ...(organisationId ? { organisationId } : {}) });
  }

  // 4. Site accounts for mass-balance sites: traced volume in is credit, volume out spends it.
  const postingsBySite = new Map<string, Posting[]>();
  const post = (site: string, posting: Posting) => {
    const list = postingsBySite.get(site);
    if (list) list.push(posting);
    else postingsBySite.set(site, [posting]);
  };
  for (const h of data.harvests) {
    const grower = data.plots.get(h.plotId)!.organisation_id;
    if (data.custody.get(grower) !== 'mass_balance') continue;
    for (const batchId of outputIds(index, h.eventId)) {
      const eq = baseEquivalent(table, graph.batches.get(batchId)!);
      if (!eq.ok) continue;
      const grams = (Number(eq.grams.units) / 10 ** eq.grams.scale) * (traced.shares.get(batchId) ?? 0);
      post(grower, { id: `${h.eventId}:harvest`, at: h.at, kind: 'receive', grams: grams.toFixed(3) });
    }
  }
  for (const event of graph.events.values()) {
    if (event.kind !== 'transfer') continue;
    const info = data.eventInfo.get(event.id)!;
    for (const batchId of outputIds(index, event.id)) {
      const batch = graph.batches.get(batchId)!;
      const eq = baseEquivalent(table, batch);
      if (!eq.ok) continue;
      const grams = Number(eq.grams.units) / 10 ** eq.grams.scale;
      if (data.custody.get(info.organisationId) === 'mass_balance')
        post(info.organisationId, {
          id: `${event.id}:out`,
          at: info.at,
          kind: 'sell',
          grams: grams.toFixed(3),
        });
      if (data.custody.get(batch.organisationId) === 'mass_balance')
        post(batch.organisationId, {
          id: `${event.id}:in`,
          at: info.at,
          kind: 'receive',
          grams: (grams * (traced.shares.get(batchId) ?? 0)).toFixed(3),
        });
    }
  }
  for (const [site, postings] of postingsBySite) {
    for (const f of checkSiteAccount(table, { siteId: site, commodity: 'all', postings, periods: [] })
      .findings)
      findings.push({ ...f, organisationId: site });
  }

  // 5. Statistical signals.
  const byGroup = new Map<string, { plotId: string; kgPerHectare: number }[]>();
  for (const [key, milligrams] of totals) {
    const [plotId, period] = key.split(' ') as [string, string];
    const plot = data.plots.get(plotId)!;
    const group = `${plot.organisation_id} ${period}`;
    const kgPerHectare = Number(milligrams) / 1e6 / Number(plot.area_hectares);
    const list = byGroup.get(group);
    if (list) list.push({ plotId, kgPerHectare });
    else byGroup.set(group, [{ plotId, kgPerHectare }]);
  }
  for (const [group, plots] of byGroup) {
    const [organisationId, period] = group.split(' ') as [string, string];
    for (const f of yieldOutliers(table, `organisation ${organisationId}, ${period}`, plots))
      findings.push({ ...f, period, organisationId });
  }
  for (const h of data.harvests) {
    const plot = data.plots.get(h.plotId)!;
    const f = outsideHarvestWindow(table, { eventId: h.eventId, commodity: plot.commodity, at: h.at });
    if (f) findings.push({ ...f, organisationId: plot.organisation_id });
  }
  // New member plots before a grower's largest sale (one check per grower, not per delivery).
  const plotsByOrg = new Map<string, string[]>();
  for (const plot of data.plots.values()) {
    const list = plotsByOrg.get(plot.organisation_id);
    if (list) list.push(iso(plot.created_at));
    else plotsByOrg.set(plot.organisation_id, [iso(plot.created_at)]);
  }
  const largestSale = new Map<string, { eventId: string; at: string; grams: number }>();
  for (const event of graph.events.values()) {
    if (event.kind !== 'transfer') continue;
    const info = data.eventInfo.get(event.id)!;
    if (!plotsByOrg.has(info.organisationId)) continue;
    const grams = event.inputs.reduce((sum, i) => sum + Number(i.grams), 0);
    const current = largestSale.get(info.organisationId);
    if (!current || grams > current.grams)
      largestSale.set(info.organisationId, { eventId: event.id, at: info.at, grams });
  }
  for (const [organisationId, sale] of largestSale) {
    const registered = plotsByOrg.get(organisationId)!;
    const f = newPlotBurst(table, { id: organisationId, plotRegisteredAt: registered }, sale);
    if (f) findings.push({ ...f, organisationId });
  }

  // 6. Propagation: what lies downstream of a plot or conversion finding, and how much of it.
  const harvestsByPlotPeriod = new Map<string, string[]>();
  for (const h of data.harvests) {
    const key = `${h.plotId} ${h.period}`;
    const list = harvestsByPlotPeriod.get(key);
    if (list) list.push(h.eventId);
    else harvestsByPlotPeriod.set(key, [h.eventId]);
  }
  // Findings on the same plot and year (over-yield and outlier) share one walk.
  const walked = new Map<string, Map<string, number>>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    let key: string | undefined;
    if (f.subject.kind === 'plot' && f.period) key = `${f.subject.id} ${f.period}`;
    else if (f.subject.kind === 'event' && f.rule === 'MASS_IMBALANCE') key = f.subject.id;
    if (!key) continue;
    const sources = f.subject.kind === 'plot' ? (harvestsByPlotPeriod.get(key) ?? []) : [key];
    if (sources.length === 0) continue;
    let exposures = walked.get(key);
    if (!exposures) {
      exposures = downstreamShares(index, sources);
      walked.set(key, exposures);
    }
    f.exposures = exposures;
  }
  return { findings, traced: traced.shares };
}

export function createMassBalanceService({
  db,
  writer,
  access,
  reference: base = DEFAULT_REFERENCE,
}: {
  db: Database;
  writer: LedgerWriter;
  access: Access;
  reference?: ReferenceTable;
}) {
  /**
   * The reference table in force: the shipped one with every recorded override applied (the newest
   * wins). Its version names the last override, so a finding says exactly which numbers it used.
   */
  async function currentReference(): Promise<ReferenceTable> {
    const rows = await db.query<{
      entry_index: string | number;
      commodity: Commodity;
      country: string | null;
      plot_id: string | null;
      plausible_max: string | null;
      hard_ceiling: string | null;
      justification: string;
    }>(
      `SELECT entry_index, commodity, country, plot_id, trim_scale(plausible_max)::text AS plausible_max,
              trim_scale(hard_ceiling)::text AS hard_ceiling, justification
         FROM yield_overrides ORDER BY entry_index DESC`,
    );
    if (rows.length === 0) return base;
    return {
      ...base,
      version: `${base.version}+overrides@${rows[0]!.entry_index}`,
      overrides: rows.map((r) => ({
        commodity: r.commodity,
        ...(r.country ? { country: r.country } : {}),
        ...(r.plot_id ? { plotId: r.plot_id } : {}),
        ...(r.plausible_max ? { plausibleMax: r.plausible_max } : {}),
        ...(r.hard_ceiling ? { hardCeiling: r.hard_ceiling } : {}),
        justification: r.justification,
        entryIndex: Number(r.entry_index),
      })),
    };
  }

  /** Supersedes the current findings that `scope` selects and stores the new ones, in one transaction. */
  async function store(
    version: string,
    kind: RunSummary['kind'],
    principal: Principal,
    startedAt: Date,
    treeSize: number,
    findings: Scoped[],
    supersede: (tx: Transaction) => Promise<void>,
  ): Promise<RunSummary> {
    const runId = randomUUID();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [runId, kind, treeSize, version, startedAt.toISOString(), findings.length, principal.subject],
      );
      // Resolutions carry over to the same finding with the same numbers; changed numbers reopen it.
      const previous = await tx.query<{
        rule: string;
        subject_kind: string;
        subject_id: string;
        period: string | null;
        numbers: unknown;
        resolution_entry: string | number | null;
        resolution: string | null;
        resolved_by: string | null;
        resolved_at: Date | string | null;
      }>(
        `SELECT rule, subject_kind, subject_id, period, numbers, resolution_entry, resolution, resolved_by, resolved_at
           FROM mass_balance_findings WHERE superseded_at IS NULL AND resolution_entry IS NOT NULL`,
      );
      const keyOf = (
        rule: string,
        kind: string,
        id: string,
        period: string | null | undefined,
        numbers: unknown,
      ) =>
        canonicalJson([
          rule,
          kind,
          id,
          period ?? null,
          (typeof numbers === 'string' ? JSON.parse(numbers) : numbers) as JsonValue,
        ]);
      const resolved = new Map(
        previous.map((p) => [keyOf(p.rule, p.subject_kind, p.subject_id, p.period, p.numbers), p]),
      );
      await supersede(tx);
      const rows = findings.map((f) => ({ id: randomUUID(), f }));
      for (let start = 0; start < rows.length; start += 2000) {
        const chunk = rows.slice(start, start + 2000);
        const carried = chunk.map(({ f }) =>
          resolved.get(keyOf(f.rule, f.subject.kind, f.subject.id, f.period, f.numbers)),
        );
        await tx.query(
          `INSERT INTO mass_balance_findings (id, run_id, rule, severity, subject_kind, subject_id, period, organisation_id,
             message, numbers, reference_version, tree_size, resolution_entry, resolution, resolved_by, resolved_at)
           SELECT id::uuid, $2, rule, severity, subject_kind, subject_id, period, organisation_id::uuid, message,
                  numbers::jsonb, $3, $4, resolution_entry::bigint, resolution, resolved_by, resolved_at::timestamptz
             -- Arrays travel as text[] and are cast here: the PostgreSQL driver sends only some array types.
             FROM unnest($1::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                         $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
               AS t(id, rule, severity, subject_kind, subject_id, period, organisation_id, message, numbers,
                    resolution_entry, resolution, resolved_by, resolved_at)`,
          [
            chunk.map((r) => r.id),
            runId,
            version,
            treeSize,
            chunk.map((r) => r.f.rule),
            chunk.map((r) => r.f.severity),
            chunk.map((r) => r.f.subject.kind),
            chunk.map((r) => r.f.subject.id),
            chunk.map((r) => r.f.period ?? null),
            chunk.map((r) => r.f.organisationId ?? null),
            chunk.map((r) => r.f.message),
            chunk.map((r) => JSON.stringify(r.f.numbers)),
            carried.map((c) => (c?.resolution_entry == null ? null : String(c.resolution_entry))),
            carried.map((c) => c?.resolution ?? null),
            carried.map((c) => c?.resolved_by ?? null),
            carried.map((c) => (c?.resolved_at ? iso(c.resolved_at) : null)),
          ],
        );
        const exposures = chunk.flatMap(({ id, f }) =>
          [...(f.exposures ?? [])].map(([batchId, share]) => ({ id, batchId, share })),
        );
        for (let e = 0; e < exposures.length; e += 5000) {
          const part = exposures.slice(e, e + 5000);
          await tx.query(
            `INSERT INTO mass_balance_exposures (finding_id, batch_id, share)
             SELECT f::uuid, b::uuid, s::float8 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(f, b, s)`,
            [part.map((x) => x.id), part.map((x) => x.batchId), part.map((x) => String(x.share))],
          );
        }
      }
    });
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind,
      treeSize,
      referenceVersion: version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  async function recompute(principal: Principal): Promise<RunSummary> {
    const startedAt = new Date();
    const [data, reference] = await Promise.all([loadData(db), currentReference()]);
    const { findings } = evaluate(reference, data);
    return store(
      reference.version,
      'recompute',
      principal,
      startedAt,
      data.treeSize,
      findings,
      async (tx) => {
        await tx.query('UPDATE mass_balance_findings SET superseded_at = now() WHERE superseded_at IS NULL');
      },
    );
  }

  /**
   * After a harvest: re-check its plot's crop year and its harvest window. Three queries whatever the
   * size of the data: the plot with its crop year's total, the tree size, and the store.
   */
  async function checkHarvest(principal: Principal, eventId: string): Promise<RunSummary> {
    const startedAt = new Date();
    const reference = await currentReference();
    // One read: the plot, the harvest's time, and its crop year's total (crop years start in October
    // for cocoa and coffee, as in cropYear()).
    const [row] = await db.query<PlotRow & { at: string; grams: string | null }>(
      `WITH h AS (
         SELECT p.id, p.organisation_id, p.commodity, p.country, p.geometry->>'type' AS geometry_type,
                p.area_hectares::text AS area_hectares, p.created_at, e.event_time,
                CASE WHEN p.commodity IN ('cocoa', 'coffee')
                  THEN make_timestamptz(extract(year FROM (e.event_time AT TIME ZONE 'UTC') - interval '9 months')::int, 10, 1, 0, 0, 0, 'UTC')
                  ELSE make_timestamptz(extract(year FROM e.event_time AT TIME ZONE 'UTC')::int, 1, 1, 0, 0, 0, 'UTC')
                END AS period_start
           FROM trace_event_inputs i JOIN plots p ON p.id = i.plot_id JOIN trace_events e ON e.id = i.event_id
          WHERE i.event_id = $1)
       SELECT h.*, to_char(h.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              (SELECT sum(b.mass_grams)::text
                 FROM trace_event_inputs i2 JOIN trace_events e2 ON e2.id = i2.event_id AND e2.kind = 'harvest'
                 JOIN batches b ON b.produced_by = e2.id
                WHERE i2.plot_id = h.id AND e2.event_time >= h.period_start
                  AND e2.event_time < h.period_start + interval '1 year') AS grams
         FROM h`,
      [eventId],
    );
    if (!row) throw notFound(`harvest ${eventId} not found`);
    const commodity = row.commodity as Commodity;
    const period = cropYear(commodity, row.at);
    const check = plotCapacity(
      reference,
      { ...row, area_hectares: trim(row.area_hectares) },
      period,
      toMilligrams(row.grams ?? '0'),
    );
    const found: Scoped[] = [];
    if (check.finding) found.push({ ...check.finding, period, organisationId: row.organisation_id });
    const window = outsideHarvestWindow(reference, { eventId, commodity, at: row.at });
    if (window) found.push({ ...window, organisationId: row.organisation_id });

    // One write, one commit: the run, the superseding of this plot's and this harvest's findings, and
    // the new findings, which keep a resolution when their numbers have not changed.
    const runId = randomUUID();
    const ids = found.map(() => randomUUID());
    const [written] = await db.query<{ tree_size: string | number }>(
      `WITH run AS (
         INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
         VALUES ($1, 'incremental', (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries), $2, $3, $4, $5)
         RETURNING id, tree_size),
       old AS (
         UPDATE mass_balance_findings SET superseded_at = now()
          WHERE superseded_at IS NULL AND ((subject_kind = 'plot' AND subject_id = $6 AND period = $7
                AND rule IN ('OVER_YIELD', 'IMPOSSIBLE_YIELD'))
             OR (subject_kind = 'event' AND subject_id = $8 AND rule = 'OUTSIDE_HARVEST_WINDOW'))
         RETURNING rule, subject_kind, subject_id, period, numbers, resolution_entry, resolution, resolved_by, resolved_at),
       inserted AS (
         INSERT INTO mass_balance_findings (id, run_id, rule, severity, subject_kind, subject_id, period, organisation_id,
           message, numbers, reference_version, tree_size, resolution_entry, resolution, resolved_by, resolved_at)
         SELECT n.id::uuid, run.id, n.rule, n.severity, n.subject_kind, n.subject_id, n.period, n.organisation_id::uuid,
                n.message, n.numbers::jsonb, $2, run.tree_size, o.resolution_entry, o.resolution, o.resolved_by, o.resolved_at
           FROM unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                       $16::text[], $17::text[])
                  AS n(id, rule, severity, subject_kind, subject_id, period, organisation_id, message, numbers)
           CROSS JOIN run
           LEFT JOIN old o ON o.resolution_entry IS NOT NULL AND o.rule = n.rule AND o.subject_kind = n.subject_kind
                AND o.subject_id = n.subject_id AND o.period IS NOT DISTINCT FROM n.period AND o.numbers = n.numbers::jsonb
         RETURNING id)
       SELECT tree_size FROM run`,
      [
        runId,
        reference.version,
        startedAt.toISOString(),
        found.length,
        principal.subject,
        row.id,
        period,
        eventId,
        ids,
        found.map((f) => f.rule),
        found.map((f) => f.severity),
        found.map((f) => f.subject.kind),
        found.map((f) => f.subject.id),
        found.map((f) => f.period ?? null),
        found.map((f) => f.organisationId ?? null),
        found.map((f) => f.message),
        found.map((f) => JSON.stringify(f.numbers)),
      ],
    );
    const counts: Record<string, number> = {};
    for (const f of found) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind: 'incremental',
      treeSize: Number(written!.tree_size),
      referenceVersion: reference.version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  async function findings(
    principal: Principal,
    filter: {
      rule?: string[];
      severity?: string[];
      subjectKind?: string;
      subjectId?: string;
      batchId?: string;
      status: 'open' | 'resolved' | 'all';
      limit: number;
    },
  ): Promise<StoredFinding[]> {
    const where = ['f.superseded_at IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const visible = await access.visibleOrganisations(principal);
    if (visible !== 'all') where.push(`f.organisation_id = ANY(${p(visible)}::uuid[])`);
    if (filter.rule) where.push(`f.rule = ANY(${p(filter.rule)}::text[])`);
    if (filter.severity) where.push(`f.severity = ANY(${p(filter.severity)}::text[])`);
    if (filter.subjectKind) where.push(`f.subject_kind = ${p(filter.subjectKind)}`);
    if (filter.subjectId) where.push(`f.subject_id = ${p(filter.subjectId)}`);
    if (filter.status === 'open') where.push('f.resolution_entry IS NULL');
    if (filter.status === 'resolved') where.push('f.resolution_entry IS NOT NULL');
    let exposure = 'NULL::float8';
    if (filter.batchId) {
      // The id twice: once as the text of a subject id, once as a uuid (one parameter cannot be both).
      const asText = p(filter.batchId);
      const asUuid = p(filter.batchId);
      exposure = `(SELECT x.share FROM mass_balance_exposures x WHERE x.finding_id = f.id AND x.batch_id = ${asUuid}::uuid)`;
      where.push(
        `((f.subject_kind = 'batch' AND f.subject_id = ${asText}::text) OR EXISTS (SELECT 1 FROM mass_balance_exposures x WHERE x.finding_id = f.id AND x.batch_id = ${asUuid}::uuid))`,
      );
    }
    const rows = await db.query<FindingRow>(
      `SELECT f.*, ${exposure} AS exposure FROM mass_balance_findings f WHERE ${where.join(' AND ')}
        ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule, f.subject_id
        LIMIT ${p(filter.limit)}`,
      params,
    );
    return rows.map(toFinding);
  }

  async function resolve(
    principal: Principal,
    findingId: string,
    justification: string,
  ): Promise<StoredFinding> {
    const [row] = await db.query<FindingRow>(
      'SELECT *, NULL::float8 AS exposure FROM mass_balance_findings WHERE id = $1 AND superseded_at IS NULL',
      [findingId],
    );
    if (!row) throw notFound(`finding ${findingId} not found`);
    if (row.organisation_id)
      await access.requireVisible(principal, row.organisation_id).catch(() => {
        throw notFound(`finding ${findingId} not found`);
      });
    else if (principal.role !== 'admin') throw notFound(`finding ${findingId} not found`);
    if (row.resolution_entry !== null) throw new AppError('conflict', 'this finding is already resolved');
    await appendRecord(writer, principal, {
      type: 'finding.resolved',
      subject: `finding:${findingId}`,
      body: {
        rule: row.rule,
        subject: `${row.subject_kind}:${row.subject_id}`,
        ...(row.period ? { period: row.period } : {}),
        numbers: (typeof row.numbers === 'string' ? JSON.parse(row.numbers) : row.numbers) as JsonValue,
        referenceVersion: row.reference_version,
        treeSize: Number(row.tree_size),
        justification,
      },
      conflict: 'this finding is already resolved',
      project: async (tx, index) => {
        const updated = await tx.query(
          `UPDATE mass_balance_findings SET resolution_entry = $2, resolution = $3, resolved_by = $4, resolved_at = now()
            WHERE id = $1 AND resolution_entry IS NULL AND superseded_at IS NULL RETURNING id`,
          [findingId, index.toString(), justification, principal.subject],
        );
        if (updated.length === 0)
          throw new AppError('conflict', 'this finding was resolved or superseded meanwhile');
      },
    });
    const [after] = await db.query<FindingRow>(
      'SELECT *, NULL::float8 AS exposure FROM mass_balance_findings WHERE id = $1',
      [findingId],
    );
    return toFinding(after!);
  }

  /** The traced/untraced breakdown of one batch, computed now over its upstream graph. */
  async function breakdown(batchId: string) {
    const reference = await currentReference();
    const upstream = await db.query<{ batch_id: string }>(
      `WITH RECURSIVE upstream(batch_id) AS (
         SELECT $1::uuid
         UNION
         SELECT i.batch_id FROM upstream u JOIN batches b ON b.id = u.batch_id
           JOIN trace_event_inputs i ON i.event_id = b.produced_by WHERE i.batch_id IS NOT NULL)
       SELECT batch_id FROM upstream`,
      [batchId],
    );
    const data = await loadData(
      db,
      upstream.map((r) => r.batch_id),
    );
    // A plot's capacity is shared by all its harvests in the crop year, upstream of this batch or not.
    const plotIds = [...data.plots.keys()];
    const harvestTotalsRows = plotIds.length
      ? await db.query<{ plot_id: string; event_time: Date | string; grams: string | null }>(
          `SELECT i.plot_id, e.event_time, sum(b.mass_grams)::text AS grams
             FROM trace_event_inputs i JOIN trace_events e ON e.id = i.event_id AND e.kind = 'harvest'
             JOIN batches b ON b.produced_by = e.id
            WHERE i.plot_id = ANY($1::uuid[]) GROUP BY i.plot_id, e.id, e.event_time`,
          [plotIds],
        )
      : [];
    const totals = new Map<string, number>();
    for (const r of harvestTotalsRows) {
      const plot = data.plots.get(r.plot_id)!;
      const key = `${r.plot_id} ${cropYear(plot.commodity as Commodity, iso(r.event_time))}`;
      totals.set(key, (totals.get(key) ?? 0) + toMilligrams(trim(r.grams ?? '0')));
    }
    const plotChecks = [...totals].map(([key, mg]) => {
      const [plotId, period] = key.split(' ') as [string, string];
      const check = plotCapacity(reference, data.plots.get(plotId)!, period, mg);
      return { key, plotId, period, harvestedGrams: fromMilligrams(mg), check };
    });
    const fraction = new Map(plotChecks.map((c) => [c.key, c.check.tracedFraction]));
    const index = compileGraph(reference, data.graph);
    const shares = propagateShares(reference, data.graph, harvestSeed(data.harvests, fraction), { index });
    const batch = data.graph.batches.get(batchId)!;
    const eq = baseEquivalent(reference, batch);
    const traced = shares.shares.get(batchId) ?? 0;
    const conversions = [...data.graph.events.values()]
      .filter((e) => e.kind !== 'harvest')
      .map((e) => {
        const result = checkConservation(reference, conversionOf(data.graph, index, e));
        return {
          eventId: e.id,
          kind: e.kind,
          inputEquivalentGrams: fromDecimal(result.inputGrams),
          outputEquivalentGrams: fromDecimal(result.outputGrams),
          balanced: result.findings.length === 0,
        };
      });
    return {
      batchId,
      material: batch.material,
      grams: batch.grams,
      baseEquivalentGrams: eq.ok ? fromDecimal(eq.grams) : null,
      tracedShare: traced,
      untracedShare: 1 - traced,
      untracedGrams: Math.round(Number(batch.grams) * (1 - traced)).toString(),
      cyclic: shares.cyclic.includes(batchId),
      referenceVersion: reference.version,
      treeSize: data.treeSize,
      plots: plotChecks.map((c) => ({
        plotId: c.plotId,
        period: c.period,
        harvestedGrams: c.harvestedGrams,
        plausibleCapacityGrams: fromDecimal(c.check.plausibleGrams),
        tracedFraction: c.check.tracedFraction,
        rule: c.check.finding?.rule ?? null,
      })),
      conversions,
    };
  }

  /** Records an override of a reference yield, for a country or one plot, with its justification. */
  async function override(
    principal: Principal,
    input: {
      commodity: Commodity;
      country?: string | undefined;
      plotId?: string | undefined;
      plausibleMax?: string | undefined;
      hardCeiling?: string | undefined;
      justification: string;
    },
  ) {
    if (input.plotId) {
      const [plot] = await db.query<{ organisation_id: string; commodity: string }>(
        'SELECT organisation_id, commodity FROM plots WHERE id = $1',
        [input.plotId],
      );
      if (!plot) throw notFound(`plot ${input.plotId} not found`);
      await access.requireVisible(principal, plot.organisation_id).catch(() => {
        throw notFound(`plot ${input.plotId} not found`);
      });
    }
    const entryIndex = await appendRecord(writer, principal, {
      type: 'reference.override',
      subject: input.plotId ? `plot:${input.plotId}` : `reference:${input.commodity}/${input.country}`,
      body: {
        referenceVersion: base.version,
        commodity: input.commodity,
        ...(input.country ? { country: input.country } : {}),
        ...(input.plotId ? { plot: `plot:${input.plotId}` } : {}),
        ...(input.plausibleMax ? { plausibleMaxKgPerHa: input.plausibleMax } : {}),
        ...(input.hardCeiling ? { hardCeilingKgPerHa: input.hardCeiling } : {}),
        justification: input.justification,
      },
      conflict: 'this override is already recorded',
      project: async (tx, index) => {
        await tx.query(
          `INSERT INTO yield_overrides (entry_index, commodity, country, plot_id, plausible_max, hard_ceiling, justification, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            index.toString(),
            input.commodity,
            input.country ?? null,
            input.plotId ?? null,
            input.plausibleMax ?? null,
            input.hardCeiling ?? null,
            input.justification,
            principal.subject,
          ],
        );
      },
    });
    return { entryIndex, referenceVersion: (await currentReference()).version };
  }

  return { recompute, checkHarvest, findings, resolve, breakdown, currentReference, override };
}

/** An exact decimal as its shortest string (1250.050 → 1250.05). */
const fromDecimal = (d: Decimal) => trim(formatDecimal(d));

interface FindingRow {
  id: string;
  rule: string;
  severity: string;
  subject_kind: string;
  subject_id: string;
  period: string | null;
  organisation_id: string | null;
  message: string;
  numbers: Record<string, unknown> | string;
  reference_version: string;
  tree_size: string | number;
  computed_at: Date | string;
  resolution_entry: string | number | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  exposure: number | null;
}

function toFinding(r: FindingRow): StoredFinding {
  return {
    id: r.id,
    rule: r.rule,
    severity: r.severity as StoredFinding['severity'],
    subject: { kind: r.subject_kind, id: r.subject_id },
    period: r.period,
    organisationId: r.organisation_id,
    message: r.message,
    numbers: typeof r.numbers === 'string' ? JSON.parse(r.numbers) : r.numbers,
    referenceVersion: r.reference_version,
    treeSize: Number(r.tree_size),
    computedAt: iso(r.computed_at),
    resolution:
      r.resolution_entry === null
        ? null
        : {
            justification: r.resolution!,
            by: r.resolved_by!,
            at: iso(r.resolved_at!),
            entryIndex: Number(r.resolution_entry),
          },
    ...(r.exposure !== null && r.exposure !== undefined ? { exposure: Number(r.exposure) } : {}),
  };
}

export type MassBalanceService = ReturnType<typeof createMassBalanceService>;
