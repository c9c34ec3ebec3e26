// The compiled material graph: milligram conversions, chocolate's weight in traced shares, the
// conservation tolerance in share dilution, and the CSR arrays themselves.
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  compileGraph,
  DEFAULT_REFERENCE,
  downstreamShares,
  equivalentFactors,
  type FlowBatch,
  type FlowEvent,
  gramsToMilligrams,
  milligramsToGrams,
  outputsOf,
  propagateShares,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const graphOf = (batches: FlowBatch[], events: FlowEvent[]) =>
  compileGraph(table, {
    batches: new Map(batches.map((b) => [b.id, b])),
    events: new Map(events.map((e) => [e.id, e])),
  });
const batch = (
  id: string,
  producedBy: string,
  grams: string,
  material = 'cocoa_beans',
  cocoaContent?: string,
): FlowBatch => ({
  id,
  producedBy,
  grams,
  material,
  organisationId: 'org',
  ...(cocoaContent ? { cocoaContent } : {}),
});
const harvest = (id: string): FlowEvent => ({ id, kind: 'harvest', plotId: id, inputs: [] });
const transform = (id: string, inputs: [string, string][]): FlowEvent => ({
  id,
  kind: 'transformation',
  inputs: inputs.map(([batchId, grams]) => ({ batchId, grams })),
});
/** Traced shares by batch id, harvest h1 fully traced and h2 not at all. */
function shares(batches: FlowBatch[], events: FlowEvent[], tolerance?: number) {
  const g = graphOf(batches, events);
  const result = propagateShares(
    g,
    (e) => (g.eventKind[e] === 'harvest' ? (g.eventIds[e] === 'h1' ? 1 : 0) : undefined),
    tolerance === undefined ? {} : { tolerance },
  );
  return new Map(g.batchIds.map((id, b) => [id, result.shares[b]!]));
}

describe('milligrams', () => {
  it('reads exact grams as whole milligrams, with the sign on both parts', () => {
    expect(gramsToMilligrams('1250.5')).toBe(1_250_500);
    expect(gramsToMilligrams('12')).toBe(12_000);
    expect(gramsToMilligrams('0.001')).toBe(1);
    expect(gramsToMilligrams('0.0019')).toBe(1); // finer than a milligram is dropped
    expect(gramsToMilligrams('-1.5')).toBe(-1_500);
    expect(gramsToMilligrams('-0.25')).toBe(-250);
  });

  it('writes whole milligrams as the shortest exact grams', () => {
    expect(milligramsToGrams(1_250_500)).toBe('1250.5');
    expect(milligramsToGrams(1_250_050)).toBe('1250.05');
    expect(milligramsToGrams(1_000)).toBe('1');
    expect(milligramsToGrams(1)).toBe('0.001');
    expect(milligramsToGrams(0)).toBe('0');
    expect(milligramsToGrams(10_000_000_000_001)).toBe('10000000000.001');
    for (const mg of [0, 7, 999, 1_000, 123_456_789])
      expect(gramsToMilligrams(milligramsToGrams(mg))).toBe(mg);
  });
});

describe('#equivalentFactors', () => {
  const factor = equivalentFactors(table);
  it('weighs chocolate by its cocoa content over 0.82, and chocolate of unknown content as nothing', () => {
    expect(factor({ material: 'chocolate', cocoaContent: '0.7' })).toBeCloseTo(0.7 / 0.82, 12);
    expect(factor({ material: 'chocolate' })).toBe(0);
    expect(factor({ material: 'cocoa_liquor' })).toBe(1.25);
    expect(factor({ material: 'unobtainium' })).toBe(0);
  });
});

describe('traced shares through chocolate', () => {
  // 1 kg traced liquor and 2,050 g chocolate at 50 % of untraced origin (2,050 × 0.5 / 0.82 = 1,250 g
  // beans) go into one blend: the chocolate weighs as much as the liquor (1,250 g beans each).
  it('weighs chocolate by its bean equivalent when shares mix', () => {
    const s = shares(
      [
        batch('liquor', 'h1', '1000', 'cocoa_liquor'),
        batch('choc', 'h2', '2050', 'chocolate', '0.5'),
        batch('blend', 'mix', '3050', 'chocolate', '0.5'),
      ],
      [
        harvest('h1'),
        harvest('h2'),
        transform('mix', [
          ['liquor', '1000'],
          ['choc', '2050'],
        ]),
      ],
    );
    // Inputs: 1,250 (traced) + 1,250 (untraced) bean-g; output 3,050 × 0.5 / 0.82 = 1,859.76 < inputs.
    expect(s.get('blend')).toBeCloseTo(0.5, 9);
  });

  it('lets chocolate of unknown content carry no weight into a blend', () => {
    const s = shares(
      [
        batch('liquor', 'h1', '1000', 'cocoa_liquor'),
        batch('choc', 'h2', '2050', 'chocolate'),
        batch('blend', 'mix', '1000', 'cocoa_liquor'),
      ],
      [
        harvest('h1'),
        harvest('h2'),
        transform('mix', [
          ['liquor', '1000'],
          ['choc', '2050'],
        ]),
      ],
    );
    expect(s.get('blend')).toBe(1);
  });
});

describe('the conservation tolerance in traced shares', () => {
  const beans = (outGrams: string, tolerance?: number) =>
    shares(
      [batch('in', 'h1', '1000'), batch('out', 'convert', outGrams)],
      [harvest('h1'), transform('convert', [['in', '1000']])],
      tolerance,
    ).get('out');

  it('does not dilute outputs within inputs × (1 + tolerance)', () => {
    expect(beans('1004')).toBe(1); // 0.4 % more than the inputs: within the default 0.5 %
    expect(beans('1000')).toBe(1);
    expect(beans('1019', 0.02)).toBe(1);
  });

  it('dilutes outputs beyond the tolerance by all of the made mass', () => {
    expect(beans('1006')).toBeCloseTo(1000 / 1006, 12);
    expect(beans('1019', 0.01)).toBeCloseTo(1000 / 1019, 12);
  });

  it('applies the same tolerance when marking what lies downstream of a source', () => {
    const g = graphOf(
      [batch('in', 'h1', '1000'), batch('other', 'h2', '1000'), batch('out', 'convert', '2008')],
      [
        harvest('h1'),
        harvest('h2'),
        transform('convert', [
          ['in', '1000'],
          ['other', '1000'],
        ]),
      ],
    );
    const exposure = (tolerance?: number) =>
      downstreamShares(g, [g.eventIndex('h1')!], tolerance === undefined ? {} : { tolerance }).get(
        g.batchIndex('out')!,
      );
    expect(exposure()).toBe(0.5); // 0.4 % more than the inputs: the denominator stays the inputs
    expect(exposure(0.001)).toBeCloseTo(1000 / 2008, 12);
  });

  it('gives an event with neither inputs nor outputs of known weight a share of 0', () => {
    const s = shares(
      [batch('in', 'h1', '1000', 'mystery'), batch('out', 'convert', '1000', 'mystery')],
      [harvest('h1'), transform('convert', [['in', '1000']])],
    );
    expect(s.get('in')).toBe(1);
    expect(s.get('out')).toBe(0);
  });
});

describe('#buildGraph', () => {
  it('lays out outputs, inputs and distinct consumers as compressed rows', () => {
    const g = graphOf(
      [batch('a', 'h1', '10'), batch('b', 'h1', '20'), batch('c', 'mix', '30'), batch('d', 'split', '5')],
      [
        harvest('h1'),
        transform('mix', [
          ['a', '10'],
          ['b', '15'],
          ['a', '0.5'],
          ['ghost', '1'],
        ]),
        transform('split', [['b', '5']]),
      ],
    );
    const h1 = g.eventIndex('h1')!;
    const mix = g.eventIndex('mix')!;
    const split = g.eventIndex('split')!;
    expect(outputsOf(g, h1).map((b) => g.batchIds[b])).toEqual(['a', 'b']);
    expect(outputsOf(g, mix).map((b) => g.batchIds[b])).toEqual(['c']);
    // Inputs keep their order within an event; a missing batch is -1 and weighs nothing.
    const mixInputs = [...g.inBatch.subarray(g.inStart[mix]!, g.inStart[mix + 1]!)];
    expect(mixInputs.map((b) => (b < 0 ? 'missing' : g.batchIds[b]))).toEqual(['a', 'b', 'a', 'missing']);
    expect([...g.inMilligrams.subarray(g.inStart[mix]!, g.inStart[mix + 1]!)]).toEqual([
      10_000, 15_000, 500, 1_000,
    ]);
    expect([...g.inEq.subarray(g.inStart[mix]!, g.inStart[mix + 1]!)]).toEqual([10, 15, 0.5, 0]);
    // A batch listed twice in one event is one dependency, and one consumer entry.
    expect(g.distinctInputs[mix]).toBe(2);
    expect(g.distinctInputs[split]).toBe(1);
    expect(g.distinctInputs[h1]).toBe(0);
    const consumers = (id: string) => {
      const b = g.batchIndex(id)!;
      return [...g.consEvent.subarray(g.consStart[b]!, g.consStart[b + 1]!)].map((e) => g.eventIds[e]);
    };
    expect(consumers('a')).toEqual(['mix']);
    expect(consumers('b')).toEqual(['mix', 'split']);
    expect(consumers('c')).toEqual([]);
    expect([...g.batchEq]).toEqual([10, 20, 30, 5]);
    expect(g.batchIndex('nope')).toBeUndefined();
    expect(g.eventIndex('nope')).toBeUndefined();
  });

  it('builds from columns directly, looking each material up once', () => {
    let lookups = 0;
    const counting = {
      ...table,
      get factors() {
        lookups++;
        return table.factors;
      },
    };
    const g = buildGraph(counting, {
      batchIds: ['x', 'y', 'z'],
      batchOrganisation: ['o', 'o', 'o'],
      batchMaterial: ['chocolate', 'chocolate', 'cocoa_butter'],
      batchCocoaContent: ['0.41', '0.82', undefined],
      batchMilligrams: Float64Array.from([1000, 2000, 3000]),
      batchProducer: Int32Array.from([-1, 0, 0]),
      eventIds: ['e'],
      eventKind: ['transformation'],
      inputEvent: Int32Array.from([0]),
      inputBatch: Int32Array.from([0]),
      inputMilligrams: Float64Array.from([1000]),
    });
    expect(lookups).toBe(1);
    expect([...g.batchFactor]).toEqual([0.5, 1, 1.33]);
    expect([...g.batchEq]).toEqual([0.5, 2, 3.99]);
    expect(outputsOf(g, 0)).toEqual([1, 2]);
  });
});

// Found by the mutation run (docs/quality.md): a walk that consumed the compiled graph's own counters
// would give a second walk over the same graph nothing to start from.
describe('a compiled graph walked twice', () => {
  it('gives the same shares the second time', () => {
    const g = graphOf(
      [batch('in', 'h1', '1000'), batch('out', 'convert', '1000')],
      [harvest('h1'), transform('convert', [['in', '1000']])],
    );
    const seed = (e: number) => (g.eventKind[e] === 'harvest' ? 1 : undefined);
    const first = [...propagateShares(g, seed).shares];
    expect(first).toEqual([1, 1]);
    expect([...propagateShares(g, seed).shares]).toEqual(first);
  });
});
