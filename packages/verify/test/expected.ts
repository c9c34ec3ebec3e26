// What each fixture case must give, on every platform: the untouched fixtures verify, and each
// alteration fails naming the check that caught it.
import { expect } from 'vitest';
import type { CaseResult } from './fixture-checks.ts';

export const EXPECTED: Record<string, RegExp | 'ok'> = {
  'receipt EdDSA': 'ok',
  'receipt ES256': 'ok',
  'receipt: manifest altered': /^manifest: the manifest shown is not the one signed$/,
  'receipt: JWS signature altered':
    /signature: the JWS does not verify with the supplier's key \(the signature does not verify\)/,
  'receipt: entry bytes altered': /^leaf hash: the entry bytes hash to/,
  'receipt: disclosure altered': /^entry: a disclosure does not match the entry/,
  'receipt: inclusion proof altered': /^inclusion proof: entry \d+ does not lead to the checkpoint's root$/,
  'receipt: checkpoint altered':
    /^checkpoint: checkpoint signature: invalid signature for key test\.groundtruth\.example\/ledger\+[0-9a-f]{8}$/,
  'receipt: ES256 key swapped in': /signature: the JWS does not verify/,
  "receipt: another attestation's JWS": /^entry: the ledger entry does not record this JWS$/,
  'receipt: another file':
    /^file: other\.jpg \(sha256 [0-9a-f]{64}\) is not among the media the signed manifest lists$/,
  'receipt: pinned to another log': /^checkpoint: /,
  bundle: 'ok',
  'bundle: media byte flipped': /✗ media [0-9a-f]{12}…: the bytes hash to/,
  'bundle: media missing': /media [0-9a-f]{12}… is missing from the bundle/,
  'bundle: pinned to another log': /^bundle: signed by another log key than the one pinned$/,
  'checkpoint older': 'ok',
  'checkpoint newer': 'ok',
  'checkpoint: root altered': /^checkpoint signature: invalid signature for key /,
  consistency: 'ok',
  'consistency: proof altered': /^inconsistent$/,
  'consistency: log shrank': /^shrank$/,
  thumbprints: 'ok',
};

/** Every case present, each as expected. */
export function expectVerdicts(results: Record<string, CaseResult>): void {
  expect(Object.keys(results).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const [name, want] of Object.entries(EXPECTED)) {
    const got = results[name]!;
    if (want === 'ok') expect(got, name).toEqual({ ok: true, failures: [] });
    else {
      expect(got.ok, name).toBe(false);
      expect(
        got.failures.some((f) => want.test(f)),
        `${name}: ${JSON.stringify(got.failures)}`,
      ).toBe(true);
    }
  }
}
