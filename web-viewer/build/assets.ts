// The viewer's built files for the API to serve: built with Vite the first time they are asked for
// (or at start), into web-viewer/dist/<fingerprint>/, where the fingerprint is the SHA-256 of every
// source the bundle is made from. A later start with the same sources reuses that directory; a
// changed source builds a new one. Concurrent builders (two processes, two tests) each build into a
// private directory and rename it into place; the first rename wins and the others are discarded.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** Everything the bundle is made from: the viewer, and the workspace packages it imports. */
const SOURCES = [
  join(ROOT, 'index.html'),
  join(ROOT, 'vite.config.ts'),
  join(ROOT, 'package.json'),
  join(ROOT, 'src'),
  join(ROOT, 'public'),
  resolve(ROOT, '../packages/verify/src'),
  resolve(ROOT, '../packages/verify/package.json'),
  resolve(ROOT, '../packages/ledger/src'),
  resolve(ROOT, '../packages/ledger/package.json'),
];

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export interface ViewerFile {
  body: Buffer;
  type: string;
  /** Hashed by Vite (under assets/): its name changes when its content does. */
  immutable: boolean;
  etag: string;
}

async function filesUnder(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return [path];
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(SOURCES.map(filesUnder))).flat().sort();
  for (const file of files) {
    if (file.endsWith('.test.ts')) continue;
    hash
      .update(relative(ROOT, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildInto(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** The built viewer's directory, building it if its sources changed since the last build. */
export async function ensureViewerBuilt(): Promise<string> {
  const fingerprint = await sourceFingerprint();
  const target = join(DIST, fingerprint);
  if (existsSync(join(target, 'index.html'))) return target;
  await mkdir(DIST, { recursive: true });
  const scratch = join(DIST, `.build-${randomUUID()}`);
  try {
    await buildInto(scratch);
    await rename(scratch, target).catch((error: NodeJS.ErrnoException) => {
      // Another builder got there first with the same sources: theirs is as good as ours.
      if (!existsSync(join(target, 'index.html'))) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // Older builds are no longer served by this process, but another process (a server started before
  // the sources changed, a test file) may be about to read one: only builds untouched for an hour go.
  const stale = Date.now() - 3_600_000;
  for (const entry of await readdir(DIST)) {
    if (entry === fingerprint || entry.startsWith('.build-')) continue;
    const built = await stat(join(DIST, entry)).catch(() => undefined);
    if (built && built.mtimeMs < stale)
      await rm(join(DIST, entry), { recursive: true, force: true }).catch(() => undefined);
  }
  return target;
}

/** Every built file by its path under /viewer/, read into memory (the whole viewer is < 1 MB). */
export async function loadViewerFiles(dir: string): Promise<Map<string, ViewerFile>> {
  const files = new Map<string, ViewerFile>();
  // A directory removed under us would serve nothing: fail, and the caller builds again.
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the viewer build in ${dir} is gone`);
  for (const file of await filesUnder(dir)) {
    const path = relative(dir, file).split('\\').join('/');
    if (path.startsWith('.')) continue;
    const body = await readFile(file);
    files.set(path, {
      body,
      type: MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
      immutable: path.startsWith('assets/'),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return files;
}
