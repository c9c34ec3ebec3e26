// A site's chain-of-custody model and the accounting periods of its mass-balance account (ISO 22095).
import { MAX_PERIOD_MONTHS } from '@groundtruth/massbalance';
import { z } from 'zod';
import { safeText } from './common.ts';
import { Uuid } from './registry.ts';

export const CustodyModelInput = z
  .object({
    model: z.enum(['identity_preserved', 'segregated', 'mass_balance']),
    justification: safeText().trim().min(10).max(2000).describe('e.g. the certificate that states the model'),
  })
  .strict()
  .meta({ id: 'NewCustodyModel' });

export const CustodyModel = z
  .object({ organisationId: Uuid, model: z.string(), entryIndex: z.number().int() })
  .meta({ id: 'CustodyModel' });

const Grams = z.string().describe('exact decimal grams of base-material equivalent');

/** A site's account now: each posting with the credit after it, the balance, and the findings. */
export const SiteAccount = z
  .object({
    organisationId: Uuid,
    custodyModel: z.string(),
    referenceVersion: z.string(),
    treeSize: z.number().int(),
    balanceGrams: Grams,
    expiredGrams: Grams,
    postings: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        kind: z.enum(['receive', 'sell']),
        grams: Grams,
        balanceGrams: Grams,
        status: z.enum(['posted', 'locked', 'short']),
        entryIndex: z.number().int().optional(),
      }),
    ),
    findings: z.array(
      z.object({
        rule: z.string(),
        severity: z.string(),
        message: z.string(),
        numbers: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'SiteAccount' });

export const AccountingPeriod = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    start: z.string(),
    end: z.string().describe('exclusive'),
    entryIndex: z.number().int(),
    declaredBy: z.string(),
    closed: z
      .object({ entryIndex: z.number().int(), at: z.string(), by: z.string() })
      .nullable()
      .describe('once closed, postings recorded later and dated inside the period are findings'),
  })
  .meta({ id: 'AccountingPeriod' });

const Time = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time with an offset or Z' });

/** Months are counted in UTC, as the account's rule counts them. */
const plusMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

export const AccountingPeriodInput = z
  .object({ start: Time, end: Time })
  .strict()
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), {
    message: 'the period must end after it starts',
    path: ['end'],
  })
  .refine((b) => Date.parse(b.end) <= plusMonths(b.start, MAX_PERIOD_MONTHS), {
    message: `an accounting period is at most ${MAX_PERIOD_MONTHS} months long`,
    path: ['end'],
  })
  .meta({ id: 'NewAccountingPeriod' });

/** `/v1/organisations/{id}/accounting-periods/{periodId}/…`. */
export const AccountingPeriodParams = z.object({ id: Uuid, periodId: Uuid });
