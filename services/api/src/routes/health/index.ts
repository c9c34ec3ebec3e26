import { migrationsApplied } from '@groundtruth/db';
import { Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../../plugins/errors.ts';
import type { Runtime } from '../../runtime.ts';

const Status = z.object({ status: z.literal('ok') });

export default async function healthRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      response: { 200: Status },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  r.get('/ready', {
    schema: {
      operationId: 'getReadiness',
      tags: ['operations'],
      summary: 'Readiness: the database answers and every migration is applied',
      response: { 200: Status, 503: Problem },
    },
    handler: async (request, reply) => {
      try {
        if (await migrationsApplied(runtime.db)) return { status: 'ok' as const };
        return sendProblem(request, reply, 503, 'database migrations are not all applied');
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(request, reply, 503, 'the database is not reachable');
      }
    },
  });
}
