// The ledger writer: sequences entries gap-free, stores the Merkle tree and signs a checkpoint,
// all in one transaction per batch. Concurrent appends are grouped into one batch (group commit);
// a PostgreSQL advisory lock makes exactly one process the sequencer of each batch.

import type { Database, Transaction } from '@groundtruth/db';
import {
  CompactRange,
  commitEntry,
  type Disclosure,
  ENTRY_POLICIES,
  type EntryEnvelope,
  type EntryPolicies,
  encodeEntry,
  type Hash,
  type NoteSigner,
  signCheckpoint,
  type TreeHasher,
} from '@groundtruth/ledger';
import { nodeDisclosureDigest, nodeTreeHasher } from './node-hasher.ts';
import { bytes, hex, readSubtreeHashes, subtreeKey } from './sql.ts';

// One statement per batch whatever its size: arrays of text, unnested server-side. Measured faster than
// multi-row VALUES and COPY on both drivers (docs/decisions/0002-ledger-storage.md).
export const INSERT_ENTRIES = `INSERT INTO ledger_entries (idx, leaf_hash, data, entry_type, subject)
  SELECT idx, decode(leaf_hash, 'hex'), convert_to(data, 'UTF8'), entry_type, subject
  FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(idx, leaf_hash, data, entry_type, subject)`;
// The writer's INSERT: the entries with their disclosures, in the same row (migration 0051, decision
// 0037): nothing confidential is logged without the means to disclose it, and no disclosure exists
// for an entry that was not logged. An entry's paths and its disclosures are each joined by `~` into
// one text (migration 0047): `~` cannot occur in either (a disclosure is base64url; a path is policy
// segments, which commitFields refuses to hold `~`, and array indexes), the separator SD-JWT itself
// uses. The batch's disclosure columns travel as one text each, rows separated by U+001E (no path may
// hold a control character either; '' for an entry without disclosures) and split by string_to_array.
// Arrays cost more (decision 0011, amended stop 24): the server parses an array literal character by
// character, quotes around every ~1 KiB element. Owners travel the same way, comma-separated ('' for
// none), each cast on its own: a uuid[] literal cost the server 1.7 µs per entry to parse, a split and
// a cast per element 0.65 (PostgreSQL 15, 800-entry batches; decision 0011, amended stop 26).
const INSERT_COMMITTED_ENTRIES = `INSERT INTO ledger_entries
    (idx, leaf_hash, data, entry_type, subject, disclosure_owner, disclosure_paths, disclosures)
  SELECT idx, decode(leaf_hash, 'hex'), convert_to(data, 'UTF8'), entry_type, subject,
    NULLIF(owner, '')::uuid, NULLIF(paths, ''), NULLIF(disclosures, '')
  FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[],
    string_to_array($12::text, ','), string_to_array($13::text, E'\\x1e'), string_to_array($14::text, E'\\x1e'))
    AS u(idx, leaf_hash, data, entry_type, subject, owner, paths, disclosures)`;
const INSERT_SUBTREES = `INSERT INTO ledger_subtrees (level, idx, hash)
  SELECT level, idx, decode(hash, 'hex') FROM unnest($6::int2[], $7::int8[], $8::text[]) AS u(level, idx, hash)`;
// Types that publish on entry also get their publications.
const INSERT_PUBLICATIONS = `INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry)
  SELECT idx, unnest(string_to_array(paths, '~')), idx
  FROM unnest($1::int8[], string_to_array($13::text, E'\\x1e')) AS u(idx, paths)
  WHERE idx = ANY($15::int8[])`;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const ROW_SEPARATOR = '\x1e';

/**
 * The values of `items` as one text, separated by `separator`: an entry's disclosure paths or strings
 * (`~`), or one column of a batch's rows (U+001E, or `,` for owners). '' for no items.
 */
function joinEach<T>(items: readonly T[], value: (item: T) => string, separator: string): string {
  if (items.length === 0) return '';
  let out = value(items[0]!);
  for (let i = 1; i < items.length; i++) out += separator + value(items[i]!);
  return out;
}

/** pg_advisory_xact_lock key held while a batch is sequenced ("gtlg"). */
export const LEDGER_SEQUENCE_LOCK = 0x67_74_6c_67;

export interface AppendedEntry {
  readonly index: bigint;
  readonly leafHash: Hash;
  /** The entry as logged: its confidential fields are digests (see `disclosures`). */
  readonly entry: EntryEnvelope;
  /** The exact leaf bytes. */
  readonly data: Uint8Array;
  /** The disclosures of the entry's confidential fields, stored with it in ledger_disclosures. */
  readonly disclosures: Disclosure[];
  /** True when dedup found these exact bytes already logged: index is the earlier entry's. */
  readonly duplicate: boolean;
}

export interface AppendReceipt {
  entries: AppendedEntry[];
  /** The checkpoint of the batch that committed these entries: it covers every one of them. */
  checkpoint: { size: bigint; rootHash: Hash; note: string };
}

export interface AppendRequest {
  /** Entries in the clear: the writer commits their confidential fields under the type's policy. */
  entries: EntryEnvelope[];
  /**
   * Writes this request's projection rows in the batch transaction, knowing the indexes assigned.
   * If it throws, this request alone is rolled back and rejected with that error.
   */
  project?: (tx: Transaction, appended: AppendedEntry[]) => Promise<void>;
  /** Do not log bytes that are already in the log; return the earlier index instead. */
  dedup?: boolean;
}

export interface LedgerWriterOptions {
  db: Database;
  origin: string;
  signer: NoteSigner;
  hasher?: TreeHasher;
  /** Upper bounds of one batch; more waiting appends go in the next. */
  maxBatchEntries?: number;
  maxBatchBytes?: number;
  /**
   * Refuses an entry whose body does not fit its type, by throwing; run on every entry in the clear
   * before anything of its request is encoded or written. The service passes its entry schemas
   * (@groundtruth/schemas' entryBodyChecker); null only where a caller appends its own test entries.
   */
  checkEntry: ((entry: EntryEnvelope) => void) | null;
  /** Which fields of each entry type are confidential; a type not listed is refused. */
  policies?: EntryPolicies | undefined;
  /** Told after each committed batch how many new entries it logged (e.g. to keep planner statistics). */
  onCommitted?: ((logged: number) => void) | undefined;
}

/**
 * What the writer keeps of an entry between encoding it and committing its batch: only what the
 * INSERT needs. A batched request holds its entries across young-generation collections, so every
 * object kept here is copied and promoted; the logged envelope and the disclosure objects were most
 * of those (measured: decision 0011, stop 25), and are rebuilt from these on the rare read.
 */
interface EncodedEntry {
  type: string;
  subject: string;
  data: Uint8Array;
  leafHash: Hash;
  /** The disclosures' paths and strings, each `~`-joined in commit order; '' when none. */
  paths: string;
  disclosures: string;
  owner: string | null;
  published: boolean;
}

/**
 * An appended entry as its caller sees it. The logged envelope is parsed from the leaf bytes and the
 * disclosures split from the stored texts when first read: most callers read neither.
 */
class Appended implements AppendedEntry {
  #entry: EntryEnvelope | undefined;
  #disclosures: Disclosure[] | undefined;
  readonly leafHash: Hash;
  readonly data: Uint8Array;
  constructor(
    readonly index: bigint,
    private readonly encoded: EncodedEntry,
    readonly duplicate: boolean,
  ) {
    this.leafHash = encoded.leafHash;
    this.data = encoded.data;
  }

  get entry(): EntryEnvelope {
    this.#entry ??= JSON.parse(utf8Decoder.decode(this.data)) as EntryEnvelope;
    return this.#entry;
  }

  get disclosures(): Disclosure[] {
    if (this.#disclosures) return this.#disclosures;
    const { paths, disclosures } = this.encoded;
    const texts = disclosures === '' ? [] : disclosures.split('~');
    const at = paths === '' ? [] : paths.split('~');
    this.#disclosures = texts.map((disclosure, i) => ({
      path: at[i]!,
      disclosure,
      digest: nodeDisclosureDigest(disclosure),
    }));
    return this.#disclosures;
  }
}

interface Pending {
  request: AppendRequest;
  encoded: EncodedEntry[];
  bytes: number;
  resolve: (receipt: AppendReceipt) => void;
  reject: (error: unknown) => void;
}

export class WriterClosedError extends Error {
  override name = 'WriterClosedError';
}

export class LedgerWriter {
  private readonly db: Database;
  private readonly origin: string;
  private readonly signer: NoteSigner;
  private readonly hasher: TreeHasher;
  private readonly maxBatchEntries: number;
  private readonly maxBatchBytes: number;
  private readonly policies: EntryPolicies;
  private readonly checkEntry: ((entry: EntryEnvelope) => void) | null;
  private readonly onCommitted: ((logged: number) => void) | undefined;
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  /** The right edge of the tree as of the last batch this process committed; reloaded if another process moved on. */
  private frontier: CompactRange | undefined;

  constructor(options: LedgerWriterOptions) {
    this.db = options.db;
    this.origin = options.origin;
    this.signer = options.signer;
    this.hasher = options.hasher ?? nodeTreeHasher;
    this.maxBatchEntries = options.maxBatchEntries ?? 4096;
    this.maxBatchBytes = options.maxBatchBytes ?? 16 * 1024 * 1024;
    this.policies = options.policies ?? ENTRY_POLICIES;
    this.checkEntry = options.checkEntry;
    this.onCommitted = options.onCommitted;
    if (this.signer.name !== this.origin)
      throw new Error('the log signing key must be named after the origin');
  }

  /** Signs the checkpoint of the empty tree when the log has none, so a new log is verifiable at once. */
  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_SEQUENCE_LOCK]);
      const [row] = await tx.query('SELECT 1 FROM ledger_checkpoints LIMIT 1');
      if (!row) await this.insertCheckpoint(tx, 0n, this.hasher.emptyRoot());
    });
  }

  /** Appends entries; resolves once they are durably committed under a signed checkpoint. */
  append(request: AppendRequest): Promise<AppendReceipt> {
    if (this.closed) return Promise.reject(new WriterClosedError('the ledger writer is closed'));
    let encoded: EncodedEntry[];
    try {
      // Encoding errors (a body that does not fit its type, a type without a disclosure policy, a
      // non-canonical entry, one over 64 KiB) belong to this caller alone. Every body is checked
      // before any is encoded: a refused request leaves nothing behind.
      if (this.checkEntry) for (const clear of request.entries) this.checkEntry(clear);
      encoded = request.entries.map((clear) => {
        const { entry, disclosures, owner, published } = commitEntry(
          clear,
          this.policies,
          undefined,
          nodeDisclosureDigest,
        );
        const data = encodeEntry(entry);
        return {
          type: entry.type,
          subject: entry.subject,
          data,
          leafHash: this.hasher.hashLeaf(data),
          paths: joinEach(disclosures, (d) => d.path, '~'),
          disclosures: joinEach(disclosures, (d) => d.disclosure, '~'),
          owner,
          published,
        };
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const bytes = encoded.reduce((n, e) => n + e.data.length, 0);
      this.queue.push({ request, encoded, bytes, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Waits for queued appends, then refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.commit(batch);
        } catch (error) {
          // The transaction rolled back: nothing of this batch is stored, every caller is told.
          this.frontier = undefined;
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private takeBatch(): Pending[] {
    let entries = 0;
    let size = 0;
    let taken = 0;
    for (const p of this.queue) {
      if (
        taken > 0 &&
        (entries + p.encoded.length > this.maxBatchEntries || size + p.bytes > this.maxBatchBytes)
      )
        break;
      entries += p.encoded.length;
      size += p.bytes;
      taken++;
    }
    return this.queue.splice(0, taken);
  }

  private async loadFrontier(tx: Transaction): Promise<CompactRange> {
    const [head] = await tx.query<{ tree_size: string | number; root_hash: unknown }>(
      'SELECT tree_size, root_hash FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    const size = head ? BigInt(head.tree_size) : 0n;
    if (this.frontier && this.frontier.size === size) return this.frontier.clone();
    const ids = CompactRange.frontierIds(size);
    const stored = await readSubtreeHashes(tx, ids);
    const frontier = CompactRange.resume(
      size,
      ids.map((id) => {
        const hash = stored.get(subtreeKey(id));
        if (!hash) throw new Error(`ledger storage is missing subtree ${subtreeKey(id)}`);
        return hash;
      }),
      this.hasher,
    );
    // The stored hashes must reproduce the last signed root, or we would extend a corrupted tree.
    if (head && Buffer.compare(Buffer.from(frontier.root()), Buffer.from(bytes(head.root_hash))) !== 0) {
      throw new Error(`ledger storage does not reproduce the checkpoint root at size ${size}`);
    }
    return frontier;
  }

  private async findExisting(tx: Transaction, batch: Pending[]): Promise<Map<string, bigint>> {
    const wanted = batch.filter((p) => p.request.dedup).flatMap((p) => p.encoded.map((e) => hex(e.leafHash)));
    const existing = new Map<string, bigint>();
    if (wanted.length === 0) return existing;
    const rows = await tx.query<{ idx: string | number; leaf_hash: unknown }>(
      `SELECT min(idx) AS idx, leaf_hash FROM ledger_entries
       WHERE leaf_hash IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h) GROUP BY leaf_hash`,
      [wanted],
    );
    for (const row of rows) existing.set(hex(bytes(row.leaf_hash)), BigInt(row.idx));
    return existing;
  }

  private async commit(batch: Pending[]): Promise<void> {
    const outcomes = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_SEQUENCE_LOCK]);
      const frontier = await this.loadFrontier(tx);
      const known = await this.findExisting(tx, batch);
      const newEntries: EncodedEntry[] = [];
      const newSubtrees: { level: number; index: bigint; hash: Hash }[] = [];
      const results: { pending: Pending; appended?: AppendedEntry[]; error?: unknown }[] = [];

      for (const pending of batch) {
        // Assign indexes provisionally; they become real only if the projection succeeds.
        const assigned = new Map<string, bigint>();
        let next = frontier.size;
        const appended = pending.encoded.map((e): AppendedEntry => {
          if (!pending.request.dedup) return new Appended(next++, e, false);
          const key = hex(e.leafHash);
          const earlier = known.get(key) ?? assigned.get(key);
          // Equal bytes mean equal digests, so the earlier entry's stored disclosures are these.
          if (earlier !== undefined) return new Appended(earlier, e, true);
          const index = next++;
          assigned.set(key, index);
          return new Appended(index, e, false);
        });
        if (pending.request.project && batch.length === 1) {
          // Alone in its batch, a request's projection needs no savepoint: if it fails, the whole
          // transaction rolls back and this request is the only one told.
          await pending.request.project(tx, appended);
        } else if (pending.request.project) {
          try {
            await tx.savepoint((sp) => pending.request.project!(sp, appended));
          } catch (error) {
            results.push({ pending, error });
            continue;
          }
        }
        appended.forEach((a, i) => {
          if (a.duplicate) return;
          newEntries.push(pending.encoded[i]!);
          frontier.append(a.leafHash, (id, hash) => newSubtrees.push({ ...id, hash }));
        });
        for (const [key, index] of assigned) known.set(key, index);
        results.push({ pending, appended });
      }

      const firstIndex = frontier.size - BigInt(newEntries.length);
      const checkpoint =
        newEntries.length > 0
          ? await this.insertAppended(tx, firstIndex, newEntries, newSubtrees, frontier.size, frontier.root())
          : await this.currentCheckpoint(tx);
      return { results, frontier, checkpoint, logged: newEntries.length };
    });

    this.frontier = outcomes.frontier;
    if (outcomes.logged > 0) this.onCommitted?.(outcomes.logged);
    for (const { pending, appended, error } of outcomes.results) {
      if (appended) pending.resolve({ entries: appended, checkpoint: outcomes.checkpoint });
      else pending.reject(error);
    }
  }

  /**
   * The entries, the subtrees they complete and the signed checkpoint, in one statement: one round
   * trip instead of three, which a small batch (a single request) feels.
   */
  private async insertAppended(
    tx: Transaction,
    firstIndex: bigint,
    entries: EncodedEntry[],
    subtrees: { level: number; index: bigint; hash: Hash }[],
    size: bigint,
    rootHash: Hash,
  ) {
    const note = signCheckpoint({ origin: this.origin, size, rootHash, extensions: [] }, this.signer);
    const indexes = entries.map((_, i) => (firstIndex + BigInt(i)).toString());
    // Entries whose type publishes its disclosures as it is logged, and that have some.
    const published = indexes.filter((_, i) => entries[i]!.published && entries[i]!.disclosures !== '');
    await tx.query(
      `WITH entries AS (${INSERT_COMMITTED_ENTRIES}),
            subtrees AS (${INSERT_SUBTREES})${
              published.length > 0
                ? `,
            publications AS (${INSERT_PUBLICATIONS})`
                : ''
            }
       INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES ($9, $10, $11)`,
      [
        indexes,
        entries.map((e) => hex(e.leafHash)),
        // Canonical JSON is UTF-8 text without NUL, so it travels as text and is stored as its exact bytes.
        entries.map((e) => utf8Decoder.decode(e.data)),
        entries.map((e) => e.type),
        entries.map((e) => e.subject),
        subtrees.map((t) => t.level),
        subtrees.map((t) => t.index.toString()),
        subtrees.map((t) => hex(t.hash)),
        size.toString(),
        rootHash,
        note,
        // uuids, '' for none: nothing here needs quoting.
        joinEach(entries, (e) => (e.disclosures === '' ? '' : (e.owner ?? '')), ','),
        joinEach(entries, (e) => e.paths, ROW_SEPARATOR),
        joinEach(entries, (e) => e.disclosures, ROW_SEPARATOR),
        ...(published.length > 0 ? [published] : []),
      ],
    );
    return { size, rootHash, note };
  }

  private async insertCheckpoint(tx: Transaction, size: bigint, rootHash: Hash) {
    const note = signCheckpoint({ origin: this.origin, size, rootHash, extensions: [] }, this.signer);
    await tx.query('INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES ($1, $2, $3)', [
      size.toString(),
      rootHash,
      note,
    ]);
    return { size, rootHash, note };
  }

  private async currentCheckpoint(tx: Transaction) {
    const [row] = await tx.query<{ tree_size: string | number; root_hash: unknown; note: string }>(
      'SELECT tree_size, root_hash, note FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    if (!row) {
      const empty = this.hasher.emptyRoot();
      return this.insertCheckpoint(tx, 0n, empty);
    }
    return { size: BigInt(row.tree_size), rootHash: bytes(row.root_hash), note: row.note };
  }
}
