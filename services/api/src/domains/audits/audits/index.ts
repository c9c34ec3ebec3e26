// The audit workflow's routes under /v1/audits (decision 0024). Not to be confused with
// /v1/ledger/audit, the log's self-audit: these are audits of a brand's supply chain.
import {
  AssignAuditInput,
  Audit,
  AuditAssignment,
  AuditFindingParams,
  AuditParams,
  ConcludeAuditInput,
  ConcludedAudit,
  CorrectiveActionParams,
  CorrectiveActionProgressInput,
  LotStatement,
  LotStatementParams,
  LotStatementQuery,
  NewAuditFinding,
  NewCorrectiveAction,
  OpenAuditInput,
  OpenedAudit,
  Problem,
  ProgressedCorrectiveAction,
  RecordedAuditFinding,
  SetCorrectiveAction,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const writeProblems = { ...problems, 409: Problem };

export default async function auditRoutes(app: FastifyInstance, { audits }: { audits: AuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/', {
    preHandler: app.requireRole('admin', 'compliance'),
    schema: {
      operationId: 'openAudit',
      tags: ['audits'],
      summary: 'Open an audit of a lot, a supplier or the brand’s chain over a period',
      description:
        'By the brand’s compliance team. Logged as `audit.opened` (the title committed). A lot or supplier must be ' +
        'in the brand’s accepted chain.',
      security: [{ bearer: [] }],
      body: OpenAuditInput,
      response: { 201: OpenedAudit, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await audits.open(request.principal!, request.body)),
  });

  r.get('/', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'listAudits',
      tags: ['audits'],
      summary: 'The audits the caller stands in: its brand’s, those it audits, those with actions it owns',
      security: [{ bearer: [] }],
      response: { 200: z.array(Audit), 401: Problem, 403: Problem },
    },
    handler: async (request) => audits.list(request.principal!),
  });

  r.get('/lot-statements/:batchId', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'lotStatement',
      tags: ['audits'],
      summary: 'A lot’s summary for the UK Modern Slavery Act and CSDDD reporting areas',
      description:
        'Supply-chain mapping depth, share traced to plots, the audits covering the lot that the caller stands in ' +
        '(with verdicts), open findings and corrective actions; then each reporting area with its coverage ' +
        '(`supported`, `partial`, `not_covered`) and the basis, saying plainly what these records do not cover.',
      security: [{ bearer: [] }],
      params: LotStatementParams,
      querystring: LotStatementQuery,
      response: { 200: LotStatement, ...problems },
    },
    handler: async (request) =>
      audits.statement(
        request.principal!,
        request.params.batchId,
        request.query.asOf ?? new Date().toISOString().slice(0, 10),
      ),
  });

  r.get('/:auditId', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'getAudit',
      tags: ['audits'],
      summary: 'One audit with its findings, corrective actions and conclusion',
      security: [{ bearer: [] }],
      params: AuditParams,
      response: { 200: Audit, ...problems },
    },
    handler: async (request) => audits.get(request.principal!, request.params.auditId),
  });

  r.post('/:auditId/assignment', {
    preHandler: app.requireRole('admin', 'compliance'),
    schema: {
      operationId: 'assignAudit',
      tags: ['audits'],
      summary: 'Assign an audit to an auditing organisation, with read access to its scope until a time',
      description:
        'By the opening brand’s compliance team, once. Logged as `audit.assigned`. The auditor may read the ' +
        'scope’s organisations (the supplier’s, the lot holder’s or the brand’s chain) until `accessUntil` or ' +
        'until it concludes the audit, whichever is first.',
      security: [{ bearer: [] }],
      params: AuditParams,
      body: AssignAuditInput,
      response: {
        201: AuditAssignment,
        ...writeProblems,
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await audits.assign(request.principal!, request.params.auditId, request.body)),
  });

  r.post('/:auditId/findings', {
    preHandler: app.requireRole('auditor'),
    schema: {
      operationId: 'recordAuditFinding',
      tags: ['audits'],
      summary: 'Record a finding about an organisation, lot or plot in the audit’s scope',
      description: 'By the assigned auditor while its access lasts. Logged as `audit.finding_recorded`.',
      security: [{ bearer: [] }],
      params: AuditParams,
      body: NewAuditFinding,
      response: { 201: RecordedAuditFinding, ...writeProblems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await audits.recordFinding(request.principal!, request.params.auditId, request.body)),
  });

  r.post('/:auditId/findings/:findingId/corrective-actions', {
    preHandler: app.requireRole('admin', 'compliance', 'auditor'),
    schema: {
      operationId: 'setCorrectiveAction',
      tags: ['audits'],
      summary: 'Set a corrective action on a finding: the organisation that must act, and by when',
      description:
        'By the assigned auditor or the opening brand’s compliance team. Logged as `audit.corrective_action_set`.',
      security: [{ bearer: [] }],
      params: AuditFindingParams,
      body: NewCorrectiveAction,
      response: { 201: SetCorrectiveAction, ...writeProblems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await audits.setCorrectiveAction(
            request.principal!,
            request.params.auditId,
            request.params.findingId,
            request.body,
          ),
        ),
  });

  r.post('/:auditId/corrective-actions/:actionId/progress', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier', 'auditor'),
    schema: {
      operationId: 'progressCorrectiveAction',
      tags: ['audits'],
      summary: 'Report a corrective action done (its owner), or verify or reject it (the assigned auditor)',
      description:
        'open → done and rejected → done by the owner; done → verified or rejected by the auditor. Logged as ' +
        '`audit.corrective_action_progressed`.',
      security: [{ bearer: [] }],
      params: CorrectiveActionParams,
      body: CorrectiveActionProgressInput,
      response: {
        200: ProgressedCorrectiveAction,
        ...writeProblems,
      },
    },
    handler: async (request) =>
      audits.progress(request.principal!, request.params.auditId, request.params.actionId, request.body),
  });

  r.post('/:auditId/conclusion', {
    preHandler: app.requireRole('auditor'),
    schema: {
      operationId: 'concludeAudit',
      tags: ['audits'],
      summary: 'Close the audit with a conclusion signed by the auditor’s own registered key',
      description:
        'The body is a compact JWS (EdDSA or ES256) of an `AuditConclusion` naming this audit and every finding ' +
        'recorded in it, by a registered, unrevoked key of the assigned auditor. The server verifies it first; ' +
        'the `audit.concluded` entry carries the JWS for anyone to re-verify offline. The auditor’s access ends at ' +
        'once, and nothing more is recorded in the audit.',
      security: [{ bearer: [] }],
      params: AuditParams,
      body: ConcludeAuditInput,
      response: {
        201: ConcludedAudit,
        ...writeProblems,
      },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await audits.conclude(request.principal!, request.params.auditId, request.body.jws)),
  });
}
