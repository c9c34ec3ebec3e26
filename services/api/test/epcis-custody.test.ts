// Captured EPCIS events that state custody facts go through the native rules (decision 0025), on both
// databases: a chain captured as one document (lots made earlier in it consumed later, an LGTIN
// product, party GLNs) writes batches, balances, a receipt's transit loss and a trace; a double spend
// sent as two shipping events of one lot is refused as the native one is; a supplier cannot harvest
// another's plot or ship another's lot through EPCIS; one refused event refuses the whole document,
// whatever the error behaviour; events that state no custody are stored as before; and the native
// events read as EPCIS map back to the facts they came from.
import { testDatabaseKind } from '@groundtruth/db';
import { gs1CheckDigit } from '@groundtruth/quantity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodyFromEpcis } from '../src/domains/epcis/custody-mapping.ts';
import { buildTestApp, holdWriter, probeEntry, square, type TestApp } from './helper.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by shape, checked by the assertions
type Json = Record<string, any>;
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
// GS1's example company prefix 0614141: the exporter's GLN and its product's GTIN.
const EXPORTER_GLN = `061414100001${gs1CheckDigit('061414100001')}`;
const GTIN = `1061414107346${gs1CheckDigit('1061414107346')}`;
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
const harvest = (plot: string, name: string, kg: number, minutes: number): Json => ({
  type: 'ObjectEvent',
  eventTime: at(minutes),
  eventTimeZoneOffset: '+00:00',
  action: 'ADD',
  bizStep: 'commissioning',
  quantityList: [{ epcClass: lot(name), quantity: kg, uom: 'KGM' }],
  bizLocation: { id: `urn:groundtruth:plot:${plot}` },
  ilmd: { 'gt:season': '2026 main crop' },
});
const shipping = (
  epcClass: string,
  kg: number,
  from: string,
  to: string,
  minutes: number,
  extra: Json = {},
) => ({
  type: 'ObjectEvent',
  eventTime: at(minutes),
  eventTimeZoneOffset: '+00:00',
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  quantityList: [{ epcClass, quantity: kg, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: from }],
  destinationList: [{ type: 'owning_party', destination: to }],
  ...extra,
});

async function capture(token: string, events: Json[], behaviour?: 'proceed') {
  return t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: document(events),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/ld+json',
      ...(behaviour ? { 'gs1-capture-error-behaviour': behaviour } : {}),
    },
  });
}

/** Everything a refused capture must leave as it was. */
async function footprint() {
  const count = async (table: string) =>
    Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return {
    entries: await count('ledger_entries'),
    batches: await count('batches'),
    events: await count('trace_events'),
    receipts: await count('transfer_receipts'),
    captured: await count('epcis_events'),
    links: await count('epcis_custody_links'),
    voids: await count('trace_event_voids'),
  };
}

async function batchByLot(organisation: string, name: string) {
  const [row] = await t.runtime.db.query<{ id: string }>(
    'SELECT id FROM batches WHERE organisation_id = $1 AND lot = $2',
    [ids[organisation], name],
  );
  expect(row, `${organisation}/${name}`).toBeDefined();
  const res = await t.call('GET', `/v1/batches/${row!.id}`, tok.admin!);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
}

beforeAll(async () => {
  t = await buildTestApp();
  tok.admin = await t.token('admin');
  Object.assign(
    ids,
    await t.seedOrganisations({ coop: 'supplier', brand: 'brand', stranger: 'supplier' }, [
      ['brand', 'coop'],
    ]),
  );
  const exporter = await t.call('POST', '/v1/organisations', tok.admin, {
    name: 'exporter',
    kind: 'supplier',
    country: 'GH',
    identifiers: { gln: EXPORTER_GLN },
  });
  expect(exporter.statusCode, exporter.body).toBe(201);
  ids.exporter = exporter.json().id;
  for (const [buyer, supplier] of [
    [ids.exporter, ids.coop],
    [ids.exporter, ids.stranger],
  ]) {
    const res = await t.call('POST', '/v1/relationships', tok.admin, {
      buyerId: buyer,
      supplierId: supplier,
      commodity: 'cocoa',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  for (const key of ['coop', 'exporter', 'stranger'])
    tok[key] = await t.token('supplier', { organisationId: ids[key] });
  const product = await t.call('POST', '/v1/products', tok.admin, {
    gtin: GTIN,
    name: 'Cocoa nibs',
    commodity: 'cocoa',
    organisationId: ids.exporter,
  });
  expect(product.statusCode, product.body).toBe(201);
  for (const [key, owner, lon] of [
    ['plot', 'coop', -1.908421],
    ['plot2', 'coop', -1.918421],
    ['strangerPlot', 'stranger', -1.928421],
  ] as const) {
    const plot = await t.call('POST', '/v1/plots', tok[owner]!, {
      organisationId: ids[owner],
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(lon, 6.513262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    ids[key] = plot.json().id;
  }
}, 180_000);
afterAll(() => t.close());

describe('EPCIS capture of custody', () => {
  it('records a chain captured as documents through the native rules: batches, balances, receipt, trace', async () => {
    // The coop harvests two plots, pools them and ships the pool to the exporter (named by its party
    // GLN as an EPC URN), all in one document: later events consume lots made earlier in it.
    const coopDocument = [
      harvest(ids.plot!, 'A-1', 1000, 0),
      harvest(ids.plot2!, 'A-2', 500.5, 1),
      {
        type: 'TransformationEvent',
        eventTime: at(5),
        eventTimeZoneOffset: '+00:00',
        inputQuantityList: [
          { epcClass: lot('A-1'), quantity: 1000, uom: 'KGM' },
          { epcClass: lot('A-2'), quantity: 500.5, uom: 'KGM' },
        ],
        outputQuantityList: [{ epcClass: lot('POOL-1'), quantity: 1.5005, uom: 'TNE' }],
      },
      shipping(lot('POOL-1'), 1500.5, org('coop'), 'urn:epc:id:pgln:0614141.00001', 10),
    ];
    const res = await capture(tok.coop!, coopDocument);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().events).toHaveLength(4);
    // The lot keeps its class across owners: the exporter holds POOL-1 now.
    expect((await batchByLot('coop', 'POOL-1')).balance).toMatchObject({
      available: '0',
      consumed: '1500500',
    });
    expect((await batchByLot('exporter', 'POOL-1')).quantity).toEqual({
      value: '1500.5',
      unit: 'KGM',
      grams: '1500500',
    });

    // The exporter confirms 1490.5 kg arrived, and turns 1000 kg into nibs of its GTIN, as a site GLN.
    const exporterDocument = [
      {
        ...shipping(lot('POOL-1'), 1490.5, org('coop'), `https://id.gs1.org/417/${EXPORTER_GLN}`, 20),
        bizStep: 'receiving',
        disposition: 'in_progress',
      },
      {
        type: 'TransformationEvent',
        eventTime: at(30),
        eventTimeZoneOffset: '+00:00',
        inputQuantityList: [{ epcClass: lot('POOL-1'), quantity: 1000, uom: 'KGM' }],
        outputQuantityList: [
          { epcClass: `urn:epc:class:lgtin:0614141.107346.NIBS-1`, quantity: 800.25, uom: 'KGM' },
        ],
        bizLocation: { id: 'urn:epc:id:sgln:0614141.00001.0' },
        ilmd: {
          'gt:lotData': { 'urn:epc:class:lgtin:0614141.107346.NIBS-1': { 'gt:material': 'cocoa_nibs' } },
        },
      },
    ];
    const second = await capture(tok.exporter!, exporterDocument);
    expect(second.statusCode, second.body).toBe(202);
    const received = await batchByLot('exporter', 'POOL-1');
    // 10 kg did not arrive: the receipt recorded a transit loss, as POST /v1/events/{id}/receipt does.
    expect(received.balance).toMatchObject({ lost: '10000', consumed: '1000000', available: '490500' });
    const nibs = await batchByLot('exporter', 'NIBS-1');
    expect(nibs).toMatchObject({ material: 'cocoa_nibs', quantity: { value: '800.25', unit: 'KGM' } });
    expect(nibs.productId).toEqual(expect.any(String));

    const trace = await t.call('GET', `/v1/batches/${nibs.id}/trace`, tok.admin!);
    expect(trace.statusCode, trace.body).toBe(200);
    expect(
      trace
        .json()
        .plots.map((p: Json) => p.id)
        .sort(),
    ).toEqual([ids.plot, ids.plot2].sort());
    expect(
      trace
        .json()
        .events.map((e: Json) => e.type)
        .sort(),
    ).toEqual(['harvest', 'harvest', 'transfer', 'transformation', 'transformation'].sort());

    // Served once each: as captured (eventIDs are their hash IDs), not again as native facts.
    const served = await t.call('GET', '/epcis/events?perPage=100', tok.admin!);
    const events: Json[] = served.json().epcisBody.queryResults.resultsBody.eventList;
    expect(events).toHaveLength(6);
    expect(events.filter((e) => 'gt:kind' in e)).toEqual([]);
  });

  it('refuses a double spend sent as two shipping events of one lot, as the native path does, writing nothing', async () => {
    const made = await capture(tok.coop!, [harvest(ids.plot!, 'B-1', 300, 40)]);
    expect(made.statusCode, made.body).toBe(202);
    const before = await footprint();
    const twice = await capture(tok.coop!, [
      shipping(lot('B-1'), 300, org('coop'), org('exporter'), 41),
      shipping(lot('B-1'), 300, org('coop'), org('exporter'), 42, {
        eventID: 'urn:uuid:5e0c1d1e-0000-4000-8000-000000000002',
      }),
    ]);
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().detail).toMatch(/holds 0 GRM available .*, 300000 GRM asked/);
    expect(twice.json().errors[0].pointer).toBe('/epcisBody/eventList/1/quantityList/0');
    expect(await footprint()).toEqual(before);

    // One shipping goes through; the second, in its own document, is refused as the native one is.
    expect(
      (await capture(tok.coop!, [shipping(lot('B-1'), 300, org('coop'), org('exporter'), 43)])).statusCode,
    ).toBe(202);
    const after = await footprint();
    const again = await capture(tok.coop!, [shipping(lot('B-1'), 0.5, org('coop'), org('exporter'), 44)]);
    expect(again.statusCode, again.body).toBe(409);
    const native = await t.call('POST', '/v1/events', tok.coop!, {
      type: 'transfer',
      fromOrganisationId: ids.coop,
      toOrganisationId: ids.exporter,
      eventTime: at(44),
      input: { batchId: (await batchByLot('coop', 'B-1')).id, quantity: { value: '0.5', unit: 'KGM' } },
      output: { lot: 'B-1-N', quantity: { value: '0.5', unit: 'KGM' } },
    });
    expect(native.statusCode, native.body).toBe(409);
    expect(again.json().detail).toContain(native.json().detail);
    expect(await footprint()).toEqual(after);
  });

  it('lets no one harvest another’s plot or ship another’s lot through EPCIS', async () => {
    const before = await footprint();
    // Refused as POST /v1/events refuses it: another's plot is not found (decision 0003 hides it).
    const harvestOthers = await capture(tok.stranger!, [harvest(ids.plot!, 'S-1', 10, 50)]);
    const nativeHarvest = await t.call('POST', '/v1/events', tok.stranger!, {
      type: 'harvest',
      plotId: ids.plot,
      season: '2026 main crop',
      eventTime: at(50),
      output: { lot: 'S-1', quantity: { value: '10', unit: 'KGM' } },
    });
    expect(nativeHarvest.statusCode).toBe(404);
    expect(harvestOthers.statusCode, harvestOthers.body).toBe(nativeHarvest.statusCode);
    // The coop's lot, named with the coop as sender: the stranger may not act for the coop.
    const asCoop = await capture(tok.stranger!, [shipping(lot('A-1'), 1, org('coop'), org('exporter'), 51)]);
    const nativeTransfer = await t.call('POST', '/v1/events', tok.stranger!, {
      type: 'transfer',
      fromOrganisationId: ids.coop,
      toOrganisationId: ids.exporter,
      eventTime: at(51),
      input: { batchId: (await batchByLot('coop', 'A-1')).id, quantity: { value: '1', unit: 'KGM' } },
      output: { lot: 'S-2', quantity: { value: '1', unit: 'KGM' } },
    });
    expect([403, 404]).toContain(nativeTransfer.statusCode);
    expect(asCoop.statusCode, asCoop.body).toBe(nativeTransfer.statusCode);
    // The coop's batch, with the stranger as sender: the stranger does not hold it.
    const coopBatch = (await batchByLot('exporter', 'POOL-1')).id;
    const notHeld = await capture(tok.stranger!, [
      shipping(`urn:groundtruth:batch:${coopBatch}`, 1, org('stranger'), org('exporter'), 52),
    ]);
    expect(notHeld.statusCode, notHeld.body).toBe(400);
    expect(notHeld.json().errors[0]).toMatchObject({
      pointer: '/epcisBody/eventList/0/quantityList/0',
      detail: expect.stringMatching(/must hold the batch/),
    });
    expect(await footprint()).toEqual(before);
  });

  it('stores nothing of a document with one refused event, whatever the error behaviour', async () => {
    const before = await footprint();
    for (const behaviour of [undefined, 'proceed'] as const) {
      const res = await capture(
        tok.coop!,
        [
          harvest(ids.plot!, 'C-1', 100, 60),
          {
            type: 'ObjectEvent',
            eventTime: at(61),
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            epcList: [],
          },
          shipping(lot('C-1'), 100.5, org('coop'), org('exporter'), 62),
        ],
        behaviour,
      );
      expect(res.statusCode, res.body).toBe(409);
      expect(await footprint()).toEqual(before);
      const job = await t.call('GET', res.headers.location as string, tok.coop!);
      expect(job.json()).toMatchObject({ success: false, running: false, events: [] });
    }
  });

  it('stores events that state no custody as before: observations, packing, other parties’ lots', async () => {
    const before = await footprint();
    const res = await capture(tok.coop!, [
      {
        type: 'ObjectEvent',
        eventTime: at(70),
        eventTimeZoneOffset: '+00:00',
        action: 'OBSERVE',
        epcList: ['urn:epc:id:sgtin:0614141.107346.2018'],
        bizStep: 'inspecting',
      },
      {
        type: 'AggregationEvent',
        eventTime: at(71),
        eventTimeZoneOffset: '+00:00',
        action: 'ADD',
        parentID: 'urn:epc:id:sscc:0614141.1234567890',
        childQuantityList: [{ epcClass: lot('A-1'), quantity: 10, uom: 'KGM' }],
      },
      // A lot Groundtruth has never recorded, between parties it does not know.
      shipping(
        'urn:epc:class:lgtin:4012345.012345.998877',
        200,
        'urn:epc:id:pgln:4012345.00000',
        'urn:epc:id:pgln:0614141.00002',
        72,
      ),
    ]);
    expect(res.statusCode, res.body).toBe(202);
    const after = await footprint();
    expect(after).toEqual({ ...before, entries: before.entries + 3, captured: before.captured + 3 });
  });
});

describe('EPCIS error declarations of custody facts', () => {
  it('void the declared fact as POST /v1/events/{id}/void does, and are refused while its lot was used', async () => {
    expect((await capture(tok.coop!, [harvest(ids.plot!, 'D-1', 50, 90)])).statusCode).toBe(202);
    const loss = {
      type: 'ObjectEvent',
      eventTime: at(91),
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      quantityList: [{ epcClass: lot('D-1'), quantity: 5, uom: 'KGM' }],
      'gt:reason': 'spillage',
    };
    expect((await capture(tok.coop!, [loss])).statusCode).toBe(202);
    expect((await batchByLot('coop', 'D-1')).balance).toMatchObject({ lost: '5000', available: '45000' });
    // EPCIS 2.0 §7.4.1.2: the same event again, with errorDeclaration; its hash ID names the loss.
    const declared = await capture(tok.coop!, [
      {
        ...loss,
        errorDeclaration: {
          declarationTime: at(92),
          reason: 'incorrect_data',
          'gt:explanation': 'weighed twice',
        },
      },
    ]);
    expect(declared.statusCode, declared.body).toBe(202);
    expect((await batchByLot('coop', 'D-1')).balance).toMatchObject({ lost: '0', available: '50000' });
    const [voided] = await t.runtime.db.query<{ reason: string }>(
      `SELECT v.reason FROM trace_event_voids v JOIN trace_events e ON e.id = v.event_id
        JOIN trace_event_inputs i ON i.event_id = e.id JOIN batches b ON b.id = i.batch_id
       WHERE b.lot = 'D-1' AND e.kind = 'loss'`,
    );
    expect(voided?.reason).toBe('incorrect_data: weighed twice');

    // The harvest's lot was shipped on: declaring the harvest in error is refused, as the native void is.
    expect(
      (await capture(tok.coop!, [shipping(lot('D-1'), 20, org('coop'), org('exporter'), 93)])).statusCode,
    ).toBe(202);
    const before = await footprint();
    const refused = await capture(tok.coop!, [
      {
        ...harvest(ids.plot!, 'D-1', 50, 90),
        errorDeclaration: { declarationTime: at(94), reason: 'did_not_occur' },
      },
    ]);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toMatch(/cannot be voided while events that consumed its outputs stand/);
    expect(await footprint()).toEqual(before);
  });
});

describe('EPCIS error declarations in the document that captured the declared event', () => {
  it('are found and refused, naming both events, with nothing written', async () => {
    expect((await capture(tok.coop!, [harvest(ids.plot!, 'D-2', 40, 95)])).statusCode).toBe(202);
    const loss = {
      type: 'ObjectEvent',
      eventTime: at(96),
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      quantityList: [{ epcClass: lot('D-2'), quantity: 4, uom: 'KGM' }],
      'gt:reason': 'spillage',
    };
    const before = await footprint();
    for (const declaration of [
      // By hash ID: the declaration is the same event again.
      { ...loss, errorDeclaration: { declarationTime: at(97), reason: 'incorrect_data' } },
      // By the eventID the sender gave it.
      {
        ...loss,
        quantityList: [{ epcClass: lot('D-2'), quantity: 3, uom: 'KGM' }],
        eventID: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100',
        errorDeclaration: { declarationTime: at(97), reason: 'incorrect_data' },
      },
    ]) {
      const res = await capture(tok.coop!, [
        { ...loss, eventID: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100' },
        declaration,
      ]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({
          pointer: '/epcisBody/eventList/1/errorDeclaration',
          detail: expect.stringContaining('/epcisBody/eventList/0, captured earlier in this document'),
        }),
      ]);
      expect(await footprint()).toEqual(before);
    }
    expect((await batchByLot('coop', 'D-2')).balance).toMatchObject({ lost: '0', available: '40000' });
  });

  it('refuse a second declaration of one event as a duplicate, not as a declared capture', async () => {
    const loss = {
      type: 'ObjectEvent',
      eventTime: at(98),
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      quantityList: [{ epcClass: lot('D-2'), quantity: 2, uom: 'KGM' }],
      'gt:reason': 'spillage',
    };
    expect((await capture(tok.coop!, [loss])).statusCode).toBe(202);
    const declaration = { ...loss, errorDeclaration: { declarationTime: at(99), reason: 'incorrect_data' } };
    // The same declaration twice, once with an eventID (which the hash ID leaves out): not the same
    // document event by its id, the same declared event by its hash ID.
    const withId = { ...declaration, eventID: 'urn:uuid:1f0e0d0c-0b0a-4908-8706-050403020101' };
    const before = await footprint();
    const res = await capture(tok.coop!, [declaration, withId]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/epcisBody/eventList/1/errorDeclaration',
        detail: expect.stringContaining('the same event as /epcisBody/eventList/0, a declaration earlier'),
      }),
    ]);
    expect(await footprint()).toEqual(before);
    expect((await batchByLot('coop', 'D-2')).balance).toMatchObject({ lost: '2000', available: '38000' });
  });
});

describe('the read direction, captured back', () => {
  it('maps each native event served as EPCIS to the fact it came from', async () => {
    // A native chain of the exporter: a transfer to the coop and a loss.
    const pool = (await batchByLot('exporter', 'POOL-1')).id;
    const transfer = await t.call('POST', '/v1/events', tok.exporter!, {
      type: 'transfer',
      fromOrganisationId: ids.exporter,
      toOrganisationId: ids.coop,
      eventTime: at(80),
      input: { batchId: pool, quantity: { value: '90.5', unit: 'KGM' } },
      output: { lot: 'RETURN-1', quantity: { value: '90.5', unit: 'KGM' } },
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const loss = await t.call('POST', '/v1/events', tok.exporter!, {
      type: 'loss',
      organisationId: ids.exporter,
      eventTime: at(81),
      input: { batchId: pool, quantity: { value: '2', unit: 'KGM' } },
      reason: 'sampling',
    });
    expect(loss.statusCode, loss.body).toBe(201);
    const served = await t.call('GET', '/epcis/events?perPage=100', tok.admin!);
    const natives: Json[] = served
      .json()
      .epcisBody.queryResults.resultsBody.eventList.filter((e: Json) => 'gt:kind' in e);
    expect(natives.map((e) => e['gt:kind']).sort()).toEqual(['loss', 'transfer']);
    const returned = (await batchByLot('coop', 'RETURN-1')).id;
    for (const event of natives) {
      const mapped = custodyFromEpcis(event);
      expect(mapped.maps).toBe(true);
      if (mapped.maps !== true) continue;
      if (mapped.fact.kind === 'transfer') {
        expect(mapped.fact).toMatchObject({
          from: { gln: EXPORTER_GLN },
          to: { organisationId: ids.coop },
          input: { class: { batchId: pool }, quantity: { value: '90.5', unit: 'KGM' } },
          receivedAs: { class: { batchId: returned }, quantity: { value: '90.5', unit: 'KGM' } },
          eventTime: at(80),
        });
      } else {
        expect(mapped.fact).toMatchObject({
          kind: 'loss',
          input: { class: { batchId: pool }, quantity: { value: '2', unit: 'KGM' } },
          eventTime: at(81),
        });
      }
    }
  });
});

// Only PostgreSQL can show it: the capture reads through other connections while the writer holds its
// batch open, where PGlite's one connection would make those reads wait for the batch.
describe.runIf(testDatabaseKind() === 'postgres')('the index preference of a custody document', () => {
  it('ends with the document: a request committed in the same batch is planned as usual', async () => {
    // The writer held: the document and then the probe queue behind it, and commit together.
    const writer = holdWriter(t);
    let captured: ReturnType<typeof capture> | undefined;
    let probe: ReturnType<typeof t.runtime.writer.append> | undefined;
    let seqscan: string | undefined;
    try {
      captured = capture(tok.coop!, [harvest(ids.plot!, 'PLANNER-1', 10, 40)]);
      await writer.untilQueued(1);
      probe = t.runtime.writer.append({
        entries: [probeEntry('demo:planner', 'reads the planner setting')],
        project: async (tx) => {
          const [row] = await tx.query<{ enable_seqscan: string }>(
            "SELECT current_setting('enable_seqscan') AS enable_seqscan",
          );
          seqscan = row?.enable_seqscan;
        },
      });
      expect(writer.queued()).toBe(2);
    } finally {
      await writer.release();
    }
    const [res, receipt] = await Promise.all([captured!, probe!]);
    expect(res.statusCode, res.body).toBe(202);
    // One batch: the document's entries come right before the probe's, under no checkpoint of their own.
    const probeIndex = receipt.entries[0]!.index;
    const before = await t.runtime.db.query<{ entry_type: string }>(
      'SELECT entry_type FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx',
      [(probeIndex - 2n).toString(), probeIndex.toString()],
    );
    expect(before.map((r) => r.entry_type)).toEqual(['epcis.event', 'event.harvest']);
    const between = await t.runtime.db.query(
      'SELECT 1 FROM ledger_checkpoints WHERE tree_size > $1 AND tree_size <= $2',
      [(probeIndex - 2n).toString(), probeIndex.toString()],
    );
    expect(between).toEqual([]);
    expect(seqscan).toBe('on');
  });
});
