// Bearer tokens: JWTs signed by the service with its Ed25519 key (EdDSA), checked with jose.
import type { KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export const ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_AUDIENCE = 'groundtruth-api';

export interface Principal {
  /** Who: `user:<id>` or a free-form operator name. */
  subject: string;
  role: Role;
  /** The organisation the user acts for (brand, supplier, auditor), when the role needs one. */
  organisationId?: string;
  /** Token id of a per-user token (revocable); operator tokens from `gt token` have none. */
  tokenId?: string;
  /** When the token expires (ms since the epoch): a token it issues must not outlive it. */
  expiresAt?: number;
}

const Claims = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(ROLES),
  org: z.string().min(1).max(200).optional(),
  jti: z.uuid().optional(),
});

export interface TokenKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  issuer: string;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

export async function mintToken(
  keys: TokenKeys,
  claims: {
    subject: string;
    role: Role;
    organisationId?: string | undefined;
    /** Lifetime like `12h`, or an absolute expiry in seconds since the epoch. */
    ttl: string | { expiresAtSeconds: number };
    tokenId?: string;
  },
): Promise<string> {
  const jwt = new SignJWT({
    role: claims.role,
    ...(claims.organisationId ? { org: claims.organisationId } : {}),
  });
  if (claims.tokenId) jwt.setJti(claims.tokenId);
  return jwt
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(keys.issuer)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof claims.ttl === 'string' ? claims.ttl : claims.ttl.expiresAtSeconds)
    .sign(keys.privateKey);
}

/** Verifies a bearer token: EdDSA only (no `none`, no HMAC), our issuer and audience, unexpired. */
export async function verifyToken(keys: TokenKeys, token: string): Promise<Principal> {
  return (await verifyTokenUntil(keys, token)).principal;
}

/**
 * verifyToken with a memory of tokens already verified, until each expires. The signature check is
 * most of what authenticating a request costs, and clients send the same token many times. Bounded
 * (the oldest entry goes first); revocation of per-user tokens is still asked on every request.
 */
export function createTokenVerifier(keys: TokenKeys, max = 10_000): (token: string) => Promise<Principal> {
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAt) return known.principal;
    verified.delete(token);
    const result = await verifyTokenUntil(keys, token);
    if (verified.size >= max) verified.delete(verified.keys().next().value!);
    verified.set(token, result);
    return result.principal;
  };
}

async function verifyTokenUntil(
  keys: TokenKeys,
  token: string,
): Promise<{ principal: Principal; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: ['EdDSA'],
      issuer: keys.issuer,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 5,
    });
    const claims = Claims.parse(payload);
    const principal: Principal = {
      subject: claims.sub,
      role: claims.role,
      ...(claims.org ? { organisationId: claims.org } : {}),
      ...(claims.jti ? { tokenId: claims.jti } : {}),
      expiresAt: payload.exp! * 1000,
    };
    // exp is required above; the cache stops at it, without the verifier's clock tolerance.
    return { principal: Object.freeze(principal), expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('token expired');
    if (error instanceof joseErrors.JOSEError) throw new TokenError(`invalid token: ${error.code}`);
    if (error instanceof z.ZodError) throw new TokenError('invalid token claims');
    throw error;
  }
}
