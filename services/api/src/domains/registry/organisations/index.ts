import {
  IdParams,
  ManagerInput,
  Organisation,
  OrganisationInput,
  OrganisationListQuery,
  OrganisationPlotsQuery,
  OrganisationUpdate,
  Plot,
  Problem,
  SupplyChain,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { linkNextPage, PAGING_DESCRIPTION } from '../../../paging.ts';
import type { createPlotService } from '../plots/service.ts';
import type { OrganisationService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export default async function organisationRoutes(
  app: FastifyInstance,
  {
    organisations,
    plots,
    access,
  }: { organisations: OrganisationService; plots: ReturnType<typeof createPlotService>; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The organisation record: visible through the chain, or kept by the caller's own organisation. */
  const requireReadable = (principal: Principal, id: string) => access.requireVisible(principal, id);

  r.get('/', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'listOrganisations',
      tags: ['registry'],
      summary: 'Organisations the caller may see (its chain and the suppliers it keeps), in name order',
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      querystring: OrganisationListQuery,
      response: { 200: z.array(Organisation), ...problems },
    },
    handler: async (request, reply) => {
      const principal = request.principal!;
      const page = await organisations.list(await access.visibleOrganisations(principal), request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.organisations;
    },
  });

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
      summary: 'One organisation',
      tags: ['registry'],
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: Organisation, ...problems },
    },
    handler: async (request) => {
      await requireReadable(request.principal!, request.params.id);
      const organisation = await organisations.get(request.params.id);
      if (!organisation) throw notFound(`organisation ${request.params.id} not found`);
      return organisation;
    },
  });

  r.patch('/:id', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'updateOrganisation',
      summary:
        'Change an organisation’s name, country, role, identifiers or site (its own users, its keeper, an admin)',
      description:
        'Each change is an `organisation.updated` entry holding the changed fields before and after. ' +
        'The kind and the keeper cannot be changed here. A PATCH that changes nothing writes nothing.',
      tags: ['registry'],
      security: [{ bearer: [] }],
      params: IdParams,
      body: OrganisationUpdate,
      response: { 200: Organisation, ...problems },
    },
    handler: async (request) => organisations.update(request.principal!, request.params.id, request.body),
  });

  r.get('/:id/plots', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'listOrganisationPlots',
      tags: ['registry'],
      summary: 'The plots of an organisation, in the order they were mapped',
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      params: IdParams,
      querystring: OrganisationPlotsQuery,
      response: { 200: z.array(Plot), ...problems },
    },
    handler: async (request, reply) => {
      // Plots follow the organisation's visibility (its chain, or the keeper of its records), as GET /v1/plots/{id} does.
      await access.requireVisible(request.principal!, request.params.id);
      const page = await plots.listOf(request.params.id, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.plots;
    },
  });

  r.get('/:id/supply-chain', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'supplier'),
    schema: {
      operationId: 'getSupplyChain',
      tags: ['registry'],
      summary: 'Every organisation upstream of this one, with its tier',
      security: [{ bearer: [] }],
      params: IdParams,
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
      params: IdParams,
      body: ManagerInput,
      response: { 200: Organisation, ...problems },
    },
    handler: async (request) =>
      organisations.changeManager(request.principal!, request.params.id, request.body.managerId),
  });
}
