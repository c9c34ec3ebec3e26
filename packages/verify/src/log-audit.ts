// The outsider's full audit of a log (`gt verify --full`), network-free: fed the log's C2SP
// tlog-tiles (entry bundles with their level-0 hash tiles) and its signed checkpoints in order, it
// recomputes every leaf hash from the served bytes, compares it with the served hash, rebuilds the
// tree and checks its root against each checkpoint (the ledger's TreeAudit does the arithmetic).
// Fetching the tiles is the caller's job: HTTP in the CLI, fetch() in a page.
import {
  type AuditFailure,
  type Hash,
  rfc9162,
  TILE_WIDTH,
  TreeAudit,
  type TreeHasher,
  tileWidth,
} from '@groundtruth/ledger';
import { PreverifiedNoteVerifier } from './checkpoint.ts';

export class TileError extends Error {
  override name = 'TileError';
}

/** Splits a C2SP entry bundle: each entry is a big-endian uint16 length and its bytes. */
export function splitEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new TileError('malformed entry bundle: truncated length');
    const length = (bundle[at]! << 8) | bundle[at + 1]!;
    if (at + 2 + length > bundle.length) throw new TileError('malformed entry bundle: truncated entry');
    out.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return out;
}

export class LogAudit {
  private readonly verifier: PreverifiedNoteVerifier;
  private readonly audit: TreeAudit;

  /**
   * `verifierKey` is the log's key the caller trusts; `hasher` may be swapped for a faster SHA-256
   * of the platform's (the portable one is the default).
   */
  constructor(
    verifierKey: string,
    readonly treeSize: bigint,
    hasher: TreeHasher = rfc9162,
  ) {
    this.verifier = new PreverifiedNoteVerifier(verifierKey);
    this.audit = new TreeAudit(hasher, this.verifier);
  }

  get failure(): AuditFailure | undefined {
    return this.audit.failure;
  }
  get leavesChecked(): bigint {
    return this.audit.size;
  }
  get checkpointsChecked(): number {
    return this.audit.checkpointsChecked;
  }

  /** Tiles of entries (the last may be partial) that cover the tree. */
  get tiles(): bigint {
    return (this.treeSize + BigInt(TILE_WIDTH) - 1n) / BigInt(TILE_WIDTH);
  }

  /** Entries in tile `n` of level 0. */
  tileWidth(n: bigint): number {
    return tileWidth(0, n, this.treeSize);
  }

  /**
   * Signed checkpoints, in increasing size, before the leaves that reach them. Their signatures are
   * checked all at once (Web Crypto runs them in parallel, off Node's event loop), then queued in order.
   */
  async checkpoints(list: readonly { size: bigint; rootHash: Hash; note: string }[]): Promise<void> {
    await Promise.all(list.map((c) => this.verifier.admit(c.note)));
    for (const c of list) this.audit.checkpoint(c);
  }

  /** Tile `n`: its entry bundle and its level-0 hash tile. Throws TileError when they do not fit. */
  tile(n: bigint, bundle: Uint8Array, hashes: Uint8Array): void {
    const entries = splitEntryBundle(bundle);
    const width = this.tileWidth(n);
    if (entries.length !== width || hashes.length !== width * 32)
      throw new TileError(`tile ${n}: expected ${width} entries and hashes`);
    const first = n * BigInt(TILE_WIDTH);
    entries.forEach((data, i) => {
      this.audit.leaf(first + BigInt(i), data, hashes.subarray(i * 32, i * 32 + 32));
    });
  }

  /** Ends the audit at the tree size: every leaf seen, every checkpoint reached. */
  finish(): void {
    this.audit.finish(this.treeSize);
  }
}
