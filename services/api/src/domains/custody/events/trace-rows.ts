// The rows behind a batch's trace: every batch upstream of it (back to the plots), the events that
// made them, their inputs, the batches' balances and the plots harvested. Two ways to fetch the same
// rows, one per database, because what is expensive differs (measured with `pnpm bench trace`,
// 5,000 plots, 5,101 batches):
// - PostgreSQL: the upstream ids first, then the parts as rows, in parallel on pooled connections.
//   One statement returning each part as JSON measured about 1.5 × slower there: building the JSON
//   costs the server more than postgres.js spends decoding rows.
// - PGlite: one statement with each part as one JSON document. PGlite runs one query at a time and
//   turns every field of every row into a JS value in WebAssembly glue; for 5,000 rows that cost
//   several times the query itself, while one JSON.parse per part is native.
// Both shapes are tested to give the same rows on both databases.
import type { SqlExecutor } from '@groundtruth/db';
import { type BalanceRow, type BatchBalance, balanceRowsSql, NOT_VOIDED, toBalance } from './balance.ts';

/** A batch row with its producing event's times: what the trace and every batch read return. */
export interface BatchRow {
  id: string;
  organisation_id: string;
  lot: string;
  commodity: string;
  product_id: string | null;
  description: string | null;
  quantity_value: string;
  quantity_unit: string;
  mass_grams: string | null;
  material: string;
  cocoa_content: string | null;
  produced_by: string;
  entry_index: string | number;
  /** Of the producing event: when it happened (client's word) and when it was recorded (our clock). */
  event_time: Date | string;
  recorded_at: Date | string;
}

export interface TraceEventRow {
  id: string;
  kind: 'harvest';
  organisation_id: string;
  event_time: Date | string;
  recorded_at: Date | string;
  entry_index: string | number;
  voided_entry: string | number | null;
  voided_reason: string | null;
  voided_by: string | null;
}

export interface TraceInputRow {
  event_id: string;
  position: number;
  batch_id: string | null;
  plot_id: string | null;
  quantity_value: string | null;
  quantity_unit: string | null;
  mass_grams: string | null;
}

export interface TracePlotRow {
  id: string;
  organisation_id: string;
  country: string;
  area_hectares: string;
}

export interface TraceRows {
  batches: BatchRow[];
  events: TraceEventRow[];
  inputs: TraceInputRow[];
  balances: Map<string, BatchBalance>;
  plots: TracePlotRow[];
}

export type TraceShape = 'rows' | 'json';

/** The ids of the batches upstream of `$1` and of itself. */
const UPSTREAM_CTE = `WITH RECURSIVE upstream(batch_id) AS (
    SELECT $1::uuid
    UNION
    SELECT i.batch_id
    FROM upstream u
    JOIN batches b ON b.id = u.batch_id
    JOIN trace_event_inputs i ON i.event_id = b.produced_by
    -- A voided event did not happen (or not so): what it took is not upstream of what it made.
    WHERE i.batch_id IS NOT NULL AND ${NOT_VOIDED('b.produced_by')}
  )`;

// Each part selects from the batches whose ids `ids` selects, or from the events whose ids `events`
// selects. Numerics are cast to text so that no quantity passes through a double on the JSON path.
const batchesPart = (ids: string) => `SELECT b.id, b.organisation_id, b.lot, b.commodity, b.product_id,
    b.description, b.quantity_value::text AS quantity_value, b.quantity_unit,
    b.mass_grams::text AS mass_grams, b.material, b.cocoa_content::text AS cocoa_content,
    b.produced_by, b.entry_index, e.event_time, e.recorded_at
  FROM batches b JOIN trace_events e ON e.id = b.produced_by
  WHERE b.id IN (${ids})`;
const eventsPart = (events: string) => `SELECT e.id, e.kind, e.organisation_id, e.event_time,
    e.recorded_at, e.entry_index, v.entry_index AS voided_entry, v.reason AS voided_reason, v.voided_by
  FROM trace_events e LEFT JOIN trace_event_voids v ON v.event_id = e.id
  WHERE e.id IN (${events})`;
const inputsPart = (events: string) => `SELECT i.event_id, i.position, i.batch_id, i.plot_id,
    i.quantity_value::text AS quantity_value, i.quantity_unit, i.mass_grams::text AS mass_grams
  FROM trace_event_inputs i WHERE i.event_id IN (${events})`;
const plotsPart = (events: string) => `SELECT p.id, p.organisation_id, p.country,
    p.area_hectares::text AS area_hectares
  FROM plots p
  WHERE p.id IN (SELECT i.plot_id FROM trace_event_inputs i
                  WHERE i.event_id IN (${events}) AND i.plot_id IS NOT NULL)`;

// The order every part comes back in, whichever shape fetched it: ledger order for batches and
// events, position within an event for inputs.
const BATCH_ORDER = 'entry_index, id';
const INPUT_ORDER = 'event_id, position';

/** The trace's rows for the batch `batchId` (whose existence and visibility the caller checked). */
export function loadTraceRows(db: SqlExecutor, batchId: string, shape: TraceShape): Promise<TraceRows> {
  return shape === 'json' ? loadAsJson(db, batchId) : loadAsRows(db, batchId);
}

/** The shape measured faster on each database (see the top of this file). */
export const traceShapeFor = (kind: 'pglite' | 'postgres'): TraceShape =>
  kind === 'pglite' ? 'json' : 'rows';

async function loadAsRows(db: SqlExecutor, batchId: string): Promise<TraceRows> {
  const upstream = await db.query<{ batch_id: string }>(`${UPSTREAM_CTE} SELECT batch_id FROM upstream`, [
    batchId,
  ]);
  const ids = upstream.map((r) => r.batch_id);
  const idsSql = 'SELECT unnest($1::uuid[])';
  const eventsSql = 'SELECT produced_by FROM batches WHERE id = ANY($1::uuid[])';
  const [batches, events, inputs, balances, plots] = await Promise.all([
    db.query<BatchRow>(`${batchesPart(idsSql)} ORDER BY ${BATCH_ORDER}`, [ids]),
    db.query<TraceEventRow>(`${eventsPart(eventsSql)} ORDER BY e.entry_index, e.id`, [ids]),
    db.query<TraceInputRow>(`${inputsPart(eventsSql)} ORDER BY ${INPUT_ORDER}`, [ids]),
    db.query<BalanceRow>(balanceRowsSql(idsSql), [ids]),
    db.query<TracePlotRow>(`${plotsPart(eventsSql)} ORDER BY p.id`, [ids]),
  ]);
  return { batches, events, inputs, balances: new Map(balances.map((r) => [r.id, toBalance(r)])), plots };
}

async function loadAsJson(db: SqlExecutor, batchId: string): Promise<TraceRows> {
  const idsSql = 'SELECT batch_id FROM upstream';
  const eventsSql = 'SELECT id FROM upstream_events';
  const [parts] = await db.query<Record<'batches' | 'events' | 'inputs' | 'balances' | 'plots', string>>(
    `${UPSTREAM_CTE},
     upstream_events AS (SELECT DISTINCT produced_by AS id FROM batches WHERE id IN (${idsSql}))
     SELECT
       (SELECT coalesce(json_agg(x ORDER BY ${BATCH_ORDER}), '[]')::text FROM (${batchesPart(idsSql)}) x) AS batches,
       (SELECT coalesce(json_agg(x ORDER BY ${BATCH_ORDER}), '[]')::text FROM (${eventsPart(eventsSql)}) x) AS events,
       (SELECT coalesce(json_agg(x ORDER BY ${INPUT_ORDER}), '[]')::text FROM (${inputsPart(eventsSql)}) x) AS inputs,
       (SELECT coalesce(json_agg(x), '[]')::text FROM (${balanceRowsSql(idsSql)}) x) AS balances,
       (SELECT coalesce(json_agg(x ORDER BY id), '[]')::text FROM (${plotsPart(eventsSql)}) x) AS plots`,
    [batchId],
  );
  const balances = JSON.parse(parts!.balances) as BalanceRow[];
  return {
    batches: JSON.parse(parts!.batches),
    events: JSON.parse(parts!.events),
    inputs: JSON.parse(parts!.inputs),
    balances: new Map(balances.map((r) => [r.id, toBalance(r)])),
    plots: JSON.parse(parts!.plots),
  };
}
