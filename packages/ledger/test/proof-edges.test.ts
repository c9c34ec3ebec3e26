// The edges of RFC 9162 proof handling that the transparency-dev vectors do not reach: over-long
// proofs, malformed sizes and hashes, and resuming a compact range from storage.
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProofRanges,
  createTreeHasher,
  decomposeRange,
  foldRange,
  hashRanges,
  inclusionProofRanges,
  MemoryTree,
  ProofError,
  rfc9162,
  splitPoint,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.ts';

const leaf = (i: number) => rfc9162.hashLeaf(new Uint8Array([i]));
function treeOf(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.appendLeaf(new Uint8Array([i]));
  return tree;
}

describe('RFC 9162 proof edges', () => {
  describe('#verifyInclusion', () => {
    // RFC 9162 §2.1.3.2 step 5: once sn reaches 0 with proof elements left, the proof is too long.
    // Without that step, leaf B with proof [leaf A] passes the 2-leaf root off as the root of a
    // 1-leaf tree whose only leaf is B.
    it('refuses an over-long proof that would pass a 2-leaf root off as a 1-leaf tree', () => {
      const two = rfc9162.hashChildren(leaf(0), leaf(1));
      expect(verifyInclusion(1n, 2n, leaf(1), [leaf(0)], two)).toBe(true);
      expect(verifyInclusion(0n, 1n, leaf(1), [leaf(0)], two)).toBe(false);
      expect(verifyInclusion(0n, 1n, leaf(0), [], leaf(0))).toBe(true);
    });

    it('refuses a proof with a hash appended or removed', () => {
      const tree = treeOf(7);
      const proof = tree.inclusionProof(2n);
      expect(verifyInclusion(2n, 7n, leaf(2), proof, tree.rootAt())).toBe(true);
      expect(verifyInclusion(2n, 7n, leaf(2), [...proof, leaf(6)], tree.rootAt())).toBe(false);
      expect(verifyInclusion(2n, 7n, leaf(2), proof.slice(0, -1), tree.rootAt())).toBe(false);
    });

    it('refuses indexes outside the tree and hashes that are not 32 bytes', () => {
      const tree = treeOf(4);
      const root = tree.rootAt();
      const proof = tree.inclusionProof(3n);
      expect(verifyInclusion(3n, 4n, leaf(3), proof, root)).toBe(true);
      expect(verifyInclusion(-1n, 4n, leaf(3), proof, root)).toBe(false);
      expect(verifyInclusion(4n, 4n, leaf(3), proof, root)).toBe(false);
      expect(verifyInclusion(3n, 4n, leaf(3).subarray(1), proof, root)).toBe(false);
      expect(verifyInclusion(3n, 4n, leaf(3), [proof[0]!, proof[1]!.subarray(1)], root)).toBe(false);
      expect(verifyInclusion(3n, 4n, leaf(3), [new Uint8Array([...proof[0]!, 0]), proof[1]!], root)).toBe(
        false,
      );
      expect(verifyInclusion(0n, 0n, leaf(0), [], rfc9162.emptyRoot())).toBe(false);
    });
  });

  describe('#verifyConsistency', () => {
    const tree = treeOf(9);

    it('refuses sizes out of order, from zero, and any proof between equal sizes', () => {
      expect(verifyConsistency(0n, 9n, [], rfc9162.emptyRoot(), tree.rootAt())).toBe(false);
      expect(verifyConsistency(9n, 5n, tree.consistencyProof(5n), tree.rootAt(9n), tree.rootAt(5n))).toBe(
        false,
      );
      expect(verifyConsistency(5n, 5n, [], tree.rootAt(5n), tree.rootAt(5n))).toBe(true);
      expect(verifyConsistency(5n, 5n, [leaf(0)], tree.rootAt(5n), tree.rootAt(5n))).toBe(false);
      expect(verifyConsistency(5n, 5n, [], tree.rootAt(5n), tree.rootAt(6n))).toBe(false);
    });

    it('refuses an empty, over-long, short or malformed proof between different sizes', () => {
      const proof = tree.consistencyProof(3n, 9n);
      expect(verifyConsistency(3n, 9n, proof, tree.rootAt(3n), tree.rootAt())).toBe(true);
      expect(verifyConsistency(3n, 9n, [], tree.rootAt(3n), tree.rootAt())).toBe(false);
      expect(verifyConsistency(3n, 9n, [...proof, leaf(0)], tree.rootAt(3n), tree.rootAt())).toBe(false);
      expect(verifyConsistency(3n, 9n, proof.slice(0, -1), tree.rootAt(3n), tree.rootAt())).toBe(false);
      const short = [proof[0]!.subarray(1), ...proof.slice(1)];
      expect(verifyConsistency(3n, 9n, short, tree.rootAt(3n), tree.rootAt())).toBe(false);
      // A power-of-two old size: the old root is the proof's implicit first element.
      const fromFour = tree.consistencyProof(4n, 9n);
      expect(verifyConsistency(4n, 9n, fromFour, tree.rootAt(4n), tree.rootAt())).toBe(true);
      expect(verifyConsistency(4n, 9n, fromFour, tree.rootAt(3n), tree.rootAt())).toBe(false);
      expect(verifyConsistency(4n, 9n, fromFour, tree.rootAt(4n), tree.rootAt(8n))).toBe(false);
    });
  });

  describe('ranges', () => {
    it('splits at the largest power of two strictly below n', () => {
      expect([2n, 3n, 4n, 5n, 8n, 9n, 1n << 40n].map(splitPoint)).toEqual([
        1n,
        2n,
        2n,
        4n,
        4n,
        8n,
        1n << 39n,
      ]);
    });

    it('decomposes an aligned range into complete subtrees and refuses an unaligned one', () => {
      expect(decomposeRange({ start: 0n, end: 7n })).toEqual([
        { level: 2, index: 0n },
        { level: 1, index: 2n },
        { level: 0, index: 6n },
      ]);
      expect(decomposeRange({ start: 8n, end: 16n })).toEqual([{ level: 3, index: 1n }]);
      expect(decomposeRange({ start: 5n, end: 5n })).toEqual([]);
      expect(() => decomposeRange({ start: 1n, end: 4n })).toThrow('range [1, 4) is not aligned');
      expect(() => decomposeRange({ start: 1n, end: 4n })).toThrow(ProofError);
    });

    it('folds subtree hashes from the right and refuses an empty list', () => {
      const [a, b, c] = [leaf(0), leaf(1), leaf(2)];
      expect(toHex(foldRange([a, b, c]))).toBe(toHex(rfc9162.hashChildren(a, rfc9162.hashChildren(b, c))));
      expect(foldRange([a])).toBe(a);
      expect(() => foldRange([])).toThrow('empty range has no subtree hash');
    });

    it('refuses negative or out-of-range indexes and sizes', () => {
      expect(() => inclusionProofRanges(-1n, 4n)).toThrow('index must not be negative');
      expect(() => inclusionProofRanges(4n, 4n)).toThrow('index 4 is not below tree size 4');
      expect(inclusionProofRanges(0n, 1n)).toEqual([]);
      expect(() => consistencyProofRanges(-1n, 4n)).toThrow('old size must not be negative');
      expect(() => consistencyProofRanges(5n, 4n)).toThrow('old size 5 exceeds new size 4');
      expect(consistencyProofRanges(0n, 4n)).toEqual([]);
      expect(consistencyProofRanges(4n, 4n)).toEqual([]);
      expect(consistencyProofRanges(3n, 4n)).toEqual([
        { start: 2n, end: 3n },
        { start: 3n, end: 4n },
        { start: 0n, end: 2n },
      ]);
    });

    it('hashes ranges with the hasher it is given', () => {
      const tree = treeOf(3);
      const calls: string[] = [];
      const hasher = createTreeHasher((data) => {
        calls.push(toHex(data.subarray(0, 1)));
        return rfc9162.hashChildren(data.subarray(1, 33), data.subarray(33));
      });
      hashRanges([{ start: 0n, end: 3n }], tree.subtreeHash, hasher);
      expect(calls).toEqual(['01']);
    });
  });

  describe('a hasher over another digest', () => {
    it('prefixes leaves with 0x00 and nodes with 0x01 and hashes the empty tree as the empty string', () => {
      const seen: number[][] = [];
      const hasher = createTreeHasher((data) => {
        seen.push([...data]);
        return new Uint8Array(32).fill(data.length);
      });
      hasher.hashLeaf(new Uint8Array([7]));
      hasher.hashChildren(new Uint8Array([1]), new Uint8Array([2]));
      hasher.emptyRoot();
      expect(seen).toEqual([[0, 7], [1, 1, 2], []]);
    });
  });
});

describe('CompactRange', () => {
  it('refuses to resume with the wrong number of frontier hashes', () => {
    const tree = treeOf(45);
    // 45 = 32 + 8 + 4 + 1: one stored subtree per set bit.
    const frontier = CompactRange.frontierIds(45n).map(tree.subtreeHash);
    expect(frontier).toHaveLength(4);
    expect(() => CompactRange.resume(45n, frontier.slice(1))).toThrow(
      'size 45 needs 4 frontier hashes, got 3',
    );
    expect(() => CompactRange.resume(45n, [...frontier, leaf(0)])).toThrow(ProofError);
    expect(() => CompactRange.resume(0n, [leaf(0)])).toThrow('size 0 needs 0 frontier hashes, got 1');
  });

  it('starts empty at the empty root and resumes at size 0', () => {
    expect(CompactRange.frontierIds(0n)).toEqual([]);
    const empty = CompactRange.resume(0n, []);
    expect(empty.size).toBe(0n);
    expect(toHex(empty.root())).toBe(toHex(rfc9162.emptyRoot()));
    empty.append(leaf(0));
    expect(empty.size).toBe(1n);
    expect(toHex(empty.root())).toBe(toHex(leaf(0)));
  });

  it('reports a completed subtree with its level and index as it appends', () => {
    const range = CompactRange.empty();
    const completed: string[] = [];
    for (let i = 0; i < 4; i++) range.append(leaf(i), (id) => completed.push(`${id.level}/${id.index}`));
    expect(completed).toEqual(['1/0', '1/1', '2/0']);
  });

  it('clones independently of the original', () => {
    const range = CompactRange.empty();
    range.append(leaf(0));
    const copy = range.clone();
    copy.append(leaf(1));
    expect(range.size).toBe(1n);
    expect(copy.size).toBe(2n);
    expect(toHex(range.root())).toBe(toHex(leaf(0)));
    expect(toHex(copy.root())).toBe(toHex(treeOf(2).rootAt()));
  });
});

describe('MemoryTree', () => {
  const tree = treeOf(5);

  it('refuses sizes beyond what it holds', () => {
    expect(() => tree.rootAt(6n)).toThrow('size 6 exceeds tree size 5');
    expect(() => tree.inclusionProof(0n, 6n)).toThrow('size 6 exceeds tree size 5');
    expect(() => tree.consistencyProof(1n, 6n)).toThrow('size 6 exceeds tree size 5');
    expect(tree.rootAt(5n)).toEqual(tree.rootAt());
  });

  it('refuses a subtree that is not complete yet', () => {
    expect(() => tree.subtreeHash({ level: 1, index: 2n })).toThrow('subtree 1/2 is not complete');
    expect(() => tree.leafHash(5n)).toThrow('subtree 0/5 is not complete');
    expect(tree.subtreeHash({ level: 2, index: 0n })).toEqual(treeOf(4).rootAt());
  });

  it('returns the leaf hash it appended', () => {
    const t = new MemoryTree();
    expect(t.appendLeaf(new Uint8Array([9]))).toEqual(leaf(9));
    expect(t.leafHash(0n)).toEqual(leaf(9));
  });
});
