// Traced shares through a material graph: mixing in proportion to base equivalents, dilution by mass
// made from nothing, blended-origin findings by custody model, and bad data (cycles, a transfer that
// consumes its own output) reported without an endless loop.
import { describe, expect, it } from 'vitest';
import {
  blendedOriginFindings,
  compileGraph,
  DEFAULT_REFERENCE,
  downstreamShares,
  type FlowBatch,
  type FlowEvent,
  type FlowGraph,
  propagateShares,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;

/** Traced shares by batch id, with the event seed given as objects (the compiled graph numbers them). */
function sharesOf(g: FlowGraph, seed: (e: FlowEvent) => number | undefined) {
  const compiled = compileGraph(table, g);
  const result = propagateShares(compiled, (e) => seed(g.events.get(compiled.eventIds[e]!)!));
  const byId = new Map(compiled.batchIds.map((id, b) => [id, result.shares[b]!]));
  const cyclic = compiled.batchIds.filter((_, b) => result.cyclic[b] === 1);
  return { compiled, result, shares: byId, cyclic };
}
/** Downstream exposure by batch id, from sources given by event id. */
function exposureOf(g: FlowGraph, sources: string[]) {
  const compiled = compileGraph(table, g);
  const exposure = downstreamShares(
    compiled,
    sources.map((id) => compiled.eventIndex(id)!),
  );
  return new Map([...exposure].map(([b, share]) => [compiled.batchIds[b]!, share]));
}

function graph(batches: FlowBatch[], events: FlowEvent[]): FlowGraph {
  return { batches: new Map(batches.map((b) => [b.id, b])), events: new Map(events.map((e) => [e.id, e])) };
}
const batch = (
  id: string,
  producedBy: string,
  grams: string,
  material = 'cocoa_beans',
  organisationId = 'coop',
): FlowBatch => ({
  id,
  producedBy,
  grams,
  material,
  organisationId,
});
const harvest = (id: string, plotId: string): FlowEvent => ({ id, kind: 'harvest', plotId, inputs: [] });
const convert = (
  id: string,
  inputs: [string, string][],
  kind: FlowEvent['kind'] = 'transformation',
): FlowEvent => ({
  id,
  kind,
  inputs: inputs.map(([batchId, grams]) => ({ batchId, grams })),
});

/** Two farms: one clean, one whose harvest is only one-third plausible. Pooled, ground, pressed. */
function chain() {
  return graph(
    [
      batch('clean', 'h1', '1000000'),
      batch('dirty', 'h2', '3000000'),
      batch('pool', 'pool-ev', '4000000'),
      batch('liquor', 'grind', '3200000', 'cocoa_liquor', 'processor'),
      batch('butter', 'press', '1376000', 'cocoa_butter', 'processor'),
      batch('powder', 'press', '1760000', 'cocoa_powder', 'processor'),
      batch('bar', 'ship', '1376000', 'cocoa_butter', 'brand'),
    ],
    [
      harvest('h1', 'plot-clean'),
      harvest('h2', 'plot-dirty'),
      convert('pool-ev', [
        ['clean', '1000000'],
        ['dirty', '3000000'],
      ]),
      convert('grind', [['pool', '4000000']]),
      convert('press', [['liquor', '3200000']]),
      convert('ship', [['butter', '1376000']], 'transfer'),
    ],
  );
}
const plotShares: Record<string, number> = { 'plot-clean': 1, 'plot-dirty': 1 / 3 };
const seedTraced = (e: FlowEvent) => (e.kind === 'harvest' ? plotShares[e.plotId!] : undefined);

describe('traced shares', () => {
  it('mixes shares by base equivalent through pooling, grinding, pressing and transfer', () => {
    const { shares, cyclic } = sharesOf(chain(), seedTraced);
    expect(cyclic).toEqual([]);
    // Pool: (1 t × 1 + 3 t × 1/3) / 4 t = 0.5, carried unchanged through conversions that lose mass.
    for (const id of ['pool', 'liquor', 'butter', 'powder', 'bar'])
      expect(shares.get(id)).toBeCloseTo(0.5, 12);
    expect(shares.get('clean')).toBe(1);
  });

  it('dilutes the traced share when a conversion makes mass from nothing', () => {
    const g = chain();
    // 3.6 t liquor stands for 4.5 t beans from 4 t: the extra 0.5 t has no origin.
    (g.batches as Map<string, FlowBatch>).set(
      'liquor',
      batch('liquor', 'grind', '3600000', 'cocoa_liquor', 'processor'),
    );
    const { shares } = sharesOf(g, seedTraced);
    expect(shares.get('liquor')).toBeCloseTo((0.5 * 4) / 4.5, 12);
  });

  it('marks what is downstream of a finding with the share it touches', () => {
    const affected = sharesOf(chain(), (e) =>
      e.kind === 'harvest' ? (e.plotId === 'plot-dirty' ? 1 : 0) : undefined,
    );
    expect(affected.shares.get('clean')).toBe(0);
    expect(affected.shares.get('dirty')).toBe(1);
    expect(affected.shares.get('bar')).toBeCloseTo(0.75, 12);
  });

  it('reports blended origin by the custody model of the site that holds the batch', () => {
    const { compiled, result } = sharesOf(chain(), seedTraced);
    const findings = blendedOriginFindings(table, compiled, result, (org) =>
      org === 'processor' ? 'mass_balance' : 'segregated',
    );
    const byBatch = new Map(findings.map(({ finding: f }) => [f.subject.id, f]));
    expect(byBatch.has('clean')).toBe(false);
    expect(byBatch.get('dirty')).toMatchObject({ rule: 'BLENDED_ORIGIN', severity: 'error' });
    expect(byBatch.get('dirty')!.numbers.untracedShare).toBeCloseTo(2 / 3, 12);
    expect(byBatch.get('butter')).toMatchObject({
      severity: 'warning',
      numbers: { custodyModel: 'mass_balance' },
    });
    expect(byBatch.get('bar')).toMatchObject({
      severity: 'error',
      numbers: { untracedShare: 0.5, untracedGrams: '688000' },
    });
  });
});

describe('bad data', () => {
  it('ends on a cycle of transformations and reports its batches, without looping', () => {
    const g = graph(
      [batch('a', 'e1', '10'), batch('b', 'e2', '10'), batch('ok', 'h', '10')],
      [convert('e1', [['b', '10']]), convert('e2', [['a', '10']]), harvest('h', 'p')],
    );
    const traced = sharesOf(g, (e) => (e.kind === 'harvest' ? 1 : undefined));
    expect(traced.cyclic.sort()).toEqual(['a', 'b']);
    expect(traced.shares.get('ok')).toBe(1);
    const findings = blendedOriginFindings(table, traced.compiled, traced.result, () => 'segregated');
    expect(findings.map(({ finding: f }) => [f.subject.id, f.rule]).sort()).toEqual([
      ['a', 'CYCLE'],
      ['b', 'CYCLE'],
    ]);
  });

  it('ends on a transfer that consumes its own output', () => {
    const g = graph([batch('self', 't', '10')], [convert('t', [['self', '10']], 'transfer')]);
    expect(sharesOf(g, () => undefined).cyclic).toEqual(['self']);
  });

  it('treats an input batch missing from the graph as untraced mass', () => {
    const g = graph(
      [batch('out', 't', '20'), batch('in', 'h', '10')],
      [
        harvest('h', 'p'),
        convert('t', [
          ['in', '10'],
          ['ghost', '10'],
        ]),
      ],
    );
    expect(sharesOf(g, (e) => (e.kind === 'harvest' ? 1 : undefined)).shares.get('out')).toBeCloseTo(0.5, 12);
  });
});

describe('downstream exposure', () => {
  it('marks only what lies downstream of a source, with the share of its volume', () => {
    const g = chain();
    const exposure = exposureOf(g, ['h2']);
    expect([...exposure.keys()].sort()).toEqual(['bar', 'butter', 'dirty', 'liquor', 'pool', 'powder']);
    expect(exposure.get('dirty')).toBe(1);
    expect(exposure.get('pool')).toBeCloseTo(0.75, 12);
    expect(exposure.get('bar')).toBeCloseTo(0.75, 12);
    expect(exposureOf(g, ['press']).get('bar')).toBe(1);
  });

  it('does not loop on a cycle downstream of a source', () => {
    const g = graph(
      [batch('h-out', 'h', '10'), batch('a', 'e1', '20'), batch('b', 'e2', '10')],
      [
        harvest('h', 'p'),
        convert('e1', [
          ['h-out', '10'],
          ['b', '10'],
        ]),
        convert('e2', [['a', '10']]),
      ],
    );
    expect([...exposureOf(g, ['h']).entries()]).toEqual([['h-out', 1]]);
  });
});
