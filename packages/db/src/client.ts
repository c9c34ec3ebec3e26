// One database interface over two drivers: PGlite (embedded, the default) and postgres.js
// (a PostgreSQL server). Both speak the same SQL, so the rest of the code is written once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { schema } from './schema.ts';

export type Row = Record<string, unknown>;

/** Runs SQL with $1…$n parameters. bigint columns come back as number or string: read them with BigInt(). */
export interface SqlExecutor {
  query<T extends object = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  execScript(text: string): Promise<void>;
}

export interface Transaction extends SqlExecutor {
  /**
   * Runs fn inside a savepoint: if it throws, its writes are undone and the transaction goes on.
   * fn must use the executor it is given (postgres.js fails the whole transaction otherwise).
   */
  savepoint<T>(fn: (sp: Transaction) => Promise<T>): Promise<T>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Commits when fn resolves (durably: on PGlite the files are synced too), rolls back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Typed queries outside transactions. */
  readonly orm: PgDatabase<PgQueryResultHKT, typeof schema>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; unset for PGlite in dataDir. */
  url?: string | undefined;
  /** Where PGlite keeps its files: `<dataDir>/pglite`. `memory://` keeps nothing (tests). */
  dataDir?: string | undefined;
  /** Connections in the postgres.js pool. */
  maxConnections?: number;
}

/** postgres.js wants Buffer for bytea parameters; a plain Uint8Array would be sent as JSON. */
function toDriverParam(value: unknown): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.maxConnections ?? 10)
    : openPglite(options.dataDir ?? './data');
}

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  const sql = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    // int8 as string keeps full precision; callers convert with BigInt().
    types: {},
  });
  const executor = (client: postgres.Sql | postgres.TransactionSql): SqlExecutor => ({
    // Named prepared statements: postgres.js leaves unsafe() queries unprepared, which re-parses and
    // re-plans every call. Our statement texts are fixed (arrays, not generated VALUES lists), so the
    // per-connection statement cache stays small.
    query: async <T extends object>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params.map(toDriverParam) as postgres.ParameterOrJSON<never>[], {
        prepare: params.length > 0,
      })) as unknown as T[],
    execScript: async (text) => {
      await client.unsafe(text);
    },
  });
  return {
    kind: 'postgres',
    ...executor(sql),
    transaction: async <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
      const wrap = (client: postgres.TransactionSql): Transaction => ({
        ...executor(client),
        savepoint: async <S>(inner: (sp: Transaction) => Promise<S>): Promise<S> => {
          let value: S | undefined;
          await client.savepoint(async (sp) => {
            value = await inner(wrap(sp));
          });
          return value as S;
        },
      });
      let result: T | undefined;
      await sql.begin(async (tx) => {
        result = await fn(wrap(tx));
      });
      return result as T;
    },
    orm: drizzlePostgres(sql, { schema }) as unknown as PgDatabase<PgQueryResultHKT, typeof schema>,
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = join(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const pg = await PGlite.create(location);
  const executor = (client: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    query: async <T extends object>(text: string, params: unknown[] = []) =>
      (await client.query<T>(text, params)).rows,
    execScript: async (text) => {
      await client.exec(text);
    },
  });
  let savepoints = 0;
  return {
    kind: 'pglite',
    ...executor(pg),
    transaction: async (fn) => {
      const result = await pg.transaction(async (tx) => {
        const wrapped: Transaction = {
          ...executor(tx),
          savepoint: async (inner) => {
            const name = `gt_sp_${++savepoints}`;
            await tx.exec(`SAVEPOINT ${name}`);
            try {
              const value = await inner(wrapped);
              await tx.exec(`RELEASE SAVEPOINT ${name}`);
              return value;
            } catch (error) {
              await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
              throw error;
            }
          },
        };
        return fn(wrapped);
      });
      // PGlite's transaction() does not sync the data directory after COMMIT (PGlite #1065);
      // an acknowledged write must survive the process being killed, so sync before returning.
      await pg.syncToFs();
      return result;
    },
    orm: drizzlePglite(pg, { schema }) as unknown as PgDatabase<PgQueryResultHKT, typeof schema>,
    close: () => pg.close(),
  };
}
