// Public verification of evidence: no token, only the bytes (or their digest).
import { EvidenceDigestInput, Problem, VerificationReport } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { Binary } from '../../../openapi.ts';
import { evidenceBodyParsers, requireMediaType, UPLOAD_MEDIA_TYPES } from '../media-bodies.ts';
import type { VerificationService } from './service.ts';

export default async function verificationRoutes(
  app: FastifyInstance,
  { verification }: { verification: VerificationService },
) {
  evidenceBodyParsers(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/verify', {
    schema: {
      operationId: 'verifyEvidence',
      tags: ['evidence'],
      summary: 'Public: which attestations cover a file, by digest, with everything needed to check them',
      description:
        'Answers with each attestation’s JWS, the signing key (JWK), the exact ledger entry bytes, an ' +
        'inclusion proof and the signed checkpoint it leads to, and the log’s public key; `gt verify-file` ' +
        'checks all of it locally. POST the file itself to /v1/verify/file instead of its digest.',
      body: EvidenceDigestInput,
      response: { 200: VerificationReport, 400: Problem, 503: Problem },
    },
    handler: async (request) =>
      verification.verifyDigest(request.body.sha256) as Promise<z.infer<typeof VerificationReport>>,
  });

  r.post('/verify/file', {
    schema: {
      operationId: 'verifyEvidenceFile',
      tags: ['evidence'],
      summary:
        'Public: as /v1/verify, for the file itself (its media type or octet-stream; hashed, not stored)',
      requestContent: {
        description: 'the file to look up',
        content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((type) => [type, Binary])),
      },
      response: { 200: VerificationReport, 400: Problem, 413: Problem, 503: Problem },
    },
    handler: async (request) => {
      requireMediaType(request.headers['content-type']);
      return verification.verifyStream(request.raw) as Promise<z.infer<typeof VerificationReport>>;
    },
  });
}
