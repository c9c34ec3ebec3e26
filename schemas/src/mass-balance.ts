// Mass balance on the wire (decision 0032): findings with their resolutions and threads, recompute
// runs, a batch's traced-share breakdown, and the reference yields and factors the rules use.
import type { Rule } from '@groundtruth/massbalance';
import { z } from 'zod';
import { safeText } from './common.ts';
import { MAX_PER_PAGE, pageParameters } from './paging.ts';
import { Uuid } from './registry.ts';

/** The rules a finding may name, as the list of findings filters them. */
export const MASS_BALANCE_RULES = [
  'OVER_YIELD',
  'IMPOSSIBLE_YIELD',
  'MASS_IMBALANCE',
  'BATCH_OVERDRAWN',
  'BACKDATED',
  'OUTSIDE_COUNTRY',
  'UNCONFIRMED_TRANSFER',
  'BLENDED_ORIGIN',
  'NEGATIVE_BALANCE',
  'CREDIT_EXPIRED',
  'PERIOD_LOCKED',
  'PERIOD_TOO_LONG',
  'YIELD_OUTLIER',
  'OUTSIDE_HARVEST_WINDOW',
  'NEW_PLOT_BURST',
  'CYCLE',
  'UNKNOWN_MATERIAL',
  'UNEVALUABLE_RECORD',
  'EVIDENCE_FAR_FROM_PLOT',
  'EVIDENCE_TIME_MISMATCH',
  'EVIDENCE_REUSED',
  'EVIDENCE_SPARSE_SPLAT',
  'DEFORESTATION_RISK',
] as const;

/** Whether two unions of names are the same set. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * The wire's list of rules must name the engine's rules (`Rule`) and the forest check's
 * DEFORESTATION_RISK, no more and no less: a rule added to one and not the other fails the typecheck
 * here (the engine's type is erased at run time, so no test could). It found the engine's type
 * naming a rule nothing reported (NOT_CHECKED, removed).
 */
export const RULES_MATCH_THE_ENGINE: SameNames<
  (typeof MASS_BALANCE_RULES)[number],
  Rule | 'DEFORESTATION_RISK'
> = true;

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** A filter of several values, repeated (`?rule=a&rule=b`) or comma-separated (`?rule=a,b`). */
const anyOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([safeText(), z.array(safeText())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')))
    .pipe(z.array(z.enum(values)).min(1).max(20));

export const FindingListQuery = z
  .object({
    rule: anyOf(MASS_BALANCE_RULES).optional(),
    severity: anyOf(SEVERITIES).optional(),
    subjectKind: z.enum(['plot', 'event', 'batch', 'site', 'attestation']).optional(),
    subjectId: safeText().max(200).optional(),
    batchId: Uuid.optional().describe('findings on this batch or on volume it contains'),
    status: z.enum(['open', 'resolved', 'all']).default('open'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PER_PAGE)
      .optional()
      .describe('the former name of perPage, still accepted'),
    ...pageParameters,
  })
  .strict();

const resolvedFor = Uuid.nullable().describe(
  'the organisation the resolution was given for: it closes the finding for that organisation alone; null: ' +
    'given by an administrator, for everyone',
);

export const MassBalanceFindingResolution = z
  .object({
    justification: z.string(),
    by: z.string(),
    at: z.string(),
    entryIndex: z.number().int(),
    resolvedFor,
  })
  .meta({ id: 'MassBalanceFindingResolution' });

export const MassBalanceFinding = z
  .object({
    id: Uuid,
    rule: z.string(),
    severity: z.enum(SEVERITIES),
    subject: z.object({ kind: z.string(), id: z.string() }),
    period: z.string().nullable(),
    organisationId: Uuid.nullable(),
    message: z.string(),
    numbers: z.record(z.string(), z.unknown()),
    referenceVersion: z.string(),
    treeSize: z.number().int(),
    computedAt: z.string(),
    resolution: MassBalanceFindingResolution.nullable().describe(
      'the resolution given for these numbers, if any',
    ),
    previousResolution: MassBalanceFindingResolution.nullable().describe(
      'when the finding is open: its latest resolution, given for other numbers. The finding was resolved and ' +
        'came back changed (a new harvest, a correction, another reference yield): it needs resolving again.',
    ),
    exposure: z.number().optional().describe('with batchId: the share of that batch the finding touches'),
  })
  .meta({ id: 'MassBalanceFinding' });

/** A finding with every version of it across runs, and every resolution given. */
export const MassBalanceFindingThread = z
  .object({
    finding: MassBalanceFinding,
    current: z.boolean(),
    resolutions: z
      .array(
        z.object({
          entryIndex: z.number().int(),
          justification: z.string(),
          by: z.string(),
          at: z.string(),
          treeSize: z.number().int().describe('the log size of the finding version it resolved'),
          numbers: z.record(z.string(), z.unknown()),
          resolvedFor,
        }),
      )
      .describe(
        'the resolutions the caller may read: those given for its own organisation, for organisations whose ' +
          'records it may read, and by administrators (administrators read all)',
      ),
    versions: z.array(
      z.object({
        computedAt: z.string(),
        supersededAt: z.string().nullable(),
        treeSize: z.number().int(),
        referenceVersion: z.string(),
        numbers: z.record(z.string(), z.unknown()),
        resolution: MassBalanceFindingResolution.nullable(),
      }),
    ),
  })
  .meta({ id: 'MassBalanceFindingThread' });

export const FindingResolutionInput = z
  .object({ justification: safeText().trim().min(10).max(2000) })
  .strict()
  .meta({ id: 'NewFindingResolution' });

export const MassBalanceRun = z
  .object({
    runId: Uuid,
    kind: z.enum(['recompute', 'incremental']),
    treeSize: z.number().int(),
    referenceVersion: z.string(),
    findings: z.record(z.string(), z.number().int()),
    durationMs: z.number(),
  })
  .meta({ id: 'MassBalanceRun' });

/** How much of a batch traces to what identified plots can grow, with the numbers behind it. */
export const MassBalanceBreakdown = z
  .object({
    batchId: Uuid,
    material: z.string(),
    grams: z.string(),
    baseEquivalentGrams: z.string().nullable(),
    tracedShare: z.number(),
    untracedShare: z.number(),
    untracedGrams: z.string(),
    cyclic: z.boolean(),
    referenceVersion: z.string(),
    treeSize: z.number().int(),
    plots: z.array(
      z.object({
        plotId: Uuid,
        period: z.string(),
        harvestedGrams: z.string(),
        plausibleCapacityGrams: z.string(),
        tracedFraction: z.number(),
        rule: z.string().nullable(),
      }),
    ),
    conversions: z.array(
      z.object({
        eventId: Uuid,
        kind: z.string(),
        inputEquivalentGrams: z.string(),
        outputEquivalentGrams: z.string(),
        balanced: z.boolean(),
      }),
    ),
    unevaluable: z
      .array(
        z.object({
          subject: z.object({ kind: z.enum(['batch', 'event']), id: Uuid }),
          grams: z.string().describe('the mass as recorded'),
          message: z.string(),
        }),
      )
      .describe(
        'records upstream (or this batch itself) whose mass is beyond what any real lot weighs: left out of ' +
          'the balance, each an UNEVALUABLE_RECORD finding. This batch among them: nothing of it counts as traced.',
      ),
  })
  .meta({ id: 'MassBalanceBreakdown' });

/** The yields and conversion factors the rules use, with their sources, the overrides and the version. */
export const ReferenceData = z
  .object({
    version: z.string(),
    yields: z.array(z.record(z.string(), z.string())),
    factors: z.array(z.record(z.string(), z.string())),
    overrides: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  })
  .meta({ id: 'ReferenceData' });

const Yield = safeText().regex(/^\d{1,7}(\.\d{1,3})?$/, 'kg per hectare per year, e.g. "1800"');

/** A country's or one plot's reference yield, overridden with a justification. */
export const ReferenceOverrideInput = z
  .object({
    commodity: z.enum(['cocoa', 'coffee', 'oil_palm', 'soya', 'cattle', 'rubber']),
    country: safeText()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
      .optional(),
    plotId: Uuid.optional(),
    plausibleMax: Yield.optional(),
    hardCeiling: Yield.optional(),
    justification: safeText().trim().min(20).max(2000),
  })
  .strict()
  .refine((b) => (b.country === undefined) !== (b.plotId === undefined), {
    message: 'name a country or a plot, not both',
    path: ['country'],
  })
  .refine((b) => b.plausibleMax !== undefined || b.hardCeiling !== undefined, {
    message: 'override the plausible maximum, the hard ceiling, or both',
    path: ['plausibleMax'],
  })
  .meta({ id: 'NewReferenceOverride' });

export const RecordedReferenceOverride = z
  .object({ entryIndex: z.number().int(), referenceVersion: z.string() })
  .meta({ id: 'RecordedReferenceOverride' });
