// Evidence media, supplier signing keys and attestations.
import {
  AttestationReceipt,
  EvidenceBlob,
  EvidenceReport,
  Problem,
  RegisterKeyInput,
  Sha256Hex,
  SigningKey,
  safeText,
  Uuid,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JWK } from 'jose';
import { z } from 'zod';
import { AppError, TITLE_BY_CODE } from '../../../errors.ts';
import { Binary, problemResponses } from '../../../openapi.ts';
import { type EvidenceService, MAX_ATTESTATION_BATCH } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Content types an upload may declare; whatever is declared, the bytes are judged. */
export const UPLOAD_MEDIA_TYPES = [
  'application/octet-stream',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/quicktime',
  'model/gltf-binary',
  'model/x-ply',
  'application/x-ply',
  'model/x-spz',
  'model/x-splat',
  'model/x-ksplat',
] as const;

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase();

const notMediaType = (contentType: string | undefined) =>
  new AppError(
    'unsupported_media_type',
    `Content-Type ${contentType ?? '(none)'} is not accepted for media: send ${UPLOAD_MEDIA_TYPES.join(', ')} ` +
      '(the bytes decide what the file is)',
  );

/** Fastify parses a few types itself (text/plain): media routes accept only media types. */
function requireMediaType(contentType: string | undefined) {
  if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(mediaTypeOf(contentType) ?? ''))
    throw notMediaType(contentType);
}

/** The two splat formats without a magic number, named by their declared type. */
function splatKindOf(contentType: string | undefined): 'splat' | 'ksplat' | undefined {
  const type = mediaTypeOf(contentType);
  return type === 'model/x-splat' ? 'splat' : type === 'model/x-ksplat' ? 'ksplat' : undefined;
}
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

/** Serialises a response without validating it against its schema again (see the receipt routes). */
const plainJson = () => (data: unknown) => JSON.stringify(data);

export default async function evidenceRoutes(
  app: FastifyInstance,
  { evidence }: { evidence: EvidenceService },
) {
  // Media stream straight into the store: these parsers leave the body unread for the handler, so a
  // 1 GiB upload never sits in memory. (Scoped to this plugin; JSON routes keep their parser.) The
  // declared type is only a hint: the bytes decide what a file is (see docs/decisions).
  app.addContentTypeParser([...UPLOAD_MEDIA_TYPES], (_request, _payload, done) => done(null));
  // Any other type: a 415 that says what is accepted, instead of Fastify's bare one.
  app.addContentTypeParser('*', (request, _payload, done) => {
    const upload = /\/(evidence|verify\/file)(\?|$)/.test(request.url);
    done(
      upload
        ? notMediaType(request.headers['content-type'])
        : new AppError(
            'unsupported_media_type',
            `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted: send application/json`,
          ),
    );
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/evidence', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'uploadEvidence',
      tags: ['evidence'],
      summary: 'Upload a photo, video or 3D capture (raw bytes, with its own media type)',
      description:
        'Streamed to the content-addressed store while its SHA-256 is computed. Send the raw bytes with ' +
        `the media's own Content-Type or application/octet-stream (accepted: ${UPLOAD_MEDIA_TYPES.join(', ')}). ` +
        'The file is judged by its bytes (JPEG, PNG, HEIC, MP4, MOV, PLY, SPZ, GLB), not by the declared ' +
        'type: a declared type that differs is accepted and the answer’s `mediaType` is what the bytes are. ' +
        '`.splat` and `.ksplat` carry no magic number: name them with `?kind=` or their type ' +
        '(model/x-splat, model/x-ksplat). The same bytes uploaded twice are stored once (200 instead of 201).',
      security: [{ bearer: [] }],
      querystring: z.object({ kind: z.enum(['splat', 'ksplat']).optional() }).strict(),
      requestContent: {
        description: 'the media file',
        content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((type) => [type, Binary])),
      },
      response: { 200: EvidenceBlob, 201: EvidenceBlob, ...problems, 413: Problem, 415: Problem },
    },
    handler: async (request, reply) => {
      requireMediaType(request.headers['content-type']);
      const length = request.headers['content-length'];
      const kind = request.query.kind ?? splatKindOf(request.headers['content-type']);
      const { blob, created } = await evidence.upload(request.principal!, request.raw, {
        ...(kind ? { kind } : {}),
        ...(length !== undefined ? { contentLength: Number(length) } : {}),
      });
      return reply.code(created ? 201 : 200).send(blob as z.infer<typeof EvidenceBlob>);
    },
  });

  r.get('/evidence/:sha256', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'getEvidence',
      tags: ['evidence'],
      summary: 'What a stored media file is, with its capture metadata',
      security: [{ bearer: [] }],
      params: z.object({ sha256: Sha256Hex }),
      response: { 200: EvidenceBlob, ...problems },
    },
    handler: async (request) =>
      (await evidence.blob(request.principal!, request.params.sha256)) as z.infer<typeof EvidenceBlob>,
  });

  r.get('/evidence/:sha256/content', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'getEvidenceContent',
      tags: ['evidence'],
      summary: 'The media bytes',
      security: [{ bearer: [] }],
      params: z.object({ sha256: Sha256Hex }),
      responseContent: {
        200: {
          description: 'the stored bytes, served with the media type identified at upload',
          content: {
            'image/*': Binary,
            'video/*': Binary,
            'model/*': Binary,
            'application/octet-stream': Binary,
          },
          headers: {
            digest: { description: 'sha-256 of the bytes (RFC 3230 form)', schema: z.string() },
            'content-length': { description: 'size in bytes', schema: z.string() },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { meta, stream } = await evidence.content(request.principal!, request.params.sha256);
      return reply
        .type(meta.mediaType)
        .header('content-length', String(meta.size))
        .header('digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(stream);
    },
  });

  r.post('/organisations/:id/keys', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier', 'auditor'),
    schema: {
      operationId: 'registerSigningKey',
      tags: ['evidence'],
      summary: 'Register a public key for signing attestations or auditors’ statements (a ledger entry)',
      description:
        'The body is `{"jwk": <public JWK>}`: Ed25519 (`{"kty":"OKP","crv":"Ed25519","x":…}`) or P-256 ' +
        '(`{"kty":"EC","crv":"P-256","x":…,"y":…}`); a private key (with `d`) is refused. The key’s `kid` ' +
        'is its RFC 7638 thumbprint: sign with it in the JWS header. Suppliers (and the procurement teams ' +
        'mapping them) register their organisation’s keys; auditors register their own. `gt keys new` ' +
        'makes a pair and `gt keys register` sends it.',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      body: RegisterKeyInput,
      response: { 201: SigningKey, ...problems, 409: Problem },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await evidence.registerKey(request.principal!, request.params.id, request.body.jwk as JWK)),
  });

  r.get('/organisations/:id/keys', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'listSigningKeys',
      summary: 'The signing keys an organisation has registered',
      tags: ['evidence'],
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: z.array(SigningKey), ...problems },
    },
    handler: async (request) => evidence.keys(request.principal!, request.params.id),
  });

  r.delete('/organisations/:id/keys/:kid', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier', 'auditor'),
    schema: {
      operationId: 'revokeSigningKey',
      tags: ['evidence'],
      summary: 'Revoke a key (a ledger entry): it can attest nothing after this',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid, kid: safeText().min(1).max(100) }),
      response: { 204: z.null(), ...problems, 409: Problem },
    },
    handler: async (request, reply) => {
      await evidence.revokeKey(request.principal!, request.params.id, request.params.kid);
      return reply.code(204).send(null);
    },
  });

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
      body: z.object({ jws: safeText().min(10).max(60_000) }).strict(),
      response: { 201: AttestationReceipt, ...problems, 409: Problem },
    },
    // The receipt is built here, not passed through from a client: its schema documents it, and the
    // tests check it (offline verification included), so it is not validated again on every response.
    serializerCompiler: plainJson,
    handler: async (request, reply) =>
      reply.code(201).send(await evidence.attest(request.principal!, request.body.jws)),
  });

  const Report = EvidenceReport.extend({ sha256: Sha256Hex });

  r.post('/verify', {
    schema: {
      operationId: 'verifyEvidence',
      tags: ['evidence'],
      summary: 'Public: which attestations cover a file, by digest, with everything needed to check them',
      description:
        'Answers with each attestation’s JWS, the signing key (JWK), the exact ledger entry bytes, an ' +
        'inclusion proof and the signed checkpoint it leads to, and the log’s public key; `gt verify-file` ' +
        'checks all of it locally. POST the file itself to /v1/verify/file instead of its digest.',
      body: z.object({ sha256: Sha256Hex }).strict(),
      response: { 200: Report, 400: Problem, 503: Problem },
    },
    handler: async (request) => evidence.verifyDigest(request.body.sha256) as Promise<z.infer<typeof Report>>,
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
      response: { 200: Report, 400: Problem, 413: Problem, 503: Problem },
    },
    handler: async (request) => {
      requireMediaType(request.headers['content-type']);
      return evidence.verifyStream(request.raw) as Promise<z.infer<typeof Report>>;
    },
  });

  r.get('/attestations', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'listAttestations',
      tags: ['evidence'],
      summary: 'The attestations about a plot or batch, with proofs and auditors’ statements',
      security: [{ bearer: [] }],
      querystring: z
        .object({
          subject: safeText()
            .regex(/^(plot|batch):[0-9a-f-]{36}$/, 'plot:<uuid> or batch:<uuid>')
            .describe('plot:<id> or batch:<id>'),
        })
        .strict(),
      response: { 200: EvidenceReport, ...problems, 503: Problem },
    },
    handler: async (request) => {
      const [kind, id] = request.query.subject.split(':') as ['plot' | 'batch', string];
      return evidence.attestationsFor(request.principal!, kind, id) as Promise<
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
      body: z
        .object({ jws: z.array(safeText().min(10).max(60_000)).min(1).max(MAX_ATTESTATION_BATCH) })
        .strict(),
      response: {
        200: z.object({
          results: z.array(
            z.union([
              z.object({ index: z.number().int(), status: z.literal(201), receipt: AttestationReceipt }),
              z.object({ index: z.number().int(), status: z.number().int(), problem: Problem }),
            ]),
          ),
        }),
        ...problems,
      },
    },
    serializerCompiler: plainJson, // as for single receipts
    handler: async (request) => {
      const outcomes = await evidence.attestMany(request.principal!, request.body.jws);
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
      params: z.object({ id: Uuid }),
      body: z.object({ jws: safeText().min(10).max(20_000) }).strict(),
      response: {
        201: z.object({ statementId: Uuid, entryIndex: z.number().int(), verdict: z.string() }),
        ...problems,
        409: Problem,
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await evidence.state(request.principal!, request.params.id, request.body.jws)),
  });

  r.post('/attestations/:id/withdrawal', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'withdrawAttestation',
      tags: ['evidence'],
      summary: 'Withdraw an attestation (a new entry; the attestation stays, marked withdrawn)',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      body: z.object({ reason: safeText().trim().min(5).max(2000) }).strict(),
      response: {
        201: z.object({ attestationId: Uuid, entryIndex: z.number().int() }),
        ...problems,
        409: Problem,
      },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await evidence.withdraw(request.principal!, request.params.id, request.body.reason)),
  });
}
