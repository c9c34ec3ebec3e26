// `gt verify --full`: an outsider's full audit of a log over its public read API. Downloads every
// entry (C2SP tlog-tiles entry bundles), recomputes each leaf hash from the served bytes, compares it
// with the served level-0 hash tile, rebuilds the tree and checks its root against every signed
// checkpoint the log lists, up to the latest one.
import { hash } from 'node:crypto';
import {
  type AuditFailure,
  AuditStop,
  createTreeHasher,
  encodeTileIndex,
  fromBase64,
  TILE_WIDTH,
} from '@groundtruth/ledger';
import { LogAudit, verifyCheckpoint } from '@groundtruth/verify';
import type { LedgerClient } from './http.ts';

export interface FullVerdict {
  ok: boolean;
  message: string;
  treeSize: bigint;
  leavesChecked: bigint;
  checkpointsChecked: number;
  seconds: number;
  failure?: AuditFailure;
}

/**
 * The one thing this CLI swaps into the shared audit: SHA-256 by OpenSSL, which hashes a leaf in
 * less than half the CPU time of the portable one (measured in decision 0015). The checks are
 * @groundtruth/verify's either way; a browser uses the portable default.
 */
const nodeHasher = createTreeHasher((data) => {
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
});

const tilePath = (level: number | 'entries', index: bigint, width: number) =>
  `${level}/${encodeTileIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;

export async function verifyLogFull(
  client: LedgerClient,
  options: { trustedKey?: string | undefined; concurrency?: number } = {},
): Promise<FullVerdict> {
  const started = performance.now();
  const served = await client.verifierKey();
  const key = options.trustedKey ?? served;
  const result = (audit: LogAudit | undefined, treeSize: bigint, message: string): FullVerdict => ({
    ok: !audit?.failure && message.startsWith('OK'),
    message,
    treeSize,
    leavesChecked: audit?.leavesChecked ?? 0n,
    checkpointsChecked: audit?.checkpointsChecked ?? 0,
    seconds: (performance.now() - started) / 1000,
    ...(audit?.failure ? { failure: audit.failure } : {}),
  });
  if (served !== key) return result(undefined, 0n, `FAIL the log serves key ${served}, not ${key}`);
  const latest = await verifyCheckpoint(await client.checkpoint(), key);
  const treeSize = latest.size;
  const audit = new LogAudit(key, treeSize, nodeHasher);

  // Every checkpoint the log lists up to the latest one, queued before the leaves that reach it.
  let listedThrough = -1n;
  let listDone = false;
  const queueCheckpointsThrough = async (size: bigint) => {
    while (!listDone && listedThrough < size) {
      const page = await client.checkpoints(listedThrough + 1n, 1000);
      const reached = [];
      for (const c of page) {
        const cSize = BigInt(c.treeSize);
        if (cSize > treeSize) {
          listDone = true;
          break;
        }
        reached.push({ size: cSize, rootHash: fromBase64(c.rootHash) ?? new Uint8Array(), note: c.note });
        listedThrough = cSize;
      }
      await audit.checkpoints(reached);
      if (page.length < 1000) listDone = true;
    }
  };

  const tiles = audit.tiles;
  const fetchTile = (n: bigint) => {
    const width = audit.tileWidth(n);
    return Promise.all([client.tile(tilePath('entries', n, width)), client.tile(tilePath(0, n, width))]);
  };
  // A few tiles in flight, consumed in order.
  const concurrency = options.concurrency ?? 8;
  const inFlight: Promise<[Uint8Array, Uint8Array]>[] = [];
  let next = 0n;
  try {
    await queueCheckpointsThrough(0n);
    while (next < tiles && inFlight.length < concurrency) inFlight.push(fetchTile(next++));
    for (let n = 0n; n < tiles && !audit.failure; n++) {
      const [bundle, hashes] = await inFlight.shift()!;
      if (next < tiles) inFlight.push(fetchTile(next++));
      await queueCheckpointsThrough(n * BigInt(TILE_WIDTH) + BigInt(audit.tileWidth(n)));
      audit.tile(n, bundle, hashes);
    }
    await Promise.allSettled(inFlight);
    if (!audit.failure) {
      await queueCheckpointsThrough(treeSize);
      audit.finish();
    }
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (!(error instanceof AuditStop)) {
      return result(audit, treeSize, `FAIL ${client.baseUrl}: ${(error as Error).message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (audit.failure) {
    return result(
      audit,
      treeSize,
      `FAIL ${client.baseUrl}: first bad entry index ${audit.failure.firstBadIndex}: ${audit.failure.reason}`,
    );
  }
  return result(
    audit,
    treeSize,
    `OK ${latest.origin} full audit of size ${treeSize}: ${audit.leavesChecked} leaves recomputed from the served bytes, ${audit.checkpointsChecked} signed checkpoints reproduced (${Math.round(Number(audit.leavesChecked) / seconds)} leaves/s)`,
  );
}
