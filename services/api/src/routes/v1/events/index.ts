import { EventInput, Problem, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../../auth.ts';
import type { EventService } from './service.ts';

const Recorded = z.object({ eventId: Uuid, batchIds: z.array(Uuid), entryIndex: z.number().int() });

export default async function eventRoutes(
  app: FastifyInstance,
  {
    events,
    afterHarvest,
  }: { events: EventService; afterHarvest?: (principal: Principal, eventId: string) => Promise<void> },
) {
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
    handler: async (request, reply) => {
      const recorded = await events.record(request.principal!, request.body);
      if (request.body.type === 'harvest') await afterHarvest?.(request.principal!, recorded.eventId);
      return reply.code(201).send(recorded);
    },
  });
}
