// Mass-balance findings, per-batch breakdowns, recompute runs and the reference table.
import {
  FindingListQuery,
  FindingResolutionInput,
  IdParams,
  MassBalanceBreakdown,
  MassBalanceFinding,
  MassBalanceFindingThread,
  MassBalanceRun,
  Problem,
  RecordedReferenceOverride,
  ReferenceData,
  ReferenceOverrideInput,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage, PAGING_DESCRIPTION } from '../../../paging.ts';
import type { EventService } from '../../custody/events/service.ts';
import type { MassBalanceService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

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
      querystring: FindingListQuery,
      response: { 200: z.array(MassBalanceFinding), ...problems },
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
      params: IdParams,
      response: { 200: MassBalanceFindingThread, ...problems },
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
      params: IdParams,
      body: FindingResolutionInput,
      response: { 200: MassBalanceFinding, ...problems, 409: Problem },
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
      response: { 200: MassBalanceRun, ...problems },
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
      params: IdParams,
      response: { 200: MassBalanceBreakdown, ...problems },
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
      response: { 200: ReferenceData },
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
      body: ReferenceOverrideInput,
      response: { 201: RecordedReferenceOverride, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await massBalance.override(request.principal!, request.body)),
  });
}
