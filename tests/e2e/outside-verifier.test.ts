// An outside verifier: talks to the service over HTTP only, downloads every entry, rebuilds the
// tree itself and checks that the server agrees with it at every size.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LedgerClient, verifyLog } from '@groundtruth/client';
import {
  createEd25519Signer,
  createEd25519Verifier,
  encodeEntry,
  encodeVerifierKey,
  fromBase64,
  MemoryTree,
  openCheckpoint,
  signCheckpoint,
  toBase64,
  verifyConsistency,
  verifyInclusion,
} from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleEntries, type TestApp } from '../../services/api/test/helper.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('outside verifier over HTTP', () => {
  let t: TestApp;
  let baseUrl: string;
  let client: LedgerClient;
  const stateDir = mkdtempSync(join(tmpdir(), 'gt-verify-'));

  beforeAll(async () => {
    t = await buildTestApp();
    // Several batches of different sizes, so checkpoints fall on odd sizes.
    for (const n of [1, 2, 5, 250, 13, 256, 1]) {
      await t.runtime.writer.append({ entries: sampleEntries(n) });
    }
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    client = new LedgerClient(baseUrl);
  });
  afterAll(async () => {
    await t.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('rebuilds the tree from every entry and agrees with the server at every size', async () => {
    const verifier = createEd25519Verifier(await client.verifierKey());
    const checkpoint = openCheckpoint(await client.checkpoint(), verifier);
    const tree = new MemoryTree();
    while (tree.size < checkpoint.size) {
      const page = await client.entries(tree.size, 1000);
      expect(page.entries.length).toBeGreaterThan(0);
      for (const e of page.entries) {
        const data = fromBase64(e.data)!;
        // The parsed entry is exactly what the leaf bytes say.
        expect(encodeEntry(e.entry as Parameters<typeof encodeEntry>[0])).toEqual(data);
        expect(BigInt(e.index)).toBe(tree.size);
        tree.appendLeaf(data);
      }
    }
    expect(tree.rootAt(checkpoint.size)).toEqual(checkpoint.rootHash);

    // Every checkpoint the log ever signed matches our own root at its size.
    const listed = (await (await fetch(`${baseUrl}/v1/ledger/checkpoints?from=0&limit=1000`)).json()) as {
      checkpoints: { treeSize: number; note: string }[];
    };
    expect(listed.checkpoints.length).toBe(8);
    for (const c of listed.checkpoints) {
      expect(openCheckpoint(c.note, verifier).rootHash).toEqual(tree.rootAt(BigInt(c.treeSize)));
    }

    // The server's tree at every size is a prefix of the signed one.
    for (let size = 1n; size <= checkpoint.size; size++) {
      const proof = await client.consistencyProof(size, checkpoint.size);
      expect(
        verifyConsistency(size, checkpoint.size, proof, tree.rootAt(size), checkpoint.rootHash),
        `size ${size}`,
      ).toBe(true);
    }
  });

  it('verifies inclusion and consistency proofs for random indexes and sizes', async () => {
    const size = await t.runtime.reader.size();
    const tree = new MemoryTree();
    for (const e of (await client.entries(0n, 1000)).entries) tree.appendLeaf(fromBase64(e.data)!);
    for (let i = 0; i < 200; i++) {
      const treeSize = 1n + BigInt(Math.floor(Math.random() * Number(size)));
      const index = BigInt(Math.floor(Math.random() * Number(treeSize)));
      const { leafHash, proof } = await client.inclusionProof(index, treeSize);
      expect(leafHash).toEqual(tree.leafHash(index));
      expect(verifyInclusion(index, treeSize, leafHash, proof, tree.rootAt(treeSize))).toBe(true);
      const from = 1n + BigInt(Math.floor(Math.random() * Number(treeSize)));
      const consistency = await client.consistencyProof(from, treeSize);
      expect(verifyConsistency(from, treeSize, consistency, tree.rootAt(from), tree.rootAt(treeSize))).toBe(
        true,
      );
    }
  });

  describe('gt verify', () => {
    it('trusts on first use, then checks consistency with the checkpoint it saw', async () => {
      const statePath = join(stateDir, 'state.json');
      const first = await verifyLog(new LedgerClient(baseUrl), { statePath });
      expect(first.ok).toBe(true);
      expect(first.message).toMatch(
        /^OK test\.groundtruth\.example\/ledger size \d+ .*first checkpoint seen/,
      );
      await t.runtime.writer.append({ entries: sampleEntries(3) });
      const second = await verifyLog(new LedgerClient(baseUrl), { statePath });
      expect(second.ok).toBe(true);
      expect(second.message).toMatch(/consistent with size/);
    });

    it('fails when the remembered checkpoint is not a prefix of the served one (history rewritten)', async () => {
      const statePath = join(stateDir, 'forked.json');
      expect((await verifyLog(new LedgerClient(baseUrl), { statePath })).ok).toBe(true);
      // Pretend we had seen a different tree of a smaller size: what a rewritten history looks like.
      const state = JSON.parse(readFileSync(statePath, 'utf8'));
      const seen = state.logs['test.groundtruth.example/ledger'];
      seen.size = '10';
      seen.rootHash = toBase64(new MemoryTree().appendLeaf(new Uint8Array([1])));
      writeFileSync(statePath, JSON.stringify(state));
      const verdict = await verifyLog(new LedgerClient(baseUrl), { statePath });
      expect(verdict.ok).toBe(false);
      expect(verdict.message).toMatch(/not consistent with size 10/);
    });

    it('fails when the log shrank or its key changed', async () => {
      const statePath = join(stateDir, 'shrunk.json');
      expect((await verifyLog(new LedgerClient(baseUrl), { statePath })).ok).toBe(true);
      const state = JSON.parse(readFileSync(statePath, 'utf8'));
      state.logs['test.groundtruth.example/ledger'].size = '999999';
      writeFileSync(statePath, JSON.stringify(state));
      expect((await verifyLog(new LedgerClient(baseUrl), { statePath })).message).toMatch(/shrank/);

      const other = createEd25519Signer('test.groundtruth.example/ledger', new Uint8Array(32).fill(3));
      const otherKey = encodeVerifierKey(other.name, other.publicKey);
      const keyed = await verifyLog(new LedgerClient(baseUrl), {
        statePath: join(stateDir, 'k.json'),
        trustedKey: otherKey,
      });
      expect(keyed.ok).toBe(false);
      expect(keyed.message).toMatch(/not the trusted key/);
    });

    it('rejects a checkpoint signed by another key even when the served key claims it', async () => {
      // A fake log: serves a key and a checkpoint that key did not sign.
      const other = createEd25519Signer('test.groundtruth.example/ledger', new Uint8Array(32).fill(4));
      const honest = await client.verifierKey();
      const forged = signCheckpoint(
        { origin: other.name, size: 5n, rootHash: new Uint8Array(32), extensions: [] },
        other,
      );
      const fake = {
        baseUrl: 'fake',
        verifierKey: async () => honest,
        checkpoint: async () => forged,
        consistencyProof: async () => [],
      } as unknown as LedgerClient;
      const verdict = await verifyLog(fake, { statePath: join(stateDir, 'fake.json') });
      expect(verdict.ok).toBe(false);
      expect(verdict.message).toMatch(/checkpoint does not verify/);
    });

    it('runs as `pnpm gt verify` and exits non-zero on failure', async () => {
      const env = { ...process.env, GT_STATE_FILE: join(stateDir, 'cli.json') };
      const ok = await run(
        process.execPath,
        ['--import', 'tsx', 'services/api/src/cli.ts', 'verify', '--url', baseUrl],
        { cwd: ROOT, env },
      );
      expect(ok.stdout.trim().split('\n')).toHaveLength(1);
      expect(ok.stdout).toMatch(/^OK /);
      await expect(
        run(
          process.execPath,
          ['--import', 'tsx', 'services/api/src/cli.ts', 'verify', '--url', 'http://127.0.0.1:9'],
          { cwd: ROOT, env },
        ),
      ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^FAIL .*cannot reach/) });
    });
  });
});

describe('gt token', () => {
  it('prints on its last line a token that the service with the same data dir accepts', async () => {
    const t = await buildTestApp();
    try {
      const env = {
        ...process.env,
        GROUNDTRUTH_DATA_DIR: t.database.dataDir,
        GROUNDTRUTH_LOG_ORIGIN: 'test.groundtruth.example/ledger',
      };
      const out = await run(
        process.execPath,
        ['--import', 'tsx', 'services/api/src/cli.ts', 'token', '--role', 'auditor'],
        { cwd: ROOT, env },
      );
      const token = out.stdout.trim().split('\n').at(-1)!;
      const res = await t.app.inject({
        url: '/v1/findings',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      await expect(
        run(process.execPath, ['--import', 'tsx', 'services/api/src/cli.ts', 'token', '--role', 'root'], {
          cwd: ROOT,
          env,
        }),
      ).rejects.toMatchObject({ code: 2 });
    } finally {
      await t.close();
    }
  });
});
