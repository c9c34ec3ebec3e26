// Entries of mass balance: accounting periods of a site, resolutions of findings and overrides of the
// reference yields (domains/massbalance/site-accounts, domains/massbalance/mass-balance).
import { z } from 'zod';
import { Commodity, CountryCode } from '../registry.ts';
import { dateTime, decimalText, defineEntry, ref } from './define.ts';

export const MASS_BALANCE_ENTRIES = [
  defineEntry({
    type: 'accounting_period.declared',
    version: 1,
    description: 'A site’s accounting period for mass-balance credits: its start and end.',
    body: z.object({ period: ref('accounting_period'), start: dateTime, end: dateTime }).strict(),
    writtenBy: ['POST /v1/organisations/{id}/accounting-periods'],
  }),
  defineEntry({
    type: 'accounting_period.closed',
    version: 1,
    description: 'An ended accounting period is closed: it takes no later postings.',
    body: z.object({ period: ref('accounting_period') }).strict(),
    writtenBy: ['POST /v1/organisations/{id}/accounting-periods/{periodId}/close'],
  }),
  defineEntry({
    type: 'finding.resolved',
    version: 1,
    description: 'A finding is resolved with a justification, pinned to the numbers and log size it had.',
    body: z
      .object({
        rule: z
          .string()
          .regex(/^[A-Z][A-Z_]*$/)
          .describe('the rule, e.g. IMPOSSIBLE_YIELD'),
        subject: z
          .string()
          .regex(/^[a-z_]+:.+$/)
          .describe('`<kind>:<id>` of what the finding is about'),
        period: z.string().optional().describe('the crop year or accounting period, when the rule has one'),
        numbers: z.record(z.string(), z.json()).describe('the figures the finding was computed from'),
        referenceVersion: z.string(),
        treeSize: z.number().int().nonnegative().describe('the log size the finding was computed at'),
        justification: z.string(),
        resolvedFor: ref('organisation')
          .optional()
          .describe(
            'the organisation it was given for: it closes the finding for that organisation alone. Absent: by an ' +
              'administrator, for everyone (or, in entries written before stop 25, for the resolver’s organisation)',
          ),
      })
      .strict(),
    writtenBy: ['POST /v1/findings/{id}/resolution'],
  }),
  defineEntry({
    type: 'reference.override',
    version: 1,
    description: 'A reference yield overridden for a country or one plot, with its justification.',
    body: z
      .object({
        referenceVersion: z.string().describe('the reference table version it overrides'),
        commodity: Commodity,
        country: CountryCode.optional(),
        plot: ref('plot').optional(),
        plausibleMaxKgPerHa: decimalText.optional(),
        hardCeilingKgPerHa: decimalText.optional(),
        justification: z.string(),
      })
      .strict(),
    writtenBy: ['POST /v1/reference/overrides'],
  }),
];
