// Attestations: recorded (one, or a batch), listed with their proofs and statements, stated about by
// auditors, withdrawn by the supplier.
import {
  AttestationBatchInput,
  AttestationBatchResults,
  AttestationInput,
  AttestationListQuery,
  AttestationReceipt,
  AttestationWithdrawalInput,
  AuditorStatementInput,
  EvidenceReport,
  IdParams,
  Problem,
  RecordedAuditorStatement,
  Role,
  WithdrawnAttestation,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { TITLE_BY_CODE } from '../../../errors.ts';
import { evidenceBodyParsers } from '../media-bodies.ts';
import type { AttestationService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Serialises a response without validating it against its schema again (see the receipt routes). */
const plainJson = () => (data: unknown) => JSON.stringify(data);

export default async function attestationRoutes(
  app: FastifyInstance,
  { attestations }: { attestations: AttestationService },
) {
  evidenceBodyParsers(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/attestations', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'recordAttestation',
      tags: ['evidence'],
      summary: 'Record a signed attestation; the receipt proves it is in the ledger',
      description:
        'A compact JWS (EdDSA or ES256, `kid` = the registered key’s RFC 7638 thumbprint) over an ' +
        'AttestationManifest. The receipt holds the entry index, leaf hash, signed checkpoint and inclusion ' +
        'proof: with the key and the media, everything needed to check the attestation without this server.',
      security: [{ bearer: [] }],
      body: AttestationInput,
      response: { 201: AttestationReceipt, ...problems, 409: Problem },
    },
    // The receipt is built here, not passed through from a client: its schema documents it, and the
    // tests check it (offline verification included), so it is not validated again on every response.
    serializerCompiler: plainJson,
    handler: async (request, reply) =>
      reply.code(201).send(await attestations.attest(request.principal!, request.body.jws)),
  });

  r.get('/attestations', {
    preHandler: app.requireRole(...Role.options),
    schema: {
      operationId: 'listAttestations',
      tags: ['evidence'],
      summary: 'The attestations about a plot or batch, with proofs and auditors’ statements',
      security: [{ bearer: [] }],
      querystring: AttestationListQuery,
      response: { 200: EvidenceReport, ...problems, 503: Problem },
    },
    handler: async (request) => {
      const [kind, id] = request.query.subject.split(':') as ['plot' | 'batch', string];
      return attestations.attestationsFor(request.principal!, kind, id) as Promise<
        z.infer<typeof EvidenceReport>
      >;
    },
  });

  r.post('/attestations/batch', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    bodyLimit: 32 * 1024 * 1024,
    schema: {
      operationId: 'recordAttestations',
      tags: ['evidence'],
      summary: 'Record up to 1,000 signed attestations at once; each gets its receipt or its refusal',
      description:
        'Checked with one query per kind of fact (keys, subjects, media) for the whole batch; the accepted ' +
        'ones are appended together. A refused item does not hold back the others.',
      security: [{ bearer: [] }],
      body: AttestationBatchInput,
      response: { 200: AttestationBatchResults, ...problems },
    },
    serializerCompiler: plainJson, // as for single receipts
    handler: async (request) => {
      const outcomes = await attestations.attestMany(request.principal!, request.body.jws);
      return {
        results: outcomes.map((o, index) =>
          o.ok
            ? { index, status: 201 as const, receipt: o.receipt }
            : {
                index,
                status: o.error.status,
                problem: {
                  type: `urn:groundtruth:problem:${o.error.code}`,
                  title: TITLE_BY_CODE[o.error.code],
                  status: o.error.status,
                  detail: o.error.message,
                  ...(o.error.options.errors ? { errors: o.error.options.errors } : {}),
                },
              },
        ),
      };
    },
  });

  r.post('/attestations/:id/statements', {
    preHandler: app.requireRole('auditor', 'admin'),
    schema: {
      operationId: 'recordAuditorStatement',
      tags: ['evidence'],
      summary: 'An auditor’s signed statement about an attestation: confirmed on site, disputed, or fake',
      security: [{ bearer: [] }],
      params: IdParams,
      body: AuditorStatementInput,
      response: { 201: RecordedAuditorStatement, ...problems, 409: Problem },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await attestations.state(request.principal!, request.params.id, request.body.jws)),
  });

  r.post('/attestations/:id/withdrawal', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'withdrawAttestation',
      tags: ['evidence'],
      summary: 'Withdraw an attestation (a new entry; the attestation stays, marked withdrawn)',
      security: [{ bearer: [] }],
      params: IdParams,
      body: AttestationWithdrawalInput,
      response: { 201: WithdrawnAttestation, ...problems, 409: Problem },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await attestations.withdraw(request.principal!, request.params.id, request.body.reason)),
  });
}
