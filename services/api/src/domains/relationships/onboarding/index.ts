import {
  BrandParams,
  EvidenceRequirementInput,
  InvitationInput,
  Onboarding,
  OnboardingListQuery,
  OnboardingParams,
  OnboardingSummary,
  Problem,
  TransitionInput,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage, PAGING_DESCRIPTION } from '../../../paging.ts';
import type { OnboardingService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const anyRole = ['admin', 'procurement', 'compliance', 'supplier'] as const;

export default async function onboardingRoutes(
  app: FastifyInstance,
  { onboarding }: { onboarding: OnboardingService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/onboarding', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance'),
    schema: {
      operationId: 'inviteSupplier',
      tags: ['onboarding'],
      summary: 'A brand invites a supplier to onboard',
      security: [{ bearer: [] }],
      body: InvitationInput,
      response: { 201: Onboarding, ...problems },
    },
    handler: async (request, reply) => {
      const { brandId, supplierId } = request.body;
      await onboarding.invite(request.principal!, brandId, supplierId);
      return reply.code(201).send(await onboarding.get(request.principal!, brandId, supplierId));
    },
  });

  r.get('/onboarding', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'listOnboarding',
      tags: ['onboarding'],
      summary: 'The onboarding queue: a brand’s suppliers by status, or a supplier’s invitations',
      description:
        'A brand’s procurement or compliance team sees its brand’s workflows; a supplier sees its own ' +
        '(`?status=invited` lists the invitations it has not answered); an admin sees all. `status` takes ' +
        `one value or several, comma-separated. ${PAGING_DESCRIPTION}`,
      security: [{ bearer: [] }],
      querystring: OnboardingListQuery,
      response: { 200: z.array(OnboardingSummary), ...problems },
    },
    handler: async (request, reply) => {
      const page = await onboarding.list(request.principal!, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.rows;
    },
  });

  r.get('/onboarding/:brandId/:supplierId', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'getOnboarding',
      summary: 'A supplier’s onboarding with a brand: status, history and evidence requirements',
      tags: ['onboarding'],
      security: [{ bearer: [] }],
      params: OnboardingParams,
      response: { 200: Onboarding, ...problems },
    },
    handler: async (request) =>
      onboarding.get(request.principal!, request.params.brandId, request.params.supplierId),
  });

  r.post('/onboarding/:brandId/:supplierId/transitions', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'transitionOnboarding',
      tags: ['onboarding'],
      summary: 'Move onboarding on: the supplier submits; the brand reviews, approves, rejects or suspends',
      security: [{ bearer: [] }],
      params: OnboardingParams,
      body: TransitionInput,
      response: { 200: Onboarding, ...problems },
    },
    handler: async (request) => {
      const { brandId, supplierId } = request.params;
      await onboarding.transition(
        request.principal!,
        brandId,
        supplierId,
        request.body.to,
        request.body.reason,
      );
      return onboarding.get(request.principal!, brandId, supplierId);
    },
  });

  r.post('/organisations/:brandId/evidence-requirements', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance'),
    schema: {
      operationId: 'setEvidenceRequirement',
      tags: ['onboarding'],
      summary:
        'What the brand requires of suppliers of a commodity (e.g. a reality snapshot of the site at procurement)',
      security: [{ bearer: [] }],
      params: BrandParams,
      body: EvidenceRequirementInput,
      response: { 201: EvidenceRequirementInput, ...problems },
    },
    handler: async (request, reply) => {
      await onboarding.requireEvidence(request.principal!, request.params.brandId, request.body);
      return reply.code(201).send(request.body);
    },
  });
}
