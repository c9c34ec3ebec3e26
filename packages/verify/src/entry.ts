// A ledger entry as a verifier receives it: its exact bytes (which must be canonical JSON, RFC 8785,
// so that one entry has one leaf hash) and the disclosures of its confidential fields (RFC 9901
// digests in the body's `_sd`, checked by the ledger's revealBody).
import { bytesEqual, canonicalJsonBytes, type JsonValue, revealBody, utf8 } from '@groundtruth/ledger';

type JsonObject = { [key: string]: JsonValue };

export interface OpenedEntry {
  /** The entry as logged, when the bytes are JSON. */
  entry?: JsonObject & { type?: JsonValue; body?: JsonValue };
  /** The body with the given disclosures back in place, when they match the entry. */
  body?: JsonObject;
  /** What is wrong, one line each; empty when the bytes and disclosures check. */
  failures: string[];
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decodes entry bytes and reveals the disclosed fields of its body. */
export function openEntry(data: Uint8Array, disclosures: readonly string[] = []): OpenedEntry {
  const failures: string[] = [];
  let entry: OpenedEntry['entry'];
  try {
    const parsed: unknown = JSON.parse(utf8.decode(data));
    if (!isObject(parsed)) throw new Error('not an object');
    entry = parsed;
    if (!bytesEqual(canonicalJsonBytes(parsed), data))
      failures.push('entry: the bytes are not canonical JSON');
  } catch {
    failures.push('entry: the bytes are not JSON');
    return { failures };
  }
  if (!isObject(entry.body)) return { entry, failures };
  try {
    return { entry, body: revealBody(entry.body, disclosures).body, failures };
  } catch (error) {
    failures.push(`entry: a disclosure does not match the entry: ${(error as Error).message}`);
    return { entry, failures };
  }
}
