// A finding's identity: the same rule about the same subject and period is the same finding, in every
// full recompute and every incremental check, so its id is derived from those and nothing else. A link
// to a finding stays valid, and its resolutions form one thread under one id.
import { createHash } from 'node:crypto';

/**
 * The namespace of Groundtruth finding ids (a random UUID, fixed once and for all: changing it would
 * change every finding's id). Recorded in docs/decisions/0009-custody.md.
 */
export const FINDING_ID_NAMESPACE = '0b7f4c2e-5d1a-4e8b-9a63-2f4d8e1c7a50';

/** What a finding is about, as its identity reads it. */
export interface FindingIdentity {
  rule: string;
  subject: { kind: string; id: string };
  period?: string | null | undefined;
  numbers: Record<string, unknown>;
}

/**
 * Rules that report several findings on one subject and period (a site's account: one per short sale,
 * lapsed lot or over-long period) name which one by a number they carry. For every other rule the
 * subject and period say it all.
 */
const INSTANCE_OF: Record<string, (numbers: Record<string, unknown>) => unknown> = {
  NEGATIVE_BALANCE: (n) => n.posting,
  PERIOD_LOCKED: (n) => n.posting,
  CREDIT_EXPIRED: (n) => n.receivedAt,
  PERIOD_TOO_LONG: (n) => `${n.start}/${n.end}`,
};

/** The name hashed into a finding's id: JSON, so no choice of field values can make two names equal. */
export function findingName(f: FindingIdentity): string {
  const instance = INSTANCE_OF[f.rule]?.(f.numbers);
  return JSON.stringify([
    f.rule,
    f.subject.kind,
    f.subject.id,
    f.period ?? null,
    ...(instance === undefined ? [] : [String(instance)]),
  ]);
}

/**
 * RFC 9562 §5.8 UUIDv8, name-based with SHA-256 as in its Appendix B.2: the first 16 bytes of
 * SHA-256(namespace bytes ‖ UTF-8 name), version 8 in the high nibble of byte 6, variant 0b10 in the
 * top bits of byte 8. (UUIDv5 is the same construction with SHA-1; SHA-256 is used here so no SHA-1
 * enters the code base.)
 */
export function nameBasedUuid(namespace: string, name: string): string {
  const bytes = createHash('sha256')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A finding's id. */
export const findingId = (f: FindingIdentity): string => nameBasedUuid(FINDING_ID_NAMESPACE, findingName(f));

/**
 * The ids of one run's findings. Should a rule ever report the same subject and period twice in one
 * run, the later ones are told apart by their order (#2, #3…) rather than sharing an id.
 */
export function findingIds(found: FindingIdentity[]): string[] {
  const seen = new Map<string, number>();
  return found.map((f) => {
    const name = findingName(f);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return nameBasedUuid(FINDING_ID_NAMESPACE, count === 1 ? name : `${name}#${count}`);
  });
}
