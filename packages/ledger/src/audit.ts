// A full audit of a log: every leaf hash recomputed from the entry bytes, the tree rebuilt from
// them, and every stored hash and signed checkpoint compared with what the bytes imply. Pure and
// streaming: the caller feeds leaves in index order, page by page, from a database or the network,
// and whatever stored hashes it has; memory stays O(log n) plus one page.
import { bytesEqual, toBase64 } from './bytes.ts';
import { type Checkpoint, openCheckpoint } from './checkpoint.ts';
import { foldRange, type Hash, type SubtreeId, type TreeHasher } from './merkle.ts';
import type { NoteVerifier } from './note.ts';

/** The earliest point at which the stored log stops agreeing with its own bytes. */
export interface AuditFailure {
  /**
   * The first entry index that cannot be trusted: the leaf itself when its bytes and stored hash
   * disagree, the first leaf of the smallest subtree whose stored hash differs, or the first leaf
   * after the last checkpoint whose root was reproduced when a signed root differs.
   */
  firstBadIndex: bigint;
  /** The leaves the failure narrows the damage to, [start, end). */
  range: { start: bigint; end: bigint };
  reason: string;
}

/** One stored checkpoint: its columns and the signed note (whose signature is checked). */
export interface StoredCheckpointInput {
  size: bigint;
  rootHash: Hash;
  note: string;
}

export class TreeAudit {
  // The right edge of the recomputed tree, as CompactRange keeps it, but with plain numbers for
  // levels and indexes: this loop runs once per leaf, and BigInt arithmetic and id objects were most
  // of its cost. Indexes stay exact up to 2^53 leaves.
  private leaves = 0;
  private readonly edgeLevels: number[] = [];
  private readonly edgeHashes: Hash[] = [];
  /** Subtrees (level ≥ 1) completed since the caller last took them, with the hashes the bytes imply. */
  private completed: { id: SubtreeId; hash: Hash }[] = [];
  /** Checkpoints to check when the tree reaches their size, smallest first. */
  private readonly pendingRoots: { size: bigint; rootHash: Hash; what: string }[] = [];
  /** The largest size whose signed root the recomputed tree reproduced. */
  private verifiedSize = -1n;
  private lastQueuedSize = -1n;
  checkpointsChecked = 0;
  subtreesChecked = 0;
  failure: AuditFailure | undefined;

  constructor(
    private readonly hasher: TreeHasher,
    private readonly verifier: NoteVerifier,
  ) {}

  /** Leaves hashed so far: the index the next leaf must have. */
  get size(): bigint {
    return BigInt(this.leaves);
  }

  private root(): Hash {
    return this.edgeHashes.length === 0 ? this.hasher.emptyRoot() : foldRange(this.edgeHashes, this.hasher);
  }

  /** The size up to which a signed root has been reproduced (-1 before the first). */
  get verifiedThrough(): bigint {
    return this.verifiedSize;
  }

  /**
   * Records a failure unless one already found pins the damage down better: each failure says a bad
   * leaf lies in [start, end); the one that ends first is the earliest certain damage (a leaf before
   * the subtree over it, a small subtree before a large one), and of two ending together the narrower.
   */
  private fail(firstBadIndex: bigint, end: bigint, reason: string): void {
    const known = this.failure?.range;
    if (known && (known.end < end || (known.end === end && known.start >= firstBadIndex))) return;
    this.failure = { firstBadIndex, range: { start: firstBadIndex, end }, reason };
  }

  /**
   * Opens a stored checkpoint with the log's key and queues its root for comparison when the
   * recomputed tree reaches its size. Checkpoints must come in increasing size.
   */
  checkpoint(stored: StoredCheckpointInput): void {
    let signed: Checkpoint;
    const after = this.verifiedSize < 0n ? 0n : this.verifiedSize;
    try {
      signed = openCheckpoint(stored.note, this.verifier);
    } catch (error) {
      this.fail(after, stored.size, `checkpoint ${stored.size}: ${(error as Error).message}`);
      return;
    }
    if (signed.size !== stored.size || !bytesEqual(signed.rootHash, stored.rootHash)) {
      this.fail(
        after,
        stored.size,
        `checkpoint ${stored.size}: the stored size or root is not the signed one`,
      );
      return;
    }
    if (stored.size <= this.lastQueuedSize || stored.size < this.size) {
      this.fail(after, stored.size, `checkpoint ${stored.size} is out of order`);
      return;
    }
    this.lastQueuedSize = stored.size;
    this.pendingRoots.push({
      size: stored.size,
      rootHash: stored.rootHash,
      what: `checkpoint ${stored.size}`,
    });
    this.checkRoots();
  }

  private checkRoots(): void {
    const size = this.size;
    while (this.pendingRoots.length > 0 && this.pendingRoots[0]!.size === size) {
      const expected = this.pendingRoots.shift()!;
      this.checkpointsChecked++;
      const root = this.root();
      if (bytesEqual(root, expected.rootHash)) {
        this.verifiedSize = expected.size;
      } else {
        const start = this.verifiedSize < 0n ? 0n : this.verifiedSize;
        this.fail(
          start,
          expected.size,
          `the entries do not reproduce the signed root of ${expected.what} (recomputed ${toBase64(root)}, signed ${toBase64(expected.rootHash)})`,
        );
      }
    }
  }

  /**
   * The next leaf: its bytes, and the leaf hash the store (or server) holds for it, if any.
   * `index` must be the next one; a gap is itself a failure.
   */
  leaf(index: bigint, data: Uint8Array, storedLeafHash?: Hash): void {
    if (index !== BigInt(this.leaves)) {
      this.fail(this.size, index, `entry ${this.leaves} is missing (next stored is ${index})`);
      throw new AuditStop();
    }
    const leafHash = this.hasher.hashLeaf(data);
    if (storedLeafHash && !bytesEqual(leafHash, storedLeafHash)) {
      this.fail(index, index + 1n, `entry ${index}: stored leaf hash is not SHA-256(0x00 ‖ entry bytes)`);
    }
    // Append to the right edge; every pair of equal-level subtrees merges into a completed parent.
    const levels = this.edgeLevels;
    const hashes = this.edgeHashes;
    levels.push(0);
    hashes.push(leafHash);
    let position = this.leaves;
    this.leaves++;
    while (levels.length >= 2 && levels[levels.length - 1] === levels[levels.length - 2]) {
      const right = hashes.pop()!;
      const level = levels.pop()! + 1;
      const hash = this.hasher.hashChildren(hashes[hashes.length - 1]!, right);
      hashes[hashes.length - 1] = hash;
      levels[levels.length - 1] = level;
      position = Math.floor(position / 2);
      this.completed.push({ id: { level, index: BigInt(position) }, hash });
    }
    if (this.pendingRoots.length > 0) this.checkRoots();
  }

  /** The subtrees completed since the last call, for comparing with stored ones. */
  takeCompleted(): { id: SubtreeId; hash: Hash }[] {
    const out = this.completed;
    this.completed = [];
    return out;
  }

  /** Compares one recomputed subtree with the stored hash (undefined: the store lacks it). */
  compareSubtree(id: SubtreeId, recomputed: Hash, stored: Hash | undefined): void {
    this.subtreesChecked++;
    const start = id.index << BigInt(id.level);
    const end = start + (1n << BigInt(id.level));
    if (!stored) this.fail(start, end, `subtree ${id.level}/${id.index} is missing from storage`);
    else if (!bytesEqual(stored, recomputed))
      this.fail(start, end, `subtree ${id.level}/${id.index}: stored hash differs from the entries' hash`);
  }

  /** Ends the audit at `treeSize`: every leaf seen, every queued checkpoint reached. */
  finish(treeSize: bigint): void {
    const size = this.size;
    if (size < treeSize) this.fail(size, treeSize, `entries end at ${size}, the tree has ${treeSize}`);
    for (const pending of this.pendingRoots)
      this.fail(size, pending.size, `${pending.what} is beyond the last entry ${size}`);
  }
}

/** Thrown by TreeAudit.leaf when the audit cannot go on (a gap in the indexes). */
export class AuditStop extends Error {
  override name = 'AuditStop';
}
