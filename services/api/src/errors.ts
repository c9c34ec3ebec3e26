// Typed errors, mapped to RFC 9457 problem+json by plugins/errors.ts.

import type { ZodError } from 'zod';
export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

export const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation: 'Invalid request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media',
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
    readonly options: { cause?: unknown; errors?: FieldError[]; headers?: Record<string, string> } = {},
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
export const notFound = (message: string) => new AppError('not_found', message);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const unauthorized = (message: string) =>
  new AppError('unauthorized', message, {
    headers: {
      'www-authenticate': `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    },
  });
