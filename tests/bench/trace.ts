// `pnpm bench trace [--plots N] [--db postgres|pglite]`: latency of GET /v1/batches/{id}/trace's query
// work for a batch with N upstream plots (default 5,000), next to the bare recursive CTE that only
// finds the upstream batch ids (the least any implementation must do), measured in the same run.
import { parseArgs } from 'node:util';
import { createAccess } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { createEventService } from '../../services/api/src/domains/custody/events/service.ts';
import { openBenchChain } from './chain.ts';
import { fmt, percentile } from './stats.ts';

export async function benchTrace(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { plots: { type: 'string', default: '5000' }, db: { type: 'string', default: 'postgres' } },
  });
  const plotCount = Number(values.plots);
  const bench = await openBenchChain(values.db, plotCount);
  const { chain, db } = bench;
  try {
    const { batchId } = chain;
    const events = createEventService({ db, writer: bench.writer, access: createAccess(db) });
    console.log(
      `${values.db}: built a chain with ${fmt(plotCount)} plots, ${fmt(plotCount + 2 * chain.cooperatives + 1)} batches in ${fmt(chain.setupSeconds, 1)} s`,
    );

    const caller: Principal = { subject: 'bench', role: 'compliance', organisationId: chain.brandId };
    const baseline: number[] = [];
    const full: number[] = [];
    let plotsSeen = 0;
    for (let i = 0; i < 25; i++) {
      let start = performance.now();
      await db.query(
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
    await bench.close();
  }
}
