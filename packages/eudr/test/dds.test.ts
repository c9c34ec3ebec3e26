// A statement's data from loaded facts: exact kilograms, the activity our records can tell, the
// blended lot that says so, and a risk assessment that never concludes what no check has shown.
import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  deriveActivity,
  type ExportPlot,
  gramsToKilograms,
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
    expect(() => gramsToKilograms('1e3')).toThrow(RangeError);
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
    expect(s.riskAssessment.deforestation).toEqual({
      status: 'not_assessed',
      detail:
        'No deforestation check has been run on these plots. This is not a finding of no deforestation.',
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
    const s = buildStatement(input({ plots: [point('p1', 'Coop A', 'GH'), sliver], withheldPlots: 2 }), b64);
    expect(s.geolocation).toMatchObject({
      complete: false,
      plots: 2,
      features: 1,
      excludedPlotIds: ['p9'],
      withheldPlots: 2,
    });
    expect(s.geolocation.statement).toContain(
      '2 upstream plot(s) belong to organisations outside the caller’s chain',
    );
    expect(s.riskAssessment.countries).toEqual([
      { country: 'GH', highRisk: false },
      { country: 'MM', highRisk: true },
    ]);
    expect(s.riskAssessment.reasons).toContain('production in a high-risk country (MM)');
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
});
