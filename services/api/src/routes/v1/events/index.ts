import { EventInput, Problem, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventService } from './service.ts';

const Recorded = z.object({ eventId: Uuid, batchIds: z.array(Uuid), entryIndex: z.number().int() });

export default async function eventRoutes(app: FastifyInstance, { events }: { events: EventService }) {
  app.withTypeProvider<ZodTypeProvider>().post('/', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'recordTraceEvent',
      tags: ['traceability'],
      summary: 'Record a harvest, transfer or transformation; its output batches are created with it',
      security: [{ bearer: [] }],
      body: EventInput,
      response: { 201: Recorded, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await events.record(request.principal!, request.body)),
  });
}
