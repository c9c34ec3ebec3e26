// The ledger entry envelope. Its leaf bytes are the RFC 8785 canonical JSON of the envelope,
// so anyone can re-derive them from the parsed entry and check the leaf hash.
import { utf8 } from './bytes.ts';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

export interface EntryEnvelope {
  /** What happened, as `resource.verb` in lower case, e.g. `supplier.registered`. */
  type: string;
  /** Version of the body's schema for this type. */
  version: number;
  /** RFC 3339 UTC timestamp at which the service accepted the entry. */
  at: string;
  /** Who asked for it: `user:<id>`, `org:<id>` or `system`. */
  actor: string;
  /** The object the entry is about, e.g. `supplier:<uuid>`. */
  subject: string;
  body: { [key: string]: JsonValue };
}

/** tlog-tiles entry bundles length-prefix each entry with a uint16, so an entry is at most 64 KiB. */
export const MAX_ENTRY_BYTES = 65_535;

export class EntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryError';
  }
}

const TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function checkEnvelope(entry: EntryEnvelope): void {
  if (!TYPE_PATTERN.test(entry.type))
    throw new EntryError(`entry type ${JSON.stringify(entry.type)} is not resource.verb`);
  if (!Number.isSafeInteger(entry.version) || entry.version < 1)
    throw new EntryError('entry version must be a positive integer');
  if (!RFC3339_UTC.test(entry.at) || Number.isNaN(Date.parse(entry.at)))
    throw new EntryError('entry time must be RFC 3339 UTC');
  if (entry.actor.length === 0 || entry.subject.length === 0)
    throw new EntryError('entry actor and subject are required');
  if (entry.body === null || typeof entry.body !== 'object' || Array.isArray(entry.body)) {
    throw new EntryError('entry body must be an object');
  }
}

/** The exact leaf bytes of an entry. */
export function encodeEntry(entry: EntryEnvelope): Uint8Array {
  checkEnvelope(entry);
  const { type, version, at, actor, subject, body } = entry;
  const bytes = utf8.encode(canonicalJson({ type, version, at, actor, subject, body }));
  if (bytes.length > MAX_ENTRY_BYTES)
    throw new EntryError(`entry is ${bytes.length} bytes; the limit is ${MAX_ENTRY_BYTES}`);
  return bytes;
}

/** Parses leaf bytes back into an entry, refusing bytes that are not the entry's canonical form. */
export function decodeEntry(bytes: Uint8Array): EntryEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new EntryError('entry bytes are not UTF-8 JSON');
  }
  const entry = parsed as EntryEnvelope;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new EntryError('entry is not an object');
  checkEnvelope(entry);
  const canonical = encodeEntry(entry);
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) {
    throw new EntryError('entry bytes are not in RFC 8785 canonical form');
  }
  return entry;
}
