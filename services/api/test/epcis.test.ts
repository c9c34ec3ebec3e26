// GS1 EPCIS 2.0 capture and query through the HTTP API, on both databases: GS1's 47 example documents
// round-trip, bad documents are refused with pointers and store nothing (rollback) or only the good
// events (proceed), query parameters filter and page, and tenants see only their chain's events.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaValidator } from '@groundtruth/epcis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const EXAMPLES = readdirSync(join(GS1_DIR, 'examples'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.jsonld'))
  .sort();
const readExample = (file: string) => JSON.parse(readFileSync(join(GS1_DIR, 'examples', file), 'utf8'));
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);

// biome-ignore lint/suspicious/noExplicitAny: EPCIS documents as parsed JSON, walked freely by the tests
type Json = Record<string, any>;
const eventsOf = (doc: Json): Json[] =>
  doc.type === 'EPCISQueryDocument'
    ? doc.epcisBody.queryResults.resultsBody.eventList
    : doc.epcisBody.eventList;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function capture(token: string, document: object, behaviour?: 'rollback' | 'proceed') {
  return t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: JSON.stringify(document),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/ld+json',
      ...(behaviour ? { 'gs1-capture-error-behaviour': behaviour } : {}),
    },
  });
}

/** One event, minimal and valid, for the tests that build their own documents. */
function objectEvent(overrides: Json = {}): Json {
  return {
    type: 'ObjectEvent',
    eventTime: '2026-10-01T08:00:00.000+00:00',
    eventTimeZoneOffset: '+00:00',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    ...overrides,
  };
}
const documentOf = (events: Json[], context: unknown[] = []) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', ...context],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-01T09:00:00.000Z',
  epcisBody: { eventList: events },
});

describe('the 47 GS1 example documents', () => {
  it('are all present', () => {
    expect(EXAMPLES).toHaveLength(47);
  });

  it('each is captured and comes back from the query interface equal in meaning', async () => {
    const kinds = Object.fromEntries(EXAMPLES.map((_, i) => [`example-${i}`, 'supplier' as const]));
    const ids = await t.seedOrganisations(kinds);
    for (const [i, file] of EXAMPLES.entries()) {
      const token = await t.token('supplier', { organisationId: ids[`example-${i}`] });
      const document = readExample(file);
      const originals = eventsOf(document);
      const res = await capture(token, document);
      expect(res.statusCode, `${file}: ${res.body}`).toBe(202);
      expect(res.headers.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
      const job = res.json();
      expect(job, file).toMatchObject({ running: false, success: true, errors: [] });
      expect(job.events, file).toHaveLength(originals.length);

      const jobAgain = await t.call('GET', res.headers.location as string, token);
      expect(jobAgain.json()).toEqual(job);

      for (const [n, original] of originals.entries()) {
        const stored = job.events[n];
        expect(stored.hashID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
        expect(stored.eventID).toBe(original.eventID ?? stored.hashID);
        const got = await t.call('GET', `/epcis/events/${encodeURIComponent(stored.eventID)}`, token);
        expect(got.statusCode, `${file} event ${n}: ${got.body}`).toBe(200);
        const queryDocument = got.json();
        expect(validator.validate(queryDocument), `${file}: the query document is schema-valid`).toEqual([]);
        const returned = eventsOf(queryDocument)[0]!;
        const { recordTime, '@context': eventContext, ...rest } = returned;
        expect(Date.parse(recordTime)).not.toBeNaN();
        const { recordTime: _ignored, ...expected } = original;
        expect(rest, `${file} event ${n}`).toEqual({ ...expected, eventID: stored.eventID });
        // The namespaces the document declared travel with the event.
        const declared = (
          Array.isArray(document['@context']) ? document['@context'] : [document['@context']]
        ).filter((c: unknown) => !(typeof c === 'string' && c.endsWith('epcis-context.jsonld')));
        const carried =
          eventContext === undefined ? [] : Array.isArray(eventContext) ? eventContext : [eventContext];
        expect(carried, file).toEqual(declared);
      }
    }
  });
});

describe('capture refuses what EPCIS 2.0 and CBV 2.0 do not allow', () => {
  let token: string;
  let ledgerSize: () => Promise<number>;
  beforeAll(async () => {
    const { s } = await t.seedOrganisations({ s: 'supplier' });
    token = await t.token('supplier', { organisationId: s });
    ledgerSize = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
  });

  const cases: [string, Json, string][] = [
    ['a bare word CBV does not define', objectEvent({ bizStep: 'shippingx' }), '/bizStep'],
    [
      "a term in GS1's CBV namespace that CBV does not list",
      objectEvent({ bizStep: 'https://ref.gs1.org/cbv/BizStep-teleporting' }),
      '/bizStep',
    ],
    [
      'a compact cbv: term CBV does not list',
      objectEvent({ disposition: 'cbv:Disp-lost_at_sea' }),
      '/disposition',
    ],
    [
      'a CBV URN (not allowed in JSON)',
      objectEvent({ bizStep: 'urn:epcglobal:cbv:bizstep:shipping' }),
      '/bizStep',
    ],
    [
      'an unknown business transaction type',
      objectEvent({
        bizTransactionList: [{ type: 'invoice', bizTransaction: 'urn:epc:id:gdti:0614141.00001.1618034' }],
      }),
      '/bizTransactionList/0/type',
    ],
    ['a missing eventTime', objectEvent({ eventTime: undefined }), ''],
    ['a wrong action', objectEvent({ action: 'MAYBE' }), '/action'],
    ['an eventTime that is not a date-time', objectEvent({ eventTime: 'yesterday' }), '/eventTime'],
    ['a readPoint that is not a URI', objectEvent({ readPoint: { id: 'the barn' } }), '/readPoint/id'],
  ];
  for (const [name, bad, field] of cases) {
    it(`rejects ${name}, naming the field, and stores nothing of the document`, async () => {
      const before = await ledgerSize();
      const res = await capture(
        token,
        documentOf([objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` }), bad]),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.errors.map((e: Json) => e.pointer)).toContain(`/epcisBody/eventList/1${field}`);
      expect(problem.errors.every((e: Json) => e.pointer.startsWith('/epcisBody/eventList/1'))).toBe(true);
      expect(await ledgerSize()).toBe(before);
      // The job says so too.
      const job = (await t.call('GET', res.headers.location as string, token)).json();
      expect(job).toMatchObject({
        running: false,
        success: false,
        captureErrorBehaviour: 'rollback',
        events: [],
      });
      expect(job.errors.length).toBeGreaterThan(0);
    });
  }

  it('accepts terms of the capturing party’s own namespace and CBV terms in URI form', async () => {
    const res = await capture(
      token,
      documentOf(
        [
          objectEvent({ bizStep: 'https://ns.example.com/bizstep/fermenting' }),
          objectEvent({
            bizStep: 'https://ref.gs1.org/cbv/BizStep-receiving',
            disposition: 'cbv:Disp-in_progress',
          }),
        ],
        [{ example: 'https://ns.example.com/' }],
      ),
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().events).toHaveLength(2);
  });

  it('with proceed, stores the good events and lists the bad ones in the job', async () => {
    const before = await ledgerSize();
    const good = objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` });
    const res = await capture(
      token,
      documentOf([good, objectEvent({ bizStep: 'shippingx' }), objectEvent({ disposition: 'in_transit_x' })]),
      'proceed',
    );
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({ success: false, captureErrorBehaviour: 'proceed' });
    expect(job.events.map((e: Json) => e.eventID)).toEqual([good.eventID]);
    expect(job.errors.map((e: Json) => e.pointer).sort()).toEqual([
      '/epcisBody/eventList/1/bizStep',
      '/epcisBody/eventList/2/disposition',
    ]);
    expect(await ledgerSize()).toBe(before + 1);
  });

  it('refuses an eventID captured before, and one given twice in a document', async () => {
    const event = objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` });
    expect((await capture(token, documentOf([event]))).statusCode).toBe(202);
    const again = await capture(token, documentOf([event]));
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ pointer: '/epcisBody/eventList/0/eventID' });
    expect(again.json().errors[0].detail).toMatch(/already captured/);
    const other = objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` });
    const twice = await capture(token, documentOf([other, other]));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].detail).toMatch(/more than once/);
  });

  it('refuses what is not an EPCIS document, whatever the error behaviour', async () => {
    for (const body of [{ type: 'Invoice' }, { type: 'EPCISDocument' }, [1, 2]]) {
      const res = await capture(token, body, 'proceed');
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload: '{"type": "EPCISDocument", ',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json' },
    });
    expect(broken.statusCode).toBe(400);
    const behaviour = await t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload: JSON.stringify(documentOf([objectEvent()])),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'gs1-capture-error-behaviour': 'sometimes',
      },
    });
    expect(behaviour.statusCode).toBe(400);
    expect(behaviour.json().errors[0]).toMatchObject({ in: 'headers' });
  });

  it('refuses a quantity beyond its unit’s bound in a quantity list, naming it, and stores nothing', async () => {
    const before = await ledgerSize();
    const element = (quantity: number, uom?: string) => ({
      epcClass: 'urn:epc:class:lgtin:4012345.012345.998877',
      quantity,
      ...(uom ? { uom } : {}),
    });
    const res = await capture(
      token,
      documentOf([
        objectEvent({
          eventID: `urn:uuid:${crypto.randomUUID()}`,
          quantityList: [element(1e9, 'KGM'), element(1.5e15, 'KGM'), element(2e9), element(1e300, 'LTR')],
        }),
      ]),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: Json) => e.pointer)).toEqual([
      '/epcisBody/eventList/0/quantityList/1/quantity',
      '/epcisBody/eventList/0/quantityList/2/quantity',
      '/epcisBody/eventList/0/quantityList/3/quantity',
    ]);
    expect(await ledgerSize()).toBe(before);
    // 10^9 kg is the bound itself: accepted.
    const atBound = await capture(
      token,
      documentOf([
        objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}`, quantityList: [element(1e9, 'KGM')] }),
      ]),
    );
    expect(atBound.statusCode, atBound.body).toBe(202);
  });

  it('survives 600 mutated GS1 examples and junk bodies without a 5xx or a partial write', async () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    // Numbers JSON.stringify cannot write (1e309 parses to Infinity) and decimals longer than a double
    // holds go in as placeholders, replaced in the text sent.
    const RAW_NUMBERS = [
      '1e309',
      '-1e309',
      '123456789012345678901234567890.123456789',
      '1e-400',
      '9'.repeat(400),
    ];
    const rawNumber = () => `__raw_${Math.floor(random() * RAW_NUMBERS.length)}__`;
    // Text no column can hold: NUL, lone high and low surrogates, a pair cut in half.
    const unsafeText = () =>
      pick(['ab\u0000c', '\u0000', 'abc\ud800', '\udc00abc', 'x\ud83d', '\ud83dx\ude00']);
    const nested = (levels: number): unknown => (levels === 0 ? 'bottom' : { 'ex:n': nested(levels - 1) });
    const junk = (depth: number): unknown =>
      pick<() => unknown>([
        () => null,
        () => pick([0, -1, 1e308, 0.1, Number.MAX_SAFE_INTEGER]),
        rawNumber,
        unsafeText,
        () => nested(55 + Math.floor(random() * 15)),
        () => ({ [unsafeText()]: 1 }),
        () =>
          pick([
            '',
            'shipping',
            'urn:epc:id:sgtin:0614141.107346.2017',
            'cbv:BizStep-x',
            '💥'.repeat(40),
            'a'.repeat(3000),
          ]),
        () => (depth > 4 ? [] : Array.from({ length: Math.floor(random() * 3) }, () => junk(depth + 1))),
        () => (depth > 4 ? {} : { [pick(['type', 'id', 'epcList', 'value', '@context'])]: junk(depth + 1) }),
      ])();
    const mutate = (node: unknown, depth: number): unknown => {
      if (node === null || typeof node !== 'object') return random() < 0.15 ? junk(depth) : node;
      if (Array.isArray(node)) return node.map((n) => mutate(n, depth + 1));
      const out: Json = {};
      for (const [k, v] of Object.entries(node)) {
        const r = random();
        if (r < 0.05) continue; // drop a field
        out[k] = r < 0.12 ? junk(depth) : mutate(v, depth + 1);
      }
      return out;
    };
    const deep = (n: number): unknown => (n === 0 ? 'x' : { eventList: [deep(n - 1)] });
    const before = await ledgerSize();
    const epcisEvents = async () =>
      Number((await t.runtime.db.query<{ n: string }>('SELECT count(*)::text AS n FROM epcis_events'))[0]!.n);
    const eventsBefore = await epcisEvents();
    const statuses = new Map<number, number>();
    let stored = 0;
    for (let i = 0; i < 600; i++) {
      const body = i % 10 === 9 ? deep(200 + i) : mutate(readExample(pick(EXAMPLES)), 0);
      const text = JSON.stringify(body).replace(/"__raw_(\d)__"/g, (_, n) => RAW_NUMBERS[Number(n)]!);
      const res = await t.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        payload: text,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/ld+json',
          'gs1-capture-error-behaviour': i % 2 ? 'proceed' : 'rollback',
        },
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) throw new Error(`capture answered ${res.statusCode}: ${res.body}`);
      if (res.statusCode === 202) stored += res.json().events.length;
    }
    // Exactly the events the jobs say were stored reached the ledger: nothing partial from refusals.
    expect(await ledgerSize()).toBe(before + stored);
    expect(await epcisEvents()).toBe(eventsBefore + stored);
    expect(statuses.get(400)).toBeGreaterThan(100);
  }, 120_000);

  it('advertises its limits', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/epcis/capture' });
    expect(res.statusCode).toBe(204);
    expect(Number(res.headers['gs1-epcis-capture-limit'])).toBeGreaterThan(0);
    expect(Number(res.headers['gs1-epcis-capture-file-size-limit'])).toBeGreaterThan(0);
    expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
  });
});

describe('the events query', () => {
  let token: string;
  let ids: Record<string, string>;
  const run = `urn:uuid:${crypto.randomUUID()}`.slice(-12);
  const epc = (n: number) => `urn:epc:id:sgtin:0614141.${run.replace(/-/g, '').slice(0, 6)}.${n}`;
  const farm = 'https://id.gs1.org/414/0614141000005';
  const store = 'https://id.gs1.org/414/0614141000012';
  const events = [
    objectEvent({
      eventTime: '2026-09-01T08:00:00Z',
      epcList: [epc(1)],
      bizStep: 'commissioning',
      action: 'ADD',
      bizLocation: { id: farm },
    }),
    objectEvent({
      eventTime: '2026-09-02T08:00:00Z',
      epcList: [epc(1), epc(2)],
      bizStep: 'shipping',
      bizLocation: { id: farm },
    }),
    objectEvent({
      eventTime: '2026-09-03T08:00:00+02:00',
      epcList: [epc(2)],
      bizStep: 'receiving',
      bizLocation: { id: store },
    }),
    {
      type: 'AggregationEvent',
      eventTime: '2026-09-04T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      childEPCs: [epc(3)],
      action: 'ADD',
      bizStep: 'packing',
      bizLocation: { id: store },
    },
    {
      type: 'TransformationEvent',
      eventTime: '2026-09-05T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      inputEPCList: [epc(2)],
      outputEPCList: [epc(4)],
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
    },
  ];
  const query = async (qs: string, as = token) => {
    const res = await t.call('GET', `/epcis/events?${qs}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const times = async (qs: string) =>
    eventsOf((await query(qs)).json()).map((e) => new Date(e.eventTime).toISOString().slice(0, 10));

  beforeAll(async () => {
    ids = await t.seedOrganisations(
      { brand: 'brand', coop: 'supplier', farmer: 'supplier', stranger: 'supplier' },
      [
        ['brand', 'coop'],
        ['coop', 'farmer'],
      ],
    );
    token = await t.token('supplier', { organisationId: ids.farmer });
    const res = await capture(token, documentOf(events));
    expect(res.statusCode, res.body).toBe(202);
  });

  it('filters by eventType, event time, bizStep in either spelling, location and EPCs', async () => {
    expect(await times('eventType=AggregationEvent')).toEqual(['2026-09-04']);
    expect(await times('eventType=AggregationEvent|TransformationEvent')).toEqual([
      '2026-09-04',
      '2026-09-05',
    ]);
    expect(await times('eventType=AggregationEvent&eventType=TransformationEvent')).toHaveLength(2);
    expect(await times('GE_eventTime=2026-09-02T08:00:00Z&LT_eventTime=2026-09-04T00:00:00Z')).toEqual([
      '2026-09-02',
      '2026-09-03',
    ]);
    // 08:00+02:00 is 06:00Z: before 07:00Z.
    expect(await times('GE_eventTime=2026-09-03T00:00:00Z&LT_eventTime=2026-09-03T07:00:00Z')).toEqual([
      '2026-09-03',
    ]);
    expect(await times('EQ_bizStep=commissioning')).toEqual(['2026-09-01', '2026-09-05']);
    expect(
      await times(`EQ_bizStep=${encodeURIComponent('https://ref.gs1.org/cbv/BizStep-commissioning')}`),
    ).toEqual(['2026-09-01', '2026-09-05']);
    expect(await times(`EQ_bizLocation=${encodeURIComponent(store)}`)).toEqual(['2026-09-03', '2026-09-04']);
    expect(await times(`MATCH_epc=${encodeURIComponent(epc(2))}`)).toEqual(['2026-09-02', '2026-09-03']);
    expect(await times(`MATCH_anyEPC=${encodeURIComponent(epc(2))}`)).toEqual([
      '2026-09-02',
      '2026-09-03',
      '2026-09-05',
    ]);
    expect(await times(`MATCH_anyEPC=${encodeURIComponent('urn:epc:id:sscc:0614141.1234567890')}`)).toEqual([
      '2026-09-04',
    ]);
    expect(await times(`MATCH_epc=${encodeURIComponent(epc(3))}`)).toEqual(['2026-09-04']);
    const pattern = epc(0).replace(/\.0$/, '.*').replace('urn:epc:id:', 'urn:epc:idpat:');
    expect(await times(`MATCH_epc=${encodeURIComponent(pattern)}`)).toHaveLength(4);
    expect(await times('EQ_action=ADD&eventType=ObjectEvent')).toEqual(['2026-09-01']);
  });

  it('pages with nextPageToken and a Link header, in either order, with nothing lost or repeated', async () => {
    for (const order of [
      'orderBy=eventTime&orderDirection=DESC',
      'orderBy=recordTime',
      'orderBy=eventTime',
    ]) {
      const seen: string[] = [];
      let url: string | undefined = `/epcis/events?perPage=2&${order}`;
      let pages = 0;
      while (url) {
        const res = await t.call('GET', url, token);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...eventsOf(res.json()).map((e) => e.eventID));
        const link = res.headers.link as string | undefined;
        url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
        pages++;
      }
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(events.length);
      if (order.includes('eventTime')) {
        const all = eventsOf((await query(`perPage=100&${order}`)).json()).map((e) => e.eventID);
        expect(seen).toEqual(all);
      }
    }
  });

  it('refuses a token from another query, unknown parameters and bad times, naming them', async () => {
    const first = await query('perPage=1&eventType=ObjectEvent');
    const next = new URL(`http://x${/^<([^>]+)>/.exec(first.headers.link as string)![1]}`).searchParams.get(
      'nextPageToken',
    );
    const mismatched = await t.call(
      'GET',
      `/epcis/events?perPage=1&eventType=AggregationEvent&nextPageToken=${next}`,
      token,
    );
    expect(mismatched.statusCode).toBe(400);
    expect(mismatched.json().errors[0]).toMatchObject({ in: 'query', pointer: '/nextPageToken' });
    const forged = await t.call('GET', '/epcis/events?nextPageToken=bm90LWEtdG9rZW4', token);
    expect(forged.statusCode).toBe(400);
    // A real token with keys beyond a bigint (the SQL compares them as bigint): 400, not 500.
    const byTime = 'perPage=1&eventType=ObjectEvent&orderBy=eventTime';
    const page = await query(byTime);
    const issued = new URL(`http://x${/^<([^>]+)>/.exec(page.headers.link as string)![1]}`).searchParams.get(
      'nextPageToken',
    )!;
    const real = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8'));
    expect(real.t).toMatch(/^\d+$/);
    for (const key of ['i', 't']) {
      const huge = Buffer.from(JSON.stringify({ ...real, [key]: '9'.repeat(30) })).toString('base64url');
      const res = await t.call('GET', `/epcis/events?${byTime}&nextPageToken=${huge}`, token);
      expect(res.statusCode, `${key}: ${res.body}`).toBe(400);
      expect(res.json().errors[0]).toMatchObject({
        pointer: '/nextPageToken',
        detail: 'not a token this server issued',
      });
    }
    const unknown = await t.call('GET', '/epcis/events?EQ_colour=red', token);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { in: 'query', pointer: '/EQ_colour', detail: 'is not a recognised property' },
    ]);
    const badTime = await t.call('GET', '/epcis/events?GE_eventTime=last-week', token);
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().errors[0]).toMatchObject({ in: 'query', pointer: '/GE_eventTime' });
  });

  it('matches an EPC written as an EPC URN or as a GS1 Digital Link URI, whichever form was captured', async () => {
    const urn = 'urn:epc:id:sgtin:0614141.107346.90001';
    const urnAsLink = 'https://id.gs1.org/01/10614141073464/21/90001';
    const link = 'https://example.com/01/10614141073464/21/90002?17=280101';
    const linkAsUrn = 'urn:epc:id:sgtin:0614141.107346.90002';
    // A laboratory of its own, so these events stay out of the farmer's counts in the other tests.
    const { lab } = await t.seedOrganisations({ lab: 'supplier' });
    const labToken = await t.token('supplier', { organisationId: lab });
    const times = async (qs: string) => {
      const res = await t.call('GET', `/epcis/events?${qs}`, labToken);
      expect(res.statusCode, res.body).toBe(200);
      return eventsOf(res.json()).map((e) => new Date(e.eventTime).toISOString().slice(0, 10));
    };
    const captured = await capture(
      labToken,
      documentOf(
        [urn, link].map((epcValue, n) => ({
          type: 'ObjectEvent',
          eventTime: `2026-10-0${n + 1}T08:00:00Z`,
          eventTimeZoneOffset: '+00:00',
          epcList: [epcValue],
          action: 'OBSERVE',
          bizStep: 'inspecting',
        })),
      ),
    );
    expect(captured.statusCode, captured.body).toBe(202);
    expect(await times(`MATCH_epc=${encodeURIComponent(urn)}`)).toEqual(['2026-10-01']);
    expect(await times(`MATCH_epc=${encodeURIComponent(urnAsLink)}`)).toEqual(['2026-10-01']);
    expect(await times(`MATCH_anyEPC=${encodeURIComponent(linkAsUrn)}`)).toEqual(['2026-10-02']);
    expect(
      await times(`MATCH_epc=${encodeURIComponent('https://id.gs1.org/01/10614141073464/21/90002')}`),
    ).toEqual(['2026-10-02']);
    // A pattern over EPC URNs finds what was captured as a URN; the Digital Link capture has no URN to match.
    expect(await times(`MATCH_epc=${encodeURIComponent('urn:epc:idpat:sgtin:0614141.107346.*')}`)).toEqual([
      '2026-10-01',
    ]);
    // The events come back exactly as captured.
    const res = await t.call('GET', `/epcis/events?MATCH_epc=${encodeURIComponent(linkAsUrn)}`, labToken);
    const [event] = eventsOf(res.json());
    expect(event!.epcList).toEqual([link]);
  });

  it('serves the top-level resources: their values in pages, and the events of each value', async () => {
    const collection = async (path: string, as = token) => {
      const res = await t.call('GET', `/epcis/${path}`, as);
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const bizSteps = (await collection('bizSteps')).json();
    expect(bizSteps).toMatchObject({ type: 'Collection' });
    // Stored in canonical form, whichever spelling was captured.
    expect(bizSteps.member).toEqual(
      expect.arrayContaining([
        'https://ref.gs1.org/cbv/BizStep-commissioning',
        'https://ref.gs1.org/cbv/BizStep-receiving',
        'https://ref.gs1.org/cbv/BizStep-packing',
      ]),
    );
    expect([...bizSteps.member].sort()).toEqual(bizSteps.member);
    // One per page, following the Link header, gives the same list.
    const paged: string[] = [];
    let next: string | undefined = '/epcis/bizSteps?perPage=1';
    while (next) {
      const res = await t.call('GET', next, token);
      expect(res.statusCode, res.body).toBe(200);
      paged.push(...res.json().member);
      next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
    }
    expect(paged).toEqual(bizSteps.member);
    expect(
      (await t.call('GET', '/epcis/readPoints?nextPageToken=junk', token)).json().errors[0].pointer,
    ).toBe('/nextPageToken');
    // EPCs as captured: the canonical spellings indexed beside them are not listed.
    const epcs = (await collection('epcs?perPage=1000')).json().member as string[];
    expect(epcs).toEqual(expect.arrayContaining([epc(2), 'urn:epc:id:sscc:0614141.1234567890']));
    expect(epcs.some((e) => e.startsWith('https://id.gs1.org/'))).toBe(false);
    expect((await collection('bizLocations')).json().member).toContain(store);
    // A stranger sees no values at all.
    const stranger = await t.token('supplier', { organisationId: ids.stranger });
    expect((await collection('bizSteps', stranger)).json().member).toEqual([]);
    // The events of one value are the events query with that filter.
    const timesOf = async (path: string) =>
      eventsOf((await collection(path)).json()).map((e) => new Date(e.eventTime).toISOString().slice(0, 10));
    expect(await timesOf(`epcs/${encodeURIComponent(epc(2))}/events`)).toEqual([
      '2026-09-02',
      '2026-09-03',
      '2026-09-05',
    ]);
    expect(await timesOf(`bizSteps/${encodeURIComponent('commissioning')}/events`)).toEqual([
      '2026-09-01',
      '2026-09-05',
    ]);
    expect(
      await timesOf(`bizLocations/${encodeURIComponent(store)}/events?eventType=AggregationEvent`),
    ).toEqual(['2026-09-04']);
    expect(await timesOf('eventTypes/TransformationEvent/events')).toEqual(['2026-09-05']);
    expect((await t.call('GET', '/epcis/eventTypes/NoSuchEvent/events', token)).statusCode).toBe(400);
  });

  it('shows events to the brand the farmer supplies, not to a stranger; only suppliers capture', async () => {
    const compliance = await t.token('compliance', { organisationId: ids.brand });
    expect(eventsOf((await query('perPage=100', compliance)).json())).toHaveLength(events.length);
    const stranger = await t.token('supplier', { organisationId: ids.stranger });
    expect(eventsOf((await query('perPage=100', stranger)).json())).toHaveLength(0);
    const [one] = eventsOf((await query('perPage=1')).json());
    const id = encodeURIComponent(one!.eventID);
    expect((await t.call('GET', `/epcis/events/${id}`, compliance)).statusCode).toBe(200);
    expect((await t.call('GET', `/epcis/events/${id}`, stranger)).statusCode).toBe(404);
    const size = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
    const before = await size();
    expect((await capture(compliance, documentOf([objectEvent()]))).statusCode).toBe(403);
    const adminWithoutOrganisation = await t.token('admin');
    expect((await capture(adminWithoutOrganisation, documentOf([objectEvent()]))).statusCode).toBe(403);
    expect(await size()).toBe(before);
    const job = await capture(token, documentOf([objectEvent()]));
    expect((await t.call('GET', job.headers.location as string, stranger)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/epcis/events' })).statusCode).toBe(401);
  });

  it('finds an event by its CBV hash ID as well as its eventID', async () => {
    const event = objectEvent({
      eventID: `urn:uuid:${crypto.randomUUID()}`,
      eventTime: '2026-08-01T00:00:00Z',
    });
    const job = (await capture(token, documentOf([event]))).json();
    const byHash = await t.call('GET', `/epcis/events/${encodeURIComponent(job.events[0].hashID)}`, token);
    expect(byHash.statusCode).toBe(200);
    expect(eventsOf(byHash.json())[0]!.eventID).toBe(event.eventID);
  });

  it('lists the event types', async () => {
    const res = await t.app.inject({ url: '/epcis/eventTypes' });
    expect(res.json().member).toEqual([
      'ObjectEvent',
      'AggregationEvent',
      'TransactionEvent',
      'TransformationEvent',
      'AssociationEvent',
    ]);
  });
});
