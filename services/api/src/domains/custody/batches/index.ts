import { Batch, BatchListQuery, BatchParams, Problem, Trace } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage, PAGING_DESCRIPTION } from '../../../paging.ts';
import type { EventService } from '../events/service.ts';
import type { BatchListing } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const anyRole = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

export default async function batchRoutes(
  app: FastifyInstance,
  { events, batches }: { events: EventService; batches: BatchListing },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'listBatches',
      tags: ['traceability'],
      summary: 'Find batches by lot code, product GTIN, holder, material or production time',
      description: `Filters combine (AND). ${PAGING_DESCRIPTION}`,
      security: [{ bearer: [] }],
      querystring: BatchListQuery,
      response: { 200: z.array(Batch), ...problems },
    },
    handler: async (request, reply) => {
      const page = await batches.list(request.principal!, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.batches;
    },
  });

  r.get('/:id', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'getBatch',
      summary: 'One batch',
      tags: ['traceability'],
      security: [{ bearer: [] }],
      params: BatchParams,
      response: { 200: Batch, ...problems },
    },
    handler: async (request) => events.getBatch(request.principal!, request.params.id),
  });

  r.get('/:id/trace', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'traceBatch',
      tags: ['traceability'],
      summary: 'The full upstream graph of a batch: events, batches and plots, with quantities and tiers',
      security: [{ bearer: [] }],
      params: BatchParams,
      response: { 200: Trace, ...problems },
    },
    handler: async (request) => events.trace(request.principal!, request.params.id),
  });
}
