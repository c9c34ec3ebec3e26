// What a projector is: the code that turns one ledger entry into the rows of the tables read by the
// API, reading nothing of the request that wrote it (docs/decisions/0031-projectors-and-rebuild.md).
// The same projector runs when the entry is appended (in the writer's transaction) and when the log
// is replayed into an empty database (rebuild.ts), so the tables are what the log says.
import type { Transaction } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { EntryBody, EntryType } from '@groundtruth/schemas';

/** An entry as a projector reads it: the envelope, its index, and the body in the clear. */
export interface ProjectedEntry<T extends EntryType = EntryType> {
  /** The entry's leaf index in the log. */
  index: bigint;
  type: T;
  version: number;
  /** The record time: when the entry was appended (RFC 3339). */
  at: string;
  /** Who appended it (the principal's subject). */
  actor: string;
  subject: string;
  /** The body as its type's schema describes it, its confidential fields opened by their disclosures. */
  body: EntryBody<T>;
  /** The body as logged: its confidential fields replaced by their digests (`_sd`, decision 0011). */
  logged: { [key: string]: JsonValue };
}

/**
 * What a projector throws when the entry no longer fits the tables (a racing write changed what it
 * was decided on): the write it belongs to is refused with this message, as a conflict.
 */
export class StaleRecord extends Error {
  override name = 'StaleRecord';
}

/**
 * Writes an entry's projection rows. It may read the tables (what earlier entries projected, under the
 * writer's sequencing) and throw to refuse the write it belongs to (a conflict found only under the
 * lock); it must not read anything else.
 */
export type Projector<T extends EntryType> = (tx: Transaction, entry: ProjectedEntry<T>) => Promise<void>;

/**
 * A projector that also writes a run of consecutive entries of its type in one call, for types
 * appended by the thousand (attestations): one statement per table for the run instead of one per
 * entry. Projecting one entry is projecting a run of one, so both paths write the same rows.
 */
export interface RunProjector<T extends EntryType> extends Projector<T> {
  run: (tx: Transaction, entries: ProjectedEntry<T>[]) => Promise<void>;
}

/** A RunProjector from the function that writes a run. */
export function projectingRuns<T extends EntryType>(
  run: (tx: Transaction, entries: ProjectedEntry<T>[]) => Promise<void>,
): RunProjector<T> {
  return Object.assign((tx: Transaction, entry: ProjectedEntry<T>) => run(tx, [entry]), { run });
}

/** The projectors of some entry types, each keyed by the type it projects. */
export type Projectors = { [T in EntryType]?: Projector<T> };

/** The UUID of a `<kind>:<uuid>` reference, as entries write links to records. */
export function idOf(reference: string): string {
  const colon = reference.indexOf(':');
  if (colon < 0) throw new Error(`not a <kind>:<id> reference: ${reference}`);
  return reference.slice(colon + 1);
}

/** idOf for a reference that may be absent or null. */
export const idOrNull = (reference: string | null | undefined): string | null =>
  reference == null ? null : idOf(reference);

/** An index as the driver takes int8 parameters. */
export const indexText = (index: bigint | number): string => index.toString();

/**
 * The user row of an entry's actor (`user:<uuid>`) as projected so far, for entries logged before they
 * stated what projectors now read from the body; undefined for an operator or another non-user actor.
 */
export async function actorUser(
  tx: Transaction,
  actor: string,
): Promise<{ role: string; organisation_id: string | null } | undefined> {
  const userId = /^user:([0-9a-f-]{36})$/.exec(actor)?.[1];
  if (!userId) return undefined;
  const [user] = await tx.query<{ role: string; organisation_id: string | null }>(
    'SELECT role, organisation_id FROM users WHERE id = $1',
    [userId],
  );
  return user;
}
