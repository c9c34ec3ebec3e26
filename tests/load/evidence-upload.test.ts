// Uploads over real HTTP: a 1 GiB capture streams through to the store with the process's memory
// rising by less than 100 MiB, and an upload cut off half-way leaves nothing in the store. Run on the
// PGlite pass only: the database plays no part in either, and 1 GiB per pass is enough disk churn.
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { FsBlobStore } from '@groundtruth/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';

const onPglite = (process.env.GROUNDTRUTH_TEST_DB ?? 'pglite') === 'pglite';
const MiB = 1024 * 1024;

let t: TestApp;
let port: number;
let token: string;

async function storedFiles(): Promise<string[]> {
  try {
    return (
      await readdir((t.runtime.evidence.store as FsBlobStore).root, { recursive: true, withFileTypes: true })
    )
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** A PLY header, then `total` bytes of noise in 1 MiB chunks, generated as they are sent. */
function capture(totalMiB: number, hash?: ReturnType<typeof createHash>): Readable {
  const noise = randomBytes(MiB);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === totalMiB) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(noise);
      if (sent === 0)
        chunk.write(
          'ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\nend_header\n',
          0,
          'latin1',
        );
      chunk.writeUInt32LE(sent, chunk.length - 4); // every chunk different
      hash?.update(chunk);
      sent++;
      this.push(chunk);
    },
  });
}

beforeAll(async () => {
  if (!onPglite) return;
  t = await buildTestApp();
  const { farm } = await t.seedOrganisations({ farm: 'supplier' });
  token = await t.token('supplier', { organisationId: farm });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(address).port);
});
afterAll(async () => {
  if (onPglite) await t.close();
});

describe.skipIf(!onPglite)('evidence uploads over HTTP', () => {
  it('streams 1 GiB to the store with memory rising by less than 100 MiB', async () => {
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const hash = createHash('sha256');
    const started = Date.now();
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          port,
          method: 'POST',
          path: '/v1/evidence',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      capture(1024, hash).pipe(req);
    });
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    expect(response.status, response.body).toBe(201);
    const blob = JSON.parse(response.body);
    expect(blob).toMatchObject({ size: 1024 * MiB, sha256: hash.digest('hex'), format: 'ply' });
    const rise = (peak - baseline) / MiB;
    console.log(
      `1 GiB upload: ${seconds.toFixed(1)} s (${(1024 / seconds).toFixed(0)} MiB/s), RSS rose ${rise.toFixed(1)} MiB`,
    );
    expect(rise).toBeLessThan(100);
  }, 180_000);

  it('keeps nothing of an upload cut off half-way', async () => {
    const before = (await storedFiles()).sort();
    let partial = 0;
    await new Promise<void>((resolve) => {
      const req = request({
        port,
        method: 'POST',
        path: '/v1/evidence',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(64 * MiB),
        },
      });
      req.on('error', () => resolve());
      const source = capture(32);
      source.on('end', async () => {
        // Half of the announced bytes are out and the server is writing them (its temporary file
        // exists): now the client goes away.
        const deadline = Date.now() + 10_000;
        while ((await storedFiles()).length === before.length && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        partial = (await storedFiles()).length - before.length;
        req.destroy();
        resolve();
      });
      source.pipe(req, { end: false });
    });
    // The server notices the broken connection and removes its temporary file.
    const deadline = Date.now() + 10_000;
    let after = (await storedFiles()).sort();
    while (after.length !== before.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await storedFiles()).sort();
    }
    expect(partial).toBe(1);
    expect(after).toEqual(before);
  }, 60_000);
});
