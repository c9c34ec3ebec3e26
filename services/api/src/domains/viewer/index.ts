// The evidence viewer (issue 15): web-viewer's built files under /viewer/. Built with Vite on the
// first request (or at start, server.ts) and kept on disk by source fingerprint, then served from
// memory: hashed assets cached for a year as immutable, the page itself revalidated every time.
// The page is public; everything it shows comes from the API with the caller's own token
// (docs/decisions/0018-viewer.md).
import { ensureViewerBuilt, loadViewerFiles, type ViewerFile } from '@groundtruth/web-viewer/build';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';

/**
 * Only this origin: scripts, styles, API calls and media. blob: for media the viewer has already
 * downloaded and hashed (it shows those bytes, not a second download) and for Spark's sorting
 * worker; 'wasm-unsafe-eval' lets Spark compile its WebAssembly (not JavaScript eval). No inline
 * script or style, no other site.
 */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

let pending: Promise<Map<string, ViewerFile>> | undefined;

/** The built viewer, building it once per process (a failed build is retried on the next call). */
export function viewerFiles(): Promise<Map<string, ViewerFile>> {
  pending ??= ensureViewerBuilt().then(loadViewerFiles);
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

export default async function viewerRoutes(app: FastifyInstance) {
  app.get('/viewer', { schema: { hide: true } }, async (request, reply) => {
    const at = request.url.indexOf('?');
    return reply.redirect(`/viewer/${at < 0 ? '' : request.url.slice(at)}`, 308);
  });

  app.get('/viewer/*', { schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'].split('?')[0] || 'index.html';
    const files = await viewerFiles();
    const file = files.get(path);
    // Only the names the build produced are served; anything else (../, encoded tricks) is 404.
    if (!file) throw notFound(`no viewer file ${path}`);
    reply.headers({
      etag: file.etag,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(path === 'index.html' ? { 'content-security-policy': VIEWER_CSP } : {}),
    });
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
}
