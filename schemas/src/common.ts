import { z } from 'zod';

/** A tree size or index on the wire: decimal digits, no sign or leading zeros, below 2^63. */
export const TreeIndexParam = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'must be a non-negative decimal integer without leading zeros')
  .transform((s) => BigInt(s))
  .refine((n) => n < 1n << 63n, 'must be below 2^63');

/** Standard base64 of a 32-byte SHA-256 hash. */
export const Base64Hash = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of 32 bytes')
  .describe('base64 (RFC 4648 §4) of a 32-byte SHA-256 hash');

/** RFC 9457 problem details, with the offending fields of a validation error. */
export const Problem = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'params', 'headers']).optional(),
          pointer: z.string().describe('JSON Pointer (RFC 6901) to the offending field within `in`'),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
