// Passport credentials (docs/decisions/0022): the draft a product's organisation signs, the signed
// credential it sends back, and the did:web documents that publish its keys.
import {
  IdParams,
  IssuedPassportCredential,
  PassportCredentialDraft,
  PassportCredentialInput,
  Problem,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../errors.ts';
import { publicBaseUrl } from '../../../public-url.ts';
import { didDocument } from '../credential.ts';
import type { PassportCredentialService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const ROLES = ['admin', 'procurement', 'compliance', 'supplier'] as const;
const DESCRIPTION =
  'The lot’s passport as a W3C Verifiable Credential 2.0 in UN/CEFACT UNTP’s Digital Product Passport ' +
  'shape (0.6.0), drafted from the claim the product’s organisation published (the same facts as the ' +
  'passport page). The organisation signs it itself, as a JWS in compact serialisation with protected ' +
  'header `typ: vc+jwt`, `alg` of its key and `kid` = `did:web:…:organisations:{id}#{kid}` naming one of ' +
  'its registered keys (`gt keys`), and sends the JWS back; its private key never reaches the service. ' +
  'The credential is then served at `/passport/01/{gtin}/10/{lot}?format=vc` and linked as `gs1:dpp`; ' +
  'anyone verifies it with the key in `/organisations/{id}/did.json`.';

export default async function passportCredentialRoutes(
  app: FastifyInstance,
  { credentials }: { credentials: PassportCredentialService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/batches/:id/passport-credential', {
    preHandler: app.requireRole(...ROLES),
    schema: {
      operationId: 'draftPassportCredential',
      tags: ['passport'],
      summary: 'The unsigned passport credential of the batch’s lot, for its organisation to sign',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: IdParams,
      response: {
        200: PassportCredentialDraft,
        ...problems,
      },
    },
    handler: async (request) =>
      credentials.draft(request.principal!, request.params.id, publicBaseUrl(request)),
  });

  r.post('/v1/batches/:id/passport-credential', {
    preHandler: app.requireRole(...ROLES),
    schema: {
      operationId: 'issuePassportCredential',
      tags: ['passport'],
      summary: 'Issue the lot’s passport credential, signed by its organisation: a ledger entry',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: IdParams,
      body: PassportCredentialInput,
      response: {
        201: IssuedPassportCredential,
        ...problems,
      },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await credentials.issue(
            request.principal!,
            request.params.id,
            publicBaseUrl(request),
            request.body.jws,
          ),
        ),
  });

  // did:web resolution (https://w3c-ccg.github.io/did-method-web/): did:web:<host>:organisations:<id>
  // → https://<host>/organisations/<id>/did.json. Public: the keys are public entries of the log.
  app.get<{ Params: { id: string } }>(
    '/organisations/:id/did.json',
    { schema: { hide: true } },
    async (request, reply) => {
      const id = request.params.id;
      if (!z.uuid().safeParse(id).success) throw notFound('not found');
      const keys = await credentials.didDocumentKeys(id);
      if (keys.length === 0) throw notFound('not found');
      return reply
        .type('application/did+json')
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .send(didDocument(publicBaseUrl(request), id, keys));
    },
  );
}
