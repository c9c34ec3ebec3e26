// Rule: untraced share and blended origin. Every batch's mass is followed back through transfers and
// transformations to harvests: the share of it that comes from identified plots, within what those
// plots can grow, is its traced share. Shares mix in proportion to base-material equivalents; mass a
// conversion creates beyond its inputs (and tolerance) has no origin. The same pass marks everything
// downstream of a finding with the share of its mass the finding touches.

import { type CompiledGraph, downstreamCompiled, propagateCompiled } from './compiled.ts';
import type { Finding } from './findings.ts';
import type { CustodyModel } from './graph.ts';
import type { ReferenceTable } from './reference.ts';

export type { CustodyModel, FlowBatch, FlowEvent, FlowGraph } from './graph.ts';

export interface ShareResult {
  /** Share of each batch's mass (by batch index), in [0, 1]; batches on a cycle count as 0. */
  shares: Float64Array;
  /** 1 for batches that sit on a cycle in the data (each counted as fully untraced); never followed forever. */
  cyclic: Uint8Array;
}

/**
 * One pass over the graph in dependency order (Kahn's algorithm), so a cycle in bad data ends the walk
 * instead of looping: batches left over are reported as cyclic and given share 0.
 * `seed(e)` gives the share of a root event's outputs (a harvest); for other events the share is the
 * equivalent-weighted mean of the inputs, diluted by any mass created beyond the inputs.
 */
export function propagateShares(
  graph: CompiledGraph,
  seed: (event: number) => number | undefined,
  options: { tolerance?: number } = {},
): ShareResult {
  const shares = propagateCompiled(graph, seed, options.tolerance ?? 0.005);
  const cyclic = new Uint8Array(shares.length);
  for (let b = 0; b < shares.length; b++) {
    if (!Number.isNaN(shares[b]!)) continue;
    cyclic[b] = 1;
    shares[b] = 0;
  }
  return { shares, cyclic };
}

/** Shares below this are rounding, not blending (a milligram in a tonne). */
const NEGLIGIBLE = 1e-9;

/**
 * BLENDED_ORIGIN for every batch with an untraced share. Where the holding site keeps identity or
 * segregation, any untraced volume breaks the claim (error); under mass balance a batch may carry
 * untraced volume if the site's account covers it (a warning here; the site account decides). Each
 * finding comes with its batch's index, for the caller's own columns.
 */
export function blendedOriginFindings(
  table: ReferenceTable,
  graph: CompiledGraph,
  traced: ShareResult,
  /** The model of the holding site for this batch; the caller may judge by when it was recorded. */
  custodyModel: (organisationId: string, batch: number) => CustodyModel,
): { batch: number; finding: Finding }[] {
  const findings: { batch: number; finding: Finding }[] = [];
  for (let b = 0; b < graph.batchIds.length; b++) {
    const share = traced.shares[b]!;
    const untraced = 1 - share;
    if (untraced <= NEGLIGIBLE) continue;
    const model = custodyModel(graph.batchOrganisation[b]!, b);
    const cyclic = traced.cyclic[b] === 1;
    const finding: Finding = {
      rule: cyclic ? 'CYCLE' : 'BLENDED_ORIGIN',
      severity: model === 'mass_balance' && !cyclic ? 'warning' : 'error',
      subject: { kind: 'batch', id: graph.batchIds[b]! },
      message: cyclic
        ? 'the batch sits on a cycle of events in the data: its origin cannot be followed'
        : `${(untraced * 100).toFixed(2)} % of this batch (${model.replace('_', ' ')}) cannot be traced to what identified plots can grow`,
      numbers: {
        untracedShare: untraced,
        tracedShare: share,
        untracedGrams: Math.round((graph.batchMilligrams[b]! / 1000) * untraced).toString(),
        custodyModel: model,
      },
      referenceVersion: table.version,
    };
    findings.push({ batch: b, finding });
  }
  return findings;
}

/**
 * The share of each downstream batch's mass that comes out of `sources` (events whose outputs are
 * wholly touched by a finding: a flagged plot's harvests, a flagged transformation), by batch index.
 * Visits only what lies downstream, in dependency order; batches on a cycle are left out rather than
 * followed.
 */
export function downstreamShares(
  graph: CompiledGraph,
  sources: Iterable<number>,
  options: { tolerance?: number } = {},
): Map<number, number> {
  return downstreamCompiled(graph, [...sources], options.tolerance ?? 0.005);
}
