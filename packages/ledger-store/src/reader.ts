// Reads the stored log: checkpoints, roots and proofs for any past size, entries and C2SP tiles.
// Every root or proof costs one query of O(log n) rows (see readSubtreeHashes).

import type { SqlExecutor } from '@groundtruth/db';
import {
  consistencyProofRanges,
  decodeEntry,
  decomposeRange,
  type EntryEnvelope,
  type Hash,
  hashRanges,
  inclusionProofRanges,
  type LeafRange,
  type SubtreeId,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TreeHasher,
  tileWidth,
} from '@groundtruth/ledger';
import { nodeTreeHasher } from './node-hasher.ts';
import { bytes, readSubtreeHashes, subtreeKey } from './sql.ts';

export interface StoredCheckpoint {
  size: bigint;
  rootHash: Hash;
  note: string;
  issuedAt: Date;
}

export interface StoredEntry {
  index: bigint;
  leafHash: Hash;
  data: Uint8Array;
  entry: EntryEnvelope;
}

/** Subtrees of 2^6 leaves and more are cached: at most n/64 of them, bounded by MAX_CACHED_HASHES. */
const CACHED_FROM_LEVEL = 6;
const MAX_CACHED_HASHES = 200_000;

/** A request for something the log does not (yet) have: maps to 400/404, never 500. */
export class LedgerRangeError extends Error {
  override name = 'LedgerRangeError';
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

interface CheckpointRow {
  tree_size: string | number | bigint;
  root_hash: unknown;
  note: string;
  issued_at: Date | string;
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  size: BigInt(row.tree_size),
  rootHash: bytes(row.root_hash),
  note: row.note,
  issuedAt: new Date(row.issued_at),
});

export class LedgerReader {
  constructor(
    private readonly db: SqlExecutor,
    private readonly hasher: TreeHasher = nodeTreeHasher,
  ) {}

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.query<CheckpointRow>(
      'SELECT tree_size, root_hash, note, issued_at FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    return row && toCheckpoint(row);
  }

  async checkpointAt(size: bigint): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.query<CheckpointRow>(
      'SELECT tree_size, root_hash, note, issued_at FROM ledger_checkpoints WHERE tree_size = $1',
      [size.toString()],
    );
    return row && toCheckpoint(row);
  }

  /** Checkpoints issued with sizes in [fromSize, toSize], oldest first, at most `limit`. */
  async checkpoints(fromSize: bigint, limit: number): Promise<StoredCheckpoint[]> {
    const rows = await this.db.query<CheckpointRow>(
      'SELECT tree_size, root_hash, note, issued_at FROM ledger_checkpoints WHERE tree_size >= $1 ORDER BY tree_size LIMIT $2',
      [fromSize.toString(), limit],
    );
    return rows.map(toCheckpoint);
  }

  async size(): Promise<bigint> {
    return (await this.latestCheckpoint())?.size ?? 0n;
  }

  private async requireSize(size: bigint, parameter: string): Promise<void> {
    const current = await this.size();
    if (size > current)
      throw new LedgerRangeError(`${parameter} ${size} exceeds the tree size ${current}`, parameter);
  }

  /**
   * Complete subtree hashes never change, so those of the upper levels (shared by many proofs) are
   * kept in memory: a proof then reads only its lower levels from the database.
   */
  private readonly upperLevels = new Map<string, Hash>();

  private async readHashes(ids: SubtreeId[]): Promise<Map<string, Hash>> {
    const hashes = new Map<string, Hash>();
    const missing: SubtreeId[] = [];
    for (const id of ids) {
      const cached = id.level >= CACHED_FROM_LEVEL ? this.upperLevels.get(subtreeKey(id)) : undefined;
      if (cached) hashes.set(subtreeKey(id), cached);
      else missing.push(id);
    }
    for (const [key, hash] of await readSubtreeHashes(this.db, missing)) {
      hashes.set(key, hash);
      if (Number(key.split('/')[0]) >= CACHED_FROM_LEVEL) {
        if (this.upperLevels.size >= MAX_CACHED_HASHES)
          this.upperLevels.delete(this.upperLevels.keys().next().value!);
        this.upperLevels.set(key, hash);
      }
    }
    return hashes;
  }

  private async resolve(ranges: LeafRange[]): Promise<Hash[]> {
    const ids = ranges.flatMap((r) => decomposeRange(r));
    const hashes = await this.readHashes(ids);
    return hashRanges(
      ranges,
      (id: SubtreeId) => {
        const hash = hashes.get(subtreeKey(id));
        // Every complete subtree below the checkpointed size is stored in the batch that completed it.
        if (!hash) throw new Error(`ledger storage is missing subtree ${subtreeKey(id)}`);
        return hash;
      },
      this.hasher,
    );
  }

  /** The root hash of the tree at any size up to the current one. */
  async rootAt(size: bigint): Promise<Hash> {
    await this.requireSize(size, 'treeSize');
    if (size === 0n) return this.hasher.emptyRoot();
    const [root] = await this.resolve([{ start: 0n, end: size }]);
    return root!;
  }

  async inclusionProof(index: bigint, treeSize: bigint): Promise<{ leafHash: Hash; proof: Hash[] }> {
    if (index < 0n) throw new LedgerRangeError('index must not be negative', 'index');
    if (index >= treeSize)
      throw new LedgerRangeError(`index ${index} is not below treeSize ${treeSize}`, 'index');
    await this.requireSize(treeSize, 'treeSize');
    const ranges = inclusionProofRanges(index, treeSize);
    const leaf = { start: index, end: index + 1n };
    const [leafHash, ...proof] = await this.resolve([leaf, ...ranges]);
    return { leafHash: leafHash!, proof };
  }

  /** Inclusion proofs of several entries in one tree, with one read of the subtree hashes they need. */
  async inclusionProofs(indexes: bigint[], treeSize: bigint): Promise<{ leafHash: Hash; proof: Hash[] }[]> {
    for (const index of indexes) {
      if (index < 0n) throw new LedgerRangeError('index must not be negative', 'index');
      if (index >= treeSize)
        throw new LedgerRangeError(`index ${index} is not below treeSize ${treeSize}`, 'index');
    }
    await this.requireSize(treeSize, 'treeSize');
    const perIndex = indexes.map((index) => [
      { start: index, end: index + 1n },
      ...inclusionProofRanges(index, treeSize),
    ]);
    const hashes = await this.resolve(perIndex.flat());
    let at = 0;
    return perIndex.map((ranges) => {
      const [leafHash, ...proof] = hashes.slice(at, at + ranges.length);
      at += ranges.length;
      return { leafHash: leafHash!, proof };
    });
  }

  async consistencyProof(from: bigint, to: bigint): Promise<Hash[]> {
    if (from < 0n) throw new LedgerRangeError('from must not be negative', 'from');
    if (from > to) throw new LedgerRangeError(`from ${from} exceeds to ${to}`, 'from');
    await this.requireSize(to, 'to');
    return this.resolve(consistencyProofRanges(from, to));
  }

  async entries(start: bigint, limit: number): Promise<StoredEntry[]> {
    const rows = await this.db.query<{ idx: string | number | bigint; leaf_hash: unknown; data: unknown }>(
      'SELECT idx, leaf_hash, data FROM ledger_entries WHERE idx >= $1 ORDER BY idx LIMIT $2',
      [start.toString(), limit],
    );
    return rows.map((row) => {
      const data = bytes(row.data);
      return { index: BigInt(row.idx), leafHash: bytes(row.leaf_hash), data, entry: decodeEntry(data) };
    });
  }

  /** Indexes of entries with this leaf hash (the same bytes may be logged more than once without dedup). */
  async findByLeafHash(leafHash: Hash): Promise<bigint[]> {
    const rows = await this.db.query<{ idx: string | number | bigint }>(
      'SELECT idx FROM ledger_entries WHERE leaf_hash = $1 ORDER BY idx',
      [leafHash],
    );
    return rows.map((r) => BigInt(r.idx));
  }

  /**
   * C2SP tlog-tiles: the hashes of tile (level, index) at width `width`, concatenated. The tile must
   * exist at that width in the current tree (a full tile, or the partial tile the size implies).
   */
  async tile(level: number, index: bigint, width: number | undefined): Promise<Uint8Array> {
    const treeLevel = level * TILE_HEIGHT;
    const count = await this.checkTileWidth(level, index, width);
    const first = index * BigInt(TILE_WIDTH);
    const ids = Array.from({ length: count }, (_, i) => ({ level: treeLevel, index: first + BigInt(i) }));
    const hashes = await readSubtreeHashes(this.db, ids);
    const out = new Uint8Array(count * 32);
    for (const [i, id] of ids.entries()) out.set(hashes.get(subtreeKey(id))!, i * 32);
    return out;
  }

  /** C2SP tlog-tiles entry bundle: each entry as a big-endian uint16 length and its bytes. */
  async entryBundle(index: bigint, width: number | undefined): Promise<Uint8Array> {
    const count = await this.checkTileWidth(0, index, width);
    // The stored bytes as they are: a bundle needs no decoding (and a verifier wants them even if
    // they no longer decode).
    const start = index * BigInt(TILE_WIDTH);
    const rows =
      // Hex text: PGlite's own bytea conversion is several times slower (see audit.ts).
      (
        await this.db.query<{ data: string }>(
          "SELECT encode(data, 'hex') AS data FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx",
          [start.toString(), (start + BigInt(count)).toString()],
        )
      ).map((row) => ({ data: Buffer.from(row.data, 'hex') }));
    const total = rows.reduce((n, r) => n + 2 + r.data.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const row of rows) {
      out[offset] = row.data.length >> 8;
      out[offset + 1] = row.data.length & 0xff;
      out.set(row.data, offset + 2);
      offset += 2 + row.data.length;
    }
    return out;
  }

  private async checkTileWidth(level: number, index: bigint, width: number | undefined): Promise<number> {
    const size = await this.size();
    const available = tileWidth(level, index, size);
    const wanted = width ?? TILE_WIDTH;
    // A full tile is served without .p/; a partial one only at a width the tree has reached.
    if (available === 0 || wanted > available || (width === undefined && available < TILE_WIDTH)) {
      throw new LedgerRangeError(`tile ${level}/${index} is not available at that width`, 'tile');
    }
    return wanted;
  }
}
