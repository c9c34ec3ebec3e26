// The report's pure core: traced shares over a small graph worked out by hand, deterministic bytes
// whatever order the facts arrive in, exact area sums, RFC 4180 quoting, and the risk levels.
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportFacts, reportJson, tableCsv, tracedShares } from '../src/index.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function facts(): ReportFacts {
  return {
    scope: 'lot',
    subjectId: id(30),
    subjectLabel: 'LOT-1',
    rootOrganisationId: id(1),
    checkpoint: {
      origin: 'example.test/ledger',
      treeSize: 42,
      rootHashBase64: 'AAAA',
      rootHashHex: '000000',
      issuedAt: '2026-12-01T00:00:00.000Z',
      note: 'example.test/ledger\n42\nAAAA\n',
    },
    organisations: [
      { id: id(1), name: 'Maker, “Ltd”', country: 'DE', kind: 'supplier', tier: 0 },
      { id: id(2), name: 'Coopérative Ñandú', country: 'CI', kind: 'supplier', tier: 1 },
    ],
    onboarding: [
      { brandId: id(9), brandName: 'Brand Ω', supplierId: id(2), status: 'approved', entryIndex: 5 },
    ],
    batches: [
      {
        id: id(10),
        organisationId: id(2),
        lot: 'H',
        commodity: 'cocoa',
        massGrams: '300000.000',
        producedBy: id(20),
      },
      {
        id: id(11),
        organisationId: id(2),
        lot: 'U',
        commodity: 'cocoa',
        massGrams: '100000.000',
        producedBy: id(21),
      },
      {
        id: id(30),
        organisationId: id(1),
        lot: 'LOT-1',
        commodity: 'cocoa',
        massGrams: '400000.000',
        producedBy: id(22),
      },
    ],
    inputs: [
      // A harvest names its two plots without masses: they weigh alike, all traced.
      { eventId: id(20), position: 0, batchId: null, plotId: id(40), massGrams: null },
      { eventId: id(20), position: 1, batchId: null, plotId: id(41), massGrams: null },
      // U was made from nothing we know (no inputs): untraced. The lot blends 300 kg of H and 100 kg of U.
      { eventId: id(22), position: 0, batchId: id(10), plotId: null, massGrams: '300000.000' },
      { eventId: id(22), position: 1, batchId: id(11), plotId: null, massGrams: '100000.000' },
    ],
    measuredBatchIds: [id(30)],
    plots: [
      {
        id: id(40),
        organisationId: id(2),
        name: 'A',
        commodity: 'cocoa',
        country: 'CI',
        areaHectares: '0.100000',
        areaSource: 'geodesic',
        entryIndex: 3,
      },
      {
        id: id(41),
        organisationId: id(2),
        name: 'B',
        commodity: 'cocoa',
        country: 'GH',
        areaHectares: '0.200000',
        areaSource: 'geodesic',
        entryIndex: 4,
      },
    ],
    withheldPlots: 0,
    forestChecks: [
      {
        plotId: id(41),
        verdict: 'no_forest_2020',
        coveredShare: 1,
        forestShare: 0,
        lostShare: null,
        dataset: 'GFC2020',
        datasetVersion: 'V2',
        treeSize: 40,
      },
    ],
    attestations: [
      {
        id: id(50),
        organisationId: id(2),
        subjectKind: 'plot',
        subjectId: id(40),
        capturedAt: '2026-06-01T00:00:00.000Z',
        entryIndex: 6,
      },
    ],
    findings: [
      {
        id: id(60),
        rule: 'BLENDED_ORIGIN',
        severity: 'warning',
        subjectKind: 'batch',
        subjectId: id(30),
        organisationId: id(1),
        period: null,
        message: 'blended, "25 %"',
        numbers: { tracedShare: 0.75, untracedShare: 0.25 },
        treeSize: 40,
        resolution: null,
      },
      {
        id: id(61),
        rule: 'IMPOSSIBLE_YIELD',
        severity: 'error',
        subjectKind: 'plot',
        subjectId: id(40),
        organisationId: id(2),
        period: '2026',
        message: 'too much',
        numbers: {},
        treeSize: 40,
        resolution: { entryIndex: 41, text: 'checked,\nfine' },
      },
    ],
    massBalanceRunTreeSize: 40,
    highRiskCountries: [],
    recentDays: 365,
  };
}

describe('tracedShares', () => {
  it('weighs a harvest’s plots alike, carries shares downstream by mass, and counts the unknown as untraced', () => {
    const f = facts();
    const shares = tracedShares(f.batches, f.inputs);
    expect(shares.get(id(10))).toBe(1);
    expect(shares.get(id(11))).toBe(0);
    expect(shares.get(id(30))).toBeCloseTo(0.75, 12);
  });
});

describe('buildReport', () => {
  it('gives the same bytes whatever order the facts come in', () => {
    const a = facts();
    const b = facts();
    for (const key of ['organisations', 'batches', 'inputs', 'plots', 'findings'] as const) b[key].reverse();
    expect(reportJson(buildReport(b))).toBe(reportJson(buildReport(a)));
  });

  it('sums areas exactly, and states shares, findings and coverage as the facts say', () => {
    const report = buildReport(facts());
    expect(report.summary.plotAreaHectares).toBe('0.3000'); // not 0.30000000000000004
    expect(report.summary.tracedShare).toBe(0.75);
    expect(report.summary.tracedMassKg).toBe('300.000');
    expect(report.summary.massBalanceTracedShare).toBe(0.75);
    expect(report.summary.openFindings).toBe(1);
    expect(report.summary.resolvedFindings).toBe(1);
    expect(report.summary.tiersWithoutSnapshot).toEqual([0]);
    expect(report.summary.sitesWithRecentSnapshot).toBe(1);
    expect(report.tables.suppliers.rows[1]!.onboarding).toBe('Brand Ω: approved');
    expect(report.tables.findings.rows.map((r) => r.status)).toEqual(['open', 'resolved']);
    // CI has an unchecked plot with a resolved finding: not assessed; GH is checked and clean.
    expect(report.tables.risk.rows.map((r) => [r.country, r.level])).toEqual([
      ['CI', 'not_assessed'],
      ['GH', 'no_deforestation_detected'],
    ]);
    const highRisk = buildReport({ ...facts(), highRiskCountries: ['GH'] });
    expect(highRisk.tables.risk.rows.find((r) => r.country === 'GH')!.level).toBe('high');
  });

  it('has no mass-balance share when no run stood at the checkpoint', () => {
    const report = buildReport({ ...facts(), massBalanceRunTreeSize: null });
    expect(report.summary.massBalanceTracedShare).toBeNull();
    expect(report.tables.volume.rows[0]!.massBalanceTracedShare).toBeNull();
  });
});

describe('tableCsv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180 §2), with CRLF line ends and empty nulls', () => {
    const csv = tableCsv({
      columns: ['a', 'b', 'c'],
      rows: [
        { a: 'x,y', b: 'say "hi"', c: null },
        { a: 'two\nlines', b: 1.5, c: true },
      ],
    });
    expect(csv).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"two\nlines",1.5,true\r\n');
  });
});
