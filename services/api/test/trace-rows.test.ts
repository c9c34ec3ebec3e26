// The trace's two ways of fetching its rows (trace-rows.ts: parallel row queries, chosen for
// PostgreSQL; one statement of JSON documents, chosen for PGlite) give the same rows, on both
// databases: over the demo chain plus a voided event and a loss, for the shipped butter lot (every
// tier), a cooperative's pool and a plain harvest batch.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { loadTraceRows, type TraceRows } from '../src/domains/custody/events/trace-rows.ts';
import { buildTestApp, type TestApp } from './helper.ts';

/** Rows as values: times as instants, ledger indexes as numbers (drivers differ on both). */
function normalised(rows: TraceRows) {
  const time = (v: Date | string) => new Date(v).toISOString();
  const index = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    batches: rows.batches.map((b) => ({
      ...b,
      entry_index: index(b.entry_index),
      event_time: time(b.event_time),
      recorded_at: time(b.recorded_at),
    })),
    events: rows.events.map((e) => ({
      ...e,
      entry_index: index(e.entry_index),
      voided_entry: index(e.voided_entry),
      event_time: time(e.event_time),
      recorded_at: time(e.recorded_at),
    })),
    inputs: rows.inputs,
    balances: [...rows.balances].sort(([a], [b]) => a.localeCompare(b)),
    plots: rows.plots,
  };
}

describe('trace rows, fetched as rows or as JSON', () => {
  let t: TestApp;
  const lots: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoData(t.runtime);
    const db = t.runtime.db;
    const [butter] = await db.query<{ id: string }>(
      "SELECT id FROM batches WHERE material = 'cocoa_butter' AND product_id IS NOT NULL ORDER BY entry_index DESC LIMIT 1",
    );
    const [pool] = await db.query<{ id: string }>(
      `SELECT b.id FROM batches b JOIN trace_events e ON e.id = b.produced_by
        WHERE e.kind = 'transformation' AND b.material = 'cocoa_beans' ORDER BY b.entry_index LIMIT 1`,
    );
    const harvests = await db.query<{ id: string; produced_by: string; organisation_id: string }>(
      `SELECT b.id, b.produced_by, b.organisation_id FROM batches b JOIN trace_events e ON e.id = b.produced_by
        WHERE e.kind = 'harvest' ORDER BY b.entry_index LIMIT 2`,
    );
    lots.butter = butter!.id;
    lots.pool = pool!.id;
    lots.harvest = harvests[1]!.id;
    // A void (of the first harvest) and a loss (on the second), straight into the projections: this
    // test is about reading them back, whatever wrote them.
    await db.query(
      `INSERT INTO trace_event_voids (event_id, entry_index, reason, voided_by, voided_at)
       VALUES ($1, 1, 'incorrect_data', 'user:test', now())`,
      [harvests[0]!.produced_by],
    );
    const loss = randomUUID();
    await db.query(
      `INSERT INTO trace_events (id, kind, organisation_id, event_time, entry_index, reason)
       VALUES ($1, 'loss', $2, now(), 2, 'drying')`,
      [loss, harvests[1]!.organisation_id],
    );
    await db.query(
      `INSERT INTO trace_event_inputs (event_id, position, batch_id, quantity_value, quantity_unit, mass_grams)
       VALUES ($1, 0, $2, 1.5, 'KGM', 1500)`,
      [loss, harvests[1]!.id],
    );
  });
  afterAll(() => t.close());

  it.each(['butter', 'pool', 'harvest'])('gives the same rows both ways for the %s lot', async (name) => {
    const asRows = await loadTraceRows(t.runtime.db, lots[name]!, 'rows');
    const asJson = await loadTraceRows(t.runtime.db, lots[name]!, 'json');
    expect(asRows.batches.length).toBeGreaterThan(0);
    expect(normalised(asJson)).toEqual(normalised(asRows));
    if (name === 'butter') {
      expect(asRows.plots.length).toBeGreaterThan(100);
      expect(asRows.events.some((e) => e.voided_entry !== null)).toBe(true);
    }
    if (name === 'harvest') expect(asRows.balances.get(lots.harvest!)!.lost).toBe('1500');
  });
});
