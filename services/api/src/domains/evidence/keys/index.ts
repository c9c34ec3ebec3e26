// Organisations' signing keys: registered and revoked as ledger entries, listed for verifiers.
import {
  IdParams,
  Problem,
  RegisterKeyInput,
  Role,
  SigningKey,
  SigningKeyParams,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JWK } from 'jose';
import { z } from 'zod';
import { evidenceBodyParsers } from '../media-bodies.ts';
import type { KeyService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function keyRoutes(app: FastifyInstance, { keys }: { keys: KeyService }) {
  evidenceBodyParsers(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/organisations/:id/keys', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier', 'auditor'),
    schema: {
      operationId: 'registerSigningKey',
      tags: ['evidence'],
      summary: 'Register a public key for signing attestations or auditors’ statements (a ledger entry)',
      description:
        'The body is `{"jwk": <public JWK>}`: Ed25519 (`{"kty":"OKP","crv":"Ed25519","x":…}`) or P-256 ' +
        '(`{"kty":"EC","crv":"P-256","x":…,"y":…}`); a private key (with `d`) is refused. The key’s `kid` ' +
        'is its RFC 7638 thumbprint: sign with it in the JWS header. Suppliers (and the procurement teams ' +
        'mapping them) register their organisation’s keys; auditors register their own. `gt keys new` ' +
        'makes a pair and `gt keys register` sends it.',
      security: [{ bearer: [] }],
      params: IdParams,
      body: RegisterKeyInput,
      response: { 201: SigningKey, ...problems, 409: Problem },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await keys.registerKey(request.principal!, request.params.id, request.body.jwk as JWK)),
  });

  r.get('/organisations/:id/keys', {
    preHandler: app.requireRole(...Role.options),
    schema: {
      operationId: 'listSigningKeys',
      summary: 'The signing keys an organisation has registered',
      tags: ['evidence'],
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: z.array(SigningKey), ...problems },
    },
    handler: async (request) => keys.keys(request.principal!, request.params.id),
  });

  r.delete('/organisations/:id/keys/:kid', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier', 'auditor'),
    schema: {
      operationId: 'revokeSigningKey',
      tags: ['evidence'],
      summary: 'Revoke a key (a ledger entry): it can attest nothing after this',
      security: [{ bearer: [] }],
      params: SigningKeyParams,
      response: { 204: z.null(), ...problems, 409: Problem },
    },
    handler: async (request, reply) => {
      await keys.revokeKey(request.principal!, request.params.id, request.params.kid);
      return reply.code(204).send(null);
    },
  });
}
