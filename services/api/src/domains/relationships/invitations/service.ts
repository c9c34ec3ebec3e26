// Invitations (decision 0013). Who may invite is checked before anything is written; redemption is
// single-use because the projection marks the invitation redeemed only while it is still pending,
// under the ledger's sequencing lock: a second redemption finds nothing to mark and rolls back.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { InvitationStatus, NewSupplierInvitation, RedemptionInput } from '@groundtruth/schemas';
import { z } from 'zod';
import { type Access, acceptedRelationshipExists } from '../../../access.ts';
import { mintToken, type Principal, type TokenKeys } from '../../../auth.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { StaleRecord } from '../../../projections/projector.ts';
import { appendRecords } from '../../../record.ts';

type Status = z.output<typeof InvitationStatus>;

/** 256 random bits, base64url without padding (43 characters). */
export const newInvitationToken = () => randomBytes(32).toString('base64url');
export const tokenDigest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** How long the token a redemption returns lives; the user issues itself others with it. */
export const REDEMPTION_TOKEN_SECONDS = 12 * 3600;

interface InvitationRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  invited_by: string;
  inviter_organisation_id: string | null;
  invitee_name: string | null;
  invitee_email: string | null;
  expires_at: Date | string;
  created_at: Date | string;
  entry_index: string | number;
  redeemed_at: Date | string | null;
  redeemed_user_id: string | null;
  revoked_at: Date | string | null;
}

const statusOf = (r: InvitationRow, now = Date.now()): Status =>
  r.redeemed_at
    ? 'redeemed'
    : r.revoked_at
      ? 'revoked'
      : new Date(r.expires_at).getTime() <= now
        ? 'expired'
        : 'pending';

const toInvitation = (r: InvitationRow) => ({
  id: r.id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  invitedBy: r.invited_by,
  inviterOrganisationId: r.inviter_organisation_id,
  displayName: r.invitee_name,
  email: r.invitee_email,
  status: statusOf(r),
  expiresAt: new Date(r.expires_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
  redeemedUserId: r.redeemed_user_id,
  entryIndex: Number(r.entry_index),
});

const SELECT = `SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id`;

/** The invitation stopped being pending meanwhile (its projector found it so): nothing was written. */
const noLongerPending = (error: unknown) => error instanceof AppError && error.cause instanceof StaleRecord;

const gone = () => new AppError('gone', 'this invitation was already redeemed, revoked, or has expired');

export function createInvitationService({
  db,
  writer,
  access,
  tokenKeys,
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
  tokenKeys: TokenKeys;
}) {
  async function byId(id: string): Promise<InvitationRow | undefined> {
    const [row] = await db.query<InvitationRow>(`${SELECT} WHERE i.id = $1`, [id]);
    return row;
  }

  /**
   * Whether the principal may invite users into the supplier: an admin; the organisation that keeps
   * its records; or a buyer with an accepted relationship, while the supplier has no user of its own
   * (after that, the supplier's people are its own or its keeper's business).
   */
  async function requireInviter(principal: Principal, supplierId: string) {
    await access.requireVisible(principal, supplierId);
    const [supplier] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
      supplierId,
    ]);
    if (!supplier) throw notFound('not found');
    if (supplier.kind !== 'supplier')
      throw badRequest(`organisation ${supplierId} is not a supplier`, [
        { in: 'body', pointer: '/organisationId', detail: 'must be a supplier' },
      ]);
    if (principal.role === 'admin' || (await access.actsFor(principal, supplierId))) return;
    const own = principal.organisationId;
    if (own && (await acceptedRelationshipExists(db, own, supplierId))) {
      const [users] = await db.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM users WHERE organisation_id = $1',
        [supplierId],
      );
      if (Number(users?.n ?? 0) === 0) return;
      throw forbidden('this supplier has users already: they, its keeper or an admin invite others');
    }
    throw forbidden('only the supplier’s keeper, a buyer with an accepted relationship, or an admin invites');
  }

  return {
    async create(principal: Principal, input: z.output<typeof NewSupplierInvitation>) {
      await requireInviter(principal, input.organisationId);
      const id = randomUUID();
      const token = newInvitationToken();
      const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
      const inviterOrganisation = principal.role === 'admin' ? null : (principal.organisationId ?? null);
      await appendRecords(writer, principal, [
        {
          type: 'invitation.created',
          subject: `invitation:${id}`,
          // No token, digest, name or e-mail: the entry says who invited whom into which organisation.
          body: {
            organisation: `organisation:${input.organisationId}`,
            role: 'supplier',
            expiresAt: expiresAt.toISOString(),
            ...(inviterOrganisation ? { inviter: `organisation:${inviterOrganisation}` } : {}),
          },
          conflict: `invitation ${id} already exists`,
          // Kept off the log (decision 0031): the token's digest, the invitee's name and e-mail.
          after: async (tx) => {
            await tx.query(
              'UPDATE invitations SET token_sha256 = $2, invitee_name = $3, invitee_email = $4 WHERE id = $1',
              [id, tokenDigest(token), input.displayName, input.email ?? null],
            );
          },
        },
      ]);
      const row = await byId(id);
      return { ...toInvitation(row!), token };
    },

    /** The invitations the caller's organisation made or received (an admin: all), oldest first. */
    async list(
      principal: Principal,
      filter: {
        organisation?: string | undefined;
        status?: Status | undefined;
        perPage: number;
        nextPageToken?: string | undefined;
      },
    ) {
      const { perPage, nextPageToken, ...filters } = filter;
      const cursor = cursorFor('invitations', filters, z.tuple([z.number().int()]), nextPageToken);
      const sql = new SqlParameters();
      const where: string[] = [];
      if (principal.role !== 'admin') {
        const own = principal.organisationId;
        if (!own) return { rows: [], nextPageToken: undefined };
        const p = sql.add(own);
        where.push(`(i.inviter_organisation_id = ${p}::uuid OR i.organisation_id = ${p}::uuid)`);
      }
      if (filters.organisation) where.push(`i.organisation_id = ${sql.add(filters.organisation)}::uuid`);
      if (filters.status === 'redeemed') where.push('i.redeemed_at IS NOT NULL');
      else if (filters.status === 'revoked') where.push('i.revoked_at IS NOT NULL');
      else if (filters.status === 'expired')
        where.push('i.redeemed_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now()');
      else if (filters.status === 'pending')
        where.push('i.redeemed_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
      if (cursor.after) where.push(`i.entry_index > ${sql.add(cursor.after[0])}`);
      const rows = await db.query<InvitationRow>(
        `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY i.entry_index LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
      const page = pageOf(rows, perPage, cursor, (r) => [Number(r.entry_index)] as [number]);
      return { rows: page.rows.map(toInvitation), nextPageToken: page.nextPageToken };
    },

    /** Revokes a pending invitation: the inviting organisation's procurement team, or an admin. */
    async revoke(principal: Principal, id: string) {
      const row = await byId(id);
      const mine =
        principal.role === 'admin' ||
        (row?.inviter_organisation_id != null && row.inviter_organisation_id === principal.organisationId);
      if (!row || !mine) throw notFound(`invitation ${id}`);
      if (statusOf(row) !== 'pending') throw new AppError('conflict', `this invitation is ${statusOf(row)}`);
      try {
        await appendRecords(writer, principal, [
          {
            type: 'invitation.revoked',
            subject: `invitation:${id}`,
            body: { organisation: `organisation:${row.organisation_id}` },
            conflict: 'already revoked',
          },
        ]);
      } catch (error) {
        if (noLongerPending(error))
          throw new AppError('conflict', 'this invitation was redeemed or revoked meanwhile');
        throw error;
      }
      return toInvitation((await byId(id))!);
    },

    /**
     * Redeems a token: creates the supplier's user and its first token, and marks the invitation
     * redeemed, all in one append (`user.created`, `token.issued`, `invitation.redeemed`), acted by
     * the new user. Unknown → 404; redeemed, revoked or expired → 410; nothing written either way.
     */
    async redeem(input: z.output<typeof RedemptionInput>) {
      const [row] = await db.query<InvitationRow>(`${SELECT} WHERE i.token_sha256 = $1`, [
        tokenDigest(input.token),
      ]);
      if (!row) throw notFound('invitation token');
      if (statusOf(row) !== 'pending') throw gone();
      const userId = randomUUID();
      const jti = randomUUID();
      const displayName = input.displayName ?? row.invitee_name;
      const email = input.email ?? row.invitee_email;
      const expiresAtSeconds = Math.floor(Date.now() / 1000) + REDEMPTION_TOKEN_SECONDS;
      const expiresAt = new Date(expiresAtSeconds * 1000).toISOString();
      const actor: Principal = {
        subject: `user:${userId}`,
        role: 'supplier',
        organisationId: row.organisation_id,
      };
      let userEntry = 0n;
      try {
        await appendRecords(writer, actor, [
          {
            type: 'user.created',
            subject: `user:${userId}`,
            body: { organisation: `organisation:${row.organisation_id}`, role: 'supplier' },
            conflict: `user ${userId} already exists`,
            // Personal data kept off the log (decision 0031).
            after: async (tx, logged) => {
              userEntry = logged.index;
              await tx.query('UPDATE users SET display_name = $2, email = $3 WHERE id = $1', [
                userId,
                displayName,
                email,
              ]);
            },
          },
          {
            type: 'token.issued',
            subject: `user:${userId}`,
            body: { token: jti, role: 'supplier', expiresAt },
            conflict: 'token already issued',
          },
          {
            type: 'invitation.redeemed',
            subject: `invitation:${row.id}`,
            body: { organisation: `organisation:${row.organisation_id}`, user: `user:${userId}` },
            conflict: 'this invitation was already redeemed',
          },
        ]);
      } catch (error) {
        if (noLongerPending(error)) throw gone();
        throw error;
      }
      const token = await mintToken(tokenKeys, {
        subject: `user:${userId}`,
        role: 'supplier',
        organisationId: row.organisation_id,
        ttl: { expiresAtSeconds },
        tokenId: jti,
      });
      return {
        user: {
          id: userId,
          organisationId: row.organisation_id,
          role: 'supplier' as const,
          displayName,
          email,
          entryIndex: Number(userEntry),
        },
        token: { token, jti, expiresAt },
      };
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
