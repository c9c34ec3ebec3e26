// Groundtruth's own events through the EPCIS query interface (issue 17, read direction; decision 0016),
// on both databases: a small native chain (harvest, transfer, receipt with a transit loss,
// transformation into a product with a GTIN, loss, void) comes back from GET /epcis/events as EPCIS 2.0
// events with CBV vocabulary, each valid against GS1's schema, each findable by the CBV hash ID the
// package computes from the served event; filters and paging treat them like captured events; a
// caller sees only what /v1 lets it see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaValidator, eventHashId } from '@groundtruth/epcis';
import { gs1CheckDigit } from '@groundtruth/quantity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by shape, checked by the assertions
type Json = Record<string, any>;
let t: TestApp;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 1, 8, minutes)).toISOString();
const kg = (value: string) => ({ value, unit: 'KGM' });
const eventsOf = (doc: Json): Json[] => doc.epcisBody.queryResults.resultsBody.eventList;
const ledgerSize = async () =>
  Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
/** A valid GLN: twelve digits and their GS1 check digit. */
const gln = (body: string) => `${body}${gs1CheckDigit(body)}`;
const GTIN = '04006381333931';
const EXPORTER_GLN = gln('061414100001');

const chain: Record<string, string> = {};
const batches: Record<string, string> = {};

async function record(token: string, body: Json) {
  const res = await t.call('POST', '/v1/events', token, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { eventId: string; batchIds: string[]; entryIndex: number };
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await t.token('admin');
  Object.assign(
    ids,
    await t.seedOrganisations({ coop: 'supplier', brand: 'brand', stranger: 'supplier' }, [
      ['brand', 'coop'],
    ]),
  );
  // The exporter has a GLN: it is served as a party GLN.
  const exporter = await t.call('POST', '/v1/organisations', admin, {
    name: 'exporter',
    kind: 'supplier',
    country: 'GH',
    identifiers: { gln: EXPORTER_GLN },
  });
  expect(exporter.statusCode, exporter.body).toBe(201);
  ids.exporter = exporter.json().id;
  for (const [buyer, supplier] of [
    [ids.brand, ids.exporter],
    [ids.exporter, ids.coop],
  ]) {
    const res = await t.call('POST', '/v1/relationships', admin, {
      buyerId: buyer,
      supplierId: supplier,
      commodity: 'cocoa',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  for (const key of ['coop', 'exporter', 'brand', 'stranger'])
    tok[key] = await t.token(key === 'brand' ? 'procurement' : 'supplier', { organisationId: ids[key] });
  const product = await t.call('POST', '/v1/products', admin, {
    gtin: GTIN,
    name: 'Cocoa nibs',
    commodity: 'cocoa',
    organisationId: ids.exporter,
  });
  expect(product.statusCode, product.body).toBe(201);
  ids.product = product.json().id;
  const plot = await t.call('POST', '/v1/plots', tok.coop!, {
    organisationId: ids.coop,
    commodity: 'cocoa',
    country: 'GH',
    geometry: square(-1.908421, 6.513262),
  });
  expect(plot.statusCode, plot.body).toBe(201);
  ids.plot = plot.json().id;

  const harvest = await record(tok.coop!, {
    type: 'harvest',
    plotId: ids.plot,
    season: '2026 main crop',
    eventTime: at(0),
    output: { lot: 'H-1', quantity: kg('1000') },
  });
  chain.harvest = harvest.eventId;
  batches.harvested = harvest.batchIds[0]!;
  const transfer = await record(tok.coop!, {
    type: 'transfer',
    fromOrganisationId: ids.coop,
    toOrganisationId: ids.exporter,
    eventTime: at(10),
    input: { batchId: batches.harvested, quantity: kg('1000') },
    output: { lot: 'X-1', quantity: kg('1000') },
  });
  chain.transfer = transfer.eventId;
  batches.shipped = transfer.batchIds[0]!;
  const receipt = await t.call('POST', `/v1/events/${chain.transfer}/receipt`, tok.exporter!, {
    quantity: kg('990.5'),
    receivedAt: at(20),
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
  chain.transitLoss = receipt.json().lossEventId;
  const transformation = await record(tok.exporter!, {
    type: 'transformation',
    organisationId: ids.exporter,
    eventTime: at(30),
    inputs: [{ batchId: batches.shipped, quantity: kg('500') }],
    outputs: [{ lot: 'NIBS-1', quantity: kg('400.25'), productId: ids.product }],
  });
  chain.transformation = transformation.eventId;
  batches.nibs = transformation.batchIds[0]!;
  const loss = await record(tok.exporter!, {
    type: 'loss',
    organisationId: ids.exporter,
    eventTime: at(40),
    input: { batchId: batches.nibs, quantity: kg('5') },
    reason: 'sampling',
  });
  chain.loss = loss.eventId;
  const corrected = await record(tok.exporter!, {
    type: 'loss',
    organisationId: ids.exporter,
    eventTime: at(45),
    input: { batchId: batches.nibs, quantity: kg('4') },
    reason: 'sampling',
  });
  chain.correctedLoss = corrected.eventId;
  const voided = await t.call('POST', `/v1/events/${chain.loss}/void`, tok.exporter!, {
    reason: 'incorrect_data',
    explanation: 'weighed twice',
    correctiveEventIds: [chain.correctedLoss],
  });
  expect(voided.statusCode, voided.body).toBe(201);
}, 180_000);
afterAll(() => t.close());

async function nativeEvents(token: string, query = 'perPage=1000') {
  const res = await t.call('GET', `/epcis/events?${query}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return { document: res.json() as Json, events: eventsOf(res.json()).filter((e) => 'gt:kind' in e) };
}

describe('native events as EPCIS 2.0', () => {
  it('are all served, each valid against GS1’s schema, with the mapping of decision 0016', async () => {
    const { document, events } = await nativeEvents(tok.brand!);
    expect(validator.validate(document)).toEqual([]);
    for (const event of events) {
      const alone = {
        ...document,
        epcisBody: {
          queryResults: { ...document.epcisBody.queryResults, resultsBody: { eventList: [event] } },
        },
      };
      expect(validator.validate(alone), event.eventID).toEqual([]);
    }
    const byKind = (kind: string) => events.filter((e) => e['gt:kind'] === kind);
    expect(events.map((e) => e['gt:kind']).sort()).toEqual(
      ['harvest', 'loss', 'loss', 'loss', 'loss', 'receipt', 'transfer', 'transformation'].sort(),
    );
    const coop = `urn:groundtruth:organisation:${ids.coop}`;
    const exporter = `https://id.gs1.org/417/${EXPORTER_GLN}`;
    const batch = (id: string) => `urn:groundtruth:batch:${id}`;
    const HASH_ID = expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    const common = (eventId: string, minutes: number) => ({
      '@context': [{ gt: 'urn:groundtruth:epcis:' }],
      eventID: HASH_ID,
      eventTime: at(minutes),
      eventTimeZoneOffset: '+00:00',
      'gt:event': `urn:uuid:${eventId}`,
    });
    const { recordTime: _h, ...harvest } = byKind('harvest')[0]!;
    expect(harvest).toEqual({
      type: 'ObjectEvent',
      ...common(chain.harvest!, 0),
      quantityList: [{ epcClass: batch(batches.harvested!), quantity: 1000, uom: 'KGM' }],
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      bizLocation: { id: `urn:groundtruth:plot:${ids.plot}` },
      destinationList: [{ type: 'owning_party', destination: coop }],
      'gt:kind': 'harvest',
      'gt:entryIndex': expect.any(Number),
    });
    expect(Object.keys(harvest).slice(0, 3)).toEqual(['type', '@context', 'eventID']);
    const { recordTime: _t, ...transfer } = byKind('transfer')[0]!;
    expect(transfer).toMatchObject({
      type: 'ObjectEvent',
      ...common(chain.transfer!, 10),
      quantityList: [{ epcClass: batch(batches.harvested!), quantity: 1000, uom: 'KGM' }],
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      sourceList: [{ type: 'owning_party', source: coop }],
      destinationList: [{ type: 'owning_party', destination: exporter }],
      'gt:receivedAs': { 'gt:epcClass': batch(batches.shipped!), 'gt:quantity': 1000, 'gt:uom': 'KGM' },
    });
    expect(byKind('receipt')[0]).toMatchObject({
      type: 'ObjectEvent',
      'gt:event': `urn:groundtruth:receipt:${chain.transfer}`,
      eventTime: at(20),
      quantityList: [{ epcClass: batch(batches.shipped!), quantity: 990.5, uom: 'KGM' }],
      action: 'OBSERVE',
      bizStep: 'receiving',
      'gt:confirms': `urn:uuid:${chain.transfer}`,
    });
    const nibs = `https://id.gs1.org/01/${GTIN}/10/NIBS-1`;
    expect(byKind('transformation')[0]).toMatchObject({
      type: 'TransformationEvent',
      ...common(chain.transformation!, 30),
      inputQuantityList: [{ epcClass: batch(batches.shipped!), quantity: 500, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: nibs, quantity: 400.25, uom: 'KGM' }],
      bizStep: 'commissioning',
    });
    // The transit loss: what was sent less what arrived, at the receipt, on the receiver's batch.
    // The batch has a mass, so its balance (and the loss) is kept in grams.
    const transit = byKind('loss').find((e) => e['gt:event'] === `urn:uuid:${chain.transitLoss}`)!;
    expect(transit).toMatchObject({
      action: 'DELETE',
      eventTime: at(20),
      quantityList: [{ epcClass: batch(batches.shipped!), quantity: (1000 - 990.5) * 1000, uom: 'GRM' }],
    });
    // The void: the loss again, with an error declaration, so both share the loss's eventID.
    const losses = byKind('loss').filter((e) => e['gt:event'] === `urn:uuid:${chain.loss}`);
    expect(losses).toHaveLength(2);
    expect(losses[0]!.eventID).toBe(losses[1]!.eventID);
    const declaration = losses.find((e) => e.errorDeclaration)!;
    const original = losses.find((e) => !e.errorDeclaration)!;
    // What replaced it is named by its eventID as served: its hash ID.
    const replacement = byKind('loss').find((e) => e['gt:event'] === `urn:uuid:${chain.correctedLoss}`)!;
    expect(declaration.errorDeclaration).toMatchObject({
      reason: 'incorrect_data',
      correctiveEventIDs: [replacement.eventID],
    });
    expect(declaration.errorDeclaration['gt:entryIndex']).toBeGreaterThan(original['gt:entryIndex']);
    const { errorDeclaration: _e, recordTime: _r1, ...declared } = declaration;
    const { recordTime: _r2, ...originalContent } = original;
    expect(declared).toEqual(originalContent);
    expect(original.quantityList).toEqual([{ epcClass: nibs, quantity: 5, uom: 'KGM' }]);
    // Confidential words (the loss's reason, the void's explanation) are not served.
    expect(JSON.stringify(events)).not.toMatch(/sampling|weighed twice/);
  });

  it('each links to its ledger entry, whose subject is the native event', async () => {
    const { events } = await nativeEvents(tok.brand!);
    expect(events).toHaveLength(8);
    for (const e of events) {
      const index = e.errorDeclaration ? e.errorDeclaration['gt:entryIndex'] : e['gt:entryIndex'];
      const res = await t.call('GET', `/v1/ledger/entries?start=${index}&limit=1`, tok.brand!);
      expect(res.statusCode, res.body).toBe(200);
      const [entry] = res.json().entries;
      expect(entry.index).toBe(index);
      // Receipts and the transit losses they record are the transfer's; a void names what it voids.
      const subject =
        e['gt:kind'] === 'receipt' || e['gt:event'] === `urn:uuid:${chain.transitLoss}`
          ? `event:${chain.transfer}`
          : `event:${e['gt:event'].slice('urn:uuid:'.length)}`;
      expect(entry.entry.subject, e.eventID).toBe(subject);
      const type = e.errorDeclaration
        ? 'event.voided'
        : e['gt:kind'] === 'receipt' || e['gt:event'] === `urn:uuid:${chain.transitLoss}`
          ? 'event.received'
          : `event.${e['gt:kind']}`;
      expect(entry.entry.type, e.eventID).toBe(type);
    }
  });

  it('each has as eventID the CBV 2.0 hash ID the package computes, and is found by it', async () => {
    const { document, events } = await nativeEvents(tok.brand!);
    expect(document['@context']).toEqual([EPCIS_CONTEXT]);
    const hashes = new Set<string>();
    for (const event of events) {
      const hashId = eventHashId(event, document['@context']);
      expect(hashId).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
      expect(event.eventID).toBe(hashId);
      hashes.add(hashId);
      const found = await t.call('GET', `/epcis/events/${encodeURIComponent(hashId)}`, tok.brand!);
      expect(found.statusCode, found.body).toBe(200);
      expect(eventsOf(found.json())).toContainEqual(event);
    }
    // An error declaration hashes as the event it declares (errorDeclaration is not hashed).
    expect(hashes.size).toBe(events.length - 1);
  });

  it('are filtered like captured events', async () => {
    const only = async (query: string) =>
      (await nativeEvents(tok.brand!, query)).events.map((e) => e['gt:kind']).sort();
    expect(await only('EQ_bizStep=shipping')).toEqual(['transfer']);
    expect(await only('EQ_bizStep=https://ref.gs1.org/cbv/BizStep-receiving')).toEqual(['receipt']);
    expect(await only('eventType=TransformationEvent')).toEqual(['transformation']);
    expect(await only('EQ_action=DELETE')).toEqual(['loss', 'loss', 'loss', 'loss']);
    expect(
      await only(`MATCH_anyEPCClass=${encodeURIComponent(`https://id.gs1.org/01/${GTIN}/10/NIBS-1`)}`),
    ).toEqual(['loss', 'loss', 'loss', 'transformation']);
    expect(
      await only(`MATCH_outputEPCClass=${encodeURIComponent(`https://id.gs1.org/01/${GTIN}/10/NIBS-1`)}`),
    ).toEqual(['transformation']);
    expect(await only(`GE_eventTime=${at(15)}&LT_eventTime=${at(35)}`)).toEqual([
      'loss',
      'receipt',
      'transformation',
    ]);
    expect(await only(`EQ_bizLocation=urn:groundtruth:plot:${ids.plot}`)).toEqual(['harvest']);
    const byId = await t.call(
      'GET',
      `/epcis/events/${encodeURIComponent(`urn:uuid:${chain.harvest}`)}`,
      tok.brand!,
    );
    expect(byId.statusCode).toBe(200);
    expect(eventsOf(byId.json()).map((e) => e['gt:kind'])).toEqual(['harvest']);
  });

  it('page by event time and by record time as one list would, the receipt and its loss included', async () => {
    for (const order of ['orderBy=eventTime', 'orderBy=recordTime&orderDirection=DESC']) {
      const whole = (await nativeEvents(tok.brand!, `${order}&perPage=1000`)).events.map(
        (e) => `${e.eventID} ${e.errorDeclaration ? 'declared' : ''}`,
      );
      const paged: string[] = [];
      let url: string | undefined = `/epcis/events?${order}&perPage=2`;
      while (url) {
        const page = await t.call('GET', url, tok.brand!);
        expect(page.statusCode, page.body).toBe(200);
        paged.push(
          ...eventsOf(page.json())
            .filter((e) => 'gt:kind' in e)
            .map((e) => `${e.eventID} ${e.errorDeclaration ? 'declared' : ''}`),
        );
        url = /<([^>]+)>;\s*rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
      }
      expect(paged, order).toEqual(whole);
      expect(new Set(paged).size).toBe(8);
    }
  });
});

describe('the top-level collections', () => {
  it('list the values native events carry, for the callers who see them, and lead back to them', async () => {
    const members = async (token: string, name: string) => {
      const res = await t.call('GET', `/epcis/${name}?perPage=1000`, token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().member as string[];
    };
    const steps = await members(tok.brand!, 'bizSteps');
    for (const step of ['commissioning', 'shipping', 'receiving'])
      expect(steps).toContain(`https://ref.gs1.org/cbv/BizStep-${step}`);
    expect(await members(tok.brand!, 'bizLocations')).toContain(`urn:groundtruth:plot:${ids.plot}`);
    expect(await members(tok.brand!, 'dispositions')).toContain('https://ref.gs1.org/cbv/Disp-in_transit');
    expect(await members(tok.stranger!, 'bizSteps')).toEqual([]);
    expect(await members(tok.stranger!, 'bizLocations')).toEqual([]);
    // In pages of one, the same members in the same order.
    const paged: string[] = [];
    let url: string | undefined = '/epcis/bizSteps?perPage=1';
    while (url) {
      const res = await t.call('GET', url, tok.brand!);
      paged.push(...res.json().member);
      url = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
    }
    expect(paged).toEqual(steps);
    const shipping = await t.call(
      'GET',
      `/epcis/bizSteps/${encodeURIComponent('https://ref.gs1.org/cbv/BizStep-shipping')}/events`,
      tok.brand!,
    );
    expect(eventsOf(shipping.json()).map((e) => e['gt:event'])).toEqual([`urn:uuid:${chain.transfer}`]);
  });
});

describe('who sees native events', () => {
  it('another tenant sees none of them, and its refusals write nothing', async () => {
    const before = await ledgerSize();
    const { events } = await nativeEvents(tok.stranger!);
    expect(events).toEqual([]);
    for (const id of [chain.harvest, chain.transformation]) {
      const res = await t.call('GET', `/epcis/events/${encodeURIComponent(`urn:uuid:${id}`)}`, tok.stranger!);
      expect(res.statusCode).toBe(404);
    }
    expect(await ledgerSize()).toBe(before);
  });

  it('the coop sees its own events but not its buyer’s, as through /v1', async () => {
    const kinds = (await nativeEvents(tok.coop!)).events.map((e) => e['gt:kind']).sort();
    expect(kinds).toEqual(['harvest', 'transfer']);
    // The same line /v1 draws: the exporter's batch is not the coop's to read.
    expect((await t.call('GET', `/v1/batches/${batches.nibs}`, tok.coop!)).statusCode).toBe(404);
    expect((await t.call('GET', `/v1/batches/${batches.harvested}`, tok.coop!)).statusCode).toBe(200);
  });
});
