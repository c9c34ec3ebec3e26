// The chain the trace and EUDR benches measure: N plots (2 ha squares, six decimals) in 50
// cooperatives → one harvest batch each → a pooled batch per cooperative → shipped to a processor →
// one transformation into the batch measured. Written through the services, as API requests are.
import { type Database, openTestDatabase, type TestDatabase } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { createAccess } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { createEventService } from '../../services/api/src/domains/custody/events/service.ts';
import { createOrganisationService } from '../../services/api/src/domains/registry/organisations/service.ts';
import { createPlotService } from '../../services/api/src/domains/registry/plots/service.ts';
import { openRuntime, type Runtime } from '../../services/api/src/runtime.ts';
import { timed } from './stats.ts';

const ADMIN: Principal = { subject: 'system:bench', role: 'admin' };
const r6 = (n: number) => (Math.round(n * 1e6) / 1e6).toFixed(6);

export interface BenchChain {
  brandId: string;
  /** The batch with `plotCount` plots upstream. */
  batchId: string;
  cooperatives: number;
  setupSeconds: number;
}

export async function buildBenchChain(
  { db, writer }: { db: Database; writer: LedgerWriter },
  plotCount: number,
): Promise<BenchChain> {
  const deps = { db, writer };
  const access = createAccess(db);
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
  let batchId = '';
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
    batchId = liquor.batchIds[0]!;
  });
  return { brandId: brand.id, batchId, cooperatives: cooperatives.length, setupSeconds: setup };
}

/**
 * A fresh database (`db`: postgres or pglite) with the bench chain of `plotCount` plots written into
 * it, analysed on PostgreSQL; what the EUDR and report benches share. Call `close` when done.
 */
export async function openBenchChain(db: string, plotCount: number) {
  process.env.GROUNDTRUTH_TEST_DB = db;
  const t: TestDatabase = await openTestDatabase();
  const runtime: Runtime = await openRuntime(
    loadConfig({
      GROUNDTRUTH_DATA_DIR: t.dataDir,
      GROUNDTRUTH_LOG_ORIGIN: 'bench.groundtruth.example/ledger',
    }),
    { db: t.db },
  );
  const close = async () => {
    await runtime.writer.close();
    await runtime.statistics.stop();
    await t.destroy();
  };
  try {
    const chain = await buildBenchChain({ db: t.db, writer: runtime.writer }, plotCount);
    if (db === 'postgres') await t.db.query('VACUUM ANALYZE');
    return { db: t.db, writer: runtime.writer, runtime, chain, close };
  } catch (error) {
    await close();
    throw error;
  }
}
