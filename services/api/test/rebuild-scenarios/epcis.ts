// The EPCIS part of the rebuild test's scenario (decision 0031): captures in JSON-LD and XML that
// drive custody facts (a harvest, a shipping, a receipt short of what was sent, an error declaration)
// and one that states none, then named queries and webhook subscriptions created and deleted both
// ways (unsubscribed, and ended by their query's deletion). The demo seed writes none of these.
import { epcisDocumentToXml } from '@groundtruth/epcis';
import type { TestApp } from '../helper.ts';

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 1, 8, minutes)).toISOString();
const lot = (name: string) => `urn:groundtruth:lot:${name}`;
const party = (organisationId: string) => `urn:groundtruth:organisation:${organisationId}`;
const document = (events: object[]) => ({
  '@context': [EPCIS_CONTEXT, { gt: 'urn:groundtruth:epcis:' }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-02T00:00:00Z',
  epcisBody: { eventList: events },
});

export async function epcisScenario(t: TestApp): Promise<void> {
  const call = t.succeed;
  const capture = async (token: string, body: object | string) => {
    const xml = typeof body === 'string';
    const res = await t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload: xml ? body : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': xml ? 'application/xml' : 'application/ld+json',
      },
    });
    if (res.statusCode !== 202) throw new Error(`capture: ${res.statusCode} ${res.body}`);
  };

  // A demo plot's cooperative and the buyer it supplies.
  const [plot] = await t.runtime.db.query<{ id: string; organisation_id: string }>(
    'SELECT id, organisation_id FROM plots ORDER BY id LIMIT 1',
  );
  const [link] = await t.runtime.db.query<{ buyer_id: string }>(
    'SELECT buyer_id FROM supply_relationships WHERE supplier_id = $1 ORDER BY buyer_id LIMIT 1',
    [plot!.organisation_id],
  );
  const [coop, buyer] = [plot!.organisation_id, link!.buyer_id];
  const coopToken = await t.token('supplier', { subject: 'user:rebuild-epcis-coop', organisationId: coop });
  const buyerToken = await t.token('supplier', {
    subject: 'user:rebuild-epcis-buyer',
    organisationId: buyer,
  });

  const harvest = (name: string, kg: number, minutes: number) => ({
    type: 'ObjectEvent',
    eventTime: at(minutes),
    eventTimeZoneOffset: '+00:00',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: lot(name), quantity: kg, uom: 'KGM' }],
    bizLocation: { id: `urn:groundtruth:plot:${plot!.id}` },
    ilmd: { 'gt:season': '2026 main crop' },
  });
  const movement = (bizStep: 'shipping' | 'receiving', kg: number, minutes: number) => ({
    type: 'ObjectEvent',
    eventTime: at(minutes),
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    bizStep,
    disposition: bizStep === 'shipping' ? 'in_transit' : 'in_progress',
    quantityList: [{ epcClass: lot('RB-EPCIS-A'), quantity: kg, uom: 'KGM' }],
    sourceList: [{ type: 'owning_party', source: party(coop) }],
    destinationList: [{ type: 'owning_party', destination: party(buyer) }],
  });
  const mistaken = harvest('RB-EPCIS-X', 5, 2);
  await capture(
    coopToken,
    document([harvest('RB-EPCIS-A', 100, 0), mistaken, movement('shipping', 100, 10)]),
  );
  await capture(
    coopToken,
    document([{ ...mistaken, errorDeclaration: { declarationTime: at(12), reason: 'did_not_occur' } }]),
  );
  // As XML: the receipt (1.5 kg lost in transit) and an inspection that states no custody.
  await capture(
    buyerToken,
    epcisDocumentToXml(
      document([
        movement('receiving', 98.5, 20),
        {
          type: 'ObjectEvent',
          eventTime: at(25),
          eventTimeZoneOffset: '+00:00',
          action: 'OBSERVE',
          bizStep: 'https://ns.example.com/epcis/grading',
          epcList: ['urn:epc:id:sgtin:0614141.107346.2018'],
          readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
        },
      ]),
    ),
  );

  // What the comparison of epcis_custody_links relies on: each custody fact linked to its event (two
  // harvests, the shipping, the error declaration, the receipt and its transit loss).
  const [links] = await t.runtime.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM epcis_custody_links',
  );
  if (links!.n < 6) throw new Error(`the captures linked ${links!.n} custody facts, not 6`);

  // Queries that match nothing: no delivery is ever due, so the subscriptions' rows stay as written.
  const never = { EQ_bizStep: ['https://ns.example.com/epcis/never'], eventType: ['ObjectEvent'] };
  await call('POST', '/epcis/queries', buyerToken, { name: 'rebuild-kept', query: never });
  await call('POST', '/epcis/queries', buyerToken, { name: 'rebuild-dropped', query: never });
  const subscribe = (name: string) =>
    call('POST', `/epcis/queries/${name}/subscriptions`, buyerToken, {
      // An address literal needs no name lookup; it passes the webhook target policy as a public one.
      dest: 'https://93.184.215.14/rebuild-hook',
      signatureToken: 'rebuild-scenario-signature-secret',
      stream: true,
    });
  const kept = await subscribe('rebuild-kept');
  await subscribe('rebuild-kept');
  await subscribe('rebuild-dropped');
  await call('DELETE', `/epcis/queries/rebuild-kept/subscriptions/${kept.subscriptionID}`, buyerToken);
  await call('DELETE', '/epcis/queries/rebuild-dropped', buyerToken);
}
