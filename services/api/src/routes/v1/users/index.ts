// Users and their API tokens. Issuing and revoking a token are ledger entries (who, for whom, until
// when); names and e-mail stay off the ledger.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { IssuedToken, Problem, TokenRequest, User, UserInput, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mintToken, type Principal, type Role } from '../../../auth.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';

interface UserRow {
  id: string;
  organisation_id: string | null;
  role: Role;
  display_name: string | null;
  email: string | null;
  entry_index: string | number;
}

const TTL_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };
export const MAX_TOKEN_TTL_DAYS = 90;

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

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function userRoutes(
  app: FastifyInstance,
  { db, writer }: { db: SqlExecutor; writer: LedgerWriter },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const own = (p: Principal, userId: string) => p.role === 'admin' || p.subject === `user:${userId}`;

  async function userById(id: string): Promise<UserRow | undefined> {
    const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return row;
  }

  r.post('/users', {
    preHandler: app.requireRole('admin'),
    schema: {
      operationId: 'createUser',
      summary: 'Create a user (name and e-mail kept off the ledger)',
      tags: ['access'],
      security: [{ bearer: [] }],
      body: UserInput,
      response: { 201: User, ...problems },
    },
    handler: async (request, reply) => {
      const input = request.body;
      if (input.organisationId) {
        const [org] = await db.query('SELECT 1 FROM organisations WHERE id = $1', [input.organisationId]);
        if (!org) throw notFound(`organisation ${input.organisationId} not found`);
      }
      const id = randomUUID();
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'user.created',
        subject: `user:${id}`,
        body: {
          organisation: input.organisationId ? `organisation:${input.organisationId}` : null,
          role: input.role,
        },
        conflict: `user ${id} already exists`,
        // Personal data kept off the log (decision 0031).
        after: async (tx) => {
          await tx.query('UPDATE users SET display_name = $2, email = $3 WHERE id = $1', [
            id,
            input.displayName,
            input.email ?? null,
          ]);
        },
      });
      return reply.code(201).send({
        id,
        organisationId: input.organisationId ?? null,
        role: input.role,
        displayName: input.displayName,
        email: input.email ?? null,
        entryIndex,
      });
    },
  });

  r.post('/users/:id/tokens', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'issueToken',
      tags: ['access'],
      summary: 'Issue a bearer token for a user (admin, or the user for itself)',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      body: TokenRequest,
      response: { 201: IssuedToken, ...problems },
    },
    handler: async (request, reply) => {
      if (!own(request.principal!, request.params.id)) throw notFound(`user ${request.params.id} not found`);
      const user = await userById(request.params.id);
      if (!user) throw notFound(`user ${request.params.id} not found`);
      const parent = request.principal!;
      const ttl = request.body.ttl;
      const seconds = Number(ttl.slice(0, -1)) * TTL_SECONDS[ttl.at(-1)!]!;
      if (seconds > MAX_TOKEN_TTL_DAYS * 86_400)
        throw forbidden(`a token lives at most ${MAX_TOKEN_TTL_DAYS} days`);
      // A token never outranks the token that issues it: only an admin issues for another role.
      if (parent.role !== 'admin' && user.role !== parent.role)
        throw forbidden('a token cannot issue a token with another role than its own');
      // Nor outlives it: the expiry is capped at the parent's (whole seconds, as JWT exp is).
      const nowSeconds = Math.floor(Date.now() / 1000);
      let expiresAtSeconds = nowSeconds + seconds;
      if (parent.expiresAt !== undefined)
        expiresAtSeconds = Math.min(expiresAtSeconds, Math.floor(parent.expiresAt / 1000));
      const jti = randomUUID();
      const expiresAt = new Date(expiresAtSeconds * 1000);
      // Revoking the parent revokes this token too (isTokenActive follows the chain).
      const parentJti = parent.tokenId ?? null;
      await appendRecord(writer, parent, {
        type: 'token.issued',
        subject: `user:${user.id}`,
        body: {
          token: jti,
          role: user.role,
          expiresAt: expiresAt.toISOString(),
          ...(parentJti ? { parent: parentJti } : {}),
        },
        conflict: 'token already issued',
      });
      const token = await mintToken(app.tokenKeys, {
        subject: `user:${user.id}`,
        role: user.role,
        organisationId: user.organisation_id ?? undefined,
        ttl: { expiresAtSeconds },
        tokenId: jti,
      });
      return reply.code(201).send({ token, jti, expiresAt: expiresAt.toISOString() });
    },
  });

  r.delete('/tokens/:jti', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'revokeToken',
      summary: 'Revoke a per-user token (a ledger entry); it is refused at once',
      tags: ['access'],
      security: [{ bearer: [] }],
      params: z.object({ jti: Uuid }),
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const [token] = await db.query<{ user_id: string; revoked_at: Date | null }>(
        'SELECT user_id, revoked_at FROM api_tokens WHERE jti = $1',
        [request.params.jti],
      );
      if (!token || !own(request.principal!, token.user_id))
        throw notFound(`token ${request.params.jti} not found`);
      if (!token.revoked_at) {
        await appendRecord(writer, request.principal!, {
          type: 'token.revoked',
          subject: `user:${token.user_id}`,
          body: { token: request.params.jti },
          conflict: 'already revoked',
        });
      }
      return reply.code(204).send(null);
    },
  });
}
