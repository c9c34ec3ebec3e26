// The published contract, /openapi.json (OpenAPI 3.1). fastify-type-provider-zod turns each route's
// zod schemas into JSON Schema; every schema with an `id` in zod's global registry — all named wire
// types of @groundtruth/schemas (`.meta({ id })`), and any a route module names the same way — is
// published under components.schemas (`<id>` for what the service sends, `<id>Input` for what it
// accepts), so every `$ref` resolves without a list to keep up to date by hand.
//
// Two documentation-only route keys describe what the JSON validator never sees: request bodies
// that are raw bytes or CSV (`requestContent`) and responses that are bytes or text
// (`responseContent`). Examples of the main writes come from openapi-examples.ts.
import { STATUS_CODES } from 'node:http';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { Problem } from '@groundtruth/schemas';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REQUEST_EXAMPLES } from './openapi-examples.ts';
import { PROBLEM_CONTENT_TYPE } from './plugins/errors.ts';

export interface DocumentedContent {
  description?: string;
  /** Media type → schema of the body in that type. */
  content: Record<string, z.ZodType>;
  /** Response headers worth knowing, by name. */
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

declare module 'fastify' {
  interface FastifySchema {
    /** OpenAPI only: a request body the route reads itself (bytes, CSV, JSON-LD), by media type. */
    requestContent?: DocumentedContent;
    /** OpenAPI only: responses whose bodies are not JSON (bytes, text), by status code. */
    responseContent?: Record<number, DocumentedContent & { description: string }>;
  }
}

/** Raw bytes in a request or response body. */
export const Binary = z.string().meta({ format: 'binary', description: 'the raw bytes' });
/** A text body (checkpoints, keys, CSV). */
export const Text = z.string();

/**
 * Problem responses of a route whose success body is not JSON (a `response` schema would constrain
 * what the handler may send), for `responseContent`.
 */
export function problemResponses(
  ...statuses: number[]
): Record<number, DocumentedContent & { description: string }> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: `${STATUS_CODES[status] ?? 'Error'}: RFC 9457 problem details`,
        content: { [PROBLEM_CONTENT_TYPE]: Problem },
      },
    ]),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI objects are edited as loose JSON here.
type AnyRecord = Record<string, any>;
type TransformInput = Parameters<SwaggerTransform>[0];

/** One zod schema as the library's own transform renders it, with `$ref`s to components. */
function renderSchema(document: TransformInput, schema: z.ZodType, side: 'input' | 'output'): AnyRecord {
  if (side === 'input') {
    const out = jsonSchemaTransform({ ...document, schema: { body: schema } } as TransformInput) as AnyRecord;
    return out.schema.body;
  }
  const out = jsonSchemaTransform({ ...document, schema: { response: { 200: schema } } } as TransformInput);
  return (out as AnyRecord).schema.response[200];
}

function renderContent(document: TransformInput, documented: DocumentedContent, side: 'input' | 'output') {
  const content: AnyRecord = {};
  for (const [mediaType, schema] of Object.entries(documented.content))
    content[mediaType] = { schema: renderSchema(document, schema, side) };
  return content;
}

export const transform: SwaggerTransform = (document) => {
  const { requestContent, responseContent, ...schema } = (document.schema ?? {}) as AnyRecord;
  const input = { ...document, schema } as TransformInput;
  const out = jsonSchemaTransform(input) as AnyRecord;
  const transformed: AnyRecord = out.schema ?? {};
  if (transformed.hide) return out as ReturnType<SwaggerTransform>;

  if (requestContent) {
    transformed.body = {
      ...(requestContent.description ? { description: requestContent.description } : {}),
      content: renderContent(input, requestContent, 'input'),
    };
  }
  if (responseContent) {
    transformed.response ??= {};
    for (const [status, documented] of Object.entries(responseContent as Record<string, DocumentedContent>)) {
      transformed.response[status] = {
        description: documented.description,
        content: renderContent(input, documented, 'output'),
        ...(documented.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(documented.headers).map(([name, h]) => [
                  name,
                  { description: h.description, ...renderSchema(input, h.schema, 'output') },
                ]),
              ),
            }
          : {}),
      };
    }
  }
  return { ...out, schema: transformed } as ReturnType<SwaggerTransform>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const PROBLEM_REF = '#/components/schemas/Problem';

export const transformObject: SwaggerTransformObject = (document) => {
  const published = jsonSchemaTransformObject(document) as AnyRecord;
  // A resource's collection route is declared as `/` under its prefix; Fastify answers both
  // /v1/plots and /v1/plots/, and the README and clients use the first.
  for (const path of Object.keys(published.paths ?? {})) {
    const bare = path.replace(/(.)\/$/, '$1');
    if (bare !== path && !published.paths[bare]) {
      published.paths[bare] = published.paths[path];
      delete published.paths[path];
    }
  }
  for (const pathItem of Object.values(published.paths ?? {}) as AnyRecord[]) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation?.responses) continue;
      for (const [mediaType, examples] of Object.entries(REQUEST_EXAMPLES[operation.operationId] ?? {})) {
        const media = operation.requestBody?.content?.[mediaType];
        if (media) media.examples = examples;
      }
      for (const [status, response] of Object.entries(operation.responses as Record<string, AnyRecord>)) {
        const code = Number(status);
        if (response.description === 'Default Response')
          response.description = STATUS_CODES[code] ?? 'Response';
        // Errors leave as RFC 9457 problem details (plugins/errors.ts), whatever the route produces.
        const problem = (Object.values(response.content ?? {}) as AnyRecord[]).find(
          (media) => media.schema?.$ref === PROBLEM_REF,
        );
        if (code >= 400 && problem) {
          response.content = { [PROBLEM_CONTENT_TYPE]: problem };
          response.description = `${STATUS_CODES[code] ?? 'Error'}: RFC 9457 problem details`;
        }
      }
    }
  }
  return published as ReturnType<SwaggerTransformObject>;
};
