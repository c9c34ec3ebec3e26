// What the site-account routes read, through drizzle (decision 0033).
import { accountingPeriods, and, asc, type Database, eq, organisations } from '@groundtruth/db';

export type PeriodRecord = typeof accountingPeriods.$inferSelect;

export function createSiteAccountStore(db: Database) {
  return {
    organisationExists: async (id: string): Promise<boolean> =>
      (await db.orm.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)))
        .length > 0,

    /** A site's accounting periods, oldest first. */
    periods: (organisationId: string): Promise<PeriodRecord[]> =>
      db.orm
        .select()
        .from(accountingPeriods)
        .where(eq(accountingPeriods.organisationId, organisationId))
        .orderBy(asc(accountingPeriods.startsAt)),

    /** One period, of this organisation when it is given. */
    period: async (periodId: string, organisationId?: string): Promise<PeriodRecord | undefined> =>
      (
        await db.orm
          .select()
          .from(accountingPeriods)
          .where(
            and(
              eq(accountingPeriods.id, periodId),
              organisationId === undefined ? undefined : eq(accountingPeriods.organisationId, organisationId),
            ),
          )
      )[0],
  };
}
