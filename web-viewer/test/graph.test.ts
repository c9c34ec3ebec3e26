// The chain the viewer draws, built from API answers without a browser: which nodes there are,
// where they stand, how much flowed along each arc and what colour the findings give it.
import { describe, expect, it } from 'vitest';
import {
  buildChain,
  type Finding,
  nodeCount,
  type Organisation,
  type PlotDetail,
  type Trace,
} from '../src/graph.ts';

const kg = (n: number) => ({ value: String(n), unit: 'KGM', grams: String(n * 1000) });
const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ],
});

// Two cooperatives (A with a polygon and a point plot, B with one polygon) sell to exporter X,
// which ships to brand Z. A's pool comes from its two plots; B's from its one.
function world() {
  const orgs = new Map<string, Organisation>([
    ['A', { id: 'A', name: 'Coop A', role: 'cooperative', country: 'CI' }],
    ['B', { id: 'B', name: 'Coop B', role: 'cooperative', country: 'GH' }],
    ['X', { id: 'X', name: 'Exporter X', role: 'exporter', country: 'CI' }],
    ['Z', { id: 'Z', name: 'Brand Z', role: 'brand', country: 'ZZ' }],
  ]);
  const trace: Trace = {
    batchId: 'z1',
    batches: [
      {
        id: 'a1',
        organisationId: 'A',
        lot: 'a1',
        material: 'beans',
        quantity: kg(100),
        producedBy: 'h1',
        tier: 3,
      },
      {
        id: 'b1',
        organisationId: 'B',
        lot: 'b1',
        material: 'beans',
        quantity: kg(300),
        producedBy: 'h2',
        tier: 3,
      },
      {
        id: 'x1',
        organisationId: 'X',
        lot: 'x1',
        material: 'beans',
        quantity: kg(400),
        producedBy: 'e1',
        tier: 2,
      },
      {
        id: 'z1',
        organisationId: 'Z',
        lot: 'z1',
        material: 'beans',
        quantity: kg(400),
        producedBy: 'e2',
        tier: 1,
      },
    ],
    events: [
      {
        id: 'h1',
        type: 'harvest',
        organisationId: 'A',
        inputs: [
          { batchId: null, plotId: 'pa1', quantity: null },
          { batchId: null, plotId: 'pa2', quantity: null },
        ],
        outputs: [{ batchId: 'a1', quantity: kg(100) }],
      },
      {
        id: 'h2',
        type: 'harvest',
        organisationId: 'B',
        inputs: [{ batchId: null, plotId: 'pb1', quantity: null }],
        outputs: [{ batchId: 'b1', quantity: kg(300) }],
      },
      {
        id: 'e1',
        type: 'transformation',
        organisationId: 'X',
        inputs: [
          { batchId: 'a1', plotId: null, quantity: kg(100) },
          { batchId: 'b1', plotId: null, quantity: kg(300) },
        ],
        outputs: [{ batchId: 'x1', quantity: kg(400) }],
      },
      {
        id: 'e2',
        type: 'transfer',
        organisationId: 'X',
        inputs: [{ batchId: 'x1', plotId: null, quantity: kg(400) }],
        outputs: [{ batchId: 'z1', quantity: kg(400) }],
      },
    ],
    plots: [
      { id: 'pa1', organisationId: 'A', country: 'CI', areaHectares: '1.5', tier: 4 },
      { id: 'pa2', organisationId: 'A', country: 'CI', areaHectares: '2', tier: 4 },
      { id: 'pb1', organisationId: 'B', country: 'GH', areaHectares: '3', tier: 4 },
    ],
  };
  const plots = new Map<string, PlotDetail>([
    ['pa1', { id: 'pa1', name: 'A-1', geometry: square(-6.5, 5.7) }],
    ['pa2', { id: 'pa2', name: 'A-2', geometry: { type: 'Point', coordinates: [-6.4, 5.8] } }],
    ['pb1', { id: 'pb1', name: 'B-1', geometry: square(-1.9, 6.5) }],
  ]);
  return { orgs, trace, plots };
}

const finding = (
  rule: string,
  severity: Finding['severity'],
  kind: string,
  id: string,
  org: string,
): Finding => ({
  id: `${rule}-${id}`,
  rule,
  severity,
  subject: { kind, id },
  organisationId: org,
  message: rule,
  numbers: {},
});

describe('buildChain', () => {
  it('has a node per organisation in the trace and per plot, placed by plots, country or not at all', () => {
    const { orgs, trace, plots } = world();
    const chain = buildChain(trace, orgs, plots, []);
    expect(nodeCount(chain)).toBe(4 + 3);
    const site = (id: string) => chain.sites.find((s) => s.id === id)!;
    expect(site('A').placedBy).toBe('plots');
    // A's centre: mean of the polygon's vertex centre and the point.
    expect(site('A').lon).toBeCloseTo((-6.5 + 0.005 + -6.4) / 2, 6);
    expect(site('A').lat).toBeCloseTo((5.7 + 0.004 + 5.8) / 2, 2);
    expect(site('X').placedBy).toBe('country');
    expect(site('Z').placedBy).toBe('unknown');
    expect(Number.isNaN(site('Z').lon)).toBe(true);
    const point = chain.plots.find((p) => p.id === 'pa2')!;
    expect([point.lon, point.lat, point.outline]).toEqual([-6.4, 5.8, null]);
    expect(site('A').plotIds.sort()).toEqual(['pa1', 'pa2']);
    expect(site('A').tier).toBe(3);
  });

  it('places a site at its recorded location before its plots or its country, and ignores an unusable one', () => {
    const { orgs, trace, plots } = world();
    const located = new Map(orgs);
    located.set('A', {
      ...orgs.get('A')!,
      location: { type: 'Point', coordinates: [-6.6, 5.75] },
      address: 'Soubré',
    });
    located.set('Z', { ...orgs.get('Z')!, location: { type: 'Point', coordinates: [-2.59, 51.45] } });
    // Swapped or out of range: not a position, so the site falls back as if none were recorded.
    located.set('X', { ...orgs.get('X')!, location: { type: 'Point', coordinates: [5.3, -400] } });
    const chain = buildChain(trace, located, plots, []);
    const site = (id: string) => chain.sites.find((s) => s.id === id)!;
    expect([site('A').placedBy, site('A').lon, site('A').lat, site('A').address]).toEqual([
      'site',
      -6.6,
      5.75,
      'Soubré',
    ]);
    expect([site('Z').placedBy, site('Z').lon, site('Z').lat]).toEqual(['site', -2.59, 51.45]);
    expect(site('X').placedBy).toBe('country');
    expect(site('B').placedBy).toBe('plots');
    expect(nodeCount(chain)).toBe(4 + 3);
  });

  it('sums the volume per pair of organisations and leaves an organisation’s own transformations out', () => {
    const { orgs, trace, plots } = world();
    const arcs = buildChain(trace, orgs, plots, []).arcs;
    expect(arcs.map((a) => [a.from, a.to, a.grams]).sort()).toEqual([
      ['A', 'X', 100_000],
      ['B', 'X', 300_000],
      ['X', 'Z', 400_000],
    ]);
    expect(arcs.every((a) => a.flow === 'clean')).toBe(true);
  });

  it('colours everything downstream of an over-yielding plot as blended, and nothing upstream or beside it', () => {
    const { orgs, trace, plots } = world();
    const chain = buildChain(trace, orgs, plots, [finding('IMPOSSIBLE_YIELD', 'error', 'plot', 'pa1', 'A')]);
    const flow = Object.fromEntries(chain.arcs.map((a) => [`${a.from}>${a.to}`, a.flow]));
    expect(flow).toEqual({ 'A>X': 'blended', 'B>X': 'clean', 'X>Z': 'blended' });
    expect(chain.plots.find((p) => p.id === 'pa1')!.flow).toBe('blended');
    expect(chain.plots.find((p) => p.id === 'pb1')!.flow).toBe('clean');
    expect(chain.sites.find((s) => s.id === 'A')!.flow).toBe('blended');
    expect(chain.sites.find((s) => s.id === 'B')!.flow).toBe('clean');
  });

  it('takes the worst of what flowed: a warning is outranked by a blended origin, and info is not a finding', () => {
    const { orgs, trace, plots } = world();
    const warned = buildChain(trace, orgs, plots, [
      finding('BACKDATED', 'warning', 'batch', 'b1', 'B'),
      finding('NOTE', 'info', 'batch', 'a1', 'A'),
    ]);
    const flow = (c: typeof warned) => Object.fromEntries(c.arcs.map((a) => [`${a.from}>${a.to}`, a.flow]));
    expect(flow(warned)).toEqual({ 'A>X': 'clean', 'B>X': 'warning', 'X>Z': 'warning' });
    const both = buildChain(trace, orgs, plots, [
      finding('BACKDATED', 'warning', 'batch', 'b1', 'B'),
      finding('BLENDED_ORIGIN', 'error', 'batch', 'x1', 'X'),
    ]);
    expect(flow(both)).toEqual({ 'A>X': 'clean', 'B>X': 'warning', 'X>Z': 'blended' });
    // The finding is listed on the organisation it is about.
    expect(both.sites.find((s) => s.id === 'X')!.findings.map((f) => f.rule)).toEqual(['BLENDED_ORIGIN']);
  });
});
