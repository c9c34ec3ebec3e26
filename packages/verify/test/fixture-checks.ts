// The checks every platform runs on the same fixtures (made by the real server, see
// tests/fixtures/verify-fixtures.ts): Node calls runFixtureChecks directly, the browser test runs the
// bundled copy of this module in Chromium with the same fixture JSON, and both answers must agree.
// Each case is a fixture as served or with one thing altered; the verdicts are compared by the
// tests against what each alteration must break.
import { fromBase64, toBase64 } from '@groundtruth/ledger';
import {
  type AttestationReceipt,
  compareTreeHeads,
  type EvidenceBundle,
  jwkThumbprint,
  sha256Hex,
  verifyCheckpoint,
  verifyEvidenceBundle,
  verifyReceipt,
} from '../src/index.ts';

export interface Fixtures {
  receipts: { eddsa: AttestationReceipt; es256: AttestationReceipt };
  bundle: EvidenceBundle;
  /** The bundle's media, base64 by digest. */
  media: Record<string, string>;
  /** The photo the attestations sign, base64. */
  photo: string;
  log: { verifierKey: string; older: { note: string }; newer: { note: string }; consistencyProof: string[] };
}

export interface CaseResult {
  ok: boolean;
  failures: string[];
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Flips one bit of a base64 string's decoded bytes at `at` (from the end when negative). */
function flipBase64(b64: string, at: number): string {
  const bytes = fromBase64(b64)!;
  const i = at < 0 ? bytes.length + at : at;
  bytes[i]! ^= 0x01;
  return toBase64(bytes);
}

/** Replaces one character of a compact JWS's signature part. */
function flipJwsSignature(jws: string): string {
  const last = jws.length - 10;
  return jws.slice(0, last) + (jws[last] === 'A' ? 'B' : 'A') + jws.slice(last + 1);
}

async function caught(fn: () => Promise<unknown>): Promise<CaseResult> {
  try {
    await fn();
    return { ok: true, failures: [] };
  } catch (error) {
    return { ok: false, failures: [(error as Error).message] };
  }
}

export async function runFixtureChecks(fx: Fixtures): Promise<Record<string, CaseResult>> {
  const key = fx.log.verifierKey;
  const photo = fromBase64(fx.photo)!;
  const photoDigest = await sha256Hex(photo);
  const held = [{ name: 'photo.jpg', sha256: photoDigest }];
  const results: Record<string, CaseResult> = {};
  const receipt = async (
    name: string,
    r: Partial<AttestationReceipt>,
    files = held,
    pinned: string | undefined = key,
  ) => {
    const verdict = await verifyReceipt(r, files, pinned);
    results[name] = { ok: verdict.ok, failures: verdict.failures };
  };

  await receipt('receipt EdDSA', fx.receipts.eddsa);
  await receipt('receipt ES256', fx.receipts.es256);
  const r = () => clone(fx.receipts.eddsa);
  await receipt('receipt: manifest altered', {
    ...r(),
    manifest: { ...r().manifest, device: 'another phone' },
  });
  await receipt('receipt: JWS signature altered', { ...r(), jws: flipJwsSignature(r().jws) });
  await receipt('receipt: entry bytes altered', {
    ...r(),
    entry: { ...r().entry, data: flipBase64(r().entry.data, -3) },
  });
  await receipt('receipt: disclosure altered', {
    ...r(),
    entry: {
      ...r().entry,
      disclosures: r().entry.disclosures!.map(
        (d) => `${d.slice(0, -2)}${d.endsWith('A') ? 'B' : 'A'}${d.slice(-1)}`,
      ),
    },
  });
  await receipt('receipt: inclusion proof altered', {
    ...r(),
    inclusionProof: {
      ...r().inclusionProof,
      proof: r().inclusionProof.proof.map((p, i) => (i === 0 ? flipBase64(p, 0) : p)),
    },
  });
  await receipt('receipt: checkpoint altered', {
    ...r(),
    checkpoint: r().checkpoint.replace(/\n(\d+)\n/, (_, n) => `\n${Number(n) + 1}\n`),
  });
  await receipt('receipt: ES256 key swapped in', {
    ...r(),
    jwk: fx.receipts.es256.jwk,
    kid: fx.receipts.es256.kid,
  });
  const es = fx.receipts.es256;
  await receipt("receipt: another attestation's JWS", {
    ...r(),
    jws: es.jws,
    jwk: es.jwk,
    kid: es.kid,
    manifest: es.manifest,
  });
  await receipt('receipt: another file', r(), [
    { name: 'other.jpg', sha256: await sha256Hex(new Uint8Array([1, 2, 3])) },
  ]);
  await receipt(
    'receipt: pinned to another log',
    r(),
    held,
    'someone.else+00000000+AXfEQzzo/sMB5b/WNL/59pGx0Whzl8VzFnp7txyGbVl4',
  );

  const media = (digest: string) => (fx.media[digest] ? fromBase64(fx.media[digest]) : undefined);
  const bundle = async (name: string, b: EvidenceBundle, m = media, trustedKey?: string) => {
    const verdict = await verifyEvidenceBundle(b, m, { trustedKey });
    // Failures are the ✗ lines and the bundle-level refusals; attestation headers and notes are not.
    const failures = verdict.lines.filter(
      (l) => l.includes('✗') || /^bundle: |is missing from the bundle/.test(l),
    );
    results[name] = { ok: verdict.ok, failures };
  };
  await bundle('bundle', fx.bundle, media, key);
  await bundle('bundle: media byte flipped', fx.bundle, (d) => {
    const bytes = media(d);
    if (bytes) bytes[bytes.length - 1]! ^= 0x01;
    return bytes;
  });
  await bundle('bundle: media missing', fx.bundle, () => undefined);
  await bundle('bundle: pinned to another log', fx.bundle, media, 'someone.else+00000000+AAAA');

  results['checkpoint older'] = await caught(() => verifyCheckpoint(fx.log.older.note, key));
  results['checkpoint newer'] = await caught(() => verifyCheckpoint(fx.log.newer.note, key));
  results['checkpoint: root altered'] = await caught(() =>
    verifyCheckpoint(
      fx.log.newer.note.replace(
        /\n([A-Za-z0-9+/]{43}=)\n/,
        (_, root: string) => `\n${flipBase64(root, 0)}\n`,
      ),
      key,
    ),
  );
  const older = await verifyCheckpoint(fx.log.older.note, key);
  const newer = await verifyCheckpoint(fx.log.newer.note, key);
  const proof = fx.log.consistencyProof.map((p) => fromBase64(p)!);
  const relation = (older_: typeof older, newer_: typeof newer, p: Uint8Array[]): CaseResult => {
    const c = compareTreeHeads(older_, newer_, p);
    return c.ok ? { ok: true, failures: [] } : { ok: false, failures: [c.problem] };
  };
  results.consistency = relation(older, newer, proof);
  results['consistency: proof altered'] = relation(
    older,
    newer,
    proof.map((h, i) => (i === 1 ? fromBase64(flipBase64(toBase64(h), 5))! : h)),
  );
  results['consistency: log shrank'] = relation(newer, older, []);

  results.thumbprints = {
    ok: [fx.receipts.eddsa, fx.receipts.es256].every((x) => jwkThumbprint(x.jwk) === x.kid),
    failures: [],
  };
  return results;
}
