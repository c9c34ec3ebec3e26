// `gt verify --full`: an outsider's full audit of a log over its public read API. Downloads every
// entry (C2SP tlog-tiles entry bundles), recomputes each leaf hash from the served bytes, compares it
// with the served level-0 hash tile, rebuilds the tree and checks its root against every signed
// checkpoint the log lists, up to the latest one.
import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  type AuditFailure,
  AuditStop,
  createTreeHasher,
  encodeTileIndex,
  fromBase64,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
  TILE_WIDTH,
  TreeAudit,
  tileWidth,
} from '@groundtruth/ledger';
import { ClientError, type LedgerClient } from './http.ts';

/** RFC 9162 hashing with node:crypto: the audit hashes every leaf. */
const nodeHasher = createTreeHasher((data) => {
  const d = createHash('sha256').update(data).digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
});

/** Ed25519 note verification with node:crypto: a long log has many checkpoints to open. */
export function nodeVerifier(verifierKey: string): NoteVerifier {
  const { name, keyId, publicKey } = parseVerifierKey(verifierKey);
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return {
    name,
    keyId,
    verify: (message, signature) => {
      try {
        return signature.length === 64 && verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

export interface FullVerdict {
  ok: boolean;
  message: string;
  treeSize: bigint;
  leavesChecked: bigint;
  checkpointsChecked: number;
  seconds: number;
  failure?: AuditFailure;
}

/** Splits a C2SP entry bundle: each entry is a big-endian uint16 length and its bytes. */
export function splitEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new ClientError('malformed entry bundle: truncated length');
    const length = (bundle[at]! << 8) | bundle[at + 1]!;
    if (at + 2 + length > bundle.length) throw new ClientError('malformed entry bundle: truncated entry');
    out.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return out;
}

const tilePath = (level: number | 'entries', index: bigint, width: number) =>
  `${level}/${encodeTileIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;

export async function verifyLogFull(
  client: LedgerClient,
  options: { trustedKey?: string | undefined; concurrency?: number } = {},
): Promise<FullVerdict> {
  const started = performance.now();
  const served = await client.verifierKey();
  const key = options.trustedKey ?? served;
  const result = (audit: TreeAudit | undefined, treeSize: bigint, message: string): FullVerdict => ({
    ok: !audit?.failure && message.startsWith('OK'),
    message,
    treeSize,
    leavesChecked: audit?.size ?? 0n,
    checkpointsChecked: audit?.checkpointsChecked ?? 0,
    seconds: (performance.now() - started) / 1000,
    ...(audit?.failure ? { failure: audit.failure } : {}),
  });
  if (served !== key) return result(undefined, 0n, `FAIL the log serves key ${served}, not ${key}`);
  const verifier = nodeVerifier(key);
  const latest = openCheckpoint(await client.checkpoint(), verifier);
  const treeSize = latest.size;
  const audit = new TreeAudit(nodeHasher, verifier);

  // Every checkpoint the log lists up to the latest one, queued before the leaves that reach it.
  let listedThrough = -1n;
  let listDone = false;
  const queueCheckpointsThrough = async (size: bigint) => {
    while (!listDone && listedThrough < size) {
      const page = await client.checkpoints(listedThrough + 1n, 1000);
      for (const c of page) {
        const cSize = BigInt(c.treeSize);
        if (cSize > treeSize) {
          listDone = true;
          break;
        }
        audit.checkpoint({ size: cSize, rootHash: fromBase64(c.rootHash) ?? new Uint8Array(), note: c.note });
        listedThrough = cSize;
      }
      if (page.length < 1000) listDone = true;
    }
  };

  const tiles = (treeSize + BigInt(TILE_WIDTH) - 1n) / BigInt(TILE_WIDTH);
  const fetchTile = (n: bigint) => {
    const width = tileWidth(0, n, treeSize);
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
      const entries = splitEntryBundle(bundle);
      const width = tileWidth(0, n, treeSize);
      if (entries.length !== width || hashes.length !== width * 32)
        throw new ClientError(`tile ${n}: expected ${width} entries and hashes`);
      const first = n * BigInt(TILE_WIDTH);
      await queueCheckpointsThrough(first + BigInt(width));
      entries.forEach((data, i) => {
        audit.leaf(first + BigInt(i), data, hashes.subarray(i * 32, i * 32 + 32));
      });
    }
    await Promise.allSettled(inFlight);
    if (!audit.failure) {
      await queueCheckpointsThrough(treeSize);
      audit.finish(treeSize);
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
    `OK ${latest.origin} full audit of size ${treeSize}: ${audit.size} leaves recomputed from the served bytes, ${audit.checkpointsChecked} signed checkpoints reproduced (${Math.round(Number(audit.size) / seconds)} leaves/s)`,
  );
}
