// The EPCIS 2.0 XML binding at the REST interface (EPCIS 2.0 §12.7.1): content negotiation of query
// answers (JSON-LD stays the answer to a client that states no preference) and XML capture documents.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { epcisDocumentToXml, epcisXmlToDocument, XmlBindingError } from '@groundtruth/epcis';
import { EPCISQueryDocument } from '@groundtruth/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { z } from 'zod';
import { AppError, badRequest } from '../../errors.ts';
import type { DocumentedContent } from '../../openapi.ts';

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

/**
 * A JSON-LD EPCIS (query) document as the client asked for it: as is, or as the XML binding writes it.
 * An answer the XML binding cannot express (a stored event with a key that is no XML name, such as
 * `gt:lotData` in its first, LGTIN-keyed shape) is sent in the default binding instead: RFC 9110
 * §12.5.1 lets a server disregard `Accept` rather than answer 406, and JSON-LD says all of it.
 */
export function negotiatedDocument<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  document: T,
): T | FastifyReply {
  if (!prefersXml(request.headers.accept)) return document;
  let xml: string;
  try {
    xml = epcisDocumentToXml(document as Record<string, unknown>);
  } catch (error) {
    if (error instanceof XmlBindingError) return document;
    throw error;
  }
  // A string payload bypasses the route's JSON response serializer.
  return reply.type(XML_MEDIA_TYPE).send(xml);
}

/**
 * OpenAPI: the 200 answer of a route that negotiates (`responseContent`), in both bindings. The route's
 * `response` schema still checks the JSON-LD answer; the XML one is a string the converter wrote.
 */
export const NEGOTIATED_QUERY_RESPONSE: Record<200, DocumentedContent & { description: string }> = {
  200: {
    description:
      'OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or ' +
      'text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). ' +
      'An answer the XML binding cannot express (a stored event with a field that has no XML spelling) ' +
      'is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept',
    content: {
      'application/json': EPCISQueryDocument,
      'application/xml': z
        .string()
        .meta({ description: 'an epcisq:EPCISQueryDocument (EPCIS 2.0 XML binding)' }),
    },
  },
};

/** The media types of an XML EPCISDocument sent to /capture. */
export const XML_CAPTURE_TYPES = ['application/xml', 'text/xml'];
export const isXmlBody = (contentType: string | undefined) =>
  XML_CAPTURE_TYPES.includes((contentType ?? '').split(';')[0]!.trim().toLowerCase());

/** Enough WebAssembly memory (64 KiB pages) for xmllint to hold a document at the capture size limit. */
const XMLLINT_MAX_MEMORY_PAGES = 16_384;

/**
 * Reads XML capture documents: checked against GS1's EPCIS 2.0 XSD (libxml2's own validator, as
 * WebAssembly) and then converted to the JSON-LD document the capture path takes. A document that is
 * malformed or that the XSD refuses is a 400 naming the line and what is wrong; nothing is captured.
 */
export function createXmlCaptureReader(xsdDir: string) {
  let schemas: Promise<{ main: XMLFileInfo; imports: XMLFileInfo[] }> | undefined;
  const loadSchemas = async () => {
    const names = (await readdir(xsdDir)).filter((name) => name.endsWith('.xsd'));
    const files = await Promise.all(
      names.map(async (fileName) => ({ fileName, contents: await readFile(join(xsdDir, fileName), 'utf8') })),
    );
    const main = files.find((f) => f.fileName === 'EPCglobal-epcis-2_0.xsd');
    if (!main) throw new Error(`GS1's EPCIS XSD is not in ${xsdDir}`);
    return { main, imports: files.filter((f) => f !== main) };
  };

  return async function readXmlCapture(xml: string): Promise<Record<string, unknown>> {
    let xsd: { main: XMLFileInfo; imports: XMLFileInfo[] };
    try {
      schemas ??= loadSchemas();
      xsd = await schemas;
    } catch (cause) {
      schemas = undefined;
      throw new AppError('unavailable', 'XML capture is unavailable: GS1’s EPCIS XSD could not be read', {
        cause,
      });
    }
    const result = await validateXML({
      xml: [{ fileName: 'document.xml', contents: xml }],
      schema: [xsd.main],
      preload: xsd.imports,
      maxMemoryPages: XMLLINT_MAX_MEMORY_PAGES,
    });
    if (!result.valid) {
      const errors = result.errors.slice(0, 20).map((e) => ({
        in: 'body' as const,
        pointer: '',
        detail: `${e.loc?.lineNumber !== undefined ? `line ${e.loc.lineNumber}: ` : ''}${e.message}`,
      }));
      throw badRequest(
        `the XML is not an EPCISDocument that GS1's EPCIS 2.0 XSD accepts: ${errors[0]?.detail ?? 'unreadable'}`,
        errors,
      );
    }
    try {
      return epcisXmlToDocument(xml);
    } catch (error) {
      if (!(error instanceof XmlBindingError)) throw error;
      throw badRequest(`invalid XML EPCISDocument: ${error.message}`, [
        { in: 'body', pointer: error.pointer, detail: error.message },
      ]);
    }
  };
}
