// Fresh databases for tests: the same suite runs on PGlite and on PostgreSQL
// (GROUNDTRUTH_TEST_DB=pglite|postgres, set by scripts/test.mjs).
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Database, openDatabase } from './client.ts';
import { loadMigrations, migrate } from './migrate.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.GROUNDTRUTH_TEST_DB ?? 'pglite';
  if (kind !== 'pglite' && kind !== 'postgres')
    throw new Error(`GROUNDTRUTH_TEST_DB=${kind}: use pglite or postgres`);
  return kind;
}

const ADMIN_URL = process.env.GROUNDTRUTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  kind: TestDatabaseKind;
  /** postgres://… of the fresh database (PostgreSQL), or the PGlite data dir. */
  url: string | undefined;
  dataDir: string;
  /** Opens another connection to the same database (another "process" of the API). */
  reopen(): Promise<Database>;
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

/**
 * A migrated PGlite data directory to copy, made once per set of migrations and PGlite version and
 * shared by every test process: opening a PGlite database and applying the migrations costs ~3 s
 * (measured 2.8–3.8 s with 50 migrations), copying the result a small fraction of that, and the suite
 * opens hundreds. Made under a name of its own and renamed into place, so a process that finds it
 * finds it whole; of two processes making it at once, the second's copy is dropped.
 */
function migratedPgliteTemplate(): Promise<string> {
  // Once per process (the digest reads every migration file); a failed attempt is not kept.
  templateMade ??= makeMigratedPgliteTemplate().catch((error: unknown) => {
    templateMade = undefined;
    throw error;
  });
  return templateMade;
}
let templateMade: Promise<string> | undefined;

async function makeMigratedPgliteTemplate(): Promise<string> {
  // This package pins PGlite's exact version: a new one makes a new template.
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const digest = createHash('sha256').update(manifest.dependencies['@electric-sql/pglite'] ?? '');
  for (const m of loadMigrations()) digest.update(`${m.version}\n${m.checksum}\n`);
  const template = join(tmpdir(), `${TEMPLATE_PREFIX}${digest.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  pruneUnusedTemplates();
  const making = mkdtempSync(`${template}.making-`);
  const db = await openDatabase({ dataDir: making });
  await migrate(db);
  await db.close();
  try {
    renameSync(making, template);
  } catch (error) {
    rmSync(making, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
  return template;
}

const TEMPLATE_PREFIX = 'gt-pglite-template-';
/** A template no process has used for this long belongs to migrations nobody tests any more. */
const TEMPLATE_UNUSED_MS = 24 * 60 * 60 * 1000;
/** A half-made template this old was left by a process that died making it. */
const TEMPLATE_MAKING_MS = 60 * 60 * 1000;

/** A template's time says when it was last copied: what pruneUnusedTemplates goes by. */
function markUsed(template: string): void {
  try {
    const now = new Date();
    utimesSync(template, now, now);
  } catch {
    // Another user's template in a shared temp dir: it is still copied, only not marked.
  }
}

/**
 * Deletes templates of other migration sets that no test has copied for a day (each is ~40 MB, one
 * per set of migrations a machine ever tested), and half-made ones an hour old. A template another
 * checkout's run is using is marked at each copy, so it is kept.
 */
export function pruneUnusedTemplates(dir = tmpdir(), now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMPLATE_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const age = now - statSync(path).mtimeMs;
      if (age > (name.includes('.making-') ? TEMPLATE_MAKING_MS : TEMPLATE_UNUSED_MS))
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or another process's: pruning is housekeeping, never a reason to fail a test.
    }
  }
}

/** Creates a fresh, migrated database of the kind under test. PGlite databases live in a temp dir. */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const kind = testDatabaseKind();
  const dataDir = mkdtempSync(join(tmpdir(), 'gt-test-'));
  // A copy of the migrated template; `migrate` below then finds every migration applied.
  if (kind === 'pglite' && options.migrate !== false) {
    const template = await migratedPgliteTemplate();
    markUsed(template);
    try {
      cpSync(template, dataDir, { recursive: true });
    } catch (error) {
      // Pruned under a process idle for a day (a watch): made again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsSync(template)) throw error;
      templateMade = undefined;
      cpSync(await migratedPgliteTemplate(), dataDir, { recursive: true });
    }
  }
  let url: string | undefined;
  if (kind === 'postgres') {
    const name = `gt_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(ADMIN_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  }
  const open = () => openDatabase({ url, dataDir });
  const reopen = async () => {
    // PGlite is one process's database: a second instance on the same files would corrupt them.
    if (kind === 'pglite')
      throw new Error('PGlite cannot be opened twice; only PostgreSQL has several processes');
    return open();
  };
  const db = await open();
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    kind,
    url,
    dataDir,
    reopen,
    destroy: async () => {
      await db.close().catch(() => {});
      if (url) {
        const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
