// Users and their API tokens. Issuing and revoking a token are ledger entries (who, for whom, until
// when); names and e-mail stay off the ledger.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  IdParams,
  IssuedToken,
  Problem,
  TokenParams,
  TokenRequest,
  User,
  UserInput,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mintToken, type Principal } from '../../../auth.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { createUserStore, setPersonalData } from './store.ts';

const TTL_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };
export const MAX_TOKEN_TTL_DAYS = 90;

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function userRoutes(
  app: FastifyInstance,
  { db, writer }: { db: Database; writer: LedgerWriter },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const own = (p: Principal, userId: string) => p.role === 'admin' || p.subject === `user:${userId}`;
  const store = createUserStore(db);

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
        if (!(await store.organisationExists(input.organisationId)))
          throw notFound(`organisation ${input.organisationId} not found`);
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
        after: (tx) => setPersonalData(tx, id, input.displayName, input.email ?? null),
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
      params: IdParams,
      body: TokenRequest,
      response: { 201: IssuedToken, ...problems },
    },
    handler: async (request, reply) => {
      if (!own(request.principal!, request.params.id)) throw notFound(`user ${request.params.id} not found`);
      const user = await store.userById(request.params.id);
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
        organisationId: user.organisationId ?? undefined,
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
      params: TokenParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const token = await store.tokenById(request.params.jti);
      if (!token || !own(request.principal!, token.userId))
        throw notFound(`token ${request.params.jti} not found`);
      if (!token.revokedAt) {
        await appendRecord(writer, request.principal!, {
          type: 'token.revoked',
          subject: `user:${token.userId}`,
          body: { token: request.params.jti },
          conflict: 'already revoked',
        });
      }
      return reply.code(204).send(null);
    },
  });
}
