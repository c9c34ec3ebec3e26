// The demo chain through the EPCIS query interface (issue 17's acceptance, read direction), on both
// databases: every native event the demo records is served by GET /epcis/events, each valid against
// GS1's JSON schema, each with the CBV 2.0 hash ID the package computes from the served event as its
// eventID (the server finds it by that ID, and by its /v1 id); the brand sees its chain, a stranger
// nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaValidator, eventHashId } from '@groundtruth/epcis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);

type Event = Record<string, unknown> & { eventID: string };
type QueryDocument = {
  '@context': string[];
  epcisBody: { queryResults: { resultsBody: { eventList: Event[] } } };
};

let t: TestApp;
let admin: string;
/** What the demo recorded, counted from its projection tables. */
const recorded = { events: 0, receipts: 0, voids: 0 };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.token('admin');
  expect(await seedDemoData(t.runtime)).toBeGreaterThan(600);
  const count = async (table: string) =>
    Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  recorded.events = await count('trace_events');
  recorded.receipts = await count('transfer_receipts');
  recorded.voids = await count('trace_event_voids');
}, 300_000);
afterAll(async () => {
  await t.close();
});

/** Every event of a query, following the next-page links. */
async function allEvents(token: string, query: string): Promise<{ events: Event[]; context: string[] }> {
  const events: Event[] = [];
  let context: string[] = [];
  let url: string | undefined = `/epcis/events?${query}`;
  while (url) {
    const res = await t.call('GET', url, token);
    expect(res.statusCode, res.body).toBe(200);
    const document = res.json() as QueryDocument;
    expect(validator.validate(document)).toEqual([]);
    context = document['@context'];
    events.push(...document.epcisBody.queryResults.resultsBody.eventList);
    url = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
  }
  return { events, context };
}

describe('the demo’s native events through /epcis/events', () => {
  it('are all there, each valid against GS1’s schema, each under the hash ID the package computes', async () => {
    expect(recorded.events).toBeGreaterThan(100);
    const { events, context } = await allEvents(admin, 'perPage=1000');
    const native = events.filter((e) => 'gt:kind' in e);
    // One EPCIS event per native event and receipt, and one error declaration per void.
    expect(native).toHaveLength(recorded.events + recorded.receipts + recorded.voids);
    const kinds = new Set(native.map((e) => e['gt:kind']));
    for (const kind of ['harvest', 'transfer', 'transformation']) expect(kinds).toContain(kind);
    for (const event of native) {
      const alone = {
        '@context': context,
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: '2026-12-04T00:00:00.000Z',
        epcisBody: { eventList: [event] },
      };
      expect(validator.validate(alone), event.eventID).toEqual([]);
    }
    // The server finds each event by the hash the package computes from what it served (a sample:
    // each lookup reads the whole chain).
    const hashes = native.map((e) => eventHashId(e, context));
    for (const [i, hash] of hashes.entries()) {
      expect(hash).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
      expect(native[i]!.eventID).toBe(hash);
    }
    for (let i = 0; i < native.length; i += Math.ceil(native.length / 12)) {
      const res = await t.call('GET', `/epcis/events/${encodeURIComponent(hashes[i]!)}`, admin);
      expect(res.statusCode, res.body).toBe(200);
      const found = (res.json() as QueryDocument).epcisBody.queryResults.resultsBody.eventList;
      expect(found).toContainEqual(native[i]);
    }
    // Paged in small pages, the same events in the same order.
    const paged = await allEvents(admin, 'perPage=97&orderBy=eventTime');
    const whole = await allEvents(admin, 'perPage=1000&orderBy=eventTime');
    expect(paged.events.map((e) => e.eventID)).toEqual(whole.events.map((e) => e.eventID));
    // And each by the id /v1 gives it (a sample).
    for (let i = 0; i < native.length; i += Math.ceil(native.length / 6)) {
      const res = await t.call(
        'GET',
        `/epcis/events/${encodeURIComponent(String(native[i]!['gt:event']))}`,
        admin,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as QueryDocument).epcisBody.queryResults.resultsBody.eventList).toContainEqual(
        native[i],
      );
    }
  }, 300_000);

  it('the brand sees its chain; an organisation outside it sees none of it, and nothing is written', async () => {
    const [brand] = await t.runtime.db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'brand' ORDER BY name LIMIT 1`,
    );
    const brandToken = await t.token('procurement', { organisationId: brand!.id });
    const seen = (await allEvents(brandToken, 'perPage=1000')).events.filter((e) => 'gt:kind' in e);
    expect(seen.length).toBeGreaterThan(0);

    const { outsider } = await t.seedOrganisations({ outsider: 'supplier' });
    const outsiderToken = await t.token('supplier', { organisationId: outsider });
    const before = await t.app.inject({ url: '/v1/ledger/checkpoint' });
    const none = (await allEvents(outsiderToken, 'perPage=1000')).events;
    expect(none).toEqual([]);
    const one = seen[0]!;
    expect(
      (await t.call('GET', `/epcis/events/${encodeURIComponent(one.eventID)}`, outsiderToken)).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]).toBe(
      before.body.split('\n')[1],
    );
  });
});
