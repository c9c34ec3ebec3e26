// Drizzle table definitions: the typed view of what migrations/ creates. The SQL files are the
// source of truth for DDL (they carry triggers drizzle cannot express); test/schema.test.ts checks
// that these definitions and the migrated database agree.
import {
  bigint,
  customType,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    idx: bigint('idx', { mode: 'bigint' }).primaryKey(),
    leafHash: bytea('leaf_hash').notNull(),
    data: bytea('data').notNull(),
    entryType: text('entry_type').notNull(),
    subject: text('subject').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_entries_subject_idx').on(t.subject, t.idx)],
);

export const ledgerSubtrees = pgTable(
  'ledger_subtrees',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'bigint' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'bigint' }).primaryKey(),
  rootHash: bytea('root_hash').notNull(),
  note: text('note').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ledgerDisclosures = pgTable(
  'ledger_disclosures',
  {
    entryIndex: bigint('entry_index', { mode: 'bigint' }).notNull(),
    digest: text('digest').notNull(),
    path: text('path').notNull(),
    disclosure: text('disclosure').notNull(),
    organisationId: uuid('organisation_id'),
    publishedEntry: bigint('published_entry', { mode: 'bigint' }),
  },
  (t) => [primaryKey({ columns: [t.entryIndex, t.digest] })],
);

export const schemaMigrations = pgTable('gt_schema_migrations', {
  version: text('version').primaryKey(),
  checksum: text('checksum').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schema = {
  ledgerEntries,
  ledgerSubtrees,
  ledgerCheckpoints,
  ledgerDisclosures,
  schemaMigrations,
};
