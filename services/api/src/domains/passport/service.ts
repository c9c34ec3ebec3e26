// The public facts behind a product passport: the product (its GTIN and name are public fields of
// product.registered), the lot, and the newest claim the product's own organisation published
// about that lot (batch.claim_published, docs/decisions/0011). Nothing else: what a brand has not
// published does not reach the passport, its JSON or its linkset.
import type { SqlExecutor } from '@groundtruth/db';
import { decodeEntry, revealBody } from '@groundtruth/ledger';
import { onRecorded } from '../../record.ts';

export interface PassportClaim {
  /** The claim's ledger entry: anyone checks it at /v1/ledger/entries/{index}/disclosures. */
  entryIndex: number;
  /** The log size the service computed the claim at. */
  treeSize: number;
  recordedAt: string;
  /** ISO 3166-1 alpha-2 codes of the plots the lot traces back to, if published. */
  originCountry?: string[];
  /** Share of the lot's mass traced to registered plots (0–1), if published. */
  tracedShare?: number;
  /** How many registered farms the lot traces back to, and their total area in hectares. */
  originFarms?: { count: number; hectares: string };
  /** Upstream organisations by tier: role and country, with a name or a count (decision 0022). */
  supplyChain?: {
    tier: number | null;
    role: string | null;
    country: string;
    name?: string;
    count?: number;
  }[];
  /** Farms with reality snapshots captured in the year before the claim. */
  evidence?: {
    farms: number;
    farmsWithSnapshots: number;
    snapshots: number;
    latestCapture: string | null;
    /** Thumbnails of recent photos, where the brand publishes them (`/passport/thumbnails/{sha256}.jpg`). */
    photos?: {
      thumbnail: string;
      width: number;
      height: number;
      media: string;
      attestationEntry: number;
      capturedAt: string;
      country: string;
    }[];
  };
  /** Open findings on the lot by kind; count and share only where the brand shows numbers. */
  findings?: { kind: string; count?: number; share?: number }[];
  /** The passport.credential_issued entry of the newest credential its organisation signed for this claim. */
  credentialEntry?: number;
}

export interface Passport {
  product: { gtin: string; name: string };
  lot?: string;
  claim?: PassportClaim;
}

export type Found = Passport | { product: Passport['product']; lot: false } | undefined;

export interface PassportLookup {
  /** undefined: no such product; `lot: false`: the product exists, the lot does not. */
  find(gtin: string, lot: string | undefined): Promise<Found>;
  /** Stops listening to this process's appends. */
  close(): void;
}

interface ProductRow {
  id: string;
  gtin: string;
  name: string;
  organisation_id: string;
}

export function createPassportService({
  db,
  freshMs = 5_000,
}: {
  db: SqlExecutor;
  /**
   * How long an answer is reused without asking the database. An append by this process that can
   * change a passport (a claim, a product, an event making batches) ends it at once; one by another
   * process shows within this time.
   */
  freshMs?: number;
}): PassportLookup {
  async function claimFor(batchIds: string[], organisationId: string): Promise<PassportClaim | undefined> {
    if (batchIds.length === 0) return undefined;
    const entries = await db.query<{ idx: string | number; data: Uint8Array; recorded_at: Date | string }>(
      `SELECT idx, data, recorded_at FROM ledger_entries
        WHERE subject = ANY($1::text[]) AND entry_type = 'batch.claim_published'
        ORDER BY idx DESC LIMIT 20`,
      [batchIds.map((id) => `batch:${id}`)],
    );
    for (const row of entries) {
      const entry = decodeEntry(row.data);
      // Only the product's own organisation speaks for its passport.
      if (entry.body.organisation !== `organisation:${organisationId}`) continue;
      const published = await db.query<{ disclosure: string }>(
        `SELECT disclosure FROM ledger_disclosures
          WHERE entry_index = $1 AND published_entry IS NOT NULL ORDER BY position`,
        [String(row.idx)],
      );
      // The same check any outside verifier makes: each value must hash to a digest in the entry.
      const { body } = revealBody(
        entry.body,
        published.map((p) => p.disclosure),
      );
      const claim: PassportClaim = {
        entryIndex: Number(row.idx),
        treeSize: Number(body.treeSize),
        recordedAt: new Date(row.recorded_at).toISOString(),
      };
      if (Array.isArray(body.originCountry)) claim.originCountry = body.originCountry.map(String);
      if (typeof body.tracedShare === 'number') claim.tracedShare = body.tracedShare;
      // The service wrote these shapes; they are checked again because the page trusts nothing it
      // reads back, and a value of another shape is left out rather than shown wrong.
      const farms = body.originFarms as PassportClaim['originFarms'] | undefined;
      if (farms && typeof farms.count === 'number' && typeof farms.hectares === 'string')
        claim.originFarms = { count: farms.count, hectares: farms.hectares };
      if (Array.isArray(body.supplyChain))
        claim.supplyChain = (body.supplyChain as NonNullable<PassportClaim['supplyChain']>).filter(
          (s) => s && typeof s === 'object' && typeof s.country === 'string',
        );
      const evidence = body.evidence as PassportClaim['evidence'] | undefined;
      if (evidence && typeof evidence.farms === 'number' && typeof evidence.farmsWithSnapshots === 'number')
        claim.evidence = evidence;
      const [credential] = await db.query<{ entry_index: string | number }>(
        'SELECT entry_index FROM passport_credentials WHERE claim_entry = $1 ORDER BY entry_index DESC LIMIT 1',
        [String(row.idx)],
      );
      if (credential) claim.credentialEntry = Number(credential.entry_index);
      if (Array.isArray(body.findings))
        claim.findings = (body.findings as NonNullable<PassportClaim['findings']>).filter(
          (f) => f && typeof f === 'object' && typeof f.kind === 'string',
        );
      return claim;
    }
    return undefined;
  }

  // A consumer-facing read, scanned in bursts: products and their lots' batch ids are kept for a
  // minute (a new batch of an existing lot shows within that), and a passport is reused while its
  // lot's newest claim entry is the same one, which one indexed query tells. So a new claim shows at
  // once, and a repeat scan costs one query instead of four plus a disclosure check.
  const TTL_MS = 60_000;
  const products = new Map<string, { at: number; row: ProductRow | undefined }>();
  const lots = new Map<string, { at: number; batchIds: string[] }>();
  const passports = new Map<string, { version: string; passport: Passport }>();
  const MAX_CACHED = 10_000;
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
    map.set(key, value);
  };

  async function productOf(gtin: string, now: number): Promise<ProductRow | undefined> {
    const hit = products.get(gtin);
    if (hit && now - hit.at < TTL_MS) return hit.row;
    const [row] = await db.query<ProductRow>(
      'SELECT id, gtin, name, organisation_id FROM products WHERE gtin = $1',
      [gtin],
    );
    remember(products, gtin, { at: now, row });
    return row;
  }

  async function batchIdsOf(productId: string, lot: string, now: number): Promise<string[]> {
    const key = `${productId}/${lot}`;
    const hit = lots.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.batchIds;
    const rows = await db.query<{ id: string }>(
      'SELECT id FROM batches WHERE product_id = $1 AND lot = $2 ORDER BY seq',
      [productId, lot],
    );
    const batchIds = rows.map((r) => r.id);
    remember(lots, key, { at: now, batchIds });
    return batchIds;
  }

  async function lookUp(gtin: string, lot: string | undefined): Promise<Found> {
    const now = Date.now();
    const product = await productOf(gtin, now);
    if (!product) return undefined;
    const publicProduct = { gtin: product.gtin, name: product.name };
    if (lot === undefined) return { product: publicProduct };
    const batchIds = await batchIdsOf(product.id, lot, now);
    if (batchIds.length === 0) return { product: publicProduct, lot: false };
    // The newest claim and the newest signed credential: a passport is reused while neither changed.
    const [newest] = await db.query<{ idx: string | number | null; credential: string | number | null }>(
      `SELECT (SELECT max(idx) FROM ledger_entries
                WHERE subject = ANY($1::text[]) AND entry_type = 'batch.claim_published') AS idx,
              (SELECT max(entry_index) FROM passport_credentials WHERE batch_id = ANY($2::uuid[])) AS credential`,
      [batchIds.map((id) => `batch:${id}`), batchIds],
    );
    const claimIndex = newest?.idx === null || newest?.idx === undefined ? null : Number(newest.idx);
    const version = `${claimIndex}/${newest?.credential ?? ''}`;
    const key = `${gtin}/${lot}`;
    const cached = passports.get(key);
    if (cached && cached.version === version) return cached.passport;
    const claim = claimIndex === null ? undefined : await claimFor(batchIds, product.organisation_id);
    const passport: Passport = { product: publicProduct, lot, ...(claim ? { claim } : {}) };
    remember(passports, key, { version, passport });
    return passport;
  }

  // The first layer: whole answers, reused for `freshMs` unless this process appended something
  // that may change them. A scan burst then costs no query at all.
  let generation = 0;
  const answers = new Map<string, { at: number; generation: number; found: Found }>();
  const unsubscribe = onRecorded((types) => {
    if (
      types.some(
        (t) =>
          t === 'batch.claim_published' ||
          t === 'passport.credential_issued' ||
          t === 'product.registered' ||
          t.startsWith('event.'),
      )
    ) {
      generation++;
      products.clear();
      lots.clear();
    }
  });

  return {
    async find(gtin, lot) {
      const key = `${gtin}\u0000${lot ?? ''}\u0000${lot === undefined}`;
      const now = Date.now();
      const hit = answers.get(key);
      if (hit && hit.generation === generation && now - hit.at < freshMs) return hit.found;
      const startedAt = generation;
      const found = await lookUp(gtin, lot);
      // An append during the lookup may have changed the answer: keep it only if none happened.
      if (startedAt === generation) remember(answers, key, { at: now, generation, found });
      return found;
    },
    close: unsubscribe,
  };
}
