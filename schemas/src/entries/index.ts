// Every ledger entry type the service writes, one definition per type and version, and the check the
// ledger writer runs on every entry before anything is written (docs/decisions/0028-typed-entries.md).
// A new type: define it in the file of its domain (or a new one listed here) and give it a policy
// row in ENTRY_POLICIES; `pnpm --filter @groundtruth/schemas generate` then rewrites docs/entries.md.
import type { z } from 'zod';
import { AUDIT_ENTRIES } from './audits.ts';
import type { EntryDefinition } from './define.ts';
import { EPCIS_QUERY_ENTRIES } from './epcis-queries.ts';
import { EVIDENCE_ENTRIES } from './evidence.ts';
import { MASS_BALANCE_ENTRIES } from './massbalance.ts';
import { ONBOARDING_ENTRIES } from './onboarding.ts';
import { PUBLICATION_ENTRIES } from './publication.ts';
import { REGISTRY_ENTRIES } from './registry.ts';
import { TRACEABILITY_ENTRIES } from './traceability.ts';

export { defineEntry, type EntryDefinition } from './define.ts';

export const ENTRY_DEFINITIONS: readonly EntryDefinition[] = [
  ...REGISTRY_ENTRIES,
  ...TRACEABILITY_ENTRIES,
  ...MASS_BALANCE_ENTRIES,
  ...ONBOARDING_ENTRIES,
  ...EVIDENCE_ENTRIES,
  ...PUBLICATION_ENTRIES,
  ...AUDIT_ENTRIES,
  ...EPCIS_QUERY_ENTRIES,
];

/** Every definition with its literal type and its body's own schema (for typed readers: projectors). */
type KnownDefinition =
  | (typeof REGISTRY_ENTRIES)[number]
  | (typeof TRACEABILITY_ENTRIES)[number]
  | (typeof MASS_BALANCE_ENTRIES)[number]
  | (typeof ONBOARDING_ENTRIES)[number]
  | (typeof EVIDENCE_ENTRIES)[number]
  | (typeof PUBLICATION_ENTRIES)[number]
  | (typeof AUDIT_ENTRIES)[number]
  | (typeof EPCIS_QUERY_ENTRIES)[number];

/** The name of an entry type the service writes. */
export type EntryType = KnownDefinition['type'];

/** The body in the clear of an entry type, as its schema gives it. */
export type EntryBody<T extends EntryType> = z.output<Extract<KnownDefinition, { type: T }>['body']>;

/** What the check needs of an entry: the envelope's type and version, and the body in the clear. */
export interface TypedEntry {
  type: string;
  version: number;
  body: unknown;
}

export interface EntryBodyIssue {
  /** Dotted path from the body, e.g. `outputs.0.quantity.value`; empty for the body itself. */
  path: string;
  message: string;
}

/** An entry refused before it was written: its type has no schema, or its body does not fit it. */
export class EntryBodyError extends Error {
  override name = 'EntryBodyError';
  constructor(
    readonly entryType: string,
    readonly version: number,
    readonly issues: readonly EntryBodyIssue[],
    message: string,
  ) {
    super(message);
  }
}

const keyOf = (type: string, version: number) => `${type}@${version}`;

/** The definitions by type and version; refuses two definitions of one type and version. */
export function entryRegistry(
  definitions: readonly EntryDefinition[] = ENTRY_DEFINITIONS,
): ReadonlyMap<string, EntryDefinition> {
  const registry = new Map<string, EntryDefinition>();
  for (const definition of definitions) {
    const key = keyOf(definition.type, definition.version);
    if (registry.has(key))
      throw new Error(`entry ${definition.type} version ${definition.version} is defined twice`);
    registry.set(key, definition);
  }
  return registry;
}

function issuesOf(error: z.ZodError): EntryBodyIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The check a ledger writer runs on each entry in the clear: throws EntryBodyError naming the type,
 * the version and the first offending field when the body does not fit its definition, and refuses a
 * type or version with no definition at all (an unknown type is never let through unchecked).
 */
export function entryBodyChecker(
  definitions: readonly EntryDefinition[] = ENTRY_DEFINITIONS,
): (entry: TypedEntry) => void {
  const registry = entryRegistry(definitions);
  return (entry) => {
    const definition = registry.get(keyOf(entry.type, entry.version));
    if (!definition)
      throw new EntryBodyError(
        entry.type,
        entry.version,
        [],
        `entry type ${entry.type} version ${entry.version} has no body schema: define it in schemas/src/entries`,
      );
    const parsed = definition.body.safeParse(entry.body);
    if (parsed.success) return;
    const issues = issuesOf(parsed.error);
    const first = issues[0]!;
    throw new EntryBodyError(
      entry.type,
      entry.version,
      issues,
      `entry type ${entry.type} version ${entry.version}: body${first.path ? `.${first.path}` : ''}: ${first.message}`,
    );
  };
}
