// Appending domain records: each one a ledger entry (version 1, stamped now, by the caller) with its
// projection rows, written by the entry type's projector (projections/), all in one transaction. Bodies are given in the clear: the writer commits their
// confidential fields under the type's disclosure policy (docs/decisions/0011-selective-disclosure.md). A unique violation in a projection means the record
// already exists: the client gets 409 with the caller's words, never a 500.
import type { Transaction } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { AppendedEntry, AppendReceipt, LedgerWriter } from '@groundtruth/ledger-store';
import type { Principal } from './auth.ts';
import { requireKeysUnrevoked, type SigningKeyRef } from './domains/evidence/keys/unrevoked.ts';
import { AppError } from './errors.ts';
import { hasProjector, projectionRuns, projectRun } from './projections/index.ts';
import { StaleRecord } from './projections/projector.ts';

/**
 * Who wants to know that records were appended by this process (read caches, such as the
 * passport's): called with the entry types once they are durably in the log. Other processes'
 * appends are not seen here; caches bound their staleness with a time-to-live for those.
 */
const recordedListeners = new Set<(types: readonly string[]) => void>();

/** Subscribes to this process's appends; returns the unsubscribe function. */
export function onRecorded(listener: (types: readonly string[]) => void): () => void {
  recordedListeners.add(listener);
  return () => recordedListeners.delete(listener);
}

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

export interface RecordSpec {
  type: string;
  subject: string;
  /** The body in the clear; its type's projector writes the projection rows from it alone. */
  body: { [key: string]: JsonValue };
  /** The 409 message when the record already exists. */
  conflict: string;
  /**
   * Runs after the projector in the same transaction, for what the write keeps off the log (personal
   * data, secrets, content the entry names by digest: decision 0031), a setting of the transaction
   * (a planner hint), or a check that must hold under the writer's lock; never for a fact of the log.
   * A signing key's check is `signedBy`'s.
   */
  after?: (tx: Transaction, logged: AppendedEntry) => Promise<void>;
  /**
   * The key whose signature the record logs. A body holding a `jws` must name it here, with the body's
   * `kid`; appendRecords refuses one that does not, so no signed record can skip the check: the key is
   * checked once more under the writer's lock, after every projection of the transaction, and a key
   * revoked meanwhile refuses the append with KeyRevokedMeanwhile (409; decision 0005, amended).
   */
  signedBy?: SigningKeyRef;
  /**
   * Says in the caller's terms why the projector refused the record (e.g. at which event of a
   * document). Records of a type whose projector writes runs are projected together: the first
   * record's `refusal` and `conflict` speak for the run.
   */
  refusal?: (error: unknown) => unknown;
}

/**
 * Appends several records atomically: all their entries and projections commit together or not at
 * all. The signing keys of signed records are checked again under the writer's lock, then `after`
 * runs last in the same transaction (e.g. to store an idempotency key or restore a planner setting).
 * Resolves with the entry index of each record once they are durably in the log.
 */
export async function appendRecords(
  writer: LedgerWriter,
  principal: Principal,
  specs: RecordSpec[],
  after?: (tx: Transaction) => Promise<void>,
): Promise<number[]> {
  const receipt = await appendRecordsWithReceipt(writer, principal, specs, after);
  return receipt.entries.map((e) => Number(e.index));
}

/** As appendRecords, with the writer's receipt: leaf hashes and the checkpoint that covers them. */
export async function appendRecordsWithReceipt(
  writer: LedgerWriter,
  principal: Principal,
  specs: RecordSpec[],
  after?: (tx: Transaction) => Promise<void>,
): Promise<AppendReceipt> {
  const at = new Date().toISOString();
  const signingKeys = signingKeysOf(specs);
  let current: RecordSpec | undefined;
  try {
    const envelopes = specs.map((spec) => ({
      type: spec.type,
      version: 1,
      at,
      actor: principal.subject,
      subject: spec.subject,
      body: spec.body,
    }));
    const receipt = await writer.append({
      entries: envelopes,
      project: async (tx, appended) => {
        const entries = envelopes.map((envelope, i) => ({
          ...envelope,
          index: appended[i]!.index,
          logged: appended[i]!.entry.body,
        }));
        for (const [start, end] of projectionRuns(entries)) {
          const spec = specs[start]!;
          current = spec;
          // A type without a projector cannot be written (decision 0031): the writer's transaction aborts.
          if (!hasProjector(spec.type)) throw new Error(`entry type ${spec.type} has no projector`);
          await projectRun(tx, entries.slice(start, end)).catch((error: unknown) => {
            throw spec.refusal ? spec.refusal(error) : error;
          });
          for (let i = start; i < end; i++) await specs[i]!.after?.(tx, appended[i]!);
        }
        current = undefined;
        await requireKeysUnrevoked(tx, signingKeys);
        await after?.(tx);
      },
    });
    const types = specs.map((spec) => spec.type);
    for (const listener of recordedListeners) listener(types);
    return receipt;
  } catch (error) {
    if (isUniqueViolation(error) && current)
      throw new AppError('conflict', current.conflict, { cause: error });
    if (error instanceof StaleRecord) throw new AppError('conflict', error.message, { cause: error });
    throw error;
  }
}

/**
 * The distinct keys that signed these records. A record whose body logs a signature (a `jws`) without
 * naming its key in `signedBy` — the body's `kid`, of the organisation the body names as the signer
 * (`auditor` on an audit's conclusion, `organisation` elsewhere) — is a programming error, refused
 * before anything is written.
 */
function signingKeysOf(specs: readonly RecordSpec[]): SigningKeyRef[] {
  const keys = new Map<string, SigningKeyRef>();
  for (const spec of specs) {
    const { jws, kid, auditor, organisation } = spec.body;
    if (
      jws !== undefined &&
      (spec.signedBy?.kid !== kid ||
        `organisation:${spec.signedBy?.organisationId}` !== (auditor ?? organisation))
    )
      throw new Error(
        `${spec.type} logs a signature: the record's signedBy must name the body's signer and kid`,
      );
    if (spec.signedBy) keys.set(`${spec.signedBy.organisationId} ${spec.signedBy.kid}`, spec.signedBy);
  }
  return [...keys.values()];
}

/** Appends one record; resolves with its entry index. */
export async function appendRecord(
  writer: LedgerWriter,
  principal: Principal,
  spec: RecordSpec,
): Promise<number> {
  const [index] = await appendRecords(writer, principal, [spec]);
  return index!;
}
