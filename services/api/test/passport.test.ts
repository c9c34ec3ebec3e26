// The consumer's door (issue 14, first slice): the Digital Link resolver, the passport page and
// its JSON, on the demo chain, on both databases. Everything here is anonymous.
import { decodeEntry, fromBase64, revealBody } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';
const PATH = `/01/${BUTTER}/10/${LOT}`;
let batchId: string;
let ownerToken: string;

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const size = async () => Number(await t.runtime.reader.size());

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  const [product] = await t.runtime.db.query<{ organisation_id: string }>(
    'SELECT organisation_id FROM products WHERE gtin = $1',
    [BUTTER],
  );
  const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
  batchId = batch!.id;
  ownerToken = await t.token('procurement', { organisationId: product!.organisation_id });
});
afterAll(() => t.close());

describe('the Digital Link resolver', () => {
  it('redirects a scan to the passport page with 307, and links its linkset on every answer', async () => {
    const before = await size();
    const res = await get(PATH, { accept: 'text/html', 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.statusCode).toBe(307);
    expect(res.headers.location).toBe(`http://localhost/passport${PATH}?lang=en`);
    expect(res.headers.link).toBe(
      `<http://localhost${PATH}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`,
    );
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const french = await get(PATH, { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(french.headers.location).toBe(`http://localhost/passport${PATH}?lang=fr`);
    const head = await t.app.inject({ method: 'HEAD', url: PATH });
    expect(head.statusCode).toBe(307);
    expect(head.body).toBe('');
    expect(await size()).toBe(before);
  });

  it('serves an RFC 9264 linkset with exactly one gs1:defaultLink', async () => {
    for (const res of [
      await get(`${PATH}?linkType=linkset`),
      await get(PATH, { accept: 'application/linkset+json' }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/linkset\+json/);
      const { linkset } = res.json() as { linkset: Record<string, unknown>[] };
      expect(linkset).toHaveLength(1);
      expect(linkset[0]!.anchor).toBe(`http://localhost${PATH}`);
      expect(linkset[0]!['https://gs1.org/voc/defaultLink']).toHaveLength(1);
      expect(linkset[0]!['https://gs1.org/voc/pip']).toHaveLength(2);
      expect(linkset[0]!['https://gs1.org/voc/traceability']).toHaveLength(1);
    }
  });

  it('follows linkType: 307 to the one link, 300 when several are alike, 404 when there is none', async () => {
    const trace = await get(`${PATH}?linkType=gs1:traceability&17=261231`);
    expect(trace.statusCode).toBe(307);
    // The rest of the query string goes on with the redirect.
    expect(trace.headers.location).toBe(`http://localhost/passport${PATH}?format=json&17=261231`);
    const pipFr = await get(`${PATH}?linkType=gs1:pip`, { 'accept-language': 'fr' });
    expect(pipFr.headers.location).toBe(`http://localhost/passport${PATH}?lang=fr`);
    const ambiguous = await get(`${PATH}?linkType=gs1:pip`);
    expect(ambiguous.statusCode).toBe(300);
    expect(ambiguous.json().linkset[0]['https://gs1.org/voc/pip']).toHaveLength(2);
    const none = await get(`${PATH}?linkType=gs1:certificationInfo`);
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses malformed links with 400 problem+json naming the element, and unknown ones with 404', async () => {
    const cases: [string, number, string | undefined][] = [
      [`/01/${BUTTER.slice(0, 13)}1/10/${LOT}`, 400, '/01'], // wrong check digit
      [`/01/${BUTTER}/21/S1/10/${LOT}`, 400, '/10'], // qualifiers out of order
      [`/01/${BUTTER}/10/${'X'.repeat(21)}`, 400, '/10'],
      [`/01/${BUTTER}/10/${LOT}?17=261399`, 400, '/17'],
      ['/01/09506000134352', 404, undefined], // valid, not ours
      [`/01/${BUTTER}/10/NO-SUCH-LOT`, 404, undefined],
    ];
    for (const [url, status, pointer] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      if (pointer) expect(res.json().errors[0].pointer, url).toBe(pointer);
    }
    // A phone gets a page, not JSON.
    const page = await get('/01/09506000134352', { accept: 'text/html' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Product not found');
  });

  it('accepts the GTIN-13 form and names the canonical URI as owl:sameAs', async () => {
    const res = await get(`/01/${DEMO_GTINS.cocoaButter}/10/${LOT}`);
    expect(res.statusCode).toBe(307);
    expect(res.headers.link).toContain(`<http://localhost${PATH}>; rel="owl:sameAs"`);
  });

  it('answers OPTIONS for CORS and describes itself at /.well-known/gs1resolver', async () => {
    const options = await t.app.inject({ method: 'OPTIONS', url: PATH });
    expect(options.statusCode).toBe(204);
    expect(options.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    const about = await get('/.well-known/gs1resolver');
    expect(about.json()).toMatchObject({ supportedPrimaryKeys: ['01'], resolverRoot: 'http://localhost' });
  });
});

describe('the passport', () => {
  it('says plainly when the brand has published nothing about the lot', async () => {
    const page = await get(`/passport${PATH}?lang=en`, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brightwater Cocoa Butter');
    expect(page.body).toContain(LOT);
    expect(page.body).toContain('has not yet published a claim');
    expect((await get(`/passport${PATH}?format=json`)).json().claim).toBeUndefined();
  });

  it('shows the origin and traced share its organisation published, which anyone can check offline, and nothing private', async () => {
    const published = await t.call('POST', '/v1/disclosures/publications', ownerToken, {
      batchId,
      claims: ['originCountry', 'tracedShare'],
    });
    expect(published.statusCode, published.body).toBe(201);
    const claimIndex = published.json().entryIndex as number;

    const before = await size();
    const json = await get(`/passport${PATH}?format=json`);
    expect(json.statusCode).toBe(200);
    const passport = json.json();
    expect(passport.claim.entryIndex).toBe(claimIndex);

    // The proof the passport links to, opened by an anonymous client with packages/ledger alone.
    const proof = await get(passport.proof.replace('http://localhost', ''));
    const pkg = proof.json() as { data: string; disclosures: { disclosure: string }[] };
    const body = revealBody(
      decodeEntry(fromBase64(pkg.data)!).body,
      pkg.disclosures.map((d) => d.disclosure),
    ).body;
    expect(passport.claim.originCountry).toEqual(body.originCountry);
    expect(passport.claim.tracedShare).toBe(body.tracedShare);
    // The claim is what the engine computed for the lot when it was published.
    const admin = await t.token('admin');
    const breakdown = (await t.call('GET', `/v1/batches/${batchId}/mass-balance`, admin)).json();
    expect(passport.claim.tracedShare).toBe(breakdown.tracedShare);
    expect(passport.claim.originCountry.length).toBeGreaterThan(0);

    const page = await get(`/passport${PATH}?lang=en`, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    const share = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
      passport.claim.tracedShare,
    );
    expect(page.body).toContain(share);
    for (const code of passport.claim.originCountry as string[])
      expect(page.body).toContain(new Intl.DisplayNames(['en'], { type: 'region' }).of(code));
    expect(page.body).toContain(`entry ${claimIndex}`);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const fr = await get(`/passport${PATH}?lang=fr`, { accept: 'text/html' });
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toContain('D’où vient le cacao');

    // No organisation's name (but the product's own, which the product name may carry), no plot
    // name, no farm coordinates, in the page, its JSON or the linkset.
    const owner = (
      await t.runtime.db.query<{ organisation_id: string }>(
        'SELECT organisation_id FROM products WHERE gtin = $1',
        [BUTTER],
      )
    )[0]!.organisation_id;
    const orgNames = await t.runtime.db.query<{ name: string }>(
      'SELECT name FROM organisations WHERE id <> $1',
      [owner],
    );
    const plots = await t.runtime.db.query<{ name: string | null; geometry: unknown }>(
      'SELECT name, geometry FROM plots',
    );
    const linkset = await get(`${PATH}?linkType=linkset`);
    const coordinate = (g: unknown) => String((JSON.stringify(g).match(/-?\d+\.\d{4,}/) ?? [''])[0]);
    for (const text of [page.body, fr.body, json.body, linkset.body]) {
      for (const { name } of orgNames) expect(text).not.toContain(name);
      for (const p of plots) {
        if (p.name) expect(text).not.toContain(p.name);
        const c = coordinate(p.geometry);
        if (c) expect(text).not.toContain(c);
      }
    }
    expect(plots.length).toBeGreaterThan(100);
    expect(await size()).toBe(before);
  });

  it('carries an ETag tied to the claim and answers 304 to a client that has it', async () => {
    const first = await get(`/passport${PATH}?lang=en`, { accept: 'text/html' });
    const etag = first.headers.etag as string;
    // The claim shown and its signed credential (none here) name the version.
    expect(etag).toMatch(/^"passport-\d+--en"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get(`/passport${PATH}?lang=en`, { accept: 'text/html', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });
});
