// `pnpm bench verify [--entries N] [--db pglite|postgres|both] [--runs N]`
// The full audit (issue 10, item 5) over the demo log and over a log of N entries (default 100,000):
// the server-side audit of the stored log (POST /v1/ledger/audit's work) and `gt verify --full`
// over HTTP (entry bundles and hash tiles), in leaves per second.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { LedgerClient, verifyLogFull } from '@groundtruth/client';
import type { EntryEnvelope } from '@groundtruth/ledger';
import { seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';
import { fmt, median, timed } from './stats.ts';

function makeEntries(count: number, offset: number): EntryEnvelope[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    type: 'bench.appended',
    version: 1,
    at,
    actor: 'system:bench',
    subject: `bench:${offset + i}`,
    // ~500 bytes of canonical JSON per entry, about the size of a harvest or transfer record.
    body: { n: offset + i, payload: randomBytes(180).toString('hex') },
  }));
}

async function measure(t: TestApp, label: string, runs: number): Promise<void> {
  const size = await t.runtime.reader.size();
  const serverRates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const report = await t.runtime.selfAudit.run();
    if (!report.ok) throw new Error(`audit failed: ${report.failure?.reason}`);
    serverRates.push(Number(report.leavesChecked) / (report.durationMs / 1000));
  }
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const client = new LedgerClient(url);
  const clientRates: number[] = [];
  for (let i = 0; i < runs; i++) {
    let leaves = 0n;
    const seconds = await timed(async () => {
      const verdict = await verifyLogFull(client);
      if (!verdict.ok) throw new Error(verdict.message);
      leaves = verdict.leavesChecked;
    });
    clientRates.push(Number(leaves) / seconds);
  }
  await t.app.close();
  console.log(
    `${label} (${t.database.kind}), ${fmt(Number(size))} entries: server audit ${fmt(median(serverRates))} leaves/s` +
      ` (${fmt(Number(size) / median(serverRates), 2)} s); gt verify --full over HTTP ${fmt(median(clientRates))} leaves/s` +
      ` (${fmt(Number(size) / median(clientRates), 2)} s); median of ${runs}`,
  );
}

export async function benchVerify(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      entries: { type: 'string', default: '100000' },
      db: { type: 'string', default: 'both' },
      runs: { type: 'string', default: '3' },
    },
  });
  const total = Number(values.entries);
  const runs = Number(values.runs);
  const kinds = values.db === 'both' ? ['pglite', 'postgres'] : [values.db!];
  const env = { GROUNDTRUTH_SELF_AUDIT_INTERVAL: 'off' };
  for (const kind of kinds) {
    process.env.GROUNDTRUTH_TEST_DB = kind;

    const demo = await buildTestApp({ env });
    await seedDemoData(demo.runtime);
    await measure(demo, 'demo log', runs);
    await demo.close();

    const t = await buildTestApp({ env });
    const seconds = await timed(async () => {
      // Big batches: this only builds the log to audit (append throughput is `pnpm bench ledger`).
      const chunk = 4096;
      const pending: Promise<unknown>[] = [];
      for (let offset = 0; offset < total; offset += chunk) {
        pending.push(
          t.runtime.writer.append({ entries: makeEntries(Math.min(chunk, total - offset), offset) }),
        );
        if (pending.length >= 4) await pending.shift();
      }
      await Promise.all(pending);
    });
    console.log(`built a ${fmt(total)}-entry log on ${kind} in ${fmt(seconds, 1)} s`);
    await measure(t, `${fmt(total)}-entry log`, runs);
    await t.close();
  }
}
