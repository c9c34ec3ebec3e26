// Passport policies (docs/decisions/0022): what a brand lets the public passport of its products show.

import { normaliseGtin } from '@groundtruth/quantity';
import {
  IdParams,
  PassportPolicy,
  PassportPolicyInput,
  Problem,
  ProductPolicyParams,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PassportPolicyService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const READERS = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;
const SETTERS = ['admin', 'procurement', 'compliance', 'supplier'] as const;
const DESCRIPTION =
  'A claim published about a batch (`POST /v1/disclosures/publications`) carries only the facts the ' +
  'policy in force allows, so nothing else reaches the public passport, its JSON or the log’s published ' +
  'disclosures. A product’s own policy overrides its organisation’s; without either, the default applies ' +
  '(origin countries, traced share, supplier roles, evidence counts, findings in words). Claims already ' +
  'published keep what they said: publish a new one after changing the policy.';

export default async function passportPolicyRoutes(
  app: FastifyInstance,
  { policies }: { policies: PassportPolicyService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/organisations/:id/passport-policy', {
    preHandler: app.requireRole(...READERS),
    schema: {
      operationId: 'getOrganisationPassportPolicy',
      tags: ['passport'],
      summary: 'The passport policy in force for an organisation’s products (its own, or the default)',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: PassportPolicy, ...problems },
    },
    handler: async (request) => policies.get(request.principal!, 'organisation', request.params.id),
  });

  r.put('/organisations/:id/passport-policy', {
    preHandler: app.requireRole(...SETTERS),
    schema: {
      operationId: 'setOrganisationPassportPolicy',
      tags: ['passport'],
      summary: 'Set what the passports of an organisation’s products may show: a ledger entry',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: IdParams,
      body: PassportPolicyInput,
      response: { 200: PassportPolicy, ...problems },
    },
    handler: async (request) =>
      policies.set(request.principal!, 'organisation', request.params.id, request.body),
  });

  r.get('/products/:gtin/passport-policy', {
    preHandler: app.requireRole(...READERS),
    schema: {
      operationId: 'getProductPassportPolicy',
      tags: ['passport'],
      summary: 'The passport policy in force for one product (its own, its organisation’s, or the default)',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: ProductPolicyParams,
      response: { 200: PassportPolicy, ...problems },
    },
    handler: async (request) =>
      policies.get(request.principal!, 'product', normaliseGtin(request.params.gtin)!),
  });

  r.put('/products/:gtin/passport-policy', {
    preHandler: app.requireRole(...SETTERS),
    schema: {
      operationId: 'setProductPassportPolicy',
      tags: ['passport'],
      summary:
        'Set what one product’s passport may show, overriding its organisation’s policy: a ledger entry',
      description: DESCRIPTION,
      security: [{ bearer: [] }],
      params: ProductPolicyParams,
      body: PassportPolicyInput,
      response: { 200: PassportPolicy, ...problems },
    },
    handler: async (request) =>
      policies.set(request.principal!, 'product', normaliseGtin(request.params.gtin)!, request.body),
  });
}
