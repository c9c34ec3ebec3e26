// Checkpoints, consistency and the full audit on a log built here with @groundtruth/ledger's
// MemoryTree and note signer: the verifier's answers are compared with what the tree itself says.
import {
  createEd25519Signer,
  encodeVerifierKey,
  MemoryTree,
  signCheckpoint,
  TILE_WIDTH,
  utf8,
} from '@groundtruth/ledger';
import { describe, expect, it } from 'vitest';
import {
  compareTreeHeads,
  LogAudit,
  needsConsistencyProof,
  PreverifiedNoteVerifier,
  splitEntryBundle,
  verifyCheckpoint,
} from '../src/index.ts';

const ORIGIN = 'example.org/log';
const signer = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(7));
const key = encodeVerifierKey(ORIGIN, signer.publicKey);
const intruder = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(8));

function makeLog(size: number) {
  const tree = new MemoryTree();
  const entries = Array.from({ length: size }, (_, i) =>
    utf8.encode(JSON.stringify({ n: i, pad: 'x'.repeat(i % 40) })),
  );
  for (const e of entries) tree.appendLeaf(e);
  const note = (at: number, by = signer) =>
    signCheckpoint(
      { origin: ORIGIN, size: BigInt(at), rootHash: tree.rootAt(BigInt(at)), extensions: [] },
      by,
    );
  return { tree, entries, note };
}

/** A C2SP entry bundle: each entry as a big-endian uint16 length and its bytes. */
function entryBundle(entries: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

describe('verifyCheckpoint', () => {
  const { tree, note } = makeLog(10);

  it('opens a checkpoint signed by the log key', async () => {
    const c = await verifyCheckpoint(note(10), key);
    expect(c.size).toBe(10n);
    expect(c.rootHash).toEqual(tree.rootAt(10n));
    expect(c.origin).toBe(ORIGIN);
  });

  it('refuses a note signed by another key of the same name, or altered', async () => {
    await expect(verifyCheckpoint(note(10, intruder), key)).rejects.toThrow(/no verifiable signatures/);
    const altered = note(10).replace(/\n10\n/, '\n11\n');
    await expect(verifyCheckpoint(altered, key)).rejects.toThrow(
      `checkpoint signature: invalid signature for key ${ORIGIN}+${signer.keyId.toString(16).padStart(8, '0')}`,
    );
    await expect(verifyCheckpoint('not a note', key)).rejects.toThrow(/malformed/);
  });
});

describe('PreverifiedNoteVerifier', () => {
  const { note } = makeLog(4);

  it('accepts an admitted signature once, and nothing else', async () => {
    const gate = new PreverifiedNoteVerifier(key);
    const good = note(4);
    await gate.admit(good);
    await gate.admit(note(3).replace(/\n3\n/, '\n2\n')); // badly signed: not admitted
    await gate.admit('garbage'); // malformed: not admitted, no throw
    const text = utf8.encode(good.slice(0, good.indexOf('\n\n') + 1));
    const signature = (() => {
      const line = good.slice(good.indexOf('\n\n') + 2).trim();
      const raw = Uint8Array.from(atob(line.split(' ')[2]!), (c) => c.charCodeAt(0));
      return raw.subarray(4);
    })();
    expect(gate.verify(utf8.encode('other text\n'), signature)).toBe(false);
    expect(gate.verify(text, signature)).toBe(false); // the wrong message consumed it
    await gate.admit(good);
    expect(gate.verify(text, signature)).toBe(true);
    expect(gate.verify(text, signature)).toBe(false);
  });
});

describe('compareTreeHeads', () => {
  const { tree } = makeLog(20);
  const head = (n: number) => ({ size: BigInt(n), rootHash: tree.rootAt(BigInt(n)) });

  it('relates heads as RFC 9162 §2.1.4 says', () => {
    expect(compareTreeHeads(head(7), head(20), tree.consistencyProof(7n, 20n))).toEqual({
      ok: true,
      relation: 'consistent',
    });
    expect(compareTreeHeads(head(7), head(7))).toEqual({ ok: true, relation: 'unchanged' });
    expect(compareTreeHeads(head(0), head(20))).toEqual({ ok: true, relation: 'grew from empty' });
    expect(compareTreeHeads(head(20), head(7))).toEqual({ ok: false, problem: 'shrank' });
    expect(compareTreeHeads(head(7), { size: 7n, rootHash: tree.rootAt(8n) })).toEqual({
      ok: false,
      problem: 'forked',
    });
    expect(compareTreeHeads(head(7), head(20), tree.consistencyProof(8n, 20n))).toEqual({
      ok: false,
      problem: 'inconsistent',
    });
    expect(compareTreeHeads(head(7), head(20))).toEqual({ ok: false, problem: 'inconsistent' });
  });

  it('asks for a proof only between two non-empty sizes that differ upwards', () => {
    expect(needsConsistencyProof(head(7), head(20))).toBe(true);
    expect(needsConsistencyProof(head(0), head(20))).toBe(false);
    expect(needsConsistencyProof(head(7), head(7))).toBe(false);
    expect(needsConsistencyProof(head(20), head(7))).toBe(false);
  });
});

describe('LogAudit (the full audit, fed tiles)', () => {
  const size = TILE_WIDTH + 44; // a full tile and a partial one
  const { tree, entries, note } = makeLog(size);
  const hashTile = (from: number, to: number) => {
    const out = new Uint8Array((to - from) * 32);
    for (let i = from; i < to; i++) out.set(tree.leafHash(BigInt(i)), (i - from) * 32);
    return out;
  };

  async function audit(
    mutate?: (tile: { bundle: Uint8Array; hashes: Uint8Array }, n: number) => void,
    checkpoints = [100, size],
  ) {
    const a = new LogAudit(key, BigInt(size));
    expect(a.tiles).toBe(2n);
    expect([a.tileWidth(0n), a.tileWidth(1n)]).toEqual([TILE_WIDTH, 44]);
    let next = 0;
    for (let n = 0; n < 2; n++) {
      const from = n * TILE_WIDTH;
      const to = Math.min(from + TILE_WIDTH, size);
      while (next < checkpoints.length && checkpoints[next]! <= to) {
        const at = checkpoints[next++]!;
        await a.checkpoints([{ size: BigInt(at), rootHash: tree.rootAt(BigInt(at)), note: note(at) }]);
      }
      const tile = { bundle: entryBundle(entries.slice(from, to)), hashes: hashTile(from, to) };
      mutate?.(tile, n);
      a.tile(BigInt(n), tile.bundle, tile.hashes);
    }
    a.finish();
    return a;
  }

  it('recomputes every leaf and reproduces every signed root', async () => {
    const a = await audit();
    expect(a.failure).toBeUndefined();
    expect(a.leavesChecked).toBe(BigInt(size));
    expect(a.checkpointsChecked).toBe(2);
  });

  it('names the first bad index when an entry differs from its served hash', async () => {
    const a = await audit((tile, n) => {
      if (n === 1) tile.hashes[5 * 32]! ^= 1; // the hash of entry TILE_WIDTH + 5
    });
    expect(a.failure?.firstBadIndex).toBe(BigInt(TILE_WIDTH + 5));
    expect(a.failure?.reason).toMatch(/stored leaf hash/);
  });

  it('fails at a checkpoint whose signature does not hold', async () => {
    const a = new LogAudit(key, BigInt(size));
    await a.checkpoints([{ size: 100n, rootHash: tree.rootAt(100n), note: note(100, intruder) }]);
    expect(a.failure?.reason).toMatch(/^checkpoint 100: checkpoint signature/);
  });

  it('refuses a tile whose entries and hashes do not match its width', async () => {
    await expect(
      audit((tile, n) => {
        if (n === 1) tile.hashes = tile.hashes.subarray(32);
      }),
    ).rejects.toThrow('tile 1: expected 44 entries and hashes');
  });

  it('splits entry bundles and refuses truncated ones', () => {
    const bundle = entryBundle(entries.slice(0, 3));
    expect(splitEntryBundle(bundle)).toEqual(entries.slice(0, 3));
    expect(() => splitEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow('truncated entry');
    expect(() => splitEntryBundle(new Uint8Array([0]))).toThrow('truncated length');
    expect(splitEntryBundle(new Uint8Array())).toEqual([]);
  });
});
