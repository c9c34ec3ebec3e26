// The bodies evidence routes accept: media files, streamed to the handler unread (uploads and
// /v1/verify/file), and JSON; any other type gets a 415 that says what is accepted instead of
// Fastify's bare one. Each evidence route plugin installs these parsers (they are scoped to it).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

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
export function requireMediaType(contentType: string | undefined) {
  if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(mediaTypeOf(contentType) ?? ''))
    throw notMediaType(contentType);
}

/** The two splat formats without a magic number, named by their declared type. */
export function splatKindOf(contentType: string | undefined): 'splat' | 'ksplat' | undefined {
  const type = mediaTypeOf(contentType);
  return type === 'model/x-splat' ? 'splat' : type === 'model/x-ksplat' ? 'ksplat' : undefined;
}

/** The routes that take a media file as their body. */
const MEDIA_ROUTE = /\/(evidence|verify\/file)(\?|$)/;

/**
 * Installs the body parsers of an evidence route plugin. Media stream straight into the store: these
 * parsers leave the body unread for the handler, so a 1 GiB upload never sits in memory (JSON routes
 * keep Fastify's parser). The declared type is only a hint: the bytes decide what a file is.
 */
export function evidenceBodyParsers(app: FastifyInstance) {
  app.addContentTypeParser([...UPLOAD_MEDIA_TYPES], (_request, _payload, done) => done(null));
  app.addContentTypeParser('*', (request, _payload, done) => {
    done(
      MEDIA_ROUTE.test(request.url)
        ? notMediaType(request.headers['content-type'])
        : new AppError(
            'unsupported_media_type',
            `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted: send application/json`,
          ),
    );
  });
}
