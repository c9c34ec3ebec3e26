// Who may open which committed field (docs/decisions/0011-selective-disclosure.md). The log itself is
// public; a disclosure is shown to the entry's owner and whoever may see the owner's records
// (access.ts: its buyers up the chain, granted auditors), to administrators, and to everyone once
// the owner has published it. Publishing is itself a ledger entry.
import type { SqlExecutor } from '@groundtruth/db';
import { type JsonValue, toBase64 } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { badRequest, forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import type { MassBalanceService } from '../mass-balance/service.ts';

interface DisclosureRow {
  path: string;
  disclosure: string;
  organisation_id: string | null;
  published_entry: string | number | null;
}

export const BATCH_CLAIMS = ['originCountry', 'tracedShare'] as const;
export type BatchClaim = (typeof BATCH_CLAIMS)[number];

export function createDisclosureService(deps: {
  db: SqlExecutor;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  massBalance: MassBalanceService;
}) {
  const { db, writer, reader, access, massBalance } = deps;

  async function mayReadOwnersRecords(principal: Principal | undefined, owner: string | null) {
    if (!principal) return false;
    if (principal.role === 'admin') return true;
    if (owner === null) return false;
    const visible = await access.visibleOrganisations(principal);
    return visible === 'all' || visible.includes(owner);
  }

  /** The entry's exact bytes, the disclosures this caller may see, and a proof to the latest checkpoint. */
  async function entryWithDisclosures(principal: Principal | undefined, index: bigint) {
    const checkpoint = await reader.latestCheckpoint();
    if (!checkpoint || index < 0n || index >= checkpoint.size) throw notFound('not found');
    const [entry] = await reader.entries(index, 1);
    const rows = await db.query<DisclosureRow>(
      'SELECT path, disclosure, organisation_id, published_entry FROM ledger_disclosures WHERE entry_index = $1 ORDER BY path',
      [index.toString()],
    );
    // One owner per entry: every row of an entry carries the same organisation.
    const insider = rows.length > 0 && (await mayReadOwnersRecords(principal, rows[0]!.organisation_id));
    const shown = rows.filter((r) => insider || r.published_entry !== null);
    const proof = await reader.inclusionProof(index, checkpoint.size);
    return {
      index: Number(index),
      data: toBase64(entry!.data),
      disclosures: shown.map((r) => ({
        path: r.path,
        disclosure: r.disclosure,
        publishedBy: r.published_entry === null ? null : Number(r.published_entry),
      })),
      undisclosed: rows.length - shown.length,
      inclusionProof: {
        treeSize: Number(checkpoint.size),
        leafHash: toBase64(proof.leafHash),
        proof: proof.proof.map(toBase64),
      },
      checkpoint: checkpoint.note,
    };
  }

  /**
   * The organisation a publication is made for: the record's owner. Publishing is a write for the owner
   * (decision 0003): its own users, the organisation that keeps its records, or an admin.
   */
  async function publisherFor(principal: Principal, owner: string | null): Promise<string | null> {
    if (principal.role === 'admin') return owner;
    if (owner === null || !(await access.actsFor(principal, owner)))
      throw forbidden('only the organisation that owns a record (or keeps its records) publishes its fields');
    return owner;
  }

  /** Makes chosen committed fields of one of the caller's own entries public. */
  async function publishFields(principal: Principal, entryIndex: bigint, fields: string[]) {
    const size = await reader.size();
    if (entryIndex < 0n || entryIndex >= size) throw notFound('not found');
    const rows = await db.query<DisclosureRow>(
      'SELECT path, disclosure, organisation_id, published_entry FROM ledger_disclosures WHERE entry_index = $1',
      [entryIndex.toString()],
    );
    const owner = rows[0]?.organisation_id ?? null;
    // An entry the caller cannot see the owner of reads as absent; one it sees but does not own, 403.
    if (!(await mayReadOwnersRecords(principal, owner))) throw notFound('not found');
    const organisation = await publisherFor(principal, owner);
    const paths = new Set(rows.map((r) => r.path));
    const unknown = fields.flatMap((f, i) => (paths.has(f) ? [] : [i]));
    if (unknown.length > 0)
      throw badRequest(
        'no such committed field of this entry (or it was erased)',
        unknown.map((i) => ({
          in: 'body',
          pointer: `/fields/${i}`,
          detail: `${fields[i]} is not disclosable`,
        })),
      );
    const [entry] = await reader.entries(entryIndex, 1);
    const published = [...new Set(fields)].sort();
    const index = await appendRecord(writer, principal, {
      type: 'disclosure.published',
      subject: `entry:${entryIndex}`,
      body: {
        organisation: organisation === null ? null : `organisation:${organisation}`,
        entry: Number(entryIndex),
        entryType: entry!.entry.type,
        fields: published,
      },
      conflict: 'already published',
      project: async (tx, at) => {
        // A field already public keeps the entry that first published it.
        await tx.query(
          `INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry)
             SELECT $1, path, $3 FROM unnest($2::text[]) AS u(path)
           ON CONFLICT (entry_index, path) DO NOTHING`,
          [entryIndex.toString(), published, at.toString()],
        );
      },
    });
    return {
      entryIndex: index,
      published: published.map((path) => ({ entryIndex: Number(entryIndex), path })),
    };
  }

  /**
   * A brand's public claim about a batch in its chain, computed now by the service: the origin
   * countries of the plots it traces back to and its traced share. Logged as a batch.claim_published
   * entry whose committed fields are published as it is logged.
   */
  async function publishBatchClaim(principal: Principal, batchId: string, claims: BatchClaim[]) {
    const [batch] = await db.query<{ organisation_id: string }>(
      'SELECT organisation_id FROM batches WHERE id = $1',
      [batchId],
    );
    if (!batch) throw notFound('not found');
    await access.requireVisible(principal, batch.organisation_id).catch(() => {
      throw notFound('not found');
    });
    // A brand publishes about batches in its chain, under its own name.
    const organisation = principal.role === 'admin' ? batch.organisation_id : principal.organisationId;
    if (!organisation) throw forbidden('only an organisation publishes claims');
    const breakdown = await massBalance.breakdown(batchId);
    const plotIds = [...new Set(breakdown.plots.map((p) => p.plotId))];
    const countries = plotIds.length
      ? await db.query<{ country: string }>(
          'SELECT DISTINCT country FROM plots WHERE id = ANY($1::uuid[]) ORDER BY country',
          [plotIds],
        )
      : [];
    const values: Record<BatchClaim, JsonValue> = {
      originCountry: countries.map((c) => c.country.trim()),
      tracedShare: breakdown.tracedShare,
    };
    const wanted = [...new Set(claims)].sort();
    const index = await appendRecord(writer, principal, {
      type: 'batch.claim_published',
      subject: `batch:${batchId}`,
      body: {
        organisation: `organisation:${organisation}`,
        batch: `batch:${batchId}`,
        treeSize: breakdown.treeSize,
        ...Object.fromEntries(wanted.map((c) => [c, values[c]])),
      },
      conflict: 'already published',
      project: async () => {},
    });
    return {
      entryIndex: index,
      published: wanted.map((path) => ({ entryIndex: index, path })),
    };
  }

  return { entryWithDisclosures, publishFields, publishBatchClaim };
}

export type DisclosureService = ReturnType<typeof createDisclosureService>;
