// `pnpm bench audits [--plots N] [--db postgres|pglite]`: the audit workflow on the bench chain (N
// upstream plots, default 2,000): a chain audit assigned to an auditor with 50 findings and an action
// each, then, per round, the lot statement summary next to the trace of the same lot (its baseline,
// measured in the same run), and an auditor's visible organisations through the audit's grant next to
// the brand's own. Service calls without HTTP, 15 rounds.
import { parseArgs } from 'node:util';
import { createAccess, upstreamTiers } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { createAuditService } from '../../services/api/src/domains/audits/audits/service.ts';
import { createEventService } from '../../services/api/src/domains/custody/events/service.ts';
import { createMassBalanceService } from '../../services/api/src/domains/massbalance/mass-balance/service.ts';
import { createOrganisationService } from '../../services/api/src/domains/registry/organisations/service.ts';
import { openBenchChain } from './chain.ts';
import { fmt, median } from './stats.ts';

export async function benchAudits(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { plots: { type: 'string', default: '2000' }, db: { type: 'string', default: 'postgres' } },
  });
  const plotCount = Number(values.plots);
  const bench = await openBenchChain(values.db, plotCount);
  const { chain } = bench;
  try {
    const deps = { db: bench.db, writer: bench.writer };
    console.log(
      `${values.db}: built a chain with ${fmt(plotCount)} plots in ${fmt(chain.setupSeconds, 1)} s`,
    );
    const access = createAccess(bench.db);
    const events = createEventService({ ...deps, access });
    const massBalance = createMassBalanceService({ ...deps, access });
    const audits = createAuditService({ ...deps, access, events, massBalance });
    const auditor = await createOrganisationService(deps).register(
      { subject: 'system:bench', role: 'admin' },
      { name: 'Bench auditor', kind: 'auditor', country: 'GB' },
    );
    const officer: Principal = {
      subject: 'bench:officer',
      role: 'compliance',
      organisationId: chain.brandId,
    };
    const auditorUser: Principal = { subject: 'bench:auditor', role: 'auditor', organisationId: auditor.id };

    const steps = { open: 0, assign: 0, findings: [] as number[] };
    let start = performance.now();
    const { id } = await audits.open(officer, {
      brandId: chain.brandId,
      title: 'Bench audit',
      scope: { kind: 'chain' },
      period: { from: '2026-01-01', to: '2026-06-30' },
    });
    steps.open = performance.now() - start;
    start = performance.now();
    await audits.assign(officer, id, {
      auditorId: auditor.id,
      accessUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    steps.assign = performance.now() - start;
    const suppliers = [...(await upstreamTiers(bench.db, chain.brandId)).keys()].slice(0, 50);
    for (const supplier of suppliers) {
      start = performance.now();
      const finding = await audits.recordFinding(auditorUser, id, {
        severity: 'minor',
        concerns: { kind: 'organisation', id: supplier },
        text: 'Bench finding',
      });
      steps.findings.push(performance.now() - start);
      await audits.setCorrectiveAction(auditorUser, id, finding.id, {
        ownerId: supplier,
        dueDate: '2026-12-31',
        description: 'Bench action',
      });
    }
    console.log(
      `  open ${fmt(steps.open, 1)} ms, assign ${fmt(steps.assign, 1)} ms, record a finding median ${fmt(median(steps.findings), 1)} ms (${suppliers.length} findings)`,
    );
    if (values.db === 'postgres') await bench.db.query('VACUUM ANALYZE');

    const times = {
      trace: [] as number[],
      statement: [] as number[],
      brand: [] as number[],
      auditor: [] as number[],
    };
    let visible = 0;
    for (let round = 0; round < 15; round++) {
      start = performance.now();
      await events.trace(officer, chain.batchId);
      times.trace.push(performance.now() - start);
      start = performance.now();
      await audits.statement(officer, chain.batchId, '2026-11-01');
      times.statement.push(performance.now() - start);
      start = performance.now();
      await access.visibleOrganisations(officer);
      times.brand.push(performance.now() - start);
      start = performance.now();
      const seen = await access.visibleOrganisations(auditorUser);
      times.auditor.push(performance.now() - start);
      visible = seen === 'all' ? -1 : seen.length;
    }
    const trace = median(times.trace);
    const brand = median(times.brand);
    console.log(`  trace of the lot                          median ${fmt(trace, 1)} ms   (baseline)`);
    console.log(
      `  lot statement (incl. trace, mass balance)  median ${fmt(median(times.statement), 1)} ms, ratio ${fmt(median(times.statement) / trace, 2)}×`,
    );
    console.log(`  brand's visible organisations             median ${fmt(brand, 2)} ms   (baseline)`);
    console.log(
      `  auditor's, through the audit grant (${visible}) median ${fmt(median(times.auditor), 2)} ms, ratio ${fmt(median(times.auditor) / brand, 2)}×`,
    );
  } finally {
    await bench.close();
  }
}
