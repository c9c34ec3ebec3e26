// Supply relationships: proposed by one side, accepted by the other (decision 0003). Someone acting
// for both sides (an admin, or the organisation that keeps both sides' records) declares at once.
import {
  IdParams,
  Problem,
  Relationship,
  RelationshipDecisionInput,
  RelationshipInput,
  RelationshipProposals,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OrganisationService } from '../../registry/organisations/service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export default async function relationshipRoutes(
  app: FastifyInstance,
  { organisations }: { organisations: OrganisationService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/relationships', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'declareRelationship',
      tags: ['registry'],
      summary:
        'Propose that a buyer sources a commodity from a supplier (accepted at once when the caller acts for both sides)',
      description:
        'The caller acts for one side: its own organisation or one whose records it keeps. The answer does not ' +
        'depend on whether the other side exists; only an accepted relationship extends visibility.',
      security: [{ bearer: [] }],
      body: RelationshipInput,
      response: { 201: Relationship, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await organisations.declareRelationship(request.principal!, request.body)),
  });

  r.post('/relationships/:id/acceptance', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'acceptRelationship',
      tags: ['registry'],
      summary: 'The other side accepts a proposed relationship',
      security: [{ bearer: [] }],
      params: IdParams,
      body: RelationshipDecisionInput.optional(),
      response: { 200: Relationship, ...problems },
    },
    handler: async (request) =>
      organisations.acceptRelationship(request.principal!, request.params.id, request.body?.reason),
  });

  r.post('/relationships/:id/rejection', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'rejectRelationship',
      tags: ['registry'],
      summary: 'Either side turns a proposed relationship down (or the proposer withdraws it)',
      security: [{ bearer: [] }],
      params: IdParams,
      body: RelationshipDecisionInput.optional(),
      response: { 200: Relationship, ...problems },
    },
    handler: async (request) =>
      organisations.rejectRelationship(request.principal!, request.params.id, request.body?.reason),
  });

  r.get('/organisations/:id/relationship-proposals', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'supplier'),
    schema: {
      operationId: 'listRelationshipProposals',
      tags: ['registry'],
      summary: 'Open proposals where this organisation is a side, for those who speak for it',
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: RelationshipProposals, ...problems },
    },
    handler: async (request) => organisations.openProposals(request.principal!, request.params.id),
  });
}
