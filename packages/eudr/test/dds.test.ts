// A statement's data from loaded facts: exact kilograms, the activity our records can tell, the
// blended lot that says so, and a risk assessment that never concludes what no check has shown.
import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  deforestationAssessment,
  deriveActivity,
  type ExportPlot,
  gramsToKilograms,
  type PlotDeforestationCheck,
  type StatementInput,
} from '../src/index.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const point = (id: string, producer: string, country: string): ExportPlot => ({
  id,
  producerName: producer,
  producerCountry: country,
  productionPlace: id,
  geometry: { type: 'Point', coordinates: [-1.5, 6.5] },
  declaredAreaHectares: 2,
});

const input = (over: Partial<StatementInput> = {}): StatementInput => ({
  batch: {
    id: 'b1',
    lot: 'LOT-1',
    material: 'cocoa_butter',
    description: 'cocoa butter',
    productName: null,
    quantity: { value: '1250.5', unit: 'KGM', grams: '1250500' },
  },
  operator: { organisationId: 'o1', name: 'Importer GmbH', country: 'DE', identifiers: {} },
  receivedFromCountries: ['GH'],
  plots: [point('p1', 'Coop A', 'GH'), point('p2', 'Coop B', 'CI'), point('p3', 'Coop A', 'GH')],
  withheldPlots: 0,
  productionPeriod: { from: '2025-12-15T08:00:00.000Z', to: '2026-06-20T08:00:00.000Z' },
  traceability: {
    tracedShare: 1,
    untracedShare: 0,
    untracedGrams: '0',
    unevaluableRecords: 0,
    cyclic: false,
  },
  findings: [],
  upstreamStatements: [],
  treeSize: 10,
  ...over,
});

describe('gramsToKilograms', () => {
  it('moves the decimal point three places, exactly', () => {
    expect(gramsToKilograms('1250500')).toBe('1250.5');
    expect(gramsToKilograms('1234567.891')).toBe('1234.567891');
    expect(gramsToKilograms('5')).toBe('0.005');
    expect(gramsToKilograms('1000')).toBe('1');
    expect(gramsToKilograms('0')).toBe('0');
    expect(gramsToKilograms('0.5')).toBe('0.0005');
    expect(gramsToKilograms('123456')).toBe('123.456');
    expect(gramsToKilograms('1000000')).toBe('1000');
    expect(gramsToKilograms('-1500')).toBe('-1.5');
    expect(gramsToKilograms('-0')).toBe('0');
    expect(gramsToKilograms('0012')).toBe('0.012');
    expect(gramsToKilograms('00120000')).toBe('120');
    expect(() => gramsToKilograms('1e3')).toThrow('not a decimal number of grams: 1e3');
  });
});

describe('deriveActivity', () => {
  it('tells IMPORT and DOMESTIC for an operator in the EU, and nothing otherwise', () => {
    expect(deriveActivity('DE', ['GH'])).toBe('IMPORT');
    expect(deriveActivity('DE', ['NL', 'GH'])).toBe('IMPORT');
    expect(deriveActivity('DE', ['NL'])).toBe('DOMESTIC');
    expect(deriveActivity('DE', [])).toBeUndefined(); // its own production: the operator says
    expect(deriveActivity('GB', ['GH'])).toBeUndefined(); // outside the EU
  });
});

describe('buildStatement', () => {
  it('maps a clean lot: V3 fields, producers grouped, complete geolocation, risk not concluded', () => {
    const s = buildStatement(input(), b64);
    expect(s.statements).toHaveLength(1);
    const [dds] = s.statements;
    expect(dds!.activityType).toBe('IMPORT');
    expect(dds!.commodities[0]).toMatchObject({
      descriptionOfGoods: 'cocoa butter',
      hsHeading: '1804',
      netWeight: '1250.5',
      supplementaryUnit: null,
    });
    expect(dds!.commodities[0]!.producers.map((p) => [p.name, p.country, p.plotIds])).toEqual([
      ['Coop A', 'GH', ['p1', 'p3']],
      ['Coop B', 'CI', ['p2']],
    ]);
    expect(s.countriesOfProduction).toEqual(['CI', 'GH']);
    expect(s.geolocation.complete).toBe(true);
    expect(s.riskAssessment.conclusion).toBe('not_concluded');
    expect(s.riskAssessment.deforestation).toMatchObject({
      status: 'not_assessed',
      detail:
        'No deforestation check has been run on these plots. This is not a finding of no deforestation.',
      plots: 3,
      checked: 0,
      unchecked: 3,
    });
    expect(s.notes).toEqual(['IMPORT and EXPORT need the operator’s EORI number; none is recorded.']);
  });

  it('says a blended lot is not fully geolocated, with its untraced share and kilograms', () => {
    const s = buildStatement(
      input({
        traceability: {
          tracedShare: 0.6,
          untracedShare: 0.4,
          untracedGrams: '500200',
          unevaluableRecords: 0,
          cyclic: false,
        },
        findings: [
          { id: 'f1', rule: 'BLENDED_ORIGIN', severity: 'warning', message: 'blended', exposure: 0.4 },
        ],
      }),
      b64,
    );
    expect(s.geolocation.complete).toBe(false);
    expect(s.geolocation.untracedKilograms).toBe('500.2');
    expect(s.geolocation.statement).toContain(
      '40.0 % of this lot (500.2 kg) traces to no plot that could have grown it',
    );
    expect(s.riskAssessment.conclusion).toBe('not_negligible');
    expect(s.riskAssessment.reasons).toContain(
      'volume of unknown or implausible origin is blended into the lot',
    );
  });

  it('counts withheld and unsendable plots as gaps, and high-risk countries as concerns', () => {
    const sliver: ExportPlot = {
      ...point('p9', 'Coop C', 'MM'),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.0000001, 1.0000001],
            [1.0000005, 1.0000002],
            [1.0000003, 1.0000009],
            [1.0000001, 1.0000001],
          ],
        ],
      },
    };
    const s = buildStatement(
      input({ plots: [point('p1', 'Coop A', 'GH'), sliver, point('p8', 'Coop D', 'RU')], withheldPlots: 2 }),
      b64,
    );
    expect(s.geolocation).toMatchObject({
      complete: false,
      plots: 3,
      features: 2,
      excludedPlotIds: ['p9'],
      withheldPlots: 2,
    });
    expect(s.geolocation.statement).toBe(
      'Geolocation is not complete: 2 upstream plot(s) belong to organisations outside the caller’s chain and are not listed. 1 plot(s) cannot be sent as the IS reads geometry and are left out of the file. 1 geometry check(s) would make the IS refuse a plot (see geolocation.checks).',
    );
    expect(s.riskAssessment.countries).toEqual([
      { country: 'GH', highRisk: false },
      { country: 'MM', highRisk: true },
      { country: 'RU', highRisk: true },
    ]);
    expect(s.riskAssessment.reasons).toEqual([
      'production in a high-risk country (MM, RU)',
      'plots the IS would refuse',
    ]);
  });

  it('says when the lot needs several statements, and leaves the division of its mass to the operator', () => {
    const s = buildStatement(input(), b64, {
      statementBytes: 1000,
      envelopeBytes: 0,
      producersPerCommodity: 1,
    });
    expect(s.statements.map((d) => d.commodities[0]!.producers.map((p) => p.name))).toEqual([
      ['Coop A'],
      ['Coop B'],
    ]);
    expect(s.statements.every((d) => d.commodities[0]!.netWeight === null)).toBe(true);
    expect(s.notes).toContain(
      'the geolocation exceeds what one statement may carry (1000 bytes, 1 producers): the lot needs 2 statements, and the operator divides its 1250.5 kg among them.',
    );
  });

  it('takes a stated activity and HS heading, gives a supplementary unit for a lot without a mass, and cites upstream statements once each', () => {
    const upstream = (batchId: string) => ({
      batchId,
      lot: batchId,
      referenceNumber: '26GHXR3Y2KZ8Q1',
      verificationNumber: 'KSEDLN4G',
      entryIndex: 3,
      recordedAt: '2026-12-01T00:00:00.000Z',
    });
    const s = buildStatement(
      input({
        activity: 'EXPORT',
        hsHeading: '180400',
        batch: {
          ...input().batch,
          material: 'cattle_head',
          quantity: { value: '12', unit: 'H87', grams: null },
        },
        upstreamStatements: [upstream('b2'), upstream('b3')],
      }),
      b64,
    );
    expect(s.statements[0]!.activityType).toBe('EXPORT');
    expect(s.statements[0]!.commodities[0]).toMatchObject({
      hsHeading: '180400',
      netWeight: null,
      supplementaryUnit: '12',
      supplementaryUnitQualifier: 'H87',
    });
    expect(s.statements[0]!.groupedDeclarations).toEqual([
      { referenceNumber: '26GHXR3Y2KZ8Q1', verificationNumber: 'KSEDLN4G' },
    ]);
    expect(s.upstreamStatements).toHaveLength(2);
    const unknown = buildStatement(
      input({
        batch: { ...input().batch, material: 'palm_ffb' },
        operator: { ...input().operator, country: 'GB' },
      }),
      b64,
    );
    expect(unknown.statements[0]!.commodities[0]!.hsHeading).toBeNull();
    expect(unknown.statements[0]!.activityType).toBeNull();
    expect(unknown.notes).toEqual([
      'no HS heading is known for material "palm_ffb": the operator states it.',
      'the activity (IMPORT, EXPORT or DOMESTIC) cannot be told from our records: the operator states it.',
    ]);
  });

  it('lists every field of the clean lot as the caller will read it', () => {
    const s = buildStatement(
      input({
        operator: {
          organisationId: 'o1',
          name: 'Importer GmbH',
          country: 'DE',
          identifiers: { eori: 'DE123456789012345' },
        },
      }),
      b64,
    );
    expect(s).toMatchObject({
      batchId: 'b1',
      lot: 'LOT-1',
      treeSize: 10,
      operator: { organisationId: 'o1', name: 'Importer GmbH', country: 'DE', eori: 'DE123456789012345' },
      notes: [],
      productionPeriod: { from: '2025-12-15T08:00:00.000Z', to: '2026-06-20T08:00:00.000Z' },
      netMass: { kilograms: '1250.5', quantity: { value: '1250.5', unit: 'KGM' } },
      geolocation: {
        complete: true,
        statement:
          'All 3 plot(s) upstream of this lot are listed, and the whole lot traces to plots that could have grown it.',
        plots: 3,
        features: 3,
        excludedPlotIds: [],
        withheldPlots: 0,
        tracedShare: 1,
        untracedShare: 0,
        untracedKilograms: '0',
        checks: [],
      },
      upstreamStatements: [],
      riskAssessment: {
        conclusion: 'not_concluded',
        reasons: [
          'the deforestation check is not assessed: the risk cannot be concluded negligible without it',
        ],
        findings: [],
      },
    });
    const [dds] = s.statements;
    expect(dds!.operatorRole).toBe('OPERATOR');
    expect(dds!.commodities[0]!.speciesInfo).toBeNull();
    expect(dds!.commodities[0]!.supplementaryUnitQualifier).toBeNull();
    expect(dds!.groupedDeclarations).toEqual([]);
    expect(dds!.geometryBytes).toBe(
      dds!.commodities[0]!.producers.reduce((n, p) => n + p.geometryGeojson.length, 0),
    );
  });

  it('counts drift far below a gram as traced, but any real untraced share as blended', () => {
    const share = (untracedShare: number) =>
      buildStatement(
        input({
          traceability: {
            tracedShare: 1 - untracedShare,
            untracedShare,
            untracedGrams: '0',
            unevaluableRecords: 0,
            cyclic: false,
          },
        }),
        b64,
      ).geolocation.complete;
    expect(share(1e-12)).toBe(true);
    expect(share(1e-6)).toBe(false);
  });

  it('names each other gap: impossible masses, cycles, no plots, plots the IS would refuse', () => {
    const gaps = buildStatement(
      input({
        plots: [],
        traceability: {
          tracedShare: 1,
          untracedShare: 0,
          untracedGrams: '0',
          unevaluableRecords: 2,
          cyclic: true,
        },
      }),
      b64,
    );
    expect(gaps.geolocation.complete).toBe(false);
    expect(gaps.geolocation.statement).toBe(
      'Geolocation is not complete: 2 upstream record(s) carry a mass no real lot has and were left out of the balance. the lot’s upstream graph contains a cycle: its origin cannot be worked out. no plot is upstream of this lot.',
    );
    const refused = buildStatement(
      input({ plots: [{ ...point('p1', 'Coop A', 'GH'), declaredAreaHectares: 5 }] }),
      b64,
    );
    expect(refused.geolocation.complete).toBe(false);
    expect(refused.geolocation.features).toBe(1);
    expect(refused.geolocation.statement).toBe(
      'Geolocation is not complete: 1 geometry check(s) would make the IS refuse a plot (see geolocation.checks).',
    );
    expect(refused.riskAssessment).toMatchObject({
      conclusion: 'not_negligible',
      reasons: ['plots the IS would refuse'],
    });
    // A warning (holes the IS ignores) is said, and does not make the geolocation incomplete.
    const holed = buildStatement(
      input({
        plots: [
          {
            ...point('p1', 'Coop A', 'GH'),
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [0.001, 0],
                  [0.001, 0.001],
                  [0, 0.001],
                  [0, 0],
                ],
                [
                  [0.0002, 0.0002],
                  [0.0002, 0.0004],
                  [0.0004, 0.0004],
                  [0.0004, 0.0002],
                  [0.0002, 0.0002],
                ],
              ],
            },
          },
        ],
      }),
      b64,
    );
    expect(holed.geolocation.complete).toBe(true);
    expect(holed.geolocation.checks.map((c) => c.code)).toEqual(['HOLES_IGNORED']);
    expect(holed.riskAssessment.conclusion).toBe('not_concluded');
  });

  it('describes the goods by product name, else description, else material, in at most 150 characters', () => {
    const described = (batch: Partial<StatementInput['batch']>) =>
      buildStatement(input({ batch: { ...input().batch, ...batch } }), b64).statements[0]!.commodities[0]!
        .descriptionOfGoods;
    expect(described({ productName: 'Butter 25 kg', description: 'cocoa butter' })).toBe('Butter 25 kg');
    expect(described({ productName: null, description: 'cocoa butter' })).toBe('cocoa butter');
    expect(described({ productName: null, description: null })).toBe('cocoa_butter');
    expect(described({ description: 'x'.repeat(200) })).toBe('x'.repeat(150));
  });

  it('concludes not negligible on an open error finding, not on warnings alone', () => {
    const finding = (severity: 'error' | 'warning') => ({
      id: 'f',
      rule: 'R',
      severity,
      message: 'm',
      exposure: null,
    });
    const warned = buildStatement(input({ findings: [finding('warning')] }), b64);
    expect(warned.riskAssessment.conclusion).toBe('not_concluded');
    expect(warned.riskAssessment.findings).toEqual([finding('warning')]);
    const erred = buildStatement(input({ findings: [finding('warning'), finding('error')] }), b64);
    expect(erred.riskAssessment).toMatchObject({
      conclusion: 'not_negligible',
      reasons: ['1 open mass-balance finding(s) of severity error'],
    });
  });

  it('asks for an EORI only for IMPORT and EXPORT, and cites at most 2,000 upstream statements', () => {
    expect(buildStatement(input({ activity: 'DOMESTIC' }), b64).notes).toEqual([]);
    expect(buildStatement(input({ activity: 'EXPORT' }), b64).notes).toEqual([
      'IMPORT and EXPORT need the operator’s EORI number; none is recorded.',
    ]);
    const many = Array.from({ length: 2001 }, (_, i) => ({
      batchId: `b${i}`,
      lot: `L${i}`,
      referenceNumber: `26GH${String(i).padStart(10, '0')}`,
      verificationNumber: 'KSEDLN4G',
      entryIndex: i,
      recordedAt: '2026-12-01T00:00:00.000Z',
    }));
    const exactly = buildStatement(
      input({ activity: 'DOMESTIC', upstreamStatements: many.slice(0, 2000) }),
      b64,
    );
    expect(exactly.notes).toEqual([]);
    expect(exactly.statements[0]!.groupedDeclarations).toHaveLength(2000);
    const s = buildStatement(input({ activity: 'DOMESTIC', upstreamStatements: many }), b64);
    expect(s.statements[0]!.groupedDeclarations).toHaveLength(2000);
    expect(s.statements[0]!.groupedDeclarations[1999]!.referenceNumber).toBe('26GH0000001999');
    expect(s.notes).toEqual(['2001 upstream statements exceed the 2000 one statement may reference.']);
    expect(s.upstreamStatements).toHaveLength(2001);
  });
});

describe('deforestationAssessment', () => {
  const check = (plotId: string, verdict: PlotDeforestationCheck['verdict']): PlotDeforestationCheck => ({
    plotId,
    checkedAt: '2026-12-01T00:00:00.000Z',
    verdict,
    coveredShare: verdict === 'not_covered' ? 0 : verdict === 'partially_covered' ? 0.4 : 1,
    forestShare: verdict === 'forest_2020' || verdict === 'loss_after_2020' ? 0.3 : 0,
    lostShare: verdict === 'loss_after_2020' ? 0.2 : null,
    dataset: { name: 'JRC GFC2020', version: 'V2' },
    findingId: verdict === 'no_forest_2020' ? null : `f-${plotId}`,
  });

  it('says "no deforestation detected" only when every plot was checked, covered and clear', () => {
    const clear = deforestationAssessment(
      ['a', 'b'],
      [check('a', 'no_forest_2020'), check('b', 'no_forest_2020')],
    );
    expect(clear).toMatchObject({
      status: 'no_deforestation_detected',
      checked: 2,
      unchecked: 0,
      datasets: ['JRC GFC2020 V2'],
    });
    // One plot unchecked, or one the map does not cover: incomplete, naming how many.
    const unchecked = deforestationAssessment(['a', 'b'], [check('a', 'no_forest_2020')]);
    expect(unchecked).toMatchObject({ status: 'incomplete', unchecked: 1 });
    expect(unchecked.detail).toMatch(/^1 plot\(s\) have no check and 0 are not \(fully\) covered/);
    const uncovered = deforestationAssessment(
      ['a', 'b'],
      [check('a', 'no_forest_2020'), check('b', 'not_covered')],
    );
    expect(uncovered).toMatchObject({ status: 'incomplete', verdicts: { not_covered: 1 } });
    // Checks of plots outside the lot are ignored.
    expect(deforestationAssessment(['a'], [check('z', 'forest_2020')]).status).toBe('not_assessed');
  });

  it('puts a plot that was forest in 2020, or lost forest after, first: risk, and a concern in the statement', () => {
    const risk = deforestationAssessment(
      ['a', 'b', 'c'],
      [check('a', 'forest_2020'), check('b', 'loss_after_2020')],
    );
    expect(risk).toMatchObject({
      status: 'risk',
      verdicts: { forest_2020: 1, loss_after_2020: 1 },
      unchecked: 1,
    });
    expect(risk.detail).toBe(
      '2 of 3 plot(s) were forest at the end of 2020 or lost forest after it, beyond the tolerance.',
    );
    const s = buildStatement(input({ deforestationChecks: [check('p1', 'loss_after_2020')] }), b64);
    expect(s.riskAssessment.conclusion).toBe('not_negligible');
    expect(s.riskAssessment.reasons).toContain(
      'deforestation risk: 1 of 3 plot(s) were forest at the end of 2020 or lost forest after it, beyond the tolerance.',
    );
    const clean = buildStatement(
      input({ deforestationChecks: ['p1', 'p2', 'p3'].map((id) => check(id, 'no_forest_2020')) }),
      b64,
    );
    expect(clean.riskAssessment.conclusion).toBe('not_concluded');
    expect(clean.riskAssessment.deforestation.status).toBe('no_deforestation_detected');
  });
});
