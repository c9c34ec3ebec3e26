import { Problem, Relationship, RelationshipInput } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from '../../../access.ts';
import type { OrganisationService } from '../organisations/service.ts';

export default async function relationshipRoutes(
  app: FastifyInstance,
  { organisations, access }: { organisations: OrganisationService; access: Access },
) {
  app.withTypeProvider<ZodTypeProvider>().post('/', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'declareRelationship',
      tags: ['registry'],
      summary: 'Declare that a buyer sources a commodity from a supplier',
      security: [{ bearer: [] }],
      body: RelationshipInput,
      response: { 201: Relationship, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
    },
    handler: async (request, reply) => {
      // The buyer's side is the one written for: a supplier declares its own suppliers.
      await access.requireWritable(request.principal!, request.body.buyerId);
      return reply.code(201).send(await organisations.declareRelationship(request.principal!, request.body));
    },
  });
}
