// `pnpm bench epcis [--events N] [--runs R] [--db postgres|pglite]`: custody capture throughput
// (decision 0025). The same chain of N custody events (default 10,000: per cooperative round two
// harvests, a pooling transformation and a transfer to the exporter) is written twice in each run,
// on one fresh database: once as one EPCIS 2.0 JSON-LD document through POST /epcis/capture (mapped,
// checked and recorded through the native event service, in one transaction), and once through
// POST /v1/events, one request per event as a client would send them (the baseline). Each world has
// its own organisations and plots; the order alternates between runs. Both go through app.inject,
// with the incremental mass-balance checks each path runs. Prints events/s, medians and the ratio.
import { parseArgs } from 'node:util';
import { openTestDatabase } from '@groundtruth/db';
import { mintToken } from '../../services/api/src/auth.ts';
import { buildServer } from '../../services/api/src/build.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { openRuntime } from '../../services/api/src/runtime.ts';
import { fmt, median } from './stats.ts';

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const PLOTS = 50;

type App = Awaited<ReturnType<typeof buildServer>>;

async function call(
  app: App,
  token: string,
  url: string,
  payload: object,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url,
    payload,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.json();
}

/** A cooperative with plots and an exporter it ships to; tokens for both. */
async function world(app: App, admin: string, name: string, mint: (org: string) => Promise<string>) {
  const org = async (suffix: string) =>
    (
      await call(app, admin, '/v1/organisations', {
        name: `${name} ${suffix}`,
        kind: 'supplier',
        country: 'GH',
      })
    ).id as string;
  const coop = await org('cooperative');
  const exporter = await org('exporter');
  await call(app, admin, '/v1/relationships', { buyerId: exporter, supplierId: coop, commodity: 'cocoa' });
  const coopToken = await mint(coop);
  const plots: string[] = [];
  for (let p = 0; p < PLOTS; p++) {
    const lon = -1.9 - p * 0.01 - (name === 'native' ? 0 : 0.6);
    const ring = [
      [lon, 6.5],
      [lon + 0.001273, 6.5],
      [lon + 0.001273, 6.501265],
      [lon, 6.501265],
      [lon, 6.5],
    ].map(([x, y]) => [Math.round(x! * 1e6) / 1e6, y]);
    plots.push(
      (
        await call(app, coopToken, '/v1/plots', {
          organisationId: coop,
          commodity: 'cocoa',
          country: 'GH',
          geometry: { type: 'Polygon', coordinates: [ring] },
        })
      ).id,
    );
  }
  return { coop, exporter, coopToken, plots };
}

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const kg = (value: string) => ({ value, unit: 'KGM' });

async function throughNative(app: App, w: Awaited<ReturnType<typeof world>>, rounds: number) {
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const harvests = [];
    for (const k of [0, 1]) {
      const made = await call(app, w.coopToken, '/v1/events', {
        type: 'harvest',
        plotId: w.plots[(2 * r + k) % PLOTS],
        season: '2026',
        eventTime: at(n++),
        output: { lot: `H-${r}-${k}`, quantity: kg('100.5') },
      });
      harvests.push({ batchId: made.batchIds[0], quantity: kg('100.5') });
    }
    const pooled = await call(app, w.coopToken, '/v1/events', {
      type: 'transformation',
      organisationId: w.coop,
      eventTime: at(n++),
      inputs: harvests,
      outputs: [{ lot: `P-${r}`, quantity: kg('201') }],
    });
    await call(app, w.coopToken, '/v1/events', {
      type: 'transfer',
      fromOrganisationId: w.coop,
      toOrganisationId: w.exporter,
      eventTime: at(n++),
      input: { batchId: pooled.batchIds[0], quantity: kg('201') },
      output: { lot: `X-${r}`, quantity: kg('201') },
    });
  }
}

function epcisDocument(w: Awaited<ReturnType<typeof world>>, rounds: number) {
  const events: object[] = [];
  const lot = (name: string) => `urn:groundtruth:lot:${name}`;
  const org = (id: string) => `urn:groundtruth:organisation:${id}`;
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const k of [0, 1])
      events.push({
        type: 'ObjectEvent',
        eventTime: at(n++),
        eventTimeZoneOffset: '+00:00',
        action: 'ADD',
        bizStep: 'commissioning',
        quantityList: [{ epcClass: lot(`H-${r}-${k}`), quantity: 100.5, uom: 'KGM' }],
        bizLocation: { id: `urn:groundtruth:plot:${w.plots[(2 * r + k) % PLOTS]}` },
        ilmd: { 'gt:season': '2026' },
      });
    events.push({
      type: 'TransformationEvent',
      eventTime: at(n++),
      eventTimeZoneOffset: '+00:00',
      inputQuantityList: [0, 1].map((k) => ({ epcClass: lot(`H-${r}-${k}`), quantity: 100.5, uom: 'KGM' })),
      outputQuantityList: [{ epcClass: lot(`P-${r}`), quantity: 201, uom: 'KGM' }],
    });
    events.push({
      type: 'ObjectEvent',
      eventTime: at(n++),
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'shipping',
      quantityList: [{ epcClass: lot(`P-${r}`), quantity: 201, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: org(w.coop) }],
      destinationList: [{ type: 'owning_party', destination: org(w.exporter) }],
      'gt:receivedAs': { 'gt:epcClass': lot(`X-${r}`), 'gt:quantity': 201, 'gt:uom': 'KGM' },
    });
  }
  return {
    '@context': [EPCIS_CONTEXT, { gt: 'urn:groundtruth:epcis:' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events },
  };
}

export async function benchEpcis(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '3' },
      db: { type: 'string', default: 'postgres' },
    },
  });
  const rounds = Math.floor(Number(values.events) / 4);
  const count = rounds * 4;
  process.env.GROUNDTRUTH_TEST_DB = values.db;
  const rates = { epcis: [] as number[], native: [] as number[] };
  for (let run = 0; run < Number(values.runs); run++) {
    const database = await openTestDatabase();
    const runtime = await openRuntime(
      loadConfig({
        GROUNDTRUTH_DATA_DIR: database.dataDir,
        GROUNDTRUTH_LOG_ORIGIN: 'bench.groundtruth.example/ledger',
        GROUNDTRUTH_RATE_LIMIT: 'off',
      }),
      { db: database.db },
    );
    const app = await buildServer({ runtime, logLevel: 'silent' });
    await app.ready();
    try {
      const mint = (organisationId?: string) =>
        mintToken(runtime.tokenKeys, {
          role: organisationId ? 'supplier' : 'admin',
          subject: 'user:bench',
          organisationId,
          ttl: '2h',
        });
      const admin = await mint();
      const nativeWorld = await world(app, admin, 'native', mint);
      const epcisWorld = await world(app, admin, 'epcis', mint);
      const document = epcisDocument(epcisWorld, rounds);
      const order = run % 2 === 0 ? (['epcis', 'native'] as const) : (['native', 'epcis'] as const);
      for (const path of order) {
        const start = performance.now();
        if (path === 'native') await throughNative(app, nativeWorld, rounds);
        else {
          const job = await call(app, epcisWorld.coopToken, '/epcis/capture', document, {
            'content-type': 'application/ld+json',
          });
          if (job.events.length !== count) throw new Error(`captured ${job.events.length} of ${count}`);
        }
        const seconds = (performance.now() - start) / 1000;
        rates[path].push(count / seconds);
        console.log(
          `  run ${run + 1} ${path.padEnd(6)} ${fmt(count)} events in ${fmt(seconds, 1)} s: ${fmt(count / seconds)} events/s`,
        );
      }
      const [written] = await database.db.query<{ n: string }>('SELECT count(*) AS n FROM trace_events');
      if (Number(written!.n) !== 2 * count)
        throw new Error(`${written!.n} trace events, expected ${2 * count}`);
    } finally {
      await app.close();
      await runtime.writer.close();
      await database.destroy();
    }
  }
  const epcis = median(rates.epcis);
  const native = median(rates.native);
  console.log(`${values.db}, ${fmt(count)} custody events per path, ${values.runs} runs`);
  console.log(`  POST /v1/events, one request per event   median ${fmt(native)} events/s   (baseline)`);
  console.log(
    `  POST /epcis/capture, one document       median ${fmt(epcis)} events/s, ratio ${fmt(epcis / native, 2)}× (target ≥ 0.7×)`,
  );
}
