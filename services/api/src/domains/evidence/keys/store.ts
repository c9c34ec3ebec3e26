// Organisations' registered signing keys as the key.* entries projected them. Reads by key from one
// table, so drizzle's query builder (decision 0033).
import { and, anyOf, asc, type Database, eq, organisationKeys } from '@groundtruth/db';

/** A registered key as the JWS checks need it. */
export interface RegisteredKey {
  kid: string;
  organisationId: string;
  alg: string;
  jwk: Record<string, unknown>;
  entryIndex: number;
  revoked: boolean;
}

const KEY_COLUMNS = {
  kid: organisationKeys.kid,
  organisationId: organisationKeys.organisationId,
  alg: organisationKeys.alg,
  jwk: organisationKeys.jwk,
  entryIndex: organisationKeys.entryIndex,
  revokedEntry: organisationKeys.revokedEntry,
};

const toKey = ({
  revokedEntry,
  jwk,
  ...key
}: { revokedEntry: number | null; jwk: unknown } & Omit<
  RegisteredKey,
  'jwk' | 'revoked'
>): RegisteredKey => ({ ...key, jwk: jwk as Record<string, unknown>, revoked: revokedEntry !== null });

export function createKeyStore(db: Database) {
  return {
    /** The registered keys among these kids. */
    byKids: async (kids: readonly string[]): Promise<RegisteredKey[]> =>
      (await db.orm.select(KEY_COLUMNS).from(organisationKeys).where(anyOf(organisationKeys.kid, kids))).map(
        toKey,
      ),

    /** A key of the organisation, if it registered that kid. */
    async ofOrganisation(organisationId: string, kid: string): Promise<RegisteredKey | undefined> {
      const [row] = await db.orm
        .select(KEY_COLUMNS)
        .from(organisationKeys)
        .where(and(eq(organisationKeys.kid, kid), eq(organisationKeys.organisationId, organisationId)))
        .limit(1);
      return row && toKey(row);
    },

    /** Every key the organisation registered, in the order it did. */
    listed: async (organisationId: string): Promise<RegisteredKey[]> =>
      (
        await db.orm
          .select(KEY_COLUMNS)
          .from(organisationKeys)
          .where(eq(organisationKeys.organisationId, organisationId))
          .orderBy(asc(organisationKeys.entryIndex))
      ).map(toKey),
  };
}

export type KeyStore = ReturnType<typeof createKeyStore>;
