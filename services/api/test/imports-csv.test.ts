// CSV imports as spreadsheets write them: a French Excel file (`;` between fields, decimal commas,
// CRLF, a BOM, quoted GeoJSON, coordinates whose trailing zeros were dropped) imports as a whole;
// unknown columns are named in one error (nothing written) or left out on request; headers match
// regardless of case and spacing; the documented columns are served as a template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../src/domains/custody/imports/columns.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
let ids: Record<string, string>;
let procurement: string;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await t.seedOrganisations({ brand: 'brand' });
  procurement = await t.token('procurement', { organisationId: ids.brand });
  // The brand's team maps plots for a cooperative it registered, so keeps (decision 0003): seeing a
  // supplier through a relationship would not let it write the supplier's plots.
  const coop = await t.call('POST', '/v1/organisations', procurement, {
    name: 'coop',
    kind: 'supplier',
    country: 'GH',
  });
  expect(coop.statusCode, coop.body).toBe(201);
  ids.coop = coop.json().id;
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
const sizes = async () => ({ plots: await count('plots'), entries: await count('ledger_entries') });

const importCsv = (csv: string, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/v1/imports/plots${query}`,
    payload: csv,
    headers: { authorization: `Bearer ${procurement}`, 'content-type': 'text/csv' },
  });

/** A coordinate surveyed at six decimals, as a spreadsheet writes it: trailing zeros dropped, decimal comma. */
const spreadsheet = (micro: number) => {
  const text = (micro / 1e6).toFixed(6).replace(/0+$/, '');
  return text.replace('.', ',');
};

/** A magnitude in micro-degrees whose last digit is `last` and whose tens digit is never zero. */
const micro = (around: number, last: number, i: number) =>
  around - (around % 100) + 10 * (1 + (i % 9)) + last;

/**
 * 200 plots in Côte d'Ivoire: 150 points and 50 polygons (quoted GeoJSON, points as decimal), every
 * tenth coordinate surveyed with a last digit of zero so it is written with five decimals.
 */
function frenchExcelFile(extraColumn: boolean): string {
  const header = ['organisationId', 'Name', 'Commodity', 'Country', 'Longitude', 'Latitude', 'Geometry'];
  header.push('Declared area hectares');
  if (extraColumn) header.push('Crop');
  const lines = [header.join(';')];
  for (let i = 0; i < 200; i++) {
    // Micro-degrees; lon ends in 0 for i % 10 === 0, lat for i % 10 === 5 (never both on one row).
    const lon = -micro(6_612_000 + i * 2_311, i % 10 === 0 ? 0 : 3, i);
    const lat = micro(5_781_000 + i * 1_877, i % 10 === 5 ? 0 : 7, i);
    const row = [ids.coop!, `Parcelle ${i + 1}`, 'cocoa', 'CI'];
    if (i < 150) {
      row.push(spreadsheet(lon), spreadsheet(lat), '', i % 2 ? '1,5' : '2');
    } else {
      const ring = [
        [lon, lat],
        [lon + 1_270, lat],
        [lon + 1_270, lat + 1_260],
        [lon, lat + 1_260],
        [lon, lat],
      ].map(
        ([x, y]) =>
          `[${(x! / 1e6).toFixed(6).replace(/0+$/, '')},${(y! / 1e6).toFixed(6).replace(/0+$/, '')}]`,
      );
      const geojson = `{"type":"Polygon","coordinates":[[${ring.join(',')}]]}`;
      row.push('', '', `"${geojson.replace(/"/g, '""')}"`, '');
    }
    if (extraColumn) row.push('cacao');
    lines.push(row.join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n;;;;;;;;\r\n`;
}

describe('CSV import from a spreadsheet', () => {
  it('serves the documented columns as a template', async () => {
    for (const kind of ['plots', 'suppliers'] as const) {
      const res = await t.app.inject(`/v1/imports/${kind}/template.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.body).toBe(`${IMPORT_COLUMNS[kind].map((c) => c.name).join(',')}\r\n`);
    }
    expect(res400(await t.app.inject('/v1/imports/farms/template.csv'))).toBe(true);
  });

  it('names unknown columns in one error and writes nothing', async () => {
    const before = await sizes();
    const res = await importCsv(frenchExcelFile(true));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.detail).toMatch(/^unknown column "Crop": the plots import takes organisationId, name/);
    expect(problem.detail).toMatch(/template\.csv/);
    // One error for the header, not one per row.
    expect(problem.errors).toEqual([{ in: 'body', pointer: '/header/8', detail: 'unknown column "Crop"' }]);
    expect(await sizes()).toEqual(before);
  });

  it('imports 200 plots from a French Excel file, leaving out a column on request', async () => {
    const before = await sizes();
    const res = await importCsv(frenchExcelFile(true), '?unknownColumns=ignore');
    expect(res.statusCode, res.body.slice(0, 600)).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'plots', mode: 'all-or-nothing', accepted: 200, rejected: 0 });
    expect(report.csv).toEqual({ delimiter: ';', decimalComma: true, ignoredColumns: ['Crop'] });
    const after = await sizes();
    expect(after.plots - before.plots).toBe(200);
    expect(after.entries - before.entries).toBe(200);
    // The digits were read as written: a five-decimal longitude kept, the decimal comma a point.
    const first = await t.call('GET', `/v1/plots/${report.rows[0].id}`, procurement);
    expect(first.json().geometry.coordinates).toEqual([-6.61201, 5.781017]);
    expect(first.json().areaHectares).toBe('2.000000');
    const polygon = await t.call('GET', `/v1/plots/${report.rows[150].id}`, procurement);
    expect(polygon.json().geometry.type).toBe('Polygon');
  });

  it('refuses a point whose every coordinate has fewer than six decimals, naming the row', async () => {
    const before = await sizes();
    const csv = [
      'organisationId;commodity;country;longitude;latitude;declaredAreaHectares',
      `${ids.coop};cocoa;CI;-6,611254;5,78190;1`,
      `${ids.coop};cocoa;CI;-6,61125;5,7819;1`,
    ].join('\r\n');
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().rows[1]).toMatchObject({
      row: 2,
      status: 'rejected',
      errors: [expect.objectContaining({ detail: expect.stringMatching(/no coordinate .* more than 5/) })],
    });
    expect(res.json().rows[0]).toMatchObject({ row: 1, status: 'accepted' });
    expect(await sizes()).toEqual(before);
  });

  it('matches headers regardless of case and spacing; refuses a column named twice', async () => {
    const csv = [
      'Organisation ID,COMMODITY,country,LONGITUDE,latitude,declared_area_hectares',
      `${ids.coop},cocoa,CI,-6.601254,5.771903,1.5`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().csv).toEqual({ delimiter: ',', decimalComma: false, ignoredColumns: [] });

    const before = await sizes();
    const twice = await importCsv(`longitude\tLongitude\n-6.601254\t-6.601254\n`);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([
      { in: 'body', pointer: '/header/1', detail: '"Longitude" repeats column longitude' },
    ]);
    expect(await sizes()).toEqual(before);
  });
});

function res400(res: { statusCode: number; headers: Record<string, unknown> }) {
  return res.statusCode === 400 && String(res.headers['content-type']).startsWith('application/problem+json');
}
