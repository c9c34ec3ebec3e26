import { z } from 'zod';

// NUL cannot be stored in a PostgreSQL text or jsonb value, and a lone UTF-16 surrogate is not Unicode
// text at all: UTF-8 cannot encode it (the driver would silently store U+FFFD) and RFC 8785 refuses it.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be kept as text (NUL, lone surrogate); undefined when it can. */
export function unsafeTextReason(value: string): string | undefined {
  if (value.includes(NUL)) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode: it holds a lone UTF-16 surrogate';
  return undefined;
}

/**
 * A string the database, the canonicaliser and every reader can hold: no NUL, no lone surrogate.
 * Every string field of every input schema starts here, so a refusal names the field's pointer.
 */
export const safeText = () =>
  z.string().check((ctx) => {
    const reason = unsafeTextReason(ctx.value);
    if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value, continue: false });
  });

/** A tree size or index on the wire: decimal digits, no sign or leading zeros, below 2^63. */
export const TreeIndexParam = safeText()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'must be a non-negative decimal integer without leading zeros')
  .transform((s) => BigInt(s))
  .refine((n) => n < 1n << 63n, 'must be below 2^63');

/** Standard base64 of a 32-byte SHA-256 hash. */
export const Base64Hash = safeText()
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

/** How deep a JSON body may nest: the ledger's canonical JSON (RFC 8785 encoder) refuses deeper values. */
export const MAX_JSON_DEPTH = 64;

const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What no JSON body may hold, wherever it sits, with the JSON Pointer (RFC 6901) of each: text that is
 * not safe (see unsafeTextReason) in a value or a member name, a number that parsed to ±Infinity
 * (1e309) and nesting deeper than MAX_JSON_DEPTH. For bodies no zod schema describes field by field
 * (EPCIS documents and their extensions, import rows), and as a second line for those it does.
 * At most `limit` issues; the walk never goes deeper than the limit, so it cannot exhaust the stack.
 */
export function jsonBodyIssues(value: unknown, limit = 20): { pointer: string; detail: string }[] {
  const issues: { pointer: string; detail: string }[] = [];
  const walk = (node: unknown, pointer: string, depth: number) => {
    if (issues.length >= limit) return;
    // Counted as RFC 8785's encoder in @groundtruth/ledger counts: the body itself is level 0.
    if (depth > MAX_JSON_DEPTH) {
      issues.push({ pointer, detail: `nests deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      if (reason) issues.push({ pointer, detail: reason });
    } else if (typeof node === 'number') {
      if (!Number.isFinite(node))
        issues.push({ pointer, detail: 'must be a finite number: it is beyond the range of a double' });
    } else if (node !== null && typeof node === 'object') {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) walk(node[i], `${pointer}/${i}`, depth + 1);
      } else {
        for (const [key, member] of Object.entries(node)) {
          const at = `${pointer}/${pointerToken(key)}`;
          const reason = unsafeTextReason(key);
          if (reason) issues.push({ pointer: at, detail: `member name ${reason}` });
          walk(member, at, depth + 1);
        }
      }
    }
  };
  walk(value, '', 0);
  return issues;
}
