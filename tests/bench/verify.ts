// `pnpm bench verify [--entries N] [--db pglite|postgres|both] [--runs N]`
// The full audit (issue 10, item 5) over the demo log and over a log of N entries (default 100,000):
// the server-side audit of the stored log (POST /v1/ledger/audit's work) and `gt verify --full`
// over HTTP (entry bundles and hash tiles), in leaves per second: once in this process, and once as a
// process of its own (tests/bench/verify-client.ts), whose CPU time is the outside verifier's alone.
// BENCH_VERIFY_PROFILE=<dir> writes that process's V8 CPU profile there.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerClient, verifyLogFull } from '@groundtruth/client';
import type { EntryEnvelope } from '@groundtruth/ledger';
import { seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';
import { transferBody } from './entries.ts';
import { fmt, median, timed } from './stats.ts';

/** Transfer entries as the service logs them (quantities committed under ENTRY_POLICIES). */
function makeEntries(count: number, offset: number): EntryEnvelope[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    type: 'event.transfer',
    version: 1,
    at,
    actor: 'system:bench',
    subject: `event:${crypto.randomUUID()}`,
    body: transferBody(offset + i),
  }));
}

/** Wall-clock and this process's CPU time (user + system) of fn, in seconds. */
async function clocked(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const wall = await timed(fn);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

/**
 * Leaves per second of wall-clock time, and per second of this process's CPU: on a machine shared
 * with other work the second says what the code costs, the first what this run got.
 */
async function measure(t: TestApp, label: string, runs: number): Promise<void> {
  const size = Number(await t.runtime.reader.size());
  const server: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    server.push(
      await clocked(async () => {
        const report = await t.runtime.selfAudit.run();
        if (!report.ok) throw new Error(`audit failed: ${report.failure?.reason}`);
      }),
    );
  }
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const client = new LedgerClient(url);
  const outside: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    outside.push(
      await clocked(async () => {
        const verdict = await verifyLogFull(client);
        if (!verdict.ok) throw new Error(verdict.message);
      }),
    );
  }
  // The same verification as its own process: what an outside auditor's machine spends.
  const separate: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const line = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          ...(process.env.BENCH_VERIFY_PROFILE
            ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_VERIFY_PROFILE]
            : []),
          '--import',
          'tsx',
          join(import.meta.dirname, 'verify-client.ts'),
          url,
        ],
        { maxBuffer: 1 << 20 },
        (error, stdout) => (error ? reject(error) : resolve(stdout.trim().split('\n').at(-1)!)),
      );
    });
    const result = JSON.parse(line) as { ok: boolean; message: string; wall: number; cpu: number };
    if (!result.ok) throw new Error(result.message);
    separate.push(result);
  }
  await t.app.close();
  const rate = (xs: { wall: number; cpu: number }[], key: 'wall' | 'cpu') =>
    fmt(size / median(xs.map((x) => x[key])));
  console.log(
    `${label} (${t.database.kind}), ${fmt(size)} entries, median of ${runs}:\n` +
      `  server audit (POST /v1/ledger/audit): ${rate(server, 'wall')} leaves/s wall (${fmt(median(server.map((x) => x.wall)), 2)} s), ${rate(server, 'cpu')} leaves per CPU-second of the Node process\n` +
      `  gt verify --full over HTTP (client and server in this process): ${rate(outside, 'wall')} leaves/s wall (${fmt(median(outside.map((x) => x.wall)), 2)} s), ${rate(outside, 'cpu')} leaves per CPU-second\n` +
      `  gt verify --full as its own process (server here): ${rate(separate, 'wall')} leaves/s wall (${fmt(median(separate.map((x) => x.wall)), 2)} s), ${rate(separate, 'cpu')} leaves per CPU-second of the verifier`,
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
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores)`,
  );
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
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await t.close();
  }
}
