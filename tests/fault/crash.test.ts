// Kill -9 in the middle of appending, restart, and check the log: its checkpoint verifies, no batch
// is half-written, and no acknowledged entry is lost. On PostgreSQL and on PGlite, whose
// transaction() skips the sync after COMMIT (PGlite #1065) unless the writer syncs itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Database, openTestDatabase, testDatabaseKind } from '@groundtruth/db';
import { createEd25519Verifier, MemoryTree, openCheckpoint, toHex } from '@groundtruth/ledger';
import { LedgerReader } from '@groundtruth/ledger-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/api/src/config.ts';
import { openRuntime } from '../../services/api/src/runtime.ts';
import { TEST_ENTRY_DEFINITIONS, TEST_ENTRY_POLICIES } from '../fixtures/entry-policies.ts';

const WORKER = resolve(import.meta.dirname, '../fixtures/append-worker.ts');
const ORIGIN = 'fault.groundtruth.example/ledger';

interface Run {
  acked: Map<bigint, string>;
}

/** Starts the worker, waits for at least `minAcks` acknowledgements, then SIGKILLs it mid-stream. */
async function appendThenKill(env: NodeJS.ProcessEnv, minAcks: number, run: Run): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acks = 0;
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`worker acknowledged only ${acks} entries in time`)),
      60_000,
    );
    lines.on('line', (line) => {
      const [tag, index, hash] = line.split(' ');
      if (tag !== 'ACK') return;
      run.acked.set(BigInt(index!), hash!);
      acks++;
      if (acks === minAcks) {
        clearTimeout(timer);
        // A random extra moment, so the kill lands at different points of a batch.
        setTimeout(
          () => {
            child.kill('SIGKILL');
            done();
          },
          Math.floor(Math.random() * 40),
        );
      }
    });
    child.on('exit', (code) => {
      if (acks < minAcks) fail(new Error(`worker exited with ${code} after ${acks} acknowledgements`));
    });
  });
  await exited;
  // Lines already buffered from before the kill were acknowledged before it: count them too.
  lines.close();
}

async function checkLog(db: Database, verifierKey: string, run: Run): Promise<bigint> {
  const reader = new LedgerReader(db);
  const latest = (await reader.latestCheckpoint())!;
  const checkpoint = openCheckpoint(latest.note, createEd25519Verifier(verifierKey));
  const [count] = await db.query<{ n: string | number; max: string | number | null }>(
    'SELECT count(*) AS n, max(idx) AS max FROM ledger_entries',
  );
  // Entries and checkpoint were committed together: no entry beyond the checkpoint, no gap below it.
  expect(BigInt(count!.n)).toBe(checkpoint.size);
  expect(count!.max === null ? 0n : BigInt(count!.max) + 1n).toBe(checkpoint.size);
  const tree = new MemoryTree();
  for (let start = 0n; start < checkpoint.size; start += 1000n) {
    for (const e of await reader.entries(start, 1000)) tree.appendLeaf(e.data);
  }
  expect(toHex(tree.rootAt(checkpoint.size))).toBe(toHex(checkpoint.rootHash));
  for (const [index, leafHash] of run.acked) {
    expect(index < checkpoint.size, `acknowledged entry ${index} is in the log`).toBe(true);
    expect(toHex(tree.leafHash(index))).toBe(leafHash);
  }
  return checkpoint.size;
}

describe('fault: SIGKILL while appending', () => {
  const kind = testDatabaseKind();
  const dataDir = mkdtempSync(join(tmpdir(), 'gt-crash-'));
  let url: string | undefined;
  let destroy = async () => {};

  beforeAll(async () => {
    if (kind === 'postgres') {
      const t = await openTestDatabase({ migrate: false });
      await t.db.close();
      url = t.url;
      destroy = t.destroy;
    }
  });
  afterAll(async () => {
    await destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged entry and a verifiable checkpoint across three kills (${kind})`, async () => {
    const env = {
      GROUNDTRUTH_DATA_DIR: dataDir,
      GROUNDTRUTH_LOG_ORIGIN: ORIGIN,
      ...(url ? { DATABASE_URL: url } : {}),
    };
    const run: Run = { acked: new Map() };
    let previousSize = 0n;
    for (let round = 1; round <= 3; round++) {
      await appendThenKill(env, 1500, run);
      // Restart exactly as the server would (recovery, migrations, signing key from the data dir).
      const runtime = await openRuntime(loadConfig(env as NodeJS.ProcessEnv), {
        policies: TEST_ENTRY_POLICIES,
        entries: TEST_ENTRY_DEFINITIONS,
      });
      try {
        const size = await checkLog(runtime.db, runtime.verifierKey, run);
        expect(size).toBeGreaterThan(previousSize);
        previousSize = size;
        // The restarted writer carries on from the recovered tree.
        const receipt = await runtime.writer.append({
          entries: [
            {
              type: 'fault.restarted',
              version: 1,
              at: new Date().toISOString(),
              actor: 'system',
              subject: `round:${round}`,
              body: {},
            },
          ],
        });
        expect(receipt.entries[0]!.index).toBe(size);
        run.acked.set(size, toHex(receipt.entries[0]!.leafHash));
      } finally {
        await runtime.close();
      }
    }
  }, 240_000);
});
