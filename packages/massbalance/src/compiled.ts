// The material graph in dense arrays: batches and events numbered 0…n-1, inputs, outputs and consumers
// as compressed rows (CSR). Share propagation over a million events is array arithmetic this way; the
// same walk over maps keyed by UUID strings spent most of its time hashing and collecting garbage.
import type { FlowEvent, FlowGraph } from './graph.ts';
import { CHOCOLATE_BEAN_YIELD, type ReferenceTable } from './reference.ts';

/**
 * The material graph as columns, batches and events numbered 0…n-1: what a database loader reads
 * directly, and what compileGraph() makes from objects. Masses are whole milligrams (the database keeps
 * grams to three decimals), exact in a double.
 */
export interface GraphColumns {
  batchIds: string[];
  batchOrganisation: string[];
  batchMaterial: string[];
  /** Chocolate's cocoa content as a fraction (exact decimal); undefined for other materials. */
  batchCocoaContent: (string | undefined)[];
  batchMilligrams: Float64Array;
  /** Index of the event that produced each batch, or -1 when that event is not in the graph. */
  batchProducer: Int32Array;
  eventIds: string[];
  eventKind: FlowEvent['kind'][];
  /** Every input, in any order: the consuming event, the batch (-1 when missing) and milligrams taken. */
  inputEvent: Int32Array;
  inputBatch: Int32Array;
  inputMilligrams: Float64Array;
}

export interface CompiledGraph extends GraphColumns {
  /** Base-material equivalent of each whole batch, in grams. */
  batchEq: Float64Array;
  /** Equivalent per gram of each batch's material; 0 where the material has no factor. */
  batchFactor: Float64Array;
  /** Inputs of event e are inBatch/inMilligrams/inEq[inStart[e] … inStart[e+1]). */
  inStart: Int32Array;
  inBatch: Int32Array;
  inMilligrams: Float64Array;
  inEq: Float64Array;
  /** Outputs of event e are outBatch[outStart[e] … outStart[e+1]). */
  outStart: Int32Array;
  outBatch: Int32Array;
  /** Distinct consuming events of batch b are consEvent[consStart[b] … consStart[b+1]). */
  consStart: Int32Array;
  consEvent: Int32Array;
  /** Distinct existing input batches per event: what an event waits for in dependency order. */
  distinctInputs: Int32Array;
  /** Index of a batch or event by id; the maps are built on first use. */
  batchIndex(id: string): number | undefined;
  eventIndex(id: string): number | undefined;
}

/**
 * Base-material equivalent per gram of a batch's material, as a float: shares are ratios, so floats
 * serve (the exact rules use exact decimals). Unknown materials weigh 0.
 */
export function equivalentFactors(
  table: ReferenceTable,
): (batch: { material: string; cocoaContent?: string | undefined }) => number {
  const factors = new Map(table.factors.map((f) => [f.material, Number(f.factor)]));
  const chocolateYield = Number(CHOCOLATE_BEAN_YIELD);
  return (batch) =>
    batch.material === 'chocolate'
      ? batch.cocoaContent
        ? Number(batch.cocoaContent) / chocolateYield
        : 0
      : (factors.get(batch.material) ?? 0);
}

/** Exact grams ("1250.5") as whole milligrams; the database keeps no finer mass. */
export function gramsToMilligrams(grams: string): number {
  const [whole, fraction = ''] = grams.split('.');
  const sign = whole!.startsWith('-') ? -1 : 1;
  return Number(whole) * 1000 + sign * Number(`${fraction}000`.slice(0, 3));
}

/** Whole milligrams as exact grams, shortest form (1250500 → "1250.5"). */
export function milligramsToGrams(milligrams: number): string {
  // Beyond 2^53 a float's last digits are not milligrams any more: format its exact integer value.
  if (!Number.isSafeInteger(milligrams)) {
    const mg = BigInt(Math.round(milligrams));
    const fraction = (mg % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
    return fraction ? `${mg / 1000n}.${fraction}` : String(mg / 1000n);
  }
  const whole = Math.floor(milligrams / 1000);
  const fraction = String(milligrams - whole * 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The graph of objects as columns, then compiled. */
export function compileGraph(table: ReferenceTable, graph: FlowGraph): CompiledGraph {
  const eventIds = [...graph.events.keys()];
  const eventAt = new Map(eventIds.map((id, i) => [id, i]));
  const batches = [...graph.batches.values()];
  const batchAt = new Map(batches.map((b, i) => [b.id, i]));
  const inputs = [...graph.events.values()].flatMap((event, e) =>
    event.inputs.map((input) => ({ e, b: batchAt.get(input.batchId) ?? -1, grams: input.grams })),
  );
  return buildGraph(table, {
    batchIds: batches.map((b) => b.id),
    batchOrganisation: batches.map((b) => b.organisationId),
    batchMaterial: batches.map((b) => b.material),
    batchCocoaContent: batches.map((b) => b.cocoaContent),
    batchMilligrams: Float64Array.from(batches, (b) => gramsToMilligrams(b.grams)),
    batchProducer: Int32Array.from(batches, (b) => eventAt.get(b.producedBy) ?? -1),
    eventIds,
    eventKind: [...graph.events.values()].map((e) => e.kind),
    inputEvent: Int32Array.from(inputs, (i) => i.e),
    inputBatch: Int32Array.from(inputs, (i) => i.b),
    inputMilligrams: Float64Array.from(inputs, (i) => gramsToMilligrams(i.grams)),
  });
}

/** Compiles columns into CSR arrays: outputs, inputs and consumers per event and batch. */
export function buildGraph(table: ReferenceTable, columns: GraphColumns): CompiledGraph {
  const factorOf = equivalentFactors(table);
  const nb = columns.batchIds.length;
  const ne = columns.eventIds.length;
  const ni = columns.inputEvent.length;

  const batchEq = new Float64Array(nb);
  const batchFactor = new Float64Array(nb);
  const outCount = new Int32Array(ne + 1);
  // Material factors looked up once per distinct material and cocoa content, not once per batch.
  const factorCache = new Map<string, number>();
  for (let b = 0; b < nb; b++) {
    const material = columns.batchMaterial[b]!;
    const cocoaContent = columns.batchCocoaContent[b];
    const key = cocoaContent === undefined ? material : `${material} ${cocoaContent}`;
    let factor = factorCache.get(key);
    if (factor === undefined) {
      factor = factorOf({ material, cocoaContent });
      factorCache.set(key, factor);
    }
    batchFactor[b] = factor;
    batchEq[b] = (columns.batchMilligrams[b]! / 1000) * factor;
    const e = columns.batchProducer[b]!;
    if (e >= 0) outCount[e + 1]!++;
  }
  const outStart = prefixSum(outCount);
  const outBatch = new Int32Array(outStart[ne]!);
  const outFill = outStart.slice(0, ne);
  for (let b = 0; b < nb; b++) {
    const e = columns.batchProducer[b]!;
    if (e >= 0) outBatch[outFill[e]!++] = b;
  }

  // Inputs grouped by event (a counting sort that keeps their order within an event).
  const inCount = new Int32Array(ne + 1);
  for (let i = 0; i < ni; i++) inCount[columns.inputEvent[i]! + 1]!++;
  const inStart = prefixSum(inCount);
  const inFill = inStart.slice(0, ne);
  const inBatch = new Int32Array(ni);
  const inMilligrams = new Float64Array(ni);
  const inEq = new Float64Array(ni);
  for (let i = 0; i < ni; i++) {
    const k = inFill[columns.inputEvent[i]!]!++;
    const b = columns.inputBatch[i]!;
    inBatch[k] = b;
    inMilligrams[k] = columns.inputMilligrams[i]!;
    inEq[k] = b >= 0 ? (columns.inputMilligrams[i]! / 1000) * batchFactor[b]! : 0;
  }

  const consCount = new Int32Array(nb + 1);
  const distinctInputs = new Int32Array(ne);
  // Which event last counted a batch, so a batch listed twice in one event counts once.
  const lastCounted = new Int32Array(nb).fill(-1);
  for (let e = 0; e < ne; e++) {
    for (let k = inStart[e]!; k < inStart[e + 1]!; k++) {
      const b = inBatch[k]!;
      if (b < 0 || lastCounted[b] === e) continue;
      lastCounted[b] = e;
      consCount[b + 1]!++;
      distinctInputs[e]!++;
    }
  }
  const consStart = prefixSum(consCount);
  const consEvent = new Int32Array(consStart[nb]!);
  const consFill = consStart.slice(0, nb);
  lastCounted.fill(-1);
  for (let e = 0; e < ne; e++) {
    for (let k = inStart[e]!; k < inStart[e + 1]!; k++) {
      const b = inBatch[k]!;
      if (b < 0 || lastCounted[b] === e) continue;
      lastCounted[b] = e;
      consEvent[consFill[b]!++] = e;
    }
  }
  let batchAt: Map<string, number> | undefined;
  let eventAt: Map<string, number> | undefined;
  return {
    ...columns,
    batchEq,
    batchFactor,
    inStart,
    inBatch,
    inMilligrams,
    inEq,
    outStart,
    outBatch,
    consStart,
    consEvent,
    distinctInputs,
    batchIndex(id) {
      batchAt ??= new Map(columns.batchIds.map((x, i) => [x, i]));
      return batchAt.get(id);
    },
    eventIndex(id) {
      eventAt ??= new Map(columns.eventIds.map((x, i) => [x, i]));
      return eventAt.get(id);
    },
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

/** The batches an event produced, by index. */
export function outputsOf(g: CompiledGraph, e: number): number[] {
  const out: number[] = [];
  for (let o = g.outStart[e]!; o < g.outStart[e + 1]!; o++) out.push(g.outBatch[o]!);
  return out;
}
