// Request rate limits (issue 10, item 6), with @fastify/rate-limit's in-memory store (per process):
// a request with a bearer token counts against that token, one without against its address, and
// the anonymous hashing routes (POST /v1/verify and /v1/verify/file, which hash what they are sent)
// against a stricter per-address budget of their own. Probes (/health, /ready) are never limited.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateLimits } from '../config.ts';
import { AppError } from '../errors.ts';

export const HASHING_ROUTES = new Set(['/v1/verify', '/v1/verify/file']);
const UNLIMITED_ROUTES = new Set(['/health', '/ready']);

type Budget = 'token' | 'ip' | 'hashing';

/** The budget a request draws on and its key. Tokens are keyed by digest: the log never sees them. */
export function rateLimitKey(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? '';
  if (request.method === 'POST' && HASHING_ROUTES.has(route)) return `hashing:${request.ip}`;
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  if (match) return `token:${createHash('sha256').update(match[1]!).digest('base64url').slice(0, 22)}`;
  return `ip:${request.ip}`;
}

async function rateLimitPlugin(app: FastifyInstance, limits: RateLimits) {
  const maxFor = (key: string): number => {
    const budget = key.slice(0, key.indexOf(':')) as Budget;
    return budget === 'token' ? limits.perToken : budget === 'hashing' ? limits.hashing : limits.perIp;
  };
  await app.register(rateLimit, {
    global: true,
    timeWindow: limits.windowMs,
    keyGenerator: rateLimitKey,
    max: (_request, key) => maxFor(key) || Number.MAX_SAFE_INTEGER,
    allowList: (request, key) => maxFor(key) === 0 || UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
    // Thrown to our error handler: 429 problem+json with Retry-After (RFC 6585 §4).
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'too_many_requests',
        `rate limit of ${context.max} requests exceeded: retry in ${context.after}`,
        {
          headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
        },
      ),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
