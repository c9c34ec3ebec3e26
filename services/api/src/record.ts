// Appending one domain record: its ledger entry (version 1, stamped now, by the caller) and its
// projection rows in the same transaction. A unique violation in the projection means the record
// already exists: the client gets 409 with the caller's words, never a 500.
import type { Transaction } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import type { Principal } from './auth.ts';
import { AppError } from './errors.ts';

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

export interface RecordSpec {
  type: string;
  subject: string;
  body: { [key: string]: JsonValue };
  /** Writes the projection rows, knowing the entry's index. */
  project: (tx: Transaction, entryIndex: bigint) => Promise<void>;
  /** The 409 message when the record already exists. */
  conflict: string;
}

/** Appends the record and resolves with its entry index once it is durably in the log. */
export async function appendRecord(
  writer: LedgerWriter,
  principal: Principal,
  spec: RecordSpec,
): Promise<number> {
  try {
    const receipt = await writer.append({
      entries: [
        {
          type: spec.type,
          version: 1,
          at: new Date().toISOString(),
          actor: principal.subject,
          subject: spec.subject,
          body: spec.body,
        },
      ],
      project: (tx, [appended]) => spec.project(tx, appended!.index),
    });
    return Number(receipt.entries[0]!.index);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', spec.conflict, { cause: error });
    throw error;
  }
}
