// TreeAudit: the full audit's pure core, fed from a MemoryTree built independently.
import { describe, expect, it } from 'vitest';
import {
  AuditStop,
  createEd25519Signer,
  createEd25519Verifier,
  encodeVerifierKey,
  MemoryTree,
  rfc9162,
  signCheckpoint,
  TreeAudit,
  utf8,
} from '../src/index.ts';

const ORIGIN = 'example.com/audited';
const signer = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(3));
const otherSigner = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(4));
const verifier = createEd25519Verifier(encodeVerifierKey(ORIGIN, signer.publicKey));

const leaves = Array.from({ length: 70 }, (_, i) => utf8.encode(`{"n":${i}}`));
const tree = new MemoryTree();
for (const leaf of leaves) tree.appendLeaf(leaf);
const sizes = [0n, 1n, 3n, 8n, 33n, 64n, 70n];
const checkpoint = (size: bigint, by = signer) => ({
  size,
  rootHash: tree.rootAt(size),
  note: signCheckpoint({ origin: ORIGIN, size, rootHash: tree.rootAt(size), extensions: [] }, by),
});

/** Runs an audit over the leaves, with optional changes to what the "store" holds. */
function audit(
  options: {
    data?: (i: number, d: Uint8Array) => Uint8Array;
    storedLeafHash?: (i: number) => Uint8Array;
    checkpoints?: ReturnType<typeof checkpoint>[];
    compareSubtrees?: boolean;
  } = {},
) {
  const a = new TreeAudit(rfc9162, verifier);
  const queue = [...(options.checkpoints ?? sizes.map((s) => checkpoint(s)))];
  const queueThrough = (size: bigint) => {
    while (queue.length > 0 && queue[0]!.size <= size) a.checkpoint(queue.shift()!);
  };
  queueThrough(0n);
  leaves.forEach((leaf, i) => {
    queueThrough(BigInt(i + 1));
    a.leaf(
      BigInt(i),
      options.data?.(i, leaf) ?? leaf,
      options.storedLeafHash?.(i) ?? tree.leafHash(BigInt(i)),
    );
  });
  if (options.compareSubtrees !== false)
    for (const { id, hash } of a.takeCompleted()) a.compareSubtree(id, hash, tree.subtreeHash(id));
  a.finish(70n);
  return a;
}

describe('TreeAudit', () => {
  it('passes an intact log and checks every checkpoint and completed subtree', () => {
    const a = audit();
    expect(a.failure).toBeUndefined();
    expect(a.size).toBe(70n);
    expect(a.checkpointsChecked).toBe(sizes.length);
    // Subtrees of level ≥ 1 completed by 70 leaves: 35 + 17 + 8 + 4 + 2 + 1.
    expect(a.subtreesChecked).toBe(67);
    expect(a.verifiedThrough).toBe(70n);
  });

  it('names the leaf whose bytes no longer match its stored hash', () => {
    const a = audit({ data: (i, d) => (i === 41 ? utf8.encode('{"n":-1}') : d) });
    expect(a.failure).toMatchObject({ firstBadIndex: 41n, range: { start: 41n, end: 42n } });
    expect(a.failure!.reason).toMatch(/leaf hash/);
  });

  it('pins a forged leaf hash to the pair of leaves under the smallest stored subtree', () => {
    const forged = utf8.encode('{"n":-1}');
    const a = audit({
      data: (i, d) => (i === 41 ? forged : d),
      storedLeafHash: (i) => (i === 41 ? rfc9162.hashLeaf(forged) : tree.leafHash(BigInt(i))),
    });
    expect(a.failure).toMatchObject({ firstBadIndex: 40n, range: { start: 40n, end: 42n } });
    expect(a.failure!.reason).toMatch(/subtree 1\/20/);
  });

  it('without stored subtrees, narrows a forgery to the leaves since the last reproduced checkpoint', () => {
    const forged = utf8.encode('{"n":-1}');
    const a = audit({
      data: (i, d) => (i === 41 ? forged : d),
      storedLeafHash: (i) => (i === 41 ? rfc9162.hashLeaf(forged) : tree.leafHash(BigInt(i))),
      compareSubtrees: false,
    });
    expect(a.failure).toMatchObject({ firstBadIndex: 33n, range: { start: 33n, end: 64n } });
    expect(a.failure!.reason).toMatch(/signed root of checkpoint 64/);
  });

  it('refuses a checkpoint signed by another key or whose stored root is not the signed one', () => {
    const bySomeoneElse = audit({
      checkpoints: sizes.map((s) => checkpoint(s, s === 33n ? otherSigner : signer)),
    });
    expect(bySomeoneElse.failure!.reason).toMatch(/checkpoint 33: checkpoint signature/);
    const swapped = sizes.map((s) => checkpoint(s));
    swapped[3] = { ...swapped[3]!, rootHash: tree.rootAt(7n) };
    expect(audit({ checkpoints: swapped }).failure!.reason).toMatch(/checkpoint 8: the stored size or root/);
  });

  it('stops at a gap in the indexes and reports the missing one', () => {
    const a = new TreeAudit(rfc9162, verifier);
    a.leaf(0n, leaves[0]!);
    expect(() => a.leaf(2n, leaves[2]!)).toThrow(AuditStop);
    expect(a.failure).toMatchObject({ firstBadIndex: 1n });
  });

  it('fails when the entries end before the signed tree does', () => {
    const a = new TreeAudit(rfc9162, verifier);
    a.checkpoint(checkpoint(0n));
    a.checkpoint(checkpoint(3n));
    a.leaf(0n, leaves[0]!);
    a.finish(3n);
    expect(a.failure).toMatchObject({ firstBadIndex: 1n });
    expect(a.failure!.reason).toMatch(/entries end at 1/);
  });
});
