// What the server, the operator CLI and the tests share: the database, keys, ledger writer and reader.
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import {
  type Database,
  ensurePrivateDir,
  keepStatistics,
  migrate,
  openDatabase,
  restrictTree,
  type StatisticsKeeper,
} from '@groundtruth/db';
import { type BlobStore, FsBlobStore, S3BlobStore } from '@groundtruth/evidence';
import { type EntryPolicies, encodeVerifierKey } from '@groundtruth/ledger';
import { LedgerReader, LedgerWriter, loadEd25519Key, nodeNoteSigner } from '@groundtruth/ledger-store';
import { ENTRY_DEFINITIONS, type EntryDefinition, entryBodyChecker } from '@groundtruth/schemas';
import type { TokenKeys } from './auth.ts';
import type { Config, CustodySettings, ForestSettings, RateLimits, WebhookSettings } from './config.ts';
import { SelfAudit } from './self-audit.ts';

export interface Runtime {
  db: Database;
  writer: LedgerWriter;
  reader: LedgerReader;
  /** The C2SP verifier key of the log: `origin+keyid+base64(0x01 ‖ public key)`. */
  verifierKey: string;
  origin: string;
  tokenKeys: TokenKeys;
  epcisSchemaPath: string;
  evidence: { store: BlobStore; maxBytes: number };
  /** The full audit of the stored log, run at start-up, at an interval and on demand. */
  selfAudit: SelfAudit;
  /** Request rate limits; undefined: none. */
  rateLimit: RateLimits | undefined;
  custody: CustodySettings;
  /** The deforestation check's layers; undefined when no forest map is configured. */
  forest: ForestSettings | undefined;
  /** PGlite's planner statistics, kept by the service since PGlite has no autovacuum (inert on PostgreSQL). */
  statistics: StatisticsKeeper;
  /** EPCIS webhook delivery: targets allowed, retries, timeouts. */
  webhooks: WebhookSettings;
  close(): Promise<void>;
}

export function loadTokenKeys(config: Config): TokenKeys {
  const key = loadEd25519Key(config.authKeyPath, { create: config.generateAuthKey });
  return { privateKey: key.privateKey, publicKey: createPublicKey(key.privateKey), issuer: config.origin };
}

/**
 * Opens the database (applying migrations), loads or creates the keys and readies the ledger.
 * `policies` and `entries` replace the service's entry disclosure policies and entry definitions
 * (tests add their own entry types to both).
 */
export async function openRuntime(
  config: Config,
  options: { db?: Database; policies?: EntryPolicies; entries?: readonly EntryDefinition[] } = {},
): Promise<Runtime> {
  // Keys, the embedded database and evidence live here: this user's only (0700).
  ensurePrivateDir(config.dataDir);
  const signingKey = loadEd25519Key(config.signingKeyPath, { create: config.generateSigningKey });
  const tokenKeys = loadTokenKeys(config);
  const db = options.db ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  let statistics: StatisticsKeeper | undefined;
  try {
    await migrate(db);
    // Migrations create PGlite files (0666 by PGlite's doing): narrow them now, not only at close.
    if (db.kind === 'pglite') restrictTree(join(config.dataDir, 'pglite'));
    const signer = nodeNoteSigner(config.origin, signingKey);
    const kept = await resumeStatistics(db);
    statistics = kept;
    const writer = new LedgerWriter({
      db,
      origin: config.origin,
      signer,
      policies: options.policies,
      // Every entry's body is checked against its type's schema before anything is written.
      checkEntry: entryBodyChecker(options.entries ?? ENTRY_DEFINITIONS),
      onCommitted: (logged) => kept.noteWritten(logged),
    });
    await writer.init();
    const verifierKey = encodeVerifierKey(config.origin, signingKey.publicKey);
    const selfAudit = new SelfAudit(db, verifierKey, config.selfAuditIntervalMs);
    return {
      db,
      writer,
      reader: new LedgerReader(db),
      verifierKey,
      selfAudit,
      rateLimit: config.rateLimit,
      origin: config.origin,
      tokenKeys,
      epcisSchemaPath: config.epcisSchemaPath,
      custody: config.custody,
      forest: config.forest,
      statistics: kept,
      webhooks: config.webhooks,
      evidence: {
        store: config.evidenceS3
          ? new S3BlobStore({ ...config.evidenceS3, cacheDir: config.evidenceDir })
          : new FsBlobStore(config.evidenceDir),
        maxBytes: config.evidenceMaxBytes,
      },
      close: async () => {
        await selfAudit.stop();
        await writer.close();
        await kept.stop();
        await db.close();
      },
    };
  } catch (error) {
    await statistics?.stop();
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * The statistics keeper, told how far the log has grown since PGlite last analysed it: ANALYZE
 * records the row count it saw in pg_class (-1 before the first), which survives restarts.
 */
async function resumeStatistics(db: Database): Promise<StatisticsKeeper> {
  if (db.kind !== 'pglite') return keepStatistics(db);
  const [row] = await db.query<{ analyzed: number; size: number }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS analyzed,
            coalesce((SELECT max(tree_size) FROM ledger_checkpoints), 0)::float8 AS size
       FROM pg_class c WHERE c.oid = 'ledger_entries'::regclass`,
  );
  const statistics = keepStatistics(db, { analyzedSize: row!.analyzed });
  statistics.noteWritten(Math.max(0, row!.size - row!.analyzed));
  return statistics;
}
