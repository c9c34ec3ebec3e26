// RFC 7515 compact JWS, the form suppliers and auditors sign manifests and statements in: EdDSA
// (Ed25519, RFC 8037) or ES256 (ECDSA P-256 with SHA-256, signature as r ‖ s). Parsing is
// synchronous and strict; the signature check is Web Crypto's.
import { fromBase64Url, utf8 } from '@groundtruth/ledger';
import { verifyEd25519 } from './ed25519.ts';

export type JwsAlgorithm = 'EdDSA' | 'ES256';
export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = ['EdDSA', 'ES256'];

export class JwsError extends Error {
  override name = 'JwsError';
}

export interface JwsHeader {
  alg: JwsAlgorithm;
  kid?: string;
  [member: string]: unknown;
}

export interface CompactJws {
  header: JwsHeader;
  /** The payload bytes (not yet trusted: check the signature first). */
  payload: Uint8Array;
  /** `BASE64URL(header) '.' BASE64URL(payload)` as ASCII bytes: what was signed. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

function decodeJson(part: string, what: string): unknown {
  const bytes = fromBase64Url(part);
  if (!bytes) throw new JwsError(`the ${what} is not base64url`);
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new JwsError(`the ${what} is not JSON`);
  }
}

/** Splits and decodes a compact JWS; throws JwsError naming what is malformed. */
export function parseCompactJws(jws: string): CompactJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new JwsError('not a compact JWS (three base64url parts)');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart, 'protected header');
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new JwsError('the protected header is not a JSON object');
  const { alg, kid, crit } = header as Record<string, unknown>;
  if (!JWS_ALGORITHMS.includes(alg as JwsAlgorithm))
    throw new JwsError('the JWS must be signed with EdDSA or ES256');
  if (kid !== undefined && typeof kid !== 'string') throw new JwsError('the header kid is not a string');
  // RFC 7515 §4.1.11: a recipient must understand every critical extension; this one knows none.
  if (crit !== undefined)
    throw new JwsError('the header names critical extensions this verifier does not know');
  const payload = fromBase64Url(payloadPart);
  if (!payload) throw new JwsError('the payload is not base64url');
  const signature = fromBase64Url(signaturePart);
  if (!signature) throw new JwsError('the signature is not base64url');
  return {
    header: header as JwsHeader,
    payload,
    signingInput: utf8.encode(`${headerPart}.${payloadPart}`),
    signature,
  };
}

/** The payload as JSON, whether or not the signature has been checked. */
export function jwsPayloadJson(jws: CompactJws): unknown {
  try {
    return JSON.parse(utf8.decode(jws.payload));
  } catch {
    throw new JwsError('the signed payload is not JSON');
  }
}

/** A public key ready to check signatures of one algorithm. */
export type JwsKey = { alg: 'EdDSA'; publicKey: Uint8Array } | { alg: 'ES256'; key: CryptoKey };

const str = (jwk: Record<string, unknown>, member: string): string => {
  const value = jwk[member];
  if (typeof value !== 'string') throw new JwsError(`the key lacks its ${member}`);
  return value;
};

/** Imports a public JWK for `alg`: OKP/Ed25519 for EdDSA, EC/P-256 for ES256. */
export async function importJwsKey(jwk: Record<string, unknown>, alg: JwsAlgorithm): Promise<JwsKey> {
  if (alg === 'EdDSA') {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new JwsError('an EdDSA key is an OKP Ed25519 JWK');
    const publicKey = fromBase64Url(str(jwk, 'x'));
    if (publicKey?.length !== 32) throw new JwsError('an Ed25519 public key is 32 bytes');
    return { alg, publicKey };
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new JwsError('an ES256 key is an EC P-256 JWK');
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new JwsError('this platform has no Web Crypto (a page outside a secure context?)');
  try {
    const key = await subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: str(jwk, 'x'), y: str(jwk, 'y') },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return { alg, key };
  } catch (error) {
    if (error instanceof JwsError) throw error;
    throw new JwsError('the key is not a P-256 public key');
  }
}

/** Whether the signature holds for the key; the key's algorithm must be the header's. */
export async function jwsSignatureHolds(jws: CompactJws, key: JwsKey): Promise<boolean> {
  if (jws.header.alg !== key.alg) return false;
  if (key.alg === 'EdDSA') return verifyEd25519(key.publicKey, jws.signingInput, jws.signature);
  // ES256's signature is the 64-byte r ‖ s (RFC 7518 §3.4), the form Web Crypto takes.
  if (jws.signature.length !== 64) return false;
  return globalThis.crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key.key,
    jws.signature as Uint8Array<ArrayBuffer>,
    jws.signingInput as Uint8Array<ArrayBuffer>,
  );
}

/**
 * Verifies a compact JWS with a public JWK and returns its header and JSON payload; throws JwsError
 * naming the failure (malformed, wrong key type, bad signature, payload not JSON).
 */
export async function verifyCompactJws(
  jws: string,
  jwk: Record<string, unknown>,
): Promise<{ header: JwsHeader; payload: unknown }> {
  const parsed = parseCompactJws(jws);
  const key = await importJwsKey(jwk, parsed.header.alg);
  if (!(await jwsSignatureHolds(parsed, key))) throw new JwsError('the signature does not verify');
  return { header: parsed.header, payload: jwsPayloadJson(parsed) };
}
