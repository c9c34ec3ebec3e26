// Evidence media: uploads into the content-addressed store, and what a stored file is.
import { EvidenceBlob, EvidenceParams, EvidenceUploadQuery, Problem, Role } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Binary, problemResponses } from '../../../openapi.ts';
import { evidenceBodyParsers, requireMediaType, splatKindOf, UPLOAD_MEDIA_TYPES } from '../media-bodies.ts';
import type { BlobService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function blobRoutes(app: FastifyInstance, { blobs }: { blobs: BlobService }) {
  evidenceBodyParsers(app);
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
      querystring: EvidenceUploadQuery,
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
      const { blob, created } = await blobs.upload(request.principal!, request.raw, {
        ...(kind ? { kind } : {}),
        ...(length !== undefined ? { contentLength: Number(length) } : {}),
      });
      return reply.code(created ? 201 : 200).send(blob as z.infer<typeof EvidenceBlob>);
    },
  });

  r.get('/evidence/:sha256', {
    preHandler: app.requireRole(...Role.options),
    schema: {
      operationId: 'getEvidence',
      tags: ['evidence'],
      summary: 'What a stored media file is, with its capture metadata',
      security: [{ bearer: [] }],
      params: EvidenceParams,
      response: { 200: EvidenceBlob, ...problems },
    },
    handler: async (request) =>
      (await blobs.blob(request.principal!, request.params.sha256)) as z.infer<typeof EvidenceBlob>,
  });

  r.get('/evidence/:sha256/content', {
    preHandler: app.requireRole(...Role.options),
    schema: {
      operationId: 'getEvidenceContent',
      tags: ['evidence'],
      summary: 'The media bytes',
      security: [{ bearer: [] }],
      params: EvidenceParams,
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
      const { meta, stream } = await blobs.content(request.principal!, request.params.sha256);
      return reply
        .type(meta.mediaType)
        .header('content-length', String(meta.size))
        .header('digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(stream);
    },
  });
}
