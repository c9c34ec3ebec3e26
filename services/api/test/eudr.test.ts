// EUDR exports (issue 16, item 1) on the demo chain and on a small clean chain, on both databases:
// the plot GeoJSON of the cocoa butter lot in one call (220 features, six decimals, RFC 7946), the
// statement's data saying the lot is blended, upstream statements recorded through the ledger, and
// who may read and write what.

import { decodeEntry, utf8 } from '@groundtruth/ledger';
import { getIssues } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, DEMO_PLOTS_PER_COOPERATIVE, seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, openedEntry, square, type TestApp } from './helper.ts';

let t: TestApp;
const LOT = 'BW-CB-2026-09-001';
let lotId: string;
let holder: string; // the manufacturer, which holds the lot
let brand: string;
const tokens: Record<string, string> = {};

const size = async () => Number(await t.runtime.reader.size());
const get = (url: string, who: string) => t.call('GET', url, tokens[who]!);

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  const [product] = await t.runtime.db.query<{ organisation_id: string }>(
    'SELECT organisation_id FROM products WHERE gtin = $1',
    [`0${DEMO_GTINS.cocoaButter}`],
  );
  holder = product!.organisation_id;
  const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
  lotId = batch!.id;
  const [aurora] = await t.runtime.db.query<{ id: string }>(
    "SELECT id FROM organisations WHERE kind = 'brand'",
  );
  brand = aurora!.id;
  const { stranger } = await t.seedOrganisations({ stranger: 'brand' });
  tokens.holder = await t.token('procurement', { organisationId: holder });
  tokens.brand = await t.token('compliance', { organisationId: brand });
  tokens.brandBuyer = await t.token('procurement', { organisationId: brand });
  tokens.stranger = await t.token('procurement', { organisationId: stranger });
  tokens.admin = await t.token('admin');
}, 120_000);
afterAll(() => t.close());

/** Every position of a geometry, and its rings (outer rings of polygons only: holes are not exported). */
function ringsOf(geometry: { type: string; coordinates: unknown }): number[][][] {
  if (geometry.type === 'Polygon') return geometry.coordinates as number[][][];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as number[][][][]).flat();
  return [];
}

/**
 * RFC 7946 checks written out here, beside the maintained validator: FeatureCollection of Features,
 * no `crs` (§4), positions [lon, lat] in range (§3.1.1), rings closed with ≥ 4 positions and the
 * exterior counterclockwise (§3.1.6), unique feature ids.
 */
function rfc7946Problems(text: string): string[] {
  const problems = getIssues(text).map((i) => `check-geojson: ${i.message}`);
  const doc = JSON.parse(text);
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    problems.push('not a FeatureCollection');
  if ('crs' in doc) problems.push('crs member (RFC 7946 §4)');
  const ids = new Set<string>();
  for (const [i, f] of (
    doc.features as { type: string; id: string; geometry: { type: string; coordinates: unknown } }[]
  ).entries()) {
    if (f.type !== 'Feature') problems.push(`features/${i} is not a Feature`);
    if (ids.has(f.id)) problems.push(`features/${i} repeats id ${f.id}`);
    ids.add(f.id);
    const positions =
      f.geometry.type === 'Point' ? [f.geometry.coordinates as number[]] : ringsOf(f.geometry).flat();
    for (const [lon, lat, ...rest] of positions)
      if (rest.length > 0 || !(lon! >= -180 && lon! <= 180 && lat! >= -90 && lat! <= 90))
        problems.push(`features/${i}: position ${lon},${lat} out of range`);
    for (const ring of ringsOf(f.geometry)) {
      const [first, last] = [ring[0]!, ring.at(-1)!];
      if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1])
        problems.push(`features/${i}: open ring`);
      let twiceArea = 0;
      for (let k = 0; k + 1 < ring.length; k++)
        twiceArea += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
      if (twiceArea <= 0) problems.push(`features/${i}: exterior ring is not counterclockwise`);
    }
  }
  return problems;
}

describe('GET /v1/batches/:id/eudr/geojson', () => {
  it('answers the demo lot in one call: one feature per upstream plot, RFC 7946, six decimals', async () => {
    const before = await size();
    const res = await get(`/v1/batches/${lotId}/eudr/geojson`, 'brand');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toBe(`inline; filename="eudr-${LOT}.geojson"`);
    const doc = JSON.parse(res.body);
    // The plots the trace reaches, asked the other way.
    const trace = (await get(`/v1/batches/${lotId}/trace`, 'brand')).json() as { plots: { id: string }[] };
    expect(trace.plots).toHaveLength(2 * DEMO_PLOTS_PER_COOPERATIVE);
    expect(doc.features).toHaveLength(220);
    expect(doc.features.map((f: { id: string }) => f.id).sort()).toEqual(trace.plots.map((p) => p.id).sort());
    expect(rfc7946Problems(res.body)).toEqual([]);
    // Six decimals in the text of every coordinate: no more, no fewer.
    const numbers = [...res.body.matchAll(/"coordinates":(\[[-0-9.,[\]]*\])/g)].flatMap((m) =>
      m[1]!.split(/[[\],]+/).filter(Boolean),
    );
    expect(numbers.length).toBeGreaterThan(220 * 2);
    expect(numbers.filter((n) => !/^-?\d{1,3}\.\d{6}$/.test(n))).toEqual([]);
    expect(await size()).toBe(before);
  });

  it('gives each feature the properties the Information System reads, from the plot and its producer', async () => {
    const doc = (await get(`/v1/batches/${lotId}/eudr/geojson`, 'brand')).json() as {
      features: {
        id: string;
        properties: Record<string, unknown>;
        geometry: { type: string; coordinates: unknown };
      }[];
    };
    const rows = await t.runtime.db.query<{
      id: string;
      name: string;
      country: string;
      geometry: unknown;
      declared_area_hectares: string;
      producer: string;
    }>(
      `SELECT p.id, p.name, p.country, p.geometry, p.declared_area_hectares, o.name AS producer
         FROM plots p JOIN organisations o ON o.id = p.organisation_id`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    let points = 0;
    for (const f of doc.features) {
      const plot = byId.get(f.id)!;
      const geometry = typeof plot.geometry === 'string' ? JSON.parse(plot.geometry) : plot.geometry;
      const expected: Record<string, unknown> = {
        ProducerName: plot.producer,
        ProducerCountry: plot.country,
        ProductionPlace: plot.name,
      };
      if (geometry.type === 'Point') {
        points++;
        expected.Area = Number(plot.declared_area_hectares);
        expect(expected.Area as number).toBeLessThanOrEqual(4);
      }
      expect(f.properties).toEqual(expected);
      // The demo's plots were mapped with six decimals, counterclockwise, without holes: unchanged.
      expect(f.geometry).toEqual(geometry);
    }
    expect(points).toBeGreaterThan(0); // the demo maps some smallholdings as Points
    expect(new Set(doc.features.map((f) => f.properties.ProducerName))).toEqual(
      new Set(['Ashanti Growers Cooperative', 'Coopérative Agricole de Soubré']),
    );
  });

  it('is 404 for a brand outside the chain, and leaks nothing', async () => {
    const before = await size();
    for (const path of ['geojson', 'statement']) {
      const res = await get(`/v1/batches/${lotId}/eudr/${path}`, 'stranger');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain(LOT);
      expect(res.body).not.toContain('Ashanti');
      expect(res.body).not.toContain(holder);
    }
    // The same 404 as an id that does not exist.
    const none = await get(`/v1/batches/${crypto.randomUUID()}/eudr/geojson`, 'stranger');
    expect(none.statusCode).toBe(404);
    expect(await size()).toBe(before);
  });

  it('refuses an id that is not a UUID with problem+json naming it', async () => {
    const res = await get('/v1/batches/BW-CB-2026-09-001/eudr/geojson', 'brand');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ in: 'params', pointer: '/id' });
  });
});

describe('GET /v1/batches/:id/eudr/statement', () => {
  it('says the demo lot is blended instead of claiming full geolocation', async () => {
    const res = await get(`/v1/batches/${lotId}/eudr/statement`, 'brand');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const breakdown = (await get(`/v1/batches/${lotId}/mass-balance`, 'brand')).json();
    expect(breakdown.untracedShare).toBeGreaterThan(0);
    expect(s.geolocation.complete).toBe(false);
    expect(s.geolocation.untracedShare).toBe(breakdown.untracedShare);
    expect(s.geolocation.untracedKilograms).toBe(String(Number(breakdown.untracedGrams) / 1000));
    expect(s.geolocation.statement).toMatch(
      /^Geolocation is not complete: .* blended with untraced or over-yield volume/,
    );
    expect(s.geolocation).toMatchObject({ plots: 220, features: 220, excludedPlotIds: [], withheldPlots: 0 });
    expect(s.riskAssessment.conclusion).toBe('not_negligible');
    expect(s.riskAssessment.findings.map((f: { rule: string }) => f.rule)).toContain('BLENDED_ORIGIN');
    expect(s.riskAssessment.deforestation.status).toBe('not_assessed');
    expect(s.riskAssessment.deforestation.detail).toMatch(/not a finding of no deforestation/);
  });

  it('maps the lot to the V3 fields: operator, activity, HS heading, net mass, producers with their plots', async () => {
    const s = (await get(`/v1/batches/${lotId}/eudr/statement`, 'brand')).json();
    const [batch] = await t.runtime.db.query<{ mass_grams: string }>(
      'SELECT mass_grams FROM batches WHERE id = $1',
      [lotId],
    );
    expect(s.operator).toMatchObject({
      organisationId: holder,
      name: 'Brightwater Confectionery GmbH',
      country: 'DE',
      eori: null,
    });
    expect(s.countriesOfProduction).toEqual(['CI', 'GH']);
    expect(s.statements).toHaveLength(1);
    const [dds] = s.statements;
    expect(dds.operatorRole).toBe('OPERATOR');
    expect(dds.activityType).toBe('IMPORT'); // a German manufacturer received it from Ghana
    const [commodity] = dds.commodities;
    expect(commodity.hsHeading).toBe('1804'); // cocoa butter
    expect(commodity.descriptionOfGoods).toBe('Brightwater Cocoa Butter, deodorised, 25 kg');
    expect(Number(commodity.netWeight)).toBeCloseTo(Number(batch!.mass_grams) / 1000, 6);
    expect(commodity.supplementaryUnit).toBeNull();
    expect(s.notes).toContain('IMPORT and EXPORT need the operator’s EORI number; none is recorded.');
    // Two cooperatives, 110 plots each; their base64 GeoJSON holds exactly the file's features.
    expect(
      commodity.producers.map((p: { name: string; country: string }) => [p.name, p.country]).sort(),
    ).toEqual([
      ['Ashanti Growers Cooperative', 'GH'],
      ['Coopérative Agricole de Soubré', 'CI'],
    ]);
    const file = (await get(`/v1/batches/${lotId}/eudr/geojson`, 'brand')).json();
    const fromProducers = commodity.producers.flatMap((p: { geometryGeojson: string; plotIds: string[] }) => {
      const doc = JSON.parse(Buffer.from(p.geometryGeojson, 'base64').toString('utf8'));
      expect(doc.features.map((f: { id: string }) => f.id)).toEqual(p.plotIds);
      expect(p.plotIds).toHaveLength(DEMO_PLOTS_PER_COOPERATIVE);
      return doc.features;
    });
    expect(fromProducers.sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(
      file.features.sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
    );
    expect(s.productionPeriod).toEqual({ from: '2025-12-15T08:00:00.000Z', to: '2026-06-20T08:00:00.000Z' });
  });

  it('takes the activity and HS heading the operator states, and refuses bad ones with the field named', async () => {
    const stated = await get(
      `/v1/batches/${lotId}/eudr/statement?activity=DOMESTIC&hsHeading=180400`,
      'holder',
    );
    expect(stated.statusCode).toBe(200);
    expect(stated.json().statements[0]).toMatchObject({
      activityType: 'DOMESTIC',
      commodities: [{ hsHeading: '180400' }],
    });
    for (const [query, pointer] of [
      ['activity=TRADE', '/activity'],
      ['hsHeading=18041', '/hsHeading'],
      ['unknown=1', '/'],
    ] as const) {
      const res = await get(`/v1/batches/${lotId}/eudr/statement?${query}`, 'holder');
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0].in, query).toBe('query');
      if (pointer !== '/') expect(res.json().errors[0].pointer, query).toBe(pointer);
    }
  });

  it('on a clean chain says geolocation is complete, and still does not conclude the risk without a deforestation check', async () => {
    const ids = await t.seedOrganisations({ 'Clean Brand': 'brand', 'Clean Coop': 'supplier' }, [
      ['Clean Brand', 'Clean Coop'],
    ]);
    const coop = await t.token('supplier', { organisationId: ids['Clean Coop'] });
    const plot = await t.call('POST', '/v1/plots', tokens.admin!, {
      organisationId: ids['Clean Coop'],
      name: 'Clean-001',
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.612345, 6.712345),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    // 2 ha can grow well over 100 kg of beans in a season.
    const harvest = await t.call('POST', '/v1/events', coop, {
      type: 'harvest',
      plotId: plot.json().id,
      season: '2025/26 main crop',
      eventTime: '2025-12-15T08:00:00Z',
      output: { lot: 'CLEAN-1', quantity: { value: '100', unit: 'KGM' } },
    });
    expect(harvest.statusCode, harvest.body).toBe(201);
    const reader = await t.token('compliance', { organisationId: ids['Clean Brand'] });
    const res = await t.call('GET', `/v1/batches/${harvest.json().batchIds[0]}/eudr/statement`, reader);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.geolocation).toMatchObject({
      complete: true,
      plots: 1,
      features: 1,
      tracedShare: 1,
      untracedShare: 0,
    });
    expect(s.geolocation.statement).toMatch(/^All 1 plot\(s\)/);
    expect(s.statements[0].commodities[0]).toMatchObject({ hsHeading: '1801', netWeight: '100' });
    expect(s.statements[0].activityType).toBeNull(); // a Ghanaian cooperative's own harvest
    expect(s.riskAssessment.conclusion).toBe('not_concluded');
    expect(s.riskAssessment.deforestation.status).toBe('not_assessed');
    expect(s.countriesOfProduction).toEqual(['GH']);
  });

  it('writes a plot as the IS will read it (seven decimals cut, a hole dropped, a clockwise ring turned) and says so', async () => {
    const ids = await t.seedOrganisations({ 'Survey Brand': 'brand', 'Survey Coop': 'supplier' }, [
      ['Survey Brand', 'Survey Coop'],
    ]);
    // Clockwise from the south-west corner; the last corner before closing differs from the one before
    // it only in the seventh decimal of longitude, so the cut makes them one. A hole in the middle.
    const outer = [
      [-1.7000001, 6.8000001],
      [-1.7000001, 6.8020001],
      [-1.6980001, 6.8020001],
      [-1.6980001, 6.8000001],
      [-1.6980004, 6.8000001],
      [-1.7000001, 6.8000001],
    ];
    const hole = [
      [-1.6995, 6.8005],
      [-1.6985, 6.8005],
      [-1.6985, 6.8015],
      [-1.6995, 6.8015],
      [-1.6995, 6.8005],
    ];
    const mapped = await t.call('POST', '/v1/plots', tokens.admin!, {
      organisationId: ids['Survey Coop'],
      name: 'Survey-001',
      commodity: 'cocoa',
      country: 'GH',
      geometry: { type: 'Polygon', coordinates: [outer, hole] },
    });
    expect(mapped.statusCode, mapped.body).toBe(201);
    const coop = await t.token('supplier', { organisationId: ids['Survey Coop'] });
    const harvest = await t.call('POST', '/v1/events', coop, {
      type: 'harvest',
      plotId: mapped.json().id,
      season: '2025/26 main crop',
      eventTime: '2025-12-15T08:00:00Z',
      output: { lot: 'SURVEY-1', quantity: { value: '100', unit: 'KGM' } },
    });
    expect(harvest.statusCode, harvest.body).toBe(201);
    const reader = await t.token('compliance', { organisationId: ids['Survey Brand'] });
    const lot = harvest.json().batchIds[0];
    const file = await t.call('GET', `/v1/batches/${lot}/eudr/geojson`, reader);
    expect(file.statusCode, file.body).toBe(200);
    expect(rfc7946Problems(file.body)).toEqual([]);
    expect(file.body).toContain(
      '"geometry":{"type":"Polygon","coordinates":[[[-1.700000,6.800000],[-1.698000,6.800000],[-1.698000,6.802000],[-1.700000,6.802000],[-1.700000,6.800000]]]}',
    );
    const s = (await t.call('GET', `/v1/batches/${lot}/eudr/statement`, reader)).json();
    expect(s.geolocation.checks.map((c: { code: string; pointer: string }) => [c.code, c.pointer])).toEqual([
      ['HOLES_IGNORED', '/coordinates/1'],
      ['DUPLICATE_VERTICES_AFTER_TRUNCATION', '/coordinates/0'],
    ]);
    expect(s.geolocation.complete).toBe(true); // warnings: the IS accepts the plot
    // Our record keeps what was mapped: the export reports, it does not rewrite.
    const plot = (await t.call('GET', `/v1/plots/${mapped.json().id}`, reader)).json();
    expect(plot.geometry.coordinates).toEqual([outer, hole]);
  });
});

describe('POST /v1/batches/:id/eudr/upstream-statements', () => {
  const url = () => `/v1/batches/${lotId}/eudr/upstream-statements`;
  const body = { referenceNumber: '26GHXR3Y2KZ8Q1', verificationNumber: 'KSEDLN4G' };

  it('lets the holder record the numbers as a ledger entry whose numbers are committed, and cites them', async () => {
    const before = await size();
    const res = await t.call('POST', url(), tokens.holder!, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ batchId: lotId, lot: LOT, ...body, entryIndex: before });
    expect(await size()).toBe(before + 1);
    const [logged] = await t.runtime.db.query<{ data: Uint8Array }>(
      'SELECT data FROM ledger_entries WHERE idx = $1',
      [String(before)],
    );
    const text = utf8.decode(new Uint8Array(logged!.data));
    expect(text).not.toContain(body.referenceNumber);
    expect(text).not.toContain(body.verificationNumber);
    expect(decodeEntry(new Uint8Array(logged!.data))).toMatchObject({
      type: 'batch.upstream_statement',
      subject: `batch:${lotId}`,
    });
    expect((await openedEntry(t, before)).body).toMatchObject({
      organisation: `organisation:${holder}`,
      batch: `batch:${lotId}`,
      ...body,
    });
    const s = (await get(`/v1/batches/${lotId}/eudr/statement`, 'brand')).json();
    expect(s.statements[0].groupedDeclarations).toEqual([body]);
    expect(s.upstreamStatements).toEqual([
      { batchId: lotId, lot: LOT, ...body, entryIndex: before, recordedAt: expect.any(String) },
    ]);
  });

  it('refuses the same statement twice (409), bad numbers (400 naming the field), and writes nothing', async () => {
    const before = await size();
    const again = await t.call('POST', url(), tokens.holder!, body);
    expect(again.statusCode).toBe(409);
    for (const [bad, pointer] of [
      [{ ...body, referenceNumber: '26ghxr3y2kz8q1' }, '/referenceNumber'],
      [{ ...body, referenceNumber: '26GHXR3Y2KZ8Q1X' }, '/referenceNumber'],
      [{ ...body, verificationNumber: 'KSED' }, '/verificationNumber'],
      [{ referenceNumber: body.referenceNumber }, '/verificationNumber'],
      [{ ...body, status: 'AVAILABLE' }, ''],
    ] as const) {
      const res = await t.call('POST', url(), tokens.holder!, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (pointer) expect(res.json().errors[0]).toMatchObject({ in: 'body', pointer });
    }
    expect(await size()).toBe(before);
  });

  it('is the holder’s to record: 403 for a brand that sees the lot, 404 for a stranger and an unknown batch', async () => {
    const before = await size();
    const other = { ...body, referenceNumber: '26GHAAAAAAAAA1' };
    expect((await t.call('POST', url(), tokens.brandBuyer!, other)).statusCode).toBe(403);
    expect((await t.call('POST', url(), tokens.brand!, other)).statusCode).toBe(403); // compliance reads only
    const stranger = await t.call('POST', url(), tokens.stranger!, other);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).not.toContain(LOT);
    const unknown = await t.call(
      'POST',
      `/v1/batches/${crypto.randomUUID()}/eudr/upstream-statements`,
      tokens.holder!,
      other,
    );
    expect(unknown.statusCode).toBe(404);
    expect(await size()).toBe(before);
    const rows = await t.runtime.db.query(
      'SELECT 1 FROM batch_upstream_statements WHERE reference_number = $1',
      [other.referenceNumber],
    );
    expect(rows).toEqual([]);
  });
});
