// Lists and lookups (issue 13) on both databases: keyset pages that follow `Link: rel="next"` return
// every row exactly once and in order; filters narrow; another tenant's rows never appear, however the
// next-page token is edited; an organisation is readable by the team that registered it.
import { gs1CheckDigit } from '@groundtruth/quantity';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

type Json = Record<string, unknown>;
let t: TestApp;
const ids: Record<string, string> = {};
const tok = {} as Record<'admin' | 'brandA' | 'buyerA' | 'brandB' | 'buyerB' | 'farm' | 'coopB', string>;
const FARMS = Array.from({ length: 11 }, (_, i) => `farm-${String(i + 1).padStart(2, '0')}`);

const get = (url: string, token: string) => t.call('GET', url, token);

function nextLink(res: LightMyRequestResponse): string | undefined {
  const link = res.headers.link as string | undefined;
  if (!link) return undefined;
  const match = /^<([^>]+)>; rel="next"$/.exec(link);
  expect(match, link).not.toBeNull();
  return match![1];
}

/** Follows rel="next" from `url` to the end; answers every page's rows and the number of pages. */
async function allPages(url: string, token: string) {
  const rows: Json[] = [];
  let pages = 0;
  for (let next: string | undefined = url; next; ) {
    const res = await get(next, token);
    expect(res.statusCode, res.body).toBe(200);
    rows.push(...(res.json() as Json[]));
    pages++;
    next = nextLink(res);
    expect(pages).toBeLessThan(100);
  }
  return { rows, pages };
}

const gtin = (body: string) => `${body}${gs1CheckDigit(body)}`;
const token = (res: LightMyRequestResponse) =>
  new URL(nextLink(res)!, 'http://x').searchParams.get('nextPageToken')!;
const decode = (raw: string) => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const count = async (table: string) =>
  Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

beforeAll(async () => {
  t = await buildTestApp();
  const kinds: Record<string, 'brand' | 'supplier' | 'auditor'> = {
    brandA: 'brand',
    coopA: 'supplier',
    brandB: 'brand',
    coopB: 'supplier',
  };
  for (const farm of FARMS) kinds[farm] = 'supplier';
  Object.assign(
    ids,
    await t.seedOrganisations(kinds, [
      ['brandA', 'coopA'],
      ['brandB', 'coopB'],
      ...FARMS.map((f) => ['coopA', f] as [string, string]),
    ]),
  );
  tok.admin = await t.token('admin');
  tok.brandA = await t.token('compliance', { organisationId: ids.brandA });
  tok.buyerA = await t.token('procurement', { organisationId: ids.brandA });
  tok.brandB = await t.token('compliance', { organisationId: ids.brandB });
  tok.buyerB = await t.token('procurement', { organisationId: ids.brandB });
  tok.farm = await t.token('supplier', { organisationId: ids['farm-01'] });
  tok.coopB = await t.token('supplier', { organisationId: ids.coopB });

  // Twelve plots of farm-01, one of coopB.
  for (let i = 0; i < 12; i++) {
    const res = await t.call('POST', '/v1/plots', tok.farm, {
      organisationId: ids['farm-01'],
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.908421 - i * 0.01, 6.513262),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[`plot${i}`] = res.json().id;
  }
  const plotB = await t.call('POST', '/v1/plots', tok.coopB, {
    organisationId: ids.coopB,
    commodity: 'cocoa',
    country: 'CI',
    geometry: square(-6.608421, 5.783262),
  });
  expect(plotB.statusCode, plotB.body).toBe(201);
  ids.plotB = plotB.json().id;

  // Three products of brandA (GTINs with their check digits), one of brandB.
  for (const [key, owner, body, buyer] of [
    ['p1', 'brandA', '0950600013435', tok.buyerA],
    ['p2', 'brandA', '0950600013436', tok.buyerA],
    ['p3', 'brandA', '0950600013437', tok.buyerA],
    ['pB', 'brandB', '0950600099990', tok.buyerB],
  ] as const) {
    const res = await t.call('POST', '/v1/products', buyer!, {
      gtin: gtin(body),
      name: `Bar ${key}`,
      commodity: 'cocoa',
      organisationId: ids[owner],
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
    ids[`${key}gtin`] = res.json().gtin;
  }

  // Seven harvests of farm-01 on consecutive days (LOT-1 … LOT-7; LOT-2 is of product p2), and coopB's
  // own LOT-3: a lot code is unique per organisation, not across tenants.
  for (let i = 1; i <= 7; i++) {
    const res = await t.call('POST', '/v1/events', tok.farm, {
      type: 'harvest',
      plotId: ids[`plot${i}`],
      season: '2025/26 main crop',
      eventTime: `2025-11-0${i}T08:00:00Z`,
      output: {
        lot: `LOT-${i}`,
        quantity: { value: '100', unit: 'KGM' },
        ...(i === 2 ? { productId: ids.p2 } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[`lot${i}`] = res.json().batchIds[0];
  }
  const harvestB = await t.call('POST', '/v1/events', tok.coopB, {
    type: 'harvest',
    plotId: ids.plotB,
    season: '2025/26 main crop',
    eventTime: '2025-11-03T08:00:00Z',
    output: { lot: 'LOT-3', quantity: { value: '50', unit: 'KGM' } },
  });
  expect(harvestB.statusCode, harvestB.body).toBe(201);
  ids.lotB = harvestB.json().batchIds[0];
}, 120_000);

afterAll(() => t.close());

describe('GET /v1/organisations', () => {
  const visibleToBrandA = () => ['brandA', 'coopA', ...FARMS].map((k) => ids[k]!);

  it('pages through every visible organisation exactly once, in name order', async () => {
    const { rows, pages } = await allPages('/v1/organisations?perPage=4', tok.brandA);
    expect(pages).toBe(4); // 13 rows: 4 + 4 + 4 + 1
    const got = rows.map((r) => r.id);
    expect(new Set(got).size).toBe(got.length);
    expect(new Set(got)).toEqual(new Set(visibleToBrandA()));
    const names = rows.map((r) => String(r.name));
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // One page as big as the list says the same, with no next link.
    const whole = await get('/v1/organisations?perPage=1000', tok.brandA);
    expect(whole.headers.link).toBeUndefined();
    expect((whole.json() as Json[]).map((r) => r.id)).toEqual(got);
  });

  it('filters by kind, country and a case-insensitive name prefix', async () => {
    const brands = (await get('/v1/organisations?kind=brand', tok.brandA)).json() as Json[];
    expect(brands.map((r) => r.id)).toEqual([ids.brandA]);
    const prefixed = (await get('/v1/organisations?name=FARM-0', tok.brandA)).json() as Json[];
    expect(prefixed.map((r) => r.name)).toEqual(FARMS.slice(0, 9));
    expect((await get('/v1/organisations?country=CI', tok.brandA)).json()).toEqual([]);
    // The prefix is literal: LIKE's wildcards in it match only themselves.
    expect((await get('/v1/organisations?name=%25', tok.brandA)).json()).toEqual([]);
    expect((await get('/v1/organisations?name=farm_0', tok.brandA)).json()).toEqual([]);
    // Everyone seeded is in Ghana; an admin sees both tenants, each row once.
    const all = (await allPages('/v1/organisations?country=GH&perPage=5', tok.admin)).rows.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(
      expect.arrayContaining(['brandA', 'coopA', 'brandB', 'coopB', ...FARMS].map((k) => ids[k])),
    );
    const bad = await get('/v1/organisations?kind=farm', tok.brandA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ in: 'query', pointer: '/kind' });
  });

  it('never shows another tenant’s organisations, however the token is edited', async () => {
    const first = await get('/v1/organisations?perPage=1', tok.brandB);
    expect(first.statusCode).toBe(200);
    expect((first.json() as Json[]).map((r) => r.id)).toEqual([ids.brandB]);
    const raw = decode(token(first));
    // Rewound to before every name, then pointed at one of tenant A's rows: still only B's rows.
    for (const k of [
      ['', '00000000-0000-0000-0000-000000000000'],
      ['brandA', ids.brandA],
    ]) {
      const forged = await get(
        `/v1/organisations?perPage=1000&nextPageToken=${encode({ ...raw, k })}`,
        tok.brandB,
      );
      expect(forged.statusCode, forged.body).toBe(200);
      for (const row of forged.json() as Json[]) expect([ids.brandB, ids.coopB]).toContain(row.id);
    }
    // A token of another list, of other filters, or not a token at all: 400 naming the parameter.
    for (const bad of [encode({ ...raw, l: 'batches' }), 'not-a-token', encode({ ...raw, k: ['x'] })]) {
      const res = await get(`/v1/organisations?nextPageToken=${bad}`, tok.brandB);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ in: 'query', pointer: '/nextPageToken' });
    }
    const otherFilters = await get(`/v1/organisations?kind=brand&nextPageToken=${token(first)}`, tok.brandB);
    expect(otherFilters.statusCode).toBe(400);
  });

  it('lets the procurement team that registered a supplier read it before any relationship', async () => {
    const before = await count('organisations');
    const res = await t.call('POST', '/v1/organisations', tok.buyerA, {
      name: 'Newly Registered Co',
      kind: 'supplier',
      country: 'GH',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(await count('organisations')).toBe(before + 1);
    expect((await get(`/v1/organisations/${id}`, tok.buyerA)).statusCode).toBe(200);
    const listed = (await get('/v1/organisations?name=newly', tok.buyerA)).json() as Json[];
    expect(listed.map((r) => r.id)).toEqual([id]);
    // Not another brand's team, and not a stranger's list.
    const other = await get(`/v1/organisations/${id}`, tok.buyerB);
    expect(other.statusCode).toBe(404);
    expect(other.json().detail).not.toContain('Newly');
    expect((await get('/v1/organisations?name=newly', tok.buyerB)).json()).toEqual([]);
    // The registering team keeps the supplier's records (decision 0003, managed suppliers): its plots
    // are the keeper's to read too (none yet), and still hidden from another brand.
    const plots = await get(`/v1/organisations/${id}/plots`, tok.buyerA);
    expect(plots.statusCode, plots.body).toBe(200);
    expect(plots.json()).toEqual([]);
    expect((await get(`/v1/organisations/${id}/plots`, tok.buyerB)).statusCode).toBe(404);
  });
});

describe('GET /v1/organisations/{id}/plots', () => {
  it('pages through an organisation’s plots in the order they were mapped', async () => {
    const { rows, pages } = await allPages(`/v1/organisations/${ids['farm-01']}/plots?perPage=5`, tok.brandA);
    expect(pages).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => ids[`plot${i}`]));
  });

  it('answers 404 for an organisation the caller cannot see', async () => {
    const res = await get(`/v1/organisations/${ids['farm-01']}/plots`, tok.brandB);
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /v1/batches', () => {
  it('finds a lot by its code, only among the caller’s batches', async () => {
    const mine = (await get('/v1/batches?lot=LOT-3', tok.brandA)).json() as Json[];
    expect(mine.map((b) => b.id)).toEqual([ids.lot3]);
    const theirs = (await get('/v1/batches?lot=LOT-3', tok.brandB)).json() as Json[];
    expect(theirs.map((b) => b.id)).toEqual([ids.lotB]);
    expect((await get('/v1/batches?lot=LOT-3', tok.admin)).json()).toHaveLength(2);
    // A lot code where an id belongs says where lot codes are looked up.
    const byCode = await get('/v1/batches/LOT-3', tok.brandA);
    expect(byCode.statusCode).toBe(400);
    expect(byCode.json().errors[0]).toMatchObject({ in: 'params', pointer: '/id' });
    expect(byCode.json().errors[0].detail).toMatch(/GET \/v1\/batches\?lot=/);
  });

  it('pages every batch exactly once, in the order recorded', async () => {
    const { rows, pages } = await allPages('/v1/batches?perPage=3', tok.brandA);
    expect(pages).toBe(3);
    expect(rows.map((b) => b.id)).toEqual(Array.from({ length: 7 }, (_, i) => ids[`lot${i + 1}`]));
  });

  it('filters by GTIN, holder, material and production time', async () => {
    const byGtin = (await get(`/v1/batches?gtin=${ids.p2gtin!.slice(1)}`, tok.brandA)).json() as Json[];
    expect(byGtin.map((b) => b.id)).toEqual([ids.lot2]);
    const held = (
      await get(`/v1/batches?holder=${ids['farm-01']}&perPage=1000`, tok.brandA)
    ).json() as Json[];
    expect(held).toHaveLength(7);
    expect((await get(`/v1/batches?holder=${ids.coopA}`, tok.brandA)).json()).toEqual([]);
    expect((await get('/v1/batches?material=cocoa_liquor', tok.brandA)).json()).toEqual([]);
    expect((await get('/v1/batches?material=cocoa_beans', tok.brandA)).json()).toHaveLength(7);
    const window = (
      await get(
        '/v1/batches?producedAfter=2025-11-03T08:00:00Z&producedBefore=2025-11-05T08:00:00Z',
        tok.brandA,
      )
    ).json() as Json[];
    expect(window.map((b) => b.id)).toEqual([ids.lot3, ids.lot4]);
    const bad = await get('/v1/batches?gtin=12345', tok.brandA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ in: 'query', pointer: '/gtin' });
  });

  it('keeps a forged token from reaching another tenant’s batches', async () => {
    const first = await get('/v1/batches?perPage=1', tok.brandA);
    const raw = decode(token(first));
    const forged = await get(
      `/v1/batches?perPage=1000&nextPageToken=${encode({ ...raw, k: ['0'] })}`,
      tok.brandA,
    );
    expect(forged.statusCode).toBe(200);
    expect((forged.json() as Json[]).map((b) => b.id)).not.toContain(ids.lotB);
  });
});

describe('GET /v1/products', () => {
  it('looks a product up by GTIN (any length) among those the caller may see', async () => {
    const found = (await get(`/v1/products?gtin=${ids.p1gtin!.slice(1)}`, tok.brandA)).json() as Json[];
    expect(found.map((p) => p.id)).toEqual([ids.p1]);
    expect((await get(`/v1/products?gtin=${ids.p1gtin}`, tok.brandB)).json()).toEqual([]);
    const { rows, pages } = await allPages('/v1/products?perPage=2', tok.brandA);
    expect(pages).toBe(2);
    expect(rows.map((p) => p.id)).toEqual([ids.p1, ids.p2, ids.p3]);
  });
});

describe('GET /v1/onboarding', () => {
  it('lists a brand’s queue and a supplier’s invitations, each only to its parties', async () => {
    const before = await count('supplier_onboarding');
    for (const farm of FARMS.slice(0, 5)) {
      const res = await t.call('POST', '/v1/onboarding', tok.buyerA, {
        brandId: ids.brandA,
        supplierId: ids[farm],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await count('supplier_onboarding')).toBe(before + 5);
    const { rows, pages } = await allPages('/v1/onboarding?perPage=2', tok.brandA);
    expect(pages).toBe(3);
    expect(new Set(rows.map((r) => r.supplierId))).toEqual(new Set(FARMS.slice(0, 5).map((f) => ids[f])));
    expect(rows.map((r) => r.supplierId)).toEqual([...rows.map((r) => String(r.supplierId))].sort());
    expect(rows[0]).toMatchObject({ brandName: 'brandA', status: 'invited' });
    expect((await get('/v1/onboarding', tok.brandB)).json()).toEqual([]);

    const invitations = (await get('/v1/onboarding?status=invited', tok.farm)).json() as Json[];
    expect(invitations).toEqual([
      expect.objectContaining({ brandId: ids.brandA, brandName: 'brandA', supplierName: 'farm-01' }),
    ]);
    const submitted = await t.call(
      'POST',
      `/v1/onboarding/${ids.brandA}/${ids['farm-01']}/transitions`,
      tok.farm,
      {
        to: 'submitted',
        reason: 'our details are complete',
      },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await get('/v1/onboarding?status=invited', tok.farm)).json()).toEqual([]);
    const queue = (await get('/v1/onboarding?status=submitted,under_review', tok.brandA)).json() as Json[];
    expect(queue.map((r) => r.supplierId)).toEqual([ids['farm-01']]);
    expect((await get('/v1/onboarding?status=pending', tok.brandA)).statusCode).toBe(400);
  });
});

describe('GET /v1/findings', () => {
  it('pages past any limit with a cursor, every finding once, in the order of one big page', async () => {
    // Harvests far beyond what 2 ha can grow: each plot gets an IMPOSSIBLE_YIELD finding.
    for (let i = 8; i < 12; i++) {
      const res = await t.call('POST', '/v1/events', tok.farm, {
        type: 'harvest',
        plotId: ids[`plot${i}`],
        season: '2025/26 main crop',
        eventTime: '2025-11-20T08:00:00Z',
        output: { lot: `HUGE-${i}`, quantity: { value: '90', unit: 'TNE' } },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const run = await t.call('POST', '/v1/mass-balance/recompute', tok.admin, {});
    expect(run.statusCode, run.body).toBeLessThan(300);
    const whole = (await get('/v1/findings?perPage=1000', tok.brandA)).json() as Json[];
    expect(whole.filter((f) => f.rule === 'IMPOSSIBLE_YIELD').length).toBeGreaterThanOrEqual(4);
    const { rows, pages } = await allPages('/v1/findings?perPage=1', tok.brandA);
    expect(pages).toBe(whole.length);
    expect(rows.map((f) => f.id)).toEqual(whole.map((f) => f.id));
    // The old `limit` still sets the page size, and still pages on.
    const limited = await get('/v1/findings?limit=1', tok.brandA);
    expect(limited.json()).toHaveLength(1);
    expect(nextLink(limited)).toBeDefined();
    // Tenant B sees none of them, even from a token made by tenant A.
    // (B's own chain has findings of its own since harvests are judged by record time: BACKDATED.)
    const idsOfA = new Set(whole.map((f) => f.id));
    const seenByB = (await get('/v1/findings?perPage=1000', tok.brandB)).json() as Json[];
    expect(seenByB.filter((f) => idsOfA.has(f.id))).toEqual([]);
    expect(seenByB.every((f) => f.rule === 'BACKDATED')).toBe(true);
    const fromA = token(await get('/v1/findings?perPage=1', tok.brandA));
    const pagedByB = (
      await get(`/v1/findings?perPage=1&nextPageToken=${fromA}`, tok.brandB)
    ).json() as Json[];
    expect(pagedByB.filter((f) => idsOfA.has(f.id))).toEqual([]);
  });
});
