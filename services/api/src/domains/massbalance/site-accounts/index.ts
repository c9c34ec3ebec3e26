// A site's chain-of-custody model and the accounting periods of its mass-balance account. Setting the
// model, declaring a period and closing one are ledger entries; the mass-balance rules read them.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { MAX_PERIOD_MONTHS } from '@groundtruth/massbalance';
import {
  AccountingPeriod,
  AccountingPeriodInput,
  AccountingPeriodParams,
  CustodyModel,
  CustodyModelInput,
  IdParams,
  Problem,
  SiteAccount,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import { AppError, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import type { MassBalanceService } from '../mass-balance/service.ts';
import { createSiteAccountStore, type PeriodRecord } from './store.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const WRITERS = ['admin', 'procurement', 'supplier'] as const;
const READERS = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

const toPeriod = (r: PeriodRecord): z.infer<typeof AccountingPeriod> => ({
  id: r.id,
  organisationId: r.organisationId,
  start: r.startsAt.toISOString(),
  end: r.endsAt.toISOString(),
  entryIndex: r.entryIndex,
  declaredBy: r.declaredBy,
  closed:
    r.closedEntry === null
      ? null
      : { entryIndex: r.closedEntry, at: r.closedAt!.toISOString(), by: r.closedBy! },
});

export default async function siteAccountRoutes(
  app: FastifyInstance,
  {
    db,
    writer,
    access,
    massBalance,
  }: { db: Database; writer: LedgerWriter; access: Access; massBalance: MassBalanceService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = createSiteAccountStore(db);
  const requireOrganisation = async (id: string) => {
    if (!(await store.organisationExists(id))) throw notFound(`organisation ${id} not found`);
  };

  r.put('/:id/custody-model', {
    preHandler: app.requireRole(...WRITERS),
    schema: {
      operationId: 'setCustodyModel',
      tags: ['mass balance'],
      summary: "Set a site's chain-of-custody model (ISO 22095), with a justification (a ledger entry)",
      description:
        'identity_preserved and segregated sites may hold no untraced volume; a mass_balance site may, as far as ' +
        'its account of traced credit covers it. Applies from the next check on.',
      security: [{ bearer: [] }],
      params: IdParams,
      body: CustodyModelInput,
      response: { 200: CustodyModel, ...problems },
    },
    handler: async (request) => {
      const { id } = request.params;
      await requireOrganisation(id);
      await access.requireWritable(request.principal!, id);
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'organisation.custody_model',
        subject: `organisation:${id}`,
        body: { model: request.body.model, justification: request.body.justification },
        conflict: 'this custody model is already recorded',
      });
      return { organisationId: id, model: request.body.model, entryIndex };
    },
  });

  r.get('/:id/site-account', {
    preHandler: app.requireRole(...READERS),
    schema: {
      operationId: 'siteAccount',
      tags: ['mass balance'],
      summary: "A site's mass-balance account now: each posting with the credit after it, and the balance",
      description:
        'Credit is the traced share of what the site received (its own harvests, transfers in); transfers out ' +
        'spend it, oldest credit first, and credit lapses after 12 months. Kept as mass balance whatever the ' +
        "site's custody model, so a segregated site sees what mass balance would allow it.",
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: SiteAccount, ...problems },
    },
    handler: async (request) => {
      await requireOrganisation(request.params.id);
      await access.requireVisible(request.principal!, request.params.id);
      return massBalance.siteAccount(request.params.id);
    },
  });

  r.get('/:id/accounting-periods', {
    preHandler: app.requireRole(...READERS),
    schema: {
      operationId: 'listAccountingPeriods',
      tags: ['mass balance'],
      summary: "A mass-balance site's accounting periods, oldest first",
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: z.array(AccountingPeriod), ...problems },
    },
    handler: async (request) => {
      await access.requireVisible(request.principal!, request.params.id);
      return (await store.periods(request.params.id)).map(toPeriod);
    },
  });

  r.post('/:id/accounting-periods', {
    preHandler: app.requireRole(...WRITERS),
    schema: {
      operationId: 'declareAccountingPeriod',
      tags: ['mass balance'],
      summary: `Declare an accounting period of at most ${MAX_PERIOD_MONTHS} months (a ledger entry)`,
      description: 'Periods of one site may not overlap. Months are counted in UTC; the end is exclusive.',
      security: [{ bearer: [] }],
      params: IdParams,
      body: AccountingPeriodInput,
      response: { 201: AccountingPeriod, ...problems },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      await requireOrganisation(id);
      await access.requireWritable(request.principal!, id);
      const periodId = randomUUID();
      const start = new Date(request.body.start).toISOString();
      const end = new Date(request.body.end).toISOString();
      await appendRecord(writer, request.principal!, {
        type: 'accounting_period.declared',
        subject: `organisation:${id}`,
        body: { period: `accounting_period:${periodId}`, start, end },
        conflict: 'this period is already declared',
      });
      const row = await store.period(periodId);
      return reply.code(201).send(toPeriod(row!));
    },
  });

  r.post('/:id/accounting-periods/:periodId/close', {
    preHandler: app.requireRole(...WRITERS),
    schema: {
      operationId: 'closeAccountingPeriod',
      tags: ['mass balance'],
      summary: 'Close an accounting period that has ended (a ledger entry); it takes no later postings',
      security: [{ bearer: [] }],
      params: AccountingPeriodParams,
      response: { 200: AccountingPeriod, ...problems },
    },
    handler: async (request) => {
      const { id, periodId } = request.params;
      await access.requireWritable(request.principal!, id);
      const period = await store.period(periodId, id);
      if (!period) throw notFound(`accounting period ${periodId} not found`);
      if (period.closedEntry !== null) throw new AppError('conflict', 'this period is already closed');
      if (period.endsAt.getTime() > Date.now())
        throw new AppError(
          'conflict',
          `the period runs until ${period.endsAt.toISOString()}: it can be closed once it has ended`,
        );
      await appendRecord(writer, request.principal!, {
        type: 'accounting_period.closed',
        subject: `organisation:${id}`,
        body: { period: `accounting_period:${periodId}` },
        conflict: 'this period is already closed',
      });
      const row = await store.period(periodId);
      return toPeriod(row!);
    },
  });
}
