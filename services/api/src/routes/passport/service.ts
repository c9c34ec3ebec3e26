// The public facts behind a product passport: the product (its GTIN and name are public fields of
// product.registered), the lot, and the newest claim the product's own organisation published
// about that lot (batch.claim_published, docs/decisions/0011). Nothing else: what a brand has not
// published does not reach the passport, its JSON or its linkset.
import type { SqlExecutor } from '@groundtruth/db';
import { decodeEntry, revealBody } from '@groundtruth/ledger';

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
}

export interface Passport {
  product: { gtin: string; name: string };
  lot?: string;
  claim?: PassportClaim;
}

export interface PassportLookup {
  /** undefined: no such product; `lot: false`: the product exists, the lot does not. */
  find(
    gtin: string,
    lot: string | undefined,
  ): Promise<Passport | { product: Passport['product']; lot: false } | undefined>;
}

export function createPassportService({ db }: { db: SqlExecutor }): PassportLookup {
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
      return claim;
    }
    return undefined;
  }

  return {
    async find(gtin, lot) {
      const [product] = await db.query<{ id: string; gtin: string; name: string; organisation_id: string }>(
        'SELECT id, gtin, name, organisation_id FROM products WHERE gtin = $1',
        [gtin],
      );
      if (!product) return undefined;
      const publicProduct = { gtin: product.gtin, name: product.name };
      if (lot === undefined) return { product: publicProduct };
      const batches = await db.query<{ id: string }>(
        'SELECT id FROM batches WHERE product_id = $1 AND lot = $2 ORDER BY seq',
        [product.id, lot],
      );
      if (batches.length === 0) return { product: publicProduct, lot: false };
      const claim = await claimFor(
        batches.map((b) => b.id),
        product.organisation_id,
      );
      return { product: publicProduct, lot, ...(claim ? { claim } : {}) };
    },
  };
}
