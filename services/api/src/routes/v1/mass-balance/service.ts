// The mass-balance service: reads plots, events and batches, runs the pure rules of
// @groundtruth/massbalance, and stores what they find. A full recompute supersedes every current
// finding of its rules (decision 0020); a new harvest re-checks its own plot in a few queries. Nothing
// is deleted.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  approximateCapacityGrams,
  backdated,
  baseEquivalent,
  blendedOriginFindings,
  type Commodity,
  type CompiledGraph,
  type Conversion,
  type CustodyModel,
  checkBatchBalance,
  checkConservation,
  checkPlotCapacity,
  checkSiteAccount,
  cropYear,
  cropYearStart,
  DEFAULT_CONSERVATION_TOLERANCE,
  DEFAULT_REFERENCE,
  downstreamShares,
  evidenceFindings,
  type Finding,
  gramsToMilligrams,
  type MaterialAmount,
  milligramsToGrams,
  newPlotBurst,
  outputsOf,
  outsideCountry,
  outsideHarvestWindow,
  type PlotHarvests,
  type Posting,
  propagateShares,
  type ReferenceTable,
  unconfirmedTransfer,
  unevaluableRecord,
  yieldOutliers,
} from '@groundtruth/massbalance';
import { type Decimal, formatDecimal, MAX_MASS_GRAMS } from '@groundtruth/quantity';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { type CustodySettings, DEFAULT_CUSTODY } from '../../../config.ts';
import { AppError, notFound } from '../../../errors.ts';
import { cursorFor, pageOf } from '../../../paging.ts';
import { appendRecord } from '../../../record.ts';
import { loadEvidence, SHARING_MEDIA } from './evidence.ts';
import { findingIds } from './identity.ts';
import { custodyAt, loadData, type MassBalanceData, PLOT_POINT, type PlotColumns } from './load.ts';

const msText = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint::text`;

/** A plot as the capacity rule reads it. */
interface PlotFacts {
  id: string;
  commodity: string;
  country: string;
  geometry_type: 'Point' | 'Polygon' | 'MultiPolygon';
  area_hectares: string;
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

/**
 * When a new finding `n` is the same finding as a superseded one `o`, whose resolution it keeps: same
 * rule, subject and period, and the same numbers (as JSON values, so key order does not matter).
 * Changed numbers are a changed finding and reopen it. Shared by the recompute and the incremental check.
 */
const CARRIES_RESOLUTION = `o.rule = n.rule AND o.subject_kind = n.subject_kind AND o.subject_id = n.subject_id
  AND o.period IS NOT DISTINCT FROM n.period AND o.numbers = n.numbers::jsonb`;

/** What findingArrays reads of a finding: any check's finding, not only the mass-balance rules'. */
export type FindingColumns = Pick<
  Scoped,
  'severity' | 'subject' | 'period' | 'organisationId' | 'message'
> & {
  rule: string;
  numbers: Record<string, unknown>;
};

/**
 * The columns of new findings as parallel text arrays, in the order insertFindings reads them. Arrays
 * travel as text[] and are cast in SQL: the PostgreSQL driver sends only some array types.
 */
export function findingArrays(
  found: FindingColumns[],
  ids: string[],
  versions: string[],
): (string | null)[][] {
  return [
    versions,
    ids,
    found.map((f) => f.rule),
    found.map((f) => f.severity),
    found.map((f) => f.subject.kind),
    found.map((f) => f.subject.id),
    found.map((f) => f.period ?? null),
    found.map((f) => f.organisationId ?? null),
    found.map((f) => f.message),
    found.map((f) => JSON.stringify(f.numbers)),
  ];
}

/**
 * The one statement that writes findings, for the recompute and every incremental check: the ten
 * arrays of findingArrays from parameter $first on, for `run` (a relation with the run's id and tree
 * size), each keeping the resolution of the superseded version in `old` that it continues
 * (CARRIES_RESOLUTION). `version` is the SQL of the reference table version.
 */
export function insertFindings(first: number, run: string, version: string, old: string): string {
  const arrays = Array.from({ length: 10 }, (_, k) => `$${first + k}::text[]`).join(', ');
  return `INSERT INTO mass_balance_findings (version_id, id, run_id, rule, severity, subject_kind, subject_id, period,
       organisation_id, message, numbers, reference_version, tree_size, resolution_entry, resolution, resolved_by, resolved_at)
     SELECT n.version_id::uuid, n.id::uuid, run.id, n.rule, n.severity, n.subject_kind, n.subject_id, n.period,
            n.organisation_id::uuid, n.message, n.numbers::jsonb, ${version}, run.tree_size,
            o.resolution_entry, o.resolution, o.resolved_by, o.resolved_at
       FROM unnest(${arrays})
         AS n(version_id, id, rule, severity, subject_kind, subject_id, period, organisation_id, message, numbers)
       CROSS JOIN ${run} run
       LEFT JOIN LATERAL (SELECT * FROM ${old} o WHERE o.resolution_entry IS NOT NULL AND ${CARRIES_RESOLUTION} LIMIT 1) o
         ON true`;
}

/** Rules of checks other than the recompute (decision 0020): a recompute leaves their findings alone. */
const NOT_RECOMPUTED = ['DEFORESTATION_RISK'];

/** The versions of one finding shown at most (newest first). */
const MAX_FINDING_VERSIONS = 100;

const CONSERVATION_TOLERANCE = Number(DEFAULT_CONSERVATION_TOLERANCE);
const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
const iso = (v: Date | string | number) => new Date(v).toISOString();

/** The capacity check of one plot's crop year. */
function plotCapacity(table: ReferenceTable, plot: PlotFacts, period: string, milligrams: number) {
  return checkPlotCapacity(table, plotHarvests(plot, period, milligrams));
}
/** A plot and one crop year's harvest, as the capacity rule reads them. */
const plotHarvests = (plot: PlotFacts, period: string, milligrams: number): PlotHarvests => ({
  plotId: plot.id,
  commodity: plot.commodity as Commodity,
  country: plot.country,
  geometryType: plot.geometry_type,
  areaHectares: plot.area_hectares,
  period,
  harvestedGrams: milligramsToGrams(milligrams),
});
const plotFacts = (plots: PlotColumns, p: number): PlotFacts => ({
  id: plots.ids[p]!,
  commodity: plots.commodity[p]!,
  country: plots.country[p]!,
  geometry_type: plots.geometryType[p]!,
  area_hectares: plots.areaHectares[p]!,
});

/** A transfer or transformation as the exact conservation rule reads it. */
function conversionOf(graph: CompiledGraph, e: number): Conversion {
  const inputs = [];
  for (let k = graph.inStart[e]!; k < graph.inStart[e + 1]!; k++) {
    const b = graph.inBatch[k]!;
    if (b >= 0) inputs.push(batchAmount(graph, b, graph.inMilligrams[k]!));
  }
  return {
    eventId: graph.eventIds[e]!,
    kind: graph.eventKind[e] as Conversion['kind'],
    inputs,
    outputs: outputsOf(graph, e).map((b) => batchAmount(graph, b, graph.batchMilligrams[b]!)),
  };
}

/** So many milligrams of a batch's material, as the exact rules read it. */
function batchAmount(graph: CompiledGraph, b: number, milligrams: number): MaterialAmount {
  const cocoaContent = graph.batchCocoaContent[b];
  return {
    material: graph.batchMaterial[b]!,
    grams: milligramsToGrams(milligrams),
    ...(cocoaContent ? { cocoaContent } : {}),
  };
}

/**
 * Harvest totals per plot and crop year. A key is plot index × 10⁴ + the year the crop year starts,
 * numbers rather than strings because there are as many as there are plots.
 */
interface Harvests {
  /** Key of each event's plot and crop year; NaN for events that are not harvests of a known plot. */
  keyOf: Float64Array;
  /** Milligrams harvested per key. */
  totals: Map<number, number>;
  /** The harvest events of each key. */
  events: Map<number, number[]>;
}
const plotOfKey = (key: number) => Math.floor(key / 10_000);
const periodOfKey = (data: MassBalanceData, key: number) => {
  const commodity = data.plots.commodity[plotOfKey(key)]!;
  return cropYear(commodity, Date.UTC(key % 10_000, 11, 31));
};

function harvestsOf(data: MassBalanceData): Harvests {
  const { graph, plots } = data;
  const keyOf = new Float64Array(graph.eventIds.length).fill(Number.NaN);
  const totals = new Map<number, number>();
  const events = new Map<number, number[]>();
  for (let e = 0; e < keyOf.length; e++) {
    const p = data.harvestPlot[e]!;
    if (p < 0 || graph.eventKind[e] !== 'harvest') continue;
    const key = p * 10_000 + cropYearStart(plots.commodity[p]!, data.eventTime[e]!);
    keyOf[e] = key;
    let milligrams = totals.get(key) ?? 0;
    for (let o = graph.outStart[e]!; o < graph.outStart[e + 1]!; o++)
      milligrams += graph.batchMilligrams[graph.outBatch[o]!]!;
    totals.set(key, milligrams);
    const list = events.get(key);
    if (list) list.push(e);
    else events.set(key, [e]);
  }
  return { keyOf, totals, events };
}

/**
 * Seeds share propagation: each harvest passes on its plot's traced fraction for that crop year, and
 * an event recording a mass the engine cannot weigh passes nothing on as traced.
 */
function harvestSeed(
  graph: CompiledGraph,
  harvests: Harvests,
  fraction: Map<number, number>,
  unevaluableEvents: Set<number>,
): (e: number) => number | undefined {
  return (e) => {
    if (unevaluableEvents.has(e)) return 0;
    if (graph.eventKind[e] !== 'harvest') return undefined;
    const key = harvests.keyOf[e]!;
    return Number.isNaN(key) ? 0 : (fraction.get(key) ?? 1);
  };
}

/**
 * The postings of every mass-balance site's account: traced base-material grams received (its own
 * harvests, transfers in) are credit, grams sent on (transfers out) spend it. Each names the ledger
 * entry that recorded it, for the closed-period rule.
 */
function sitePostings(
  table: ReferenceTable,
  data: MassBalanceData,
  shares: Float64Array,
  custodyOf: (organisationId: string, entry: number) => CustodyModel,
): Map<string, Posting[]> {
  const { graph, plots } = data;
  const postingsBySite = new Map<string, Posting[]>();
  const post = (site: string, posting: Posting) => {
    const list = postingsBySite.get(site);
    if (list) list.push(posting);
    else postingsBySite.set(site, [posting]);
  };
  const equivalentGrams = (b: number) =>
    baseEquivalent(table, batchAmount(graph, b, graph.batchMilligrams[b]!));
  for (let e = 0; e < graph.eventIds.length; e++) {
    const kind = graph.eventKind[e];
    const entry = data.eventEntry[e]!;
    if (kind === 'harvest') {
      const p = data.harvestPlot[e]!;
      if (p < 0) continue;
      const grower = plots.organisation[p]!;
      if (custodyOf(grower, entry) !== 'mass_balance') continue;
      for (const b of outputsOf(graph, e)) {
        const eq = equivalentGrams(b);
        if (!eq.ok) continue;
        const grams = (Number(eq.grams.units) / 10 ** eq.grams.scale) * shares[b]!;
        post(grower, {
          id: `${graph.eventIds[e]}:harvest`,
          at: iso(data.eventTime[e]!),
          kind: 'receive',
          grams: grams.toFixed(3),
          entry,
        });
      }
    } else if (kind === 'transfer') {
      const sender = data.eventOrganisation[e]!;
      for (const b of outputsOf(graph, e)) {
        const receiver = graph.batchOrganisation[b]!;
        const senderKeeps = custodyOf(sender, entry) === 'mass_balance';
        const receiverKeeps = custodyOf(receiver, entry) === 'mass_balance';
        if (!senderKeeps && !receiverKeeps) continue;
        const eq = equivalentGrams(b);
        if (!eq.ok) continue;
        const grams = Number(eq.grams.units) / 10 ** eq.grams.scale;
        const at = iso(data.eventTime[e]!);
        if (senderKeeps)
          post(sender, { id: `${graph.eventIds[e]}:out`, at, kind: 'sell', grams: grams.toFixed(3), entry });
        if (receiverKeeps)
          post(receiver, {
            id: `${graph.eventIds[e]}:in`,
            at,
            kind: 'receive',
            grams: (grams * shares[b]!).toFixed(3),
            entry,
          });
      }
    }
  }
  return postingsBySite;
}

/** Batches whose consumers took more milligrams than they hold (batches without a mass are skipped). */
function overdrawnBatches(graph: CompiledGraph): number[] {
  const taken = new Float64Array(graph.batchIds.length);
  for (let k = 0; k < graph.inBatch.length; k++) {
    const b = graph.inBatch[k]!;
    if (b >= 0) taken[b]! += graph.inMilligrams[k]!;
  }
  const out: number[] = [];
  for (let b = 0; b < taken.length; b++)
    if (graph.batchMilligrams[b]! > 0 && taken[b]! > graph.batchMilligrams[b]!) out.push(b);
  return out;
}

/** The distinct events that consumed batch b. */
const consumersOf = (graph: CompiledGraph, b: number): number[] =>
  Array.from(graph.consEvent.subarray(graph.consStart[b]!, graph.consStart[b + 1]!));

/** A batch and what each of its consumers took, as the batch-balance rule reads it. */
function batchConsumption(graph: CompiledGraph, b: number) {
  const consumers = consumersOf(graph, b).map((e) => {
    let milligrams = 0;
    for (let k = graph.inStart[e]!; k < graph.inStart[e + 1]!; k++)
      if (graph.inBatch[k] === b) milligrams += graph.inMilligrams[k]!;
    return { eventId: graph.eventIds[e]!, kind: graph.eventKind[e]!, milligrams };
  });
  return { batchId: graph.batchIds[b]!, producedMilligrams: graph.batchMilligrams[b]!, consumers };
}

/** Runs every rule over the data. Pure apart from the data it is given. */
function evaluate(
  table: ReferenceTable,
  data: MassBalanceData,
  custody: CustodySettings,
  now: number,
): Scoped[] {
  const { graph, plots } = data;
  const harvests = harvestsOf(data);
  const findings: Scoped[] = [];
  const period = (key: number) => periodOfKey(data, key);

  // 0. What cannot be weighed was left out of the graph by the loader; each is a finding of its own.
  for (const record of data.unevaluable)
    findings.push({
      ...unevaluableRecord(table, record.subject, record),
      organisationId: record.organisationId,
    });

  // 1. Plot capacity per crop year; what a plot cannot have grown is untraced at its harvests. Screened
  // in floating point; only a plot near or over its plausible capacity gets the exact decimal check.
  const plotFraction = new Map<number, number>();
  const capacityOf = new Map<number, number>();
  for (const [key, milligrams] of harvests.totals) {
    const p = plotOfKey(key);
    let capacity = capacityOf.get(p) ?? Number.NaN;
    if (Number.isNaN(capacity)) {
      capacity = approximateCapacityGrams(table, plotHarvests(plotFacts(plots, p), '', 0));
      capacityOf.set(p, capacity);
    }
    if (milligrams / 1000 <= capacity * (1 - 1e-9)) continue;
    const check = plotCapacity(table, plotFacts(plots, p), period(key), milligrams);
    if (check.tracedFraction < 1) plotFraction.set(key, check.tracedFraction);
    if (check.finding)
      findings.push({ ...check.finding, period: period(key), organisationId: plots.organisation[p]! });
  }

  // 2. Conservation of every transfer and transformation. Screened in floating point over the compiled
  // arrays; only a conversion near or over its limit gets the exact decimal check.
  const flaggedConversions = new Map<string, number>();
  for (let e = 0; e < graph.eventIds.length; e++) {
    // A harvest has no inputs to conserve; a loss produces nothing; an unweighable event is reported.
    if (graph.eventKind[e] === 'harvest' || graph.eventKind[e] === 'loss' || data.unevaluableEvents.has(e))
      continue;
    let inF = 0;
    let outF = 0;
    let unknown = false;
    for (let i = graph.inStart[e]!; i < graph.inStart[e + 1]!; i++) {
      const b = graph.inBatch[i]!;
      if (b >= 0 && graph.batchFactor[b] === 0) unknown = true;
      inF += graph.inEq[i]!;
    }
    for (let o = graph.outStart[e]!; o < graph.outStart[e + 1]!; o++) {
      const b = graph.outBatch[o]!;
      if (graph.batchFactor[b] === 0) unknown = true;
      outF += graph.batchEq[b]!;
    }
    if (!unknown && outF <= inF * (1 + CONSERVATION_TOLERANCE) * (1 - 1e-9)) continue;
    const result = checkConservation(table, conversionOf(graph, e));
    const organisationId = data.eventOrganisation[e]!;
    for (const f of result.findings) findings.push({ ...f, organisationId });
    if (result.findings.length > 0) flaggedConversions.set(graph.eventIds[e]!, e);
  }

  // 2b. No batch spent twice: what its consumers took, summed in whole milligrams (exact), against
  // what it holds. Only an overdrawn batch gets its consumers listed.
  const overdrawn = overdrawnBatches(graph);
  for (const b of overdrawn) {
    const finding = checkBatchBalance(table, batchConsumption(graph, b));
    if (finding) findings.push({ ...finding, organisationId: graph.batchOrganisation[b]! });
  }

  // 3. Traced shares and blended origin.
  const traced = propagateShares(graph, harvestSeed(graph, harvests, plotFraction, data.unevaluableEvents));
  // Each by the custody model in force when it was recorded: a later change does not rewrite the past.
  const custodyOf = (organisationId: string, entry: number) => custodyAt(data, organisationId, entry);
  const custodyOfBatch = (organisationId: string, b: number) =>
    custodyOf(organisationId, data.batchEntry[b]!);
  for (const { batch, finding } of blendedOriginFindings(table, graph, traced, custodyOfBatch))
    findings.push({ ...finding, organisationId: graph.batchOrganisation[batch]! });

  // 4. Site accounts for mass-balance sites: traced volume in is credit, volume out spends it.
  const postingsBySite = sitePostings(table, data, traced.shares, custodyOf);
  for (const [site, postings] of postingsBySite) {
    const periods = data.periods.get(site) ?? [];
    for (const f of checkSiteAccount(table, { siteId: site, commodity: 'all', postings, periods }).findings)
      findings.push({ ...f, organisationId: site });
  }

  // 5. Statistical signals.
  const byGroup = new Map<string, { plotId: string; kgPerHectare: number }[]>();
  for (const [key, milligrams] of harvests.totals) {
    const p = plotOfKey(key);
    const group = `${plots.organisation[p]} ${period(key)}`;
    const kgPerHectare = milligrams / 1e6 / Number(plots.areaHectares[p]);
    const list = byGroup.get(group);
    if (list) list.push({ plotId: plots.ids[p]!, kgPerHectare });
    else byGroup.set(group, [{ plotId: plots.ids[p]!, kgPerHectare }]);
  }
  for (const [group, members] of byGroup) {
    const [organisationId, period] = group.split(' ') as [string, string];
    for (const f of yieldOutliers(table, `organisation ${organisationId}, ${period}`, members))
      findings.push({ ...f, period, organisationId });
  }
  for (let e = 0; e < graph.eventIds.length; e++) {
    const p = data.harvestPlot[e]!;
    if (p < 0 || graph.eventKind[e] !== 'harvest') continue;
    const f = outsideHarvestWindow(table, {
      eventId: graph.eventIds[e]!,
      commodity: plots.commodity[p]!,
      at: data.eventTime[e]!,
    });
    if (f) findings.push({ ...f, organisationId: plots.organisation[p]! });
    const late = backdated(
      table,
      {
        eventId: graph.eventIds[e]!,
        eventTime: data.eventTime[e]!,
        recordTime: data.eventRecorded[e]!,
        plotId: plots.ids[p]!,
        plotRegisteredAt: plots.createdAt[p]!,
      },
      { days: custody.backdatedDays },
    );
    if (late) findings.push({ ...late, organisationId: plots.organisation[p]! });
  }
  // A harvested plot outside the country it claims.
  const harvestedPlots = new Set<number>();
  for (let e = 0; e < graph.eventIds.length; e++) {
    const p = data.harvestPlot[e]!;
    if (p >= 0 && graph.eventKind[e] === 'harvest') harvestedPlots.add(p);
  }
  for (const p of harvestedPlots) {
    const f = outsideCountry(table, {
      plotId: plots.ids[p]!,
      country: plots.country[p]!,
      longitude: plots.longitude[p]!,
      latitude: plots.latitude[p]!,
    });
    if (f) findings.push({ ...f, organisationId: plots.organisation[p]! });
  }
  // Transfers their receivers have not confirmed in time.
  for (let e = 0; e < graph.eventIds.length; e++) {
    if (graph.eventKind[e] !== 'transfer' || data.eventConfirmed[e] === 1) continue;
    const out = graph.outStart[e]!;
    if (out === graph.outStart[e + 1]) continue;
    const f = unconfirmedTransfer(
      table,
      {
        eventId: graph.eventIds[e]!,
        sender: data.eventOrganisation[e]!,
        receiver: graph.batchOrganisation[graph.outBatch[out]!]!,
        recordTime: data.eventRecorded[e]!,
      },
      now,
      { days: custody.unconfirmedTransferDays },
    );
    if (f) findings.push({ ...f, organisationId: data.eventOrganisation[e]! });
  }
  // New member plots before a grower's largest sale (one check per grower, not per delivery). Both
  // by our clock: plots by when they were registered, the sale by when it was recorded, so a sale
  // dated back before the burst still counts after it.
  const plotsByOrg = new Map<string, number[]>();
  for (let p = 0; p < plots.ids.length; p++) {
    const list = plotsByOrg.get(plots.organisation[p]!);
    if (list) list.push(plots.createdAt[p]!);
    else plotsByOrg.set(plots.organisation[p]!, [plots.createdAt[p]!]);
  }
  const largestSale = new Map<string, { e: number; milligrams: number }>();
  for (let e = 0; e < graph.eventIds.length; e++) {
    if (graph.eventKind[e] !== 'transfer') continue;
    const seller = data.eventOrganisation[e]!;
    if (!plotsByOrg.has(seller)) continue;
    let milligrams = 0;
    for (let k = graph.inStart[e]!; k < graph.inStart[e + 1]!; k++) milligrams += graph.inMilligrams[k]!;
    const current = largestSale.get(seller);
    if (!current || milligrams > current.milligrams) largestSale.set(seller, { e, milligrams });
  }
  for (const [organisationId, sale] of largestSale) {
    const f = newPlotBurst(
      table,
      { id: organisationId, plotRegisteredAt: plotsByOrg.get(organisationId)! },
      { eventId: graph.eventIds[sale.e]!, at: data.eventRecorded[sale.e]! },
    );
    if (f) findings.push({ ...f, organisationId });
  }

  // 6. Propagation: what lies downstream of a plot or conversion finding, and how much of it.
  // Findings on the same plot and year (over-yield and outlier) share one walk.
  const keyByPlotPeriod = new Map<string, number>();
  for (const key of harvests.totals.keys())
    keyByPlotPeriod.set(`${plots.ids[plotOfKey(key)]} ${period(key)}`, key);
  const walked = new Map<string, Map<string, number>>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    let sources: number[] | undefined;
    let walk: string | undefined;
    if (f.subject.kind === 'plot' && f.period) {
      walk = `${f.subject.id} ${f.period}`;
      const key = keyByPlotPeriod.get(walk);
      sources = key === undefined ? undefined : harvests.events.get(key);
    } else if (f.subject.kind === 'event' && f.rule === 'MASS_IMBALANCE') {
      walk = f.subject.id;
      const e = flaggedConversions.get(f.subject.id);
      sources = e === undefined ? undefined : [e];
    } else if (f.rule === 'BATCH_OVERDRAWN') {
      // Everything made from an overdrawn batch holds volume that may not exist.
      walk = `overdrawn ${f.subject.id}`;
      const b = graph.batchIndex(f.subject.id);
      sources =
        b === undefined ? undefined : consumersOf(graph, b).filter((e) => graph.eventKind[e] !== 'loss');
    }
    if (!walk || !sources || sources.length === 0) continue;
    let exposures = walked.get(walk);
    if (!exposures) {
      exposures = new Map();
      for (const [b, share] of downstreamShares(graph, sources)) exposures.set(graph.batchIds[b]!, share);
      walked.set(walk, exposures);
    }
    f.exposures = exposures;
  }
  return findings;
}

export function createMassBalanceService({
  db,
  writer,
  access,
  reference: base = DEFAULT_REFERENCE,
  custody = DEFAULT_CUSTODY,
}: {
  db: Database;
  writer: LedgerWriter;
  access: Access;
  reference?: ReferenceTable;
  custody?: CustodySettings;
}) {
  /**
   * The reference table in force: the shipped one with every recorded override applied (the newest
   * wins). Its version names the last override, so a finding says exactly which numbers it used.
   * Overrides are append-only, so the newest entry index identifies the table: it is rebuilt only
   * when that changes (another process may have recorded one), and a caller that already read the
   * index (the incremental check does, in its one read) asks no more.
   */
  let cachedReference: { newest: number | null; table: ReferenceTable } | undefined;
  const NEWEST_OVERRIDE = '(SELECT max(entry_index) FROM yield_overrides)';
  async function currentReference(newest?: number | null): Promise<ReferenceTable> {
    if (newest === undefined) {
      const [row] = await db.query<{ newest: string | number | null }>(`SELECT ${NEWEST_OVERRIDE} AS newest`);
      newest = row!.newest === null ? null : Number(row!.newest);
    }
    if (cachedReference?.newest === newest) return cachedReference.table;
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
         FROM yield_overrides WHERE entry_index <= $1 ORDER BY entry_index DESC`,
      [newest ?? -1],
    );
    const table: ReferenceTable =
      rows.length === 0
        ? base
        : {
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
    cachedReference = { newest, table };
    return table;
  }

  /**
   * Supersedes every current finding and stores the new ones, in one transaction. A resolution
   * carries over to a new finding that is the same finding (CARRIES_RESOLUTION); changed numbers
   * reopen it.
   */
  async function store(
    version: string,
    principal: Principal,
    startedAt: Date,
    treeSize: number,
    findings: Scoped[],
  ): Promise<RunSummary> {
    const runId = randomUUID();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
         VALUES ($1, 'recompute', $2, $3, $4, $5, $6)`,
        [runId, treeSize, version, startedAt.toISOString(), findings.length, principal.subject],
      );
      // The resolved ones among the superseded, kept aside for the inserts below to join.
      await tx.query(
        `CREATE TEMP TABLE resolved_before ON COMMIT DROP AS
           SELECT rule, subject_kind, subject_id, period, numbers, resolution_entry, resolution, resolved_by, resolved_at
             FROM mass_balance_findings WHERE superseded_at IS NULL AND resolution_entry IS NOT NULL`,
      );
      // Findings of checks the recompute does not run (the forest check's) stand until those run again.
      await tx.query(
        'UPDATE mass_balance_findings SET superseded_at = now() WHERE superseded_at IS NULL AND rule <> ALL($1::text[])',
        [NOT_RECOMPUTED],
      );
      const ids = findingIds(findings);
      const rows = findings.map((f, n) => ({ version: randomUUID(), id: ids[n]!, f }));
      const run = '(SELECT $1::uuid AS id, $2::bigint AS tree_size)';
      for (let start = 0; start < rows.length; start += 2000) {
        const chunk = rows.slice(start, start + 2000);
        await tx.query(insertFindings(4, run, '$3', 'resolved_before'), [
          runId,
          treeSize,
          version,
          ...findingArrays(
            chunk.map((r) => r.f),
            chunk.map((r) => r.id),
            chunk.map((r) => r.version),
          ),
        ]);
        const exposures = chunk.flatMap(({ version, f }) =>
          [...(f.exposures ?? [])].map(([batchId, share]) => ({ version, batchId, share })),
        );
        for (let e = 0; e < exposures.length; e += 5000) {
          const part = exposures.slice(e, e + 5000);
          await tx.query(
            `INSERT INTO mass_balance_exposures (finding_version_id, batch_id, share)
             SELECT f::uuid, b::uuid, s::float8 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(f, b, s)`,
            [part.map((x) => x.version), part.map((x) => x.batchId), part.map((x) => String(x.share))],
          );
        }
      }
    });
    // A recompute replaces every current finding at once: the planner's statistics of the table are
    // stale from here until autovacuum comes by, and with them it filtered thousands of rows in the
    // incremental checks' superseding instead of looking the subject up in the index. Only the columns
    // those lookups and the lists filter on: the messages and numbers are most of the table's bytes and
    // no plan depends on them (all columns took about a second at 1M events).
    await db.query(
      'ANALYZE mass_balance_findings (subject_kind, subject_id, superseded_at, rule, organisation_id, id)',
    );
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind: 'recompute',
      treeSize,
      referenceVersion: version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  /**
   * An incremental check's one write, in one commit: the run, the superseding of the current findings
   * `supersede` selects (SQL over the parameters it makes with `param`), and the new findings under
   * their name-based ids, which keep a resolution while their numbers stand.
   */
  async function writeIncremental(
    principal: Principal,
    startedAt: Date,
    version: string,
    found: Scoped[],
    supersede: (param: (value: unknown) => string) => string,
  ): Promise<RunSummary> {
    const runId = randomUUID();
    const params: unknown[] = [
      runId,
      version,
      startedAt.toISOString(),
      found.length,
      principal.subject,
      ...findingArrays(
        found,
        findingIds(found),
        found.map(() => randomUUID()),
      ),
    ];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const selected = supersede(param);
    const [written] = await db.query<{ tree_size: string | number }>(
      `WITH run AS (
         INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
         VALUES ($1, 'incremental', (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries), $2, $3, $4, $5)
         RETURNING id, tree_size),
       old AS (
         UPDATE mass_balance_findings SET superseded_at = now() WHERE superseded_at IS NULL AND (${selected})
         RETURNING rule, subject_kind, subject_id, period, numbers, resolution_entry, resolution, resolved_by, resolved_at),
       inserted AS (${insertFindings(6, 'run', '$2', 'old')} RETURNING id)
       -- Findings are derived from ledger entries that are already durable: this commit need not wait
       -- for the disk. A crash may lose the last few milliseconds of incremental findings, never an
       -- entry, and the next recompute restores them.
       SELECT tree_size FROM run, (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit`,
      params,
    );
    const counts: Record<string, number> = {};
    for (const f of found) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind: 'incremental',
      treeSize: Number(written!.tree_size),
      referenceVersion: version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  async function recompute(principal: Principal): Promise<RunSummary> {
    const startedAt = new Date();
    const reference = await currentReference();
    const data = await loadData(db, reference);
    const findings = evaluate(reference, data, custody, startedAt.getTime());
    // Evidence plausibility, over the attestations recorded below the same tree size.
    findings.push(...judgeEvidence(reference, await loadEvidence(db, 'a.entry_index < $1', [data.treeSize])));
    return store(reference.version, principal, startedAt, data.treeSize, findings);
  }

  /** The evidence rules over loaded attestations (those in `judged`, or all), each finding with its owner. */
  function judgeEvidence(
    reference: ReferenceTable,
    evidence: Awaited<ReturnType<typeof loadEvidence>>,
    judged?: Set<string>,
  ): Scoped[] {
    return evidenceFindings(reference, evidence.attestations, evidence.plotOf, custody.evidence, judged).map(
      (f) => ({ ...f, organisationId: evidence.organisationOf.get(f.subject.id)! }),
    );
  }

  /**
   * After attestations are recorded: the evidence rules over them (with every earlier attestation that
   * shares a medium, for EVIDENCE_REUSED), by the recompute's functions. Never a refusal.
   */
  async function checkAttestations(principal: Principal, attestationIds: string[]): Promise<RunSummary> {
    const startedAt = new Date();
    const reference = await currentReference();
    const evidence = await loadEvidence(db, SHARING_MEDIA, [attestationIds]);
    const found = judgeEvidence(reference, evidence, new Set(attestationIds));
    return writeIncremental(
      principal,
      startedAt,
      reference.version,
      found,
      // Only the evidence rules speak of attestations. The ids as a set to join: with `= ANY(array)` the
      // planner filtered every attestation finding instead of looking each subject up in the index.
      (param) =>
        `subject_kind = 'attestation' AND subject_id IN (SELECT unnest(${param(attestationIds)}::text[]))`,
    );
  }

  /**
   * After a harvest: re-check its plot's crop year and its harvest window. Three queries whatever the
   * size of the data: the plot with its crop year's total, the tree size, and the store.
   */
  async function checkHarvest(principal: Principal, eventId: string): Promise<RunSummary> {
    const startedAt = new Date();
    // One read: the plot, the harvest's time, its crop year's total (crop years start in October for
    // cocoa and coffee, as in cropYear()) and which reference overrides are in force.
    const [row] = await db.query<
      PlotFacts & {
        organisation_id: string;
        at: string;
        grams: string | null;
        newest: string | number | null;
        voided: boolean;
        point: string | null;
        event_ms: string;
        recorded_ms: string;
        registered_ms: string;
      }
    >(
      `WITH h AS (
         SELECT p.id, p.organisation_id, p.commodity, p.country, p.geometry->>'type' AS geometry_type,
                p.area_hectares::text AS area_hectares, p.created_at, e.event_time, e.recorded_at,
                ${PLOT_POINT} AS point,
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
                  AND e2.event_time < h.period_start + interval '1 year'
                  AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e2.id)
                  -- As in the full load: a mass beyond the bound is left out (UNEVALUABLE_RECORD).
                  AND b.mass_grams <= $2::numeric) AS grams,
              ${NEWEST_OVERRIDE} AS newest,
              EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = $1) AS voided,
              ${msText('h.event_time')} AS event_ms, ${msText('h.recorded_at')} AS recorded_ms,
              ${msText('h.created_at')} AS registered_ms
         FROM h`,
      [eventId, MAX_MASS_GRAMS],
    );
    if (!row) throw notFound(`harvest ${eventId} not found`);
    const reference = await currentReference(row.newest === null ? null : Number(row.newest));
    const commodity = row.commodity as Commodity;
    const period = cropYear(commodity, row.at);
    const check = plotCapacity(
      reference,
      { ...row, area_hectares: trim(row.area_hectares) },
      period,
      gramsToMilligrams(row.grams ?? '0'),
    );
    const found: Scoped[] = [];
    if (check.finding) found.push({ ...check.finding, period, organisationId: row.organisation_id });
    // A voided harvest is out of its plot's total and has no window to be outside of.
    const window = row.voided
      ? undefined
      : outsideHarvestWindow(reference, { eventId, commodity, at: row.at });
    if (window) found.push({ ...window, organisationId: row.organisation_id });
    const late = row.voided
      ? undefined
      : backdated(
          reference,
          {
            eventId,
            eventTime: Number(row.event_ms),
            recordTime: Number(row.recorded_ms),
            plotId: row.id,
            plotRegisteredAt: Number(row.registered_ms),
          },
          { days: custody.backdatedDays },
        );
    if (late) found.push({ ...late, organisationId: row.organisation_id });
    const [longitude, latitude] = (row.point ?? '').split(' ').map(Number);
    const abroad = outsideCountry(reference, {
      plotId: row.id,
      country: row.country,
      longitude: longitude ?? Number.NaN,
      latitude: latitude ?? Number.NaN,
    });
    if (abroad) found.push({ ...abroad, organisationId: row.organisation_id });

    // The superseding of this plot's and this harvest's findings, and the new ones.
    return writeIncremental(principal, startedAt, reference.version, found, (param) => {
      const plot = param(row.id);
      return `(subject_kind = 'plot' AND subject_id = ${plot} AND period = ${param(period)}
                AND rule IN ('OVER_YIELD', 'IMPOSSIBLE_YIELD'))
             OR (subject_kind = 'plot' AND subject_id = ${plot} AND rule = 'OUTSIDE_COUNTRY')
             OR (subject_kind = 'event' AND subject_id = ${param(eventId)} AND rule IN ('OUTSIDE_HARVEST_WINDOW', 'BACKDATED'))`;
    });
  }

  /**
   * After a transfer or transformation (or its void): re-check its conservation at once, with the
   * recompute's rule (checkConservation). Two reads and one write. Exposures downstream are left to
   * the recompute.
   */
  async function checkEvent(principal: Principal, eventId: string): Promise<RunSummary> {
    const startedAt = new Date();
    const [event] = await db.query<{
      kind: string;
      organisation_id: string;
      voided: boolean;
      newest: string | number | null;
    }>(
      `SELECT kind, organisation_id, EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id) AS voided,
              ${NEWEST_OVERRIDE} AS newest
         FROM trace_events e WHERE id = $1`,
      [eventId],
    );
    if (!event) throw notFound(`event ${eventId} not found`);
    const reference = await currentReference(event.newest === null ? null : Number(event.newest));
    const found: Scoped[] = [];
    if ((event.kind === 'transfer' || event.kind === 'transformation') && !event.voided) {
      const amounts = await db.query<{
        side: 'in' | 'out';
        material: string;
        cocoa: string | null;
        grams: string | null;
      }>(
        `SELECT 'in' AS side, b.material, trim_scale(b.cocoa_content)::text AS cocoa, trim_scale(i.mass_grams)::text AS grams
           FROM trace_event_inputs i JOIN batches b ON b.id = i.batch_id WHERE i.event_id = $1
         UNION ALL
         SELECT 'out', b.material, trim_scale(b.cocoa_content)::text, trim_scale(b.mass_grams)::text
           FROM batches b WHERE b.produced_by = $1`,
        [eventId],
      );
      const amount = (r: (typeof amounts)[number]): MaterialAmount => ({
        material: r.material,
        // Counted in pieces or litres: no mass, weighs nothing, as in the recompute.
        grams: r.grams ?? '0',
        ...(r.cocoa ? { cocoaContent: r.cocoa } : {}),
      });
      const result = checkConservation(reference, {
        eventId,
        kind: event.kind,
        inputs: amounts.filter((r) => r.side === 'in').map(amount),
        outputs: amounts.filter((r) => r.side === 'out').map(amount),
      });
      for (const f of result.findings) found.push({ ...f, organisationId: event.organisation_id });
    }
    return writeIncremental(
      principal,
      startedAt,
      reference.version,
      found,
      (param) =>
        `subject_kind = 'event' AND subject_id = ${param(eventId)} AND rule IN ('MASS_IMBALANCE', 'UNKNOWN_MATERIAL')`,
    );
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
      perPage: number;
      nextPageToken?: string | undefined;
    },
  ): Promise<{ findings: StoredFinding[]; nextPageToken: string | undefined }> {
    const { perPage, nextPageToken, ...filters } = filter;
    // Most serious first, then rule, subject and id: a unique key, so pages neither skip nor repeat.
    const cursor = cursorFor(
      'findings',
      filters,
      z.tuple([z.number().int().min(0).max(2), z.string(), z.string(), z.uuid()]),
      nextPageToken,
    );
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
      exposure = `(SELECT x.share FROM mass_balance_exposures x WHERE x.finding_version_id = f.version_id AND x.batch_id = ${asUuid}::uuid)`;
      where.push(
        `((f.subject_kind = 'batch' AND f.subject_id = ${asText}::text) OR EXISTS (SELECT 1 FROM mass_balance_exposures x WHERE x.finding_version_id = f.version_id AND x.batch_id = ${asUuid}::uuid))`,
      );
    }
    const rank = `(CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)`;
    if (cursor.after) {
      const [r, rule, subject, id] = cursor.after;
      where.push(
        `(${rank}, f.rule COLLATE "C", f.subject_id COLLATE "C", f.id) > (${p(r)}::int, ${p(rule)} COLLATE "C", ${p(subject)} COLLATE "C", ${p(id)}::uuid)`,
      );
    }
    const rows = await db.query<FindingRow & { rank: number }>(
      `SELECT f.*, ${exposure} AS exposure, ${rank} AS rank FROM mass_balance_findings f WHERE ${where.join(' AND ')}
        ORDER BY ${rank}, f.rule COLLATE "C", f.subject_id COLLATE "C", f.id
        LIMIT ${p(perPage + 1)}`,
      params,
    );
    const page = pageOf(
      rows,
      perPage,
      cursor,
      (row) => [Number(row.rank), row.rule, row.subject_id, row.id] as [number, string, string, string],
    );
    return { findings: page.rows.map(toFinding), nextPageToken: page.nextPageToken };
  }

  async function resolve(
    principal: Principal,
    findingId: string,
    justification: string,
  ): Promise<StoredFinding> {
    const [row] = await db.query<FindingRow>(
      `SELECT *, NULL::float8 AS exposure FROM mass_balance_findings WHERE id = $1 AND superseded_at IS NULL
        ORDER BY computed_at DESC LIMIT 1`,
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
    return (await finding(principal, findingId)).finding;
  }

  /**
   * One finding by its id, as it stands (or, when no run finds it any more, as it last stood), with
   * every version of it, newest first: each run that found it, with its numbers and resolution. The id
   * is name-based, so this is the whole thread of the finding across recomputes and incremental checks.
   */
  async function finding(principal: Principal, findingId: string) {
    const rows = await db.query<FindingRow & { superseded_at: Date | string | null }>(
      `SELECT *, NULL::float8 AS exposure FROM mass_balance_findings WHERE id = $1
        ORDER BY (superseded_at IS NULL) DESC, computed_at DESC, version_id LIMIT ${MAX_FINDING_VERSIONS}`,
      [findingId],
    );
    const latest = rows[0];
    if (!latest) throw notFound(`finding ${findingId} not found`);
    if (latest.organisation_id)
      await access.requireVisible(principal, latest.organisation_id).catch(() => {
        throw notFound(`finding ${findingId} not found`);
      });
    else if (principal.role !== 'admin') throw notFound(`finding ${findingId} not found`);
    return {
      finding: toFinding(latest),
      current: latest.superseded_at === null,
      versions: rows.map((r) => ({
        computedAt: iso(r.computed_at),
        supersededAt: r.superseded_at === null ? null : iso(r.superseded_at),
        treeSize: Number(r.tree_size),
        referenceVersion: r.reference_version,
        numbers: (typeof r.numbers === 'string' ? JSON.parse(r.numbers) : r.numbers) as Record<
          string,
          unknown
        >,
        resolution: toFinding(r).resolution,
      })),
    };
  }

  /**
   * The graph upstream of the batches `seed` selects (SQL over $1), with traced shares worked out as a
   * full recompute would: a plot's capacity is shared by all its harvests in the crop year, upstream
   * of these batches or not.
   */
  async function upstream(reference: ReferenceTable, seed: string, param: string) {
    const rows = await db.query<{ batch_id: string }>(
      `WITH RECURSIVE upstream(batch_id) AS (
         ${seed}
         UNION
         SELECT i.batch_id FROM upstream u JOIN batches b ON b.id = u.batch_id
           JOIN trace_event_inputs i ON i.event_id = b.produced_by WHERE i.batch_id IS NOT NULL)
       SELECT batch_id FROM upstream`,
      [param],
    );
    const data = await loadData(
      db,
      reference,
      rows.map((r) => r.batch_id),
    );
    const { graph, plots } = data;
    const harvestTotalsRows = plots.ids.length
      ? await db.query<{ plot_id: string; at: string; grams: string | null }>(
          `SELECT i.plot_id, ${'to_char(e.event_time AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')'} AS at,
                  trim_scale(sum(b.mass_grams) FILTER (WHERE b.mass_grams <= $3::numeric))::text AS grams
             FROM trace_event_inputs i JOIN trace_events e ON e.id = i.event_id AND e.kind = 'harvest'
             JOIN batches b ON b.produced_by = e.id
            WHERE i.plot_id = ANY($1::uuid[]) AND e.entry_index < $2
              AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id AND v.entry_index < $2)
            GROUP BY i.plot_id, e.id, e.event_time`,
          // As in the full load: a mass beyond the bound is left out (UNEVALUABLE_RECORD), not summed.
          [plots.ids, data.treeSize, MAX_MASS_GRAMS],
        )
      : [];
    const plotAt = new Map(plots.ids.map((id, p) => [id, p]));
    const totals = new Map<number, number>();
    for (const r of harvestTotalsRows) {
      const p = plotAt.get(r.plot_id)!;
      const key = p * 10_000 + cropYearStart(plots.commodity[p]!, r.at);
      totals.set(key, (totals.get(key) ?? 0) + gramsToMilligrams(r.grams ?? '0'));
    }
    const plotChecks = [...totals].map(([key, milligrams]) => {
      const p = plotOfKey(key);
      const period = periodOfKey(data, key);
      const check = plotCapacity(reference, plotFacts(plots, p), period, milligrams);
      return { key, plotId: plots.ids[p]!, period, harvestedGrams: milligramsToGrams(milligrams), check };
    });
    const fraction = new Map(plotChecks.map((c) => [c.key, c.check.tracedFraction]));
    const shares = propagateShares(
      graph,
      harvestSeed(graph, harvestsOf(data), fraction, data.unevaluableEvents),
    );
    return { data, plotChecks, shares };
  }

  /** The traced/untraced breakdown of one batch, computed now over its upstream graph. */
  async function breakdown(batchId: string) {
    const reference = await currentReference();
    const { data, plotChecks, shares } = await upstream(reference, 'SELECT $1::uuid', batchId);
    const { graph } = data;
    const b = graph.batchIndex(batchId);
    if (b === undefined) throw notFound(`batch ${batchId} not found`);
    // A batch whose own mass cannot be weighed: reported as recorded; nothing of it counts as traced.
    const own = data.unevaluable.find((r) => r.subject.kind === 'batch' && r.subject.id === batchId);
    const eq = baseEquivalent(reference, batchAmount(graph, b, graph.batchMilligrams[b]!));
    const traced = shares.shares[b]!;
    const conversions = [];
    for (let e = 0; e < graph.eventIds.length; e++) {
      if (graph.eventKind[e] === 'harvest' || graph.eventKind[e] === 'loss' || data.unevaluableEvents.has(e))
        continue;
      const result = checkConservation(reference, conversionOf(graph, e));
      conversions.push({
        eventId: graph.eventIds[e]!,
        kind: graph.eventKind[e]!,
        inputEquivalentGrams: fromDecimal(result.inputGrams),
        outputEquivalentGrams: fromDecimal(result.outputGrams),
        balanced: result.findings.length === 0,
      });
    }
    const grams = graph.batchMilligrams[b]! / 1000;
    return {
      batchId,
      material: graph.batchMaterial[b]!,
      grams: own ? own.grams : milligramsToGrams(graph.batchMilligrams[b]!),
      baseEquivalentGrams: eq.ok && !own ? fromDecimal(eq.grams) : null,
      tracedShare: traced,
      untracedShare: 1 - traced,
      untracedGrams: own ? own.grams : Math.round(grams * (1 - traced)).toString(),
      cyclic: shares.cyclic[b] === 1,
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
      unevaluable: data.unevaluable.map((r) => ({
        subject: r.subject as { kind: 'batch' | 'event'; id: string },
        grams: r.grams,
        message: unevaluableRecord(reference, r.subject, r).message,
      })),
    };
  }

  /**
   * A site's mass-balance account as of now: every posting with the credit after it, the balance,
   * expired credit, its periods and what the account rule finds. Computed over the graph upstream of
   * what the site holds or sent on, with the site's current custody model.
   */
  async function siteAccount(organisationId: string) {
    const reference = await currentReference();
    const { data, shares } = await upstream(
      reference,
      `SELECT id FROM batches WHERE organisation_id = $1::uuid
          OR produced_by IN (SELECT id FROM trace_events WHERE organisation_id = $1::uuid)`,
      organisationId,
    );
    const custodyModel = custodyAt(data, organisationId, data.treeSize);
    // The account is kept as if the site kept mass balance, whatever it declares: a segregated site's
    // account shows what mass balance would allow it.
    const custodyOf = (id: string, entry: number) =>
      id === organisationId ? 'mass_balance' : custodyAt(data, id, entry);
    const postings = sitePostings(reference, data, shares.shares, custodyOf).get(organisationId) ?? [];
    const periods = data.periods.get(organisationId) ?? [];
    const result = checkSiteAccount(reference, {
      siteId: organisationId,
      commodity: 'all',
      postings,
      periods,
    });
    return {
      organisationId,
      custodyModel,
      referenceVersion: reference.version,
      treeSize: data.treeSize,
      balanceGrams: fromDecimal(result.balanceGrams),
      expiredGrams: fromDecimal(result.expiredGrams),
      postings: result.trail.map((p) => ({
        id: p.id,
        at: p.at,
        kind: p.kind,
        grams: trim(p.grams),
        balanceGrams: fromDecimal(p.balanceGrams),
        status: p.status,
        ...(p.entry !== undefined ? { entryIndex: p.entry } : {}),
      })),
      findings: result.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        numbers: f.numbers,
      })),
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

  return {
    recompute,
    checkHarvest,
    checkEvent,
    checkAttestations,
    findings,
    finding,
    resolve,
    breakdown,
    siteAccount,
    currentReference,
    override,
  };
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
