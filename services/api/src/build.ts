// Builds the Fastify instance around the app plugin: logging, request ids, limits.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import app from './app.ts';
import { sendProblem } from './plugins/errors.ts';
import type { Runtime } from './runtime.ts';

export interface BuildOptions {
  runtime: Runtime;
  logLevel?: string;
  /** Where log lines go (stdout by default); tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
}

export async function buildServer({
  runtime,
  logLevel = 'info',
  logStream,
}: BuildOptions): Promise<FastifyInstance> {
  const server = Fastify({
    logger: {
      level: logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        // Fastify's default leaves headers out; we log them, with credentials redacted above.
        req: (request) => ({
          method: request.method,
          url: request.url,
          remoteAddress: request.ip,
          headers: request.headers,
        }),
      },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A path Fastify cannot decode (percent-encoded bytes that are not UTF-8) is the client's mistake,
    // answered as problem+json like every other.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply, error.statusCode ?? 400, error.message),
  });
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await server.register(app, { runtime });
  return server;
}
