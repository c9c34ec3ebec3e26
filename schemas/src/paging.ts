// The paging parameters of every keyset-paged list (the server's paging.ts reads them).
import { z } from 'zod';
import { safeText } from './common.ts';

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;

/** The query parameters every list takes, spread into its querystring schema. */
export const pageParameters = {
  perPage: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PER_PAGE)
    .default(DEFAULT_PER_PAGE)
    .describe(`rows per page (default ${DEFAULT_PER_PAGE}, at most ${MAX_PER_PAGE})`),
  nextPageToken: safeText()
    .max(4096)
    .optional()
    .describe('from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it'),
};
