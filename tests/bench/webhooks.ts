// `pnpm bench webhooks [--db pglite|postgres] [--events N] [--runs N]`: EPCIS webhook delivery
// (decision 0026). N captured events (default 1000) that a subscription's named query matches are
// delivered to a subscriber on loopback; the figure is deliveries per second from the capture's
// answer to the last acknowledgement. Baseline, in the same run: the same number of signed POSTs of
// the same bodies sent straight to the same subscriber, 16 at a time as the dispatcher sends them:
// the ratio is what the outbox (enqueue, claim, record) costs over the bare HTTP.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { signatureOf } from '../../services/api/src/domains/epcis/webhook.ts';
import { buildTestApp } from '../../services/api/test/helper.ts';
import { fmt, median } from './stats.ts';

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const SECRET = 'bench subscriber secret, 32 chars';

export async function benchWebhooks(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'pglite' },
      events: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '3' },
    },
  });
  process.env.GROUNDTRUTH_TEST_DB = values.db;
  const count = Number(values.events);
  const runs = Number(values.runs);
  let received = 0;
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received++;
      if (bodies.length < count) bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const dest = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const t = await buildTestApp({
    env: { GROUNDTRUTH_WEBHOOK_LOOPBACK: 'allow', GROUNDTRUTH_WEBHOOK_POLL_MS: '50' },
  });
  try {
    const ids = await t.seedOrganisations({ exporter: 'supplier' });
    const token = await t.token('supplier', { organisationId: ids.exporter });
    const created = await t.call('POST', '/epcis/queries', token, {
      name: 'bench',
      query: { EQ_bizStep: 'shipping' },
    });
    if (created.statusCode !== 201) throw new Error(created.body);
    const subscribed = await t.call('POST', '/epcis/queries/bench/subscriptions', token, {
      dest,
      signatureToken: SECRET,
      stream: true,
    });
    if (subscribed.statusCode !== 201) throw new Error(subscribed.body);
    console.log(
      `${values.db}, ${count} events × ${runs} runs, subscriber on loopback; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores, shared)`,
    );

    const outbox: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < runs; run++) {
      const events = Array.from({ length: count }, (_, i) => ({
        type: 'ObjectEvent',
        eventID: `urn:uuid:${crypto.randomUUID()}`,
        eventTime: new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString(),
        eventTimeZoneOffset: '+00:00',
        epcList: [`urn:epc:id:sgtin:0614141.107346.${run * count + i}`],
        action: 'OBSERVE',
        bizStep: 'shipping',
      }));
      const captured = await t.app.inject({
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
      if (captured.statusCode !== 202) throw new Error(captured.body);
      // From the capture's answer: the events are recorded; now they are to be delivered.
      const start = process.hrtime.bigint();
      const target = received + count;
      while (received < target) await new Promise((r) => setTimeout(r, 5));
      outbox.push(Number(process.hrtime.bigint() - start) / 1e9);

      // The same bodies, signed, POSTed straight, 16 at a time.
      const sample = bodies.slice(0, count);
      const bareStart = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < sample.length) {
            const body = sample[next++]!;
            await new Promise<void>((resolve, reject) => {
              const req = request(dest, {
                method: 'POST',
                headers: {
                  'content-type': 'application/ld+json',
                  'gs1-signature': signatureOf(SECRET, body),
                },
              });
              req.on('response', (res) => {
                res.resume();
                res.on('end', resolve);
              });
              req.on('error', reject);
              req.end(body);
            });
          }
        }),
      );
      bare.push(Number(process.hrtime.bigint() - bareStart) / 1e9);
    }
    const outboxRate = count / median(outbox);
    const bareRate = count / median(bare);
    console.log(
      `webhook deliveries (outbox):   median ${fmt(outboxRate)} events/s  (runs: ${outbox.map((s) => fmt(count / s)).join(', ')})`,
    );
    console.log(
      `bare signed POSTs (baseline):  median ${fmt(bareRate)} events/s  (runs: ${bare.map((s) => fmt(count / s)).join(', ')})`,
    );
    console.log(`ratio outbox / baseline: ${fmt(outboxRate / bareRate, 2)}`);
  } finally {
    await t.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
