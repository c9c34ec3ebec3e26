// One database interface over two drivers: PGlite (embedded, the default) and postgres.js
// (a PostgreSQL server). Both speak the same SQL, so the rest of the code is written once.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
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
  /**
   * The rows of `select` in PostgreSQL's binary COPY format (read them with readBinaryCopy): for reads
   * of a million rows, which arrive without the server formatting a value as text. COPY takes no
   * parameters: `select` must be SQL of our own, with any value in it written safely by the caller.
   */
  copyBinary(select: string): Promise<Uint8Array>;
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
    // Fail fast when the server is unreachable (postgres.js waits 30 s by default): the API then
    // answers 503 with Retry-After instead of holding the request.
    connect_timeout: 5,
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
    copyBinary: async (select) => {
      // A connection of its own, closed after: postgres.js can leave a connection's socket paused when
      // a COPY's last data and its end arrive together (porsager/postgres#499, fix proposed in #1016),
      // and the next query given that pooled connection then waits for ever.
      const connection = postgres(url, {
        max: 1,
        onnotice: () => {},
        connect_timeout: 5,
        fetch_types: false,
      });
      try {
        const stream = await connection.unsafe(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`).readable();
        // Read flowing, each chunk as it comes: an async iterator joins what the stream buffered into a
        // new Buffer, and a join of one chunk is a copy too (an aggregated table is one chunk of 100 MB).
        const chunks = await new Promise<Buffer[]>((resolve, reject) => {
          const received: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => received.push(chunk));
          stream.on('end', () => resolve(received));
          stream.on('error', reject);
        });
        return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      } finally {
        // Not awaited: everything was read, and a paused socket would hold end() until its timeout.
        connection.end({ timeout: 5 }).catch(() => {});
      }
    },
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

/**
 * Takes group and other permissions off a directory tree (dirs 0700, files 0600). PGlite's file
 * system layer creates its files 0666 whatever the umask; the data dir itself being 0700 already
 * keeps other users out, and this makes each file say so too.
 */
export function restrictTree(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if (stat.mode & 0o077) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) restrictTree(join(path, name));
  } else if (stat.mode & 0o077) {
    chmodSync(path, 0o600);
  }
}

/** Creates a directory (and parents) readable only by this user; narrows an existing one. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

async function openPglite(dataDir: string): Promise<Database> {
  let location = dataDir;
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) {
    location = join(dataDir, 'pglite');
    ensurePrivateDir(dataDir);
    ensurePrivateDir(location);
  }
  const pg = await PGlite.create(location);
  if (onDisk) restrictTree(location);
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
    copyBinary: async (select) => {
      // PGlite writes what a COPY sends to its /dev/blob device and returns it as a Blob.
      const { blob } = await pg.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
      if (!blob) throw new Error('PGlite returned no COPY data');
      return new Uint8Array(await blob.arrayBuffer());
    },
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
    close: async () => {
      await pg.close();
      // Files created while open (new relations, WAL segments) were created 0666 too.
      if (onDisk) restrictTree(location);
    },
  };
}

/** Error codes that mean "the database cannot be reached or is going away", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // postgres.js
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // PostgreSQL SQLSTATE: connection exceptions (08…), shutting down or starting (57P01–57P03), too many connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * True when an error (or its cause, or any of an AggregateError's errors) says the database is
 * unreachable or shutting down: worth a 503 and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // PGlite after close() (or a failed start) has no code, only this message.
  if (error.message === 'PGlite is closed') return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
