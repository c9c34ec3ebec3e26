import { migrationsApplied } from '@groundtruth/db';
import { HealthStatus, Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendProblem } from '../../plugins/errors.ts';
import type { Runtime } from '../../runtime.ts';

/** A load balancer's probe must get an answer quickly: a database that has not answered in 1 s is not ready. */
export const READY_TIMEOUT_MS = 1000;
/** Seconds a client should wait before trying again while the service is not ready. */
const RETRY_AFTER = '5';

class ReadyTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadyTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export default async function healthRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      response: { 200: HealthStatus },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  r.get('/ready', {
    schema: {
      operationId: 'getReadiness',
      tags: ['operations'],
      summary:
        'Readiness: the database answers within 1 s, every migration is applied, and the last self-audit of the log passed',
      response: { 200: HealthStatus, 503: Problem },
    },
    handler: async (request, reply) => {
      const retry = { 'retry-after': RETRY_AFTER };
      // A log that no longer reproduces its signed checkpoints must not serve: say so, whatever the database.
      const tampered = runtime.selfAudit.failure;
      if (tampered) return sendProblem(request, reply, 503, tampered);
      try {
        if (await withTimeout(migrationsApplied(runtime.db), READY_TIMEOUT_MS))
          return { status: 'ok' as const };
        return sendProblem(request, reply, 503, 'database migrations are not all applied', undefined, retry);
      } catch (error) {
        if (error instanceof ReadyTimeout) {
          request.log.warn('readiness check timed out');
          return sendProblem(
            request,
            reply,
            503,
            `the database did not answer within ${READY_TIMEOUT_MS} ms`,
            undefined,
            retry,
          );
        }
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(request, reply, 503, 'the database is not reachable', undefined, retry);
      }
    },
  });
}
