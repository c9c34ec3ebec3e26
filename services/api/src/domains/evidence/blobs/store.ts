// What the media store holds, as the database describes it: each blob's digest, size, kind and
// capture metadata (judged by its bytes at upload), and which organisations uploaded it. Reads by
// key from one table, so drizzle's query builder (decision 0033).
import { and, anyOf, type Database, eq, evidenceBlobs, evidenceUploads } from '@groundtruth/db';

/** A stored media file as the API describes it. */
export interface EvidenceBlob {
  sha256: string;
  size: number;
  kind: string;
  mediaType: string;
  format: string;
  metadata: Record<string, unknown>;
}

const BLOB_COLUMNS = {
  sha256: evidenceBlobs.sha256,
  size: evidenceBlobs.size,
  kind: evidenceBlobs.kind,
  mediaType: evidenceBlobs.mediaType,
  format: evidenceBlobs.format,
  metadata: evidenceBlobs.metadata,
};

export function createBlobCatalogue(db: Database) {
  return {
    async byDigest(sha256: string): Promise<EvidenceBlob | undefined> {
      const [row] = await db.orm
        .select(BLOB_COLUMNS)
        .from(evidenceBlobs)
        .where(eq(evidenceBlobs.sha256, sha256))
        .limit(1);
      return row && { ...row, metadata: row.metadata as Record<string, unknown> };
    },

    /** Size and kind of each stored blob among the digests (an attestation's media are checked against them). */
    sizesAndKinds: (digests: readonly string[]) =>
      db.orm
        .select({ sha256: evidenceBlobs.sha256, size: evidenceBlobs.size, kind: evidenceBlobs.kind })
        .from(evidenceBlobs)
        .where(anyOf(evidenceBlobs.sha256, digests)),

    /** Whether any of the organisations uploaded the blob. */
    async uploadedByAny(sha256: string, organisationIds: readonly string[]): Promise<boolean> {
      const rows = await db.orm
        .select({ sha256: evidenceUploads.sha256 })
        .from(evidenceUploads)
        .where(
          and(eq(evidenceUploads.sha256, sha256), anyOf(evidenceUploads.organisationId, organisationIds)),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}

export type BlobCatalogue = ReturnType<typeof createBlobCatalogue>;
