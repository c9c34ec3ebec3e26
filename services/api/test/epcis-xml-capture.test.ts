// XML capture (EPCIS 2.0 XML binding, decision 0029), on both databases: a custody chain (harvest →
// shipping → receiving with a transit loss → transformation) captured as XML writes the same batches,
// balances and trace as the same chain captured as JSON-LD, because the XML becomes that JSON-LD before
// the capture path sees it; XML that is malformed or that GS1's XSD refuses is a 400 naming what is
// wrong, and nothing is written.
import { epcisDocumentToXml } from '@groundtruth/epcis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by shape, checked by the assertions
type Json = Record<string, any>;
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 1, 8, minutes)).toISOString();

let t: TestApp;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};

const org = (key: string) => `urn:groundtruth:organisation:${ids[key]}`;
const lot = (name: string) => `urn:groundtruth:lot:${name}`;
const document = (events: Json[]) => ({
  '@context': [EPCIS_CONTEXT, { gt: 'urn:groundtruth:epcis:' }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-02T00:00:00Z',
  epcisBody: { eventList: events },
});
const movement = (bizStep: string, name: string, kg: number, minutes: number): Json => ({
  type: 'ObjectEvent',
  eventTime: at(minutes),
  eventTimeZoneOffset: '+00:00',
  action: 'OBSERVE',
  bizStep,
  disposition: bizStep === 'shipping' ? 'in_transit' : 'in_progress',
  quantityList: [{ epcClass: lot(name), quantity: kg, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: org('coop') }],
  destinationList: [{ type: 'owning_party', destination: org('exporter') }],
});

/** The chain, its lots named with `prefix` so that both captures live side by side. */
function chain(prefix: string, plot: string) {
  const coop = [
    {
      type: 'ObjectEvent',
      eventTime: at(0),
      eventTimeZoneOffset: '+00:00',
      action: 'ADD',
      bizStep: 'commissioning',
      quantityList: [{ epcClass: lot(`${prefix}-A`), quantity: 1000, uom: 'KGM' }],
      bizLocation: { id: `urn:groundtruth:plot:${plot}` },
      ilmd: { 'gt:season': '2026 main crop' },
    },
    movement('shipping', `${prefix}-A`, 1000, 10),
  ];
  const exporter = [
    movement('receiving', `${prefix}-A`, 990.5, 20),
    {
      type: 'TransformationEvent',
      eventTime: at(30),
      eventTimeZoneOffset: '+00:00',
      inputQuantityList: [{ epcClass: lot(`${prefix}-A`), quantity: 900, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: lot(`${prefix}-N`), quantity: 0.70025, uom: 'TNE' }],
      // The lot's master data, one entry per lot made: XML writes it as a <gt:lotData> element.
      ilmd: { 'gt:lotData': [{ 'gt:epcClass': lot(`${prefix}-N`), 'gt:material': 'cocoa_nibs' }] },
    },
  ];
  return { coop: document(coop), exporter: document(exporter) };
}

function capture(token: string, body: string | Json) {
  const xml = typeof body === 'string';
  return t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: xml ? body : JSON.stringify(body),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': xml ? 'application/xml' : 'application/ld+json',
    },
  });
}

async function footprint() {
  const count = async (table: string) =>
    Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return {
    entries: await count('ledger_entries'),
    batches: await count('batches'),
    events: await count('trace_events'),
    receipts: await count('transfer_receipts'),
    captured: await count('epcis_events'),
  };
}

/** A batch as /v1 shows it, without what differs between two chains by construction. */
async function batchByLot(organisation: string, name: string) {
  const [row] = await t.runtime.db.query<{ id: string }>(
    'SELECT id FROM batches WHERE organisation_id = $1 AND lot = $2',
    [ids[organisation], name],
  );
  expect(row, `${organisation}/${name}`).toBeDefined();
  const res = await t.call('GET', `/v1/batches/${row!.id}`, tok.admin!);
  expect(res.statusCode, res.body).toBe(200);
  const trace = await t.call('GET', `/v1/batches/${row!.id}/trace`, tok.admin!);
  expect(trace.statusCode, trace.body).toBe(200);
  const batch = res.json() as Json;
  return {
    quantity: batch.quantity,
    balance: batch.balance,
    material: batch.material,
    plots: (trace.json().plots as Json[]).map((p) => p.id),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  tok.admin = await t.token('admin');
  Object.assign(
    ids,
    await t.seedOrganisations({ coop: 'supplier', exporter: 'supplier' }, [['exporter', 'coop']]),
  );
  for (const key of ['coop', 'exporter']) tok[key] = await t.token('supplier', { organisationId: ids[key] });
  for (const [key, lon] of [
    ['jsonPlot', -1.908421],
    ['xmlPlot', -1.918421],
  ] as const) {
    const plot = await t.call('POST', '/v1/plots', tok.coop!, {
      organisationId: ids.coop,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(lon, 6.513262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    ids[key] = plot.json().id;
  }
}, 180_000);
afterAll(() => t.close());

describe('POST /epcis/capture with Content-Type: application/xml', () => {
  it('records a custody chain as the same chain captured as JSON-LD records it', async () => {
    const json = chain('J', ids.jsonPlot!);
    const xml = chain('X', ids.xmlPlot!);
    for (const [token, body] of [
      [tok.coop!, json.coop],
      [tok.exporter!, json.exporter],
      [tok.coop!, epcisDocumentToXml(xml.coop)],
      [tok.exporter!, epcisDocumentToXml(xml.exporter)],
    ] as const) {
      const res = await capture(token, body);
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().events).toHaveLength(2);
    }
    for (const [organisation, name] of [
      ['coop', 'A'],
      ['exporter', 'A'],
      ['exporter', 'N'],
    ] as const) {
      const fromJson = await batchByLot(organisation, `J-${name}`);
      const fromXml = await batchByLot(organisation, `X-${name}`);
      expect({ ...fromXml, plots: fromXml.plots.map((p) => (p === ids.xmlPlot ? 'plot' : p)) }).toEqual({
        ...fromJson,
        plots: fromJson.plots.map((p) => (p === ids.jsonPlot ? 'plot' : p)),
      });
    }
    // What the chain says, for the record: the receipt lost 9.5 kg in transit, the nibs came from the plot.
    expect((await batchByLot('exporter', 'X-A')).balance).toMatchObject({
      lost: '9500',
      consumed: '900000',
      available: '90500',
    });
    expect(await batchByLot('exporter', 'X-N')).toMatchObject({
      quantity: { value: '0.70025', unit: 'TNE' },
      material: 'cocoa_nibs',
      plots: [ids.xmlPlot],
    });
    // The captured events read back as JSON-LD say what the XML said, extension field included.
    const events = await t.call('GET', `/epcis/events?EQ_bizStep=commissioning&perPage=10`, tok.coop!);
    const harvests = (events.json() as Json).epcisBody.queryResults.resultsBody.eventList as Json[];
    const fromXml = harvests.find((e) => e.quantityList[0].epcClass === lot('X-A'))!;
    expect(fromXml.ilmd).toEqual({ 'gt:season': '2026 main crop' });
    expect(fromXml.bizLocation).toEqual({ id: `urn:groundtruth:plot:${ids.xmlPlot}` });
  });

  it.each([
    ['malformed XML', (xml: string) => xml.replace('</EPCISBody>', ''), /malformed|parser error|line \d+/],
    [
      'a field out of the XSD’s order',
      (xml: string) => xml.replace(/(<action>ADD<\/action>)(<bizStep>[^<]*<\/bizStep>)/, '$2$1'),
      /Element 'bizStep': This element is not expected/,
    ],
    [
      'a quantity that is not a decimal',
      (xml: string) => xml.replace('<quantity>1000</quantity>', '<quantity>a ton</quantity>'),
      /quantity/,
    ],
    [
      'a query document instead of a capture document',
      (xml: string) => xml.replace(/epcis:EPCISDocument/g, 'epcis:EPCISQueryDocument'),
      /EPCISQueryDocument/,
    ],
  ])('refuses %s with a 400 naming it, writing nothing', async (_name, spoil, detail) => {
    const good = epcisDocumentToXml(chain('BAD', ids.jsonPlot!).coop);
    const bad = spoil(good);
    expect(bad).not.toBe(good);
    const before = await footprint();
    const res = await capture(tok.coop!, bad);
    expect(res.statusCode, res.body).toBe(400);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const problem = res.json() as Json;
    expect(`${problem.detail} ${JSON.stringify(problem.errors)}`).toMatch(detail);
    expect(await footprint()).toEqual(before);
  });

  it('answers in JSON-LD an XML query for an event the XML binding cannot express', async () => {
    // gt:lotData's first shape, still read in JSON-LD (decision 0025): keyed by class, which is no
    // XML element name. The event is stored as sent; asked for as XML, it comes back as JSON-LD.
    const eventID = 'urn:uuid:5d1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d';
    const res = await capture(
      tok.coop!,
      document([
        {
          type: 'ObjectEvent',
          eventID,
          eventTime: at(50),
          eventTimeZoneOffset: '+00:00',
          action: 'OBSERVE',
          epcList: ['urn:epc:id:sgtin:0614141.107346.2018'],
          'gt:lotData': { 'urn:groundtruth:lot:OLD-1': { 'gt:material': 'cocoa_beans' } },
        },
      ]),
    );
    expect(res.statusCode, res.body).toBe(202);
    const asked = await t.app.inject({
      method: 'GET',
      url: `/epcis/events/${encodeURIComponent(eventID)}`,
      headers: { authorization: `Bearer ${tok.coop}`, accept: 'application/xml' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(String(asked.headers['content-type'])).toMatch(/^application\/json/);
    const [event] = (asked.json() as Json).epcisBody.queryResults.resultsBody.eventList as Json[];
    expect(event!['gt:lotData']).toEqual({ 'urn:groundtruth:lot:OLD-1': { 'gt:material': 'cocoa_beans' } });
  });

  it('refuses gt:lotData for a class none of the event’s lots has, in JSON-LD and XML, writing nothing', async () => {
    // A mistyped class would make the lot without its material: each unmatched entry is refused.
    const events = [
      {
        type: 'TransformationEvent',
        eventTime: at(50),
        eventTimeZoneOffset: '+00:00',
        inputQuantityList: [{ epcClass: lot('J-A'), quantity: 10, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: lot('LD-N'), quantity: 8, uom: 'KGM' }],
        ilmd: {
          'gt:lotData': [
            { 'gt:epcClass': lot('LD-N'), 'gt:material': 'cocoa_nibs' },
            { 'gt:epcClass': lot('LD-TYPO'), 'gt:material': 'cocoa_butter' },
          ],
        },
      },
    ];
    const before = await footprint();
    const asJson = await capture(tok.exporter!, document(events));
    const asXml = await capture(tok.exporter!, epcisDocumentToXml(document(events)));
    expect(asJson.statusCode, asJson.body).toBe(400);
    expect(String(asJson.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect((asJson.json() as Json).errors).toEqual([
      expect.objectContaining({ pointer: '/epcisBody/eventList/0/ilmd/gt:lotData/1' }),
    ]);
    expect(asXml.statusCode, asXml.body).toBe(400);
    expect((asXml.json() as Json).errors).toEqual((asJson.json() as Json).errors);
    expect(await footprint()).toEqual(before);
  });

  it('refuses XML that the binding reads but the capture rules refuse, as JSON-LD would be', async () => {
    // The exporter ships back more of lot J-A than it holds (90.5 kg after the chain above): the same
    // refusal as for JSON-LD, nothing written.
    const events = [
      {
        ...movement('shipping', 'J-A', 100, 40),
        sourceList: [{ type: 'owning_party', source: org('exporter') }],
        destinationList: [{ type: 'owning_party', destination: org('coop') }],
      },
    ];
    const before = await footprint();
    const asJson = await capture(tok.exporter!, document(events));
    const asXml = await capture(tok.exporter!, epcisDocumentToXml(document(events)));
    expect(asJson.statusCode, asJson.body).toBe(409);
    expect(asXml.statusCode).toBe(asJson.statusCode);
    expect((asXml.json() as Json).errors).toEqual((asJson.json() as Json).errors);
    expect(await footprint()).toEqual(before);
  });
});
