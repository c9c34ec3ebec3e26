// The material graph in dense arrays: batches and events numbered 0…n-1, inputs, outputs and consumers
// as compressed rows (CSR). Share propagation over a million events is array arithmetic this way; the
// same walk over maps keyed by UUID strings spent most of its time hashing and collecting garbage.
import type { FlowGraph } from './origin.ts';
import { CHOCOLATE_BEAN_YIELD, type ReferenceTable } from './reference.ts';

export interface CompiledGraph {
  batchIds: string[];
  batchAt: Map<string, number>;
  /** Base-material equivalent of each whole batch, in grams. */
  batchEq: Float64Array;
  /** Equivalent per gram of each batch's material; 0 where the material has no factor. */
  batchFactor: Float64Array;
  /** Index of the event that produced each batch, or -1. */
  producer: Int32Array;
  eventIds: string[];
  eventAt: Map<string, number>;
  /** Inputs of event e are inBatch/inEq[inStart[e] … inStart[e+1]); inBatch is -1 for a missing batch. */
  inStart: Int32Array;
  inBatch: Int32Array;
  inEq: Float64Array;
  /** Outputs of event e are outBatch[outStart[e] … outStart[e+1]). */
  outStart: Int32Array;
  outBatch: Int32Array;
  /** Distinct consuming events of batch b are consEvent[consStart[b] … consStart[b+1]). */
  consStart: Int32Array;
  consEvent: Int32Array;
  /** Distinct existing input batches per event: what an event waits for in dependency order. */
  distinctInputs: Int32Array;
}

/**
 * Base-material equivalent per gram of a batch's material, as a float: shares are ratios, so floats
 * serve (the exact rules use exact decimals). Unknown materials weigh 0.
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

export function compileGraph(table: ReferenceTable, graph: FlowGraph): CompiledGraph {
  const factorOf = equivalentFactors(table);
  const batchIds = [...graph.batches.keys()];
  const batchAt = new Map(batchIds.map((id, i) => [id, i]));
  const eventIds = [...graph.events.keys()];
  const eventAt = new Map(eventIds.map((id, i) => [id, i]));
  const nb = batchIds.length;
  const ne = eventIds.length;

  const batchEq = new Float64Array(nb);
  const batchFactor = new Float64Array(nb);
  const producer = new Int32Array(nb);
  const outCount = new Int32Array(ne + 1);
  // Maps iterate in insertion order: the n-th value belongs to the n-th key, no lookup needed.
  let b = 0;
  for (const batch of graph.batches.values()) {
    batchFactor[b] = factorOf(batch);
    batchEq[b] = Number(batch.grams) * batchFactor[b]!;
    const e = eventAt.get(batch.producedBy) ?? -1;
    producer[b] = e;
    if (e >= 0) outCount[e + 1]!++;
    b++;
  }
  const outStart = prefixSum(outCount);
  const outBatch = new Int32Array(outStart[ne]!);
  const outFill = outStart.slice(0, ne);
  for (let n = 0; n < nb; n++) {
    const e = producer[n]!;
    if (e >= 0) outBatch[outFill[e]!++] = n;
  }

  let inputTotal = 0;
  for (const event of graph.events.values()) inputTotal += event.inputs.length;
  const inStart = new Int32Array(ne + 1);
  const inBatch = new Int32Array(inputTotal);
  const inEq = new Float64Array(inputTotal);
  const consCount = new Int32Array(nb + 1);
  const distinctInputs = new Int32Array(ne);
  // Which event last counted a batch, so a batch listed twice in one event counts once.
  const lastCounted = new Int32Array(nb).fill(-1);
  let k = 0;
  let e = 0;
  // Events iterate in the order of eventIds (insertion order), so e is the event's index.
  for (const event of graph.events.values()) {
    inStart[e] = k;
    for (const input of event.inputs) {
      const b = batchAt.get(input.batchId) ?? -1;
      inBatch[k] = b;
      inEq[k] = b >= 0 ? Number(input.grams) * batchFactor[b]! : 0;
      if (b >= 0 && lastCounted[b] !== e) {
        lastCounted[b] = e;
        consCount[b + 1]!++;
        distinctInputs[e]!++;
      }
      k++;
    }
    e++;
  }
  inStart[ne] = k;
  const consStart = prefixSum(consCount);
  const consEvent = new Int32Array(consStart[nb]!);
  const consFill = consStart.slice(0, nb);
  lastCounted.fill(-1);
  for (let e = 0; e < ne; e++) {
    for (let i = inStart[e]!; i < inStart[e + 1]!; i++) {
      const b = inBatch[i]!;
      if (b < 0 || lastCounted[b] === e) continue;
      lastCounted[b] = e;
      consEvent[consFill[b]!++] = e;
    }
  }
  return {
    batchIds,
    batchAt,
    batchEq,
    batchFactor,
    producer,
    eventIds,
    eventAt,
    inStart,
    inBatch,
    inEq,
    outStart,
    outBatch,
    consStart,
    consEvent,
    distinctInputs,
  };
}

function prefixSum(counts: Int32Array): Int32Array {
  const out = new Int32Array(counts.length);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i]!;
    out[i] = sum;
  }
  return out;
}

/**
 * The share each event passes to its outputs: `seed(e)` for roots (harvests), otherwise the
 * equivalent-weighted mean of its inputs' shares, diluted when outputs exceed inputs beyond the
 * tolerance. Dependency order (Kahn), so a cycle ends the walk: its batches stay NaN.
 */
export function propagateCompiled(
  g: CompiledGraph,
  seed: (event: number) => number | undefined,
  tolerance: number,
): Float64Array {
  const ne = g.eventIds.length;
  const shares = new Float64Array(g.batchIds.length).fill(Number.NaN);
  const waiting = g.distinctInputs.slice();
  const ready: number[] = [];
  for (let e = 0; e < ne; e++) if (waiting[e] === 0) ready.push(e);
  while (ready.length > 0) {
    const e = ready.pop()!;
    let share = seed(e);
    if (share === undefined) share = mixedShare(g, e, shares, tolerance);
    share = Math.min(1, Math.max(0, share));
    for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) {
      const b = g.outBatch[o]!;
      shares[b] = share;
      for (let c = g.consStart[b]!; c < g.consStart[b + 1]!; c++) {
        const consumer = g.consEvent[c]!;
        if (--waiting[consumer]! === 0) ready.push(consumer);
      }
    }
  }
  return shares;
}

/** Inputs' shares weighted by equivalent, over max(inputs, outputs beyond tolerance). NaN counts as 0. */
function mixedShare(g: CompiledGraph, e: number, shares: Float64Array, tolerance: number): number {
  let traced = 0;
  let totalIn = 0;
  for (let i = g.inStart[e]!; i < g.inStart[e + 1]!; i++) {
    const eq = g.inEq[i]!;
    totalIn += eq;
    const b = g.inBatch[i]!;
    const s = b >= 0 ? shares[b]! : 0;
    if (s > 0) traced += eq * s;
  }
  let totalOut = 0;
  for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) totalOut += g.batchEq[g.outBatch[o]!]!;
  const denominator = totalOut > totalIn * (1 + tolerance) ? totalOut : totalIn;
  return denominator > 0 ? traced / denominator : 0;
}

/**
 * The share of each downstream batch's mass that comes out of the source events, visiting only what
 * lies downstream. Returns batch index → share (> 0); batches on a cycle are left out.
 */
export function downstreamCompiled(
  g: CompiledGraph,
  sources: number[],
  tolerance: number,
): Map<number, number> {
  const seeds = new Set(sources);
  const events = new Set<number>(sources);
  const reachedBatches: number[] = [];
  const reached = new Set<number>();
  const queue = [...sources];
  while (queue.length > 0) {
    const e = queue.pop()!;
    for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) {
      const b = g.outBatch[o]!;
      if (reached.has(b)) continue;
      reached.add(b);
      reachedBatches.push(b);
      for (let c = g.consStart[b]!; c < g.consStart[b + 1]!; c++) {
        const consumer = g.consEvent[c]!;
        if (events.has(consumer)) continue;
        events.add(consumer);
        queue.push(consumer);
      }
    }
  }
  // Dependency order within the reached part; inputs from outside it carry none of the sources' volume.
  const waiting = new Map<number, number>();
  const ready: number[] = [];
  for (const e of events) {
    let inside = 0;
    if (!seeds.has(e)) {
      const seen = new Set<number>();
      for (let i = g.inStart[e]!; i < g.inStart[e + 1]!; i++) {
        const b = g.inBatch[i]!;
        if (b >= 0 && reached.has(b) && !seen.has(b)) {
          seen.add(b);
          inside++;
        }
      }
    }
    waiting.set(e, inside);
    if (inside === 0) ready.push(e);
  }
  const local = new Map<number, number>();
  const shareOf = (b: number) => local.get(b) ?? 0;
  while (ready.length > 0) {
    const e = ready.pop()!;
    let share = 1;
    if (!seeds.has(e)) {
      let touched = 0;
      let totalIn = 0;
      for (let i = g.inStart[e]!; i < g.inStart[e + 1]!; i++) {
        const eq = g.inEq[i]!;
        totalIn += eq;
        const b = g.inBatch[i]!;
        if (b >= 0) touched += eq * shareOf(b);
      }
      let totalOut = 0;
      for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) totalOut += g.batchEq[g.outBatch[o]!]!;
      const denominator = totalOut > totalIn * (1 + tolerance) ? totalOut : totalIn;
      share = denominator > 0 ? Math.min(1, touched / denominator) : 0;
    }
    for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) {
      const b = g.outBatch[o]!;
      local.set(b, share);
      for (let c = g.consStart[b]!; c < g.consStart[b + 1]!; c++) {
        const consumer = g.consEvent[c]!;
        const left = waiting.get(consumer);
        if (left === undefined) continue;
        waiting.set(consumer, left - 1);
        if (left - 1 === 0) ready.push(consumer);
      }
    }
  }
  for (const [b, share] of local) if (!(share > 0)) local.delete(b);
  return local;
}

/** The ids of the batches an event produced. */
export function outputIds(g: CompiledGraph, eventId: string): string[] {
  const e = g.eventAt.get(eventId);
  if (e === undefined) return [];
  const ids: string[] = [];
  for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) ids.push(g.batchIds[g.outBatch[o]!]!);
  return ids;
}
