// RFC 8785 JSON Canonicalization Scheme (JCS).
// Property names sort by UTF-16 code units (§3.2.3); strings and numbers serialise as
// ECMAScript's JSON.stringify does (§3.2.2.2, §3.2.2.3), which is what JCS specifies.
// Input must be I-JSON (RFC 7493): no lone surrogates, finite numbers only.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// ES2024's String.prototype.isWellFormed (Node ≥ 20, current browsers) answers the same question as
// the regular expression several times faster on long strings; the expression remains the fallback.
/** The portable answer, for engines without isWellFormed (exported for the tests, not the package). */
export const isWellFormedPortable = (value: string): boolean => !LONE_SURROGATE.test(value);
const isWellFormed: (value: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (value) => (value as string & { isWellFormed(): boolean }).isWellFormed()
    : isWellFormedPortable;

/**
 * Where a value sits, as a chain of steps from the root. The printable path (`$.a[0].b`) is built
 * only when an error needs it: building it for every member costs more than serialising most values.
 */
interface Where {
  parent: Where | undefined;
  step: string | number;
}

function printPath(where: Where | undefined): string {
  const steps: (string | number)[] = [];
  for (let w = where; w; w = w.parent) steps.push(w.step);
  return `$${steps
    .reverse()
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('')}`;
}

function serialiseString(value: string, where: Where | undefined): string {
  if (!isWellFormed(value)) throw new CanonicalJsonError('lone surrogate in string', printPath(where));
  return JSON.stringify(value);
}

function serialise(value: unknown, where: Where | undefined, depth: number): string {
  if (depth > 64) throw new CanonicalJsonError('nesting deeper than 64 levels', printPath(where));
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number', printPath(where));
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, where);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += serialise(value[i], { parent: where, step: i }, depth + 1);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError('only plain objects are JSON', printPath(where));
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const member = record[k];
        if (member === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += `${serialiseString(k, where)}:${serialise(member, { parent: where, step: k }, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, printPath(where));
  }
}

/** The RFC 8785 canonical form of a JSON value, as a string. */
export function canonicalJson(value: unknown): string {
  return serialise(value, undefined, 0);
}

/** The RFC 8785 canonical form as UTF-8 bytes: what the ledger hashes. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
