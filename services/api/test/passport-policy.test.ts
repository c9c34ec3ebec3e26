// The brand decides what is public (issue 14 item 3, decision 0022): a passport policy per brand and
// per product bounds the facts a batch claim carries, so nothing outside it reaches the passport page,
// its JSON or the log's published disclosures. On the demo chain, both databases.
import { createHash } from 'node:crypto';
import { decodeEntry, fromBase64, revealBody } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, seedDemoData } from '../src/demo/seed.ts';
import { findingKind } from '../src/domains/disclosure/disclosures/finding-kinds.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';
const PASSPORT = `/passport/01/${BUTTER}/10/${LOT}`;
let batchId: string;
/** The butter's own organisation (its manufacturer, Brightwater): the one whose passport it is. */
let brandId: string;
/** Its compliance officer, who sets policies; its supplier-role user publishes claims. */
let brandToken: string;
let publisherToken: string;
let admin: string;

interface TraceView {
  batches: { id: string; organisationId: string }[];
  plots: { id: string; organisationId: string; areaHectares: string }[];
}
let trace: TraceView;
/** Every organisation upstream of the lot, by name: none may appear unless the policy shows names. */
let upstreamNames: string[];

const size = async () => Number(await t.runtime.reader.size());
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const passportJson = async () => (await get(`${PASSPORT}?format=json`)).json();
const passportHtml = async (lang = 'en') =>
  (await get(`${PASSPORT}?lang=${lang}`, { accept: 'text/html' })).body;

async function publish(claims?: string[]) {
  return t.call('POST', '/v1/disclosures/publications', publisherToken, {
    batchId,
    ...(claims ? { claims } : {}),
  });
}

/** The claim as the log holds it, opened with packages/ledger alone from the public proof package. */
async function claimFromLog(index: number) {
  const pkg = (await get(`/v1/ledger/entries/${index}/disclosures`)).json() as {
    data: string;
    disclosures: { disclosure: string }[];
    undisclosed: number;
  };
  const revealed = revealBody(
    decodeEntry(fromBase64(pkg.data)!).body,
    pkg.disclosures.map((d) => d.disclosure),
  );
  return { body: revealed.body, undisclosed: pkg.undisclosed };
}

/** Exact decimal sum of six-decimal strings, in millionths (no float rounding). */
const sumHectares = (values: string[]) => {
  const micro = values.reduce((n, v) => n + BigInt(v.replace('.', '')), 0n);
  const text = micro.toString().padStart(7, '0');
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
};

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  admin = await t.token('admin');
  const [product] = await t.runtime.db.query<{ organisation_id: string }>(
    'SELECT organisation_id FROM products WHERE gtin = $1',
    [BUTTER],
  );
  brandId = product!.organisation_id;
  const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
  batchId = batch!.id;
  brandToken = await t.token('compliance', { organisationId: brandId });
  publisherToken = await t.token('supplier', { organisationId: brandId });
  const recompute = await t.call('POST', '/v1/mass-balance/recompute', admin, {});
  expect(recompute.statusCode, recompute.body).toBeLessThan(300);
  trace = (await t.call('GET', `/v1/batches/${batchId}/trace`, admin)).json();
  const orgIds = [
    ...new Set([...trace.batches.map((b) => b.organisationId), ...trace.plots.map((p) => p.organisationId)]),
  ].filter((id) => id !== brandId);
  upstreamNames = (
    await t.runtime.db.query<{ name: string }>('SELECT name FROM organisations WHERE id = ANY($1::uuid[])', [
      orgIds,
    ])
  ).map((r) => r.name);
  expect(upstreamNames.length).toBeGreaterThan(3);
});
afterAll(() => t.close());

describe('the default policy', () => {
  it('applies until the brand sets one: countries, share, roles, evidence counts, findings in words', async () => {
    const res = await t.call('GET', `/v1/products/${BUTTER}/passport-policy`, brandToken);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      scope: 'default',
      entryIndex: null,
      origin: 'countries',
      tracedShare: true,
      suppliers: 'roles',
      evidence: 'counts',
      findings: 'words',
    });
  });

  it('publishes every fact it allows, at the detail it allows, and no supplier name or number reaches the public', async () => {
    const published = await publish();
    expect(published.statusCode, published.body).toBe(201);
    const index = published.json().entryIndex as number;
    expect(published.json().published.map((p: { path: string }) => p.path)).toEqual([
      'originCountry',
      'tracedShare',
      'supplyChain',
      'evidence',
      'findings',
    ]);
    const { body, undisclosed } = await claimFromLog(index);
    expect(undisclosed).toBe(0);
    expect(body.originFarms).toBeUndefined();

    // Roles only: every upstream organisation is counted once, under its tier, role and country.
    const chain = body.supplyChain as {
      tier: number;
      role: string;
      country: string;
      count: number;
      name?: string;
    }[];
    expect(chain.every((s) => s.name === undefined)).toBe(true);
    const distinctOrganisations = new Set([
      ...trace.batches.map((b) => b.organisationId),
      ...trace.plots.map((p) => p.organisationId),
    ]).size;
    expect(chain.reduce((n, s) => n + s.count, 0)).toBe(distinctOrganisations);
    expect(chain.some((s) => s.role === 'cooperative')).toBe(true);

    // Evidence counts, worked out here from the attestation rows of the traced plots.
    const plotIds = trace.plots.map((p) => p.id);
    const [seen] = await t.runtime.db.query<{ n: string }>(
      `SELECT count(DISTINCT subject_id) AS n FROM attestations
        WHERE subject_kind = 'plot' AND subject_id = ANY($1::uuid[]) AND withdrawn_entry IS NULL
          AND captured_at >= now() - interval '1 year'`,
      [plotIds],
    );
    expect(body.evidence).toMatchObject({ farms: plotIds.length, farmsWithSnapshots: Number(seen!.n) });
    expect(Number(seen!.n)).toBeGreaterThan(0);

    // Findings in words: the demo's laundering shows as untraced volume and impossible yields, without numbers.
    expect(body.findings).toEqual(expect.arrayContaining([{ kind: 'untraced' }, { kind: 'yield' }]));
    for (const f of body.findings as object[]) expect(Object.keys(f)).toEqual(['kind']);

    const json = await passportJson();
    expect(json.claim.entryIndex).toBe(index);
    const html = await passportHtml();
    expect(html).toContain('Part of the cocoa in this lot could not be traced to a farm.');
    expect(html).toContain('reported more cocoa than their land can grow');
    expect(html).toContain('Cooperative');
    for (const name of upstreamNames) {
      expect(JSON.stringify(json), name).not.toContain(name);
      expect(html, name).not.toContain(name);
    }
    // A private fact is not there at all, not merely hidden in the markup.
    expect(JSON.stringify(json.claim.findings)).not.toMatch(/"count"|"share"/);
    expect(html).not.toMatch(/\d farms in this lot’s chain reported/);
    const french = await passportHtml('fr');
    expect(french).toContain(
      'Une partie du cacao de ce lot n’a pas pu être tracée jusqu’à une exploitation.',
    );
  });
});

describe('a brand’s own policy', () => {
  it('shows names, farms and numbers when the brand says so, each equal to figures worked out from the chain', async () => {
    const set = await t.call('PUT', `/v1/organisations/${brandId}/passport-policy`, brandToken, {
      origin: 'countries_and_farms',
      tracedShare: true,
      suppliers: 'names',
      evidence: 'counts',
      findings: 'numbers',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ scope: 'organisation', suppliers: 'names' });
    const policyEntry = set.json().entryIndex as number;
    const logged = decodeEntry(
      fromBase64((await get(`/v1/ledger/entries/${policyEntry}/disclosures`)).json().data)!,
    );
    expect(logged.type).toBe('passport_policy.set');
    expect(logged.body).toMatchObject({ organisation: `organisation:${brandId}`, suppliers: 'names' });

    const published = await publish();
    expect(published.statusCode, published.body).toBe(201);
    const { body } = await claimFromLog(published.json().entryIndex);
    expect(body.policy).toBe(policyEntry);
    expect(body.originFarms).toEqual({
      count: trace.plots.length,
      hectares: sumHectares(trace.plots.map((p) => p.areaHectares)),
    });
    const breakdown = (await t.call('GET', `/v1/batches/${batchId}/mass-balance`, admin)).json();
    const findings = body.findings as { kind: string; count: number; share: number }[];
    const untraced = findings.find((f) => f.kind === 'untraced')!;
    expect(untraced.share).toBe(breakdown.untracedShare);
    expect(untraced.share).toBeGreaterThan(0);
    // Impossible-yield plots: the open yield findings on plots, counted from the findings API.
    const yieldFindings = (
      await t.call(
        'GET',
        `/v1/findings?batchId=${batchId}&rule=OVER_YIELD,IMPOSSIBLE_YIELD,YIELD_OUTLIER,NEW_PLOT_BURST,OUTSIDE_HARVEST_WINDOW&perPage=500`,
        brandToken,
      )
    ).json() as { subject: { id: string } }[];
    expect(findings.find((f) => f.kind === 'yield')!.count).toBe(
      new Set(yieldFindings.map((f) => f.subject.id)).size,
    );

    const html = await passportHtml();
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
      untraced.share,
    );
    expect(html).toContain(`${pct} of the cocoa in this lot could not be traced to a farm.`);
    expect(html).toContain(`From ${new Intl.NumberFormat('en').format(trace.plots.length)} registered farms`);
    for (const name of upstreamNames)
      expect(html).toContain(name.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
  });

  it('lets a product override its brand: a product that hides its chain publishes no chain, and asking for it is refused with nothing written', async () => {
    const set = await t.call('PUT', `/v1/products/${BUTTER}/passport-policy`, brandToken, {
      origin: 'countries',
      tracedShare: true,
      suppliers: 'hidden',
      evidence: 'hidden',
      findings: 'hidden',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await t.call('GET', `/v1/products/${BUTTER}/passport-policy`, admin)).json().scope).toBe(
      'product',
    );
    // The brand's own policy is unchanged for its other products.
    expect(
      (await t.call('GET', `/v1/organisations/${brandId}/passport-policy`, admin)).json().suppliers,
    ).toBe('names');

    const before = await size();
    const refused = await publish(['originCountry', 'supplyChain', 'findings']);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/claims/1',
      '/claims/2',
    ]);
    expect(await size()).toBe(before);

    const published = await publish();
    expect(published.statusCode, published.body).toBe(201);
    const { body } = await claimFromLog(published.json().entryIndex);
    expect(
      Object.keys(body)
        .filter((k) => !['organisation', 'batch', 'treeSize', 'policy'].includes(k))
        .sort(),
    ).toEqual(['originCountry', 'tracedShare']);
    const json = await passportJson();
    expect(json.claim.supplyChain).toBeUndefined();
    // Each fact the policy hides, absent from the JSON and the page alike.
    for (const hidden of ['supplyChain', 'evidence', 'findings', 'originFarms'])
      expect(json.claim[hidden], hidden).toBeUndefined();
    const html = await passportHtml();
    for (const heading of ['Who handled it', 'What was seen on the ground', 'What the checks found'])
      expect(html).not.toContain(heading);
    expect(html).not.toContain('registered farms covering');
    for (const name of upstreamNames) expect(html).not.toContain(name);
    for (const french of ['Qui l’a manipulé', 'Ce que les contrôles ont relevé'])
      expect(await passportHtml('fr')).not.toContain(french);
  });
});

describe('thumbnails the brand publishes', () => {
  it('shows small copies of recent attested photos when the policy says so, served to anyone, never the photos themselves', async () => {
    const set = await t.call('PUT', `/v1/products/${BUTTER}/passport-policy`, brandToken, {
      origin: 'countries',
      tracedShare: true,
      suppliers: 'roles',
      evidence: 'thumbnails',
      findings: 'words',
    });
    expect(set.statusCode, set.body).toBe(200);
    const published = await publish();
    expect(published.statusCode, published.body).toBe(201);
    const { body } = await claimFromLog(published.json().entryIndex);
    const photos = (
      body.evidence as {
        photos: { thumbnail: string; media: string; width: number; country: string; capturedAt: string }[];
      }
    ).photos;
    // One per photographed plot, newest first, six at most: worked out here from the attestation rows.
    const photographed = await t.runtime.db.query<{ plot: string }>(
      `SELECT DISTINCT a.subject_id AS plot FROM attestations a
         JOIN attestation_media m ON m.attestation_id = a.id JOIN evidence_blobs b ON b.sha256 = m.sha256
        WHERE a.subject_kind = 'plot' AND a.subject_id = ANY($1::uuid[]) AND b.media_type = 'image/jpeg'
          AND a.withdrawn_entry IS NULL`,
      [trace.plots.map((p) => p.id)],
    );
    expect(photos).toHaveLength(Math.min(6, photographed.length));
    expect(photos.length).toBeGreaterThan(0);
    expect([...photos].sort((a, b) => b.capturedAt.localeCompare(a.capturedAt))).toEqual(photos);
    for (const photo of photos) {
      const res = await get(`/passport/thumbnails/${photo.thumbnail}.jpg`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toContain('immutable');
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(photo.thumbnail);
      expect(photo.width).toBeLessThanOrEqual(320);
      // The attested photo itself is not public.
      expect((await get(`/passport/thumbnails/${photo.media}.jpg`)).statusCode).toBe(404);
      expect((await get(`/v1/evidence/${photo.media}`)).statusCode).toBe(401);
    }
    const html = await passportHtml();
    expect(html).toContain(`src="http://localhost/passport/thumbnails/${photos[0]!.thumbnail}.jpg"`);
    expect(html).toMatch(/alt="A farm in (Ghana|Côte d’Ivoire)/);
  });
});

describe('photos leave the chain only on the product’s own word', () => {
  it('gives a partner publishing under its own thumbnail policy counts only, and stores no thumbnail', async () => {
    const [aurora] = await t.runtime.db.query<{ id: string }>(
      'SELECT id FROM organisations WHERE name = $1',
      ['Aurora Chocolate Ltd'],
    );
    const auroraCompliance = await t.token('compliance', { organisationId: aurora!.id });
    const set = await t.call('PUT', `/v1/organisations/${aurora!.id}/passport-policy`, auroraCompliance, {
      origin: 'countries',
      tracedShare: true,
      suppliers: 'roles',
      evidence: 'thumbnails',
      findings: 'words',
    });
    expect(set.statusCode, set.body).toBe(200);
    const [{ n: before }] = (await t.runtime.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM passport_thumbnails',
    )) as [{ n: string }];
    const auroraBuyer = await t.token('procurement', { organisationId: aurora!.id });
    const published = await t.call('POST', '/v1/disclosures/publications', auroraBuyer, { batchId });
    expect(published.statusCode, published.body).toBe(201);
    const { body } = await claimFromLog(published.json().entryIndex);
    expect(body.organisation).toBe(`organisation:${aurora!.id}`);
    expect(body.evidence).toMatchObject({ farms: trace.plots.length });
    expect((body.evidence as { photos?: unknown }).photos).toBeUndefined();
    const [{ n: after }] = (await t.runtime.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM passport_thumbnails',
    )) as [{ n: string }];
    expect(after).toBe(before);
  });
});

describe('who may set a policy', () => {
  it('refuses strangers (404), partners who do not act for the brand (403) and malformed policies (400), writing nothing', async () => {
    const { stranger, supplier } = await t.seedOrganisations({ stranger: 'brand', supplier: 'supplier' }, [
      ['stranger', 'supplier'],
    ]);
    const strangerToken = await t.token('procurement', { organisationId: stranger });
    // Aurora buys the butter's maker's output: it sees Brightwater, but does not speak for it.
    const [aurora] = await t.runtime.db.query<{ id: string }>(
      'SELECT id FROM organisations WHERE name = $1',
      ['Aurora Chocolate Ltd'],
    );
    const partnerToken = await t.token('procurement', { organisationId: aurora!.id });
    expect((await t.call('GET', `/v1/products/${BUTTER}/passport-policy`, partnerToken)).statusCode).toBe(
      200,
    );
    const policy = {
      origin: 'hidden',
      tracedShare: false,
      suppliers: 'names',
      evidence: 'hidden',
      findings: 'hidden',
    };
    const before = await size();
    const policyBefore = (await t.call('GET', `/v1/products/${BUTTER}/passport-policy`, admin)).json();
    const cases: [string, string, object, number, string | undefined][] = [
      [strangerToken, `/v1/products/${BUTTER}/passport-policy`, policy, 404, undefined],
      [strangerToken, `/v1/organisations/${brandId}/passport-policy`, policy, 404, undefined],
      [partnerToken, `/v1/products/${BUTTER}/passport-policy`, policy, 403, undefined],
      [
        brandToken,
        `/v1/products/${BUTTER}/passport-policy`,
        { ...policy, suppliers: 'everything' },
        400,
        '/suppliers',
      ],
      [
        brandToken,
        `/v1/products/${BUTTER}/passport-policy`,
        { ...policy, coordinates: true },
        400,
        undefined,
      ],
      [brandToken, '/v1/products/4006381333932/passport-policy', policy, 400, '/gtin'],
      [brandToken, `/v1/organisations/${supplier}/passport-policy`, policy, 404, undefined],
    ];
    for (const [token, url, body, status, pointer] of cases) {
      const res = await t.call('PUT', url, token, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (pointer) expect(JSON.stringify(res.json().errors)).toContain(pointer);
      expect(res.body).not.toContain('organisation_id');
    }
    expect(await size()).toBe(before);
    expect((await t.call('GET', `/v1/products/${BUTTER}/passport-policy`, admin)).json()).toEqual(
      policyBefore,
    );
  });
});

describe('findings in plain words', () => {
  it('has words for every rule the findings API can name: none falls through to "other"', async () => {
    // The findings API names its rules when it refuses one it does not know.
    const refused = await t.call('GET', '/v1/findings?rule=NO_SUCH_RULE', admin);
    expect(refused.statusCode).toBe(400);
    const named = JSON.stringify(refused.json().errors).match(/[A-Z][A-Z]+(?:_[A-Z]+)+/g) ?? [];
    const rules = [...new Set(named)].filter((r) => r !== 'NO_SUCH_RULE');
    expect(rules).toContain('BLENDED_ORIGIN');
    expect(rules).toContain('DEFORESTATION_RISK');
    expect(rules.filter((rule: string) => findingKind(rule) === 'other')).toEqual([]);
  });
});
