import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

describe('supplier onboarding', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const post = (url: string, token: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
  const get = (url: string, token: string) =>
    t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const entries = async () =>
    Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_entries'))[0]!.n);

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    for (const [key, kind] of [
      ['brand', 'brand'],
      ['otherBrand', 'brand'],
      ['supplier', 'supplier'],
      ['otherSupplier', 'supplier'],
    ] as const) {
      ids[key] = (await post('/v1/organisations', tok.admin!, { name: key, kind, country: 'GH' })).json().id;
    }
    await post('/v1/relationships', tok.admin!, {
      buyerId: ids.brand!,
      supplierId: ids.supplier!,
      commodity: 'cocoa',
    });
    tok.procurement = await t.token('procurement', { organisationId: ids.brand });
    tok.compliance = await t.token('compliance', { organisationId: ids.brand });
    tok.otherProcurement = await t.token('procurement', { organisationId: ids.otherBrand });
    tok.supplier = await t.token('supplier', { organisationId: ids.supplier });
    tok.otherSupplier = await t.token('supplier', { organisationId: ids.otherSupplier });
  });
  afterAll(() => t.close());

  it('runs invited → submitted → under review → approved → suspended, each step an entry with who and why', async () => {
    const url = `/v1/onboarding/${ids.brand}/${ids.supplier}`;
    const req = await post('/v1/organisations/' + ids.brand + '/evidence-requirements', tok.procurement!, {
      commodity: 'cocoa',
      key: 'site_reality_snapshot',
      description: 'A reality snapshot of the production site at the procurement stage',
      stage: 'procurement',
    });
    expect(req.statusCode, req.body).toBe(201);
    const invited = await post('/v1/onboarding', tok.procurement!, {
      brandId: ids.brand,
      supplierId: ids.supplier,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({
      status: 'invited',
      requirements: [{ key: 'site_reality_snapshot', stage: 'procurement' }],
    });
    for (const [token, to, reason] of [
      [tok.supplier, 'submitted', 'documents uploaded'],
      [tok.procurement, 'under_review', 'checking land titles'],
      [tok.compliance, 'approved', 'site visit passed'],
      [tok.compliance, 'suspended', 'child labour allegation under investigation'],
    ] as const) {
      const res = await post(`${url}/transitions`, token!, { to, reason });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe(to);
    }
    const view = await get(url, tok.supplier!);
    expect(view.json().history.map((h: { status: string }) => h.status)).toEqual([
      'invited',
      'submitted',
      'under_review',
      'approved',
      'suspended',
    ]);
    expect(view.json().history.at(-1)).toMatchObject({
      reason: 'child labour allegation under investigation',
      actor: 'user:test-compliance',
    });
  });

  describe('refuses wrong moves and wrong parties, writing nothing', () => {
    const cases: [string, () => [string, string, object], number][] = [
      [
        'a skipped step (suspended → approved)',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.compliance!,
          { to: 'approved', reason: 'x' },
        ],
        409,
      ],
      [
        'the supplier reviewing itself',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.supplier!,
          { to: 'under_review', reason: 'x' },
        ],
        403,
      ],
      [
        'another brand moving it',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.otherProcurement!,
          { to: 'under_review', reason: 'x' },
        ],
        404,
      ],
      [
        'another supplier moving it',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.otherSupplier!,
          { to: 'under_review', reason: 'x' },
        ],
        404,
      ],
      [
        'a transition without a reason',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.procurement!,
          { to: 'under_review' },
        ],
        400,
      ],
      [
        'an unknown status',
        () => [
          `/v1/onboarding/${ids.brand}/${ids.supplier}/transitions`,
          tok.procurement!,
          { to: 'blessed', reason: 'x' },
        ],
        400,
      ],
      [
        'a second invitation',
        () => ['/v1/onboarding', tok.procurement!, { brandId: ids.brand, supplierId: ids.supplier }],
        409,
      ],
      [
        'inviting for another brand',
        () => [
          '/v1/onboarding',
          tok.procurement!,
          { brandId: ids.otherBrand, supplierId: ids.otherSupplier },
        ],
        403,
      ],
      [
        'inviting a brand as a supplier',
        () => ['/v1/onboarding', tok.admin!, { brandId: ids.brand, supplierId: ids.otherBrand }],
        400,
      ],
      [
        'a supplier setting requirements',
        () => [
          `/v1/organisations/${ids.brand}/evidence-requirements`,
          tok.supplier!,
          { commodity: 'cocoa', key: 'x', description: 'x', stage: 'onboarding' },
        ],
        403,
      ],
    ];
    for (const [name, make, status] of cases) {
      it(name, async () => {
        const before = await entries();
        const [url, token, body] = make();
        const res = await post(url, token, body);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(await entries()).toBe(before);
      });
    }
  });

  it('lets only one of two racing transitions apply', async () => {
    await post('/v1/onboarding', tok.admin!, { brandId: ids.otherBrand, supplierId: ids.otherSupplier });
    const url = `/v1/onboarding/${ids.otherBrand}/${ids.otherSupplier}/transitions`;
    await post(url, tok.otherSupplier!, { to: 'submitted', reason: 'ready' });
    await post(url, tok.otherProcurement!, { to: 'under_review', reason: 'go' });
    const results = await Promise.all([
      post(url, tok.otherProcurement!, { to: 'approved', reason: 'fine' }),
      post(url, tok.otherProcurement!, { to: 'rejected', reason: 'not fine' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const view = await get(`/v1/onboarding/${ids.otherBrand}/${ids.otherSupplier}`, tok.otherProcurement!);
    expect(view.json().history).toHaveLength(4);
  });
});
