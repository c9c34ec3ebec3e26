// Several API processes on one PostgreSQL: each sequences batches under the advisory lock, and the
// log they build together has consecutive indexes and a checkpoint chain that is consistent.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '@groundtruth/db';
import { createEd25519Verifier, MemoryTree, openCheckpoint, toHex } from '@groundtruth/ledger';
import { LedgerReader } from '@groundtruth/ledger-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/api/src/config.ts';
import { openRuntime } from '../../services/api/src/runtime.ts';

const WORKER = resolve(import.meta.dirname, '../fixtures/append-worker.ts');

function runWorker(env: NodeJS.ProcessEnv, acks: number, acked: Map<bigint, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let count = 0;
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker acknowledged ${count} of ${acks}`)), 90_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [tag, index, hash] = line.split(' ');
      if (tag !== 'ACK') return;
      if (acked.has(BigInt(index!))) fail(new Error(`index ${index} acknowledged twice`));
      acked.set(BigInt(index!), hash!);
      if (++count === acks) child.kill('SIGTERM');
    });
    child.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

describe.runIf(testDatabaseKind() === 'postgres')('three API processes on one PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
  });
  afterAll(() => t.destroy());

  it('append concurrently without gaps, duplicates or inconsistent checkpoints', async () => {
    const env = {
      DATABASE_URL: t.url!,
      GROUNDTRUTH_DATA_DIR: t.dataDir,
      GROUNDTRUTH_LOG_ORIGIN: 'multi.groundtruth.example/ledger',
    };
    // Create the shared keys once, as an operator would before starting replicas.
    const first = await openRuntime(loadConfig(env));
    await first.close();
    const acked = new Map<bigint, string>();
    await Promise.all([
      runWorker(env, 1500, acked),
      runWorker(env, 1500, acked),
      runWorker(env, 1500, acked),
    ]);
    expect(acked.size).toBeGreaterThanOrEqual(4500);

    const runtime = await openRuntime(loadConfig(env));
    try {
      const reader = new LedgerReader(runtime.db);
      const verifier = createEd25519Verifier(runtime.verifierKey);
      const latest = openCheckpoint((await reader.latestCheckpoint())!.note, verifier);
      const tree = new MemoryTree();
      for (let start = 0n; start < latest.size; start += 1000n) {
        for (const e of await reader.entries(start, 1000)) {
          expect(e.index).toBe(tree.size);
          tree.appendLeaf(e.data);
        }
      }
      expect(tree.size).toBe(latest.size);
      for (const [index, hash] of acked) expect(toHex(tree.leafHash(index))).toBe(hash);
      // Every checkpoint any of the processes signed is the root of the one shared tree at its size.
      for (const c of await reader.checkpoints(0n, 100_000)) {
        expect(openCheckpoint(c.note, verifier).rootHash).toEqual(tree.rootAt(c.size));
      }
    } finally {
      await runtime.close();
    }
  }, 180_000);
});
