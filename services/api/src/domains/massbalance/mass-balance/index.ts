// Mass-balance findings, per-batch breakdowns, recompute runs and the reference table.
import { Problem, safeText, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage, MAX_PER_PAGE, PAGING_DESCRIPTION, pageParameters } from '../../../paging.ts';
import type { EventService } from '../../custody/events/service.ts';
import type { MassBalanceService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;
const RULES = [
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
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([safeText(), z.array(safeText())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')))
    .pipe(z.array(z.enum(values)).min(1).max(20));

const Resolution = z
  .object({ justification: z.string(), by: z.string(), at: z.string(), entryIndex: z.number().int() })
  .meta({ id: 'MassBalanceFindingResolution' });

const Finding = z
  .object({
    id: Uuid,
    rule: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    subject: z.object({ kind: z.string(), id: z.string() }),
    period: z.string().nullable(),
    organisationId: Uuid.nullable(),
    message: z.string(),
    numbers: z.record(z.string(), z.unknown()),
    referenceVersion: z.string(),
    treeSize: z.number().int(),
    computedAt: z.string(),
    resolution: Resolution.nullable().describe('the resolution given for these numbers, if any'),
    previousResolution: Resolution.nullable().describe(
      'when the finding is open: its latest resolution, given for other numbers. The finding was resolved and ' +
        'came back changed (a new harvest, a correction, another reference yield): it needs resolving again.',
    ),
    exposure: z.number().optional().describe('with batchId: the share of that batch the finding touches'),
  })
  .meta({ id: 'MassBalanceFinding' });

const RunSummary = z
  .object({
    runId: Uuid,
    kind: z.enum(['recompute', 'incremental']),
    treeSize: z.number().int(),
    referenceVersion: z.string(),
    findings: z.record(z.string(), z.number().int()),
    durationMs: z.number(),
  })
  .meta({ id: 'MassBalanceRun' });

const Breakdown = z
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

export default async function massBalanceRoutes(
  app: FastifyInstance,
  { massBalance, events }: { massBalance: MassBalanceService; events: EventService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/findings', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'listFindings',
      tags: ['mass balance'],
      summary: 'Current mass-balance findings the caller may see, most serious first',
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      querystring: z
        .object({
          rule: list(RULES).optional(),
          severity: list(['error', 'warning', 'info'] as const).optional(),
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
        .strict(),
      response: { 200: z.array(Finding), ...problems },
    },
    handler: async (request, reply) => {
      const { rule, severity, subjectKind, subjectId, batchId, status, limit, perPage, nextPageToken } =
        request.query;
      const page = await massBalance.findings(request.principal!, {
        ...(rule ? { rule } : {}),
        ...(severity ? { severity } : {}),
        ...(subjectKind ? { subjectKind } : {}),
        ...(subjectId ? { subjectId } : {}),
        ...(batchId ? { batchId } : {}),
        status,
        perPage: limit ?? perPage,
        nextPageToken,
      });
      linkNextPage(request, reply, page.nextPageToken);
      return page.findings;
    },
  });

  r.get('/findings/:id', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'getFinding',
      tags: ['mass balance'],
      summary: 'One finding by its id, with every version of it (its thread across runs)',
      description:
        'A finding’s id is derived from its rule, subject and period (a name-based UUIDv8), so it is the same ' +
        'in every recompute and incremental check, and a link to it stays valid. `current` is false when no ' +
        'run finds it any more; `versions` lists each run that found it, newest first, with its numbers and ' +
        'resolution; `resolutions` is every resolution of it, oldest first, each with the numbers it was given ' +
        'for. A resolution covers every version with those numbers (in any run, before or after a rebuild); ' +
        'changed numbers reopen the finding.',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: {
        200: z
          .object({
            finding: Finding,
            current: z.boolean(),
            resolutions: z.array(
              z.object({
                entryIndex: z.number().int(),
                justification: z.string(),
                by: z.string(),
                at: z.string(),
                treeSize: z.number().int().describe('the log size of the finding version it resolved'),
                numbers: z.record(z.string(), z.unknown()),
              }),
            ),
            versions: z.array(
              z.object({
                computedAt: z.string(),
                supersededAt: z.string().nullable(),
                treeSize: z.number().int(),
                referenceVersion: z.string(),
                numbers: z.record(z.string(), z.unknown()),
                resolution: Resolution.nullable(),
              }),
            ),
          })
          .meta({ id: 'MassBalanceFindingThread' }),
        ...problems,
      },
    },
    handler: async (request) => massBalance.finding(request.principal!, request.params.id),
  });

  r.post('/findings/:id/resolution', {
    preHandler: app.requireRole('admin', 'compliance'),
    schema: {
      operationId: 'resolveFinding',
      tags: ['mass balance'],
      summary: 'Resolve a finding with a justification (a ledger entry; the finding stays)',
      description:
        'Resolves the finding with the numbers it has now. Administrators, and compliance officers who see the ' +
        'organisation the finding is about without speaking for it (its own users and the organisation that ' +
        'keeps its records may not clear their own findings: 403). A finding already resolved for these ' +
        'numbers answers 409.',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      body: z.object({ justification: safeText().trim().min(10).max(2000) }).strict(),
      response: { 200: Finding, ...problems, 409: Problem },
    },
    handler: async (request) =>
      massBalance.resolve(request.principal!, request.params.id, request.body.justification),
  });

  r.post('/mass-balance/recompute', {
    preHandler: app.requireRole('admin', 'compliance'),
    schema: {
      operationId: 'recomputeMassBalance',
      tags: ['mass balance'],
      summary: 'Run every mass-balance rule over all data; supersedes the current findings',
      security: [{ bearer: [] }],
      response: { 200: RunSummary, ...problems },
    },
    handler: async (request) => massBalance.recompute(request.principal!),
  });

  r.get('/batches/:id/mass-balance', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'batchMassBalance',
      tags: ['mass balance'],
      summary: 'How much of a batch traces to what identified plots can grow, with the numbers',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: Breakdown, ...problems },
    },
    handler: async (request) => {
      await events.getBatch(request.principal!, request.params.id); // 404 unless visible
      return massBalance.breakdown(request.params.id);
    },
  });

  r.get('/reference', {
    schema: {
      operationId: 'referenceData',
      tags: ['mass balance'],
      summary: 'The yields and conversion factors the rules use, with sources, overrides and version',
      response: {
        200: z.object({
          version: z.string(),
          yields: z.array(z.record(z.string(), z.string())),
          factors: z.array(z.record(z.string(), z.string())),
          overrides: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
        }),
      },
    },
    handler: async () => {
      const reference = await massBalance.currentReference();
      return {
        version: reference.version,
        yields: reference.yields.map((y) => ({ ...y })),
        factors: reference.factors.map((f) => ({ ...f })),
        overrides: reference.overrides.map((o) => ({ ...o })),
      };
    },
  });

  const Yield = safeText().regex(/^\d{1,7}(\.\d{1,3})?$/, 'kg per hectare per year, e.g. "1800"');
  r.post('/reference/overrides', {
    // The reference is shared: an override changes every tenant's findings, and a compliance officer
    // of one brand (or of the plot's own supplier) could otherwise raise a cap to hide over-yield in a
    // chain that is not theirs. Only the operator's administrators record overrides (decision 0006).
    preHandler: app.requireRole('admin'),
    schema: {
      operationId: 'overrideReferenceYield',
      tags: ['mass balance'],
      summary:
        'Override a reference yield for a country or one plot, with a justification (a ledger entry; admins only)',
      description:
        'Applies from the next check on, to everyone: the reference version of every later finding names the ' +
        'last override, and the finding carries the override entry it used. Because it changes every ' +
        'tenant’s findings, only administrators may record one.',
      security: [{ bearer: [] }],
      body: z
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
        }),
      response: {
        201: z.object({ entryIndex: z.number().int(), referenceVersion: z.string() }),
        ...problems,
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await massBalance.override(request.principal!, request.body)),
  });
}
