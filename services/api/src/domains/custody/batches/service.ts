// Finding batches: by lot code, product GTIN, holder, material and when they were produced, among
// those the caller may see.
import type { SqlExecutor } from '@groundtruth/db';
import { normaliseGtin } from '@groundtruth/quantity';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { cursorFor, pageOf, SqlParameters } from '../../../paging.ts';
import { balancesOf } from '../events/balance.ts';
import { BATCH_SELECT, toBatch } from '../events/service.ts';

type BatchRow = Parameters<typeof toBatch>[0] & { seq: string | number };

export interface BatchFilter {
  lot?: string | undefined;
  gtin?: string | undefined;
  holder?: string | undefined;
  material?: string | undefined;
  producedAfter?: string | undefined;
  producedBefore?: string | undefined;
  perPage: number;
  nextPageToken?: string | undefined;
}

export function createBatchListing({ db, access }: { db: SqlExecutor; access: Access }) {
  return {
    /** Batches in the order they were recorded (an internal sequence), one page at a time. */
    async list(principal: Principal, filter: BatchFilter) {
      const { perPage, nextPageToken, ...filters } = filter;
      const cursor = cursorFor('batches', filters, z.tuple([z.string().regex(/^\d{1,19}$/)]), nextPageToken);
      const sql = new SqlParameters();
      const where: string[] = [];
      const visible = await access.visibleOrganisations(principal);
      if (visible !== 'all') where.push(`b.organisation_id = ANY(${sql.add(visible)}::uuid[])`);
      if (filters.lot) where.push(`b.lot = ${sql.add(filters.lot)}`);
      if (filters.gtin)
        where.push(
          `b.product_id IN (SELECT id FROM products WHERE gtin = ${sql.add(normaliseGtin(filters.gtin))})`,
        );
      if (filters.holder) where.push(`b.organisation_id = ${sql.add(filters.holder)}::uuid`);
      if (filters.material) where.push(`b.material = ${sql.add(filters.material)}`);
      // Produced = the time of the event that produced the batch (joined as e): [after, before).
      if (filters.producedAfter || filters.producedBefore) {
        const times: string[] = [];
        if (filters.producedAfter)
          times.push(`e.event_time >= ${sql.add(filters.producedAfter)}::timestamptz`);
        if (filters.producedBefore)
          times.push(`e.event_time < ${sql.add(filters.producedBefore)}::timestamptz`);
        where.push(...times);
      }
      if (cursor.after) where.push(`b.seq > ${sql.add(cursor.after[0])}::bigint`);
      const rows = await db.query<BatchRow>(
        `${BATCH_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY b.seq LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
      const page = pageOf(rows, perPage, cursor, (r) => [String(r.seq)] as [string]);
      const balances = await balancesOf(
        db,
        page.rows.map((r) => r.id),
      );
      return {
        batches: page.rows.map((r) => toBatch(r, balances.get(r.id)!)),
        nextPageToken: page.nextPageToken,
      };
    },
  };
}

export type BatchListing = ReturnType<typeof createBatchListing>;
