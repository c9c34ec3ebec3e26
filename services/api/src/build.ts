// Builds the Fastify instance around the app plugin: logging, request ids, limits.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import app from './app.ts';
import { sendProblem } from './plugins/errors.ts';
import type { Runtime } from './runtime.ts';

/** Credentials a client may send in a header: never written to the log. */
export const REDACTED_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
] as const;

/**
 * A client's x-request-id is kept only when it is short and plain (it goes into every log line and
 * back in the response); anything else is replaced by a fresh UUID.
 */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestId(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

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
      redact: {
        paths: [
          ...REDACTED_HEADERS.map((h) => `req.headers["${h}"]`),
          ...REDACTED_HEADERS.map((h) => `res.headers["${h}"]`),
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Fastify's default leaves headers out; we log them, with credentials redacted above.
        req: (request) => ({
          method: request.method,
          url: request.url,
          remoteAddress: request.ip,
          // The request id is logged as the id Fastify uses; a malformed one the client sent is not.
          headers:
            typeof request.headers['x-request-id'] === 'string' &&
            !REQUEST_ID.test(request.headers['x-request-id'])
              ? { ...request.headers, 'x-request-id': '[replaced]' }
              : request.headers,
        }),
      },
    },
    // Fastify would take the header verbatim; genReqId validates it instead.
    requestIdHeader: false,
    genReqId: requestId,
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
  // WebSocket upgrades (subscriptions to named EPCIS queries, decision 0026) are routed like any GET,
  // through the app's hooks: authentication, rate limits, validation.
  await server.register(websocket);
  await server.register(app, { runtime });
  return server;
}
