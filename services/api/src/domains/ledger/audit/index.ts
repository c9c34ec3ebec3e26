// The full audit of the stored log on demand (issue 10, item 5): every leaf hash recomputed from the
// stored bytes, every stored subtree and signed checkpoint compared. Admin only: it reads the whole log.
import type { LedgerAuditReport as StoredLogAudit } from '@groundtruth/ledger-store';
import { LedgerAuditReport, Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { notFound } from '../../../errors.ts';
import type { SelfAudit } from '../../../self-audit.ts';

export const toAuditReport = (r: StoredLogAudit): z.infer<typeof LedgerAuditReport> => ({
  ok: r.ok,
  treeSize: Number(r.treeSize),
  leavesChecked: Number(r.leavesChecked),
  subtreesChecked: r.subtreesChecked,
  checkpointsChecked: r.checkpointsChecked,
  leavesPerSecond: r.durationMs > 0 ? Math.round(Number(r.leavesChecked) / (r.durationMs / 1000)) : 0,
  startedAt: r.startedAt.toISOString(),
  durationMs: Math.round(r.durationMs * 10) / 10,
  ...(r.failure
    ? {
        failure: {
          firstBadIndex: Number(r.failure.firstBadIndex),
          range: { start: Number(r.failure.range.start), end: Number(r.failure.range.end) },
          reason: r.failure.reason,
        },
      }
    : {}),
});

const problems = { 401: Problem, 403: Problem, 404: Problem };

export default async function auditRoutes(app: FastifyInstance, { selfAudit }: { selfAudit: SelfAudit }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/audit', {
    preHandler: app.requireRole('admin'),
    schema: {
      operationId: 'auditLedger',
      tags: ['ledger'],
      summary: 'Full audit of the stored log now: every leaf hash, subtree and signed checkpoint (admin)',
      description:
        'Answers 200 with ok=false and the first bad index when the stored log does not reproduce its own hashes or signed checkpoints; /ready then answers 503 until an audit passes.',
      security: [{ bearer: [] }],
      response: { 200: LedgerAuditReport, ...problems },
    },
    handler: async () => toAuditReport(await selfAudit.runFresh()),
  });

  r.get('/audit', {
    preHandler: app.requireRole('admin', 'auditor'),
    schema: {
      operationId: 'getLastLedgerAudit',
      tags: ['ledger'],
      summary: 'The result of the last full audit of the stored log (admin, auditor)',
      security: [{ bearer: [] }],
      response: { 200: LedgerAuditReport, ...problems },
    },
    handler: async () => {
      if (!selfAudit.last) throw notFound('not found');
      return toAuditReport(selfAudit.last);
    },
  });
}
