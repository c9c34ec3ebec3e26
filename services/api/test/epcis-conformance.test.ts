// Three faults the outside EPCIS 2.0 conformance documents found (issue 17), on both databases: an
// event's own @context adds to its document's instead of replacing it; eventCountLimit is a standard
// query parameter and EQ_action is checked as SimpleEventQuery says; a field an event type may not
// carry is refused naming the field and the rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaValidator } from '@groundtruth/epcis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by shape, checked by the assertions
type Json = Record<string, any>;
let t: TestApp;
let token: string;
let otherToken: string;
const ledgerSize = async () =>
  Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);

beforeAll(async () => {
  t = await buildTestApp();
  const ids = await t.seedOrganisations({ s: 'supplier', o: 'supplier' });
  token = await t.token('supplier', { organisationId: ids.s });
  otherToken = await t.token('supplier', { organisationId: ids.o });
});
afterAll(async () => {
  await t.close();
});

const capture = (document: object, as = token) =>
  t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: JSON.stringify(document),
    headers: { authorization: `Bearer ${as}`, 'content-type': 'application/ld+json' },
  });
const documentOf = (events: Json[], context: unknown[] = []) => ({
  '@context': [EPCIS_CONTEXT, ...context],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-01T09:00:00.000Z',
  epcisBody: { eventList: events },
});
const objectEvent = (overrides: Json = {}): Json => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: '2026-10-01T08:00:00.000+00:00',
  eventTimeZoneOffset: '+00:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  action: 'OBSERVE',
  bizStep: 'shipping',
  ...overrides,
});
const eventsOf = (doc: Json): Json[] => doc.epcisBody.queryResults.resultsBody.eventList;

describe('an event with its own @context', () => {
  it('comes back with the document’s prefixes and its own, so every extension still resolves', async () => {
    const event = objectEvent({
      '@context': [{ ext2: 'https://ext2.example.org/' }],
      'ext1:name': 'declared by the document',
      'ext2:name': 'declared by the event',
    });
    const res = await capture(documentOf([event], [{ ext1: 'https://ext1.example.org/' }]));
    expect(res.statusCode, res.body).toBe(202);
    const got = await t.call('GET', `/epcis/events/${encodeURIComponent(event.eventID)}`, token);
    expect(got.statusCode, got.body).toBe(200);
    expect(validator.validate(got.json())).toEqual([]);
    const [returned] = eventsOf(got.json());
    const declared = new Map<string, string>();
    for (const entry of returned!['@context'] as unknown[])
      if (entry && typeof entry === 'object') for (const [k, v] of Object.entries(entry)) declared.set(k, v);
    // Every prefix an extension field uses is declared in the context the event carries.
    for (const field of Object.keys(returned!).filter((k) => /^[a-z0-9]+:/.test(k)))
      expect(declared.has(field.split(':')[0]!), field).toBe(true);
    expect(declared.get('ext1')).toBe('https://ext1.example.org/');
    expect(declared.get('ext2')).toBe('https://ext2.example.org/');
  });
});

describe('SimpleEventQuery parameters', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      objectEvent({ eventTime: `2026-10-01T08:0${i}:00.000+00:00`, bizStep: 'receiving' }),
    );
    ids.push(...events.map((e) => e.eventID));
    const res = await capture(documentOf(events));
    expect(res.statusCode, res.body).toBe(202);
  });

  it('eventCountLimit caps the result, across pages too', async () => {
    const one = await t.call(
      'GET',
      '/epcis/events?EQ_bizStep=receiving&eventCountLimit=3&orderBy=eventTime&orderDirection=ASC',
      token,
    );
    expect(one.statusCode, one.body).toBe(200);
    expect(eventsOf(one.json()).map((e) => e.eventID)).toEqual(ids.slice(0, 3));
    expect(one.headers.link).toBeUndefined();

    const seen: string[] = [];
    let url: string | undefined =
      '/epcis/events?EQ_bizStep=receiving&eventCountLimit=3&orderBy=eventTime&orderDirection=ASC&perPage=2';
    while (url) {
      const page = await t.call('GET', url, token);
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...eventsOf(page.json()).map((e) => e.eventID));
      url = /<([^>]+)>;\s*rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
    }
    expect(seen).toEqual(ids.slice(0, 3));
  });

  it('eventCountLimit caps the latest events too (orderDirection DESC)', async () => {
    const latest = await t.call(
      'GET',
      '/epcis/events?EQ_bizStep=receiving&eventCountLimit=2&orderBy=eventTime&orderDirection=DESC',
      token,
    );
    expect(latest.statusCode, latest.body).toBe(200);
    expect(eventsOf(latest.json()).map((e) => e.eventID)).toEqual(ids.slice(3).reverse());
  });

  it('eventCountLimit must be a positive integer', async () => {
    const res = await t.call('GET', '/epcis/events?eventCountLimit=0&orderBy=eventTime', token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: Json) => e.pointer)).toContain('/eventCountLimit');
  });

  const refused: [string, string, string][] = [
    ['an action EPCIS does not define', 'EQ_action=MAYBE', 'EQ_action'],
    [
      'EQ_action with only event types that have no action',
      'EQ_action=ADD&eventType=TransformationEvent',
      'EQ_action',
    ],
    // EPCIS 2.0 §8.2.7.1: "if orderBy is omitted and eventCountLimit is specified, a
    // QueryParameterException SHALL be raised".
    ['eventCountLimit without orderBy', 'EQ_bizStep=receiving&eventCountLimit=3', 'eventCountLimit'],
  ];
  for (const [name, query, parameter] of refused) {
    it(`answers ${name} with the binding’s QueryParameterException`, async () => {
      const before = await ledgerSize();
      const res = await t.call('GET', `/epcis/events?${query}`, token);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.type).toBe('https://ref.gs1.org/standards/epcis/exceptions#QueryParameterException');
      expect(problem.errors).toEqual([expect.objectContaining({ in: 'query', pointer: `/${parameter}` })]);
      expect(await ledgerSize()).toBe(before);
    });
  }

  it('still answers EQ_action with an event type that has one', async () => {
    const res = await t.call(
      'GET',
      '/epcis/events?EQ_action=OBSERVE&eventType=ObjectEvent|TransformationEvent',
      token,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(eventsOf(res.json()).length).toBeGreaterThanOrEqual(5);
  });
});

describe('a field an event type may not carry', () => {
  it('is refused naming the field and the rule, and nothing is stored', async () => {
    const before = await ledgerSize();
    const aggregation = {
      type: 'AggregationEvent',
      eventTime: '2026-10-01T08:00:00.000+00:00',
      eventTimeZoneOffset: '+00:00',
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      childEPCs: ['urn:epc:id:sgtin:0614141.107346.2018'],
      action: 'ADD',
      bizStep: 'packing',
      persistentDisposition: { set: ['completeness_verified'] },
    };
    const res = await capture(documentOf([objectEvent(), aggregation]));
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json();
    expect(problem.errors, JSON.stringify(problem.errors)).toHaveLength(1);
    const [error] = problem.errors;
    expect(error.pointer).toBe('/epcisBody/eventList/1/persistentDisposition');
    expect(error.detail).toContain('AggregationEvent may not carry "persistentDisposition"');
    expect(error.detail).toContain('allows "persistentDisposition" on ObjectEvent, TransformationEvent only');
    expect(error.detail).not.toMatch(/eventList term/);
    expect(await ledgerSize()).toBe(before);
    // Nor is it readable by anyone.
    expect(
      (await t.call('GET', '/epcis/events?eventType=AggregationEvent', otherToken)).json(),
    ).toMatchObject({});
  });
});
