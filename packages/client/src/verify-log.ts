// Verifies a log the way an outside monitor does: checkpoint signature, then consistency with the
// last checkpoint this client saw, remembered in a local state file (trust on first use of the key).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromBase64, parseVerifierKey, toBase64, type VerifiedCheckpoint } from '@groundtruth/ledger';
import { compareTreeHeads, needsConsistencyProof, verifyCheckpoint } from '@groundtruth/verify';
import type { LedgerClient } from './http.ts';

export interface SeenCheckpoint {
  verifierKey: string;
  size: string;
  rootHash: string;
  note: string;
  seenAt: string;
}

export interface VerifyState {
  logs: Record<string, SeenCheckpoint>;
}

export function defaultStatePath(): string {
  return (
    process.env.GT_STATE_FILE ??
    join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'groundtruth', 'checkpoints.json')
  );
}

export function readState(path: string): VerifyState {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as VerifyState;
    return state && typeof state.logs === 'object' ? state : { logs: {} };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { logs: {} };
    throw new Error(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
}

function writeState(path: string, state: VerifyState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

export interface LogVerdict {
  ok: boolean;
  /** One line for a person or a log file. */
  message: string;
  checkpoint?: VerifiedCheckpoint;
}

export async function verifyLog(
  client: LedgerClient,
  options: { statePath: string; trustedKey?: string | undefined },
): Promise<LogVerdict> {
  const fail = (message: string): LogVerdict => ({
    ok: false,
    message: `FAIL ${client.baseUrl}: ${message}`,
  });
  try {
    const servedKey = await client.verifierKey();
    const state = readState(options.statePath);
    if (options.trustedKey && options.trustedKey !== servedKey) {
      return fail(`the log serves key ${servedKey}, not the trusted key ${options.trustedKey}`);
    }
    const key = options.trustedKey ?? servedKey;
    const { name } = parseVerifierKey(key);
    const previous = state.logs[name];
    if (previous && previous.verifierKey !== key) {
      return fail(`the log key changed from ${previous.verifierKey} to ${key} since ${previous.seenAt}`);
    }

    const note = await client.checkpoint();
    let checkpoint: VerifiedCheckpoint;
    try {
      checkpoint = await verifyCheckpoint(note, key);
    } catch (error) {
      return fail(`checkpoint does not verify: ${(error as Error).message}`);
    }

    let relation = 'first checkpoint seen; key trusted on first use';
    if (previous) {
      const seen = { size: BigInt(previous.size), rootHash: fromBase64(previous.rootHash)! };
      const oldSize = seen.size;
      const proof = needsConsistencyProof(seen, checkpoint)
        ? await client.consistencyProof(oldSize, checkpoint.size)
        : [];
      const compared = compareTreeHeads(seen, checkpoint, proof);
      if (!compared.ok) {
        const problems = {
          shrank: `the log shrank from size ${oldSize} to ${checkpoint.size}: it was rewritten`,
          forked: `two different roots were signed for size ${oldSize}`,
          inconsistent: `size ${checkpoint.size} is not consistent with size ${oldSize} seen ${previous.seenAt}: history was rewritten`,
        };
        return fail(problems[compared.problem]);
      }
      relation = {
        unchanged: `unchanged since ${previous.seenAt}`,
        'grew from empty': 'grew from the empty tree',
        consistent: `consistent with size ${oldSize} seen ${previous.seenAt}`,
      }[compared.relation];
    }

    state.logs[name] = {
      verifierKey: key,
      size: checkpoint.size.toString(),
      rootHash: toBase64(checkpoint.rootHash),
      note,
      seenAt: new Date().toISOString(),
    };
    writeState(options.statePath, state);
    return {
      ok: true,
      checkpoint,
      message: `OK ${checkpoint.origin} size ${checkpoint.size} root ${toBase64(checkpoint.rootHash)}: signature valid, ${relation}`,
    };
  } catch (error) {
    return fail((error as Error).message);
  }
}
