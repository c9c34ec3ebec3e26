// RFC 7638 JWK thumbprints: a key's kid is SHA-256 over its required members, in lexicographic
// order, as JSON with no whitespace, then base64url. Synchronous (@noble/hashes) so a list of keys
// can be checked without awaiting each.
import { toBase64Url, utf8 } from '@groundtruth/ledger';
import { sha256 } from '@noble/hashes/sha2.js';

/** The required members per key type (RFC 7638 §3.2; OKP from RFC 8037 §2), already sorted. */
const REQUIRED: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
};

/** The base64url SHA-256 thumbprint of a public JWK; throws for an unknown type or a missing member. */
export function jwkThumbprint(jwk: Record<string, unknown>): string {
  const members = REQUIRED[jwk.kty as string];
  if (!members) throw new Error(`JWK thumbprint: unknown key type ${JSON.stringify(jwk.kty)}`);
  const parts = members.map((m) => {
    const value = jwk[m];
    if (typeof value !== 'string') throw new Error(`JWK thumbprint: the key lacks its ${m}`);
    return `${JSON.stringify(m)}:${JSON.stringify(value)}`;
  });
  return toBase64Url(sha256(utf8.encode(`{${parts.join(',')}}`)));
}
