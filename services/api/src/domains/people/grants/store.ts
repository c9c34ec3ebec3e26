// What the auditor-grant routes read, through drizzle (decision 0033).
import { and, anyOf, auditorGrants, type Database, eq, isNull, organisations } from '@groundtruth/db';

export function createGrantStore(db: Database) {
  return {
    /** The kind (brand, supplier, auditor…) of each of these organisations that exists. */
    organisationKinds: async (ids: string[]): Promise<Map<string, string>> =>
      new Map(
        (
          await db.orm
            .select({ id: organisations.id, kind: organisations.kind })
            .from(organisations)
            .where(anyOf(organisations.id, ids))
        ).map((r) => [r.id, r.kind]),
      ),

    /** Whether the auditor holds a standing (not audit-scoped) grant from the brand that is not revoked. */
    hasStandingGrant: async (brandId: string, auditorId: string): Promise<boolean> =>
      (
        await db.orm
          .select({ brandId: auditorGrants.brandId })
          .from(auditorGrants)
          .where(
            and(
              eq(auditorGrants.brandId, brandId),
              eq(auditorGrants.auditorId, auditorId),
              isNull(auditorGrants.auditId),
              isNull(auditorGrants.revokedAt),
            ),
          )
      ).length > 0,
  };
}
