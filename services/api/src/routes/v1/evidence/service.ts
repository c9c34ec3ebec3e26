// Reality-snapshot evidence: media uploads into the content-addressed store, supplier signing keys,
// and attestations (a compact JWS by a registered key over a manifest naming stored media). An
// accepted attestation is a ledger entry; its receipt carries everything needed to check it later
// without this server: entry index, leaf hash, signed checkpoint and inclusion proof.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database } from '@groundtruth/db';
import {
  BlobRefusedError,
  BlobTooLargeError,
  captureMetadata,
  type FsBlobStore,
  sniffMedia,
} from '@groundtruth/evidence';
import { type JsonValue, toBase64 } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { AttestationManifest } from '@groundtruth/schemas';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { appendRecord, appendRecordsWithReceipt } from '../../../record.ts';

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

export function createEvidenceService(deps: {
  db: Database;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  store: FsBlobStore;
  maxBytes: number;
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
    let stored: Awaited<ReturnType<FsBlobStore['put']>>;
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
          'not a supported media file: JPEG, PNG, HEIC, MP4, MOV, PLY, SPZ or GLB (name .splat and .ksplat files with ?kind=)',
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

  async function registerKey(principal: Principal, organisationId: string, jwk: JWK) {
    await access.requireWritable(principal, organisationId);
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
      await importJWK(publicJwk, expected.alg);
    } catch (error) {
      throw badRequest(`not a valid ${expected.crv} public key: ${(error as Error).message}`, [
        { in: 'body', pointer: '/jwk/x', detail: 'not a valid public key' },
      ]);
    }
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
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
    await access.requireWritable(principal, organisationId);
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

  /**
   * Checks an attestation and appends it. Refused: an unknown or revoked key, a bad signature, a
   * manifest that does not parse, a subject that is not the key holder's, media never uploaded.
   */
  async function attest(principal: Principal, jws: string) {
    const refuse = (pointer: string, detail: string) =>
      badRequest(`attestation refused: ${detail}`, [{ in: 'body', pointer, detail }]);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      throw refuse('/jws', 'not a compact JWS');
    }
    if (header.alg !== 'EdDSA' && header.alg !== 'ES256')
      throw refuse('/jws', 'the JWS must be signed with EdDSA or ES256');
    if (typeof header.kid !== 'string') throw refuse('/jws', 'the JWS header must name the key (kid)');
    const [key] = await db.query<{
      organisation_id: string;
      alg: string;
      jwk: JWK | string;
      revoked_at: unknown;
    }>('SELECT organisation_id, alg, jwk, revoked_at FROM organisation_keys WHERE kid = $1', [header.kid]);
    if (!key) throw refuse('/jws', `key ${header.kid} is not registered`);
    if (key.revoked_at) throw refuse('/jws', `key ${header.kid} was revoked`);
    if (key.alg !== header.alg)
      throw refuse('/jws', `key ${header.kid} signs with ${key.alg}, not ${header.alg}`);
    await access.requireWritable(principal, key.organisation_id);
    let payload: Uint8Array;
    try {
      const jwk = typeof key.jwk === 'string' ? (JSON.parse(key.jwk) as JWK) : key.jwk;
      ({ payload } = await compactVerify(jws, await importJWK(jwk, key.alg)));
    } catch {
      throw refuse('/jws', 'the signature does not verify with the registered key');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      throw refuse('/jws', 'the signed payload is not JSON');
    }
    const result = AttestationManifest.safeParse(parsed);
    if (!result.success) {
      throw badRequest(
        'attestation refused: the manifest is invalid',
        result.error.issues.map((i) => ({
          in: 'body' as const,
          pointer: `/manifest/${i.path.join('/')}`,
          detail: i.message,
        })),
      );
    }
    const manifest = result.data;
    if (Date.parse(manifest.capturedAt) > Date.now() + 5 * 60_000)
      throw refuse('/manifest/capturedAt', 'a capture cannot be in the future');
    const table = manifest.subject.kind === 'plot' ? 'plots' : 'batches';
    const [subject] = await db.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM ${table} WHERE id = $1`,
      [manifest.subject.id],
    );
    if (!subject) throw notFound(`${manifest.subject.kind} ${manifest.subject.id} not found`);
    if (subject.organisation_id !== key.organisation_id)
      throw forbidden(
        `key ${header.kid} belongs to another organisation than the ${manifest.subject.kind} it attests`,
      );
    const digests = manifest.media.map((m) => m.sha256);
    const known = new Map(
      (
        await db.query<{ sha256: string; size: string | number; kind: string }>(
          'SELECT sha256, size, kind FROM evidence_blobs WHERE sha256 = ANY($1::text[])',
          [digests],
        )
      ).map((r) => [r.sha256, r]),
    );
    for (const [i, m] of manifest.media.entries()) {
      const blob = known.get(m.sha256);
      if (!blob) throw refuse(`/manifest/media/${i}/sha256`, `no media with digest ${m.sha256} was uploaded`);
      if (Number(blob.size) !== m.size)
        throw refuse(`/manifest/media/${i}/size`, `the stored media is ${blob.size} bytes`);
      if (blob.kind !== m.kind) throw refuse(`/manifest/media/${i}/kind`, `the stored media is ${blob.kind}`);
    }

    const id = randomUUID();
    const receipt = await appendRecordsWithReceipt(writer, principal, [
      {
        type: 'attestation.recorded',
        subject: `${manifest.subject.kind}:${manifest.subject.id}`,
        body: { attestation: `attestation:${id}`, kid: header.kid, jws },
        conflict: 'this attestation is already recorded',
        project: async (tx, index) => {
          await tx.query(
            `INSERT INTO attestations (id, entry_index, organisation_id, kid, subject_kind, subject_id, captured_at, manifest, jws)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
            [
              id,
              index.toString(),
              key.organisation_id,
              header.kid,
              manifest.subject.kind,
              manifest.subject.id,
              manifest.capturedAt,
              JSON.stringify(manifest),
              jws,
            ],
          );
          await tx.query(
            'INSERT INTO attestation_media (attestation_id, sha256) SELECT $1, unnest($2::text[])',
            [id, [...new Set(digests)]],
          );
        },
      },
    ]);
    const entry = receipt.entries[0]!;
    const proof = await reader.inclusionProof(entry.index, receipt.checkpoint.size);
    return {
      attestationId: id,
      entryIndex: Number(entry.index),
      leafHash: toBase64(entry.leafHash),
      checkpoint: receipt.checkpoint.note,
      inclusionProof: {
        index: Number(entry.index),
        treeSize: Number(receipt.checkpoint.size),
        proof: proof.proof.map(toBase64),
      },
      kid: header.kid,
      manifest,
    };
  }

  return { upload, blob, content, registerKey, revokeKey, keys, attest };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
