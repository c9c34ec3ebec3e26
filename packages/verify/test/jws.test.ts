// Compact JWS (RFC 7515) and JWK thumbprints (RFC 7638), signed here with Web Crypto and
// @noble/curves and checked by the package: every refusal names what is wrong.
import { toBase64Url, utf8 } from '@groundtruth/ledger';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it, vi } from 'vitest';
import {
  importJwsKey,
  JwsError,
  jwkThumbprint,
  jwsPayloadJson,
  jwsSignatureHolds,
  parseCompactJws,
  verifyCompactJws,
  verifyEd25519,
} from '../src/index.ts';

const b64json = (value: unknown) => toBase64Url(utf8.encode(JSON.stringify(value)));
const seed = new Uint8Array(32).map((_, i) => i + 1);
const edJwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(ed25519.getPublicKey(seed)) };

function edJws(header: Record<string, unknown>, payload: unknown): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${toBase64Url(ed25519.sign(utf8.encode(input), seed))}`;
}

async function es256(): Promise<{
  jwk: Record<string, unknown>;
  sign: (h: object, p: unknown) => Promise<string>;
}> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk: { kty, crv, x, y },
    sign: async (header, payload) => {
      const input = `${b64json(header)}.${b64json(payload)}`;
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        utf8.encode(input) as Uint8Array<ArrayBuffer>,
      );
      return `${input}.${toBase64Url(new Uint8Array(signature))}`;
    },
  };
}

describe('verifyCompactJws', () => {
  it('verifies EdDSA and ES256 and returns the header and JSON payload', async () => {
    const manifest = { subject: { kind: 'plot', id: 'p1' }, media: [] };
    expect(await verifyCompactJws(edJws({ alg: 'EdDSA', kid: 'k1' }, manifest), edJwk)).toEqual({
      header: { alg: 'EdDSA', kid: 'k1' },
      payload: manifest,
    });
    const ec = await es256();
    const jws = await ec.sign({ alg: 'ES256', kid: 'k2' }, manifest);
    expect((await verifyCompactJws(jws, ec.jwk)).payload).toEqual(manifest);
  });

  it('refuses a signature by another key, an altered payload and a swapped algorithm', async () => {
    const jws = edJws({ alg: 'EdDSA' }, { n: 1 });
    const other = { ...edJwk, x: toBase64Url(ed25519.getPublicKey(new Uint8Array(32).fill(9))) };
    await expect(verifyCompactJws(jws, other)).rejects.toThrow('the signature does not verify');
    const [h, , s] = jws.split('.');
    await expect(verifyCompactJws(`${h}.${b64json({ n: 2 })}.${s}`, edJwk)).rejects.toThrow(
      'the signature does not verify',
    );
    const ec = await es256();
    await expect(verifyCompactJws(jws, ec.jwk)).rejects.toThrow('an EdDSA key is an OKP Ed25519 JWK');
    const esJws = await ec.sign({ alg: 'ES256' }, { n: 1 });
    await expect(verifyCompactJws(esJws, edJwk)).rejects.toThrow('an ES256 key is an EC P-256 JWK');
    // A key of the other algorithm never checks a signature, even when handed over directly.
    const edKey = await importJwsKey(edJwk, 'EdDSA');
    expect(await jwsSignatureHolds(parseCompactJws(esJws), edKey)).toBe(false);
  });

  it('refuses an ES256 signature that is not 64 bytes of r ‖ s', async () => {
    const ec = await es256();
    const jws = await ec.sign({ alg: 'ES256' }, { n: 1 });
    const [h, p] = jws.split('.');
    const key = await importJwsKey(ec.jwk, 'ES256');
    expect(
      await jwsSignatureHolds(parseCompactJws(`${h}.${p}.${toBase64Url(new Uint8Array(63))}`), key),
    ).toBe(false);
    expect(await jwsSignatureHolds(parseCompactJws(jws), key)).toBe(true);
  });

  it('names what is malformed', async () => {
    const cases: [string, string][] = [
      ['a.b', 'not a compact JWS'],
      ['a.b.c.d', 'not a compact JWS'],
      ['!!.e30.AA', 'the protected header is not base64url'],
      [`${toBase64Url(utf8.encode('{'))}.e30.AA`, 'the protected header is not JSON'],
      [`${b64json([1])}.e30.AA`, 'not a JSON object'],
      [`${b64json({ alg: 'none' })}.e30.`, 'EdDSA or ES256'],
      [`${b64json({ alg: 'HS256' })}.e30.AA`, 'EdDSA or ES256'],
      [`${b64json({ alg: 'EdDSA', kid: 7 })}.e30.AA`, 'kid is not a string'],
      [`${b64json({ alg: 'EdDSA', crit: ['b64'], b64: false })}.e30.AA`, 'critical extensions'],
      [`${b64json({ alg: 'EdDSA' })}.e3=.AA`, 'the payload is not base64url'],
      [`${b64json({ alg: 'EdDSA' })}.e30.A+`, 'the signature is not base64url'],
    ];
    for (const [jws, message] of cases) {
      expect(() => parseCompactJws(jws), jws).toThrow(JwsError);
      expect(() => parseCompactJws(jws), jws).toThrow(message);
    }
    const notJson = parseCompactJws(`${b64json({ alg: 'EdDSA' })}.${toBase64Url(utf8.encode('nope'))}.AA`);
    expect(() => jwsPayloadJson(notJson)).toThrow('the signed payload is not JSON');
  });

  it('refuses keys that are not what the algorithm needs', async () => {
    await expect(importJwsKey({ kty: 'OKP', crv: 'Ed25519' }, 'EdDSA')).rejects.toThrow(
      'the key lacks its x',
    );
    await expect(importJwsKey({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, 'EdDSA')).rejects.toThrow(
      '32 bytes',
    );
    await expect(importJwsKey({ kty: 'OKP', crv: 'X25519', x: edJwk.x }, 'EdDSA')).rejects.toThrow(
      'OKP Ed25519',
    );
    const ec = await es256();
    await expect(importJwsKey({ ...ec.jwk, crv: 'P-384' }, 'ES256')).rejects.toThrow('EC P-256');
    await expect(importJwsKey({ ...ec.jwk, y: undefined }, 'ES256')).rejects.toThrow('the key lacks its y');
    await expect(importJwsKey({ ...ec.jwk, y: ec.jwk.x }, 'ES256')).rejects.toThrow('not a P-256 public key');
  });
});

describe('verifyEd25519', () => {
  const message = utf8.encode('checkpoint text\n');
  const signature = ed25519.sign(message, seed);
  const publicKey = ed25519.getPublicKey(seed);

  it('checks with Web Crypto, and with @noble/curves where Web Crypto is missing', async () => {
    expect(await verifyEd25519(publicKey, message, signature)).toBe(true);
    expect(await verifyEd25519(publicKey, utf8.encode('other\n'), signature)).toBe(false);
    // A key not imported before, on a platform without Web Crypto (a page outside a secure context).
    const otherSeed = new Uint8Array(32).fill(3);
    const otherKey = ed25519.getPublicKey(otherSeed);
    const signed = ed25519.sign(message, otherSeed);
    vi.stubGlobal('crypto', undefined);
    try {
      expect(await verifyEd25519(otherKey, message, signed)).toBe(true);
      expect(await verifyEd25519(otherKey, message, signature)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses keys and signatures of the wrong length', async () => {
    expect(await verifyEd25519(publicKey.subarray(1), message, signature)).toBe(false);
    expect(await verifyEd25519(publicKey, message, signature.subarray(1))).toBe(false);
  });
});

describe('jwkThumbprint (RFC 7638)', () => {
  it('gives the thumbprint of RFC 7638 §3.1', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    expect(jwkThumbprint({ kty: 'RSA', n, e: 'AQAB', alg: 'RS256', kid: '2011-04-29' })).toBe(
      'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    );
  });

  it('ignores optional members and refuses incomplete or unknown keys', () => {
    expect(jwkThumbprint({ ...edJwk, alg: 'EdDSA', use: 'sig' })).toBe(jwkThumbprint(edJwk));
    expect(jwkThumbprint(edJwk)).not.toBe(jwkThumbprint({ ...edJwk, x: toBase64Url(new Uint8Array(32)) }));
    expect(() => jwkThumbprint({ kty: 'OKP', crv: 'Ed25519' })).toThrow('lacks its x');
    expect(() => jwkThumbprint({ kty: 'oct', k: 'AA' })).toThrow('unknown key type');
  });
});
