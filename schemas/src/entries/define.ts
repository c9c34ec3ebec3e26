// What an entry type is: its name, its version, the zod schema of its body in the clear (before the
// writer commits its confidential fields) and the routes that write it. One definition per type and
// version; the writer refuses a body its definition does not accept (docs/decisions/0028-typed-entries.md).
import { z } from 'zod';

export interface EntryDefinition {
  /** The entry's `type`, e.g. `organisation.registered`. */
  type: string;
  /** The entry's `version`: a changed body is a new version beside the old, never an edit of it. */
  version: number;
  /** One sentence for the catalogue: what the entry records. */
  description: string;
  /** The body in the clear, as the service builds it. Objects are strict: an unknown field is refused. */
  body: z.ZodObject;
  /** Who writes it, as `METHOD /path` of the OpenAPI document (or `demo seed`). */
  writtenBy: readonly string[];
}

export function defineEntry<const D extends EntryDefinition>(definition: D): D {
  return definition;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A reference to a record as entries write it: `<kind>:<uuid>`, e.g. `organisation:…`. */
export function ref<const K extends string>(...kinds: K[]) {
  return z
    .string()
    .regex(
      new RegExp(`^(${kinds.join('|')}):${UUID}$`),
      `must be ${kinds.map((k) => `${k}:<uuid>`).join(' or ')}`,
    )
    .describe(`${kinds.join(' | ')} reference`);
}

/** A bare UUID where an entry holds one without its kind (ids of the record the entry names). */
export const bareUuid = z
  .string()
  .regex(new RegExp(`^${UUID}$`), 'must be a lowercase UUID')
  .describe('uuid');

/** RFC 3339 time as the service writes it (`Date#toISOString`, or as the client gave it). */
export const dateTime = z.iso.datetime({ offset: true }).describe('RFC 3339 date-time');

/** A calendar date, YYYY-MM-DD. */
export const date = z.iso.date().describe('YYYY-MM-DD');

/** An exact decimal as text (never a float): quantities, areas, yields. */
export const decimalText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "512.4"')
  .describe('decimal string');

/** A quantity as entries hold it: a decimal string and a UN/CEFACT Rec. 20 unit code. */
export const quantity = z.object({ value: decimalText, unit: z.string().regex(/^[A-Z0-9]{3}$/) }).strict();

/** A leaf index of the log. */
export const entryIndex = z.number().int().nonnegative().describe('ledger index');

/** An RFC 7638 JWK thumbprint (SHA-256, base64url): how entries name a registered signing key. */
export const kid = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be an RFC 7638 thumbprint')
  .describe('RFC 7638 thumbprint');

/** A compact JWS (RFC 7515 §7.1). */
export const compactJws = z
  .string()
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/, 'must be a compact JWS')
  .describe('compact JWS');
