// `pnpm bench eudr [--plots N] [--db postgres|pglite]`: the EUDR exports of a batch with N upstream
// plots (default 5,000): the Information System GeoJSON and the statement's data, next to the trace
// of the same batch (which lists the plots without geometry) measured in the same run. Service calls
// without HTTP, 15 rounds, each round all three in turn.
import { parseArgs } from 'node:util';
import { createAccess } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { createEventService } from '../../services/api/src/domains/custody/events/service.ts';
import { createEudrService } from '../../services/api/src/domains/deforestation/eudr/service.ts';
import { createMassBalanceService } from '../../services/api/src/domains/massbalance/mass-balance/service.ts';
import { openBenchChain } from './chain.ts';
import { fmt, median } from './stats.ts';

export async function benchEudr(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { plots: { type: 'string', default: '5000' }, db: { type: 'string', default: 'postgres' } },
  });
  const plotCount = Number(values.plots);
  const { db, writer, chain, close } = await openBenchChain(values.db, plotCount);
  try {
    const deps = { db, writer };
    console.log(
      `${values.db}: built a chain with ${fmt(plotCount)} plots in ${fmt(chain.setupSeconds, 1)} s`,
    );
    const access = createAccess(db);
    const events = createEventService({ ...deps, access });
    const massBalance = createMassBalanceService({ ...deps, access });
    const eudr = createEudrService({ ...deps, access, events, massBalance });
    const caller: Principal = { subject: 'bench', role: 'compliance', organisationId: chain.brandId };

    const times = { trace: [] as number[], geojson: [] as number[], statement: [] as number[] };
    let features = 0;
    let bytes = 0;
    let statementBytes = 0;
    for (let round = 0; round < 15; round++) {
      let start = performance.now();
      await events.trace(caller, chain.batchId);
      times.trace.push(performance.now() - start);
      start = performance.now();
      const file = await eudr.geojson(caller, chain.batchId);
      times.geojson.push(performance.now() - start);
      start = performance.now();
      const statement = await eudr.statement(caller, chain.batchId, {});
      times.statement.push(performance.now() - start);
      features = file.features;
      bytes = file.text.length;
      statementBytes = JSON.stringify(statement).length;
    }
    const trace = median(times.trace);
    console.log(`  trace (plots without geometry)            median ${fmt(trace, 1)} ms   (baseline)`);
    console.log(
      `  EUDR GeoJSON (${fmt(features)} features, ${fmt(bytes / 1024)} KiB)  median ${fmt(median(times.geojson), 1)} ms, ratio ${fmt(median(times.geojson) / trace, 2)}×`,
    );
    console.log(
      `  statement data (${fmt(statementBytes / 1024)} KiB, incl. mass balance)  median ${fmt(median(times.statement), 1)} ms, ratio ${fmt(median(times.statement) / trace, 2)}×`,
    );
  } finally {
    await close();
  }
}
