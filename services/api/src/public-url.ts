// Absolute URLs this service hands out (Digital Links, QR codes, passport links): built from the
// scheme and host the client used, so they work wherever the service is reached. Behind a proxy,
// Fastify's trustProxy must be set for the forwarded scheme and host to be used.
import type { FastifyRequest } from 'fastify';

/** `https://id.example.com`: the scheme and host of the request, a scheme's default port left out. */
export function publicBaseUrl(request: FastifyRequest): string {
  const host = request.host.replace(request.protocol === 'https' ? /:443$/ : /:80$/, '');
  return `${request.protocol}://${host}`;
}
