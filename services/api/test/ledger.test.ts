import {
  createEd25519Verifier,
  fromBase64,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleEntries, type TestApp } from './helper.ts';

describe('ledger read API', () => {
  let t: TestApp;
  let size: bigint;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.runtime.writer.append({ entries: sampleEntries(286) });
    await t.runtime.writer.append({ entries: sampleEntries(30) });
    size = await t.runtime.reader.size();
  });
  afterAll(() => t.close());

  const checkpoint = async () => {
    const key = (await t.app.inject('/v1/ledger/key')).body;
    const note = (await t.app.inject('/v1/ledger/checkpoint')).body;
    return openCheckpoint(note, createEd25519Verifier(key));
  };

  it('serves the latest checkpoint as text/plain, signed by the served key', async () => {
    const res = await t.app.inject('/v1/ledger/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const cp = await checkpoint();
    expect(cp.origin).toBe('test.groundtruth.example/ledger');
    expect(cp.size).toBe(size);
  });

  it('serves inclusion proofs in the documented shape that verify', async () => {
    const cp = await checkpoint();
    for (const index of [0n, 1n, 100n, size - 1n]) {
      const res = await t.app.inject(`/v1/ledger/proofs/inclusion?index=${index}&treeSize=${cp.size}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['index', 'leafHash', 'proof', 'treeSize']);
      expect(body.index).toBe(Number(index));
      const ok = verifyInclusion(
        index,
        cp.size,
        fromBase64(body.leafHash)!,
        body.proof.map((p: string) => fromBase64(p)!),
        cp.rootHash,
      );
      expect(ok).toBe(true);
    }
  });

  it('serves consistency proofs in the documented shape that verify', async () => {
    const cp = await checkpoint();
    const older = await t.runtime.reader.checkpoints(1n, 1);
    const from = older[0]!.size;
    const res = await t.app.inject(`/v1/ledger/proofs/consistency?from=${from}&to=${cp.size}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['from', 'proof', 'to']);
    expect(
      verifyConsistency(
        from,
        cp.size,
        body.proof.map((p: string) => fromBase64(p)!),
        older[0]!.rootHash,
        cp.rootHash,
      ),
    ).toBe(true);
  });

  it('pages entries with their exact leaf bytes for an auditor, at most 1000 per page', async () => {
    const token = await t.token('auditor');
    const res = await t.app.inject({
      url: '/v1/ledger/entries?start=5&limit=3',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const { entries } = res.json();
    expect(entries.map((e: { index: number }) => e.index)).toEqual([5, 6, 7]);
    expect(JSON.parse(Buffer.from(entries[0].data, 'base64').toString())).toEqual(entries[0].entry);
    const tooMany = await t.app.inject({
      url: '/v1/ledger/entries?start=0&limit=1001',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tooMany.statusCode).toBe(400);
  });

  describe('bad parameters get 400 problem+json naming the field, never 500', () => {
    const cases: [string, string][] = [
      ['/v1/ledger/proofs/inclusion?index=abc&treeSize=10', '/index'],
      ['/v1/ledger/proofs/inclusion?index=-1&treeSize=10', '/index'],
      ['/v1/ledger/proofs/inclusion?index=01&treeSize=10', '/index'],
      ['/v1/ledger/proofs/inclusion?index=1&treeSize=18446744073709551616', '/treeSize'],
      ['/v1/ledger/proofs/inclusion?index=1', '/treeSize'],
      ['/v1/ledger/proofs/inclusion?index=10&treeSize=10', '/index'],
      ['/v1/ledger/proofs/inclusion?index=1&treeSize=99999999', '/treeSize'],
      ['/v1/ledger/proofs/inclusion?index=1.5&treeSize=10', '/index'],
      ['/v1/ledger/proofs/consistency?from=20&to=10', '/from'],
      ['/v1/ledger/proofs/consistency?from=0&to=10', '/from'],
      ['/v1/ledger/proofs/consistency?from=1&to=99999999', '/to'],
      ['/v1/ledger/proofs/consistency?from=1e3&to=2000', '/from'],
      ['/v1/ledger/checkpoints?from=x', '/from'],
    ];
    for (const [url, pointer] of cases) {
      it(url, async () => {
        const res = await t.app.inject(url);
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
        expect(problem.requestId).toBeTruthy();
      });
    }
  });

  it('serves C2SP tiles and entry bundles, and 400 for malformed tile paths', async () => {
    const full = await t.app.inject('/v1/ledger/tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.length).toBe(256 * 32);
    const width = Number(size % 256n);
    const partial = await t.app.inject(`/v1/ledger/tile/0/001.p/${width}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.rawPayload.length).toBe(width * 32);
    const bundle = await t.app.inject('/v1/ledger/tile/entries/000');
    expect(bundle.statusCode).toBe(200);
    for (const bad of ['0/1', '0/x000/001', 'x/000', '0/001.p/0', '0/001.p/256', '0/999']) {
      expect((await t.app.inject(`/v1/ledger/tile/${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('lists every checkpoint it signed, each verifiable', async () => {
    const res = await t.app.inject('/v1/ledger/checkpoints?from=0&limit=10');
    const { checkpoints } = res.json();
    expect(checkpoints.map((c: { treeSize: number }) => c.treeSize)).toEqual([
      0,
      Number(size) - 30,
      Number(size),
    ]);
    const key = (await t.app.inject('/v1/ledger/key')).body;
    for (const c of checkpoints)
      expect(openCheckpoint(c.note, createEd25519Verifier(key)).size).toBe(BigInt(c.treeSize));
  });
});
