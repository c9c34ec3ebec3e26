// What the user and token routes (and the auth plugin) read. Reads by key through drizzle; the token
// chain is a recursive CTE, so an `sql` statement (decision 0033).
import {
  apiTokens,
  type Database,
  eq,
  organisations,
  type SqlExecutor,
  type Transaction,
  users,
} from '@groundtruth/db';
import type { Role } from '../../../auth.ts';

/** Longest chain of tokens issuing tokens that is followed; deeper chains are refused. */
const MAX_TOKEN_CHAIN = 32;

/**
 * True while a per-user token was issued and neither it nor any token up its chain of parents was
 * revoked (expiry is checked by the JWT itself, and a child never outlives its parent).
 */
export async function isTokenActive(db: SqlExecutor, tokenId: string): Promise<boolean> {
  const [row] = await db.query<{ tokens: string | number; revoked: string | number }>(
    `WITH RECURSIVE chain (jti, parent_jti, revoked_at, depth) AS (
       SELECT jti, parent_jti, revoked_at, 1 FROM api_tokens WHERE jti = $1
       UNION ALL
       SELECT t.jti, t.parent_jti, t.revoked_at, c.depth + 1
         FROM api_tokens t JOIN chain c ON t.jti = c.parent_jti WHERE c.depth <= $2
     )
     SELECT count(*) AS tokens, count(*) FILTER (WHERE revoked_at IS NOT NULL OR depth > $2) AS revoked FROM chain`,
    [tokenId, MAX_TOKEN_CHAIN],
  );
  return Number(row?.tokens ?? 0) > 0 && Number(row?.revoked ?? 0) === 0;
}

/**
 * A user's display name and e-mail: personal data kept off the log (decision 0031), written beside the
 * projection of its `user.created` in the same transaction.
 */
export async function setPersonalData(
  tx: Transaction,
  id: string,
  displayName: string,
  email: string | null,
) {
  await tx.query('UPDATE users SET display_name = $2, email = $3 WHERE id = $1', [id, displayName, email]);
}

export type UserRecord = Omit<typeof users.$inferSelect, 'role'> & { role: Role };

export function createUserStore(db: Database) {
  return {
    userById: async (id: string): Promise<UserRecord | undefined> => {
      const [row] = await db.orm.select().from(users).where(eq(users.id, id));
      return row && { ...row, role: row.role as Role };
    },

    organisationExists: async (id: string): Promise<boolean> =>
      (await db.orm.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)))
        .length > 0,

    tokenById: async (jti: string) =>
      (
        await db.orm
          .select({ userId: apiTokens.userId, revokedAt: apiTokens.revokedAt })
          .from(apiTokens)
          .where(eq(apiTokens.jti, jti))
      )[0],
  };
}
