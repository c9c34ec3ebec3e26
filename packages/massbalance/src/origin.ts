// Rule: untraced share and blended origin. Every batch's mass is followed back through transfers and
// transformations to harvests: the share of it that comes from identified plots, within what those
// plots can grow, is its traced share. Shares mix in proportion to base-material equivalents; mass a
// conversion creates beyond its inputs (and tolerance) has no origin. The same pass marks everything
// downstream of a finding with the share of its mass the finding touches.
import type { Finding } from './findings.ts';
import { CHOCOLATE_BEAN_YIELD, type ReferenceTable } from './reference.ts';

/** ISO 22095 chain-of-custody models, strictest first: a site may only downgrade along this list. */
export type CustodyModel = 'identity_preserved' | 'segregated' | 'mass_balance';

export interface FlowBatch {
  id: string;
  organisationId: string;
  material: string;
  grams: string;
  cocoaContent?: string;
  /** The event that produced it. */
  producedBy: string;
}

export interface FlowEvent {
  id: string;
  kind: 'harvest' | 'transfer' | 'transformation';
  plotId?: string;
  /** Batches consumed, with the grams taken from each. */
  inputs: { batchId: string; grams: string }[];
}

export interface FlowGraph {
  batches: ReadonlyMap<string, FlowBatch>;
  events: ReadonlyMap<string, FlowEvent>;
}

export interface ShareResult {
  /** Share of each batch's mass, in [0, 1]. */
  shares: Map<string, number>;
  /** Batches that sit on a cycle in the data (each counted as fully untraced); never followed forever. */
  cyclic: string[];
}

/**
 * Base-material equivalent per gram of a batch's material, as a float: shares are ratios, so floats
 * serve (the exact rules use exact decimals), and a factor looked up once per material keeps a pass
 * over a million events fast. Unknown materials weigh 0.
 */
export function equivalentFactors(
  table: ReferenceTable,
): (batch: { material: string; cocoaContent?: string }) => number {
  const factors = new Map(table.factors.map((f) => [f.material, Number(f.factor)]));
  const chocolateYield = Number(CHOCOLATE_BEAN_YIELD);
  return (batch) =>
    batch.material === 'chocolate'
      ? batch.cocoaContent
        ? Number(batch.cocoaContent) / chocolateYield
        : 0
      : (factors.get(batch.material) ?? 0);
}

/**
 * One pass over the graph in dependency order (Kahn's algorithm), so a cycle in bad data ends the walk
 * instead of looping: batches left over are reported as cyclic and given share 0.
 * `seed(event)` gives the share of a root event's outputs (a harvest); for other events the share is
 * the equivalent-weighted mean of the inputs, diluted by any mass created beyond the inputs.
 */
export function propagateShares(
  table: ReferenceTable,
  graph: FlowGraph,
  seed: (event: FlowEvent) => number | undefined,
  options: { tolerance?: number; index?: GraphIndex } = {},
): ShareResult {
  const tolerance = options.tolerance ?? 0.005;
  const { consumers, outputsOf } = options.index ?? indexGraph(graph);
  const factorOf = equivalentFactors(table);
  // An event is ready once every batch it consumes (and that exists) has a share.
  const waitingOn = new Map<string, number>();
  const ready: string[] = [];
  for (const event of graph.events.values()) {
    let waiting = 0;
    const seen = new Set<string>();
    for (const input of event.inputs) {
      if (!seen.has(input.batchId) && graph.batches.has(input.batchId)) waiting++;
      seen.add(input.batchId);
    }
    waitingOn.set(event.id, waiting);
    if (waiting === 0) ready.push(event.id);
  }
  const shares = new Map<string, number>();
  while (ready.length > 0) {
    const event = graph.events.get(ready.pop()!)!;
    const outputs = outputsOf.get(event.id) ?? [];
    let share = seed(event);
    if (share === undefined) {
      let tracedIn = 0;
      let totalIn = 0;
      for (const input of event.inputs) {
        const batch = graph.batches.get(input.batchId);
        const eq = batch ? Number(input.grams) * factorOf(batch) : 0;
        totalIn += eq;
        tracedIn += eq * (shares.get(input.batchId) ?? 0);
      }
      let totalOut = 0;
      for (const id of outputs) {
        const batch = graph.batches.get(id)!;
        totalOut += Number(batch.grams) * factorOf(batch);
      }
      const denominator = totalOut > totalIn * (1 + tolerance) ? totalOut : totalIn;
      share = denominator > 0 ? tracedIn / denominator : 0;
    }
    for (const id of outputs) {
      shares.set(id, clamp(share));
      for (const consumer of consumers.get(id) ?? []) {
        const left = waitingOn.get(consumer)! - 1;
        waitingOn.set(consumer, left);
        if (left === 0) ready.push(consumer);
      }
    }
  }
  const cyclic: string[] = [];
  for (const id of graph.batches.keys()) {
    if (shares.has(id)) continue;
    cyclic.push(id);
    shares.set(id, 0);
  }
  return { shares, cyclic };
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** Shares below this are rounding, not blending (a milligram in a tonne). */
const NEGLIGIBLE = 1e-9;

/**
 * BLENDED_ORIGIN for every batch with an untraced share. Where the holding site keeps identity or
 * segregation, any untraced volume breaks the claim (error); under mass balance a batch may carry
 * untraced volume if the site's account covers it (a warning here; the site account decides).
 */
export function blendedOriginFindings(
  table: ReferenceTable,
  graph: FlowGraph,
  traced: ShareResult,
  custodyModel: (organisationId: string) => CustodyModel,
): Finding[] {
  const findings: Finding[] = [];
  for (const batch of graph.batches.values()) {
    const share = traced.shares.get(batch.id) ?? 0;
    const untraced = 1 - share;
    if (untraced <= NEGLIGIBLE) continue;
    const model = custodyModel(batch.organisationId);
    const cyclic = traced.cyclic.includes(batch.id);
    findings.push({
      rule: cyclic ? 'CYCLE' : 'BLENDED_ORIGIN',
      severity: model === 'mass_balance' && !cyclic ? 'warning' : 'error',
      subject: { kind: 'batch', id: batch.id },
      message: cyclic
        ? 'the batch sits on a cycle of events in the data: its origin cannot be followed'
        : `${(untraced * 100).toFixed(2)} % of this batch (${model.replace('_', ' ')}) cannot be traced to what identified plots can grow`,
      numbers: {
        untracedShare: untraced,
        tracedShare: share,
        untracedGrams: Math.round(Number(batch.grams) * untraced).toString(),
        custodyModel: model,
      },
      referenceVersion: table.version,
    });
  }
  return findings;
}

/** Which events consume each batch, and which batches each event produced. */
export interface GraphIndex {
  consumers: Map<string, string[]>;
  outputsOf: Map<string, string[]>;
}

export function indexGraph(graph: FlowGraph): GraphIndex {
  const consumers = new Map<string, string[]>();
  const outputsOf = new Map<string, string[]>();
  for (const batch of graph.batches.values()) {
    const list = outputsOf.get(batch.producedBy);
    if (list) list.push(batch.id);
    else outputsOf.set(batch.producedBy, [batch.id]);
  }
  for (const event of graph.events.values()) {
    for (const id of new Set(event.inputs.map((i) => i.batchId))) {
      const list = consumers.get(id);
      if (list) list.push(event.id);
      else consumers.set(id, [event.id]);
    }
  }
  return { consumers, outputsOf };
}

/**
 * The share of each downstream batch's mass that comes out of `sources` (events whose outputs are
 * wholly touched by a finding: a flagged plot's harvests, a flagged transformation). Visits only what
 * lies downstream, in dependency order; batches on a cycle are left out rather than followed.
 */
export function downstreamShares(
  table: ReferenceTable,
  graph: FlowGraph,
  index: GraphIndex,
  sources: Iterable<string>,
  options: { tolerance?: number } = {},
): Map<string, number> {
  const tolerance = options.tolerance ?? 0.005;
  const factorOf = equivalentFactors(table);
  const seeds = new Set(sources);
  // Everything reachable from the sources.
  const reached = new Set<string>();
  const events = new Set<string>(seeds);
  const queue = [...seeds];
  while (queue.length > 0) {
    const eventId = queue.pop()!;
    for (const batchId of index.outputsOf.get(eventId) ?? []) {
      if (reached.has(batchId)) continue;
      reached.add(batchId);
      for (const consumer of index.consumers.get(batchId) ?? []) {
        if (events.has(consumer)) continue;
        events.add(consumer);
        queue.push(consumer);
      }
    }
  }
  // Dependency order within the reached part: inputs from outside it carry none of the sources' volume.
  const waitingOn = new Map<string, number>();
  const ready: string[] = [];
  for (const id of events) {
    const inside = new Set(
      (graph.events.get(id)?.inputs ?? []).map((i) => i.batchId).filter((b) => reached.has(b)),
    );
    waitingOn.set(id, seeds.has(id) ? 0 : inside.size);
    if (seeds.has(id) || inside.size === 0) ready.push(id);
  }
  const shares = new Map<string, number>();
  while (ready.length > 0) {
    const id = ready.pop()!;
    const event = graph.events.get(id);
    const outputs = index.outputsOf.get(id) ?? [];
    let share = 1;
    if (!seeds.has(id) && event) {
      let touched = 0;
      let totalIn = 0;
      for (const input of event.inputs) {
        const batch = graph.batches.get(input.batchId);
        const eq = batch ? Number(input.grams) * factorOf(batch) : 0;
        totalIn += eq;
        touched += eq * (shares.get(input.batchId) ?? 0);
      }
      let totalOut = 0;
      for (const b of outputs) {
        const batch = graph.batches.get(b)!;
        totalOut += Number(batch.grams) * factorOf(batch);
      }
      const denominator = totalOut > totalIn * (1 + tolerance) ? totalOut : totalIn;
      share = denominator > 0 ? touched / denominator : 0;
    }
    for (const b of outputs) {
      if (!reached.has(b)) continue;
      shares.set(b, clamp(share));
      for (const consumer of index.consumers.get(b) ?? []) {
        if (!waitingOn.has(consumer)) continue;
        const left = waitingOn.get(consumer)! - 1;
        waitingOn.set(consumer, left);
        if (left === 0) ready.push(consumer);
      }
    }
  }
  for (const [b, share] of shares) if (share <= 0) shares.delete(b);
  return shares;
}
