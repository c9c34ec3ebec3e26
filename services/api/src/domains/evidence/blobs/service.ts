// Media uploads into the content-addressed store (packages/evidence): a file is judged by its bytes
// as it streams in, kept once however often it is uploaded, and visible to whoever can see an
// organisation that uploaded it. Uploads are not ledger entries (decision 0031): attestations name
// the bytes by digest, and the log carries the attestations.
import type { Readable } from 'node:stream';
import type { Database } from '@groundtruth/db';
import {
  BlobRefusedError,
  type BlobStore,
  BlobTooLargeError,
  captureMetadata,
  sniffMedia,
} from '@groundtruth/evidence';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import { createBlobCatalogue, type EvidenceBlob } from './store.ts';

export function createBlobService(deps: {
  db: Database;
  access: Access;
  store: BlobStore;
  maxBytes: number;
}) {
  const { db, access, store, maxBytes } = deps;
  const catalogue = createBlobCatalogue(db);

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
    return { blob: (await catalogue.byDigest(stored.sha256))!, created: stored.created };
  }

  /** A blob is visible to whoever can see an organisation that uploaded it. */
  async function blob(principal: Principal, sha256: string): Promise<EvidenceBlob> {
    const found = await catalogue.byDigest(sha256);
    if (!found) throw notFound(`no evidence ${sha256}`);
    const visible = await access.visibleOrganisations(principal);
    if (visible !== 'all' && !(await catalogue.uploadedByAny(sha256, visible)))
      throw notFound(`no evidence ${sha256}`);
    return found;
  }

  async function content(principal: Principal, sha256: string) {
    const meta = await blob(principal, sha256);
    const stream = await store.open(sha256);
    if (!stream) throw notFound(`the bytes of ${sha256} are missing from the store`);
    return { meta, stream };
  }

  return { upload, blob, content };
}

export type BlobService = ReturnType<typeof createBlobService>;
