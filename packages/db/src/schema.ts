// Drizzle table definitions: the typed view of what migrations/ creates. The SQL files are the
// source of truth for DDL (they carry triggers drizzle cannot express); test/schema.test.ts checks
// that these definitions and the migrated database agree.
import { bigint, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { tables } from './tables.ts';

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    idx: bigint('idx', { mode: 'bigint' }).primaryKey(),
    leafHash: bytea('leaf_hash').notNull(),
    data: bytea('data').notNull(),
    entryType: text('entry_type').notNull(),
    subject: text('subject').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    // The entry's disclosures (migration 0051): its owner, and its paths and disclosure strings, each
    // joined by `~` in commit order. NULL when nothing was committed, or once erased (the only UPDATE
    // the table accepts). Readers query the view `ledger_disclosures`, one row per field.
    disclosureOwner: uuid('disclosure_owner'),
    disclosurePaths: text('disclosure_paths'),
    disclosures: text('disclosures'),
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

export const ledgerDisclosurePublications = pgTable(
  'ledger_disclosure_publications',
  {
    entryIndex: bigint('entry_index', { mode: 'bigint' })
      .notNull()
      .references(() => ledgerEntries.idx),
    path: text('path').notNull(),
    publishedEntry: bigint('published_entry', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryIndex, t.path] })],
);

export const schemaMigrations = pgTable('gt_schema_migrations', {
  version: text('version').primaryKey(),
  checksum: text('checksum').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The ledger's tables and the service's (tables.ts): what `db.orm` knows, and what test/schema.test.ts checks. */
export const schema = {
  ...tables,
  ledgerEntries,
  ledgerSubtrees,
  ledgerCheckpoints,
  ledgerDisclosurePublications,
  schemaMigrations,
};
