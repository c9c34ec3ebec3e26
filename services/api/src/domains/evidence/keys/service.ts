// Organisations' signing keys: the public halves suppliers sign attestations with and auditors sign
// statements with, each registered and revoked by a ledger entry (projected in
// projections/evidence.ts), named by its RFC 7638 thumbprint.
import { createPublicKey } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { jwkThumbprint } from '@groundtruth/verify';
import type { JWK } from 'jose';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { createKeyStore, type RegisteredKey } from './store.ts';

const ALGORITHMS = { OKP: { crv: 'Ed25519', alg: 'EdDSA' }, EC: { crv: 'P-256', alg: 'ES256' } } as const;

/** A key as the API describes it. */
const described = ({ kid, alg, jwk, organisationId, entryIndex, revoked }: RegisteredKey) => ({
  kid,
  alg: alg as 'EdDSA' | 'ES256',
  jwk,
  organisationId,
  entryIndex,
  revoked,
});

export function createKeyService(deps: { db: Database; writer: LedgerWriter; access: Access }) {
  const { writer, access } = deps;
  const store = createKeyStore(deps.db);

  /**
   * Who manages an organisation's signing keys: whoever may write its records, and an auditor for its
   * own organisation (auditors write nothing else, but sign their statements with their own keys).
   */
  async function requireKeyHolder(principal: Principal, organisationId: string) {
    if (principal.role === 'auditor' && principal.organisationId === organisationId) return;
    await access.requireWritable(principal, organisationId);
  }

  async function registerKey(principal: Principal, organisationId: string, jwk: JWK) {
    await requireKeyHolder(principal, organisationId);
    if ('d' in jwk || 'p' in jwk || 'q' in jwk)
      throw badRequest('that is a private key: register only the public half', [
        { in: 'body', pointer: '/jwk/d', detail: 'must not be present' },
      ]);
    const expected = ALGORITHMS[jwk.kty as keyof typeof ALGORITHMS];
    if (!expected || jwk.crv !== expected.crv)
      throw badRequest('keys are Ed25519 (kty OKP) or P-256 (kty EC)', [
        { in: 'body', pointer: '/jwk/crv', detail: 'must be Ed25519 with kty OKP, or P-256 with kty EC' },
      ]);
    if (typeof jwk.x !== 'string' || (jwk.kty === 'EC' && typeof jwk.y !== 'string'))
      throw badRequest('the key lacks its public coordinates', [
        { in: 'body', pointer: '/jwk/x', detail: 'required (and y for P-256)' },
      ]);
    const publicJwk: JWK =
      jwk.kty === 'OKP'
        ? { kty: 'OKP', crv: jwk.crv, x: jwk.x }
        : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y as string };
    try {
      createPublicKey({ key: publicJwk as Record<string, string>, format: 'jwk' });
    } catch (error) {
      throw badRequest(`not a valid ${expected.crv} public key: ${(error as Error).message}`, [
        { in: 'body', pointer: '/jwk/x', detail: 'not a valid public key' },
      ]);
    }
    // The kid is the RFC 7638 thumbprint, by the function every verifier checks it with.
    const kid = jwkThumbprint(publicJwk as Record<string, unknown>);
    const entryIndex = await appendRecord(writer, principal, {
      type: 'key.registered',
      subject: `organisation:${organisationId}`,
      body: { kid, alg: expected.alg, jwk: publicJwk as JsonValue },
      conflict: 'this key is already registered',
    });
    return { kid, alg: expected.alg, jwk: publicJwk, organisationId, entryIndex, revoked: false };
  }

  async function revokeKey(principal: Principal, organisationId: string, kid: string) {
    await requireKeyHolder(principal, organisationId);
    const key = await store.ofOrganisation(organisationId, kid);
    if (!key) throw notFound(`no key ${kid} for organisation ${organisationId}`);
    if (key.revoked) throw new AppError('conflict', 'this key is already revoked');
    await appendRecord(writer, principal, {
      type: 'key.revoked',
      subject: `organisation:${organisationId}`,
      body: { kid },
      conflict: 'this key is already revoked',
    });
  }

  async function keys(principal: Principal, organisationId: string) {
    await access.requireVisible(principal, organisationId);
    return (await store.listed(organisationId)).map(described);
  }

  return { registerKey, revokeKey, keys };
}

export type KeyService = ReturnType<typeof createKeyService>;
