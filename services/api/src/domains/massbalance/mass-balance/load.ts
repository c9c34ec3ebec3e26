// Loads what the mass-balance rules read: the material graph as columns, the plots, and each site's
// custody model, as of one ledger tree size. A full recompute reads a million events and batches, so
// the big tables travel as binary COPY rows (@groundtruth/db readBinaryCopy: no value formatted as text
// by the server, none parsed from text here) and are linked by the integer surrogates the database
// keeps (`seq`), never by hashing UUID strings here.
import {
  type CopyField,
  type CopySend,
  type Database,
  readAggregatedCopy,
  type SqlExecutor,
  tuplesSql,
} from '@groundtruth/db';
import {
  buildGraph,
  type Commodity,
  type CustodyModel,
  type FlowEvent,
  isEvaluableMilligrams,
  type MassBalanceData,
  type Period,
  type PlotColumns,
  type ReferenceTable,
  type UnevaluableRecord,
} from '@groundtruth/massbalance';

async function treeSizeOf(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ size: string | number }>(
    'SELECT coalesce(max(idx) + 1, 0) AS size FROM ledger_entries',
  );
  return Number(row!.size);
}

/** "lon lat" of a plot's Point, or of its (Multi)Polygon's first vertex. */
export const PLOT_POINT = `CASE p.geometry->>'type'
    WHEN 'Point' THEN (p.geometry#>>'{coordinates,0}') || ' ' || (p.geometry#>>'{coordinates,1}')
    WHEN 'Polygon' THEN (p.geometry#>>'{coordinates,0,0,0}') || ' ' || (p.geometry#>>'{coordinates,0,0,1}')
    ELSE (p.geometry#>>'{coordinates,0,0,0,0}') || ' ' || (p.geometry#>>'{coordinates,0,0,0,1}') END`;
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Batch ids as an SQL array literal. COPY takes no parameters, so they are written into its text: only
 * after each is checked to be a UUID in canonical form (they come from the database, but a literal is
 * no place for anything unchecked).
 */
function uuidArray(ids: string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a canonical UUID: ${JSON.stringify(id)}`);
  return `'{${ids.join(',')}}'::uuid[]`;
}

/**
 * The graph as recorded below the current tree size: every projection row carries the ledger entry
 * that wrote it, and entries commit in index order, so rows below a committed size are a consistent
 * cut even while new events arrive. `batchIds` limits the graph to those batches (an upstream trace).
 */
export async function loadData(
  db: Database,
  table: ReferenceTable,
  batchIds?: string[],
): Promise<MassBalanceData> {
  const treeSize = await treeSizeOf(db);
  // Written into the COPYs' text (they take no parameters): an integer of our own.
  if (!Number.isSafeInteger(treeSize)) throw new Error(`tree size ${treeSize} is not an integer`);
  const below = String(treeSize);
  const scope = batchIds ? uuidArray(batchIds) : undefined;
  const scopedEvents = scope ? `AND e.id IN (SELECT produced_by FROM batches WHERE id = ANY(${scope}))` : '';
  /**
   * Rows of `from` as columns: aggregated into one value in the database (tuplesSql), so a million
   * rows are one message to the driver. Each column: its SQL, type, whether the schema rules out NULL,
   * and how it is read.
   */
  const rows = async (
    from: string,
    columns: [sql: string, type: CopySend, notNull: boolean, read: CopyField][],
  ) => {
    const tuples = tuplesSql(columns.map(([sql, type, notNull]) => ({ sql, type, notNull })));
    const bytes = await db.copyBinary(`SELECT ${tuples} FROM ${from}`);
    return readAggregatedCopy(
      bytes,
      columns.map(([, , , read]) => read),
    ).columns;
  };
  const [events, batches, inputs, plotRows, voids, receipts, periodRows, changes] = await Promise.all([
    rows(`trace_events e WHERE e.entry_index < ${below} ${scopedEvents}`, [
      ['e.seq', 'int8', true, 'int'],
      ['e.kind', 'text', true, 'text:shared'],
      ['e.organisation_id', 'uuid', true, 'uuid:shared'],
      ['e.event_time', 'timestamptz', true, 'time'],
      ['e.entry_index', 'int8', true, 'int'],
      ['e.id', 'uuid', true, 'uuid'],
      ['e.recorded_at', 'timestamptz', true, 'time'],
    ]),
    rows(`batches b WHERE b.entry_index < ${below} ${scope ? `AND b.id = ANY(${scope})` : ''}`, [
      ['b.seq', 'int8', true, 'int'],
      ['b.producer_seq', 'int8', true, 'int'],
      ['b.organisation_id', 'uuid', true, 'uuid:shared'],
      ['b.material', 'text', true, 'text:shared'],
      ['b.mass_grams', 'numeric', false, 'milli'],
      ['b.cocoa_content', 'numeric', false, 'decimal'],
      ['b.entry_index', 'int8', true, 'int'],
      ['b.id', 'uuid', true, 'uuid'],
    ]),
    // Inputs of events recorded at or after the tree size, or voided, are dropped below, by their event's seq.
    rows(
      `trace_event_inputs i ${scope ? `WHERE i.event_id IN (SELECT produced_by FROM batches WHERE id = ANY(${scope}))` : ''}`,
      [
        ['i.event_seq', 'int8', true, 'int'],
        ['i.batch_seq', 'int8', false, 'int'],
        ['i.plot_seq', 'int8', false, 'int'],
        ['i.mass_grams', 'numeric', false, 'milli'],
      ],
    ),
    rows(
      `plots p WHERE p.entry_index < ${below} ${
        // A scoped load needs only the plots its harvests took from.
        scope
          ? `AND p.id IN (SELECT i.plot_id FROM trace_event_inputs i JOIN trace_events e ON e.id = i.event_id
                           WHERE true ${scopedEvents})`
          : ''
      }`,
      [
        ['p.seq', 'int8', true, 'int'],
        ['p.organisation_id', 'uuid', true, 'uuid:shared'],
        ['p.commodity', 'text', true, 'text:shared'],
        ['p.country::text', 'text', true, 'text:shared'],
        ["p.geometry->>'type'", 'text', false, 'text:shared'],
        ['p.area_hectares', 'numeric', true, 'decimal'],
        ['p.created_at', 'timestamptz', true, 'time'],
        ['p.id', 'uuid', true, 'uuid'],
        [PLOT_POINT, 'text', false, 'text'],
      ],
    ),
    // Voided by an entry below the tree size: the event, its inputs and its batches are left out of the
    // graph (their rows stay). Few, so read apart rather than tested on every event row.
    rows(`trace_event_voids v JOIN trace_events e ON e.id = v.event_id WHERE v.entry_index < ${below}`, [
      ['e.seq', 'int8', true, 'int'],
    ]),
    rows(
      `transfer_receipts r WHERE r.entry_index < ${below} ${
        scope ? `AND r.event_id IN (SELECT produced_by FROM batches WHERE id = ANY(${scope}))` : ''
      }`,
      [['r.event_seq', 'int8', true, 'int']],
    ),
    db.query<{ organisation_id: string; start: string; end: string; closed_entry: string | number | null }>(
      `SELECT organisation_id, ${isoText('starts_at')} AS start, ${isoText('ends_at')} AS end,
              CASE WHEN closed_entry < $1 THEN closed_entry END AS closed_entry
         FROM accounting_periods WHERE entry_index < $1 ORDER BY starts_at`,
      [treeSize],
    ),
    db.query<{ organisation_id: string; entry_index: string | number; custody_model: CustodyModel }>(
      `SELECT organisation_id, entry_index, custody_model FROM custody_model_changes
        WHERE entry_index < $1 ORDER BY entry_index`,
      [treeSize],
    ),
  ]);

  const voided = new Set(voids[0] as Float64Array);
  if (voided.size > 0) {
    keepRows(events, (row) => !voided.has((events[0] as Float64Array)[row]!));
    keepRows(batches, (row) => !voided.has((batches[1] as Float64Array)[row]!));
  }
  const [eventSeq, eventKind, eventOrganisation, eventTime, eventEntry, eventIds, eventRecorded] = events as [
    Float64Array,
    FlowEvent['kind'][],
    string[],
    Float64Array,
    Float64Array,
    string[],
    Float64Array,
  ];
  const [batchSeq, producerSeq, batchOrganisation, batchMaterial, batchMilligrams, cocoa, batchEntry, ids] =
    batches as [
      Float64Array,
      Float64Array,
      string[],
      string[],
      Float64Array,
      string[],
      Float64Array,
      string[],
    ];
  const [inputEventSeq, inputBatchSeq, inputPlotSeq, inputMilligrams] = inputs as Float64Array[] as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const [
    plotSeq,
    plotOrganisation,
    commodity,
    country,
    geometryType,
    areaHectares,
    createdAt,
    plotIds,
    point,
  ] = plotRows as [
    Float64Array,
    string[],
    string[],
    string[],
    string[],
    string[],
    Float64Array,
    string[],
    string[],
  ];
  const longitude = new Float64Array(point.length).fill(Number.NaN);
  const latitude = new Float64Array(point.length).fill(Number.NaN);
  for (let p = 0; p < point.length; p++) {
    const space = point[p]!.indexOf(' ');
    if (space < 0) continue;
    longitude[p] = Number(point[p]!.slice(0, space));
    latitude[p] = Number(point[p]!.slice(space + 1));
  }

  const eventAt = denseIndex(eventSeq);
  const batchAt = denseIndex(batchSeq);
  const plotAt = denseIndex(plotSeq);

  const eventConfirmed = new Uint8Array(eventIds.length);
  for (const seq of receipts[0] as Float64Array) {
    const e = eventAt(seq);
    if (e >= 0) eventConfirmed[e] = 1;
  }
  // Masses the engine cannot weigh: left out (0 mg) and reported, never allowed to stop the run.
  const unevaluableBatches: number[] = [];
  for (let b = 0; b < batchMilligrams.length; b++)
    if (!Number.isNaN(batchMilligrams[b]!) && !isEvaluableMilligrams(batchMilligrams[b]!)) {
      unevaluableBatches.push(b);
      batchMilligrams[b] = Number.NaN; // weighs nothing, as a batch without mass does
    }
  const unevaluableInputs: number[] = [];
  for (let i = 0; i < inputMilligrams.length; i++)
    if (!Number.isNaN(inputMilligrams[i]!) && !isEvaluableMilligrams(inputMilligrams[i]!)) {
      unevaluableInputs.push(i);
      inputMilligrams[i] = Number.NaN;
    }

  const harvestPlot = new Int32Array(eventIds.length).fill(-1);
  const kept: number[] = [];
  for (let i = 0; i < inputEventSeq.length; i++) {
    const e = eventAt(inputEventSeq[i]!);
    if (e < 0) continue;
    if (Number.isNaN(inputPlotSeq[i]!)) kept.push(i);
    else harvestPlot[e] = plotAt(inputPlotSeq[i]!);
  }
  const graph = buildGraph(table, {
    batchIds: ids,
    batchOrganisation,
    batchMaterial,
    batchCocoaContent: cocoa.map((c) => (c === '' ? undefined : c)),
    // Batches counted in pieces or litres have no mass: they weigh nothing in the balance.
    batchMilligrams: batchMilligrams.map((m) => (Number.isNaN(m) ? 0 : m)),
    batchProducer: Int32Array.from(producerSeq, (seq) => eventAt(seq)),
    eventIds,
    eventKind,
    inputEvent: Int32Array.from(kept, (i) => eventAt(inputEventSeq[i]!)),
    inputBatch: Int32Array.from(kept, (i) =>
      Number.isNaN(inputBatchSeq[i]!) ? -1 : batchAt(inputBatchSeq[i]!),
    ),
    inputMilligrams: Float64Array.from(kept, (i) =>
      Number.isNaN(inputMilligrams[i]!) ? 0 : inputMilligrams[i]!,
    ),
  });
  const unevaluableEvents = new Set<number>();
  const unevaluable: UnevaluableRecord[] = [];
  if (unevaluableBatches.length + unevaluableInputs.length > 0) {
    // Few by nature: their exact stored grams are read back by id for the findings.
    const badBatchIds = unevaluableBatches.map((b) => ids[b]!);
    const badInputEvents = [
      ...new Set(unevaluableInputs.map((i) => eventAt(inputEventSeq[i]!)).filter((e) => e >= 0)),
    ];
    const exact = await db.query<{ id: string; lot: string | null; grams: string }>(
      `SELECT id::text, lot, trim_scale(mass_grams)::text AS grams FROM batches WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT i.event_id::text, NULL, trim_scale(max(i.mass_grams))::text FROM trace_event_inputs i
        WHERE i.event_id = ANY($2::uuid[]) GROUP BY i.event_id`,
      [badBatchIds, badInputEvents.map((e) => eventIds[e]!)],
    );
    const gramsOf = new Map(exact.map((r) => [r.id, r]));
    for (const b of unevaluableBatches) {
      const id = ids[b]!;
      const e = eventAt(producerSeq[b]!);
      if (e >= 0) unevaluableEvents.add(e);
      unevaluable.push({
        subject: { kind: 'batch', id },
        organisationId: batchOrganisation[b]!,
        what: `batch ${gramsOf.get(id)?.lot ?? id}`,
        grams: gramsOf.get(id)?.grams ?? 'unknown',
      });
    }
    for (const e of badInputEvents) {
      unevaluableEvents.add(e);
      unevaluable.push({
        subject: { kind: 'event', id: eventIds[e]! },
        organisationId: eventOrganisation[e]!,
        what: `an input of event ${eventIds[e]}`,
        grams: gramsOf.get(eventIds[e]!)?.grams ?? 'unknown',
      });
    }
  }
  return {
    graph,
    eventOrganisation,
    eventTime,
    eventRecorded,
    eventEntry,
    eventConfirmed,
    harvestPlot,
    plots: {
      ids: plotIds,
      organisation: plotOrganisation,
      commodity: commodity as Commodity[],
      country,
      geometryType: geometryType as PlotColumns['geometryType'],
      areaHectares,
      createdAt,
      longitude,
      latitude,
    },
    batchEntry,
    custodyChanges: changesBySite(changes),
    periods: periodsBySite(periodRows),
    unevaluable,
    unevaluableEvents,
    treeSize,
  };
}

function changesBySite(
  rows: { organisation_id: string; entry_index: string | number; custody_model: CustodyModel }[],
): Map<string, { entry: number; model: CustodyModel }[]> {
  const changes = new Map<string, { entry: number; model: CustodyModel }[]>();
  for (const r of rows) {
    const change = { entry: Number(r.entry_index), model: r.custody_model };
    const list = changes.get(r.organisation_id);
    if (list) list.push(change);
    else changes.set(r.organisation_id, [change]);
  }
  return changes;
}

function periodsBySite(
  rows: { organisation_id: string; start: string; end: string; closed_entry: string | number | null }[],
): Map<string, Period[]> {
  const periods = new Map<string, Period[]>();
  for (const r of rows) {
    const period: Period = {
      start: r.start,
      end: r.end,
      closed: r.closed_entry !== null,
      ...(r.closed_entry !== null ? { closedAtEntry: Number(r.closed_entry) } : {}),
    };
    const list = periods.get(r.organisation_id);
    if (list) list.push(period);
    else periods.set(r.organisation_id, [period]);
  }
  return periods;
}

/** Keeps the rows of every column for which `keep` holds, in order (in place). */
function keepRows(columns: (Float64Array | string[])[], keep: (row: number) => boolean): void {
  const rows = columns[0]?.length ?? 0;
  const kept: number[] = [];
  for (let row = 0; row < rows; row++) if (keep(row)) kept.push(row);
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    columns[c] =
      column instanceof Float64Array
        ? Float64Array.from(kept, (row) => column[row]!)
        : kept.map((row) => column[row]!);
  }
}

/** seq → position in the column, -1 where no row has that seq. */
type SeqIndex = (seq: number) => number;

/**
 * seq → position in the column, -1 where no row has that seq. A flat array when the seqs are dense,
 * as they are unless many inserts were rolled back (identity values are not given back); a map when
 * the gaps would make the array several times the rows.
 */
function denseIndex(seqs: Float64Array): SeqIndex {
  let max = -1;
  for (const seq of seqs) if (seq > max) max = seq;
  if (max > 4 * seqs.length + 1_000_000) {
    const map = new Map<number, number>();
    for (let i = 0; i < seqs.length; i++) map.set(seqs[i]!, i);
    return (seq) => map.get(seq) ?? -1;
  }
  const index = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < seqs.length; i++) index[seqs[i]!] = i;
  return (seq) => (seq >= 0 && seq < index.length ? index[seq]! : -1);
}
