import { describe, expect, it } from 'vitest';
import {
  computeKeyId,
  createEd25519Signer,
  createEd25519Verifier,
  encodeSignerKey,
  encodeVerifierKey,
  fromBase64,
  isValidKeyName,
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

describe('signed note refusals, each with its own reason', () => {
  const peter = createEd25519Verifier(GO_VKEY);
  const peterBase64 = PETER_SIG.slice('— PeterNeumann '.length, -1);

  describe('#openNote', () => {
    it('names the check that refused a malformed signature line', () => {
      const open = (block: string) => () => openNote(`${GO_TEXT}\n${block}`, [peter]);
      expect(open(`- PeterNeumann ${peterBase64}\n`)).toThrow('signature line does not start with "— "');
      expect(open('— PeterNeumann\n')).toThrow('signature line has no space after the key name');
      expect(open(`— Peter+Neumann ${peterBase64}\n`)).toThrow('invalid key name in signature line');
      expect(open(`—  ${peterBase64}\n`)).toThrow('invalid key name in signature line');
      expect(open('— PeterNeumann x08go/ZJ*uBS9UG\n')).toThrow('signature is not base64');
      expect(open('— PeterNeumann x08gow==\n')).toThrow('signature too short');
      expect(open(`${PETER_SIG}`.replace(/\n$/, ''))).toThrow('malformed note: signature block');
    });

    it('accepts a five-byte signature field as well-formed (then fails it on the signature)', () => {
      // Four bytes of key hash and one of signature: the shortest line Go accepts as syntax.
      expect(() => openNote(`${GO_TEXT}\n— PeterNeumann x08go/Y=\n`, [peter])).not.toThrow(/malformed/);
      expect(() => openNote(`${GO_TEXT}\n— PeterNeumann x08go/Y=\n`, [peter])).toThrow(
        'invalid signature for key PeterNeumann+c74f20a3',
      );
    });

    it('refuses control characters and lone surrogates in the note, but not other Unicode', () => {
      for (const bad of ['\x00', '\x1f', '\t', '\r', '\x7f', '\ud800', '\udc00', '\ud800x']) {
        expect(() => openNote(`text ${bad}\n\n${PETER_SIG}`, [peter]), JSON.stringify(bad)).toThrow(
          'malformed note: control characters',
        );
      }
      const signer = createEd25519Signer('log', new Uint8Array(32).fill(3));
      const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));
      const text = 'café 🍫 \u007e\u0080\n';
      expect(openNote(signNote(text, [signer]), [verifier]).text).toBe(text);
    });

    it('splits text and signatures at the last blank line', () => {
      const signer = createEd25519Signer('log', new Uint8Array(32).fill(3));
      const verifier = createEd25519Verifier(encodeVerifierKey(signer.name, signer.publicKey));
      const text = 'first\n\nsecond\n';
      expect(openNote(signNote(text, [signer]), [verifier]).text).toBe(text);
    });

    it('accepts 100 signature lines and refuses 101', () => {
      const unknown = (i: number) => `— w${i} ${toBase64(new Uint8Array(68).fill(i))}\n`;
      const lines = (n: number) => Array.from({ length: n - 1 }, (_, i) => unknown(i)).join('');
      expect(openNote(`${GO_TEXT}\n${PETER_SIG}${lines(100)}`, [peter]).unverified).toHaveLength(99);
      expect(() => openNote(`${GO_TEXT}\n${PETER_SIG}${lines(101)}`, [peter])).toThrow(
        'malformed note: too many signatures',
      );
    });

    // Go's sumdb/note: "Drop repeated signatures by a single verifier", so a key cannot count twice
    // towards a quorum of cosignatures.
    it('counts a key that signed twice once', () => {
      const opened = openNote(`${GO_TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
      expect(opened.verified).toHaveLength(1);
      expect(opened.unverified).toHaveLength(1);
    });

    it('matches a signature to a verifier by key name and key hash both', () => {
      // Peter's valid signature under another name: the key hash matches Peter's key, the name does not.
      const renamed = `— Impostor ${peterBase64}\n`;
      expect(() => openNote(`${GO_TEXT}\n${renamed}`, [peter])).toThrow('note has no verifiable signatures');
      const opened = openNote(`${GO_TEXT}\n${renamed}${PETER_SIG}`, [peter]);
      expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
      expect(opened.unverified.map((s) => [s.name, s.keyId])).toEqual([['Impostor', 0xc74f20a3]]);
      // The right name with another key hash is another key.
      const rehashed = `— PeterNeumann ${toBase64(new Uint8Array([0xc7, 0x4f, 0x20, 0xa4, ...fromBase64(peterBase64)!.subarray(4)]))}\n`;
      expect(() => openNote(`${GO_TEXT}\n${rehashed}`, [peter])).toThrow('note has no verifiable signatures');
    });

    it('refuses two verifiers for the same key', () => {
      expect(() => openNote(`${GO_TEXT}\n${PETER_SIG}`, [peter, createEd25519Verifier(GO_VKEY)])).toThrow(
        'ambiguous key PeterNeumann+c74f20a3',
      );
    });

    it('reports the signatures it verified and kept, with name, key hash and base64', () => {
      const opened = openNote(`${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
      expect(opened.verified).toEqual([{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: peterBase64 }]);
      expect(opened.unverified).toEqual([
        { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_SIG.slice('— EnochRoot '.length, -1) },
      ]);
    });
  });

  describe('#signNote', () => {
    const signer = parseSignerKey(GO_SKEY);
    it('names what is wrong with the text or the signer', () => {
      expect(() => signNote('', [signer])).toThrow('malformed note text: it must end in a newline');
      expect(() => signNote('abc', [signer])).toThrow('malformed note text: it must end in a newline');
      expect(() => signNote('a\tb\n', [signer])).toThrow('malformed note text: control characters');
      expect(() => signNote('a\n', [{ ...signer, name: 'bad name' }])).toThrow('invalid signer name');
    });
  });

  // RFC 8032 §5.1.7: decoding a point fails when its y coordinate is not below p. ZIP-215 (which
  // @noble/curves applies unless told otherwise) accepts such encodings, so one signature would verify
  // under several spellings of the same key. Go's crypto/ed25519 is strict, and so are we.
  it('verifies Ed25519 strictly (RFC 8032), refusing a non-canonical public key', () => {
    const nonCanonicalIdentity = new Uint8Array(32).fill(0xff);
    nonCanonicalIdentity[0] = 0xee; // y = p + 1, i.e. the identity point spelt with y ≥ p
    nonCanonicalIdentity[31] = 0x7f;
    const signature = new Uint8Array(64);
    signature[0] = 1; // R = identity, S = 0: satisfies the cofactored equation for any message
    const verifier = createEd25519Verifier({ name: 'odd', keyId: 1, publicKey: nonCanonicalIdentity });
    expect(verifier.verify(new TextEncoder().encode('any message\n'), signature)).toBe(false);
    expect(verifier.verify(new TextEncoder().encode('any message\n'), signature.subarray(0, 63))).toBe(false);
  });

  describe('keys', () => {
    it('names what is wrong with a verifier key', () => {
      const [name, hash, key] = GO_VKEY.split('+') as [string, string, string];
      expect(() => parseVerifierKey(`${name}${hash}${key}`)).toThrow('expected name+keyhash+key');
      expect(() => parseVerifierKey(`${name}+${hash}${key}`)).toThrow('expected name+keyhash+key');
      expect(() => parseVerifierKey(`+${hash}+${key}`)).toThrow('verifier key: invalid key name');
      expect(() => parseVerifierKey(`${name}+${hash.slice(1)}+${key}`)).toThrow(
        'key hash is not 8 hex digits',
      );
      expect(() => parseVerifierKey(`${name}+${hash}0+${key}`)).toThrow('key hash is not 8 hex digits');
      expect(() => parseVerifierKey(`${name}+c74f20g3+${key}`)).toThrow('key hash is not 8 hex digits');
      expect(() => parseVerifierKey(`${name}+${hash}+${key.slice(1)}`)).toThrow('key is not base64');
      expect(() => parseVerifierKey(`${name}+${hash}+${key}AAAA`)).toThrow('an Ed25519 key is 32 bytes');
      expect(() => parseVerifierKey(`${name}+${hash}+Ag${key.slice(2)}`)).toThrow('only Ed25519 (type 0x01)');
      expect(() => parseVerifierKey(`${name}+C74F20A3+${key}`)).not.toThrow();
      expect(() => parseVerifierKey(`${name}+c74f20a4+${key}`)).toThrow(
        'verifier key: key ID does not match',
      );
    });

    it('names what is wrong with a signer key', () => {
      expect(() => parseSignerKey(GO_SKEY.replace('PRIVATE+KEY+', 'PRIVATE+KEY'))).toThrow(
        'malformed signer key',
      );
      expect(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(
        'signer key: key ID does not match the key',
      );
      expect(() => parseSignerKey(GO_SKEY.replace('+AYEK', '+AgEK'))).toThrow('signer key: only Ed25519');
    });

    it("writes Go's signer key string for a seed", () => {
      const seed = fromBase64(GO_SKEY.split('+').slice(4).join('+'))!.subarray(1);
      expect(encodeSignerKey('PeterNeumann', seed)).toBe(GO_SKEY);
    });

    it('refuses invalid key names and wrong key or seed lengths', () => {
      for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u2003b', 'a\nb', 'a\x7fb']) {
        expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
        expect(() => createEd25519Signer(bad, new Uint8Array(32))).toThrow('invalid key name');
        expect(() => encodeVerifierKey(bad, new Uint8Array(32))).toThrow('invalid key name');
      }
      expect(isValidKeyName('example.com/log-2026_ü')).toBe(true);
      expect(() => createEd25519Signer('log', new Uint8Array(31))).toThrow('an Ed25519 seed is 32 bytes');
      expect(() => encodeVerifierKey('log', new Uint8Array(33))).toThrow('an Ed25519 public key is 32 bytes');
    });

    it('computes the key ID as the first four bytes of SHA-256(name ‖ LF ‖ type ‖ key), big-endian', () => {
      const key = parseVerifierKey(GO_VKEY);
      expect(computeKeyId(key.name, new Uint8Array([1, ...key.publicKey]))).toBe(0xc74f20a3);
      const enoch = parseVerifierKey(ENOCH_VKEY);
      expect(computeKeyId(enoch.name, new Uint8Array([1, ...enoch.publicKey]))).toBe(0xaf0cfe78);
    });
  });
});
