// Checks real responses against the published OpenAPI document: the operation is found by method and
// path template, the status must be documented, the media type must be one the operation declares,
// and a JSON body must validate (ajv, JSON Schema 2020-12) against that response's schema, `$ref`s
// to components included.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as loose JSON.
export type OpenApiDocument = Record<string, any>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOCUMENT_ID = 'openapi.json';
/** RFC 6901 escaping of one JSON Pointer segment. */
const segment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const mediaTypeOf = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

export interface CheckedResponse {
  operationId: string;
  status: string;
  mediaType: string | undefined;
}

export function createContract(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  const templates = Object.keys(document.paths)
    .map((path) => ({
      path,
      pattern: new RegExp(
        `^${path
          .replace(/[.+?^$()[\]\\|]/g, '\\$&')
          .replace(/\{\*\}/g, '.+')
          .replace(/\{[^}]+\}/g, '[^/]+')}$`,
      ),
      variables: (path.match(/\{/g) ?? []).length,
    }))
    // A literal segment wins over a variable one (/imports/{kind}/template.csv before /imports/{kind}).
    .sort((a, b) => a.variables - b.variables);

  /** Errors of a value against the schema at a JSON Pointer into the document ([] when it validates). */
  function validateAt(pointer: string[], value: unknown): string[] {
    const ref = `${DOCUMENT_ID}#/${pointer.map(segment).join('/')}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  function operationFor(method: string, url: string) {
    const pathname = url.split('?')[0]!;
    const template = templates.find((t) => t.pattern.test(pathname));
    if (!template) throw new Error(`no path in the document matches ${pathname}`);
    const operation = document.paths[template.path][method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${template.path} is not documented`);
    return { template: template.path, operation };
  }

  return {
    document,
    validateAt,
    /** Throws with every mismatch between a response and the document. */
    check(method: string, url: string, response: LightMyRequestResponse): CheckedResponse {
      const { template, operation } = operationFor(method, url);
      const status = String(response.statusCode);
      const documented = operation.responses?.[status];
      const where = `${method} ${url} → ${status} (${operation.operationId})`;
      if (!documented) throw new Error(`${where}: status not documented`);
      if (!documented.content) {
        if (response.rawPayload.length > 0) throw new Error(`${where}: a body where none is documented`);
        return { operationId: operation.operationId, status, mediaType: undefined };
      }
      const mediaType = mediaTypeOf(response.headers['content-type']);
      const declared = Object.keys(documented.content).find(
        (m) => m === mediaType || (m.endsWith('/*') && mediaType.startsWith(m.slice(0, -1))) || m === '*/*',
      );
      if (!declared) {
        throw new Error(
          `${where}: media type ${mediaType} not among ${Object.keys(documented.content).join(', ')}`,
        );
      }
      if (/[/+]json$/.test(declared)) {
        const errors = validateAt(
          ['paths', template, method.toLowerCase(), 'responses', status, 'content', declared, 'schema'],
          response.json(),
        );
        if (errors.length > 0)
          throw new Error(`${where}: body does not match the schema: ${errors.join('; ')}`);
      }
      return { operationId: operation.operationId, status, mediaType: declared };
    },
  };
}
