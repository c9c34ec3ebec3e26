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
const toUser = (r: UserRow) => ({
  id: r.id,
  organisationId: r.organisation_id,
  role: r.role,
  displayName: r.display_name,
  email: r.email,
  entryIndex: Number(r.entry_index),
});

const TTL_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };
export const MAX_TOKEN_TTL_DAYS = 90;

/** True while a per-user token was issued and not revoked (expiry is checked by the JWT itself). */
export async function isTokenActive(db: SqlExecutor, tokenId: string): Promise<boolean> {
  const [row] = await db.query('SELECT 1 FROM api_tokens WHERE jti = $1 AND revoked_at IS NULL', [tokenId]);
  return row !== undefined;
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
        project: async (tx, index) => {
          await tx.query(
            'INSERT INTO users (id, organisation_id, role, display_name, email, entry_index) VALUES ($1, $2, $3, $4, $5, $6)',
            [
              id,
              input.organisationId ?? null,
              input.role,
              input.displayName,
              input.email ?? null,
              index.toString(),
            ],
          );
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
      const ttl = request.body.ttl;
      const seconds = Number(ttl.slice(0, -1)) * TTL_SECONDS[ttl.at(-1)!]!;
      if (seconds > MAX_TOKEN_TTL_DAYS * 86_400)
        throw forbidden(`a token lives at most ${MAX_TOKEN_TTL_DAYS} days`);
      const jti = randomUUID();
      const expiresAt = new Date(Date.now() + seconds * 1000);
      await appendRecord(writer, request.principal!, {
        type: 'token.issued',
        subject: `user:${user.id}`,
        body: { token: jti, role: user.role, expiresAt: expiresAt.toISOString() },
        conflict: 'token already issued',
        project: async (tx, index) => {
          await tx.query(
            'INSERT INTO api_tokens (jti, user_id, expires_at, entry_index) VALUES ($1, $2, $3, $4)',
            [jti, user.id, expiresAt.toISOString(), index.toString()],
          );
        },
      });
      const token = await mintToken(app.tokenKeys, {
        subject: `user:${user.id}`,
        role: user.role,
        organisationId: user.organisation_id ?? undefined,
        ttl: `${seconds}s`,
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
          project: async (tx) => {
            await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE jti = $1', [request.params.jti]);
          },
        });
      }
      return reply.code(204).send(null);
    },
  });
}
