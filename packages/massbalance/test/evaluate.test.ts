// The engine without a database: evaluate() over a data set built here, the incremental harvest check
// against the same rules, and the upstream shares of one batch against the full run's.
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  conversionBalances,
  DEFAULT_REFERENCE,
  evaluate,
  type FlowEvent,
  harvestFindings,
  type MassBalanceData,
  upstreamShares,
  YIELDS,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const SETTINGS = { backdatedDays: 90, unconfirmedTransferDays: 14 };
const DAY = 86_400_000;
const GROWER = 'org-grower';
const EXPORTER = 'org-exporter';
const PLOT = 'plot-1';

interface Event {
  id: string;
  kind: FlowEvent['kind'];
  organisation: string;
  at: string;
  /** Batches consumed: [batch id, grams]. */
  inputs?: [string, number][];
  /** Batches produced: [batch id, owner, grams]. */
  outputs: [string, string, number][];
}

/**
 * One Ghanaian cocoa plot of one hectare owned by GROWER (as a polygon, so the hectare counts whole),
 * with the events given; every event recorded a day after it happened and every transfer confirmed,
 * so the time rules have nothing to say unless a test makes them.
 */
function dataOf(events: Event[]): MassBalanceData {
  const batches = events.flatMap((e, ei) =>
    (e.outputs ?? []).map(([id, owner, grams]) => ({ id, owner, grams, ei })),
  );
  const batchAt = new Map(batches.map((b, i) => [b.id, i]));
  const inputs = events.flatMap((e, ei) =>
    (e.inputs ?? []).map(([id, grams]) => ({ ei, b: batchAt.get(id)!, grams })),
  );
  const graph = buildGraph(table, {
    batchIds: batches.map((b) => b.id),
    batchOrganisation: batches.map((b) => b.owner),
    batchMaterial: batches.map(() => 'cocoa_beans'),
    batchCocoaContent: batches.map(() => undefined),
    batchMilligrams: Float64Array.from(batches, (b) => b.grams * 1000),
    batchProducer: Int32Array.from(batches, (b) => b.ei),
    eventIds: events.map((e) => e.id),
    eventKind: events.map((e) => e.kind),
    inputEvent: Int32Array.from(inputs, (i) => i.ei),
    inputBatch: Int32Array.from(inputs, (i) => i.b),
    inputMilligrams: Float64Array.from(inputs, (i) => i.grams * 1000),
  });
  const eventTime = Float64Array.from(events, (e) => Date.parse(e.at));
  return {
    graph,
    eventOrganisation: events.map((e) => e.organisation),
    eventTime,
    eventRecorded: eventTime.map((t) => t + DAY),
    eventEntry: Float64Array.from(events, (_, i) => i + 10),
    eventConfirmed: Uint8Array.from(events, () => 1),
    harvestPlot: Int32Array.from(events, (e) => (e.kind === 'harvest' ? 0 : -1)),
    plots: {
      ids: [PLOT],
      organisation: [GROWER],
      commodity: ['cocoa'],
      country: ['GH'],
      geometryType: ['Polygon'],
      areaHectares: ['1'],
      createdAt: Float64Array.of(Date.parse('2025-01-01T00:00:00Z')),
      // Near Kumasi.
      longitude: Float64Array.of(-1.62),
      latitude: Float64Array.of(6.69),
    },
    batchEntry: Float64Array.from(batches, (b) => b.ei + 10),
    custodyChanges: new Map(),
    periods: new Map(),
    unevaluable: [],
    unevaluableEvents: new Set(),
    treeSize: events.length + 10,
  };
}

const ghana = YIELDS.find((y) => y.commodity === 'cocoa' && y.country === 'GH')!;
/** One hectare's plausible capacity in grams, widened by the default GPS tolerance of 15 %. */
const plausibleGrams = Number(ghana.plausibleMax) * 1000 * 1.15;
const ceilingGrams = Number(ghana.hardCeiling) * 1000 * 1.15;
const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('evaluate', () => {
  // Two harvests in the 2025/26 crop year that together exceed the plausible maximum, shipped on together.
  const harvested = Math.round((plausibleGrams + ceilingGrams) / 2 / 2);
  const events: Event[] = [
    {
      id: 'h1',
      kind: 'harvest',
      organisation: GROWER,
      at: '2025-11-03T08:00:00Z',
      outputs: [['b1', GROWER, harvested]],
    },
    {
      id: 'h2',
      kind: 'harvest',
      organisation: GROWER,
      at: '2026-02-03T08:00:00Z',
      outputs: [['b2', GROWER, harvested]],
    },
    {
      id: 't1',
      kind: 'transfer',
      organisation: GROWER,
      at: '2026-03-01T08:00:00Z',
      inputs: [
        ['b1', harvested],
        ['b2', harvested],
      ],
      outputs: [['b3', EXPORTER, 2 * harvested]],
    },
  ];

  it('flags the plot over its plausible maximum, the batch it blends into, and what lies downstream', () => {
    const data = dataOf(events);
    const findings = evaluate(table, data, SETTINGS, NOW);
    // Every batch of the plot's harvests is over-yield in the same share, the harvests' own and the blend.
    expect(findings.map((f) => `${f.rule} ${f.subject.id}`).sort()).toEqual([
      'BLENDED_ORIGIN b1',
      'BLENDED_ORIGIN b2',
      'BLENDED_ORIGIN b3',
      `OVER_YIELD ${PLOT}`,
    ]);
    const over = findings.find((f) => f.rule === 'OVER_YIELD')!;
    expect(over.period).toBe('2025/26');
    expect(over.organisationId).toBe(GROWER);
    expect(over.numbers.harvestedGrams).toBe(String(2 * harvested));
    expect(Number(over.numbers.excessGrams)).toBe(2 * harvested - plausibleGrams);
    // Both harvests are the plot's: everything made of them carries the finding, all of it.
    expect(over.exposures).toEqual(
      new Map([
        ['b1', 1],
        ['b2', 1],
        ['b3', 1],
      ]),
    );
    const blended = findings.find((f) => f.rule === 'BLENDED_ORIGIN' && f.subject.id === 'b3')!;
    // The grower keeps no mass-balance account (segregated by default): untraced volume is an error.
    expect(blended.severity).toBe('error');
    expect(blended.organisationId).toBe(EXPORTER);
    expect(blended.numbers.tracedShare).toBeCloseTo(plausibleGrams / (2 * harvested), 12);
  });

  it('checks a new harvest incrementally by the same rules as the full run', () => {
    const full = evaluate(table, dataOf(events), SETTINGS, NOW).find((f) => f.rule === 'OVER_YIELD')!;
    const { period, findings } = harvestFindings(
      table,
      {
        eventId: 'h2',
        plot: {
          id: PLOT,
          organisationId: GROWER,
          commodity: 'cocoa',
          country: 'GH',
          geometryType: 'Polygon',
          areaHectares: '1',
          registeredAt: Date.parse('2025-01-01T00:00:00Z'),
          longitude: -1.62,
          latitude: 6.69,
        },
        at: '2026-02-03T08:00:00.000Z',
        eventTime: Date.parse('2026-02-03T08:00:00Z'),
        recordTime: Date.parse('2026-02-03T08:00:00Z') + DAY,
        cropYearMilligrams: 2 * harvested * 1000,
        voided: false,
      },
      SETTINGS,
    );
    expect(period).toBe(full.period);
    expect(findings).toHaveLength(1);
    const { exposures: _, ...withoutExposures } = full;
    expect(findings[0]).toEqual(withoutExposures);
  });

  it('flags a harvest recorded long after it happened and outside its window, incrementally', () => {
    const eventTime = Date.parse('2026-08-10T08:00:00Z');
    const recordTime = eventTime + (SETTINGS.backdatedDays + 1) * DAY;
    const { findings } = harvestFindings(
      table,
      {
        eventId: 'late',
        plot: {
          id: PLOT,
          organisationId: GROWER,
          commodity: 'cocoa',
          country: 'GH',
          geometryType: 'Polygon',
          areaHectares: '1',
          registeredAt: Date.parse('2025-01-01T00:00:00Z'),
          longitude: -1.62,
          latitude: 6.69,
        },
        at: new Date(eventTime).toISOString(),
        eventTime,
        recordTime,
        cropYearMilligrams: 1000,
        voided: false,
      },
      SETTINGS,
    );
    // August is in neither of West Africa's cocoa seasons (October-February, April-June).
    expect(findings.map((f) => f.rule).sort()).toEqual(['BACKDATED', 'OUTSIDE_HARVEST_WINDOW']);
  });

  it('finds a batch spent twice and marks what each spend made', () => {
    const data = dataOf([
      {
        id: 'h1',
        kind: 'harvest',
        organisation: GROWER,
        at: '2025-11-03T08:00:00Z',
        outputs: [['b1', GROWER, 1000]],
      },
      {
        id: 't1',
        kind: 'transfer',
        organisation: GROWER,
        at: '2025-11-04T08:00:00Z',
        inputs: [['b1', 700]],
        outputs: [['b2', EXPORTER, 700]],
      },
      {
        id: 't2',
        kind: 'transfer',
        organisation: GROWER,
        at: '2025-11-05T08:00:00Z',
        inputs: [['b1', 600]],
        outputs: [['b3', EXPORTER, 600]],
      },
    ]);
    const findings = evaluate(table, data, SETTINGS, NOW);
    const overdrawn = findings.filter((f) => f.rule === 'BATCH_OVERDRAWN');
    expect(overdrawn.map((f) => f.subject.id)).toEqual(['b1']);
    expect(overdrawn[0]!.exposures).toEqual(
      new Map([
        ['b2', 1],
        ['b3', 1],
      ]),
    );
  });
});

describe('conversionBalances', () => {
  it('judges each conversion as the full run does', () => {
    // 1,000 g in, 1,000 g out is balanced; 1,000 g in, 1,200 g out creates a fifth, beyond any tolerance.
    const data = dataOf([
      {
        id: 'h1',
        kind: 'harvest',
        organisation: GROWER,
        at: '2025-11-03T08:00:00Z',
        outputs: [['b1', GROWER, 2000]],
      },
      {
        id: 'fair',
        kind: 'transformation',
        organisation: GROWER,
        at: '2025-11-04T08:00:00Z',
        inputs: [['b1', 1000]],
        outputs: [['b2', GROWER, 1000]],
      },
      {
        id: 'inflated',
        kind: 'transformation',
        organisation: GROWER,
        at: '2025-11-05T08:00:00Z',
        inputs: [['b1', 1000]],
        outputs: [['b3', GROWER, 1200]],
      },
    ]);
    const balances = conversionBalances(table, data);
    expect(balances.map((c) => [c.eventId, c.balanced])).toEqual([
      ['fair', true],
      ['inflated', false],
    ]);
    const imbalanced = evaluate(table, data, SETTINGS, NOW).filter((f) => f.rule === 'MASS_IMBALANCE');
    expect(imbalanced.map((f) => f.subject.id)).toEqual(['inflated']);
  });
});

describe('upstreamShares', () => {
  it('gives a batch the traced share the full run gives it', () => {
    const harvested = Math.round(plausibleGrams);
    const data = dataOf([
      {
        id: 'h1',
        kind: 'harvest',
        organisation: GROWER,
        at: '2025-11-03T08:00:00Z',
        outputs: [['b1', GROWER, harvested]],
      },
      {
        id: 'h2',
        kind: 'harvest',
        organisation: GROWER,
        at: '2026-01-03T08:00:00Z',
        outputs: [['b2', GROWER, harvested]],
      },
    ]);
    // The view holds the graph above b1 only; the plot's other harvest still shares its capacity.
    const { plotChecks, shares } = upstreamShares(table, data, [
      { plotId: PLOT, at: '2025-11-03T08:00:00.000Z', grams: String(harvested) },
      { plotId: PLOT, at: '2026-01-03T08:00:00.000Z', grams: String(harvested) },
    ]);
    expect(plotChecks.map((c) => [c.period, c.harvestedGrams])).toEqual([['2025/26', String(2 * harvested)]]);
    const full = evaluate(table, data, SETTINGS, NOW).find(
      (f) => f.rule === 'BLENDED_ORIGIN' && f.subject.id === 'b1',
    )!;
    expect(shares.shares[data.graph.batchIndex('b1')!]).toBe(full.numbers.tracedShare);
    expect(shares.shares[data.graph.batchIndex('b1')!]).toBeCloseTo(plausibleGrams / (2 * harvested), 12);
  });
});
