// Reading values the two drivers hand back differently, in one place instead of a copy per service.
// Raw queries (`db.query`) see the drivers' own parsing: PGlite returns timestamptz as a Date and jsonb
// parsed, postgres.js (behind drizzle, which asks it to leave dates and json alone) returns both as
// text. Rows read through drizzle (`db.orm`) need none of this: their columns map to one type each.
import { type Column, type SQL, sql } from 'drizzle-orm';

/** A timestamp as RFC 3339 UTC with milliseconds, whichever form the driver returned it in. */
export const isoTime = (value: Date | string | number): string => new Date(value).toISOString();

/**
 * A json or jsonb value, parsed if the driver returned its text. Untyped unless T is given, as
 * JSON.parse is: the column's shape is the writer's, and callers that care name it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the same contract as JSON.parse.
export const jsonValue = <T = any>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * `column = ANY($n)` with the whole array as one parameter: the statement text stays the same however
 * many values there are (drizzle's inArray writes one parameter per value, and each length would be a
 * new prepared statement). An empty array matches nothing.
 */
export const anyOf = (column: Column, values: readonly unknown[]): SQL =>
  sql`${column} = ANY(${sql.param(values)})`;
