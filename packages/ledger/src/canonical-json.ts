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

function serialiseString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('lone surrogate in string', path);
  return JSON.stringify(value);
}

function serialise(value: unknown, path: string, depth: number): string {
  if (depth > 64) throw new CanonicalJsonError('nesting deeper than 64 levels', path);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number', path);
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, path);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => serialise(item, `${path}[${i}]`, depth + 1)).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError('only plain objects are JSON', path);
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      const members = keys.map(
        (k) => `${serialiseString(k, path)}:${serialise(record[k], `${path}.${k}`, depth + 1)}`,
      );
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, path);
  }
}

/** The RFC 8785 canonical form of a JSON value, as a string. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', 0);
}

/** The RFC 8785 canonical form as UTF-8 bytes: what the ledger hashes. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
