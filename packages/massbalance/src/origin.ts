// Rule: untraced share and blended origin. Every batch's mass is followed back through transfers and
// transformations to harvests: the share of it that comes from identified plots, within what those
// plots can grow, is its traced share. Shares mix in proportion to base-material equivalents; mass a
// conversion creates beyond its inputs (and tolerance) has no origin. The same pass marks everything
// downstream of a finding with the share of its mass the finding touches.
import type { Finding } from './findings.ts';
import { baseEquivalent, decimalToNumber, type MaterialAmount } from './materials.ts';
import type { ReferenceTable } from './reference.ts';

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
 * One pass over the graph in dependency order (Kahn's algorithm), so a cycle in bad data ends the walk
 * instead of looping: batches left over are reported as cyclic and given share 0.
 * `seed(event)` gives the share of a root event's outputs (a harvest); for other events the share is
 * the equivalent-weighted mean of the inputs, diluted by any mass created beyond the inputs.
 */
export function propagateShares(
  table: ReferenceTable,
  graph: FlowGraph,
  seed: (event: FlowEvent) => number | undefined,
  options: { tolerance?: number } = {},
): ShareResult {
  const tolerance = options.tolerance ?? 0.005;
  const outputsOf = new Map<string, string[]>();
  for (const batch of graph.batches.values()) {
    const list = outputsOf.get(batch.producedBy) ?? [];
    list.push(batch.id);
    outputsOf.set(batch.producedBy, list);
  }
  // An event is ready once every batch it consumes has a share.
  const waitingOn = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  const ready: string[] = [];
  for (const event of graph.events.values()) {
    const inputs = new Set(event.inputs.map((i) => i.batchId).filter((id) => graph.batches.has(id)));
    waitingOn.set(event.id, inputs.size);
    for (const id of inputs) consumers.set(id, [...(consumers.get(id) ?? []), event.id]);
    if (inputs.size === 0) ready.push(event.id);
  }
  const shares = new Map<string, number>();
  const equivalent = (amount: MaterialAmount) => {
    const eq = baseEquivalent(table, amount);
    return eq.ok ? decimalToNumber(eq.grams) : 0;
  };
  while (ready.length > 0) {
    const event = graph.events.get(ready.pop()!)!;
    const outputs = (outputsOf.get(event.id) ?? []).map((id) => graph.batches.get(id)!);
    let share = seed(event);
    if (share === undefined) {
      let tracedIn = 0;
      let totalIn = 0;
      for (const input of event.inputs) {
        const batch = graph.batches.get(input.batchId);
        const eq = batch ? equivalent({ ...batch, grams: input.grams }) : 0;
        totalIn += eq;
        tracedIn += eq * (shares.get(input.batchId) ?? 0);
      }
      const totalOut = outputs.reduce((s, b) => s + equivalent(b), 0);
      const denominator = totalOut > totalIn * (1 + tolerance) ? totalOut : totalIn;
      share = denominator > 0 ? tracedIn / denominator : 0;
    }
    for (const batch of outputs) {
      shares.set(batch.id, clamp(share));
      for (const consumer of consumers.get(batch.id) ?? []) {
        const left = waitingOn.get(consumer)! - 1;
        waitingOn.set(consumer, left);
        if (left === 0) ready.push(consumer);
      }
    }
  }
  const cyclic = [...graph.batches.keys()].filter((id) => !shares.has(id));
  for (const id of cyclic) shares.set(id, 0);
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
