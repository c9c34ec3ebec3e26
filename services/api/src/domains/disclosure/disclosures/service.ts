// Who may open which committed field (docs/decisions/0011-selective-disclosure.md). The log itself is
// public; a disclosure is shown to the entry's owner and whoever may see the owner's records
// (access.ts: its buyers up the chain, granted auditors), to administrators, and to everyone once
// the owner has published it. Publishing is itself a ledger entry.
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { BlobStore } from '@groundtruth/evidence';
import { type JsonValue, toBase64 } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import {
  BATCH_CLAIMS,
  type BatchClaim,
  claimsAllowed,
  type PassportPolicyValues,
} from '@groundtruth/schemas';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { badRequest, forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import type { EventService } from '../../custody/events/service.ts';
import type { MassBalanceService } from '../../massbalance/mass-balance/service.ts';
import type { EffectivePolicy, PassportPolicyService } from '../../passport/policies/service.ts';
import { makeThumbnail, type Thumbnail } from '../../passport/thumbnail.ts';
import { FINDING_KINDS, type FindingKind, findingKind } from './finding-kinds.ts';

type Trace = Awaited<ReturnType<EventService['trace']>>;
interface StoredThumbnail extends Thumbnail {
  sha256: string;
  media: string;
}
/** Photos shown as thumbnails per claim, and the largest photo decoded for one. */
const MAX_PHOTOS = 6;
const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

interface DisclosureRow {
  path: string;
  disclosure: string;
  organisation_id: string | null;
  published_entry: string | number | null;
}

export function createDisclosureService(deps: {
  db: SqlExecutor;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  massBalance: MassBalanceService;
  events: EventService;
  policies: PassportPolicyService;
  /** Where attested photos are kept: thumbnails are made from them. */
  store: BlobStore;
}) {
  const { db, writer, reader, access, massBalance, events, policies, store } = deps;

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
    });
    return {
      entryIndex: index,
      published: published.map((path) => ({ entryIndex: Number(entryIndex), path })),
    };
  }

  /**
   * A brand's public claim about a batch in its chain, computed now by the service from the batch's
   * upstream chain, carrying only the facts the product's passport policy allows (decision 0022).
   * Logged as a batch.claim_published entry whose committed fields are published as it is logged.
   */
  async function publishBatchClaim(principal: Principal, batchId: string, requested?: BatchClaim[]) {
    const [batch] = await db.query<{
      organisation_id: string;
      gtin: string | null;
      product_org: string | null;
    }>(
      `SELECT b.organisation_id, p.gtin, p.organisation_id AS product_org
         FROM batches b LEFT JOIN products p ON p.id = b.product_id WHERE b.id = $1`,
      [batchId],
    );
    if (!batch) throw notFound('not found');
    await access.requireVisible(principal, batch.organisation_id).catch(() => {
      throw notFound('not found');
    });
    // A brand publishes about batches in its chain, under its own name.
    const organisation = principal.role === 'admin' ? batch.organisation_id : principal.organisationId;
    if (!organisation) throw forbidden('only an organisation publishes claims');
    // The policy of the product's brand when the publisher is that brand, else the publisher's own:
    // either way the one whose passport could show the claim.
    const policy = await policies.effective(
      organisation,
      batch.product_org === organisation ? (batch.gtin ?? undefined) : undefined,
    );
    const allowed = claimsAllowed(policy);
    const refused = (requested ?? []).flatMap((c, i) => (allowed.includes(c) ? [] : [i]));
    if (refused.length > 0)
      throw badRequest(
        'the passport policy in force keeps these facts private',
        refused.map((i) => ({
          in: 'body',
          pointer: `/claims/${i}`,
          detail: `${requested![i]} is not allowed by the ${policy.scope} passport policy`,
        })),
      );
    const wanted = requested ? BATCH_CLAIMS.filter((c) => requested.includes(c)) : allowed;
    if (wanted.length === 0)
      throw badRequest('the passport policy in force allows no fact to be published', [
        { in: 'body', pointer: '/claims', detail: `the ${policy.scope} passport policy hides every claim` },
      ]);
    // Photos leave the chain as public thumbnails only on the word of the product's own organisation:
    // a partner that sees the batch may publish counts about it, never its suppliers' pictures.
    const facts = await computeClaims(principal, batchId, wanted, {
      ...policy,
      evidence:
        policy.evidence === 'thumbnails' && batch.product_org !== organisation ? 'counts' : policy.evidence,
    });
    const index = await appendRecord(writer, principal, {
      type: 'batch.claim_published',
      subject: `batch:${batchId}`,
      body: {
        organisation: `organisation:${organisation}`,
        batch: `batch:${batchId}`,
        treeSize: facts.treeSize,
        policy: policy.entryIndex,
        ...Object.fromEntries(wanted.map((c) => [c, facts.values[c]!])),
      },
      conflict: 'already published',
      // The thumbnails the claim names by digest, stored with it (kept off the log like evidence
      // bytes): published exactly when the claim is, by the first claim that names each.
      after: async (tx, logged) => {
        if (facts.thumbnails.length > 0)
          await tx.query(
            `INSERT INTO passport_thumbnails (sha256, media_sha256, claim_entry, width, height, bytes)
             SELECT sha, media, $3, w, h, decode(b, 'base64')
               FROM unnest($1::text[], $2::text[], $4::int4[], $5::int4[], $6::text[]) AS u(sha, media, w, h, b)
             ON CONFLICT (sha256) DO NOTHING`,
            [
              facts.thumbnails.map((t) => t.sha256),
              facts.thumbnails.map((t) => t.media),
              logged.index.toString(),
              facts.thumbnails.map((t) => t.width),
              facts.thumbnails.map((t) => t.height),
              facts.thumbnails.map((t) => Buffer.from(t.bytes).toString('base64')),
            ],
          );
      },
    });
    return {
      entryIndex: index,
      published: wanted.map((path) => ({ entryIndex: index, path })),
    };
  }

  /** The facts themselves, as of now, at the detail the policy allows. */
  async function computeClaims(
    principal: Principal,
    batchId: string,
    wanted: BatchClaim[],
    policy: EffectivePolicy,
  ): Promise<{
    treeSize: number;
    values: Partial<Record<BatchClaim, JsonValue>>;
    thumbnails: StoredThumbnail[];
  }> {
    const breakdown = await massBalance.breakdown(batchId);
    const thumbnails: StoredThumbnail[] = [];
    const values: Partial<Record<BatchClaim, JsonValue>> = {};
    const plotIds = [...new Set(breakdown.plots.map((p) => p.plotId))];
    // One read: each plot's country, and (exact numeric, six decimals) the plots' total area.
    const plots = plotIds.length
      ? await db.query<{ country: string; total: string }>(
          `SELECT country, (sum(area_hectares) OVER ())::text AS total FROM plots WHERE id = ANY($1::uuid[])`,
          [plotIds],
        )
      : [];
    if (wanted.includes('originCountry'))
      values.originCountry = [...new Set(plots.map((p) => p.country.trim()))].sort();
    if (wanted.includes('tracedShare')) values.tracedShare = breakdown.tracedShare;
    if (wanted.includes('originFarms'))
      values.originFarms = { count: plots.length, hectares: plots[0]?.total ?? '0' };
    if (wanted.includes('supplyChain') || wanted.includes('evidence')) {
      const trace = await events.trace(principal, batchId);
      if (wanted.includes('supplyChain')) values.supplyChain = await supplyChainOf(trace, policy.suppliers);
      if (wanted.includes('evidence')) values.evidence = await evidenceOf(trace, policy.evidence, thumbnails);
    }
    if (wanted.includes('findings'))
      values.findings = await findingsOf(principal, batchId, breakdown.untracedShare, policy.findings);
    return { treeSize: breakdown.treeSize, values, thumbnails };
  }

  /** Upstream organisations by tier: role and country, with names only where the policy says so. */
  async function supplyChainOf(trace: Trace, detail: PassportPolicyValues['suppliers']): Promise<JsonValue> {
    const tiers = new Map<string, number | null>();
    for (const b of trace.batches) if (!tiers.has(b.organisationId)) tiers.set(b.organisationId, b.tier);
    for (const p of trace.plots) if (!tiers.has(p.organisationId)) tiers.set(p.organisationId, p.tier);
    const rows = tiers.size
      ? await db.query<{ id: string; name: string; country: string; role: string | null }>(
          'SELECT id, name, country, role FROM organisations WHERE id = ANY($1::uuid[])',
          [[...tiers.keys()]],
        )
      : [];
    const sites = rows.map((o) => ({
      tier: tiers.get(o.id) ?? null,
      role: o.role,
      country: o.country.trim(),
      name: o.name,
    }));
    const order = (a: { tier: number | null; role: string | null; country: string }, b: typeof a) =>
      (a.tier ?? 99) - (b.tier ?? 99) ||
      (a.role ?? '').localeCompare(b.role ?? '') ||
      a.country.localeCompare(b.country);
    if (detail === 'names')
      return sites
        .sort((a, b) => order(a, b) || a.name.localeCompare(b.name))
        .map((s) => ({ tier: s.tier, role: s.role, country: s.country, name: s.name }));
    // Roles only: sites with the same tier, role and country are counted together, so a single
    // cooperative in a country is no easier to name than ten.
    const groups = new Map<
      string,
      { tier: number | null; role: string | null; country: string; count: number }
    >();
    for (const s of sites) {
      const key = `${s.tier}|${s.role}|${s.country}`;
      const g = groups.get(key) ?? { tier: s.tier, role: s.role, country: s.country, count: 0 };
      g.count++;
      groups.set(key, g);
    }
    return [...groups.values()].sort(order);
  }

  /**
   * How many upstream farms have reality snapshots captured in the last year, and the latest one;
   * with thumbnails, small copies of up to six recent photos (made here, stored with the claim).
   */
  async function evidenceOf(
    trace: Trace,
    detail: PassportPolicyValues['evidence'],
    thumbnails: StoredThumbnail[],
  ): Promise<JsonValue> {
    const plotIds = trace.plots.map((p) => p.id);
    const batchIds = trace.batches.map((b) => b.id);
    const [row] = await db.query<{
      plots: string | number;
      snapshots: string | number;
      latest: Date | string | null;
    }>(
      `SELECT count(DISTINCT a.subject_id) FILTER (WHERE a.subject_kind = 'plot') AS plots,
              count(*) AS snapshots, max(a.captured_at) AS latest
         FROM attestations a
        WHERE a.withdrawn_entry IS NULL AND a.captured_at >= now() - interval '1 year'
          AND ((a.subject_kind = 'plot' AND a.subject_id = ANY($1::uuid[]))
            OR (a.subject_kind = 'batch' AND a.subject_id = ANY($2::uuid[])))`,
      [plotIds, batchIds],
    );
    const summary: { [key: string]: JsonValue } = {
      farms: plotIds.length,
      farmsWithSnapshots: Number(row?.plots ?? 0),
      snapshots: Number(row?.snapshots ?? 0),
      latestCapture: row?.latest ? new Date(row.latest).toISOString() : null,
    };
    if (detail === 'thumbnails') summary.photos = await photosOf(trace, thumbnails);
    return summary;
  }

  /** The newest JPEG photos attested on traced plots (one per plot, six at most), as thumbnails. */
  async function photosOf(trace: Trace, thumbnails: StoredThumbnail[]): Promise<JsonValue> {
    const country = new Map(trace.plots.map((p) => [p.id, p.country]));
    const rows = await db.query<{
      media: string;
      plot: string;
      captured_at: Date | string;
      entry_index: string | number;
    }>(
      `SELECT DISTINCT ON (a.subject_id) m.sha256 AS media, a.subject_id AS plot, a.captured_at, a.entry_index
         FROM attestations a
         JOIN attestation_media m ON m.attestation_id = a.id
         JOIN evidence_blobs b ON b.sha256 = m.sha256
        WHERE a.withdrawn_entry IS NULL AND a.subject_kind = 'plot' AND a.subject_id = ANY($1::uuid[])
          AND b.media_type = 'image/jpeg' AND b.size <= $2
        ORDER BY a.subject_id, a.captured_at DESC, m.sha256`,
      [[...country.keys()], MAX_PHOTO_BYTES],
    );
    rows.sort(
      (a, b) =>
        new Date(b.captured_at).getTime() - new Date(a.captured_at).getTime() || a.plot.localeCompare(b.plot),
    );
    const photos: JsonValue[] = [];
    for (const row of rows) {
      if (photos.length >= MAX_PHOTOS) break;
      const stream = await store.open(row.media.trim());
      if (!stream) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
      const thumbnail = makeThumbnail(Buffer.concat(chunks));
      if (!thumbnail) continue;
      const sha256 = createHash('sha256').update(thumbnail.bytes).digest('hex');
      thumbnails.push({ sha256, media: row.media.trim(), ...thumbnail });
      photos.push({
        thumbnail: sha256,
        width: thumbnail.width,
        height: thumbnail.height,
        media: row.media.trim(),
        attestationEntry: Number(row.entry_index),
        capturedAt: new Date(row.captured_at).toISOString(),
        country: country.get(row.plot)!.trim(),
      });
    }
    return photos;
  }

  /** Open findings on the lot or on volume it contains, by kind; with numbers only where allowed. */
  async function findingsOf(
    principal: Principal,
    batchId: string,
    untracedShare: number,
    detail: PassportPolicyValues['findings'],
  ): Promise<JsonValue> {
    const found: { rule: string; subject: { id: string }; exposure?: number }[] = [];
    let token: string | undefined;
    do {
      const page = await massBalance.findings(principal, {
        batchId,
        status: 'open',
        perPage: 500,
        nextPageToken: token,
      });
      found.push(...page.findings);
      token = page.nextPageToken;
    } while (token && found.length < 10_000);
    const kinds = new Map<FindingKind, { subjects: Set<string>; exposure: number }>();
    for (const f of found) {
      const kind = findingKind(f.rule);
      const k = kinds.get(kind) ?? { subjects: new Set<string>(), exposure: 0 };
      k.subjects.add(f.subject.id);
      k.exposure = Math.max(k.exposure, f.exposure ?? (f.subject.id === batchId ? 1 : 0));
      kinds.set(kind, k);
    }
    return FINDING_KINDS.filter((kind) => kinds.has(kind)).map((kind) => {
      const k = kinds.get(kind)!;
      if (detail !== 'numbers') return { kind };
      // The untraced share is the lot's own figure (its breakdown), not a finding's exposure.
      return kind === 'untraced'
        ? { kind, count: k.subjects.size, share: untracedShare }
        : { kind, count: k.subjects.size, share: k.exposure };
    });
  }

  return { entryWithDisclosures, publishFields, publishBatchClaim };
}

export type DisclosureService = ReturnType<typeof createDisclosureService>;
