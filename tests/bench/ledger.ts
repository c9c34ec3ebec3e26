// `pnpm bench ledger [--entries N] [--proof-entries N] [--runs N] [--db postgres|pglite|both] [--shapes payload,transfer]`
// Ledger appends/s through the writer (durable, ~1 KiB entries) next to raw batched INSERT of the
// same rows into a plain table on the same database, in the same run, with the CPU each entry cost
// (this process and, on PostgreSQL, the database's backends, read from /proc); and inclusion-proof latency
// on a log of --proof-entries entries (default 1,000,000, PostgreSQL).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { type Database, openTestDatabase, type TestDatabase } from '@groundtruth/db';
import {
  commitEntry,
  createEd25519Signer,
  ENTRY_POLICIES,
  type EntryEnvelope,
  encodeEntry,
  verifyInclusion,
} from '@groundtruth/ledger';
import { INSERT_ENTRIES, LedgerReader, LedgerWriter, nodeTreeHasher } from '@groundtruth/ledger-store';
import { transferBody } from './entries.ts';
import { collectGarbage, fmt, median, percentile, timed, watchGarbageCollection } from './stats.ts';

const ORIGIN = 'bench.groundtruth.example/ledger';
const signer = createEd25519Signer(ORIGIN, randomBytes(32));
// Each shape is appended twice, under two entry types with the same bodies: `*.committed` commits
// its confidential fields (one salted digest and one disclosure row each), `*.clear` logs them in
// clear, as every entry was before selective disclosure. Both run in the same process against the
// same database, alternating, so their ratio is the cost of the commitments.
//   payload:  ~1 KiB of which ~90 % is one confidential field (the worst case per byte)
//   transfer: an `event.transfer` body as the service logs it (~600 bytes), its two quantities
//             committed exactly as ENTRY_POLICIES commits them (the common case)
const policies = {
  ...ENTRY_POLICIES,
  'bench.committed': { owner: null, confidential: ['payload'] },
  'bench.clear': { owner: null, confidential: [] },
  'bench_transfer.committed': ENTRY_POLICIES['event.transfer']!,
  'bench_transfer.clear': { ...ENTRY_POLICIES['event.transfer']!, confidential: [] },
};
type Shape = 'payload' | 'transfer';
type BenchType = 'bench.committed' | 'bench.clear' | 'bench_transfer.committed' | 'bench_transfer.clear';
const typeOf = (shape: Shape, committed: boolean): BenchType =>
  `${shape === 'payload' ? 'bench' : 'bench_transfer'}.${committed ? 'committed' : 'clear'}`;

function makeEntries(count: number, offset: number, type: BenchType = 'bench.committed'): EntryEnvelope[] {
  const at = new Date().toISOString();
  const transfer = type.startsWith('bench_transfer');
  return Array.from({ length: count }, (_, i) => ({
    type,
    version: 1,
    at,
    actor: 'system:bench',
    subject: `bench:${offset + i}`,
    body: transfer
      ? transferBody(offset + i)
      : // ~1 KiB of canonical JSON per entry.
        { n: offset + i, payload: randomBytes(450).toString('hex') },
  }));
}

/** The baseline: the same rows, batched into a plain table by the fastest bulk INSERT we measured. */
async function rawInsertRate(db: Database, entries: EntryEnvelope[], batchSize: number): Promise<number> {
  await db.execScript(`DROP TABLE IF EXISTS bench_raw;
    CREATE TABLE bench_raw (idx bigint PRIMARY KEY, leaf_hash bytea NOT NULL, data bytea NOT NULL, entry_type text NOT NULL, subject text NOT NULL)`);
  // The same bytes the writer would store, prepared outside the timed part.
  const rows = entries.map((e, i) => {
    const data = encodeEntry(commitEntry(e, policies).entry);
    return {
      idx: String(i),
      hash: Buffer.from(nodeTreeHasher.hashLeaf(data)).toString('hex'),
      text: new TextDecoder().decode(data),
      e,
    };
  });
  const seconds = await timed(async () => {
    for (let offset = 0; offset < rows.length; offset += batchSize) {
      const chunk = rows.slice(offset, offset + batchSize);
      await db.transaction((tx) =>
        tx.query(INSERT_ENTRIES.replace('ledger_entries', 'bench_raw'), [
          chunk.map((r) => r.idx),
          chunk.map((r) => r.hash),
          chunk.map((r) => r.text),
          chunk.map((r) => r.e.type),
          chunk.map((r) => r.e.subject),
        ]),
      );
    }
  });
  return rows.length / seconds;
}

/**
 * CPU seconds used so far by this process and by the PostgreSQL backends serving this database (read
 * from /proc; undefined where there is none, e.g. PGlite, whose work is this process's). On a machine
 * shared with other work, throughput follows CPU per entry far more steadily than wall time does.
 */
async function cpuSeconds(db: Database, kind: 'postgres' | 'pglite'): Promise<{ node: number; pg?: number }> {
  const usage = process.cpuUsage();
  const node = (usage.user + usage.system) / 1e6;
  if (kind !== 'postgres' || !existsSync('/proc/self/stat')) return { node };
  const rows = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  let ticks = 0;
  for (const { pid } of rows) {
    // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return { node, pg: ticks / CLOCK_TICKS_PER_SECOND };
}
/** USER_HZ, 100 on Linux for every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

interface Rate {
  perSecond: number;
  /** CPU microseconds per entry: this process, and the database's backends where measurable. */
  nodeMicros: number;
  pgMicros: number | undefined;
  /** Microseconds per entry the collector paused this process: young generation, and the rest. */
  gcYoungMicros: number;
  gcOldMicros: number;
}

const gc = watchGarbageCollection();

/** `clients` concurrent callers, each appending `perRequest` entries per call until `total` are written. */
async function writerRate(
  writer: LedgerWriter,
  db: Database,
  kind: 'postgres' | 'pglite',
  total: number,
  clients: number,
  perRequest: number,
  type: BenchType = 'bench.committed',
): Promise<Rate> {
  const entries = makeEntries(total, Math.floor(Math.random() * 1e9), type);
  let next = 0;
  // Each measurement starts from the same state: the previous one's garbage collected, and its
  // writes flushed, so that neither a collection nor a checkpoint it caused lands in this one.
  collectGarbage();
  if (kind === 'postgres') await db.query('CHECKPOINT');
  const before = await cpuSeconds(db, kind);
  const from = performance.now();
  const seconds = await timed(async () => {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) {
          const start = next;
          next += perRequest;
          await writer.append({ entries: entries.slice(start, start + perRequest) });
        }
      }),
    );
  });
  const to = performance.now();
  const after = await cpuSeconds(db, kind);
  // The timeline reports a pause after it ends, on a later turn of the event loop.
  await sleep(20);
  const paused = gc.pausedWithin(from, to);
  return {
    perSecond: total / seconds,
    gcYoungMicros: (paused.young * 1e3) / total,
    gcOldMicros: (paused.old * 1e3) / total,
    nodeMicros: ((after.node - before.node) * 1e6) / total,
    pgMicros:
      after.pg !== undefined && before.pg !== undefined ? ((after.pg - before.pg) * 1e6) / total : undefined,
  };
}

const cpuMicros = (r: Rate) => r.nodeMicros + (r.pgMicros ?? 0);

async function benchAppends(kind: 'postgres' | 'pglite', total: number, runs: number, shapes: Shape[]) {
  process.env.GROUNDTRUTH_TEST_DB = kind;
  const t: TestDatabase = await openTestDatabase();
  try {
    const writer = new LedgerWriter({ db: t.db, origin: ORIGIN, signer, policies, checkEntry: null });
    await writer.init();
    const raw: number[] = [];
    type Pair = { clear: Rate[]; committed: Rate[] };
    const rates = new Map<string, Pair>();
    for (let run = 0; run < runs; run++) {
      raw.push(await rawInsertRate(t.db, makeEntries(total, 0), 2048));
      for (const shape of shapes)
        for (const [label, clients, perRequest] of [
          ['256 clients × 1 entry/request', 256, 1],
          ['8 clients × 100 entries/request', 8, 100],
        ] as const) {
          const key = `${shape}, ${label}`;
          const pair = rates.get(key) ?? { clear: [], committed: [] };
          rates.set(key, pair);
          // Clear and committed back to back within each run, so drift on a noisy machine hits both;
          // which goes first alternates from run to run, so neither always inherits the other's wake.
          for (const committed of run % 2 === 0 ? [false, true] : [true, false])
            (committed ? pair.committed : pair.clear).push(
              await writerRate(writer, t.db, kind, total, clients, perRequest, typeOf(shape, committed)),
            );
        }
    }
    await writer.close();
    const rawMedian = median(raw);
    console.log(`\n${kind}: ${fmt(total)} entries per measurement, ${runs} runs, medians`);
    console.log(
      `  raw batched INSERT (2048 rows/txn, ~1 KiB rows), plain table   ${fmt(rawMedian).padStart(9)} rows/s   (baseline)`,
    );
    for (const [key, pair] of rates) {
      const clear = median(pair.clear.map((r) => r.perSecond));
      const committed = median(pair.committed.map((r) => r.perSecond));
      console.log(
        `  ${key.padEnd(42)} clear ${fmt(clear).padStart(7)}/s  committed ${fmt(committed).padStart(7)}/s  ` +
          `committed/raw ${fmt(committed / rawMedian, 2)}  commitment cost ${fmt((1 - committed / clear) * 100, 1)} %`,
      );
      console.log(
        `    (runs: clear ${pair.clear.map((r) => fmt(r.perSecond)).join(', ')}; committed ${pair.committed.map((r) => fmt(r.perSecond)).join(', ')})`,
      );
      // Each run's clear and committed measurements are back to back, so their ratio is the least
      // disturbed by drift on a shared machine: the median of those per-run costs, with their range.
      const paired = pair.clear.map((c, i) => (1 - pair.committed[i]!.perSecond / c.perSecond) * 100);
      console.log(
        `    paired per run: commitment cost median ${fmt(median(paired), 1)} % (${fmt(Math.min(...paired), 1)} to ${fmt(Math.max(...paired), 1)} %)`,
      );
      // CPU per entry, medians: what a saturated machine's throughput follows (1 − clear/committed).
      const cpu = (rs: Rate[], part: (r: Rate) => number) => median(rs.map(part));
      const clearCpu = cpu(pair.clear, cpuMicros);
      const committedCpu = cpu(pair.committed, cpuMicros);
      const parts = (rs: Rate[]) =>
        rs[0]!.pgMicros === undefined
          ? ''
          : ` (Node ${fmt(
              cpu(rs, (r) => r.nodeMicros),
              1,
            )} + PostgreSQL ${fmt(
              cpu(rs, (r) => r.pgMicros!),
              1,
            )})`;
      console.log(
        `    CPU per entry: clear ${fmt(clearCpu, 1)} µs${parts(pair.clear)}, committed ${fmt(committedCpu, 1)} µs${parts(pair.committed)}; ` +
          `commitment cost at equal CPU ${fmt((1 - clearCpu / committedCpu) * 100, 1)} %`,
      );
      const paused = (rs: Rate[]) =>
        `${fmt(
          cpu(rs, (r) => r.gcYoungMicros + r.gcOldMicros),
          1,
        )} µs (young ${fmt(
          cpu(rs, (r) => r.gcYoungMicros),
          1,
        )}, old ${fmt(
          cpu(rs, (r) => r.gcOldMicros),
          1,
        )})`;
      console.log(
        `    GC pauses per entry: clear ${paused(pair.clear)}, committed ${paused(pair.committed)}`,
      );
    }
    console.log(`  (raw runs: ${raw.map((r) => fmt(r)).join(', ')})`);
  } finally {
    await t.destroy();
  }
}

async function benchProofs(kind: 'postgres' | 'pglite', size: number) {
  process.env.GROUNDTRUTH_TEST_DB = kind;
  const t = await openTestDatabase();
  try {
    const writer = new LedgerWriter({
      db: t.db,
      origin: ORIGIN,
      signer,
      policies,
      checkEntry: null,
      maxBatchEntries: 8192,
    });
    await writer.init();
    const fillSeconds = await timed(async () => {
      const chunk = 8192;
      const inFlight: Promise<unknown>[] = [];
      for (let offset = 0; offset < size; offset += chunk) {
        inFlight.push(writer.append({ entries: makeEntries(Math.min(chunk, size - offset), offset) }));
        if (inFlight.length >= 4) await inFlight.shift();
      }
      await Promise.all(inFlight);
    });
    await writer.close();
    console.log(
      `\n${kind}: filled ${fmt(size)} entries in ${fmt(fillSeconds, 1)} s (${fmt(size / fillSeconds)} appends/s, 8192-entry requests)`,
    );
    // What autovacuum does to an append-only table soon after a bulk load (sets the visibility map).
    const vacuumSeconds = await timed(async () => {
      await t.db.query('VACUUM ANALYZE ledger_entries');
      await t.db.query('VACUUM ANALYZE ledger_subtrees');
    });
    console.log(`  VACUUM ANALYZE after the load: ${fmt(vacuumSeconds, 1)} s`);
    const reader = new LedgerReader(t.db);
    const checkpoint = (await reader.latestCheckpoint())!;
    // Steady state, not the minutes after a bulk load: flush the load's dirty pages first (PostgreSQL
    // only), and let the reader warm its cache of upper-level subtrees with 500 proofs.
    if (kind === 'postgres') await t.db.query('CHECKPOINT');
    for (let i = 0; i < 500; i++)
      await reader.inclusionProof(BigInt(Math.floor(Math.random() * size)), checkpoint.size);
    const latencies: number[] = [];
    const verifyMicros: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const index = BigInt(Math.floor(Math.random() * size));
      const start = process.hrtime.bigint();
      const { leafHash, proof } = await reader.inclusionProof(index, checkpoint.size);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      const v = process.hrtime.bigint();
      if (!verifyInclusion(index, checkpoint.size, leafHash, proof, checkpoint.rootHash))
        throw new Error('proof failed');
      verifyMicros.push(Number(process.hrtime.bigint() - v) / 1e3);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `  inclusion proof (2,000 random indexes after 500 warm-up, reader incl. DB round trip): p50 ${fmt(percentile(latencies, 50), 3)} ms, p99 ${fmt(percentile(latencies, 99), 3)} ms`,
    );
    console.log(
      `  client-side verification (portable @noble SHA-256): p50 ${fmt(median(verifyMicros), 1)} µs`,
    );
  } finally {
    await t.destroy();
  }
}

export async function benchLedger(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      entries: { type: 'string', default: '20000' },
      'proof-entries': { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
      db: { type: 'string', default: 'both' },
      shapes: { type: 'string', default: 'payload,transfer' },
    },
  });
  const shapes = values.shapes.split(',') as Shape[];
  if (shapes.some((x) => x !== 'payload' && x !== 'transfer'))
    throw new Error('--shapes takes payload, transfer or both, comma-separated');
  const total = Number(values.entries);
  const runs = Number(values.runs);
  const kinds =
    values.db === 'both' ? (['postgres', 'pglite'] as const) : ([values.db] as ('postgres' | 'pglite')[]);
  for (const kind of kinds)
    await benchAppends(kind, kind === 'pglite' ? Math.min(total, 10_000) : total, runs, shapes);
  gc.stop();
  const proofEntries = Number(values['proof-entries']);
  if (proofEntries > 0) await benchProofs(kinds.includes('postgres') ? 'postgres' : 'pglite', proofEntries);
}
