// The projector of every entry type, one module per domain (docs/decisions/0031-projectors-and-rebuild.md).
// record.ts calls projectRun for the entries it appends; rebuild.ts calls projectEntry for each entry of the log.
import type { Transaction } from '@groundtruth/db';
import type { EntryEnvelope, JsonValue } from '@groundtruth/ledger';
import { auditProjectors } from './audits.ts';
import { epcisProjectors } from './epcis.ts';
import { evidenceProjectors } from './evidence.ts';
import { massBalanceProjectors } from './massbalance.ts';
import { onboardingProjectors } from './onboarding.ts';
import type { ProjectedEntry, Projector, Projectors, RunProjector } from './projector.ts';
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
  ...epcisProjectors,
  ...evidenceProjectors,
};

/** Whether the entry type has a registered projector. */
export const hasProjector = (type: string): boolean => Object.hasOwn(PROJECTORS, type);

/** An entry as the writer or the log gives it: its envelope (any type, body in the clear), index and body as logged. */
export interface LoggedEntry extends EntryEnvelope {
  index: bigint;
  logged: { [key: string]: JsonValue };
}

const projectorOf = (type: string) =>
  (PROJECTORS as Record<string, (Projector<never> & Partial<RunProjector<never>>) | undefined>)[type];

/** Writes the projection rows of one entry with its type's projector; a type without one is an error. */
export async function projectEntry(tx: Transaction, entry: LoggedEntry): Promise<void> {
  await projectRun(tx, [entry]);
}

/**
 * Splits consecutive entries into the runs a projector writes in one call, as `[start, end)` ranges:
 * entries of one type whose projector writes runs (`projectingRuns`) go together; any other entry is
 * a run of its own.
 */
export function projectionRuns(entries: readonly { type: string }[]): [start: number, end: number][] {
  const runs: [number, number][] = [];
  for (const [i, entry] of entries.entries()) {
    const last = runs.at(-1);
    if (last && entries[last[0]]!.type === entry.type && projectorOf(entry.type)?.run) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

/** Writes the projection rows of a run (projectionRuns) of entries with their type's projector. */
export async function projectRun(tx: Transaction, run: readonly LoggedEntry[]): Promise<void> {
  const type = run[0]?.type;
  if (type === undefined) return;
  const projector = projectorOf(type);
  if (!projector) throw new Error(`entry type ${type} has no projector`);
  if (run.some((entry) => entry.type !== type)) throw new Error('a run holds entries of one type');
  // The writer checked each body against its type's schema before it was logged.
  const entries = run as unknown as ProjectedEntry<never>[];
  if (projector.run) await projector.run(tx, entries);
  else if (entries.length === 1) await projector(tx, entries[0]!);
  else throw new Error(`entry type ${type} is projected one entry at a time`);
}
