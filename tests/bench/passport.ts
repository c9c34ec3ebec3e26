// `pnpm bench passport [--db pglite|postgres] [--connections N] [--seconds N]`: the consumer's door
// under load (issue 14, item 6). On the demo chain with the butter lot's claim published, autocannon
// drives N concurrent connections (default 200) over loopback at the passport's HTML, its JSON, the
// resolver's linkset and the resolver's redirect, each next to a static file served by the same
// Fastify instance in the same run (Swagger UI's index.css through @fastify/static): the ratio is
// what the passport costs over serving bytes. Targets: p99 ≤ 50 ms and ≥ 0.5 × the static baseline.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_GTINS, seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp } from '../../services/api/test/helper.ts';
import { fmt } from './stats.ts';

const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(url: string, connections: number, seconds: number, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  } satisfies Run;
}

export async function benchPassport(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'pglite' },
      connections: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' },
    },
  });
  process.env.GROUNDTRUTH_TEST_DB = values.db;
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const t = await buildTestApp();
  try {
    await seedDemoData(t.runtime);
    const [product] = await t.runtime.db.query<{ organisation_id: string }>(
      'SELECT organisation_id FROM products WHERE gtin = $1',
      [BUTTER],
    );
    const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
    const owner = await t.token('procurement', { organisationId: product!.organisation_id });
    // The page a consumer gets by default: findings computed first, then every fact the default
    // passport policy allows (origin, share, chain by role, evidence counts, findings in words).
    const recompute = await t.call('POST', '/v1/mass-balance/recompute', await t.token('admin'), {});
    if (recompute.statusCode >= 300) throw new Error(recompute.body);
    const published = await t.call('POST', '/v1/disclosures/publications', owner, { batchId: batch!.id });
    if (published.statusCode !== 201) throw new Error(published.body);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const targets: [string, string, Record<string, string>][] = [
      ['static file (@fastify/static)', `${base}/docs/static/index.css`, {}],
      ['passport HTML', `${base}/passport/01/${BUTTER}/10/${LOT}?lang=en`, { accept: 'text/html' }],
      ['passport JSON', `${base}/passport/01/${BUTTER}/10/${LOT}?format=json`, {}],
      ['resolver linkset', `${base}/01/${BUTTER}/10/${LOT}?linkType=linkset`, {}],
      ['resolver redirect (307)', `${base}/01/${BUTTER}/10/${LOT}`, { accept: 'text/html' }],
    ];
    console.log(
      `${values.db}, ${connections} connections × ${seconds} s each, loopback; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores)`,
    );
    // Warm-up: JIT, caches, connection pools.
    for (const [, url, headers] of targets) await drive(url, 20, 2, headers);
    let baseline: Run | undefined;
    for (const [label, url, headers] of targets) {
      const run = await drive(url, connections, seconds, headers);
      baseline ??= run;
      console.log(
        `  ${label.padEnd(36)} ${fmt(run.rps).padStart(7)} req/s  p50 ${fmt(run.p50, 1).padStart(6)} ms  p99 ${fmt(run.p99, 1).padStart(6)} ms  ` +
          `× static ${fmt(run.rps / baseline.rps, 2)}${run.non2xx ? `  non-2xx ${run.non2xx}` : ''}${run.errors ? `  errors ${run.errors}` : ''}`,
      );
    }
  } finally {
    await t.close();
  }
}
