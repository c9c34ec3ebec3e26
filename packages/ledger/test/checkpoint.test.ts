// C2SP tlog-checkpoint v1.0.0 (https://c2sp.org/tlog-checkpoint): each refusal with its own reason.
import { describe, expect, it } from 'vitest';
import {
  createEd25519Signer,
  createEd25519Verifier,
  encodeVerifierKey,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  rfc9162,
  signCheckpoint,
  signNote,
  toBase64,
} from '../src/index.ts';

const ORIGIN = 'example.com/log';
const signer = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(7));
const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));
const rootHash = rfc9162.hashLeaf(new Uint8Array([1]));
const root = toBase64(rootHash);

describe('checkpoint', () => {
  describe('#formatCheckpoint', () => {
    it('writes origin, decimal size, base64 root and extension lines, each ending in a newline', () => {
      expect(formatCheckpoint({ origin: ORIGIN, size: 0n, rootHash, extensions: [] })).toBe(
        `${ORIGIN}\n0\n${root}\n`,
      );
      expect(
        formatCheckpoint({ origin: ORIGIN, size: 18446744073709551615n, rootHash, extensions: ['a', 'b c'] }),
      ).toBe(`${ORIGIN}\n18446744073709551615\n${root}\na\nb c\n`);
    });

    it('refuses what would not parse back', () => {
      const good = { origin: ORIGIN, size: 1n, rootHash, extensions: [] as string[] };
      expect(() => formatCheckpoint({ ...good, origin: '' })).toThrow('origin must be one non-empty line');
      expect(() => formatCheckpoint({ ...good, origin: 'a\nb' })).toThrow(
        'origin must be one non-empty line',
      );
      expect(() => formatCheckpoint({ ...good, size: -1n })).toThrow('size must not be negative');
      expect(() => formatCheckpoint({ ...good, rootHash: rootHash.subarray(1) })).toThrow(
        'root hash must be 32 bytes',
      );
      expect(() => formatCheckpoint({ ...good, extensions: [''] })).toThrow('bad extension line');
      expect(() => formatCheckpoint({ ...good, extensions: ['a\nb'] })).toThrow('bad extension line');
    });
  });

  describe('#parseCheckpoint', () => {
    it('reads back what formatCheckpoint wrote', () => {
      const checkpoint = { origin: ORIGIN, size: 9944n, rootHash, extensions: ['ext one', 'two'] };
      expect(parseCheckpoint(formatCheckpoint(checkpoint))).toEqual(checkpoint);
    });

    it('names the line that is wrong', () => {
      expect(() => parseCheckpoint(`o\n1\n${root}`)).toThrow('checkpoint text must end in a newline');
      expect(() => parseCheckpoint(`o\n1\n`)).toThrow('checkpoint needs origin, size and root hash lines');
      expect(() => parseCheckpoint(`\n1\n${root}\n`)).toThrow('empty origin line');
      expect(() => parseCheckpoint(`o\n01\n${root}\n`)).toThrow('invalid tree size "01"');
      expect(() => parseCheckpoint(`o\n1\n${root.slice(0, -4)}\n`)).toThrow(
        'root hash must be base64 of 32 bytes',
      );
      expect(() => parseCheckpoint(`o\n1\n${root}x\n`)).toThrow('root hash must be base64 of 32 bytes');
      expect(() => parseCheckpoint(`o\n1\n${root}\n\n`)).toThrow('empty extension line');
      expect(() => parseCheckpoint(`o\n1\n${root}\na\n\nb\n`)).toThrow('empty extension line');
    });

    // A size must fit tlog's uint64. Twenty digits are refused by value; longer text is refused before
    // BigInt ever sees it, so a megabyte of digits costs nothing.
    it('accepts sizes up to 2^64 − 1 and refuses larger ones', () => {
      expect(parseCheckpoint(`o\n18446744073709551615\n${root}\n`).size).toBe((1n << 64n) - 1n);
      expect(() => parseCheckpoint(`o\n18446744073709551616\n${root}\n`)).toThrow(
        'tree size exceeds 64 bits',
      );
      expect(() => parseCheckpoint(`o\n99999999999999999999\n${root}\n`)).toThrow(
        'tree size exceeds 64 bits',
      );
      expect(() => parseCheckpoint(`o\n100000000000000000000\n${root}\n`)).toThrow('invalid tree size');
    });
  });

  describe('#signCheckpoint and #openCheckpoint', () => {
    it('refuses to sign with a key whose name is not the origin', () => {
      expect(() =>
        signCheckpoint({ origin: 'example.com/other', size: 1n, rootHash, extensions: [] }, signer),
      ).toThrow('the signing key name must equal the checkpoint origin');
    });

    it('keeps the note byte for byte and the signatures of other keys as unverified', () => {
      const witness = createEd25519Signer('witness.example', new Uint8Array(32).fill(9));
      const text = formatCheckpoint({ origin: ORIGIN, size: 5n, rootHash, extensions: [] });
      const note = signNote(text, [signer, witness]);
      const opened = openCheckpoint(note, verifier);
      expect(opened.note).toBe(note);
      expect(opened).toMatchObject({ origin: ORIGIN, size: 5n, extensions: [] });
      expect(opened.opened.verified.map((s) => s.name)).toEqual([ORIGIN]);
      expect(opened.opened.unverified.map((s) => s.name)).toEqual(['witness.example']);
    });

    it("refuses a checkpoint the log's key did not sign, naming the note's reason", () => {
      const other = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(8));
      const note = signCheckpoint({ origin: ORIGIN, size: 1n, rootHash, extensions: [] }, other);
      expect(() => openCheckpoint(note, verifier)).toThrow(
        'checkpoint signature: note has no verifiable signatures',
      );
    });

    // tlog-checkpoint: the origin line must equal the name of the log's key, or one key could vouch
    // for another log's tree.
    it('refuses a checkpoint whose origin is not the key name, even when the signature is good', () => {
      const text = formatCheckpoint({ origin: 'example.com/other-log', size: 1n, rootHash, extensions: [] });
      const note = signNote(text, [signer]);
      expect(() => openCheckpoint(note, verifier)).toThrow(
        'checkpoint origin example.com/other-log is not the key name example.com/log',
      );
    });

    it('refuses a signed note whose text is not a checkpoint', () => {
      const note = signNote(`${ORIGIN}\n1\n`, [signer]);
      expect(() => openCheckpoint(note, verifier)).toThrow(
        'checkpoint needs origin, size and root hash lines',
      );
    });
  });
});
