// Passport credentials (issue 14 item 5, docs/decisions/0022): the service drafts a lot's passport as
// a UNTP Digital Product Passport credential from the claim its organisation published; the
// organisation signs it with one of its registered keys (its private key never comes here) and sends
// the JWS back; the service checks the signature and that the credential is exactly the draft, logs
// it, and serves it with the passport. Anyone verifies it with the organisation's did:web document.
import { jsonValue, type SqlExecutor } from '@groundtruth/db';
import { tradeItemPath } from '@groundtruth/digital-link';
import { canonicalJson, type JsonValue } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { organisationDid, passportCredential, VC_JWT_TYPE } from '../credential.ts';
import type { PassportLookup } from '../service.ts';

interface KeyRow {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  jwk: unknown;
}

export function createPassportCredentialService({
  db,
  writer,
  reader,
  access,
  passports,
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  passports: PassportLookup;
}) {
  /** The organisation's keys that may sign now (registered in the log, not revoked). */
  async function activeKeys(organisationId: string): Promise<KeyRow[]> {
    return db.query<KeyRow>(
      'SELECT kid, alg, jwk FROM organisation_keys WHERE organisation_id = $1 AND revoked_entry IS NULL ORDER BY kid',
      [organisationId],
    );
  }

  /** The lot's current claim and the credential drafted from it, for a caller who speaks for the product. */
  async function drafted(principal: Principal, batchId: string, base: string) {
    const [batch] = await db.query<{
      lot: string | null;
      gtin: string | null;
      organisation_id: string | null;
    }>(
      `SELECT b.lot, p.gtin, p.organisation_id FROM batches b LEFT JOIN products p ON p.id = b.product_id
        WHERE b.id = $1`,
      [batchId],
    );
    if (!batch?.organisation_id || !batch.gtin || !batch.lot) throw notFound('not found');
    const organisationId = batch.organisation_id;
    await access.requireVisible(principal, organisationId);
    if (principal.role !== 'admin' && !(await access.actsFor(principal, organisationId)))
      throw forbidden('only the product’s own organisation issues its passport credential');
    const passport = await passports.find(batch.gtin, batch.lot);
    if (!passport || passport.lot === false || !passport.claim)
      throw new AppError(
        'conflict',
        'this lot has no published claim yet: publish one (POST /v1/disclosures/publications) first',
      );
    const claim = passport.claim;
    const [issuer] = await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [
      organisationId,
    ]);
    // The leaf hash as the log's reader serves it (and proofs are built from it).
    const [leaf] = await reader.entries(BigInt(claim.entryIndex), 1);
    const credential = passportCredential({
      base,
      passport: { ...passport, lot: batch.lot, claim },
      issuer: { id: organisationId, name: issuer!.name },
      claimLeafHashHex: Buffer.from(leaf!.leafHash).toString('hex'),
      canonical: tradeItemPath({ gtin: batch.gtin, lot: batch.lot }),
    });
    return {
      organisationId,
      claim,
      credential,
      did: organisationDid(base, organisationId),
      gtin: batch.gtin,
      lot: batch.lot,
    };
  }

  async function draft(principal: Principal, batchId: string, base: string) {
    const { organisationId, claim, credential, did } = await drafted(principal, batchId, base);
    const keys = await activeKeys(organisationId);
    return {
      claimEntryIndex: claim.entryIndex,
      credential,
      protectedHeader: { typ: VC_JWT_TYPE, cty: 'vc' } as const,
      keys: keys.map((k) => ({ kid: `${did}#${k.kid}`, alg: k.alg })),
    };
  }

  async function issue(principal: Principal, batchId: string, base: string, jws: string) {
    const { organisationId, claim, credential, did, gtin, lot } = await drafted(principal, batchId, base);
    const refuse = (detail: string) =>
      badRequest('the signed credential cannot be accepted', [{ in: 'body', pointer: '/jws', detail }]);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      throw refuse('not a JWS in compact serialisation');
    }
    if (header.typ !== VC_JWT_TYPE) throw refuse(`the protected header's typ must be "${VC_JWT_TYPE}"`);
    const kid =
      typeof header.kid === 'string' && header.kid.startsWith(`${did}#`)
        ? header.kid.slice(did.length + 1)
        : undefined;
    const key = kid === undefined ? undefined : (await activeKeys(organisationId)).find((k) => k.kid === kid);
    if (!key)
      throw refuse(`kid must name one of the organisation's registered, unrevoked keys as ${did}#<kid>`);
    if (header.alg !== key.alg) throw refuse(`key ${kid} signs with ${key.alg}, not ${header.alg}`);
    let payload: Uint8Array;
    try {
      payload = (await compactVerify(jws, await importJWK(jsonValue<JWK>(key.jwk), key.alg))).payload;
    } catch {
      throw refuse(`the signature does not verify with key ${kid}`);
    }
    let signed: JsonValue;
    try {
      signed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as JsonValue;
    } catch {
      throw refuse('the payload is not UTF-8 JSON');
    }
    // The credential must say exactly what the log's claim says: our resolver serves it as the lot's passport.
    if (canonicalJson(signed) !== canonicalJson(credential))
      throw refuse(
        'the signed credential is not the one drafted for the lot’s current claim (GET it again and sign that)',
      );
    const [existing] = await db.query(
      'SELECT 1 FROM passport_credentials WHERE claim_entry = $1 AND jws = $2',
      [String(claim.entryIndex), jws],
    );
    if (existing) throw new AppError('conflict', 'this credential is already issued');
    const entryIndex = await appendRecord(writer, principal, {
      type: 'passport.credential_issued',
      subject: `batch:${batchId}`,
      body: {
        organisation: `organisation:${organisationId}`,
        batch: `batch:${batchId}`,
        claim: claim.entryIndex,
        kid: key.kid,
        jws,
      },
      conflict: 'this credential is already issued',
      // Checked again under the writer's lock: it may have been revoked since it was read above.
      signedBy: { organisationId, kid: key.kid },
    });
    return {
      entryIndex,
      claimEntryIndex: claim.entryIndex,
      url: `${base}/passport${tradeItemPath({ gtin, lot })}?format=vc`,
    };
  }

  /** The did:web document of an organisation: its signing keys. Undefined when it has none. */
  async function didDocumentKeys(organisationId: string) {
    const keys = await activeKeys(organisationId);
    return keys.map((k) => ({ kid: k.kid, jwk: jsonValue<JWK>(k.jwk) as { [key: string]: JsonValue } }));
  }

  return { draft, issue, didDocumentKeys };
}

export type PassportCredentialService = ReturnType<typeof createPassportCredentialService>;
