import { Batch, Problem, Trace, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventService } from '../events/service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const anyRole = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

export default async function batchRoutes(app: FastifyInstance, { events }: { events: EventService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/:id', {
    preHandler: app.requireRole(...anyRole),
    schema: {
      operationId: 'getBatch',
      summary: 'One batch',
      tags: ['traceability'],
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
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
      params: z.object({ id: Uuid }),
      response: { 200: Trace, ...problems },
    },
    handler: async (request) => events.trace(request.principal!, request.params.id),
  });
}
