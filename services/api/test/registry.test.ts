import { revealBody } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth.ts';
import { buildTestApp, type TestApp } from './helper.ts';

// A 2 ha plot near Kumasi, Ghana, with six-decimal coordinates.
const PLOT_GEOMETRY = {
  type: 'Polygon',
  coordinates: [
    [
      [-1.908421, 6.513262],
      [-1.907151, 6.513262],
      [-1.907151, 6.514527],
      [-1.908421, 6.514527],
      [-1.908421, 6.513262],
    ],
  ],
};

describe('supplier registry', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const send = (method: 'GET' | 'POST', url: string, token: string | undefined, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  /** Ledger size and projection row counts: what a refused request must leave unchanged. */
  const footprint = async () => {
    const [row] = await t.runtime.db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM ledger_entries) AS entries, (SELECT count(*) FROM organisations) AS orgs,
              (SELECT count(*) FROM supply_relationships) AS rels, (SELECT count(*) FROM plots) AS plots`,
    );
    return row;
  };

  const token = (role: Role, org?: string) => t.token(role, org ? { organisationId: org } : {});

  beforeAll(async () => {
    t = await buildTestApp();
    tokens.admin = await token('admin');
    const create = async (body: object, as = tokens.admin) => {
      const res = await send('POST', '/v1/organisations', as, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    ids.brandA = await create({ name: 'Brand A', kind: 'brand', country: 'GB' });
    ids.brandB = await create({ name: 'Brand B', kind: 'brand', country: 'FR' });
    tokens.procurementA = await token('procurement', ids.brandA);
    tokens.procurementB = await token('procurement', ids.brandB);
    tokens.complianceA = await token('compliance', ids.brandA);
    ids.s1 = await create(
      { name: 'Tier 1 Manufacturing', kind: 'supplier', role: 'manufacturer', country: 'DE' },
      tokens.procurementA,
    );
    ids.s2 = await create(
      {
        name: 'Kumasi Cooperative',
        kind: 'supplier',
        role: 'cooperative',
        country: 'GH',
        identifiers: { gln: '4012345000009' },
      },
      tokens.procurementA,
    );
    ids.s3 = await create({ name: 'B Supplier', kind: 'supplier', country: 'CI' }, tokens.procurementB);
    tokens.s1 = await token('supplier', ids.s1);
    tokens.s2 = await token('supplier', ids.s2);
    tokens.auditor = await token('auditor');
    for (const [buyer, supplier, as] of [
      ['brandA', 's1', tokens.procurementA],
      ['s1', 's2', tokens.procurementA],
      ['brandB', 's3', tokens.procurementB],
    ] as const) {
      const res = await send('POST', '/v1/relationships', as, {
        buyerId: ids[buyer],
        supplierId: ids[supplier],
        commodity: 'cocoa',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('computes each supplier’s tier as its distance from the brand', async () => {
    const res = await send('GET', `/v1/organisations/${ids.brandA}/supply-chain`, tokens.complianceA);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .suppliers.map((s: { organisation: { name: string }; tier: number }) => [
          s.organisation.name,
          s.tier,
        ]),
    ).toEqual([
      ['Tier 1 Manufacturing', 1],
      ['Kumasi Cooperative', 2],
    ]);
  });

  it('writes each record as a ledger entry whose index the record carries', async () => {
    const res = await send('GET', `/v1/organisations/${ids.s2}`, tokens.complianceA);
    expect(res.statusCode).toBe(200);
    const [entry] = await t.runtime.reader.entries(BigInt(res.json().entryIndex), 1);
    expect(entry!.entry).toMatchObject({
      type: 'organisation.registered',
      subject: `organisation:${ids.s2}`,
    });
    // Name and identifiers are committed: logged as digests, opened by those who may see the supplier.
    expect(new TextDecoder().decode(entry!.data)).not.toContain('Kumasi');
    const opened = await send(
      'GET',
      `/v1/ledger/entries/${res.json().entryIndex}/disclosures`,
      tokens.complianceA,
    );
    expect(
      revealBody(
        entry!.entry.body,
        opened.json().disclosures.map((d: { disclosure: string }) => d.disclosure),
      ).body,
    ).toMatchObject({ name: 'Kumasi Cooperative', identifiers: { gln: '4012345000009' } });
  });

  describe('maps plots with EUDR checks', () => {
    it('computes the geodesic area and keeps a declared-area mismatch as a finding', async () => {
      const res = await send('POST', '/v1/plots', tokens.s2, {
        organisationId: ids.s2,
        commodity: 'cocoa',
        country: 'GH',
        geometry: PLOT_GEOMETRY,
        declaredAreaHectares: 5,
      });
      expect(res.statusCode, res.body).toBe(201);
      const plot = res.json();
      expect(Number(plot.areaHectares)).toBeCloseTo(1.9652, 3);
      expect(plot.areaSource).toBe('geodesic');
      expect(plot.findings).toEqual([
        expect.objectContaining({ code: 'AREA_MISMATCH', declaredHectares: '5.000000' }),
      ]);
      const read = await send('GET', `/v1/plots/${plot.id}`, tokens.complianceA);
      expect(read.json()).toEqual(plot);
    });

    it('accepts a Point written with six decimals even where they end in zeros', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/plots',
        headers: { authorization: `Bearer ${tokens.s2}`, 'content-type': 'application/json' },
        payload: `{"organisationId":"${ids.s2}","commodity":"cocoa","country":"GH","geometry":{"type":"Point","coordinates":[-1.908420,6.500000]},"declaredAreaHectares":1.5}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    });

    const rejected: [string, object, RegExp][] = [
      ['a Point above 4 ha', { type: 'Point', coordinates: [-1.908421, 6.513262] }, /needs a Polygon/],
      ['rounded coordinates', { type: 'Point', coordinates: [-1.9084, 6.5133] }, /6 decimal places/],
      [
        'an open ring',
        { type: 'Polygon', coordinates: [PLOT_GEOMETRY.coordinates[0]!.slice(0, 4)] },
        /four positions|not closed/,
      ],
      [
        'a bow tie',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-1.908421, 6.513262],
              [-1.90715, 6.514527],
              [-1.90715, 6.513262],
              [-1.908421, 6.514527],
              [-1.908421, 6.513262],
            ],
          ],
        },
        /intersects itself/,
      ],
      ['[lat, lon] order', { type: 'Point', coordinates: [6.513262, -100.908421] }, /latitude/],
    ];
    for (const [name, geometry, message] of rejected) {
      it(`refuses ${name} with a clear message and writes nothing`, async () => {
        const before = await footprint();
        const res = await send('POST', '/v1/plots', tokens.s2, {
          organisationId: ids.s2,
          commodity: 'cocoa',
          country: 'GH',
          geometry,
          declaredAreaHectares: 4.5,
        });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.json().detail).toMatch(message);
        expect(res.json().errors[0].pointer).toMatch(/^\/(geometry|declaredAreaHectares)/);
        expect(await footprint()).toEqual(before);
      });
    }
  });

  describe('per-object authorisation: refused, and nothing written', () => {
    const cases: [string, () => [string, string, string | undefined, object]][] = [
      [
        'no token',
        () => ['POST', '/v1/organisations', undefined, { name: 'X', kind: 'supplier', country: 'GH' }],
      ],
      [
        'a supplier registering organisations',
        () => ['POST', '/v1/organisations', tokens.s1, { name: 'X', kind: 'supplier', country: 'GH' }],
      ],
      [
        'procurement registering a brand',
        () => ['POST', '/v1/organisations', tokens.procurementA, { name: 'X', kind: 'brand', country: 'GH' }],
      ],
      [
        'compliance registering a supplier',
        () => [
          'POST',
          '/v1/organisations',
          tokens.complianceA,
          { name: 'X', kind: 'supplier', country: 'GH' },
        ],
      ],
      [
        // (Brand B proposing its own s3 to brand A is allowed: a proposal, which A may accept.)
        'brand B declaring one of brand A’s suppliers for brand A',
        () => [
          'POST',
          '/v1/relationships',
          tokens.procurementB,
          { buyerId: ids.brandA, supplierId: ids.s1, commodity: 'cocoa' },
        ],
      ],
      [
        'a supplier declaring for its buyer',
        () => [
          'POST',
          '/v1/relationships',
          tokens.s2,
          { buyerId: ids.s1, supplierId: ids.s3, commodity: 'cocoa' },
        ],
      ],
      [
        'compliance declaring a relationship',
        () => [
          'POST',
          '/v1/relationships',
          tokens.complianceA,
          { buyerId: ids.brandA, supplierId: ids.s3, commodity: 'cocoa' },
        ],
      ],
      [
        'a duplicate relationship',
        () => [
          'POST',
          '/v1/relationships',
          tokens.procurementA,
          { buyerId: ids.brandA, supplierId: ids.s1, commodity: 'cocoa' },
        ],
      ],
      [
        'supplier 2 mapping a plot for supplier 1',
        () => [
          'POST',
          '/v1/plots',
          tokens.s2,
          { organisationId: ids.s1, commodity: 'cocoa', country: 'GH', geometry: PLOT_GEOMETRY },
        ],
      ],
      [
        'supplier 1 mapping a plot for its own supplier',
        () => [
          'POST',
          '/v1/plots',
          tokens.s1,
          { organisationId: ids.s2, commodity: 'cocoa', country: 'GH', geometry: PLOT_GEOMETRY },
        ],
      ],
      [
        'brand B mapping a plot in brand A’s chain',
        () => [
          'POST',
          '/v1/plots',
          tokens.procurementB,
          { organisationId: ids.s2, commodity: 'cocoa', country: 'GH', geometry: PLOT_GEOMETRY },
        ],
      ],
      [
        'compliance mapping a plot',
        () => [
          'POST',
          '/v1/plots',
          tokens.complianceA,
          { organisationId: ids.s2, commodity: 'cocoa', country: 'GH', geometry: PLOT_GEOMETRY },
        ],
      ],
      [
        'an auditor mapping a plot',
        () => [
          'POST',
          '/v1/plots',
          tokens.auditor,
          { organisationId: ids.s2, commodity: 'cocoa', country: 'GH', geometry: PLOT_GEOMETRY },
        ],
      ],
    ];
    for (const [name, make] of cases) {
      it(name, async () => {
        const before = await footprint();
        const [method, url, as, body] = make();
        const res = await send(method as 'POST', url, as, body);
        expect([401, 403, 404, 409]).toContain(res.statusCode);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(await footprint()).toEqual(before);
      });
    }

    it('hides other brands’ chains: 404 for brand B, 200 for brand A', async () => {
      expect((await send('GET', `/v1/organisations/${ids.s2}`, tokens.procurementB)).statusCode).toBe(404);
      expect(
        (await send('GET', `/v1/organisations/${ids.brandA}/supply-chain`, tokens.procurementB)).statusCode,
      ).toBe(404);
      expect((await send('GET', `/v1/organisations/${ids.s2}`, tokens.procurementA)).statusCode).toBe(200);
      expect((await send('GET', `/v1/organisations/${ids.s1}`, tokens.s2)).statusCode).toBe(404);
    });
  });

  describe('bad input gets 400 problem+json naming the field, never 500, and writes nothing', () => {
    const deep = (n: number): unknown => (n === 0 ? [] : [deep(n - 1)]);
    const bodies: [string, string, () => unknown, string][] = [
      ['/v1/organisations', 'wrong type', () => ({ name: 42, kind: 'supplier', country: 'GH' }), '/name'],
      ['/v1/organisations', 'missing field', () => ({ kind: 'supplier', country: 'GH' }), '/name'],
      [
        '/v1/organisations',
        'huge string',
        () => ({ name: 'x'.repeat(100_000), kind: 'supplier', country: 'GH' }),
        '/name',
      ],
      [
        '/v1/organisations',
        'unknown field',
        () => ({ name: 'X', kind: 'supplier', country: 'GH', admin: true }),
        '/admin',
      ],
      [
        '/v1/organisations',
        'bad GLN check digit',
        () => ({ name: 'X', kind: 'supplier', country: 'GH', identifiers: { gln: '4012345000008' } }),
        '/identifiers/gln',
      ],
      [
        '/v1/organisations',
        'bad country',
        () => ({ name: 'X', kind: 'supplier', country: 'Ghana' }),
        '/country',
      ],
      [
        '/v1/relationships',
        'not a uuid',
        () => ({ buyerId: 'brand-a', supplierId: ids.s1, commodity: 'cocoa' }),
        '/buyerId',
      ],
      [
        '/v1/relationships',
        'unknown commodity',
        () => ({ buyerId: ids.brandA, supplierId: ids.s1, commodity: 'gold' }),
        '/commodity',
      ],
      [
        '/v1/plots',
        'negative area',
        () => ({
          organisationId: ids.s2,
          commodity: 'cocoa',
          country: 'GH',
          geometry: PLOT_GEOMETRY,
          declaredAreaHectares: -2,
        }),
        '/declaredAreaHectares',
      ],
      [
        '/v1/plots',
        'invalid GeoJSON type',
        () => ({
          organisationId: ids.s2,
          commodity: 'cocoa',
          country: 'GH',
          geometry: { type: 'Circle', coordinates: [] },
        }),
        '/geometry/type',
      ],
      [
        '/v1/plots',
        'deeply nested coordinates',
        () => ({
          organisationId: ids.s2,
          commodity: 'cocoa',
          country: 'GH',
          geometry: { type: 'Polygon', coordinates: deep(500) },
        }),
        // Refused by the JSON body check at the first value deeper than 64 levels (the body is level 0).
        `/geometry/coordinates${'/0'.repeat(63)}`,
      ],
      [
        '/v1/plots',
        'coordinates as strings',
        () => ({
          organisationId: ids.s2,
          commodity: 'cocoa',
          country: 'GH',
          geometry: { type: 'Point', coordinates: ['-1.9', '6.5'] },
          declaredAreaHectares: 1,
        }),
        '/geometry/coordinates',
      ],
    ];
    for (const [url, name, body, pointer] of bodies) {
      it(`${url}: ${name}`, async () => {
        const before = await footprint();
        const res = await send('POST', url, tokens.admin, body());
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
        expect(await footprint()).toEqual(before);
      });
    }

    it('malformed JSON and oversized bodies are client errors too', async () => {
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/v1/organisations',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.headers['content-type']).toMatch(/problem\+json/);
      const poisoned = await t.app.inject({
        method: 'POST',
        url: '/v1/organisations',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        payload: '{"name":"X","kind":"supplier","country":"GH","__proto__":{"admin":true}}',
      });
      expect(poisoned.statusCode).toBe(400);
      const huge = await t.app.inject({
        method: 'POST',
        url: '/v1/plots',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        payload: `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`,
      });
      expect(huge.statusCode).toBe(413);
    });

    it('survives 6,000 generated bodies across every POST route without a 5xx', async () => {
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
      const value = (depth: number): unknown => {
        const kind = Math.floor(random() * (depth > 3 ? 7 : 9));
        return [
          () => null,
          () => random() > 0.5,
          () => pick([0, -1, 1e308, -0.5, 6.123456, Number.MAX_SAFE_INTEGER]),
          () => pick(['', 'x', 'GH', 'cocoa', 'Polygon', 'Point', ids.s2, '💥'.repeat(50), 'a'.repeat(400)]),
          // Text no column can hold (NUL, lone high and low surrogates, half a pair) and quantities no
          // lot reaches.
          () =>
            pick([
              'ab\u0000c',
              'abc\ud800',
              '\udc00abc',
              '💥'.repeat(3).slice(0, 5),
              '999999999999999999999999',
            ]),
          () => ids.brandA,
          () =>
            pick([
              'supplier',
              'brand',
              '4012345000009',
              'harvest',
              'transfer',
              'transformation',
              'KGM',
              '512.4',
              '-1',
              'rows',
            ]),
          () => Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1)),
          () =>
            Object.fromEntries(
              Array.from({ length: Math.floor(random() * 5) }, () => [
                pick([
                  'name',
                  'kind',
                  'country',
                  'geometry',
                  'type',
                  'coordinates',
                  'buyerId',
                  'supplierId',
                  'organisationId',
                  'commodity',
                  'declaredAreaHectares',
                  'identifiers',
                  'plotId',
                  'season',
                  'eventTime',
                  'output',
                  'inputs',
                  'outputs',
                  'quantity',
                  'value',
                  'unit',
                  'lot',
                  'gtin',
                  'rows',
                  'brandId',
                  'auditorId',
                  'role',
                  'displayName',
                  'phone',
                  'jws',
                  'jwk',
                  'kty',
                  'crv',
                  'x',
                  'sha256',
                  'reason',
                ]),
                value(depth + 1),
              ]),
            ),
        ][kind]!();
      };
      const statuses = new Map<number, number>();
      // Every POST route, as the most privileged caller (so bodies reach the deepest validation) and as procurement.
      const routes = [
        '/v1/organisations',
        '/v1/relationships',
        '/v1/plots',
        '/v1/events',
        '/v1/products',
        '/v1/onboarding',
        '/v1/imports/suppliers',
        '/v1/imports/plots?mode=per-row',
        `/v1/organisations/${ids.s2}/contacts`,
        `/v1/organisations/${ids.brandA}/evidence-requirements`,
        `/v1/organisations/${ids.brandA}/auditor-grants`,
        '/v1/users',
        `/v1/findings/${ids.s2}/resolution`,
        '/epcis/capture',
        `/v1/organisations/${ids.s2}/keys`,
        '/v1/attestations',
        '/v1/attestations/batch',
        `/v1/attestations/${ids.s2}/statements`,
        `/v1/attestations/${ids.s2}/withdrawal`,
        '/v1/verify',
      ];
      for (const url of routes) {
        for (let i = 0; i < 300; i++) {
          const res = await send('POST', url, i % 2 ? tokens.admin : tokens.procurementA, value(0) ?? {});
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
        }
      }
      expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    }, 240_000);
  });
});
