// Growing a Merkle tree: the compact range (what an appender needs) and a whole in-memory tree
// (what a verifier that downloaded every entry needs).
import {
  consistencyProofRanges,
  decomposeRange,
  foldRange,
  type Hash,
  hashRanges,
  inclusionProofRanges,
  ProofError,
  rfc9162,
  type SubtreeId,
  type TreeHasher,
} from './merkle.ts';

/**
 * The right edge of a tree of `size` leaves: one complete subtree hash per set bit of size,
 * largest first. Appending a leaf needs only these, and produces every newly completed subtree.
 */
export class CompactRange {
  private constructor(
    private currentSize: bigint,
    private readonly ids: SubtreeId[],
    private readonly hashes: Hash[],
    private readonly hasher: TreeHasher,
  ) {}

  static empty(hasher: TreeHasher = rfc9162): CompactRange {
    return new CompactRange(0n, [], [], hasher);
  }

  /** The subtrees to read from storage to resume appending at `size`. */
  static frontierIds(size: bigint): SubtreeId[] {
    return size === 0n ? [] : decomposeRange({ start: 0n, end: size });
  }

  /** Resumes from stored frontier hashes (in the order of frontierIds(size)). */
  static resume(size: bigint, frontierHashes: Hash[], hasher: TreeHasher = rfc9162): CompactRange {
    const ids = CompactRange.frontierIds(size);
    if (ids.length !== frontierHashes.length) {
      throw new ProofError(`size ${size} needs ${ids.length} frontier hashes, got ${frontierHashes.length}`);
    }
    return new CompactRange(size, ids, [...frontierHashes], hasher);
  }

  get size(): bigint {
    return this.currentSize;
  }

  /** Appends a leaf hash; onComplete sees each subtree (level ≥ 1) that this leaf completes. */
  append(leafHash: Hash, onComplete?: (id: SubtreeId, hash: Hash) => void): void {
    this.ids.push({ level: 0, index: this.currentSize });
    this.hashes.push(leafHash);
    this.currentSize += 1n;
    while (this.ids.length >= 2 && this.ids.at(-1)!.level === this.ids.at(-2)!.level) {
      const right = this.hashes.pop()!;
      const rightId = this.ids.pop()!;
      const left = this.hashes.pop()!;
      this.ids.pop();
      const id = { level: rightId.level + 1, index: rightId.index >> 1n };
      const hash = this.hasher.hashChildren(left, right);
      this.ids.push(id);
      this.hashes.push(hash);
      onComplete?.(id, hash);
    }
  }

  root(): Hash {
    return this.hashes.length === 0 ? this.hasher.emptyRoot() : foldRange(this.hashes, this.hasher);
  }

  clone(): CompactRange {
    return new CompactRange(this.currentSize, [...this.ids], [...this.hashes], this.hasher);
  }
}

/** A whole tree in memory: every complete subtree hash, so any past root or proof can be computed. */
export class MemoryTree {
  /** levels[L][i] is the hash of complete subtree (L, i). */
  private readonly levels: Hash[][] = [[]];

  constructor(private readonly hasher: TreeHasher = rfc9162) {}

  get size(): bigint {
    return BigInt(this.levels[0]!.length);
  }

  appendLeaf(data: Uint8Array): Hash {
    const leafHash = this.hasher.hashLeaf(data);
    this.appendLeafHash(leafHash);
    return leafHash;
  }

  appendLeafHash(leafHash: Hash): void {
    this.levels[0]!.push(leafHash);
    let level = 0;
    let index = this.levels[0]!.length - 1;
    while (index % 2 === 1) {
      const below = this.levels[level]!;
      const hash = this.hasher.hashChildren(below[index - 1]!, below[index]!);
      level++;
      index >>= 1;
      if (!this.levels[level]) this.levels[level] = [];
      this.levels[level]!.push(hash);
    }
  }

  subtreeHash = (id: SubtreeId): Hash => {
    const hash = this.levels[id.level]?.[Number(id.index)];
    if (!hash) throw new ProofError(`subtree ${id.level}/${id.index} is not complete`);
    return hash;
  };

  leafHash(index: bigint): Hash {
    return this.subtreeHash({ level: 0, index });
  }

  rootAt(size: bigint = this.size): Hash {
    if (size > this.size) throw new ProofError(`size ${size} exceeds tree size ${this.size}`);
    if (size === 0n) return this.hasher.emptyRoot();
    return foldRange(decomposeRange({ start: 0n, end: size }).map(this.subtreeHash), this.hasher);
  }

  inclusionProof(index: bigint, size: bigint = this.size): Hash[] {
    if (size > this.size) throw new ProofError(`size ${size} exceeds tree size ${this.size}`);
    return hashRanges(inclusionProofRanges(index, size), this.subtreeHash, this.hasher);
  }

  consistencyProof(oldSize: bigint, newSize: bigint = this.size): Hash[] {
    if (newSize > this.size) throw new ProofError(`size ${newSize} exceeds tree size ${this.size}`);
    return hashRanges(consistencyProofRanges(oldSize, newSize), this.subtreeHash, this.hasher);
  }
}
