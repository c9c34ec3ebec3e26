// Keyset paging for the lists (organisations, plots, batches, products, onboarding, findings): the same
// convention as the EPCIS query interface. A page ends with `Link: <…>; rel="next"` (RFC 8288) while
// more rows follow; the link repeats the request's filters with an opaque `nextPageToken`.
//
// The token is the last row's sort key, tied to its list and to the filters it was made for. It only
// says where to resume: each page is still filtered by the caller's visibility, computed afresh, so a
// forged or edited token can move the start of a page but never reveal a row the caller cannot see.
// Keys are compared in SQL as row values, `(a, b) > ($1, $2)`, never by OFFSET.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from './errors.ts';

export const PAGING_DESCRIPTION =
  'Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass ' +
  'its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the ' +
  'caller may see.';

type KeyValue = string | number | null;

/** A short fingerprint of the filters a token was made for (paging parameters excluded). */
function fingerprint(list: string, filters: Record<string, unknown>): string {
  const entries = Object.entries(filters)
    .filter(([name, value]) => name !== 'perPage' && name !== 'nextPageToken' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([list, entries]))
    .digest('base64url')
    .slice(0, 16);
}

export interface Cursor<K extends KeyValue[]> {
  /** The sort key of the last row already served, or undefined on the first page. */
  after: K | undefined;
  /** The token that resumes after `key` (the last row of this page). */
  next(key: K): string;
}

/**
 * Reads a list's `nextPageToken` (attacker-controlled: parsed defensively, shape checked by `key`) and
 * gives the function that makes the next one. A token made for another list or other filters is
 * refused with 400 naming the parameter.
 */
export function cursorFor<K extends KeyValue[]>(
  list: string,
  filters: Record<string, unknown>,
  key: z.ZodType<K>,
  token: string | undefined,
): Cursor<K> {
  const filtersPrint = fingerprint(list, filters);
  const next = (k: K) => Buffer.from(JSON.stringify({ l: list, f: filtersPrint, k })).toString('base64url');
  if (token === undefined) return { after: undefined, next };
  const refuse = (detail: string) =>
    badRequest(`invalid nextPageToken: ${detail}`, [{ in: 'query', pointer: '/nextPageToken', detail }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a token of this list');
  }
  const shape = z.object({ l: z.literal(list), f: z.string(), k: key }).safeParse(decoded);
  if (!shape.success) throw refuse('not a token of this list');
  if (shape.data.f !== filtersPrint)
    throw refuse('made for other filters: repeat the first request’s filters');
  return { after: shape.data.k, next };
}

/** Collects SQL parameters as `$n` placeholders. */
export class SqlParameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Splits `perPage + 1` fetched rows into a page and, if the extra row exists, the token for the rest.
 */
export function pageOf<R, K extends KeyValue[]>(
  rows: R[],
  perPage: number,
  cursor: Cursor<K>,
  keyOf: (row: R) => K,
): { rows: R[]; nextPageToken: string | undefined } {
  if (rows.length <= perPage) return { rows, nextPageToken: undefined };
  const page = rows.slice(0, perPage);
  return { rows: page, nextPageToken: cursor.next(keyOf(page.at(-1)!)) };
}

/** Sets `Link: <same path and filters, with nextPageToken>; rel="next"` when another page follows. */
export function linkNextPage(
  request: FastifyRequest,
  reply: FastifyReply,
  nextPageToken: string | undefined,
) {
  if (!nextPageToken) return;
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('nextPageToken', nextPageToken);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
