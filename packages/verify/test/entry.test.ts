// Entry bytes and disclosures, and what an attestation's verdict notes besides its checks.
import { canonicalJsonBytes, commitEntry, fromBase64, toBase64, utf8 } from '@groundtruth/ledger';
import { describe, expect, it } from 'vitest';
import { checkAttestation, nameOf, openEntry, standingOf } from '../src/index.ts';
import { loadFixtures } from './load-fixtures.ts';

const envelope = {
  type: 'attestation.recorded',
  version: 1,
  at: '2026-12-04T00:00:00.000Z',
  actor: 'user:x',
  subject: 'plot:p1',
  body: { attestation: 'attestation:a1', organisation: 'organisation:o1', kid: 'k1', jws: 'a.b.c' },
};

describe('openEntry', () => {
  it('reveals a committed body from its disclosures, and reads a legacy body in the clear', () => {
    const committed = commitEntry(envelope);
    const data = canonicalJsonBytes(committed.entry as never);
    const opened = openEntry(
      data,
      committed.disclosures.map((d) => d.disclosure),
    );
    expect(opened.failures).toEqual([]);
    expect(opened.body).toEqual(envelope.body);
    expect(opened.entry?.body).not.toHaveProperty('jws');
    // Without the disclosure the JWS stays hidden; the rest of the body is there.
    expect(openEntry(data).body).toEqual({ ...envelope.body, jws: undefined });
    expect(openEntry(canonicalJsonBytes(envelope)).body).toEqual(envelope.body);
  });

  it('names bytes that are not canonical JSON, not JSON, or disclosures that do not match', () => {
    expect(openEntry(utf8.encode(JSON.stringify(envelope, null, 1))).failures).toEqual([
      'entry: the bytes are not canonical JSON',
    ]);
    expect(openEntry(utf8.encode('{"a":')).failures).toEqual(['entry: the bytes are not JSON']);
    expect(openEntry(utf8.encode('[1]')).failures).toEqual(['entry: the bytes are not JSON']);
    expect(openEntry(new Uint8Array([0xff])).failures).toEqual(['entry: the bytes are not JSON']);
    const other = commitEntry(envelope).disclosures.map((d) => d.disclosure);
    const data = canonicalJsonBytes(commitEntry(envelope).entry as never);
    expect(openEntry(data, other).failures[0]).toMatch(/^entry: a disclosure does not match the entry: /);
    expect(openEntry(canonicalJsonBytes({ ...envelope, body: 'text' })).body).toBeUndefined();
  });
});

describe('checkAttestation notes and standing', () => {
  it('notes a withdrawal, a revoked key and auditors, and says what stops a script', async () => {
    const { bundle } = await loadFixtures();
    const attestation = bundle.attestations.find((a) => a.statements.length > 0)!;
    expect(standingOf(attestation)).toBeUndefined();
    const verdict = await checkAttestation(
      { ...attestation, withdrawn: { reason: 'wrong plot', entryIndex: 40 }, keyRevoked: true },
      bundle,
    );
    expect(verdict.ok).toBe(true);
    const s = attestation.statements[0]!;
    expect(verdict.notes).toEqual([
      'withdrawn by the supplier (entry 40): wrong plot',
      'the signing key has since been revoked',
      `auditor ${s.organisationName} (${s.organisationId}): ${s.verdict} (entry ${s.entryIndex}): ${s.note}`,
    ]);
    expect(standingOf({ ...attestation, withdrawn: { reason: 'r', entryIndex: 1 } })).toBe('WITHDRAWN');
    for (const v of ['disputed', 'fake'])
      expect(standingOf({ ...attestation, statements: [{ ...s, verdict: v }] })).toBe('DISPUTED');
    expect(nameOf(undefined, 'o1')).toBe('o1');
  });

  it('checks media bytes against their digest and the manifest', async () => {
    const { bundle, media } = await loadFixtures();
    const attestation = bundle.attestations[0]!;
    const [digest, b64] = Object.entries(media)[0]!;
    const bytes = fromBase64(b64)!;
    expect((await checkAttestation(attestation, bundle, new Map([[digest, bytes]]))).failures).toEqual([]);
    const unlisted = new Uint8Array([1, 2, 3]);
    const unlistedDigest = '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81';
    expect(
      (await checkAttestation(attestation, bundle, new Map([[unlistedDigest, unlisted]]))).failures,
    ).toEqual([`manifest: does not list media ${unlistedDigest.slice(0, 12)}…`]);
    expect(
      (await checkAttestation(attestation, bundle, new Map([[digest, digest.replace(/^./, '0')]]))).ok,
    ).toBe(false);
    const notBase64 = { ...attestation, entry: { ...attestation.entry, data: `${toBase64(bytes)}!` } };
    expect((await checkAttestation(notBase64, bundle)).failures).toContain(
      'entry: the entry bytes are not base64',
    );
  });
});
