// Rebuilding the tables from the log (docs/decisions/0031-projectors-and-rebuild.md): the log's own
// tables are copied as they are (entries with their disclosures, Merkle subtrees, signed checkpoints;
// not the publications later entries made, which their projector writes again), then
// every entry is replayed, in index order, through its type's projector into an empty database.
// What the projectors write is then what the log says, and nothing else; the rebuild test compares
// it with the tables the service wrote as it went.
import type { Database, SqlExecutor, Transaction } from '@groundtruth/db';
import { decodeEntry, type JsonValue, revealBody } from '@groundtruth/ledger';
import { hasProjector, projectEntry } from './projections/index.ts';

/** The log itself, copied byte for byte in this order (later tables reference earlier ones). */
export const LOG_TABLES = [
  'ledger_entries',
  'ledger_subtrees',
  'ledger_checkpoints',
  'ledger_disclosure_publications',
] as const;

/**
 * Of the log's tables, the rows a projector writes rather than the writer: a field made public by a
 * later `disclosure.published` entry is that entry's projection (the writer's own rows publish a
 * batch claim's fields as it is logged, with itself as the publishing entry). Left out of the copy.
 */
const PROJECTED_LOG_ROWS: Partial<Record<(typeof LOG_TABLES)[number], string>> = {
  ledger_disclosure_publications: 'published_entry <> entry_index',
};

/**
 * Content the log refers to by digest rather than holds: the evidence bytes' descriptions, and the
 * thumbnails a batch claim names (made from evidence photos when it was published). Copied before
 * the replay, since attestations reference them.
 */
export const CONTENT_TABLES = ['evidence_blobs', 'passport_thumbnails'] as const;

/** Copied after the replay (they reference organisations); see the decision for why they are not entries yet. */
export const UPLOAD_TABLES = ['evidence_uploads'] as const;

/**
 * Columns kept off the log on purpose (decision 0031): personal data that must stay erasable, a
 * bearer secret's digest, a webhook subscriber's signature secret (decision 0026) and where its
 * deliveries have got to (operational, as the outbox is). Their projectors write the rows without
 * them; the rebuild copies them by key.
 */
export const OFF_LOG_COLUMNS: Record<string, readonly string[]> = {
  users: ['display_name', 'email'],
  invitations: ['token_sha256', 'invitee_name', 'invitee_email'],
  epcis_subscriptions: ['signature_secret', 'resume_token', 'last_notified_at'],
};

/** Copies off-log columns of rows that exist on both sides, matched by `id`. */
async function copyOffLogColumns(
  source: SqlExecutor,
  target: SqlExecutor,
  table: string,
  columns: readonly string[],
) {
  const rows = await source.query<{ row: string }>(
    `SELECT json_build_object('id', id, ${columns.map((c) => `'${c}', ${c}`).join(', ')})::text AS row FROM ${table}`,
  );
  for (let start = 0; start < rows.length; start += COPY_ROWS) {
    const chunk = rows.slice(start, start + COPY_ROWS).map((r) => r.row);
    await target.query(
      `UPDATE ${table} t SET ${columns.map((c) => `${c} = s.${c}`).join(', ')}
         FROM json_populate_recordset(NULL::${table}, $1::json) s WHERE t.id = s.id`,
      [`[${chunk.join(',')}]`],
    );
  }
}

export interface RebuildReport {
  /** Entries replayed through their projectors. */
  entries: number;
  /** Rows copied per table, as they are. */
  copied: Record<string, number>;
}

const COPY_ROWS = 500;

/**
 * Copies a table's rows from one database to another of the same schema, every column as it is:
 * each row travels as its JSON (bytea as `\x…` hex, the text form the target reads back).
 */
export async function copyTable(
  source: SqlExecutor,
  target: SqlExecutor,
  table: string,
  /** An SQL condition on the rows to leave out. */
  except?: string,
): Promise<number> {
  const rows = await source.query<{ row: string }>(
    `SELECT row_to_json(t)::text AS row FROM ${table} t${except ? ` WHERE NOT (${except})` : ''}`,
  );
  for (let start = 0; start < rows.length; start += COPY_ROWS) {
    const chunk = rows.slice(start, start + COPY_ROWS).map((r) => r.row);
    await target.query(
      `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
      [`[${chunk.join(',')}]`],
    );
  }
  return rows.length;
}

/**
 * Replays every entry of the log already in `db` through its projector, in index order, in
 * transactions of `batchEntries` entries. Throws naming the entry a projector refused.
 */
/** An entry as replayed, with every parameter its projector sent to the database. */
export interface ReplayedEntry {
  index: bigint;
  type: string;
  body: { [key: string]: JsonValue };
  parameters: unknown[];
}

/** The transaction as a projector sees it, noting the parameters of every query it sends. */
function noting(tx: Transaction, parameters: unknown[]): Transaction {
  return new Proxy(tx, {
    get(target, property) {
      if (property === 'query')
        return (sql: string, params?: unknown[]) => {
          parameters.push(...(params ?? []));
          return target.query(sql, params);
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function replayLog(
  db: Database,
  options: {
    batchEntries?: number;
    /** Told of each entry replayed and the parameters its projector wrote (the rebuild test reads them). */
    replayed?: (entry: ReplayedEntry) => void;
  } = {},
): Promise<number> {
  const batchEntries = options.batchEntries ?? 200;
  const [{ size }] = (await db.query<{ size: string }>(
    'SELECT count(*)::text AS size FROM ledger_entries',
  )) as [{ size: string }];
  const total = Number(size);
  for (let start = 0; start < total; start += batchEntries) {
    const end = Math.min(total, start + batchEntries);
    await db.transaction(async (tx) => {
      const logged = await tx.query<{ idx: string; data: Uint8Array }>(
        'SELECT idx::text AS idx, data FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY ledger_entries.idx',
        [String(start), String(end)],
      );
      const disclosed = await tx.query<{ entry_index: string; disclosure: string }>(
        `SELECT entry_index::text AS entry_index, disclosure FROM ledger_disclosures
          WHERE entry_index >= $1 AND entry_index < $2`,
        [String(start), String(end)],
      );
      const disclosures = new Map<string, string[]>();
      for (const d of disclosed) {
        const list = disclosures.get(d.entry_index);
        if (list) list.push(d.disclosure);
        else disclosures.set(d.entry_index, [d.disclosure]);
      }
      for (const row of logged) {
        const entry = decodeEntry(new Uint8Array(row.data));
        const body = revealBody(entry.body, disclosures.get(row.idx) ?? []).body;
        const parameters: unknown[] = [];
        try {
          const projecting = options.replayed ? noting(tx, parameters) : tx;
          await projectEntry(projecting, { ...entry, index: BigInt(row.idx), body, logged: entry.body });
          options.replayed?.({ index: BigInt(row.idx), type: entry.type, body, parameters });
        } catch (error) {
          throw new Error(`rebuild: entry ${row.idx} (${entry.type}) was refused by its projector`, {
            cause: error,
          });
        }
      }
    });
  }
  return total;
}

/**
 * Rebuilds `target` (migrated, with an empty log) from `source`'s log: the log copied, every entry
 * replayed through its projector. The source is only read. A log holding a type that has no projector
 * (written by a newer version of the service) is refused before anything is written.
 */
export async function rebuildFromLog(
  source: SqlExecutor,
  target: Database,
  options: { replayed?: (entry: ReplayedEntry) => void } = {},
): Promise<RebuildReport> {
  const [existing] = await target.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries');
  if (Number(existing!.n) !== 0) throw new Error('rebuild: the target database already has a log');
  // Refuse before writing anything when the log holds a type no projector replays.
  const types = await source.query<{ entry_type: string }>('SELECT DISTINCT entry_type FROM ledger_entries');
  const unprojected = types.map((t) => t.entry_type).filter((type) => !hasProjector(type));
  if (unprojected.length > 0) throw new Error(`rebuild: no projector for ${unprojected.sort().join(', ')}`);
  const copied: Record<string, number> = {};
  await target.transaction(async (tx) => {
    for (const table of LOG_TABLES)
      copied[table] = await copyTable(source, tx, table, PROJECTED_LOG_ROWS[table]);
    for (const table of CONTENT_TABLES) copied[table] = await copyTable(source, tx, table);
  });
  const entries = await replayLog(target, options.replayed ? { replayed: options.replayed } : {});
  await target.transaction(async (tx) => {
    for (const table of UPLOAD_TABLES) copied[table] = await copyTable(source, tx, table);
    for (const [table, columns] of Object.entries(OFF_LOG_COLUMNS))
      await copyOffLogColumns(source, tx, table, columns);
  });
  return { entries, copied };
}
