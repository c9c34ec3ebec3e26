// `pnpm bench evidence [--mib N] [--attestations N] [--runs R] [--concurrency C] [--batch-size B]
// [--in-flight F] [--batch-only] [--db postgres|pglite]`:
// 1. upload hashing throughput: the store's streaming put of N MiB (default 512) into memory-backed
//    storage (/dev/shm, so the disk does not hide the hashing) and onto the data disk, next to raw
//    node:crypto SHA-256 of the same bytes in the same run;
// 2. signed attestations ingested per second through the HTTP API (Ed25519), after a warm-up: N one per
//    request from C concurrent clients, then N through the batch endpoint (B per request, F in
//    flight), R runs each, medians.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FsBlobStore } from '@groundtruth/evidence';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { buildTestApp } from '../../services/api/test/helper.ts';
import { fmt, median, timed } from './stats.ts';

const MiB = 1024 * 1024;

export async function benchEvidence(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      mib: { type: 'string', default: '512' },
      attestations: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '64' },
      db: { type: 'string', default: 'postgres' },
      runs: { type: 'string', default: '3' },
      'batch-only': { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '1000' },
      'in-flight': { type: 'string', default: '2' },
    },
  });
  const mib = Number(values.mib);
  const runs = Number(values.runs);
  process.env.GROUNDTRUTH_TEST_DB = values.db;

  // 1. Hashing throughput. The same 1 MiB chunks (varied per position) for every contender.
  const noise = randomBytes(MiB);
  const chunks = () =>
    Readable.from(
      (function* () {
        for (let i = 0; i < mib; i++) {
          const chunk = Buffer.from(noise);
          chunk.writeUInt32LE(i, 0);
          yield chunk;
        }
      })(),
    );
  const raw: number[] = [];
  const memory: number[] = [];
  const disk: number[] = [];
  const memoryRoot = existsSync('/dev/shm') ? await mkdtemp('/dev/shm/gt-bench-') : undefined;
  const diskRoot = await mkdtemp(join(tmpdir(), 'gt-bench-'));
  try {
    for (let run = 0; run < runs; run++) {
      raw.push(
        await timed(async () => {
          const hash = createHash('sha256');
          for await (const chunk of chunks()) hash.update(chunk as Buffer);
          hash.digest();
        }),
      );
      if (memoryRoot) {
        const store = new FsBlobStore(join(memoryRoot, String(run)));
        memory.push(await timed(async () => void (await store.put(chunks(), { maxBytes: 2 ** 40 }))));
        await rm(join(memoryRoot, String(run)), { recursive: true, force: true });
      }
      const store = new FsBlobStore(join(diskRoot, String(run)));
      disk.push(await timed(async () => void (await store.put(chunks(), { maxBytes: 2 ** 40 }))));
      await rm(join(diskRoot, String(run)), { recursive: true, force: true });
    }
  } finally {
    if (memoryRoot) await rm(memoryRoot, { recursive: true, force: true });
    await rm(diskRoot, { recursive: true, force: true });
  }
  const rate = (seconds: number) => mib / seconds;
  const rawRate = rate(median(raw));
  console.log(`raw node:crypto SHA-256 of ${mib} MiB: median ${fmt(rawRate)} MiB/s`);
  if (memory.length > 0) {
    const m = rate(median(memory));
    console.log(
      `store put (hash + write) to /dev/shm: median ${fmt(m)} MiB/s, ratio ${fmt(m / rawRate, 2)} (target ≥ 0.8)`,
    );
  }
  const d = rate(median(disk));
  console.log(
    `store put (hash + write + fsync) to the data disk: median ${fmt(d)} MiB/s, ratio ${fmt(d / rawRate, 2)}`,
  );

  // 2. Attestations through the API over HTTP.
  const t = await buildTestApp();
  try {
    const { farm } = await t.seedOrganisations({ farm: 'supplier' });
    const token = await t.token('supplier', { organisationId: farm });
    const plot = await t.call('POST', '/v1/plots', token, {
      organisationId: farm,
      commodity: 'cocoa',
      country: 'GH',
      geometry: { type: 'Point', coordinates: [-1.908421, 6.513262] },
      declaredAreaHectares: 2.5,
    });
    if (plot.statusCode !== 201) throw new Error(plot.body);
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = (
      await t.call('POST', `/v1/organisations/${farm}/keys`, token, { jwk: await exportJWK(publicKey) })
    ).json().kid as string;
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096)]);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/v1/evidence',
      payload: photo,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    });
    const media = [{ sha256: upload.json().sha256, size: photo.length, kind: 'image' }];
    const count = Number(values.attestations);
    const batchSize = Number(values['batch-size']);
    const inFlight = Number(values['in-flight']);
    const concurrency = Number(values.concurrency);
    // Distinct attestations for a warm-up (JIT, key cache, connections) and for every measured run.
    const warmUp = Math.min(count, 2000);
    let signedSoFar = 0;
    const sign = async (n: number) => {
      const jws: string[] = [];
      for (let i = 0; i < n; i++) {
        const manifest = {
          subject: { kind: 'plot', id: plot.json().id },
          media,
          capturedAt: '2026-11-20T09:15:00Z',
          location: { type: 'Point', coordinates: [-1.907812, 6.513901] },
          device: 'bench',
          statement: `capture ${signedSoFar++}`,
        };
        jws.push(
          await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
            .setProtectedHeader({ alg: 'EdDSA', kid })
            .sign(privateKey),
        );
      }
      return jws;
    };
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    /**
     * Sends the bodies from `clients` concurrent loops; returns attestations per second. The clients
     * run on a thread of their own, as they would on their own machines: their HTTP work does not
     * queue on the server's event loop (it still shares the same two cores).
     */
    const send = (bodies: string[], path: string, clients: number, each: number, ok: number) =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(LOAD_GENERATOR, {
          eval: true,
          workerData: { bodies, path, clients, port, token, ok },
        });
        worker.once('message', ({ seconds, failed }: { seconds: number; failed: number }) => {
          if (failed > 0) reject(new Error(`${failed} requests to ${path} failed`));
          else resolve((bodies.length * each) / seconds);
        });
        worker.once('error', reject);
      });
    const batched = (jws: string[]) => {
      const bodies: string[] = [];
      for (let i = 0; i < jws.length; i += batchSize)
        bodies.push(JSON.stringify({ jws: jws.slice(i, i + batchSize) }));
      return bodies;
    };
    await send(batched(await sign(warmUp)), '/v1/attestations/batch', inFlight, batchSize, 200);
    const report = (label: string, rates: number[]) =>
      console.log(
        `${values.db}: ${label}: median ${fmt(median(rates))}/s (${rates.map((r) => fmt(r)).join(', ')}; target ≥ 3,000/s)`,
      );
    if (!values['batch-only']) {
      const rates: number[] = [];
      for (let run = 0; run < runs; run++) {
        const bodies = (await sign(count)).map((jws) => JSON.stringify({ jws }));
        rates.push(await send(bodies, '/v1/attestations', concurrency, 1, 201));
      }
      report(
        `${fmt(count)} Ed25519 attestations one per POST /v1/attestations, ${concurrency} clients`,
        rates,
      );
    }
    const rates: number[] = [];
    for (let run = 0; run < runs; run++)
      rates.push(await send(batched(await sign(count)), '/v1/attestations/batch', inFlight, batchSize, 200));
    report(
      `${fmt(count)} through POST /v1/attestations/batch (${batchSize} per request, ${inFlight} in flight)`,
      rates,
    );
  } finally {
    await t.close();
  }
}

/** The HTTP clients' thread: posts every body from `clients` loops and reports seconds and failures. */
const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { bodies, path, clients, port, token, ok } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const post = (body) =>
  new Promise((resolve, reject) => {
    const req = request(
      { agent, port, method: 'POST', path,
        headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' } },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); },
    );
    req.on('error', reject);
    req.end(body);
  });
let next = 0;
let failed = 0;
const start = performance.now();
Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < bodies.length) if ((await post(bodies[next++])) !== ok) failed++;
  }),
).then(() => {
  parentPort.postMessage({ seconds: (performance.now() - start) / 1000, failed });
  agent.destroy();
});
`;
