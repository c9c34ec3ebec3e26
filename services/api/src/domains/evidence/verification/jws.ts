// The checks of a signed JWS (an attestation's manifest, an auditor's statement) against the keys
// organisations registered: the compact form parsed by the one verifier (@groundtruth/verify,
// decision 0015) so the service reads a JWS exactly as the projectors and offline verifiers do; the
// signature checked with node:crypto (below, why).
import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import { type CompactJws, JwsError, jwsPayloadJson, parseCompactJws } from '@groundtruth/verify';
import { badRequest } from '../../../errors.ts';
import type { KeyStore, RegisteredKey } from '../keys/store.ts';

/** A parsed compact JWS that names its key. */
export interface SignedJws {
  alg: 'EdDSA' | 'ES256';
  kid: string;
  compact: CompactJws;
}

/** A refusal of a signed submission, pointing at what is wrong with it. */
export const refuse = (pointer: string, detail: string) =>
  badRequest(`refused: ${detail}`, [{ in: 'body', pointer, detail }]);

/** Parses a compact JWS; refuses one that is malformed or does not name its key (kid). */
export function parseSigned(jws: string): SignedJws {
  let compact: CompactJws;
  try {
    compact = parseCompactJws(jws);
  } catch (error) {
    if (error instanceof JwsError) throw refuse('/jws', error.message);
    throw error;
  }
  const { alg, kid } = compact.header;
  if (typeof kid !== 'string') throw refuse('/jws', 'the JWS header must name the key (kid)');
  return { alg, kid, compact };
}

/** The JWS payload as JSON, whether or not its signature has been checked yet. */
export function payloadOf(signed: SignedJws): unknown {
  try {
    return jwsPayloadJson(signed.compact);
  } catch (error) {
    if (error instanceof JwsError) throw refuse('/jws', error.message);
    throw error;
  }
}

/** The registered key a JWS names, if it may still sign with the JWS's algorithm. */
export function usableKey(signed: SignedJws, key: RegisteredKey | undefined): RegisteredKey {
  if (!key) throw refuse('/jws', `key ${signed.kid} is not registered`);
  if (key.revoked) throw refuse('/jws', `key ${signed.kid} was revoked`);
  if (key.alg !== signed.alg)
    throw refuse('/jws', `key ${signed.kid} signs with ${key.alg}, not ${signed.alg}`);
  return key;
}

export function createJwsChecks(keys: KeyStore) {
  /** Public keys as node:crypto objects, by kid: a JWK is parsed once, not once per signature. */
  const publicKeys = new Map<string, KeyObject>();
  function publicKeyOf(key: RegisteredKey): KeyObject {
    let object = publicKeys.get(key.kid);
    if (!object) {
      object = createPublicKey({ key: key.jwk as Record<string, string>, format: 'jwk' });
      publicKeys.set(key.kid, object);
    }
    return object;
  }

  /**
   * RFC 7515 compact JWS: verifies the signing input against the signature, EdDSA or ES256. This is
   * the one signature check that does not go through @groundtruth/verify (decision 0015): on this
   * hot path node:crypto's callback form measured faster than Web Crypto's verify. With a
   * callback, node:crypto verifies on libuv's thread pool: a batch of a thousand signatures (about
   * 0.1 ms each) runs on every core instead of holding the event loop for a tenth of a second.
   */
  function signatureHolds(signed: SignedJws, key: KeyObject): Promise<boolean> {
    const { signingInput, signature } = signed.compact;
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, valid: boolean) => (error ? reject(error) : resolve(valid));
      if (signed.alg === 'EdDSA') verifySignature(null, signingInput, key, signature, done);
      else verifySignature('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature, done);
    });
  }

  /** Refuses the JWS unless its signature holds with the (usable) key it names. */
  async function requireSignature(signed: SignedJws, key: RegisteredKey) {
    if (!(await signatureHolds(signed, publicKeyOf(key))))
      throw refuse('/jws', 'the signature does not verify with the registered key');
  }

  /**
   * A compact JWS by a registered, unrevoked key: its key and parsed JSON payload. `authorise` runs
   * once the key is known and before the signature is checked, so a caller without the right learns
   * nothing about the signature.
   */
  async function verifySigned(jws: string, authorise?: (key: RegisteredKey) => Promise<void>) {
    const signed = parseSigned(jws);
    const [registered] = await keys.byKids([signed.kid]);
    const key = usableKey(signed, registered);
    await authorise?.(key);
    await requireSignature(signed, key);
    return { key, kid: signed.kid, payload: payloadOf(signed) };
  }

  return { requireSignature, verifySigned };
}

export type JwsChecks = ReturnType<typeof createJwsChecks>;
