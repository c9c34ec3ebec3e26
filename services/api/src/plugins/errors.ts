// Every error leaves as RFC 9457 application/problem+json with the request id. Client mistakes
// get a 4xx naming the offending field; 5xx and database messages never reach the client.
import { isDatabaseUnavailable } from '@groundtruth/db';
import { CanonicalJsonError } from '@groundtruth/ledger';
import { LedgerRangeError } from '@groundtruth/ledger-store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError, TITLE_BY_CODE } from '../errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER = '5';

const CONTEXT: Record<string, FieldError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'too_many_requests';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'internal' : 'validation';
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
  type?: string,
) {
  const code = codeForStatus(status);
  return reply
    .code(status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: type ?? `urn:groundtruth:problem:${code}`,
      title: TITLE_BY_CODE[code],
      status,
      detail,
      instance: request.url,
      requestId: String(request.id),
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    // An unreachable or restarting database is an outage to wait out, not a server bug (RFC 9110 §10.2.3).
    if ((!(error instanceof AppError) || error.status >= 500) && isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(request, reply, 503, 'the database is unavailable; try again later', undefined, {
        'retry-after': DATABASE_RETRY_AFTER,
      });
    }
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(
        request,
        reply,
        error.status,
        error.message,
        error.options.errors,
        error.options.headers,
        error.options.type,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = CONTEXT[(error as FastifyError).validationContext ?? 'body'];
      const errors = error.validation.flatMap((v) => {
        const at = v.instancePath === '/' ? '' : v.instancePath;
        // An unexpected property is the client's mistake at that property, not at its parent.
        const keys = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
        const pointers =
          keys.length > 0
            ? keys.map((k) => `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
            : [at || '/'];
        return pointers.map((pointer) => ({
          ...(where ? { in: where } : {}),
          pointer,
          detail: keys.length > 0 ? 'is not a recognised property' : (v.message ?? 'invalid'),
        }));
      });
      const fields = errors.map((e) => `${e.in ?? ''}${e.pointer}`).join(', ');
      return sendProblem(request, reply, 400, `invalid ${fields}`, errors);
    }
    if (error instanceof CanonicalJsonError) {
      // What a client sent cannot be written as RFC 8785 JSON (I-JSON, RFC 7493): its mistake, not ours.
      // The path names a place in the ledger entry, which is not the request body, so it is detail only.
      return sendProblem(request, reply, 400, `the record cannot be canonicalised: ${error.message}`);
    }
    if (error instanceof LedgerRangeError) {
      return sendProblem(request, reply, 400, error.message, [
        { in: 'query', pointer: `/${error.parameter}`, detail: error.message },
      ]);
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type…
      return sendProblem(request, reply, status, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'the server could not complete the request');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}

export default fp(errorsPlugin, { name: 'errors' });
