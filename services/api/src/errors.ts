// Typed errors, mapped to RFC 9457 problem+json by plugins/errors.ts.

import type { ZodError } from 'zod';
export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation: 'Invalid request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'Gone',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media',
  too_many_requests: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

export interface FieldError {
  in?: 'body' | 'query' | 'params' | 'headers';
  pointer: string;
  detail: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      cause?: unknown;
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** A problem type of a standard's own (an EPCIS exception) instead of Groundtruth's. */
      type?: string;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** A zod error's issues as body fields, under `prefix` (a JSON Pointer, '' for the body itself). */
export const fieldErrors = (error: ZodError, prefix = ''): FieldError[] =>
  error.issues.map((i) => ({ in: 'body', pointer: `${prefix}/${i.path.join('/')}`, detail: i.message }));

export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppError('validation', message, errors ? { errors } : {});
/**
 * A 404 body says only "not found" (issue 10): the request's URL is already in `instance`, and
 * naming anything more (an owner organisation, a kind, whether an id exists elsewhere) tells a
 * stranger what it may not see. `what` describes the miss for the code reading it, not the client.
 */
export const notFound = (what?: string) =>
  new AppError('not_found', 'not found', what ? { cause: what } : {});
export const forbidden = (message: string) => new AppError('forbidden', message);
export const unauthorized = (message: string) =>
  new AppError('unauthorized', message, {
    headers: {
      'www-authenticate': `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    },
  });
