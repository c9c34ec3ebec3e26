import {
  ManagerInput,
  Organisation,
  OrganisationInput,
  Problem,
  SupplyChain,
  Uuid,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import { forbidden, notFound } from '../../../errors.ts';
import type { OrganisationService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export default async function organisationRoutes(
  app: FastifyInstance,
  { organisations, access }: { organisations: OrganisationService; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/', {
    preHandler: app.requireRole('admin', 'procurement'),
    schema: {
      operationId: 'registerOrganisation',
      tags: ['registry'],
      summary: 'Register a brand, supplier or auditor (procurement teams register suppliers)',
      security: [{ bearer: [] }],
      body: OrganisationInput,
      response: { 201: Organisation, ...problems },
    },
    handler: async (request, reply) => {
      const principal = request.principal!;
      if (principal.role !== 'admin' && request.body.kind !== 'supplier') {
        throw forbidden('only an admin registers brands and auditors');
      }
      return reply.code(201).send(await organisations.register(principal, request.body));
    },
  });

  r.get('/:id', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'getOrganisation',
      tags: ['registry'],
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: Organisation, ...problems },
    },
    handler: async (request) => {
      await access.requireVisible(request.principal!, request.params.id);
      const organisation = await organisations.get(request.params.id);
      if (!organisation) throw notFound(`organisation ${request.params.id} not found`);
      return organisation;
    },
  });

  r.get('/:id/supply-chain', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'supplier'),
    schema: {
      operationId: 'getSupplyChain',
      tags: ['registry'],
      summary: 'Every organisation upstream of this one, with its tier',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: SupplyChain, ...problems },
    },
    handler: async (request) => {
      await access.requireVisible(request.principal!, request.params.id);
      if (!(await organisations.get(request.params.id)))
        throw notFound(`organisation ${request.params.id} not found`);
      return {
        organisationId: request.params.id,
        suppliers: await organisations.supplyChain(request.params.id),
      };
    },
  });

  r.put('/:id/manager', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'setOrganisationManager',
      tags: ['registry'],
      summary: 'Change who keeps a supplier’s records (the supplier itself or an admin)',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      body: ManagerInput,
      response: { 200: Organisation, ...problems },
    },
    handler: async (request) =>
      organisations.changeManager(request.principal!, request.params.id, request.body.managerId),
  });
}
