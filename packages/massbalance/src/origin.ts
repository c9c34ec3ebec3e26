// Rule: untraced share and blended origin. Every batch's mass is followed back through transfers and
// transformations to harvests: the share of it that comes from identified plots, within what those
// plots can grow, is its traced share. Shares mix in proportion to base-material equivalents; mass a
// conversion creates beyond its inputs (and tolerance) has no origin. The same pass marks everything
// downstream of a finding with the share of its mass the finding touches.

import { type CompiledGraph, compileGraph, downstreamCompiled, propagateCompiled } from './compiled.ts';
import type { Finding } from './findings.ts';
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
  options: { tolerance?: number; index?: CompiledGraph } = {},
): ShareResult {
  const compiled = options.index ?? compileGraph(table, graph);
  const events = compiled.eventIds.map((id) => graph.events.get(id)!);
  const dense = propagateCompiled(compiled, (e) => seed(events[e]!), options.tolerance ?? 0.005);
  const shares = new Map<string, number>();
  const cyclic: string[] = [];
  for (let b = 0; b < dense.length; b++) {
    const id = compiled.batchIds[b]!;
    const share = dense[b]!;
    if (Number.isNaN(share)) cyclic.push(id);
    shares.set(id, Number.isNaN(share) ? 0 : share);
  }
  return { shares, cyclic };
}

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

/**
 * The share of each downstream batch's mass that comes out of `sources` (events whose outputs are
 * wholly touched by a finding: a flagged plot's harvests, a flagged transformation). Visits only what
 * lies downstream, in dependency order; batches on a cycle are left out rather than followed.
 */
export function downstreamShares(
  index: CompiledGraph,
  sources: Iterable<string>,
  options: { tolerance?: number } = {},
): Map<string, number> {
  const indexes = [...sources].flatMap((id) => {
    const e = index.eventAt.get(id);
    return e === undefined ? [] : [e];
  });
  const result = new Map<string, number>();
  for (const [b, share] of downstreamCompiled(index, indexes, options.tolerance ?? 0.005))
    result.set(index.batchIds[b]!, share);
  return result;
}
