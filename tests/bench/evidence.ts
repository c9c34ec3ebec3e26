// `pnpm bench evidence [--mib N] [--attestations N] [--concurrency C] [--db postgres|pglite]`:
// 1. upload hashing throughput: the store's streaming put of N MiB (default 512) into memory-backed
//    storage (/dev/shm, so the disk does not hide the hashing) and onto the data disk, next to raw
//    node:crypto SHA-256 of the same bytes in the same run;
// 2. signed attestations ingested per second through the HTTP API (Ed25519, C concurrent clients).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
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
      attestations: { type: 'string', default: '3000' },
      concurrency: { type: 'string', default: '64' },
      db: { type: 'string', default: 'postgres' },
      runs: { type: 'string', default: '3' },
      'batch-only': { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '250' },
      'in-flight': { type: 'string', default: '8' },
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
    const bodies: string[] = [];
    for (let i = 0; i < count; i++) {
      const manifest = {
        subject: { kind: 'plot', id: plot.json().id },
        media,
        capturedAt: '2026-11-20T09:15:00Z',
        location: { type: 'Point', coordinates: [-1.907812, 6.513901] },
        device: 'bench',
        statement: `capture ${i}`,
      };
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .sign(privateKey);
      bodies.push(JSON.stringify({ jws }));
    }
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const agent = new Agent({ keepAlive: true, maxSockets: Number(values.concurrency) });
    const post = (body: string, path = '/v1/attestations') =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            agent,
            port,
            method: 'POST',
            path,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    if (!values['batch-only']) {
      let next = 0;
      let failed = 0;
      const seconds = await timed(async () => {
        await Promise.all(
          Array.from({ length: Number(values.concurrency) }, async () => {
            while (next < bodies.length) {
              const status = await post(bodies[next++]!);
              if (status !== 201) failed++;
            }
          }),
        );
      });
      console.log(
        `${values.db}: ${fmt(count)} Ed25519 attestations through POST /v1/attestations, ${values.concurrency} clients: ` +
          `${fmt(count / seconds)}/s (target ≥ 3,000/s)${failed ? `, ${failed} failed` : ''}`,
      );
    }

    // The same number again through the batch endpoint.
    const batchSize = Number(values['batch-size']);
    const inFlight = Number(values['in-flight']);
    const batches: string[] = [];
    for (let i = 0; i < bodies.length; i += batchSize)
      batches.push(JSON.stringify({ jws: bodies.slice(i, i + batchSize).map((b) => JSON.parse(b).jws) }));
    let nextBatch = 0;
    let batchFailed = 0;
    const batchSeconds = await timed(async () => {
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (nextBatch < batches.length) {
            const status = await post(batches[nextBatch++]!, '/v1/attestations/batch');
            if (status !== 200) batchFailed++;
          }
        }),
      );
    });
    agent.destroy();
    console.log(
      `${values.db}: ${fmt(count)} through POST /v1/attestations/batch (${batchSize} per request, ${inFlight} in flight): ` +
        `${fmt(count / batchSeconds)}/s (target ≥ 3,000/s)${batchFailed ? `, ${batchFailed} batches failed` : ''}`,
    );
  } finally {
    await t.close();
  }
}
