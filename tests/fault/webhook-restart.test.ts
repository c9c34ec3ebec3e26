// Issue 17's acceptance point for webhooks (decision 0026): a subscriber receives every matching event
// exactly once, deduplicating by delivery id, although the service is stopped in the middle of
// delivering them and started again on the same database. At least once underneath: the POSTs that
// were in flight at the stop are sent again after it, with the same delivery ids and bytes.
import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Database, openDatabase, openTestDatabase, type TestDatabase } from '@groundtruth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../services/api/src/auth.ts';
import { buildServer } from '../../services/api/src/build.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { openRuntime, type Runtime } from '../../services/api/src/runtime.ts';
import { TEST_ENTRY_POLICIES } from '../fixtures/entry-policies.ts';

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const SECRET = 'the subscriber’s own secret, long enough';

let database: TestDatabase;
let service: { app: Awaited<ReturnType<typeof buildServer>>; runtime: Runtime } | undefined;

/** Starts the service on `db`, as a process does: migrations, keys from the data dir, the app. */
async function start(db: Database) {
  const config = loadConfig({
    GROUNDTRUTH_DATA_DIR: database.dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    GROUNDTRUTH_LOG_ORIGIN: 'restart.groundtruth.example/ledger',
    GROUNDTRUTH_RATE_LIMIT: 'off',
    GROUNDTRUTH_WEBHOOK_LOOPBACK: 'allow',
    GROUNDTRUTH_WEBHOOK_POLL_MS: '50',
    GROUNDTRUTH_WEBHOOK_RETRY_BASE_MS: '50',
    // A POST left unanswered is given up after 3 s; its lease (twice that) then lets it be sent again.
    GROUNDTRUTH_WEBHOOK_TIMEOUT_MS: '3000',
  });
  const runtime = await openRuntime(config, { db, policies: TEST_ENTRY_POLICIES });
  const app = await buildServer({ runtime, logLevel: 'silent' });
  await app.ready();
  service = { app, runtime };
  return service;
}

/** Stops the service as a shutdown does: the app (and its webhook dispatcher), then the runtime and database. */
async function stop() {
  await service!.app.close();
  await service!.runtime.close();
  service = undefined;
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  if (service) await stop();
  await database.destroy();
});

describe('webhook delivery across a restart', () => {
  it('delivers every matching event exactly once by delivery id, though stopped mid-delivery', async () => {
    // The subscriber: records every POST; answers the first three, then holds the rest unanswered
    // until the service is stopped under them; after the restart answers everything.
    const received: { deliveryId: string; body: string; signature: string }[] = [];
    const held: ServerResponse[] = [];
    let phase: 'before' | 'after' = 'before';
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        received.push({
          deliveryId: String(req.headers['groundtruth-delivery-id']),
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers['gs1-signature']),
        });
        if (phase === 'after' || received.length <= 3) res.end();
        else held.push(res);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const dest = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    try {
      let { app, runtime } = await start(database.db);
      const admin = await mintToken(runtime.tokenKeys, { role: 'admin', subject: 'user:admin', ttl: '10m' });
      const org = await app.inject({
        method: 'POST',
        url: '/v1/organisations',
        payload: { name: 'Exporter', kind: 'supplier', country: 'GH' },
        headers: { authorization: `Bearer ${admin}` },
      });
      const organisationId = org.json().id as string;
      const token = await mintToken(runtime.tokenKeys, {
        role: 'supplier',
        subject: 'user:clerk',
        organisationId,
        ttl: '10m',
      });
      const call = (method: 'POST' | 'GET', url: string, payload?: object) =>
        app.inject({
          method,
          url,
          ...(payload ? { payload } : {}),
          headers: { authorization: `Bearer ${token}` },
        });
      const capture = async (bizSteps: string[]) => {
        const events = bizSteps.map((bizStep, i) => ({
          type: 'ObjectEvent',
          eventID: `urn:uuid:${crypto.randomUUID()}`,
          eventTime: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
          eventTimeZoneOffset: '+00:00',
          epcList: [`urn:epc:id:sgtin:0614141.107346.${i + 100}`],
          action: 'OBSERVE',
          bizStep,
        }));
        const res = await app.inject({
          method: 'POST',
          url: '/epcis/capture',
          payload: JSON.stringify({
            '@context': [EPCIS_CONTEXT],
            type: 'EPCISDocument',
            schemaVersion: '2.0',
            creationDate: '2026-11-01T09:00:00.000Z',
            epcisBody: { eventList: events },
          }),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json' },
        });
        expect(res.statusCode, res.body).toBe(202);
        return events.filter((e) => e.bizStep === 'shipping').map((e) => e.eventID);
      };

      expect(
        (await call('POST', '/epcis/queries', { name: 'shipments', query: { EQ_bizStep: 'shipping' } }))
          .statusCode,
      ).toBe(201);
      const subscribed = await call('POST', '/epcis/queries/shipments/subscriptions', {
        dest,
        signatureToken: SECRET,
        stream: true,
      });
      expect(subscribed.statusCode, subscribed.body).toBe(201);

      const expected = await capture([
        ...Array.from({ length: 10 }, () => 'shipping'),
        'receiving',
        'receiving',
      ]);
      // Three answered, seven in flight and unanswered: stop the service under them.
      const start1 = Date.now();
      while (received.length < 10) {
        if (Date.now() - start1 > 30_000) throw new Error(`only ${received.length} deliveries arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await stop();
      for (const res of held) res.destroy();
      const beforeRestart = received.length;
      phase = 'after';

      // The same database, reopened as a new process would (PGlite: the same data dir).
      ({ app, runtime } = await start(
        database.kind === 'pglite'
          ? await openDatabase({ dataDir: database.dataDir })
          : await database.reopen(),
      ));
      // Events recorded after the restart are delivered too.
      expected.push(...(await capture(['shipping', 'receiving', 'shipping'])));

      const byDelivery = new Map<string, string>();
      const start2 = Date.now();
      while (true) {
        for (const r of received) byDelivery.set(r.deliveryId, r.body);
        const [pending] = await runtime.db.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM epcis_webhook_deliveries WHERE status <> 'delivered'",
        );
        if (byDelivery.size >= expected.length && pending!.n === '0') break;
        if (Date.now() - start2 > 45_000)
          throw new Error(`${byDelivery.size} of ${expected.length} delivered, ${pending!.n} not yet`);
        await new Promise((r) => setTimeout(r, 50));
      }

      // Exactly once by delivery id: one delivery id per event, every matching event, nothing else.
      const eventIds = [...byDelivery.values()].map(
        (body) => JSON.parse(body).epcisBody.queryResults.resultsBody.eventList[0].eventID as string,
      );
      expect(eventIds.sort()).toEqual([...expected].sort());
      // A delivery sent again carries the same bytes, and every one is signed with the secret.
      for (const r of received) {
        expect(r.body).toBe(byDelivery.get(r.deliveryId));
        expect(r.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
      }
      // The seven held at the stop were sent again after the restart (at least once), deduplicated above.
      expect(beforeRestart).toBe(10);
      const resent = received
        .slice(beforeRestart)
        .filter((r) => received.slice(0, beforeRestart).some((b) => b.deliveryId === r.deliveryId));
      expect(resent).toHaveLength(7);
      expect(received).toHaveLength(expected.length + 7);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  }, 120_000);
});
