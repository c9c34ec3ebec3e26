// What the product routes read. Single-table reads by key or filter, so drizzle's query builder
// (decision 0033): its rows arrive typed and named as the wire type is, with no row type or mapping.
import { and, anyOf, asc, batches, type Database, eq, gt, products, type SQL } from '@groundtruth/db';

export type ProductRecord = typeof products.$inferSelect;

export interface ProductFilter {
  /** Organisations the caller may see, or 'all'. */
  visible: string[] | 'all';
  /** GTIN-14. */
  gtin?: string | undefined;
  organisationId?: string | undefined;
  /** Keyset paging: GTINs after this one. */
  afterGtin?: string | undefined;
  limit: number;
}

export function createProductStore(db: Database) {
  const one = async (where: SQL | undefined): Promise<ProductRecord | undefined> =>
    (await db.orm.select().from(products).where(where).limit(1))[0];
  return {
    byId: (id: string) => one(eq(products.id, id)),
    byGtin: (gtin: string) => one(eq(products.gtin, gtin)),

    /** Products in GTIN order. */
    list: (filter: ProductFilter): Promise<ProductRecord[]> =>
      db.orm
        .select()
        .from(products)
        .where(
          and(
            filter.visible === 'all' ? undefined : anyOf(products.organisationId, filter.visible),
            filter.gtin ? eq(products.gtin, filter.gtin) : undefined,
            filter.organisationId ? eq(products.organisationId, filter.organisationId) : undefined,
            filter.afterGtin ? gt(products.gtin, filter.afterGtin) : undefined,
          ),
        )
        .orderBy(asc(products.gtin))
        .limit(filter.limit),

    /** Whether a batch of the product carries this lot number. */
    hasLot: async (productId: string, lot: string): Promise<boolean> =>
      (
        await db.orm
          .select({ id: batches.id })
          .from(batches)
          .where(and(eq(batches.productId, productId), eq(batches.lot, lot)))
          .limit(1)
      ).length > 0,
  };
}

export type ProductStore = ReturnType<typeof createProductStore>;
