// The EPCIS 2.0 XML binding of the query interface (issue 17, build item 3), on both databases: with
// `Accept: application/xml` the native demo's events come back as an EPCISQueryDocument that GS1's XSD
// accepts under xmllint, the same events as the JSON-LD answer; without it JSON-LD stays the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xsdErrors } from '../../../packages/epcis/test/xmllint.ts';
import { seedDemoData } from '../src/demo/seed.ts';
import { prefersXml } from '../src/domains/epcis/xml-binding.ts';
import { buildTestApp, type TestApp } from './helper.ts';

type Event = Record<string, unknown> & { eventID: string };
type QueryDocument = { epcisBody: { queryResults: { resultsBody: { eventList: Event[] } } } };

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.token('admin');
  expect(await seedDemoData(t.runtime)).toBeGreaterThan(600);
}, 300_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string, accept?: string, token = admin) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
  });

/** Every page of a query in one binding, following the next-page links. */
async function allPages(query: string, accept: string) {
  const bodies: string[] = [];
  let url: string | undefined = `/epcis/events?${query}`;
  while (url) {
    const res = await get(url, accept);
    expect(res.statusCode, res.body).toBe(200);
    bodies.push(res.body);
    url = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
  }
  return bodies;
}

const xmlEventIds = (xml: string) =>
  [...xml.matchAll(/<eventID>([^<]*)<\/eventID>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('GET /epcis/events with Accept: application/xml', () => {
  it('answers the native demo’s events as XML that GS1’s XSD accepts, the same events as JSON-LD', async () => {
    const xmlPages = await allPages('perPage=250&orderBy=eventTime', 'application/xml');
    expect(xmlPages.length).toBeGreaterThan(1);
    for (const page of xmlPages) {
      expect(page).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<epcisq:EPCISQueryDocument /);
      expect(xsdErrors(page, 'EPCISQueryDocument')).toBe('');
    }
    const jsonPages = await allPages('perPage=250&orderBy=eventTime', 'application/ld+json');
    const jsonEvents = jsonPages.flatMap(
      (page) => (JSON.parse(page) as QueryDocument).epcisBody.queryResults.resultsBody.eventList,
    );
    // Every native event, receipt and void of the demo is one EPCIS event.
    const count = async (table: string) =>
      Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const native = jsonEvents.filter((e) => 'gt:kind' in e);
    expect(native).toHaveLength(
      (await count('trace_events')) + (await count('transfer_receipts')) + (await count('trace_event_voids')),
    );
    expect(xmlPages.flatMap(xmlEventIds)).toEqual(jsonEvents.map((e) => e.eventID));
    // The Groundtruth extension that links each native event to its ledger entry, in its namespace.
    const all = xmlPages.join('');
    expect(all).toContain('xmlns:gt="urn:groundtruth:epcis:"');
    expect(all).toMatch(/<gt:kind>harvest<\/gt:kind>/);
    expect(all).toMatch(/<gt:entryIndex xsi:type="xsd:integer">\d+<\/gt:entryIndex>/);
    for (const event of ['ObjectEvent', 'TransformationEvent']) expect(all).toContain(`<${event}`);
    expect(all).toContain('<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>');
  }, 300_000);

  it('keeps JSON-LD for no Accept, a wildcard, or JSON ranked at least as high', async () => {
    for (const accept of [
      undefined,
      '*/*',
      'application/json',
      'application/ld+json, application/xml;q=0.5',
    ]) {
      const res = await get('/epcis/events?perPage=1', accept);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/json/);
      expect((res.json() as QueryDocument).epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    }
    const xml = await get('/epcis/events?perPage=1', 'application/json;q=0.4, text/xml');
    expect(String(xml.headers['content-type'])).toBe('application/xml; charset=utf-8');
  });

  it('answers one event by its eventID, and a named query’s events, as valid XML', async () => {
    const res = await get('/epcis/events?perPage=5&eventType=TransformationEvent');
    const [event] = (res.json() as QueryDocument).epcisBody.queryResults.resultsBody.eventList;
    const one = await get(`/epcis/events/${encodeURIComponent(event!.eventID)}`, 'application/xml');
    expect(one.statusCode, one.body).toBe(200);
    expect(xsdErrors(one.body, 'EPCISQueryDocument')).toBe('');
    expect(xmlEventIds(one.body)).toEqual([event!.eventID]);
    expect(one.body).toContain('<TransformationEvent');

    // Named queries belong to an organisation: the demo's brand asks.
    const [brand] = await t.runtime.db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'brand' ORDER BY name LIMIT 1`,
    );
    const brandToken = await t.token('procurement', { organisationId: brand!.id });
    const created = await t.call('POST', '/epcis/queries', brandToken, {
      name: 'xml-transformations',
      query: { eventType: ['TransformationEvent'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const named = await get(
      '/epcis/queries/xml-transformations/events?perPage=3',
      'application/xml',
      brandToken,
    );
    expect(named.statusCode, named.body).toBe(200);
    expect(xsdErrors(named.body, 'EPCISQueryDocument')).toBe('');
    expect(named.body).toContain('<queryName>xml-transformations</queryName>');
    expect(xmlEventIds(named.body)).toHaveLength(3);
  });

  it('still answers a refusal as problem+json', async () => {
    const res = await get('/epcis/events/urn:uuid:00000000-0000-4000-8000-000000000000', 'application/xml');
    expect(res.statusCode).toBe(404);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });
});

describe('prefersXml', () => {
  it.each([
    [undefined, false],
    ['application/xml', true],
    ['text/xml', true],
    ['*/*', false],
    ['application/xml, */*', false],
    ['application/xml, */*;q=0.8', true],
    ['application/ld+json;q=0.9, application/xml', true],
    ['application/ld+json, application/xml', false],
    ['application/xml;q=0', false],
    ['application/json;q=0, application/xml;q=0.1', true],
  ])('Accept %s → %s', (accept, xml) => {
    expect(prefersXml(accept)).toBe(xml);
  });
});
