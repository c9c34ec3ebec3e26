import { describe, expect, it } from 'vitest';
import {
  createEd25519Signer,
  createEd25519Verifier,
  encodeVerifierKey,
  fromBase64,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  rfc9162,
  signCheckpoint,
  signNote,
  toBase64,
} from '../src/index.ts';

// The worked example of C2SP signed-note v1.0.0 (https://c2sp.org/signed-note).
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

// golang.org/x/mod sumdb/note/note_test.go (TestSign, TestOpen).
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signed note', () => {
  describe('#openNote', () => {
    it('verifies the C2SP spec example', () => {
      const opened = openNote(SPEC_NOTE, [createEd25519Verifier(SPEC_VKEY)]);
      expect(opened.text).toBe('This is an example message.\n');
      expect(opened.verified.map((s) => s.name)).toEqual(['example.com/foo']);
    });

    it("verifies Go's sumdb/note example and keeps the unknown key's signature as unverified", () => {
      const opened = openNote(`${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [createEd25519Verifier(GO_VKEY)]);
      expect(opened.text).toBe(GO_TEXT);
      expect(opened.verified).toHaveLength(1);
      expect(opened.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
      const both = openNote(
        `${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`,
        [GO_VKEY, ENOCH_VKEY].map(createEd25519Verifier),
      );
      expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    });

    it('rejects a tampered note body', () => {
      const tampered = SPEC_NOTE.replace('example message', 'exemplary message');
      expect(() => openNote(tampered, [createEd25519Verifier(SPEC_VKEY)])).toThrow(/invalid signature/);
    });

    it('rejects a tampered signature', () => {
      const sig = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
      expect(() => openNote(`${GO_TEXT}\n${sig}`, [createEd25519Verifier(GO_VKEY)])).toThrow(
        'invalid signature for key PeterNeumann+c74f20a3',
      );
      const flipped = PETER_SIG.replace('x08go', 'x08gp');
      expect(() => openNote(`${GO_TEXT}\n${flipped}`, [createEd25519Verifier(GO_VKEY)])).toThrow();
    });

    it('rejects a note that no known key signed', () => {
      expect(() => openNote(`${GO_TEXT}\n${ENOCH_SIG}`, [createEd25519Verifier(GO_VKEY)])).toThrow(
        'note has no verifiable signatures',
      );
    });

    it('rejects malformed notes as Go does', () => {
      const verifier = createEd25519Verifier(GO_VKEY);
      for (const bad of [
        GO_TEXT,
        `${GO_TEXT}\n`,
        `${GO_TEXT}\n${PETER_SIG.slice(0, -1)}`,
        `\x01${GO_TEXT}\n${PETER_SIG}`,
        `${GO_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
        `${GO_TEXT}\n${PETER_SIG}Unexpected line.\n`,
        `${GO_TEXT}\n${PETER_SIG.repeat(101)}`,
      ]) {
        expect(() => openNote(bad, [verifier])).toThrow(/malformed/);
      }
      expect(() =>
        openNote(new Uint8Array([0xff, ...new TextEncoder().encode(`${GO_TEXT}\n${PETER_SIG}`)]), [verifier]),
      ).toThrow(/malformed/);
    });

    it('accepts at least 16 signatures by unknown keys beside the known one', () => {
      const others = Array.from({ length: 20 }, (_, i) =>
        createEd25519Signer(`witness${i}`, new Uint8Array(32).fill(i + 1)),
      );
      const note = signNote(GO_TEXT, [parseSignerKey(GO_SKEY), ...others]);
      expect(openNote(note, [createEd25519Verifier(GO_VKEY)]).unverified).toHaveLength(20);
    });
  });

  describe('#signNote', () => {
    it("reproduces Go's golden signature byte for byte", () => {
      expect(signNote(GO_TEXT, [parseSignerKey(GO_SKEY)])).toBe(`${GO_TEXT}\n${PETER_SIG}`);
    });

    it('refuses text that does not end in a newline', () => {
      expect(() => signNote('abc', [parseSignerKey(GO_SKEY)])).toThrow(/malformed/);
    });
  });

  describe('keys', () => {
    it('round-trips the verifier keys of the spec and of Go', () => {
      for (const vkey of [SPEC_VKEY, GO_VKEY, ENOCH_VKEY]) {
        const key = parseVerifierKey(vkey);
        expect(encodeVerifierKey(key.name, key.publicKey)).toBe(vkey);
      }
      const signer = parseSignerKey(GO_SKEY) as ReturnType<typeof createEd25519Signer>;
      expect(encodeVerifierKey(signer.name, signer.publicKey)).toBe(GO_VKEY);
    });

    it('refuses every truncation and single-byte change of a verifier key', () => {
      for (let i = 0; i < GO_VKEY.length; i++) {
        expect(() => parseVerifierKey(GO_VKEY.slice(0, i))).toThrow();
        const changed =
          GO_VKEY.slice(0, i) + String.fromCharCode(GO_VKEY.charCodeAt(i) + 1) + GO_VKEY.slice(i + 1);
        expect(() => parseVerifierKey(changed), changed).toThrow();
      }
      // Wrong key length and unknown algorithm, each with an adjusted key hash (Go's TestNewVerifier).
      expect(() =>
        parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ).toThrow();
      expect(() =>
        parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      ).toThrow();
    });
  });
});

describe('checkpoint', () => {
  const signer = createEd25519Signer('example.com/log', new Uint8Array(32).fill(7));
  const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));
  const rootHash = rfc9162.hashLeaf(new Uint8Array([1]));

  it('signs and opens a checkpoint whose origin is the key name', () => {
    const note = signCheckpoint({ origin: 'example.com/log', size: 9944n, rootHash, extensions: [] }, signer);
    expect(note.split('\n').slice(0, 3)).toEqual(['example.com/log', '9944', toBase64(rootHash)]);
    const opened = openCheckpoint(note, verifier);
    expect(opened.size).toBe(9944n);
    expect(opened.rootHash).toEqual(rootHash);
  });

  it('rejects a checkpoint whose size was changed after signing', () => {
    const note = signCheckpoint({ origin: 'example.com/log', size: 10n, rootHash, extensions: [] }, signer);
    expect(() => openCheckpoint(note.replace('\n10\n', '\n11\n'), verifier)).toThrow(/invalid signature/);
  });

  it('parses sizes strictly', () => {
    const root = toBase64(rootHash);
    for (const size of ['010', '-1', '1e3', ' 1', '18446744073709551616', '']) {
      expect(() => parseCheckpoint(`o\n${size}\n${root}\n`), size).toThrow();
    }
    expect(parseCheckpoint(`o\n0\n${root}\next\n`).extensions).toEqual(['ext']);
    expect(() => parseCheckpoint(`o\n1\n${root.slice(4)}\n`)).toThrow(/root hash/);
    expect(fromBase64(root)).toEqual(rootHash);
  });
});
