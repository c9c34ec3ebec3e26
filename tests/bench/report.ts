// `pnpm bench report [--plots N] [--db postgres|pglite] [--rounds R]`: the audit report of a batch with
// N upstream plots (default 5,000) built as JSON (canonical text), as every CSV table and as a PDF,
// next to the trace of the same batch measured in the same run (the baseline). Service calls without
// HTTP; each round runs all four in turn. Targets (issue 16): JSON ≤ 2 × trace, PDF ≤ 5 s.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { reportJson, reportPdf, TABLE_NAMES, tableCsv } from '@groundtruth/report';
import { createAccess } from '../../services/api/src/access.ts';
import type { Principal } from '../../services/api/src/auth.ts';
import { createReportService } from '../../services/api/src/domains/audits/reports/service.ts';
import { createEventService } from '../../services/api/src/domains/custody/events/service.ts';
import { openBenchChain } from './chain.ts';
import { fmt, median } from './stats.ts';

export async function benchReport(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      plots: { type: 'string', default: '5000' },
      db: { type: 'string', default: 'postgres' },
      rounds: { type: 'string', default: '9' },
    },
  });
  const plotCount = Number(values.plots);
  const rounds = Number(values.rounds);
  const { db, writer, chain, close } = await openBenchChain(values.db, plotCount);
  try {
    console.log(
      `${values.db}: built a chain with ${fmt(plotCount)} plots in ${fmt(chain.setupSeconds, 1)} s`,
    );
    const access = createAccess(db);
    const events = createEventService({ db, writer, access });
    const reports = createReportService({ db, access, events });
    const caller: Principal = { subject: 'bench', role: 'compliance', organisationId: chain.brandId };

    const times = { trace: [] as number[], json: [] as number[], csv: [] as number[], pdf: [] as number[] };
    const sizes = { json: 0, csv: 0, pdf: 0, plots: 0 };
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      await events.trace(caller, chain.batchId);
      times.trace.push(performance.now() - start);

      start = performance.now();
      const json = reportJson(await reports.report(caller, 'lot', chain.batchId));
      times.json.push(performance.now() - start);

      start = performance.now();
      const tables = await reports.report(caller, 'lot', chain.batchId);
      const csv = TABLE_NAMES.map((name) => tableCsv(tables.tables[name]));
      times.csv.push(performance.now() - start);

      start = performance.now();
      const pdf = await reportPdf(await reports.report(caller, 'lot', chain.batchId));
      times.pdf.push(performance.now() - start);

      sizes.json = json.length;
      sizes.csv = csv.reduce((sum, text) => sum + text.length, 0);
      sizes.pdf = pdf.length;
      sizes.plots = tables.summary.plots;
    }
    const trace = median(times.trace);
    const line = (label: string, ms: number[]) =>
      `  ${label.padEnd(44)} median ${fmt(median(ms), 1).padStart(8)} ms, ratio ${fmt(median(ms) / trace, 2)}×`;
    console.log(`  ${'trace (the baseline)'.padEnd(44)} median ${fmt(trace, 1).padStart(8)} ms`);
    console.log(
      `${line(`report JSON (${fmt(sizes.plots)} plots, ${fmt(sizes.json / 1024)} KiB)`, times.json)}   target ≤ 2×`,
    );
    console.log(line(`report CSV, ${TABLE_NAMES.length} tables (${fmt(sizes.csv / 1024)} KiB)`, times.csv));
    console.log(`${line(`report PDF (${fmt(sizes.pdf / 1024)} KiB)`, times.pdf)}   target ≤ 5,000 ms`);
    const [one, five, fifteen] = loadavg();
    console.log(
      `  (${rounds} rounds; load average ${fmt(one!, 2)} ${fmt(five!, 2)} ${fmt(fifteen!, 2)} at the end)`,
    );
  } finally {
    await close();
  }
}
