// Behaviour the first mutation run of this package (docs/quality.md) showed no test pinned down:
// JCS nesting and error paths, surrogate boundaries in note text, a verifier handed a malformed key,
// key IDs with leading zero digits, and the tiles and tree corner cases.
import { describe, expect, it } from 'vitest';
import {
  CanonicalJsonError,
  CheckpointError,
  CompactRange,
  canonicalJson,
  canonicalJsonBytes,
  createEd25519Signer,
  createEd25519Verifier,
  EntryError,
  encodeVerifierKey,
  fromHex,
  MemoryTree,
  NoteError,
  openNote,
  ProofError,
  parseTileIndex,
  parseVerifierKey,
  rfc9162,
  signNote,
  toHex,
} from '../src/index.ts';

const nestArrays = (depth: number): unknown => (depth === 0 ? 1 : [nestArrays(depth - 1)]);
const nestObjects = (depth: number): unknown => (depth === 0 ? 1 : { a: nestObjects(depth - 1) });

describe('canonical JSON limits and paths', () => {
  // Our own bound (not RFC 8785's): the serialiser recurses, so depth is capped before the stack is.
  it('takes 64 levels of nesting below the top value and refuses a 65th', () => {
    expect(canonicalJson(nestArrays(64))).toBe(`${'['.repeat(64)}1${']'.repeat(64)}`);
    expect(() => canonicalJson(nestArrays(65))).toThrow(/^nesting deeper than 64 levels at \$(\[0\]){65}$/);
    expect(() => canonicalJson(nestObjects(64))).not.toThrow();
    expect(() => canonicalJson(nestObjects(65))).toThrow(/^nesting deeper than 64 levels at \$(\.a){65}$/);
  });

  it('names the path of what it refuses', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow('non-finite number at $.a[1].b');
    expect(() => canonicalJson([0, '\udc00'])).toThrow('lone surrogate in string at $[1]');
    const error = (() => {
      try {
        canonicalJson({ k: undefined, x: Symbol('s') });
      } catch (e) {
        return e as CanonicalJsonError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect(error?.path).toBe('$.x');
    expect(error?.message).toBe('symbol is not JSON at $.x');
  });

  it('accepts objects without a prototype, as JSON.parse can make them', () => {
    const bare = Object.assign(Object.create(null), { b: 1, a: [true] });
    expect(canonicalJson(bare)).toBe('{"a":[true],"b":1}');
  });

  it('encodes the canonical form as UTF-8', () => {
    expect([...canonicalJsonBytes({ '€': 'é' })]).toEqual([...new TextEncoder().encode('{"€":"é"}')]);
  });

  it('names its errors', () => {
    const names = [
      new CanonicalJsonError('m', '$'),
      new NoteError('m'),
      new EntryError('m'),
      new ProofError('m'),
      new CheckpointError('m'),
    ].map((e) => e.name);
    expect(names).toEqual(['CanonicalJsonError', 'NoteError', 'EntryError', 'ProofError', 'CheckpointError']);
  });
});

describe('note text at the surrogate boundaries', () => {
  const signer = createEd25519Signer('log', new Uint8Array(32).fill(3));
  const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));
  const roundTrip = (text: string) => openNote(signNote(text, [signer]), [verifier]).text;

  it('accepts every pairing of the first and last high and low surrogates, and characters above them', () => {
    for (const text of [
      '\ud800\udc00\n',
      '\udbff\udfff\n',
      '\ud800\udfff\n',
      '\udbff\udc00\n',
      '\ue000\ufffd\n',
    ]) {
      expect(roundTrip(text), JSON.stringify(text)).toBe(text);
    }
  });

  it('refuses a high surrogate before anything but a low one, and a low one on its own', () => {
    for (const text of ['\ud800\ue000\n', '\udbff\ud800\n', '\udc00\udc00\n', '\udfff\n', 'a\udbff\n']) {
      expect(() => signNote(text, [signer]), JSON.stringify(text)).toThrow(
        'malformed note text: control characters',
      );
    }
  });
});

describe('notes and keys, corner cases', () => {
  const signer = createEd25519Signer('log', new Uint8Array(32).fill(3));
  const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));

  it('says when there is no blank line, and treats a leading blank line as an empty text', () => {
    expect(() => openNote('just text\n', [verifier])).toThrow('malformed note: no signature block');
    const signature = signNote('x\n', [signer]).split('\n\n')[1]!;
    expect(() => openNote(`\n\n${signature}`, [verifier])).toThrow('invalid signature for key log+');
    expect(() => openNote('text\n\n', [verifier])).toThrow('malformed note: signature block');
  });

  it('answers false, not an exception, for a key the curve library refuses', () => {
    const broken = createEd25519Verifier({ name: 'log', keyId: 1, publicKey: new Uint8Array(31) });
    expect(broken.verify(new Uint8Array([1]), new Uint8Array(64))).toBe(false);
  });

  it('writes key IDs with leading zero digits in full', () => {
    // The first seed whose key ID starts with a zero hex digit (about one in sixteen).
    let seed = 1;
    while (createEd25519Signer('zero', new Uint8Array(32).fill(seed)).keyId >= 0x1000_0000) seed++;
    const key = createEd25519Signer('zero', new Uint8Array(32).fill(seed));
    const vkey = encodeVerifierKey('zero', key.publicKey);
    expect(vkey.split('+')[1]).toBe(key.keyId.toString(16).padStart(8, '0'));
    expect(vkey.split('+')[1]).toMatch(/^0[0-9a-f]{7}$/);
    expect(parseVerifierKey(vkey).keyId).toBe(key.keyId);
  });
});

describe('hex', () => {
  // Only a long string tells the digits' positions apart: a substring that merely ends at the right
  // place parses to the right low byte until it outgrows a double's 53 bits.
  it('decodes a 32-byte hash digit pair by digit pair', () => {
    const hash = rfc9162.hashLeaf(new Uint8Array([7]));
    expect(fromHex(toHex(hash))).toEqual(hash);
  });
});

describe('tiles and trees, corner cases', () => {
  it('anchors the x groups of a tile path at their start', () => {
    expect(parseTileIndex(['ax001', '234'])).toBeUndefined();
    expect(parseTileIndex(['x001', 'a234'])).toBeUndefined();
  });

  it('keeps appending correctly after a clone', () => {
    const tree = new MemoryTree();
    const range = CompactRange.empty();
    range.append(tree.appendLeaf(new Uint8Array([0])));
    const copy = range.clone();
    for (let i = 1; i < 7; i++) copy.append(tree.appendLeaf(new Uint8Array([i])));
    expect(toHex(copy.root())).toBe(toHex(tree.rootAt()));
    expect(toHex(range.root())).toBe(toHex(tree.rootAt(1n)));
  });

  it('refuses a subtree above the tallest level with a ProofError', () => {
    const tree = new MemoryTree();
    tree.appendLeaf(new Uint8Array([1]));
    expect(() => tree.subtreeHash({ level: 9, index: 0n })).toThrow(ProofError);
    expect(() => tree.subtreeHash({ level: 9, index: 0n })).toThrow('subtree 9/0 is not complete');
    expect(tree.subtreeHash({ level: 0, index: 0n })).toEqual(rfc9162.hashLeaf(new Uint8Array([1])));
  });
});
