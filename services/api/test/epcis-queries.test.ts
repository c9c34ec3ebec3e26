// What partners expect of an EPCIS repository (issue 17, item 3; decision 0026), on both databases:
// maxEventCount fails a query that matches too much with QueryTooLargeException; named queries are an
// organisation's own and answer what it may see; webhook subscriptions POST each matching event,
// signed with the subscriber's secret, retried with backoff, and dead-lettered after the last attempt.
// Every refusal is shown to write nothing.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSchemaValidator } from '@groundtruth/epcis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appendRecords } from '../src/record.ts';
import { buildTestApp, openedEntry, type TestApp } from './helper.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const EXCEPTIONS = 'https://ref.gs1.org/standards/epcis/exceptions#';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by shape, checked by the assertions
type Json = Record<string, any>;
let t: TestApp;
const tok: Record<string, string> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp({
    env: {
      // The subscriber in these tests is a server on 127.0.0.1; retries fast so dead letters come soon.
      GROUNDTRUTH_WEBHOOK_LOOPBACK: 'allow',
      GROUNDTRUTH_WEBHOOK_POLL_MS: '50',
      GROUNDTRUTH_WEBHOOK_RETRY_BASE_MS: '20',
      GROUNDTRUTH_WEBHOOK_MAX_ATTEMPTS: '3',
      GROUNDTRUTH_WEBHOOK_TIMEOUT_MS: '2000',
    },
  });
  ids = await t.seedOrganisations({ brand: 'brand', s: 'supplier', o: 'supplier' }, [['brand', 's']]);
  tok.s = await t.token('supplier', { organisationId: ids.s });
  tok.o = await t.token('supplier', { organisationId: ids.o });
  tok.brand = await t.token('procurement', { organisationId: ids.brand });
  tok.admin = await t.token('admin');
}, 60_000);
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]!.n);
const TABLES = ['ledger_entries', 'epcis_queries', 'epcis_subscriptions', 'epcis_webhook_deliveries'];
const snapshot = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await count(n)])));
const lastEntry = async () =>
  openedEntry(
    t,
    Number((await t.runtime.db.query<{ n: string }>('SELECT max(idx)::text AS n FROM ledger_entries'))[0]!.n),
  );

const capture = async (events: Json[], as = tok.s!) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: JSON.stringify({
      '@context': [EPCIS_CONTEXT],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-10-01T09:00:00.000Z',
      epcisBody: { eventList: events },
    }),
    headers: { authorization: `Bearer ${as}`, 'content-type': 'application/ld+json' },
  });
  expect(res.statusCode, res.body).toBe(202);
};
let minute = 0;
const objectEvent = (bizStep: string, overrides: Json = {}): Json => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: new Date(Date.UTC(2026, 9, 1, 8, minute++)).toISOString(),
  eventTimeZoneOffset: '+00:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  action: 'OBSERVE',
  bizStep,
  ...overrides,
});
const eventsOf = (doc: Json): Json[] => doc.epcisBody.queryResults.resultsBody.eventList;

/** Every event a query answers, following its Link headers. */
async function allEvents(url: string, token: string): Promise<string[]> {
  const found: string[] = [];
  let next: string | undefined = url;
  while (next) {
    const res = await t.call('GET', next, token);
    expect(res.statusCode, res.body).toBe(200);
    found.push(...eventsOf(res.json()).map((e) => e.eventID as string));
    next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
  }
  return found;
}

describe('maxEventCount', () => {
  const packing: string[] = [];
  beforeAll(async () => {
    const events = Array.from({ length: 5 }, () => objectEvent('packing'));
    packing.push(...events.map((e) => e.eventID));
    await capture(events);
  });

  it('answers in full, over every page, when no more events match than it allows', async () => {
    expect(await allEvents('/epcis/events?EQ_bizStep=packing&maxEventCount=5&perPage=2', tok.s!)).toEqual(
      packing,
    );
  });

  it('fails the whole query with QueryTooLargeException (413) when more match, instead of truncating', async () => {
    const res = await t.call('GET', '/epcis/events?EQ_bizStep=packing&maxEventCount=4&perPage=2', tok.s!);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe(`${EXCEPTIONS}QueryTooLargeException`);
    expect(res.json().errors).toEqual([
      { in: 'query', pointer: '/maxEventCount', detail: 'more than 4 events match' },
    ]);
  });

  it('counts only what the caller may see', async () => {
    // o sees none of s's events: nothing matches, so nothing is too large.
    const res = await t.call('GET', '/epcis/events?EQ_bizStep=packing&maxEventCount=1', tok.o!);
    expect(res.statusCode, res.body).toBe(200);
    expect(eventsOf(res.json())).toEqual([]);
  });

  it('refuses it with eventCountLimit as QueryParameterException, and a value below 1 with 400', async () => {
    const both = await t.call(
      'GET',
      '/epcis/events?maxEventCount=2&eventCountLimit=2&orderBy=eventTime',
      tok.s!,
    );
    expect(both.statusCode, both.body).toBe(400);
    expect(both.json().type).toBe(`${EXCEPTIONS}QueryParameterException`);
    expect(both.json().errors[0].pointer).toBe('/maxEventCount');
    const zero = await t.call('GET', '/epcis/events?maxEventCount=0', tok.s!);
    expect(zero.statusCode, zero.body).toBe(400);
    expect(zero.json().errors.map((e: Json) => e.pointer)).toContain('/maxEventCount');
  });
});

describe('named queries', () => {
  const shipped: string[] = [];
  beforeAll(async () => {
    const events = [objectEvent('shipping'), objectEvent('receiving'), objectEvent('shipping')];
    shipped.push(events[0]!.eventID, events[2]!.eventID);
    await capture(events);
  });

  it('is created as a ledger entry whose name and parameters are committed, and read back as given', async () => {
    const res = await t.call('POST', '/epcis/queries', tok.brand!, {
      name: 'shipments',
      query: { EQ_bizStep: ['shipping'], eventType: 'ObjectEvent' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/epcis/queries/shipments');
    const entry = await lastEntry();
    expect(entry.type).toBe('epcis.query_created');
    expect(entry.body).toMatchObject({
      organisation: `organisation:${ids.brand}`,
      name: 'shipments',
      query: { EQ_bizStep: ['shipping'], eventType: ['ObjectEvent'] },
    });
    const logged = (
      await t.runtime.db.query<{ data: Uint8Array }>('SELECT data FROM ledger_entries WHERE idx = $1', [
        String(res.json().entryIndex),
      ])
    )[0]!.data;
    expect(Buffer.from(logged).toString('utf8')).not.toContain('shipments');

    const got = await t.call('GET', '/epcis/queries/shipments', tok.brand!);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({
      name: 'shipments',
      query: { EQ_bizStep: ['shipping'], eventType: ['ObjectEvent'] },
    });
    const list = await t.call('GET', '/epcis/queries', tok.brand!);
    expect(list.json().map((q: Json) => q.name)).toEqual(['shipments']);
  });

  it('answers what GET /events with its parameters answers the caller, in pages', async () => {
    const direct = await allEvents('/epcis/events?EQ_bizStep=shipping&eventType=ObjectEvent', tok.brand!);
    expect(direct).toEqual(expect.arrayContaining(shipped));
    expect(await allEvents('/epcis/queries/shipments/events?perPage=1', tok.brand!)).toEqual(direct);
    const page = await t.call('GET', '/epcis/queries/shipments/events', tok.brand!);
    expect(page.json().epcisBody.queryResults.queryName).toBe('shipments');
    expect(validator.validate(page.json())).toEqual([]);
  });

  it('is its organisation’s own: another may use the name for its own query, and sees only its own events', async () => {
    const before = await snapshot();
    const missing = await t.call('GET', '/epcis/queries/shipments', tok.o!);
    expect(missing.statusCode).toBe(404);
    expect((await t.call('GET', '/epcis/queries/shipments/events', tok.o!)).statusCode).toBe(404);
    expect((await t.call('DELETE', '/epcis/queries/shipments', tok.o!)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const own = await t.call('POST', '/epcis/queries', tok.o!, {
      name: 'shipments',
      query: { EQ_bizStep: 'shipping' },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(await allEvents('/epcis/queries/shipments/events', tok.o!)).toEqual([]);
    expect(await allEvents('/epcis/queries/shipments/events', tok.brand!)).toEqual(
      expect.arrayContaining(shipped),
    );
  });

  it('refuses a taken name, bad parameters and a token without an organisation, writing nothing', async () => {
    const before = await snapshot();
    const taken = await t.call('POST', '/epcis/queries', tok.brand!, { name: 'shipments', query: {} });
    expect(taken.statusCode, taken.body).toBe(409);
    const noAction = await t.call('POST', '/epcis/queries', tok.brand!, {
      name: 'transformations',
      query: { eventType: ['TransformationEvent'], EQ_action: ['ADD'] },
    });
    expect(noAction.statusCode, noAction.body).toBe(400);
    expect(noAction.json().type).toBe(`${EXCEPTIONS}QueryParameterException`);
    expect(noAction.json().errors[0]).toMatchObject({ in: 'body', pointer: '/query/EQ_action' });
    const unknown = await t.call('POST', '/epcis/queries', tok.brand!, {
      name: 'x',
      query: { EQ_colour: 'red' },
    });
    expect(unknown.statusCode, unknown.body).toBe(400);
    const badTime = await t.call('POST', '/epcis/queries', tok.brand!, {
      name: 'x',
      query: { GE_eventTime: 'yesterday' },
    });
    expect(badTime.statusCode, badTime.body).toBe(400);
    expect(badTime.json().errors.map((e: Json) => e.pointer)).toContain('/query/GE_eventTime');
    const badName = await t.call('POST', '/epcis/queries', tok.brand!, { name: '../etc', query: {} });
    expect(badName.statusCode, badName.body).toBe(400);
    expect(badName.json().errors.map((e: Json) => e.pointer)).toContain('/name');
    const operator = await t.call('POST', '/epcis/queries', tok.admin!, { name: 'ops', query: {} });
    expect(operator.statusCode, operator.body).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('applies its maxEventCount to its events', async () => {
    const res = await t.call('POST', '/epcis/queries', tok.s!, {
      name: 'one-packing',
      query: { EQ_bizStep: 'packing', maxEventCount: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const events = await t.call('GET', '/epcis/queries/one-packing/events', tok.s!);
    expect(events.statusCode, events.body).toBe(413);
    expect(events.json().type).toBe(`${EXCEPTIONS}QueryTooLargeException`);
  });

  it('answers a query stored before eventCountLimit needed orderBy in the record order it had then', async () => {
    // As the version before the rule stored it: its entry (the projector writes its row), eventCountLimit
    // without orderBy.
    const id = randomUUID();
    const query = { EQ_bizStep: ['shipping'], eventCountLimit: 1 };
    await appendRecords(
      t.runtime.writer,
      { subject: 'user:legacy', role: 'procurement', organisationId: ids.brand! },
      [
        {
          type: 'epcis.query_created',
          subject: `epcis-query:${id}`,
          body: { organisation: `organisation:${ids.brand}`, name: 'first-shipment', query },
          conflict: 'a query named first-shipment already exists',
        },
      ],
    );
    const inRecordOrder = await allEvents('/epcis/events?EQ_bizStep=shipping&orderBy=recordTime', tok.brand!);
    expect(inRecordOrder.length).toBeGreaterThan(1);
    const res = await t.call('GET', '/epcis/queries/first-shipment/events', tok.brand!);
    expect(res.statusCode, res.body).toBe(200);
    const events = res.json().epcisBody.queryResults.resultsBody.eventList as Json[];
    expect(events.map((e) => e.eventID)).toEqual(inRecordOrder.slice(0, 1));
    // A new query must still say which order it means.
    const now = await t.call('POST', '/epcis/queries', tok.brand!, { name: 'first-again', query });
    expect(now.statusCode, now.body).toBe(400);
    expect(now.json().errors[0]).toMatchObject({ pointer: '/query/eventCountLimit' });
  });

  it('is deleted as a ledger entry, and its name is free again', async () => {
    const res = await t.call('DELETE', '/epcis/queries/one-packing', tok.s!);
    expect(res.statusCode, res.body).toBe(204);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      type: 'epcis.query_deleted',
      body: { organisation: `organisation:${ids.s}` },
    });
    expect((await t.call('GET', '/epcis/queries/one-packing', tok.s!)).statusCode).toBe(404);
    const again = await t.call('POST', '/epcis/queries', tok.s!, {
      name: 'one-packing',
      query: { EQ_bizStep: 'packing' },
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook subscriber on 127.0.0.1 that records every POST and answers with `status(delivery)`. */
async function subscriber(status: (received: Received, nth: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      res.statusCode = status(r, received.length);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const SECRET = 'a secret the subscriber chose, 32+';
const eventIdOf = (r: Received): string => eventsOf(JSON.parse(r.body))[0]!.eventID;

describe('webhook subscriptions', () => {
  it('refuses a target that is not https or reaches a private, link-local or other non-public address, writing nothing', async () => {
    const before = await snapshot();
    for (const dest of [
      'http://example.com/hook', // plain http to a public name
      'https://10.0.0.7/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data', // cloud metadata
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/hook', // an IPv4-mapped private address
      'https://user:pass@example.com/hook',
      'ftp://example.com/hook',
    ]) {
      const res = await t.call('POST', '/epcis/queries/shipments/subscriptions', tok.brand!, {
        dest,
        signatureToken: SECRET,
        stream: true,
      });
      expect(res.statusCode, `${dest}: ${res.body}`).toBe(400);
      expect(
        res.json().errors.map((e: Json) => e.pointer),
        dest,
      ).toContain('/dest');
    }
    for (const body of [
      { dest: 'https://example.com/hook', signatureToken: SECRET, stream: false },
      { dest: 'https://example.com/hook', signatureToken: SECRET, schedule: { hour: '1' } },
      { dest: 'https://example.com/hook', signatureToken: 'short', stream: true },
      { dest: 'https://example.com/hook', stream: true },
    ]) {
      const res = await t.call('POST', '/epcis/queries/shipments/subscriptions', tok.brand!, body);
      expect(res.statusCode, res.body).toBe(400);
    }
    const noQuery = await t.call('POST', '/epcis/queries/nothing/subscriptions', tok.brand!, {
      dest: 'http://127.0.0.1:9/hook',
      signatureToken: SECRET,
      stream: true,
    });
    expect(noQuery.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('POSTs each event recorded afterwards that matches, signed, once, with what the subscriber may see', async () => {
    const hook = await subscriber();
    const otherHook = await subscriber();
    try {
      // Recorded before the subscription: not delivered (initialRecordTime defaults to now).
      await capture([objectEvent('shipping')]);
      const res = await t.call('POST', '/epcis/queries/shipments/subscriptions', tok.brand!, {
        dest: hook.url,
        signatureToken: SECRET,
        stream: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const subscriptionID = res.json().subscriptionID as string;
      expect(res.headers.location).toBe(`/epcis/queries/shipments/subscriptions/${subscriptionID}`);
      expect(res.json()).not.toHaveProperty('signatureToken');
      const entry = await lastEntry();
      expect(entry).toMatchObject({
        type: 'epcis.subscription_created',
        body: { organisation: `organisation:${ids.brand}`, dest: hook.url },
      });
      expect(JSON.stringify(entry)).not.toContain(SECRET);
      // o's query of the same name, subscribed too: s's events are not o's to see.
      const other = await t.call('POST', '/epcis/queries/shipments/subscriptions', tok.o!, {
        dest: otherHook.url,
        signatureToken: SECRET,
        stream: true,
      });
      expect(other.statusCode, other.body).toBe(201);

      const events = [
        objectEvent('shipping'),
        objectEvent('receiving'),
        objectEvent('shipping'),
        objectEvent('shipping'),
      ];
      await capture(events.slice(0, 2));
      await capture(events.slice(2));
      const expected = events.filter((e) => e.bizStep === 'shipping').map((e) => e.eventID);
      await until('three deliveries', () => hook.received.length >= 3);
      // A few more rounds: nothing else arrives.
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.received.map(eventIdOf).sort()).toEqual([...expected].sort());
      expect(new Set(hook.received.map((r) => r.headers['groundtruth-delivery-id'])).size).toBe(3);
      for (const r of hook.received) {
        const document = JSON.parse(r.body);
        expect(validator.validate(document)).toEqual([]);
        expect(document.epcisBody.queryResults).toMatchObject({ subscriptionID, queryName: 'shipments' });
        expect(r.headers['gs1-signature']).toBe(
          `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`,
        );
        expect(r.headers['content-type']).toBe('application/ld+json');
        expect(r.headers['gs1-epcis-version']).toBe('2.0.0');
      }
      expect(otherHook.received).toEqual([]);
      const state = await t.call(
        'GET',
        `/epcis/queries/shipments/subscriptions/${subscriptionID}`,
        tok.brand!,
      );
      expect(state.json()).toMatchObject({
        subscriptionID,
        pendingDeliveries: 0,
        deadLetters: 0,
        stream: true,
      });
      expect(state.json().lastNotifiedAt).toBeDefined();
      expect((await t.call('GET', '/epcis/queries/shipments/subscriptions', tok.brand!)).json()).toHaveLength(
        1,
      );
    } finally {
      await hook.close();
      await otherHook.close();
    }
  });

  it('retries a delivery the subscriber refused, with the same id and bytes, until it is acknowledged', async () => {
    const seen = new Set<string>();
    // Every delivery is refused once, then accepted.
    const hook = await subscriber((r) => {
      const id = String(r.headers['groundtruth-delivery-id']);
      if (seen.has(id)) return 204;
      seen.add(id);
      return 500;
    });
    try {
      const created = await t.call('POST', '/epcis/queries', tok.s!, {
        name: 'receipts',
        query: { EQ_bizStep: 'receiving' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const res = await t.call('POST', '/epcis/queries/receipts/subscriptions', tok.s!, {
        dest: hook.url,
        signatureToken: SECRET,
        stream: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const event = objectEvent('receiving');
      await capture([event]);
      await until('the retry', () => hook.received.length >= 2);
      const [first, second] = hook.received;
      expect(second!.headers['groundtruth-delivery-id']).toBe(first!.headers['groundtruth-delivery-id']);
      expect(second!.body).toBe(first!.body);
      expect([
        first!.headers['groundtruth-delivery-attempt'],
        second!.headers['groundtruth-delivery-attempt'],
      ]).toEqual(['1', '2']);
      expect(eventIdOf(second!)).toBe(event.eventID);
      await until('the delivery to be recorded', async () => {
        const state = await t.call(
          'GET',
          `/epcis/queries/receipts/subscriptions/${res.json().subscriptionID}`,
          tok.s!,
        );
        return state.json().pendingDeliveries === 0;
      });
    } finally {
      await hook.close();
    }
  });

  it('lists a delivery refused at every attempt as a dead letter, readable by the owner only', async () => {
    const hook = await subscriber(() => 503);
    try {
      const created = await t.call('POST', '/epcis/queries', tok.s!, {
        name: 'doomed',
        query: { EQ_bizStep: 'inspecting' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const res = await t.call('POST', '/epcis/queries/doomed/subscriptions', tok.s!, {
        dest: hook.url,
        signatureToken: SECRET,
        stream: true,
      });
      const id = res.json().subscriptionID as string;
      const event = objectEvent('inspecting');
      await capture([event]);
      const url = `/epcis/queries/doomed/subscriptions/${id}/deadLetters`;
      await until('a dead letter', async () => (await t.call('GET', url, tok.s!)).json().length === 1);
      const [dead] = (await t.call('GET', url, tok.s!)).json();
      expect(dead).toMatchObject({ eventID: event.eventID, attempts: 3, lastStatus: 503 });
      expect(dead.lastError).toContain('503');
      // Three attempts (GROUNDTRUTH_WEBHOOK_MAX_ATTEMPTS), then no more.
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.received).toHaveLength(3);
      expect((await t.call('GET', `/epcis/queries/doomed/subscriptions/${id}`, tok.s!)).json()).toMatchObject(
        {
          deadLetters: 1,
          pendingDeliveries: 0,
        },
      );
      for (const other of [tok.o!, tok.brand!])
        expect((await t.call('GET', url, other)).statusCode).toBe(404);
    } finally {
      await hook.close();
    }
  });

  it('stops delivering once unsubscribed, and deleting a query ends its subscriptions in the same append', async () => {
    const hook = await subscriber();
    try {
      const created = await t.call('POST', '/epcis/queries', tok.s!, {
        name: 'loading',
        query: { EQ_bizStep: 'loading' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const subscribe = () =>
        t.call('POST', '/epcis/queries/loading/subscriptions', tok.s!, {
          dest: hook.url,
          signatureToken: SECRET,
          stream: true,
        });
      const first = (await subscribe()).json().subscriptionID as string;
      const second = (await subscribe()).json().subscriptionID as string;

      const before = await snapshot();
      expect(
        (await t.call('DELETE', `/epcis/queries/loading/subscriptions/${first}`, tok.o!)).statusCode,
      ).toBe(404);
      expect(await snapshot()).toEqual(before);
      expect(
        (await t.call('DELETE', `/epcis/queries/loading/subscriptions/${first}`, tok.s!)).statusCode,
      ).toBe(204);
      expect(await lastEntry()).toMatchObject({
        type: 'epcis.subscription_deleted',
        subject: `epcis-subscription:${first}`,
        body: { reason: 'unsubscribed' },
      });
      expect((await t.call('GET', `/epcis/queries/loading/subscriptions/${first}`, tok.s!)).statusCode).toBe(
        404,
      );

      const size = await count('ledger_entries');
      expect((await t.call('DELETE', '/epcis/queries/loading', tok.s!)).statusCode).toBe(204);
      expect(await count('ledger_entries')).toBe(size + 2);
      const ended = await openedEntry(t, size);
      expect(ended).toMatchObject({
        type: 'epcis.subscription_deleted',
        subject: `epcis-subscription:${second}`,
        body: { reason: 'query_deleted' },
      });

      await capture([objectEvent('loading')]);
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.received).toEqual([]);
    } finally {
      await hook.close();
    }
  });
});

describe('WebSocket subscriptions', () => {
  let origin: string;
  beforeAll(async () => {
    origin = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  });
  /**
   * Opens a socket as a client would, collecting its messages from the first (one may arrive with the
   * handshake); rejects with the status when the upgrade is refused.
   */
  const connect = (url: string, token?: string) =>
    new Promise<{ socket: WebSocket; messages: Json[] }>((resolve, reject) => {
      const socket = new WebSocket(`${origin}${url}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const messages: Json[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      socket.on('open', () => resolve({ socket, messages }));
      socket.on('unexpected-response', (_req, res) => {
        reject(new Error(`refused with ${res.statusCode}`));
        res.resume();
      });
      socket.on('error', reject);
    });

  it('sends each event recorded afterwards that the query matches for the caller, one document per message', async () => {
    await capture([objectEvent('shipping')]); // before the connection: not sent
    const { socket, messages } = await connect('/epcis/queries/shipments/events?stream=true', tok.brand!);
    try {
      const events = [objectEvent('shipping'), objectEvent('receiving'), objectEvent('shipping')];
      await capture(events);
      // o's events match o's own query of that name, never the brand's.
      await capture([objectEvent('shipping')], tok.o!);
      await until('two messages', () => messages.length >= 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(messages.map((m) => eventsOf(m)[0]!.eventID)).toEqual([events[0]!.eventID, events[2]!.eventID]);
      for (const m of messages) {
        expect(validator.validate(m)).toEqual([]);
        expect(m.epcisBody.queryResults.queryName).toBe('shipments');
        expect(eventsOf(m)).toHaveLength(1);
      }
    } finally {
      socket.terminate();
    }
  });

  it('resumes from initialRecordTime, so a client that reconnects misses nothing', async () => {
    const from = new Date().toISOString();
    const event = objectEvent('shipping');
    await capture([event]);
    const { socket, messages } = await connect(
      `/epcis/queries/shipments/events?stream=true&initialRecordTime=${from}`,
      tok.brand!,
    );
    try {
      await until('the event recorded before the connection', () => messages.length >= 1);
      expect(eventsOf(messages[0]!)[0]!.eventID).toBe(event.eventID);
    } finally {
      socket.terminate();
    }
  });

  it('refuses, before the upgrade, a caller without a token, a query not the caller’s, and a missing stream=true', async () => {
    await expect(connect('/epcis/queries/shipments/events?stream=true')).rejects.toThrow(/401/);
    await expect(connect('/epcis/queries/receipts/events?stream=true', tok.brand!)).rejects.toThrow(/404/);
    await expect(connect('/epcis/queries/shipments/events', tok.brand!)).rejects.toThrow(/400/);
    const plain = await t.call('GET', '/epcis/queries/shipments/events?stream=true', tok.brand!);
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors[0].pointer).toBe('/stream');
  });

  it('closes with 4404 when the query is deleted', async () => {
    expect((await t.call('POST', '/epcis/queries', tok.s!, { name: 'brief', query: {} })).statusCode).toBe(
      201,
    );
    const { socket } = await connect('/epcis/queries/brief/events?stream=true', tok.s!);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    expect((await t.call('DELETE', '/epcis/queries/brief', tok.s!)).statusCode).toBe(204);
    expect(await closed).toBe(4404);
  });
});
