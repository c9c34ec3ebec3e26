// Rule: site accounts for mass-balance sites (ISO 22095 mass balance; ISCC and MSPO periods). Per site
// and commodity, traced volume received is credit and traced volume sold spends it: the balance may
// never go negative at any posting; credit expires 12 months after it was received (used oldest
// first); accounting periods are at most 3 months; a closed period takes no postings.
import { compare, type Decimal, formatDecimal, parseDecimal } from '@groundtruth/quantity';
import type { Finding } from './findings.ts';
import { subtract, sum } from './materials.ts';
import type { ReferenceTable } from './reference.ts';

export const CREDIT_LIFETIME_MONTHS = 12;
export const MAX_PERIOD_MONTHS = 3;

export interface Posting {
  id: string;
  at: string;
  kind: 'receive' | 'sell';
  /** Traced base-material grams, exact decimal. */
  grams: string;
  /** The ledger entry that recorded it, where known: a closed period locks only what came later. */
  entry?: number;
}

export interface Period {
  start: string;
  /** Exclusive. */
  end: string;
  closed: boolean;
  /** The ledger entry that closed it, where known; postings recorded before it stand. */
  closedAtEntry?: number;
}

export interface SiteAccount {
  siteId: string;
  commodity: string;
  postings: Posting[];
  periods: Period[];
}

export interface AccountResult {
  /** Unexpired credit after the last posting. */
  balanceGrams: Decimal;
  /** Credit that expired unused. */
  expiredGrams: Decimal;
  findings: Finding[];
  /** Every posting in the order the account takes them, with the unexpired credit after it. */
  trail: (Posting & { balanceGrams: Decimal; status: 'posted' | 'locked' | 'short' })[];
}

const addMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

export function checkSiteAccount(table: ReferenceTable, account: SiteAccount): AccountResult {
  const findings: Finding[] = [];
  const subject = { kind: 'site' as const, id: account.siteId };
  const finding = (
    rule: Finding['rule'],
    severity: Finding['severity'],
    message: string,
    numbers: Finding['numbers'],
  ) => findings.push({ rule, severity, subject, message, numbers, referenceVersion: table.version });

  for (const period of account.periods) {
    if (Date.parse(period.end) > addMonths(period.start, MAX_PERIOD_MONTHS)) {
      finding(
        'PERIOD_TOO_LONG',
        'error',
        `the period ${period.start} to ${period.end} is longer than ${MAX_PERIOD_MONTHS} months`,
        {
          start: period.start,
          end: period.end,
        },
      );
    }
  }
  // Credit lots, oldest first: what remains of each receipt and when it lapses.
  const lots: { remaining: Decimal; expires: number; from: string }[] = [];
  let expired = parseDecimal('0');
  const zero = parseDecimal('0');
  const postings = [...account.postings].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id),
  );
  const trail: AccountResult['trail'] = [];
  const balance = () => sum(lots.map((l) => l.remaining));
  for (const posting of postings) {
    const at = Date.parse(posting.at);
    const period = account.periods.find((p) => Date.parse(p.start) <= at && at < Date.parse(p.end));
    const recordedAfterClose =
      posting.entry === undefined ||
      period?.closedAtEntry === undefined ||
      posting.entry > period.closedAtEntry;
    if (period?.closed && recordedAfterClose) {
      finding(
        'PERIOD_LOCKED',
        'error',
        `posting ${posting.id} is dated in the period from ${period.start}, recorded after that period was closed`,
        {
          posting: posting.id,
          at: posting.at,
          periodStart: period.start,
          periodEnd: period.end,
          ...(posting.entry !== undefined ? { postingEntry: posting.entry } : {}),
          ...(period.closedAtEntry !== undefined ? { closedAtEntry: period.closedAtEntry } : {}),
        },
      );
      trail.push({ ...posting, balanceGrams: balance(), status: 'locked' });
      continue;
    }
    // Lapse every lot whose 12 months are over before this posting.
    for (const lot of lots) {
      if (lot.expires <= at && compare(lot.remaining, zero) > 0) {
        expired = sum([expired, lot.remaining]);
        finding(
          'CREDIT_EXPIRED',
          'info',
          `${kg(lot.remaining)} kg of credit received ${lot.from} expired unused`,
          {
            grams: formatDecimal(lot.remaining),
            receivedAt: lot.from,
          },
        );
        lot.remaining = zero;
      }
    }
    const grams = parseDecimal(posting.grams);
    if (posting.kind === 'receive') {
      lots.push({
        remaining: grams,
        expires: addMonths(posting.at, CREDIT_LIFETIME_MONTHS),
        from: posting.at,
      });
      trail.push({ ...posting, balanceGrams: balance(), status: 'posted' });
      continue;
    }
    const available = balance();
    const short = compare(grams, available) > 0;
    if (short) {
      finding(
        'NEGATIVE_BALANCE',
        'error',
        `sale ${posting.id} of ${kg(grams)} kg exceeds the ${kg(available)} kg of traced credit`,
        {
          posting: posting.id,
          soldGrams: formatDecimal(grams),
          availableGrams: formatDecimal(available),
          shortfallGrams: formatDecimal(subtract(grams, available)),
        },
      );
    }
    // Spend oldest first; a shortfall leaves the account empty, never negative.
    let owed = grams;
    for (const lot of lots) {
      if (compare(owed, zero) <= 0) break;
      const take = compare(lot.remaining, owed) < 0 ? lot.remaining : owed;
      lot.remaining = subtract(lot.remaining, take);
      owed = subtract(owed, take);
    }
    trail.push({ ...posting, balanceGrams: balance(), status: short ? 'short' : 'posted' });
  }
  return { balanceGrams: balance(), expiredGrams: expired, findings, trail };
}

const kg = (grams: Decimal) => (Number(formatDecimal(grams)) / 1000).toFixed(1);
