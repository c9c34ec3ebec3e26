// The log's key file: created once with mode 0600, read back the same, and its node:crypto note
// signer produces exactly the signatures of the browser-safe signer (RFC 8032 is deterministic), so
// checkpoints verify with the published verifier key whichever signer wrote them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEd25519Signer,
  createEd25519Verifier,
  encodeVerifierKey,
  openNote,
  signNote,
} from '@groundtruth/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { fileMode, loadEd25519Key, nodeNoteSigner } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'gt-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('log key file', () => {
  it('is created private and read back as the same key', () => {
    const path = join(dir, 'log.pem');
    const created = loadEd25519Key(path, { create: true });
    expect(created.created).toBe(true);
    expect(fileMode(path)).toBe(0o600);
    const again = loadEd25519Key(path, { create: false });
    expect(again.created).toBe(false);
    expect(Buffer.from(again.seed).equals(Buffer.from(created.seed))).toBe(true);
  });

  it('signs notes with node:crypto exactly as the pure signer does', () => {
    const key = loadEd25519Key(join(dir, 'signer.pem'), { create: true });
    const name = 'test.groundtruth.example/ledger';
    const fast = nodeNoteSigner(name, key);
    const pure = createEd25519Signer(name, key.seed);
    expect(fast.keyId).toBe(pure.keyId);
    for (const text of [
      'one\n',
      'test.groundtruth.example/ledger\n42\nq2b0V3Q0OMtlEwvq3o1Y3Zg4b8rmJ9e5ENn1ufk6b2k=\n',
    ]) {
      const note = signNote(text, [fast]);
      expect(note).toBe(signNote(text, [pure]));
      const verifier = createEd25519Verifier(encodeVerifierKey(name, fast.publicKey));
      expect(openNote(note, [verifier]).text).toBe(text);
    }
  });
});
