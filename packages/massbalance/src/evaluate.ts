// The mass-balance engine: every rule over a loaded data set (data.ts), as a full recompute runs them,
// and the pieces the API's other views share with it (harvest totals per plot and crop year, share
// seeds, site postings). Pure: what it returns is what the caller stores.
import { checkBatchBalance } from './batch-balance.ts';
import { type CompiledGraph, gramsToMilligrams, milligramsToGrams, outputsOf } from './compiled.ts';
import { type Conversion, checkConservation, DEFAULT_CONSERVATION_TOLERANCE } from './conservation.ts';
import { backdated, outsideCountry, unconfirmedTransfer } from './custody.ts';
import { custodyAt, type MassBalanceData, type PlotColumns } from './data.ts';
import type { Finding } from './findings.ts';
import type { CustodyModel } from './graph.ts';
import { baseEquivalent, type MaterialAmount } from './materials.ts';
import { blendedOriginFindings, downstreamShares, propagateShares } from './origin.ts';
import {
  approximateCapacityGrams,
  checkPlotCapacity,
  cropYear,
  cropYearStart,
  type PlotHarvests,
} from './plot-capacity.ts';
import type { Commodity, ReferenceTable } from './reference.ts';
import { newPlotBurst, outsideHarvestWindow, yieldOutliers } from './signals.ts';
import { checkSiteAccount, type Posting } from './site-accounts.ts';
import { unevaluableRecord } from './unevaluable.ts';

/** The custody settings the time rules read (the API's CustodySettings has them). */
export interface EvaluationSettings {
  /** A harvest recorded more than this many days after it happened is BACKDATED. */
  backdatedDays: number;
  /** A transfer its receiver has not confirmed after this many days is UNCONFIRMED_TRANSFER. */
  unconfirmedTransferDays: number;
}

/** A plot as the capacity rule reads it. */
export interface PlotFacts {
  id: string;
  commodity: string;
  country: string;
  geometryType: 'Point' | 'Polygon' | 'MultiPolygon';
  /** Hectares, exact decimal text. */
  areaHectares: string;
}

/** A finding with whose it is, its period, and the share of each downstream batch it touches. */
export interface ScopedFinding extends Finding {
  period?: string;
  organisationId?: string;
  exposures?: Map<string, number>;
}

const CONSERVATION_TOLERANCE = Number(DEFAULT_CONSERVATION_TOLERANCE);

const iso = (v: Date | string | number) => new Date(v).toISOString();

/** The capacity check of one plot's crop year. */
export function plotCapacity(table: ReferenceTable, plot: PlotFacts, period: string, milligrams: number) {
  return checkPlotCapacity(table, plotHarvests(plot, period, milligrams));
}
/** A plot and one crop year's harvest, as the capacity rule reads them. */
export const plotHarvests = (plot: PlotFacts, period: string, milligrams: number): PlotHarvests => ({
  plotId: plot.id,
  commodity: plot.commodity as Commodity,
  country: plot.country,
  geometryType: plot.geometryType,
  areaHectares: plot.areaHectares,
  period,
  harvestedGrams: milligramsToGrams(milligrams),
});
export const plotFacts = (plots: PlotColumns, p: number): PlotFacts => ({
  id: plots.ids[p]!,
  commodity: plots.commodity[p]!,
  country: plots.country[p]!,
  geometryType: plots.geometryType[p]!,
  areaHectares: plots.areaHectares[p]!,
});

/** A transfer or transformation as the exact conservation rule reads it. */
export function conversionOf(graph: CompiledGraph, e: number): Conversion {
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
export function batchAmount(graph: CompiledGraph, b: number, milligrams: number): MaterialAmount {
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
export interface Harvests {
  /** Key of each event's plot and crop year; NaN for events that are not harvests of a known plot. */
  keyOf: Float64Array;
  /** Milligrams harvested per key. */
  totals: Map<number, number>;
  /** The harvest events of each key. */
  events: Map<number, number[]>;
}
export const plotOfKey = (key: number) => Math.floor(key / 10_000);
export const periodOfKey = (data: MassBalanceData, key: number) => {
  const commodity = data.plots.commodity[plotOfKey(key)]!;
  return cropYear(commodity, Date.UTC(key % 10_000, 11, 31));
};

export function harvestsOf(data: MassBalanceData): Harvests {
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
export function harvestSeed(
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
export function sitePostings(
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
export function overdrawnBatches(graph: CompiledGraph): number[] {
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
export const consumersOf = (graph: CompiledGraph, b: number): number[] =>
  Array.from(graph.consEvent.subarray(graph.consStart[b]!, graph.consStart[b + 1]!));

/** A batch and what each of its consumers took, as the batch-balance rule reads it. */
export function batchConsumption(graph: CompiledGraph, b: number) {
  const consumers = consumersOf(graph, b).map((e) => {
    let milligrams = 0;
    for (let k = graph.inStart[e]!; k < graph.inStart[e + 1]!; k++)
      if (graph.inBatch[k] === b) milligrams += graph.inMilligrams[k]!;
    return { eventId: graph.eventIds[e]!, kind: graph.eventKind[e]!, milligrams };
  });
  return { batchId: graph.batchIds[b]!, producedMilligrams: graph.batchMilligrams[b]!, consumers };
}

/** Runs every rule over the data. Pure apart from the data it is given. */
export function evaluate(
  table: ReferenceTable,
  data: MassBalanceData,
  settings: EvaluationSettings,
  now: number,
): ScopedFinding[] {
  const { graph, plots } = data;
  const harvests = harvestsOf(data);
  const findings: ScopedFinding[] = [];
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
      { days: settings.backdatedDays },
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
      { days: settings.unconfirmedTransferDays },
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

/**
 * Every transfer and transformation in the data with its conservation judged exactly (input and
 * output base-material equivalents, balanced or not), in graph order; events that cannot be weighed are
 * left out, as evaluate() leaves them to UNEVALUABLE_RECORD.
 */
export function conversionBalances(table: ReferenceTable, data: MassBalanceData) {
  const { graph } = data;
  const balances = [];
  for (let e = 0; e < graph.eventIds.length; e++) {
    if (graph.eventKind[e] === 'harvest' || graph.eventKind[e] === 'loss' || data.unevaluableEvents.has(e))
      continue;
    const result = checkConservation(table, conversionOf(graph, e));
    balances.push({
      eventId: graph.eventIds[e]!,
      kind: graph.eventKind[e]!,
      inputGrams: result.inputGrams,
      outputGrams: result.outputGrams,
      balanced: result.findings.length === 0,
    });
  }
  return balances;
}

/** One harvest's mass as a view of part of the graph reads it: its plot, when, and the grams it yielded. */
export interface HarvestTotal {
  plotId: string;
  /** Event time, UTC ISO text. */
  at: string;
  /** Exact grams; null when nothing of it can be weighed. */
  grams: string | null;
}

/**
 * Traced shares over part of the graph (what lies upstream of some batches), worked out as a full
 * recompute would: a plot's capacity is shared by all its harvests in the crop year, so `harvests`
 * holds every harvest of the loaded plots, in the graph or not. Returns the capacity check of each plot
 * and crop year with the shares.
 */
export function upstreamShares(table: ReferenceTable, data: MassBalanceData, harvests: HarvestTotal[]) {
  const { graph, plots } = data;
  const plotAt = new Map(plots.ids.map((id, p) => [id, p]));
  const totals = new Map<number, number>();
  for (const r of harvests) {
    const p = plotAt.get(r.plotId)!;
    const key = p * 10_000 + cropYearStart(plots.commodity[p]!, r.at);
    totals.set(key, (totals.get(key) ?? 0) + gramsToMilligrams(r.grams ?? '0'));
  }
  const plotChecks = [...totals].map(([key, milligrams]) => {
    const p = plotOfKey(key);
    const period = periodOfKey(data, key);
    const check = plotCapacity(table, plotFacts(plots, p), period, milligrams);
    return { key, plotId: plots.ids[p]!, period, harvestedGrams: milligramsToGrams(milligrams), check };
  });
  const fraction = new Map(plotChecks.map((c) => [c.key, c.check.tracedFraction]));
  const shares = propagateShares(
    graph,
    harvestSeed(graph, harvestsOf(data), fraction, data.unevaluableEvents),
  );
  return { plotChecks, shares };
}

/** What the incremental check of one new harvest knows: the harvest, its plot and its crop year's total. */
export interface HarvestFacts {
  eventId: string;
  plot: PlotFacts & { organisationId: string; registeredAt: number; longitude: number; latitude: number };
  /** Event time, UTC ISO text, and epoch milliseconds of when it happened and when it was recorded. */
  at: string;
  eventTime: number;
  recordTime: number;
  /** Milligrams the plot yielded in the harvest's crop year, this harvest included unless voided. */
  cropYearMilligrams: number;
  voided: boolean;
}

/**
 * The rules one new harvest can change, by the same functions as evaluate(): its plot's capacity in
 * its crop year, its harvest window, backdating, and whether the plot lies in the country it claims.
 * Returns the crop year checked with the findings, for the caller to supersede what they replace.
 */
export function harvestFindings(
  table: ReferenceTable,
  facts: HarvestFacts,
  settings: EvaluationSettings,
): { period: string; findings: ScopedFinding[] } {
  const { plot, eventId } = facts;
  const organisationId = plot.organisationId;
  const commodity = plot.commodity as Commodity;
  const period = cropYear(commodity, facts.at);
  const found: ScopedFinding[] = [];
  const check = plotCapacity(table, plot, period, facts.cropYearMilligrams);
  if (check.finding) found.push({ ...check.finding, period, organisationId });
  // A voided harvest is out of its plot's total and has no window to be outside of.
  const window = facts.voided ? undefined : outsideHarvestWindow(table, { eventId, commodity, at: facts.at });
  if (window) found.push({ ...window, organisationId });
  const late = facts.voided
    ? undefined
    : backdated(
        table,
        {
          eventId,
          eventTime: facts.eventTime,
          recordTime: facts.recordTime,
          plotId: plot.id,
          plotRegisteredAt: plot.registeredAt,
        },
        { days: settings.backdatedDays },
      );
  if (late) found.push({ ...late, organisationId });
  const abroad = outsideCountry(table, {
    plotId: plot.id,
    country: plot.country,
    longitude: plot.longitude,
    latitude: plot.latitude,
  });
  if (abroad) found.push({ ...abroad, organisationId });
  return { period, findings: found };
}
