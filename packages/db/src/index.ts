// @groundtruth/db: the database client (PGlite or PostgreSQL), schema and migrations.
export {
  type Database,
  type DatabaseOptions,
  ensurePrivateDir,
  isDatabaseUnavailable,
  openDatabase,
  type Row,
  restrictTree,
  type SqlExecutor,
  type Transaction,
} from './client.ts';
export {
  type CopyColumns,
  type CopyField,
  CopyFormatError,
  type CopySend,
  readAggregatedCopy,
  readBinaryCopy,
  tuplesSql,
} from './copy.ts';
export { loadMigrations, type Migration, MigrationError, migrate, migrationsApplied } from './migrate.ts';
export {
  ledgerCheckpoints,
  ledgerDisclosurePublications,
  ledgerEntries,
  ledgerEntryDisclosures,
  ledgerSubtrees,
  schema,
  schemaMigrations,
} from './schema.ts';
export {
  ANALYZE_SCALE_FACTOR,
  ANALYZE_THRESHOLD,
  analyzeDue,
  keepStatistics,
  type StatisticsKeeper,
  type StatisticsKeeperOptions,
} from './statistics.ts';
export { openTestDatabase, type TestDatabase, testDatabaseKind } from './testing.ts';
