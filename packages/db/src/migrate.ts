// Applies the checked-in SQL files of migrations/ in order, once each, at start-up.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');

/** Serialises migrations across API processes starting at once on one PostgreSQL. */
const MIGRATION_LOCK = 0x67_74_6d_69; // "gtmi"

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies pending migrations; refuses to start if an applied migration's file was edited since. */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<string[]> {
  await db.execScript(`CREATE TABLE IF NOT EXISTS gt_schema_migrations (
    version text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [row] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM gt_schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${migration.version} was changed after it was applied`);
        }
        return;
      }
      await tx.execScript(migration.sql);
      await tx.query('INSERT INTO gt_schema_migrations (version, checksum) VALUES ($1, $2)', [
        migration.version,
        migration.checksum,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}

/** True when every checked-in migration has been applied: what GET /ready reports. */
export async function migrationsApplied(db: Database, migrations = loadMigrations()): Promise<boolean> {
  const rows = await db.query<{ version: string }>('SELECT version FROM gt_schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  return migrations.every((m) => done.has(m.version));
}
