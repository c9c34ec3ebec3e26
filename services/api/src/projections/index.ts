// The projector of every entry type, one module per domain (docs/decisions/0031-projectors-and-rebuild.md).
// record.ts calls projectEntry for each entry it appends; rebuild.ts calls it for each entry of the log.
import type { Transaction } from '@groundtruth/db';
import type { EntryEnvelope, JsonValue } from '@groundtruth/ledger';
import { auditProjectors } from './audits.ts';
import { epcisProjectors } from './epcis.ts';
import { interimKeyProjectors } from './interim-keys.ts';
import { massBalanceProjectors } from './massbalance.ts';
import { onboardingProjectors } from './onboarding.ts';
import type { ProjectedEntry, Projector, Projectors } from './projector.ts';
import { publicationProjectors } from './publication.ts';
import { registryProjectors } from './registry.ts';
import { traceabilityProjectors } from './traceability.ts';

export const PROJECTORS: Projectors = {
  ...registryProjectors,
  ...traceabilityProjectors,
  ...onboardingProjectors,
  ...massBalanceProjectors,
  ...auditProjectors,
  ...publicationProjectors,
  ...interimKeyProjectors,
  ...epcisProjectors,
};

/** Whether the entry type has a registered projector. */
export const hasProjector = (type: string): boolean => Object.hasOwn(PROJECTORS, type);

/** An entry as the writer or the log gives it: its envelope (any type, body in the clear), index and body as logged. */
export interface LoggedEntry extends EntryEnvelope {
  index: bigint;
  logged: { [key: string]: JsonValue };
}

/** Writes the projection rows of one entry with its type's projector; a type without one is an error. */
export async function projectEntry(tx: Transaction, entry: LoggedEntry): Promise<void> {
  const projector = (PROJECTORS as Record<string, Projector<never> | undefined>)[entry.type];
  if (!projector) throw new Error(`entry type ${entry.type} has no projector`);
  // The writer checked the body against its type's schema before it was logged.
  await projector(tx, entry as unknown as ProjectedEntry<never>);
}
