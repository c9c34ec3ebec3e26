// Reality-snapshot evidence: media uploads into the content-addressed store, supplier signing keys,
// and attestations (a compact JWS by a registered key over a manifest naming stored media). An
// accepted attestation is a ledger entry; its receipt carries everything needed to check it later
// without this server: entry index, leaf hash, signed checkpoint and inclusion proof.
import {
  createHash,
  createPublicKey,
  type KeyObject,
  randomUUID,
  verify as verifySignature,
} from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database } from '@groundtruth/db';
import {
  BlobRefusedError,
  type BlobStore,
  BlobTooLargeError,
  captureMetadata,
  sniffMedia,
} from '@groundtruth/evidence';
import { type JsonValue, toBase64 } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { AttestationManifest, AuditorStatement } from '@groundtruth/schemas';
import { jwkThumbprint } from '@groundtruth/verify';
import { decodeProtectedHeader, type JWK } from 'jose';
import type { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, fieldErrors, forbidden, notFound } from '../../../errors.ts';
import { appendRecord, appendRecordsWithReceipt, type RecordSpec } from '../../../record.ts';
import { coveringResolution } from '../../massbalance/mass-balance/resolutions.ts';

export interface EvidenceBlob {
  sha256: string;
  size: number;
  kind: string;
  mediaType: string;
  format: string;
  metadata: Record<string, unknown>;
}

interface BlobRow {
  sha256: string;
  size: string | number;
  kind: string;
  media_type: string;
  format: string;
  metadata: Record<string, unknown> | string;
}
const toBlob = (r: BlobRow): EvidenceBlob => ({
  sha256: r.sha256,
  size: Number(r.size),
  kind: r.kind,
  mediaType: r.media_type,
  format: r.format,
  metadata: typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata,
});

const ALGORITHMS = { OKP: { crv: 'Ed25519', alg: 'EdDSA' }, EC: { crv: 'P-256', alg: 'ES256' } } as const;

/** The most attestations checked and appended together, by the batch endpoint or grouped singles. */
export const MAX_ATTESTATION_BATCH = 1000;

export function createEvidenceService(deps: {
  db: Database;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  store: BlobStore;
  maxBytes: number;
  /** The log's C2SP verifier key, handed out with evidence so it can be checked offline. */
  logKey: string;
  /**
   * Runs once attestations are recorded (the evidence plausibility rules). It never refuses: its
   * findings are shown with the attestation, and a failure of its own is the caller's to log.
   */
  afterAttested?: (principal: Principal, attestationIds: string[]) => Promise<void>;
}) {
  const { db, writer, reader, access, store, maxBytes } = deps;

  const organisationOf = (principal: Principal) => {
    if (!principal.organisationId)
      throw forbidden('evidence is uploaded for an organisation: use a token that names one');
    return principal.organisationId;
  };

  async function upload(
    principal: Principal,
    body: Readable,
    declared: { kind?: 'splat' | 'ksplat'; contentLength?: number },
  ): Promise<{ blob: EvidenceBlob; created: boolean }> {
    const organisationId = organisationOf(principal);
    if (declared.contentLength !== undefined && declared.contentLength > maxBytes)
      throw new AppError(
        'payload_too_large',
        `the upload is ${declared.contentLength} bytes; the limit is ${maxBytes}`,
      );
    let stored: Awaited<ReturnType<BlobStore['put']>>;
    try {
      // Judged by its bytes before it is placed: a refused upload never enters the store.
      stored = await store.put(body, {
        maxBytes,
        accept: (head, size) => sniffMedia(head, size, declared.kind) !== undefined,
      });
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw new AppError('payload_too_large', error.message);
      if (error instanceof BlobRefusedError)
        throw new AppError(
          'unsupported_media_type',
          'not a supported media file: the bytes are not JPEG, PNG, HEIC, MP4, MOV, PLY, SPZ or GLB ' +
            '(name .splat and .ksplat files with ?kind= or Content-Type model/x-splat, model/x-ksplat)',
        );
      throw error;
    }
    const type = sniffMedia(stored.head, stored.size, declared.kind)!;
    const metadata = await captureMetadata(type, stored.head, stored.size, store.localPath(stored.sha256));
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO evidence_blobs (sha256, size, kind, media_type, format, metadata) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (sha256) DO NOTHING`,
        [stored.sha256, stored.size, type.kind, type.mediaType, type.format, JSON.stringify(metadata)],
      );
      await tx.query(
        `INSERT INTO evidence_uploads (sha256, organisation_id, uploaded_by) VALUES ($1, $2, $3)
         ON CONFLICT (sha256, organisation_id) DO NOTHING`,
        [stored.sha256, organisationId, principal.subject],
      );
    });
    const [row] = await db.query<BlobRow>('SELECT * FROM evidence_blobs WHERE sha256 = $1', [stored.sha256]);
    return { blob: toBlob(row!), created: stored.created };
  }

  /** A blob is visible to whoever can see an organisation that uploaded it. */
  async function blob(principal: Principal, sha256: string): Promise<EvidenceBlob> {
    const [row] = await db.query<BlobRow>('SELECT * FROM evidence_blobs WHERE sha256 = $1', [sha256]);
    if (!row) throw notFound(`no evidence ${sha256}`);
    const visible = await access.visibleOrganisations(principal);
    if (visible !== 'all') {
      const [seen] = await db.query(
        'SELECT 1 FROM evidence_uploads WHERE sha256 = $1 AND organisation_id = ANY($2::uuid[]) LIMIT 1',
        [sha256, visible],
      );
      if (!seen) throw notFound(`no evidence ${sha256}`);
    }
    return toBlob(row);
  }

  async function content(principal: Principal, sha256: string) {
    const meta = await blob(principal, sha256);
    const stream = await store.open(sha256);
    if (!stream) throw notFound(`the bytes of ${sha256} are missing from the store`);
    return { meta, stream };
  }

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
      project: async (tx, index) => {
        await tx.query(
          `INSERT INTO organisation_keys (kid, organisation_id, alg, jwk, entry_index) VALUES ($1, $2, $3, $4::jsonb, $5)`,
          [kid, organisationId, expected.alg, JSON.stringify(publicJwk), index.toString()],
        );
      },
    });
    return { kid, alg: expected.alg, jwk: publicJwk, organisationId, entryIndex, revoked: false };
  }

  async function revokeKey(principal: Principal, organisationId: string, kid: string) {
    await requireKeyHolder(principal, organisationId);
    const [key] = await db.query<{ revoked_at: unknown }>(
      'SELECT revoked_at FROM organisation_keys WHERE kid = $1 AND organisation_id = $2',
      [kid, organisationId],
    );
    if (!key) throw notFound(`no key ${kid} for organisation ${organisationId}`);
    if (key.revoked_at) throw new AppError('conflict', 'this key is already revoked');
    await appendRecord(writer, principal, {
      type: 'key.revoked',
      subject: `organisation:${organisationId}`,
      body: { kid },
      conflict: 'this key is already revoked',
      project: async (tx, index) => {
        const done = await tx.query(
          'UPDATE organisation_keys SET revoked_entry = $2, revoked_at = now() WHERE kid = $1 AND revoked_at IS NULL RETURNING kid',
          [kid, index.toString()],
        );
        if (done.length === 0) throw new AppError('conflict', 'this key is already revoked');
      },
    });
  }

  async function keys(principal: Principal, organisationId: string) {
    await access.requireVisible(principal, organisationId);
    const rows = await db.query<{
      kid: string;
      alg: string;
      jwk: JWK | string;
      entry_index: string | number;
      revoked_at: unknown;
    }>(
      'SELECT kid, alg, jwk, entry_index, revoked_at FROM organisation_keys WHERE organisation_id = $1 ORDER BY entry_index',
      [organisationId],
    );
    return rows.map((r) => ({
      kid: r.kid,
      alg: r.alg as 'EdDSA' | 'ES256',
      jwk: typeof r.jwk === 'string' ? (JSON.parse(r.jwk) as JWK) : r.jwk,
      organisationId,
      entryIndex: Number(r.entry_index),
      revoked: r.revoked_at !== null,
    }));
  }

  interface KeyRow {
    organisation_id: string;
    alg: string;
    jwk: JWK | string;
    revoked_at: unknown;
  }
  const refuse = (pointer: string, detail: string) =>
    badRequest(`refused: ${detail}`, [{ in: 'body', pointer, detail }]);

  const jwkOf = (key: KeyRow): Record<string, unknown> =>
    typeof key.jwk === 'string' ? JSON.parse(key.jwk) : (key.jwk as Record<string, unknown>);

  /** Public keys as node:crypto objects, by kid: a JWK is parsed once, not once per signature. */
  const publicKeys = new Map<string, KeyObject>();
  function publicKeyOf(kid: string, key: KeyRow): KeyObject {
    let object = publicKeys.get(kid);
    if (!object) {
      const jwk = typeof key.jwk === 'string' ? JSON.parse(key.jwk) : key.jwk;
      object = createPublicKey({ key: jwk, format: 'jwk' });
      publicKeys.set(kid, object);
    }
    return object;
  }

  /**
   * RFC 7515 compact JWS: verifies `header.payload` against the signature, EdDSA or ES256. This is
   * the one signature check that does not go through @groundtruth/verify (decision 0015): on this
   * hot path node:crypto's callback form measured faster than Web Crypto's verify. With a
   * callback, node:crypto verifies on libuv's thread pool: a batch of a thousand signatures (about
   * 0.1 ms each) runs on every core instead of holding the event loop for a tenth of a second.
   */
  function signatureHolds(jws: string, alg: string, key: KeyObject): Promise<boolean> {
    const last = jws.lastIndexOf('.');
    const input = Buffer.from(jws.slice(0, last), 'ascii');
    const signature = Buffer.from(jws.slice(last + 1), 'base64url');
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, valid: boolean) => (error ? reject(error) : resolve(valid));
      if (alg === 'EdDSA') verifySignature(null, input, key, signature, done);
      else verifySignature('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature, done);
    });
  }

  // The steps of checking a signed JWS, shared by single and batch paths: the header, the key, then
  // (after the caller's authorisation) the signature and the payload.
  function headerOf(jws: string): { alg: 'EdDSA' | 'ES256'; kid: string } {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      throw refuse('/jws', 'not a compact JWS');
    }
    if (header.alg !== 'EdDSA' && header.alg !== 'ES256')
      throw refuse('/jws', 'the JWS must be signed with EdDSA or ES256');
    if (typeof header.kid !== 'string') throw refuse('/jws', 'the JWS header must name the key (kid)');
    return { alg: header.alg, kid: header.kid };
  }

  function usableKey(header: { alg: string; kid: string }, key: KeyRow | undefined): KeyRow {
    if (!key) throw refuse('/jws', `key ${header.kid} is not registered`);
    if (key.revoked_at) throw refuse('/jws', `key ${header.kid} was revoked`);
    if (key.alg !== header.alg)
      throw refuse('/jws', `key ${header.kid} signs with ${key.alg}, not ${header.alg}`);
    return key;
  }

  async function requireSignature(jws: string, header: { alg: string; kid: string }, key: KeyRow) {
    if (!(await signatureHolds(jws, header.alg, publicKeyOf(header.kid, key))))
      throw refuse('/jws', 'the signature does not verify with the registered key');
  }

  /** The JWS payload as JSON, whether or not its signature has been checked yet. */
  function payloadOf(jws: string): unknown {
    try {
      return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
    } catch {
      throw refuse('/jws', 'the signed payload is not JSON');
    }
  }

  async function signedPayload(jws: string, header: { alg: string; kid: string }, key: KeyRow) {
    await requireSignature(jws, header, key);
    return payloadOf(jws);
  }

  /**
   * A compact JWS by a registered, unrevoked key: its key row and parsed JSON payload. `authorise`
   * runs once the key is known and before the signature is checked, so a caller without the right
   * learns nothing about the signature.
   */
  async function verifySigned(jws: string, authorise?: (key: KeyRow) => Promise<void>) {
    const header = headerOf(jws);
    const [row] = await db.query<KeyRow>(
      'SELECT organisation_id, alg, jwk, revoked_at FROM organisation_keys WHERE kid = $1',
      [header.kid],
    );
    const key = usableKey(header, row);
    await authorise?.(key);
    return { key, kid: header.kid, payload: await signedPayload(jws, header, key) };
  }

  type Receipt = Awaited<ReturnType<typeof attest>>;
  type Outcome = { ok: true; receipt: Receipt } | { ok: false; error: AppError };

  /**
   * Checks a batch of attestations with set-based queries (keys, subjects and media each in one
   * query, whatever the batch size), appends the good ones together, and reports each one. Refused:
   * an unknown or revoked key, a bad signature, a manifest that does not parse, a subject that is not
   * the key holder's, media never uploaded.
   */
  async function attestMany(principal: Principal, list: string[]): Promise<Outcome[]> {
    const outcomes: (Outcome | undefined)[] = new Array(list.length);
    const fail = (i: number, error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      outcomes[i] = { ok: false, error };
    };
    const headers = list.map((jws, i) => {
      try {
        return headerOf(jws);
      } catch (error) {
        fail(i, error);
        return undefined;
      }
    });
    const kids = [...new Set(headers.flatMap((h) => (h ? [h.kid] : [])))];
    const keys = new Map(
      (
        await db.query<KeyRow & { kid: string }>(
          'SELECT kid, organisation_id, alg, jwk, revoked_at FROM organisation_keys WHERE kid = ANY($1::text[])',
          [kids],
        )
      ).map((k) => [k.kid, k]),
    );
    const authorised = new Map<string, AppError | null>();
    const manifests: (z.infer<typeof AttestationManifest> | undefined)[] = [];
    // Keys and authorisation first, one organisation at a time; then every signature at once (on the
    // thread pool), then the manifests.
    const signed: { i: number; header: { alg: string; kid: string }; key: KeyRow }[] = [];
    for (const [i, header] of headers.entries()) {
      if (!header) continue;
      try {
        const key = usableKey(header, keys.get(header.kid));
        // Authorisation before the signature: a caller without the right learns nothing about it.
        if (!authorised.has(key.organisation_id)) {
          authorised.set(
            key.organisation_id,
            await access.requireWritable(principal, key.organisation_id).then(
              () => null,
              (error: unknown) => {
                if (error instanceof AppError) return error;
                throw error;
              },
            ),
          );
        }
        const denied = authorised.get(key.organisation_id);
        if (denied) throw denied;
        signed.push({ i, header, key });
      } catch (error) {
        fail(i, error);
      }
    }
    // The manifests as claimed (the signed bytes, not yet verified): their subjects and media are
    // looked up while the signatures are checked, and used only for the ones that verify.
    const claimed = signed.map(({ i }) => {
      try {
        return AttestationManifest.safeParse(payloadOf(list[i]!));
      } catch (error) {
        return error as AppError; // reported once the signature is known to hold
      }
    });
    const claimedManifests = claimed.flatMap((c) => (!(c instanceof AppError) && c.success ? [c.data] : []));
    const ofKind = (kind: 'plot' | 'batch') => [
      ...new Set(claimedManifests.flatMap((m) => (m.subject.kind === kind ? [m.subject.id] : []))),
    ];
    const [payloads, plotOwners, batchOwners, blobs] = await Promise.all([
      Promise.all(
        signed.map(({ i, header, key }) =>
          requireSignature(list[i]!, header, key).then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        ),
      ),
      db.query<{ id: string; organisation_id: string }>(
        'SELECT id, organisation_id FROM plots WHERE id = ANY($1::uuid[])',
        [ofKind('plot')],
      ),
      db.query<{ id: string; organisation_id: string }>(
        'SELECT id, organisation_id FROM batches WHERE id = ANY($1::uuid[])',
        [ofKind('batch')],
      ),
      db.query<{ sha256: string; size: string | number; kind: string }>(
        'SELECT sha256, size, kind FROM evidence_blobs WHERE sha256 = ANY($1::text[])',
        [[...new Set(claimedManifests.flatMap((m) => m.media.map((x) => x.sha256)))]],
      ),
    ]);
    for (const [n, { i }] of signed.entries()) {
      try {
        const verified = payloads[n]!;
        if (!verified.ok) throw verified.error;
        const result = claimed[n]!; // the signature holds, so this is what was signed
        if (result instanceof AppError) throw result;
        if (!result.success)
          throw badRequest('refused: the manifest is invalid', fieldErrors(result.error, '/manifest'));
        if (Date.parse(result.data.capturedAt) > Date.now() + 5 * 60_000)
          throw refuse('/manifest/capturedAt', 'a capture cannot be in the future');
        manifests[i] = result.data;
      } catch (error) {
        fail(i, error);
      }
    }

    const owners = new Map([...plotOwners, ...batchOwners].map((r) => [r.id, r.organisation_id]));
    const known = new Map(blobs.map((b) => [b.sha256, b]));
    const records: {
      i: number;
      id: string;
      spec: RecordSpec;
      manifest: z.infer<typeof AttestationManifest>;
    }[] = [];
    const entryIndexes = new Map<string, bigint>();
    for (const [i, manifest] of manifests.entries()) {
      if (!manifest) continue;
      try {
        const header = headers[i]!;
        const key = keys.get(header.kid)!;
        const owner = owners.get(manifest.subject.id);
        if (!owner) throw notFound(`${manifest.subject.kind} ${manifest.subject.id} not found`);
        if (owner !== key.organisation_id)
          throw forbidden(
            `key ${header.kid} belongs to another organisation than the ${manifest.subject.kind} it attests`,
          );
        for (const [n, m] of manifest.media.entries()) {
          const blob = known.get(m.sha256);
          if (!blob)
            throw refuse(`/manifest/media/${n}/sha256`, `no media with digest ${m.sha256} was uploaded`);
          if (Number(blob.size) !== m.size)
            throw refuse(`/manifest/media/${n}/size`, `the stored media is ${blob.size} bytes`);
          if (blob.kind !== m.kind)
            throw refuse(`/manifest/media/${n}/kind`, `the stored media is ${blob.kind}`);
        }
        const id = randomUUID();
        const jws = list[i]!;
        records.push({
          i,
          id,
          manifest,
          spec: {
            type: 'attestation.recorded',
            subject: `${manifest.subject.kind}:${manifest.subject.id}`,
            // The JWS (location, statement) is confidential; `organisation` names the owner (ENTRY_POLICIES).
            body: {
              attestation: `attestation:${id}`,
              organisation: `organisation:${key.organisation_id}`,
              kid: header.kid,
              jws,
            },
            conflict: 'this attestation is already recorded',
            // Rows are written together after the last entry (see below): one statement per table.
            project: async (_tx, index) => {
              entryIndexes.set(id, index);
            },
          },
        });
      } catch (error) {
        fail(i, error);
      }
    }

    if (records.length > 0) {
      const receipt = await appendRecordsWithReceipt(
        writer,
        principal,
        records.map((r) => r.spec),
        async (tx) => {
          await tx.query(
            `INSERT INTO attestations (id, entry_index, organisation_id, kid, subject_kind, subject_id, captured_at, manifest, jws)
             SELECT id::uuid, entry_index::bigint, organisation_id::uuid, kid, subject_kind, subject_id::uuid,
                    captured_at::timestamptz, manifest::jsonb, jws
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                           $9::text[])
                 AS t(id, entry_index, organisation_id, kid, subject_kind, subject_id, captured_at, manifest, jws)`,
            [
              records.map((r) => r.id),
              records.map((r) => entryIndexes.get(r.id)!.toString()),
              records.map((r) => keys.get(headers[r.i]!.kid)!.organisation_id),
              records.map((r) => headers[r.i]!.kid),
              records.map((r) => r.manifest.subject.kind),
              records.map((r) => r.manifest.subject.id),
              records.map((r) => r.manifest.capturedAt),
              records.map((r) => JSON.stringify(r.manifest)),
              records.map((r) => list[r.i]!),
            ],
          );
          const media = records.flatMap((r) =>
            [...new Set(r.manifest.media.map((m) => m.sha256))].map((d) => [r.id, d]),
          );
          await tx.query(
            'INSERT INTO attestation_media (attestation_id, sha256) SELECT a::uuid, d FROM unnest($1::text[], $2::text[]) AS t(a, d)',
            [media.map((m) => m[0]!), media.map((m) => m[1]!)],
          );
        },
      );
      await deps.afterAttested?.(
        principal,
        records.map((r) => r.id),
      );
      const proofs = await reader.inclusionProofs(
        receipt.entries.map((e) => e.index),
        receipt.checkpoint.size,
      );
      for (const [n, record] of records.entries()) {
        const entry = receipt.entries[n]!;
        outcomes[record.i] = {
          ok: true,
          receipt: {
            attestationId: record.id,
            entryIndex: Number(entry.index),
            leafHash: toBase64(entry.leafHash),
            // The exact leaf bytes and this entry's disclosures: the receipt alone ties the leaf hash
            // to the supplier's own JWS (docs/decisions/0011-selective-disclosure.md).
            entry: {
              index: Number(entry.index),
              data: toBase64(entry.data),
              disclosures: entry.disclosures.map((d) => d.disclosure),
            },
            checkpoint: receipt.checkpoint.note,
            inclusionProof: {
              index: Number(entry.index),
              treeSize: Number(receipt.checkpoint.size),
              proof: proofs[n]!.proof.map(toBase64),
            },
            kid: headers[record.i]!.kid,
            manifest: record.manifest,
            jws: list[record.i]!,
            jwk: jwkOf(keys.get(headers[record.i]!.kid)!),
            logKey: deps.logKey,
          },
        };
      }
    }
    return outcomes as Outcome[];
  }

  async function attest(
    principal: Principal,
    jws: string,
  ): Promise<{
    attestationId: string;
    entryIndex: number;
    leafHash: string;
    entry: { index: number; data: string; disclosures: string[] };
    checkpoint: string;
    inclusionProof: { index: number; treeSize: number; proof: string[] };
    kid: string;
    manifest: z.infer<typeof AttestationManifest>;
    jws: string;
    jwk: Record<string, unknown>;
    logKey: string;
  }> {
    const outcome = await new Promise<Outcome>((resolve, reject) => {
      waiting.push({ principal, jws, resolve, reject });
      pump();
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.receipt;
  }

  // Single attestations arriving together are checked and appended together: while groups are in
  // hand, new requests wait, and the next group takes them all (up to a batch's worth). This is the
  // ledger writer's group commit one level up: a key, a subject and a media lookup, one append and
  // one proof read per group instead of per request. Two groups at a time, so the service prepares
  // one while the database writes the other. Each request still gets its own outcome.
  const GROUPS_IN_FLIGHT = 2;
  const waiting: {
    principal: Principal;
    jws: string;
    resolve: (outcome: Outcome) => void;
    reject: (error: unknown) => void;
  }[] = [];
  let inFlight = 0;
  function pump() {
    while (waiting.length > 0 && inFlight < GROUPS_IN_FLIGHT) {
      inFlight++;
      void attestGroup(waiting.splice(0, MAX_ATTESTATION_BATCH)).finally(() => {
        inFlight--;
        pump();
      });
    }
  }
  async function attestGroup(group: typeof waiting) {
    // Entries name their actor, so one principal per append: requests by different callers in the
    // same group go as separate (concurrent) batches.
    const byPrincipal = new Map<string, typeof group>();
    for (const request of group) {
      const key = JSON.stringify(request.principal);
      const list = byPrincipal.get(key);
      if (list) list.push(request);
      else byPrincipal.set(key, [request]);
    }
    await Promise.all(
      [...byPrincipal.values()].map(async (requests) => {
        try {
          const outcomes = await attestMany(
            requests[0]!.principal,
            requests.map((r) => r.jws),
          );
          for (const [n, request] of requests.entries()) request.resolve(outcomes[n]!);
        } catch (error) {
          for (const request of requests) request.reject(error);
        }
      }),
    );
  }

  interface AttestationRow {
    id: string;
    entry_index: string | number;
    organisation_id: string;
    kid: string;
    subject_kind: 'plot' | 'batch';
    subject_id: string;
    manifest: unknown;
    jws: string;
    withdrawn_entry: string | number | null;
    withdrawn_reason: string | null;
    jwk: JWK | string;
    revoked_at: unknown;
  }
  const ATTESTATION_SELECT = `SELECT a.*, k.jwk, k.revoked_at FROM attestations a JOIN organisation_keys k ON k.kid = a.kid`;

  /**
   * Each attestation with its entry bytes, statements and an inclusion proof to the latest checkpoint;
   * with `withFindings`, also the current evidence findings about it (for callers who may see its
   * organisation: the public verification endpoints leave them out).
   */
  async function evidencePackages(rows: AttestationRow[], withFindings = false) {
    const checkpoint = await reader.latestCheckpoint();
    if (!checkpoint) throw new AppError('unavailable', 'the log has no checkpoint yet');
    const statements = rows.length
      ? await db.query<{
          attestation_id: string;
          organisation_id: string;
          kid: string;
          verdict: 'confirmed' | 'disputed' | 'fake';
          statement: { note: string } | string;
          jws: string;
          entry_index: string | number;
        }>(
          'SELECT * FROM attestation_statements WHERE attestation_id = ANY($1::uuid[]) ORDER BY entry_index',
          [rows.map((r) => r.id)],
        )
      : [];
    // Names alongside ids, so a reader sees who attested and who stated, not bare UUIDs.
    const organisationIds = [...new Set([...rows, ...statements].map((r) => r.organisation_id))];
    const names = new Map(
      (organisationIds.length
        ? await db.query<{ id: string; name: string }>(
            'SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])',
            [organisationIds],
          )
        : []
      ).map((o) => [o.id, o.name]),
    );
    // The package already hands out the JWS, so it hands out the disclosure that ties it to the leaf.
    const disclosures = rows.length
      ? await db.query<{ entry_index: string | number; disclosure: string }>(
          'SELECT entry_index, disclosure FROM ledger_disclosures WHERE entry_index = ANY($1::int8[]) ORDER BY entry_index, position',
          [rows.map((r) => String(r.entry_index))],
        )
      : [];
    const findings =
      withFindings && rows.length
        ? await db.query<{
            id: string;
            subject_id: string;
            rule: string;
            severity: string;
            message: string;
            numbers: Record<string, unknown> | string;
            resolution: string | null;
            resolution_entry: string | number | null;
          }>(
            `SELECT f.id, f.subject_id, f.rule, f.severity, f.message, f.numbers, covering.resolution, covering.resolution_entry
               FROM mass_balance_findings f ${coveringResolution('f')}
              WHERE f.subject_kind = 'attestation' AND f.subject_id = ANY($1::text[]) AND f.superseded_at IS NULL
              ORDER BY f.rule, f.id`,
            [rows.map((r) => r.id)],
          )
        : [];
    const packages = [];
    for (const row of rows) {
      const index = BigInt(row.entry_index);
      const [entry] = await reader.entries(index, 1);
      const proof = await reader.inclusionProof(index, checkpoint.size);
      packages.push({
        attestationId: row.id,
        subject: { kind: row.subject_kind, id: row.subject_id },
        organisationId: row.organisation_id,
        organisationName: names.get(row.organisation_id) ?? '',
        kid: row.kid,
        jwk: (typeof row.jwk === 'string' ? JSON.parse(row.jwk) : row.jwk) as Record<string, unknown>,
        keyRevoked: row.revoked_at !== null,
        jws: row.jws,
        manifest: (typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest) as z.infer<
          typeof AttestationManifest
        >,
        entry: {
          index: Number(index),
          data: toBase64(entry!.data),
          disclosures: disclosures.filter((d) => BigInt(d.entry_index) === index).map((d) => d.disclosure),
        },
        inclusionProof: { treeSize: Number(checkpoint.size), proof: proof.proof.map(toBase64) },
        withdrawn:
          row.withdrawn_entry === null
            ? null
            : { reason: row.withdrawn_reason ?? '', entryIndex: Number(row.withdrawn_entry) },
        statements: statements
          .filter((s) => s.attestation_id === row.id)
          .map((s) => ({
            organisationId: s.organisation_id,
            organisationName: names.get(s.organisation_id) ?? '',
            kid: s.kid,
            verdict: s.verdict,
            note: (typeof s.statement === 'string' ? JSON.parse(s.statement) : s.statement).note,
            jws: s.jws,
            entryIndex: Number(s.entry_index),
          })),
        ...(withFindings
          ? {
              findings: findings
                .filter((f) => f.subject_id === row.id)
                .map((f) => ({
                  id: f.id,
                  rule: f.rule,
                  severity: f.severity as 'error' | 'warning' | 'info',
                  message: f.message,
                  numbers: (typeof f.numbers === 'string' ? JSON.parse(f.numbers) : f.numbers) as Record<
                    string,
                    unknown
                  >,
                  resolved: f.resolution_entry !== null,
                })),
            }
          : {}),
      });
    }
    return { logKey: deps.logKey, checkpoint: checkpoint.note, attestations: packages };
  }

  /** Public: which attestations cover these bytes (by digest), with everything needed to check them. */
  async function verifyDigest(sha256: string) {
    const rows = await db.query<AttestationRow>(
      `${ATTESTATION_SELECT} WHERE a.id IN (SELECT attestation_id FROM attestation_media WHERE sha256 = $1) ORDER BY a.entry_index`,
      [sha256],
    );
    return { sha256, ...(await evidencePackages(rows)) };
  }

  /** Public: the same for a file, hashed as it streams in and never stored. */
  async function verifyStream(body: Readable) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes)
        throw new AppError('payload_too_large', `the file exceeds the limit of ${maxBytes} bytes`);
      hash.update(chunk as Buffer);
    }
    return verifyDigest(hash.digest('hex'));
  }

  /** The attestations about a plot or batch the caller can see. */
  async function attestationsFor(principal: Principal, kind: 'plot' | 'batch', id: string) {
    const table = kind === 'plot' ? 'plots' : 'batches';
    const [subject] = await db.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM ${table} WHERE id = $1`,
      [id],
    );
    if (!subject) throw notFound(`${kind} ${id} not found`);
    await access.requireVisible(principal, subject.organisation_id).catch(() => {
      throw notFound(`${kind} ${id} not found`);
    });
    const rows = await db.query<AttestationRow>(
      `${ATTESTATION_SELECT} WHERE a.subject_kind = $1 AND a.subject_id = $2 ORDER BY a.entry_index`,
      [kind, id],
    );
    return evidencePackages(rows, true);
  }

  async function attestationRow(principal: Principal, attestationId: string): Promise<AttestationRow> {
    const [row] = await db.query<AttestationRow>(`${ATTESTATION_SELECT} WHERE a.id = $1`, [attestationId]);
    if (!row) throw notFound(`attestation ${attestationId} not found`);
    await access.requireVisible(principal, row.organisation_id).catch(() => {
      throw notFound(`attestation ${attestationId} not found`);
    });
    return row;
  }

  /** An auditor's signed statement about an attestation: confirmed on site, disputed, or fake. */
  async function state(principal: Principal, attestationId: string, jws: string) {
    if (principal.role !== 'auditor' && principal.role !== 'admin')
      throw forbidden('only auditors make statements');
    const attestation = await attestationRow(principal, attestationId);
    const { key, kid, payload } = await verifySigned(jws);
    if (principal.role !== 'admin' && key.organisation_id !== principal.organisationId)
      throw forbidden('sign statements with your own organisation’s key');
    const [org] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
      key.organisation_id,
    ]);
    if (org?.kind !== 'auditor') throw forbidden('statements are signed with an auditing organisation’s key');
    const parsed = AuditorStatement.safeParse(payload);
    if (!parsed.success)
      throw badRequest('statement refused: invalid', fieldErrors(parsed.error, '/statement'));
    if (parsed.data.attestationId !== attestationId)
      throw badRequest('statement refused: it is about another attestation', [
        { in: 'body', pointer: '/statement/attestationId', detail: `must be ${attestationId}` },
      ]);
    const id = randomUUID();
    const entryIndex = await appendRecord(writer, principal, {
      type: 'attestation.statement',
      subject: `attestation:${attestationId}`,
      body: {
        statement: `statement:${id}`,
        organisation: `organisation:${key.organisation_id}`,
        attestationEntry: Number(attestation.entry_index),
        kid,
        jws,
      },
      conflict: 'this statement is already recorded',
      project: async (tx, index) => {
        await tx.query(
          `INSERT INTO attestation_statements (id, attestation_id, entry_index, organisation_id, kid, verdict, statement, jws)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
          [
            id,
            attestationId,
            index.toString(),
            key.organisation_id,
            kid,
            parsed.data.verdict,
            JSON.stringify(parsed.data),
            jws,
          ],
        );
      },
    });
    return { statementId: id, entryIndex, verdict: parsed.data.verdict };
  }

  /** The attesting supplier withdraws an attestation: a new entry; the attestation stays, marked. */
  async function withdraw(principal: Principal, attestationId: string, reason: string) {
    const attestation = await attestationRow(principal, attestationId);
    await access.requireWritable(principal, attestation.organisation_id);
    if (attestation.withdrawn_entry !== null)
      throw new AppError('conflict', 'this attestation is already withdrawn');
    const entryIndex = await appendRecord(writer, principal, {
      type: 'attestation.withdrawn',
      subject: `attestation:${attestationId}`,
      body: {
        organisation: `organisation:${attestation.organisation_id}`,
        attestationEntry: Number(attestation.entry_index),
        reason,
      },
      conflict: 'this attestation is already withdrawn',
      project: async (tx, index) => {
        const done = await tx.query(
          'UPDATE attestations SET withdrawn_entry = $2, withdrawn_reason = $3 WHERE id = $1 AND withdrawn_entry IS NULL RETURNING id',
          [attestationId, index.toString(), reason],
        );
        if (done.length === 0) throw new AppError('conflict', 'this attestation is already withdrawn');
      },
    });
    return { attestationId, entryIndex };
  }

  return {
    upload,
    blob,
    content,
    registerKey,
    revokeKey,
    keys,
    attest,
    attestMany,
    verifyDigest,
    verifyStream,
    attestationsFor,
    state,
    withdraw,
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
