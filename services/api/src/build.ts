// Builds the Fastify instance around the app plugin: logging, request ids, limits.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import app from './app.ts';
import type { Runtime } from './runtime.ts';

export interface BuildOptions {
  runtime: Runtime;
  logLevel?: string;
}

export async function buildServer({ runtime, logLevel = 'info' }: BuildOptions): Promise<FastifyInstance> {
  const server = Fastify({
    logger: {
      level: logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await server.register(app, { runtime });
  return server;
}
