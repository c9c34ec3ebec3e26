// Where an organisation's site is (decision 0030): a GeoJSON Point and an address line, given when it
// registers or changed later, validated at the edge (RFC 7946 order, finite, in range), committed in
// the public log like its name, and shown only to those who may see the organisation.
import { decodeEntry, fromBase64, revealBody } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openedEntry, type TestApp } from './helper.ts';

// Tema's industrial area; digits a stranger must not find anywhere it can read.
const SITE = { type: 'Point', coordinates: [0.016969, 5.669527] };
const ADDRESS = 'Heavy Industrial Area, Tema, Ghana';
const SECRETS = ['0.016969', '5.669527', 'Heavy Industrial Area'];

describe('organisation sites', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    token: string | undefined,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  /** What a refused request must leave as it was: the log, and the organisations' rows. */
  const footprint = async () =>
    t.runtime.db.query(
      `SELECT (SELECT count(*) FROM ledger_entries)::int AS entries,
              (SELECT count(*) FROM organisations)::int AS orgs,
              (SELECT json_agg(json_build_array(id, longitude, latitude, address) ORDER BY id)::text
                 FROM organisations) AS sites`,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    const made = await t.seedOrganisations({ brand: 'brand', stranger: 'supplier' });
    ids.brand = made.brand!;
    ids.stranger = made.stranger!;
    tok.brand = await t.token('procurement', { organisationId: ids.brand });
    tok.stranger = await t.token('supplier', { organisationId: ids.stranger });
  });
  afterAll(() => t?.close());

  it('registers a supplier with its site, and its buyer reads it back', async () => {
    const res = await call('POST', '/v1/organisations', tok.brand, {
      name: 'Tema Cocoa Processing Ltd',
      kind: 'supplier',
      role: 'processor',
      country: 'GH',
      location: SITE,
      address: ADDRESS,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ location: SITE, address: ADDRESS });
    ids.processor = res.json().id;
    const link = await call('POST', '/v1/relationships', tok.admin, {
      buyerId: ids.brand,
      supplierId: ids.processor,
      commodity: 'cocoa',
    });
    expect(link.statusCode, link.body).toBe(201);
    tok.processor = await t.token('supplier', { organisationId: ids.processor });
    for (const token of [tok.brand, tok.processor, tok.admin]) {
      const read = await call('GET', `/v1/organisations/${ids.processor}`, token);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ location: SITE, address: ADDRESS });
    }
    // The entry carries the site, as given, for whoever may open it.
    const entry = await openedEntry(t, res.json().entryIndex);
    expect(entry.body).toMatchObject({ location: SITE, address: ADDRESS });
    // Registered without one: null, and an entry without the fields at all.
    const bare = await call('POST', '/v1/organisations', tok.brand, {
      name: 'Siteless Exporter',
      kind: 'supplier',
      country: 'GH',
    });
    expect(bare.json()).toMatchObject({ location: null, address: null });
    const bareEntry = await openedEntry(t, bare.json().entryIndex);
    expect(Object.keys(bareEntry.body)).not.toContain('location');
  });

  it('keeps the site from strangers: not in the public log, not opened for them, not answered', async () => {
    const entries = await call('GET', '/v1/ledger/entries?start=0&limit=1000', undefined);
    expect(entries.statusCode).toBe(200);
    const leafText = Buffer.concat(
      entries.json().entries.map((e: { data: string }) => Buffer.from(e.data, 'base64')),
    ).toString('utf8');
    for (const body of [entries.body, leafText])
      for (const secret of SECRETS) expect(body).not.toContain(secret);
    const [registered] = await t.runtime.db.query<{ entry_index: string }>(
      'SELECT entry_index FROM organisations WHERE id = $1',
      [ids.processor],
    );
    for (const token of [tok.stranger, undefined]) {
      const res = await call('GET', `/v1/ledger/entries/${registered!.entry_index}/disclosures`, token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().disclosures).toEqual([]);
      for (const secret of SECRETS) expect(res.body).not.toContain(secret);
    }
    const owner = await call(
      'GET',
      `/v1/ledger/entries/${registered!.entry_index}/disclosures`,
      tok.processor,
    );
    const opened = revealBody(
      decodeEntry(fromBase64(owner.json().data)!).body,
      owner.json().disclosures.map((d: { disclosure: string }) => d.disclosure),
    ).body;
    expect(opened).toMatchObject({ location: SITE, address: ADDRESS });
    const strangerRead = await call('GET', `/v1/organisations/${ids.processor}`, tok.stranger);
    expect(strangerRead.statusCode).toBe(404);
    for (const secret of SECRETS) expect(strangerRead.body).not.toContain(secret);
    const strangerList = await call('GET', '/v1/organisations', tok.stranger);
    for (const secret of SECRETS) expect(strangerList.body).not.toContain(secret);
  });

  describe('refuses a position that is not one, naming the field, and writes nothing', () => {
    const at = (location: unknown) => ({ name: 'Bad Site', kind: 'supplier', country: 'GH', location });
    const cases: [string, unknown, string][] = [
      ['a longitude past 180', at({ type: 'Point', coordinates: [180.5, 5.6] }), '/location/coordinates/0'],
      ['a latitude past 90', at({ type: 'Point', coordinates: [5.6, -90.01] }), '/location/coordinates/1'],
      // Jakarta written [latitude, longitude], as often happens: 106.8 is no latitude.
      ['a swapped pair', at({ type: 'Point', coordinates: [-6.2, 106.8] }), '/location/coordinates/1'],
      ['numbers as strings', at({ type: 'Point', coordinates: ['0.01', '5.66'] }), '/location/coordinates/0'],
      ['one number', at({ type: 'Point', coordinates: [0.01] }), '/location/coordinates'],
      ['an altitude', at({ type: 'Point', coordinates: [0.01, 5.66, 12] }), '/location/coordinates'],
      ['not a Point', at({ type: 'Polygon', coordinates: [0.01, 5.66] }), '/location/type'],
      ['an unknown member', at({ ...SITE, crs: 'EPSG:4326' }), '/location/crs'],
      ['null coordinates', at({ type: 'Point', coordinates: [null, 5.66] }), '/location/coordinates/0'],
      ['an empty address', { name: 'Bad Site', kind: 'supplier', country: 'GH', address: '  ' }, '/address'],
    ];
    for (const [name, body, pointer] of cases)
      it(`POST: ${name}`, async () => {
        const before = await footprint();
        const res = await call('POST', '/v1/organisations', tok.admin, body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
        if (
          pointer.startsWith('/location/coordinates/') &&
          typeof (body as { location: { coordinates: unknown[] } }).location.coordinates[0] === 'number'
        )
          // The order is said where the range is: the likeliest mistake is a swapped pair.
          expect(JSON.stringify(res.json().errors)).toContain('[longitude, latitude]');
        expect(await footprint()).toEqual(before);
      });

    it('PATCH: a latitude past 90, and a body whose text is not JSON numbers', async () => {
      const before = await footprint();
      const res = await call('PATCH', `/v1/organisations/${ids.processor}`, tok.processor, {
        location: { type: 'Point', coordinates: [0.02, 95] },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
        '/location/coordinates/1',
      );
      // JSON has no NaN or Infinity; a body that writes them is not JSON at all.
      const nan = await t.app.inject({
        method: 'PATCH',
        url: `/v1/organisations/${ids.processor}`,
        payload: '{"location":{"type":"Point","coordinates":[NaN,1e999]}}',
        headers: { authorization: `Bearer ${tok.processor}`, 'content-type': 'application/json' },
      });
      expect(nan.statusCode, nan.body).toBe(400);
      expect(await footprint()).toEqual(before);
    });

    it('the database refuses a half-given or out-of-range position whatever path writes it', async () => {
      for (const [longitude, latitude] of [
        [0.01, null],
        [0.01, 91],
        [Number.NaN, 5],
      ])
        await expect(
          t.runtime.db.query('UPDATE organisations SET longitude = $2, latitude = $3 WHERE id = $1', [
            ids.stranger,
            longitude,
            latitude,
          ]),
        ).rejects.toThrow(/check constraint/);
    });
  });

  it('imports suppliers with their sites from a spreadsheet, and refuses a bad coordinate naming its row', async () => {
    const importCsv = (csv: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/imports/suppliers',
        payload: csv,
        headers: { authorization: `Bearer ${tok.brand}`, 'content-type': 'text/csv' },
      });
    const before = await footprint();
    const refused = await importCsv(
      [
        'name;country;role;longitude;latitude;address',
        'Takoradi Exports;GH;exporter;-1,741667;4,888056;Harbour Road, Takoradi',
        'Swapped Exports;ID;exporter;-6,2;106,8;Jakarta',
      ].join('\r\n'),
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().rows[1]).toMatchObject({
      row: 2,
      status: 'rejected',
      errors: [expect.objectContaining({ pointer: '/location/coordinates/1' })],
    });
    expect(await footprint()).toEqual(before);
    const accepted = await importCsv(
      [
        'name;country;role;longitude;latitude;address',
        'Takoradi Exports;GH;exporter;-1,741667;4,888056;Harbour Road, Takoradi',
      ].join('\r\n'),
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const read = await call('GET', `/v1/organisations/${accepted.json().rows[0].id}`, tok.brand);
    expect(read.json()).toMatchObject({
      location: { type: 'Point', coordinates: [-1.741667, 4.888056] },
      address: 'Harbour Road, Takoradi',
    });
  });

  it('moves and removes a site with organisation.updated entries holding before and after', async () => {
    const moved = { type: 'Point', coordinates: [-0.0114, 5.6405] };
    const res = await call('PATCH', `/v1/organisations/${ids.processor}`, tok.processor, {
      location: moved,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ location: moved, address: ADDRESS });
    const size = Number((await t.runtime.reader.size()).toString());
    const entry = await openedEntry(t, size - 1);
    expect(entry.type).toBe('organisation.updated');
    expect(entry.body).toEqual({ from: { location: SITE }, to: { location: moved } });
    // The same position again changes nothing and writes nothing.
    const again = await call('PATCH', `/v1/organisations/${ids.processor}`, tok.processor, {
      location: moved,
    });
    expect(again.statusCode).toBe(200);
    expect(Number((await t.runtime.reader.size()).toString())).toBe(size);
    const removed = await call('PATCH', `/v1/organisations/${ids.processor}`, tok.processor, {
      location: null,
      address: null,
    });
    expect(removed.json()).toMatchObject({ location: null, address: null });
    expect((await openedEntry(t, size)).body).toEqual({
      from: { location: moved, address: ADDRESS },
      to: { location: null, address: null },
    });
    const read = await call('GET', `/v1/organisations/${ids.processor}`, tok.brand);
    expect(read.json()).toMatchObject({ location: null, address: null });
    // Someone outside the chain cannot move it.
    const before = await footprint();
    const refused = await call('PATCH', `/v1/organisations/${ids.processor}`, tok.stranger, {
      location: SITE,
    });
    expect(refused.statusCode).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it('two racing moves: each accepted one is logged from the site it replaced, a refused one writes nothing', async () => {
    const size = Number((await t.runtime.reader.size()).toString());
    const targets = [
      { type: 'Point', coordinates: [0.01, 5.65] },
      { type: 'Point', coordinates: [0.02, 5.66] },
      { type: 'Point', coordinates: [0.03, 5.67] },
    ];
    const answers = await Promise.all(
      targets.map((location) =>
        call('PATCH', `/v1/organisations/${ids.processor}`, tok.processor, { location }),
      ),
    );
    // Either outcome is honest: a request that read a site another one replaced meanwhile is refused.
    for (const a of answers) expect([200, 409], a.body).toContain(a.statusCode);
    const accepted = answers.filter((a) => a.statusCode === 200).length;
    expect(accepted).toBeGreaterThan(0);
    const after = Number((await t.runtime.reader.size()).toString());
    expect(after - size).toBe(accepted);
    // The logged moves chain: each starts where the one before ended, and the row holds the last.
    let site: unknown = null;
    for (let index = size; index < after; index++) {
      const entry = await openedEntry(t, index);
      expect(entry.type).toBe('organisation.updated');
      expect(entry.body.from).toEqual({ location: site });
      site = (entry.body.to as { location: unknown }).location;
    }
    const read = await call('GET', `/v1/organisations/${ids.processor}`, tok.brand);
    expect(read.json().location).toEqual(site);
  });
});
