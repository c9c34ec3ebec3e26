// Auditor grants: a brand lets an auditing organisation read the chain that feeds it. Granting and
// revoking are ledger entries. These are standing grants; an audit's own, scoped and time-boxed grant
// is made and ended by the audit workflow (domains/audits/audits, decision 0024).
import type { Database } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  AuditorGrant,
  AuditorGrantInput,
  AuditorGrantParams,
  BrandParams,
  Problem,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../../auth.ts';
import { badRequest, forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { createGrantStore } from './store.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export default async function grantRoutes(
  app: FastifyInstance,
  { db, writer }: { db: Database; writer: LedgerWriter },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const requireBrandTeam = async (principal: Principal, brandId: string) => {
    const ownBrand = principal.role === 'admin' || principal.organisationId === brandId;
    if (!ownBrand) throw notFound(`organisation ${brandId} not found`);
    if (principal.role !== 'admin' && principal.role !== 'procurement' && principal.role !== 'compliance') {
      throw forbidden('only the brand’s procurement or compliance team grants auditors access');
    }
  };
  const store = createGrantStore(db);

  r.post('/:brandId/auditor-grants', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance'),
    schema: {
      operationId: 'grantAuditor',
      tags: ['access'],
      summary: 'Let an auditing organisation read the chain that feeds this brand',
      security: [{ bearer: [] }],
      params: BrandParams,
      body: AuditorGrantInput,
      response: { 201: AuditorGrant, ...problems },
    },
    handler: async (request, reply) => {
      const { brandId } = request.params;
      const { auditorId } = request.body;
      await requireBrandTeam(request.principal!, brandId);
      const k = await store.organisationKinds([brandId, auditorId]);
      if (k.get(brandId) !== 'brand') throw notFound(`brand ${brandId} not found`);
      if (k.get(auditorId) !== 'auditor')
        throw badRequest(`organisation ${auditorId} is not an auditor`, [
          { in: 'body', pointer: '/auditorId', detail: 'must be an auditor organisation' },
        ]);
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'auditor.granted',
        subject: `organisation:${brandId}`,
        body: { auditor: `organisation:${auditorId}` },
        conflict: 'this auditor already has access',
      });
      return reply.code(201).send({ brandId, auditorId, entryIndex });
    },
  });

  r.delete('/:brandId/auditor-grants/:auditorId', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance'),
    schema: {
      operationId: 'revokeAuditor',
      summary: 'Revoke an auditor’s access to a brand’s chain (a ledger entry)',
      tags: ['access'],
      security: [{ bearer: [] }],
      params: AuditorGrantParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const { brandId, auditorId } = request.params;
      await requireBrandTeam(request.principal!, brandId);
      if (!(await store.hasStandingGrant(brandId, auditorId)))
        throw notFound(`no active grant for auditor ${auditorId}`);
      await appendRecord(writer, request.principal!, {
        type: 'auditor.revoked',
        subject: `organisation:${brandId}`,
        body: { auditor: `organisation:${auditorId}` },
        conflict: 'already revoked',
      });
      return reply.code(204).send(null);
    },
  });
}
