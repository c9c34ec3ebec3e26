import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

describe('bulk import', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let procurement: string;
  let otherProcurement: string;
  const count = async (table: string) =>
    Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const importCsv = (
    kind: string,
    csv: string,
    options: { mode?: string; key?: string; token?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/imports/${kind}${options.mode ? `?mode=${options.mode}` : ''}`,
      payload: csv,
      headers: {
        authorization: `Bearer ${options.token ?? procurement}`,
        'content-type': 'text/csv',
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
    });

  beforeAll(async () => {
    t = await buildTestApp();
    const admin = await t.token('admin');
    for (const [key, kind] of [
      ['brand', 'brand'],
      ['otherBrand', 'brand'],
    ] as const) {
      ids[key] = (
        await t.app.inject({
          method: 'POST',
          url: '/v1/organisations',
          payload: { name: key, kind, country: 'GB' },
          headers: { authorization: `Bearer ${admin}` },
        })
      ).json().id;
    }
    procurement = await t.token('procurement', { organisationId: ids.brand });
    otherProcurement = await t.token('procurement', { organisationId: ids.otherBrand });
  });
  afterAll(() => t.close());

  const suppliersCsv = () =>
    [
      'name,country,role,gln,lei,nationalRegistration,buyerId,commodity',
      `"Ashanti Growers, Cooperative",GH,cooperative,4012345000009,,GH-COOP-118,${ids.brand},cocoa`,
      `Soubré Farmers,CI,cooperative,,,,${ids.brand},cocoa`,
      `Bad Country,Ghana,cooperative,,,,${ids.brand},cocoa`,
      `Wrong GLN,GH,farm,4012345000008,,,,`,
    ].join('\r\n');

  it('per-row mode writes the good rows and reports why the others were refused', async () => {
    const before = await count('organisations');
    const res = await importCsv('suppliers', suppliersCsv(), { mode: 'per-row' });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ accepted: 2, rejected: 2 });
    expect(report.rows.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'rejected',
    ]);
    expect(report.rows[2].errors[0].pointer).toBe('/country');
    expect(report.rows[3].errors[0].pointer).toBe('/identifiers/gln');
    expect(await count('organisations')).toBe(before + 2);
    const chain = await t.app.inject({
      url: `/v1/organisations/${ids.brand}/supply-chain`,
      headers: { authorization: `Bearer ${procurement}` },
    });
    expect(
      chain
        .json()
        .suppliers.map((s: { organisation: { name: string } }) => s.organisation.name)
        .sort(),
    ).toEqual(['Ashanti Growers, Cooperative', 'Soubré Farmers']);
    ids.coop = report.rows[0].id;
  });

  it('all-or-nothing mode writes nothing when a row is bad, and says which', async () => {
    const entriesBefore = await t.runtime.reader.size();
    const res = await importCsv('suppliers', suppliersCsv());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ mode: 'all-or-nothing', accepted: 0, rejected: 2 });
    expect(await t.runtime.reader.size()).toBe(entriesBefore);
  });

  it('imports plots from CSV, judging precision on the digits written, and is idempotent on retry', async () => {
    const csv = [
      'organisationId,name,commodity,country,declaredAreaHectares,geometry,longitude,latitude',
      `${ids.coop},P-1,cocoa,GH,1.5,,-1.908420,6.500000`,
      `${ids.coop},P-2,cocoa,GH,,"{""type"":""Polygon"",""coordinates"":[[[-1.908421,6.513262],[-1.907148,6.513262],[-1.907148,6.514527],[-1.908421,6.514527],[-1.908421,6.513262]]]}",,`,
    ].join('\n');
    const first = await importCsv('plots', csv, { key: 'plots-2026-11-23-a' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 2, rejected: 0 });
    const plotsAfter = await count('plots');
    const entriesAfter = await t.runtime.reader.size();
    const retry = await importCsv('plots', csv, { key: 'plots-2026-11-23-a' });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await count('plots')).toBe(plotsAfter);
    expect(await t.runtime.reader.size()).toBe(entriesAfter);
    const reused = await importCsv('plots', `${csv}\n`.replace('P-1', 'P-9'), { key: 'plots-2026-11-23-a' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0]).toMatchObject({ in: 'headers', pointer: '/idempotency-key' });
  });

  it('refuses rows for organisations outside the caller’s chain', async () => {
    const res = await importCsv(
      'plots',
      `organisationId,commodity,country,declaredAreaHectares,longitude,latitude\n${ids.coop},cocoa,GH,1,-1.908421,6.513262`,
      { token: otherProcurement, mode: 'per-row' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 0, rejected: 1 });
  });

  it('accepts JSON rows and refuses malformed CSV with a clear message', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/suppliers',
      payload: { rows: [{ name: 'JSON Coop', country: 'CI' }] },
      headers: { authorization: `Bearer ${procurement}` },
    });
    expect(json.statusCode, json.body).toBe(200);
    const broken = await importCsv('suppliers', 'name,country\n"unclosed,GH\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toMatch(/quoted field is not closed/);
    const ragged = await importCsv('suppliers', 'name,country\nA,GH,extra\n');
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().detail).toMatch(/line 2/);
  });

  it('is closed to roles that do not onboard suppliers', async () => {
    const res = await importCsv('suppliers', 'name,country\nX,GH', {
      token: await t.token('supplier', { organisationId: ids.coop }),
    });
    expect(res.statusCode).toBe(403);
  });
});
