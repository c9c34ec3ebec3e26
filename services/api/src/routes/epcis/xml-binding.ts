// Content negotiation for the EPCIS 2.0 XML binding (EPCIS 2.0 §12.7.1: a REST client chooses the
// binding with `Accept`). JSON-LD stays the answer to a client that states no preference.
import { epcisDocumentToXml } from '@groundtruth/epcis';
import type { FastifyReply, FastifyRequest } from 'fastify';

const XML_TYPES = new Set(['application/xml', 'text/xml']);
const JSON_TYPES = new Set(['application/ld+json', 'application/json']);
export const XML_MEDIA_TYPE = 'application/xml; charset=utf-8';

/**
 * Whether `Accept` ranks XML above JSON-LD (RFC 9110 §12.5.1: the highest q wins, the more specific
 * range sets a type's q). A tie, a wildcard or no header keeps JSON-LD, the default binding.
 */
export function prefersXml(accept: string | undefined): boolean {
  if (!accept) return false;
  let xml = 0;
  let json: number | undefined;
  let any = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const qParameter = parameters.find((p) => p.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q)) continue;
    if (XML_TYPES.has(type)) xml = Math.max(xml, q);
    else if (JSON_TYPES.has(type)) json = Math.max(json ?? 0, q);
    else if (type === '*/*' || type === 'application/*') any = Math.max(any, q);
  }
  // JSON-LD stated explicitly ranks by its own q; otherwise a wildcard stands for it.
  return xml > (json ?? any);
}

/** A JSON-LD EPCIS (query) document as the client asked for it: as is, or as the XML binding writes it. */
export function negotiatedDocument<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  document: T,
): T | FastifyReply {
  if (!prefersXml(request.headers.accept)) return document;
  // A string payload bypasses the route's JSON response serializer.
  return reply.type(XML_MEDIA_TYPE).send(epcisDocumentToXml(document as Record<string, unknown>));
}
