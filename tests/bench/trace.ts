// `pnpm bench trace [--plots N] [--db postgres|pglite]`: latency of GET /v1/batches/{id}/trace's query
// work for a batch with N upstream plots (default 5,000), next to the bare recursive CTE that only
// finds the upstream batch ids (the least any implementation must do), measured in the same run.
import { parseArgs } from 'node:util';
import { openTestDatabase } from '@groundtruth/db';
import { createAccess } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { createEventService } from '../../services/api/src/routes/v1/events/service.ts';
import { createOrganisationService } from '../../services/api/src/routes/v1/organisations/service.ts';
import { createPlotService } from '../../services/api/src/routes/v1/plots/service.ts';
import { openRuntime } from '../../services/api/src/runtime.ts';
import { fmt, percentile, timed } from './stats.ts';

const ADMIN: Principal = { subject: 'system:bench', role: 'admin' };
const r6 = (n: number) => (Math.round(n * 1e6) / 1e6).toFixed(6);

export async function benchTrace(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { plots: { type: 'string', default: '5000' }, db: { type: 'string', default: 'postgres' } },
  });
  const plotCount = Number(values.plots);
  process.env.GROUNDTRUTH_TEST_DB = values.db;
  const t = await openTestDatabase();
  const runtime = await openRuntime(
    loadConfig({
      GROUNDTRUTH_DATA_DIR: t.dataDir,
      GROUNDTRUTH_LOG_ORIGIN: 'bench.groundtruth.example/ledger',
    }),
    { db: t.db },
  );
  try {
    const deps = { db: t.db, writer: runtime.writer };
    const access = createAccess(t.db);
    const orgs = createOrganisationService(deps);
    const plots = createPlotService(deps);
    const events = createEventService({ ...deps, access });
    const org = (name: string, kind: 'brand' | 'supplier') =>
      orgs.register(ADMIN, { name, kind, country: 'GH' });
    const brand = await org('Bench brand', 'brand');
    const processor = await org('Bench processor', 'supplier');
    const cooperatives = await Promise.all(
      Array.from({ length: 50 }, (_, i) => org(`Bench cooperative ${i}`, 'supplier')),
    );
    await orgs.declareRelationship(ADMIN, {
      buyerId: brand.id,
      supplierId: processor.id,
      commodity: 'cocoa',
    });
    await Promise.all(
      cooperatives.map((c) =>
        orgs.declareRelationship(ADMIN, { buyerId: processor.id, supplierId: c.id, commodity: 'cocoa' }),
      ),
    );

    // plots → one harvest batch each → a pooled batch per cooperative → shipped to the processor →
    // one transformation at the processor into the batch we trace.
    const setup = await timed(async () => {
      const perCoop = Math.ceil(plotCount / cooperatives.length);
      const received: { batchId: string; quantity: { value: string; unit: string } }[] = [];
      await Promise.all(
        cooperatives.map(async (coop, c) => {
          const harvested: string[] = [];
          for (let p = 0; p < perCoop && c * perCoop + p < plotCount; p++) {
            const lon = -2.5 + c * 0.02 + (p % 10) * 0.0015;
            const lat = 6.0 + Math.floor(p / 10) * 0.0015;
            const ring = [
              [lon, lat],
              [lon + 0.001013, lat],
              [lon + 0.001013, lat + 0.001017],
              [lon, lat + 0.001017],
              [lon, lat],
            ];
            const text = `{"type":"Polygon","coordinates":[${JSON.stringify(
              ring.map(([x, y]) => `@${r6(x!)},${r6(y!)}@`),
            )
              .replace(/"@/g, '[')
              .replace(/@"/g, ']')}]}`;
            const plot = await plots.map(
              ADMIN,
              { organisationId: coop.id, commodity: 'cocoa', country: 'GH', geometry: JSON.parse(text) },
              { sourceText: text },
            );
            const h = await events.record(ADMIN, {
              type: 'harvest',
              plotId: plot.id,
              season: '2025/26',
              eventTime: '2025-12-15T08:00:00Z',
              output: { lot: `H-${c}-${p}`, quantity: { value: '500', unit: 'KGM' } },
            });
            harvested.push(h.batchIds[0]!);
          }
          const kg = String(harvested.length * 500);
          const pool = await events.record(ADMIN, {
            type: 'transformation',
            organisationId: coop.id,
            eventTime: '2026-01-10T08:00:00Z',
            inputs: harvested.map((batchId) => ({ batchId, quantity: { value: '500', unit: 'KGM' } })),
            outputs: [{ lot: `POOL-${c}`, quantity: { value: kg, unit: 'KGM' } }],
          });
          const shipped = await events.record(ADMIN, {
            type: 'transfer',
            fromOrganisationId: coop.id,
            toOrganisationId: processor.id,
            eventTime: '2026-02-01T08:00:00Z',
            input: { batchId: pool.batchIds[0]!, quantity: { value: kg, unit: 'KGM' } },
            output: { lot: `IN-${c}`, quantity: { value: kg, unit: 'KGM' } },
          });
          received.push({ batchId: shipped.batchIds[0]!, quantity: { value: kg, unit: 'KGM' } });
        }),
      );
      const liquor = await events.record(ADMIN, {
        type: 'transformation',
        organisationId: processor.id,
        eventTime: '2026-03-01T08:00:00Z',
        inputs: received,
        outputs: [{ lot: 'LIQUOR-1', quantity: { value: String(plotCount * 400), unit: 'KGM' } }],
      });
      process.env.BENCH_TRACE_BATCH = liquor.batchIds[0]!;
    });
    const batchId = process.env.BENCH_TRACE_BATCH!;
    console.log(
      `${values.db}: built a chain with ${fmt(plotCount)} plots, ${fmt(plotCount + 2 * cooperatives.length + 1)} batches in ${fmt(setup, 1)} s`,
    );
    if (values.db === 'postgres') await t.db.query('VACUUM ANALYZE');

    const caller: Principal = { subject: 'bench', role: 'compliance', organisationId: brand.id };
    const baseline: number[] = [];
    const full: number[] = [];
    let plotsSeen = 0;
    for (let i = 0; i < 25; i++) {
      let start = performance.now();
      await t.db.query(
        `WITH RECURSIVE upstream(batch_id) AS (SELECT $1::uuid UNION
           SELECT i.batch_id FROM upstream u JOIN batches b ON b.id = u.batch_id JOIN trace_event_inputs i ON i.event_id = b.produced_by WHERE i.batch_id IS NOT NULL)
         SELECT batch_id FROM upstream`,
        [batchId],
      );
      baseline.push(performance.now() - start);
      start = performance.now();
      const trace = await events.trace(caller, batchId);
      full.push(performance.now() - start);
      plotsSeen = trace.plots.length;
    }
    const b50 = percentile(
      [...baseline].sort((a, b) => a - b),
      50,
    );
    const f50 = percentile(
      [...full].sort((a, b) => a - b),
      50,
    );
    console.log(`  bare recursive CTE (upstream batch ids only)  p50 ${fmt(b50, 1)} ms   (baseline)`);
    console.log(
      `  full trace (${fmt(plotsSeen)} plots, batches, events, inputs, tiers)  p50 ${fmt(f50, 1)} ms, p90 ${fmt(
        percentile(
          [...full].sort((a, b) => a - b),
          90,
        ),
        1,
      )} ms, ratio ${fmt(f50 / b50, 1)}×`,
    );
    console.log('  (service call without HTTP; 25 runs)');
  } finally {
    await runtime.writer.close();
    await t.destroy();
  }
}
