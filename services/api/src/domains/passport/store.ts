// What the passport routes read besides the passport itself (service.ts): stored thumbnails and signed
// credentials, by key, through drizzle (decision 0033).
import { type Database, eq, passportCredentials, passportThumbnails } from '@groundtruth/db';

export function createPassportStore(db: Database) {
  return {
    /** A published thumbnail's JPEG bytes, by its SHA-256 (hex). */
    thumbnail: async (sha256: string): Promise<Uint8Array | undefined> =>
      (
        await db.orm
          .select({ bytes: passportThumbnails.bytes })
          .from(passportThumbnails)
          .where(eq(passportThumbnails.sha256, sha256))
      )[0]?.bytes,

    /** The compact JWS of the passport credential logged at this entry. */
    credentialJws: async (entryIndex: number): Promise<string | undefined> =>
      (
        await db.orm
          .select({ jws: passportCredentials.jws })
          .from(passportCredentials)
          .where(eq(passportCredentials.entryIndex, entryIndex))
      )[0]?.jws,
  };
}
