import { z } from 'zod';
import { Base64Hash, safeText, TreeIndexParam } from './common.ts';
import { BATCH_CLAIMS } from './passport.ts';

/** The ledger entry envelope; its RFC 8785 canonical JSON is the leaf data. */
export const LedgerEntry = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/),
    version: z.number().int().positive(),
    at: z.string().describe('RFC 3339 UTC time the service accepted the entry'),
    actor: z.string().min(1),
    subject: z.string().min(1),
    body: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'LedgerEntry' });

export const InclusionProofQuery = z.object({
  index: TreeIndexParam.describe('leaf index'),
  treeSize: TreeIndexParam.describe('size of the tree the proof is for'),
});

export const InclusionProofResponse = z
  .object({
    index: z.number().int().nonnegative(),
    treeSize: z.number().int().positive(),
    leafHash: Base64Hash,
    proof: z.array(Base64Hash).describe('RFC 9162 §2.1.3 audit path, leaf end first'),
  })
  .meta({ id: 'InclusionProof' });

export const ConsistencyProofQuery = z.object({
  from: TreeIndexParam.describe('the older tree size'),
  to: TreeIndexParam.describe('the newer tree size'),
});

export const ConsistencyProofResponse = z
  .object({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    proof: z.array(Base64Hash).describe('RFC 9162 §2.1.4 consistency proof'),
  })
  .meta({ id: 'ConsistencyProof' });

export const MAX_ENTRIES_PAGE = 1000;

export const EntriesQuery = z.object({
  start: TreeIndexParam.describe('index of the first entry'),
  limit: z.coerce.number().int().min(1).max(MAX_ENTRIES_PAGE).default(100),
});

export const EntriesResponse = z
  .object({
    entries: z.array(
      z.object({
        index: z.number().int().nonnegative(),
        data: z.string().describe('base64 of the exact leaf bytes'),
        entry: LedgerEntry,
      }),
    ),
  })
  .meta({ id: 'LedgerEntries' });

export const CheckpointsQuery = z.object({
  from: TreeIndexParam.default(0n).describe('smallest tree size to list'),
  limit: z.coerce.number().int().min(1).max(MAX_ENTRIES_PAGE).default(100),
});

export const CheckpointsResponse = z
  .object({
    checkpoints: z.array(
      z.object({
        treeSize: z.number().int().nonnegative(),
        rootHash: Base64Hash,
        issuedAt: z.string(),
        note: z.string().describe('the C2SP signed checkpoint note, byte for byte'),
      }),
    ),
  })
  .meta({ id: 'LedgerCheckpoints' });

/** One entry with the disclosures the caller may see and its inclusion proof: checkable offline. */
export const EntryDisclosures = z
  .object({
    index: z.number().int().nonnegative(),
    data: z.string().describe('base64 of the exact leaf bytes'),
    disclosures: z.array(
      z.object({
        path: z.string().describe('where the value sits in the entry body, dotted'),
        disclosure: z
          .string()
          .describe(
            'SD-JWT disclosure: base64url of the JSON [salt, name, value]; its SHA-256 is in an _sd array',
          ),
        publishedBy: z.number().int().nullable().describe('the entry that made it public, if any'),
      }),
    ),
    undisclosed: z.number().int().nonnegative().describe('committed fields this caller may not open'),
    inclusionProof: z.object({
      treeSize: z.number().int().positive(),
      leafHash: Base64Hash,
      proof: z.array(Base64Hash),
    }),
    checkpoint: z.string().describe('the C2SP signed checkpoint of treeSize'),
  })
  .meta({ id: 'EntryDisclosures' });

export const EntryIndexParams = z.object({ index: TreeIndexParam.describe('leaf index') });

const FieldPathInput = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a dotted path such as country or outputs.0.quantity');

export const PublicationInput = z
  .union([
    z
      .object({
        entryIndex: z.number().int().nonnegative().describe('an entry of the caller’s organisation'),
        fields: z.array(FieldPathInput).min(1).max(64),
      })
      .strict(),
    z
      .object({
        batchId: z.uuid(),
        claims: z
          .array(z.enum(BATCH_CLAIMS))
          .min(1)
          .max(BATCH_CLAIMS.length)
          .optional()
          .describe(
            'computed by the service from the batch’s upstream chain and published as a new entry; each must be allowed by the brand’s passport policy (default: every claim the policy allows)',
          ),
      })
      .strict(),
  ])
  .meta({ id: 'NewPublication' });

export const Publication = z
  .object({
    entryIndex: z.number().int().describe('the publication’s own ledger entry'),
    published: z.array(z.object({ entryIndex: z.number().int(), path: z.string() })),
  })
  .meta({ id: 'Publication' });

/** The result of a full audit of the stored log (issue 10, item 5). */
export const LedgerAuditReport = z
  .object({
    ok: z
      .boolean()
      .describe('true when every leaf, subtree and signed checkpoint agrees with the entry bytes'),
    treeSize: z.number().int().describe('size of the latest checkpoint when the audit began'),
    leavesChecked: z.number().int(),
    subtreesChecked: z.number().int(),
    checkpointsChecked: z.number().int().describe('signed checkpoints whose signature and root were checked'),
    leavesPerSecond: z.number(),
    startedAt: z.string(),
    durationMs: z.number(),
    failure: z
      .object({
        firstBadIndex: z.number().int().describe('the first entry that can no longer be trusted'),
        range: z.object({ start: z.number().int(), end: z.number().int() }),
        reason: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'LedgerAuditReport' });

/** C2SP tlog-tiles: the path below /tile/, `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`. */
export const TileParams = z.object({ '*': safeText().max(200) });
