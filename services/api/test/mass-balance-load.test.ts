// The recompute's loader (binary COPY, rows aggregated in the database, linked by integer surrogates)
// reads exactly what plain queries of the same tables say, on a generated chain with what makes a
// loader go wrong: a voided event, a transfer recorded after the tree size, a mass no float holds, a
// batch counted in pieces, chocolate with its cocoa content, confirmed and unconfirmed transfers. Each
// fact is compared by id, so it holds whatever order the rows come in; the scoped load of one batch's
// upstream is compared the same way.
import { DEFAULT_REFERENCE, type MassBalanceData } from '@groundtruth/massbalance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMassBalanceData } from '../../../tests/bench/massbalance.ts';
import { loadData } from '../src/domains/massbalance/mass-balance/load.ts';
import { appendRecord } from '../src/record.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
let treeSize: number;

beforeAll(async () => {
  t = await buildTestApp();
  const entryIndex = await appendRecord(
    t.runtime.writer,
    { subject: 'system:test', role: 'admin' },
    {
      type: 'demo.seeded',
      subject: 'test:mass-balance-load',
      body: { description: 'mass-balance load test data' },
      conflict: 'already recorded',
    },
  );
  // 400 plots, 2 harvests each, shipped and pooled (the bench's generator, at a small size).
  await fillMassBalanceData(t.runtime.db, 400, 2, entryIndex);
  treeSize = entryIndex + 1;
  await t.runtime.db.execScript(`
    -- One transfer voided below the tree size, one recorded at it (not yet in the cut).
    INSERT INTO trace_event_voids (event_id, entry_index, reason, voided_by, voided_at)
      SELECT id, ${entryIndex}, 'test', 'system:test', now() FROM trace_events WHERE kind = 'transfer' ORDER BY seq LIMIT 1;
    UPDATE trace_events SET entry_index = ${treeSize}
      WHERE id = (SELECT id FROM trace_events WHERE kind = 'transfer' ORDER BY seq OFFSET 1 LIMIT 1);
    -- Unconfirmed transfers, and confirmations recorded after the cut.
    DELETE FROM transfer_receipts WHERE event_id IN (SELECT id FROM trace_events WHERE kind = 'transfer' ORDER BY seq OFFSET 2 LIMIT 5);
    UPDATE transfer_receipts SET entry_index = ${treeSize}
      WHERE event_id IN (SELECT id FROM trace_events WHERE kind = 'transfer' ORDER BY seq OFFSET 7 LIMIT 5);
    -- Masses: beyond any float's exact milligrams, none (pieces), a chocolate bar's cocoa content.
    UPDATE batches SET mass_grams = 123456789012345678.125 WHERE id = (SELECT id FROM batches ORDER BY seq OFFSET 3 LIMIT 1);
    UPDATE batches SET mass_grams = NULL, quantity_unit = 'H87' WHERE id = (SELECT id FROM batches ORDER BY seq OFFSET 4 LIMIT 1);
    UPDATE batches SET material = 'chocolate', cocoa_content = 0.700 WHERE id = (SELECT id FROM batches ORDER BY seq OFFSET 5 LIMIT 1);
    UPDATE trace_event_inputs SET mass_grams = 0.001 WHERE (event_id, position) = (SELECT event_id, position FROM trace_event_inputs WHERE batch_id IS NOT NULL ORDER BY event_seq LIMIT 1);
  `);
}, 180_000);
afterAll(async () => {
  await t.close();
});

const num = (v: string | number | null | undefined) =>
  v === null || v === undefined ? Number.NaN : Number(v);

/** What plain queries say, per id: the facts the loader must read. */
async function expected(batchIds?: string[]) {
  const db = t.runtime.db;
  const scoped = batchIds ? 'AND e.id IN (SELECT produced_by FROM batches WHERE id = ANY($2::uuid[]))' : '';
  const params = batchIds ? [treeSize, batchIds] : [treeSize];
  const events = await db.query<Record<string, string | number | null>>(
    `SELECT e.id::text, e.kind, e.organisation_id::text AS org, floor(extract(epoch FROM e.event_time) * 1000)::text AS at,
            floor(extract(epoch FROM e.recorded_at) * 1000)::text AS recorded, e.entry_index::text AS entry,
            EXISTS (SELECT 1 FROM transfer_receipts r WHERE r.event_id = e.id AND r.entry_index < $1) AS confirmed
       FROM trace_events e
      WHERE e.entry_index < $1 ${scoped}
        AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id AND v.entry_index < $1)`,
    params,
  );
  const batches = await db.query<Record<string, string | number | null>>(
    `SELECT b.id::text, b.organisation_id::text AS org, b.material, trim_scale(b.mass_grams * 1000)::text AS milligrams,
            trim_scale(b.cocoa_content)::text AS cocoa, b.entry_index::text AS entry, b.produced_by::text AS producer
       FROM batches b
      WHERE b.entry_index < $1 ${batchIds ? 'AND b.id = ANY($2::uuid[])' : ''}
        AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = b.produced_by AND v.entry_index < $1)`,
    params,
  );
  const inputs = await db.query<{
    event: string;
    batch: string | null;
    plot: string | null;
    milligrams: string | null;
  }>(
    `SELECT i.event_id::text AS event, i.batch_id::text AS batch, i.plot_id::text AS plot,
            trim_scale(i.mass_grams * 1000)::text AS milligrams
       FROM trace_event_inputs i JOIN trace_events e ON e.id = i.event_id
      WHERE e.entry_index < $1 ${scoped}
        AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id AND v.entry_index < $1)`,
    params,
  );
  return { events, batches, inputs };
}

/** The loader's data, as the same facts per id. */
function read(data: MassBalanceData) {
  const { graph } = data;
  const evaluable = (mg: number) => mg <= 1e15;
  return {
    events: graph.eventIds.map((id, e) => ({
      id,
      kind: graph.eventKind[e],
      org: data.eventOrganisation[e],
      at: String(data.eventTime[e]),
      recorded: String(data.eventRecorded[e]),
      entry: String(data.eventEntry[e]),
      confirmed: data.eventConfirmed[e] === 1,
    })),
    batches: graph.batchIds.map((id, b) => ({
      id,
      org: graph.batchOrganisation[b],
      material: graph.batchMaterial[b],
      milligrams: graph.batchMilligrams[b],
      cocoa: graph.batchCocoaContent[b] ?? null,
      entry: String(data.batchEntry[b]),
      producer: graph.batchProducer[b]! >= 0 ? graph.eventIds[graph.batchProducer[b]!] : undefined,
    })),
    inputs: graph.eventIds.flatMap((event, e) => {
      const own: { event: string; batch: string | null; plot: string | null; milligrams: number }[] = [];
      for (let k = graph.inStart[e]!; k < graph.inStart[e + 1]!; k++)
        own.push({
          event,
          batch: graph.inBatch[k]! >= 0 ? graph.batchIds[graph.inBatch[k]!]! : null,
          plot: null,
          milligrams: graph.inMilligrams[k]!,
        });
      if (data.harvestPlot[e]! >= 0)
        own.push({ event, batch: null, plot: data.plots.ids[data.harvestPlot[e]!]!, milligrams: Number.NaN });
      return own;
    }),
    evaluable,
  };
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const inputKey = (i: { event: string; batch: string | null; plot: string | null }) =>
  `${i.event} ${i.batch ?? ''} ${i.plot ?? ''}`;

async function compare(batchIds?: string[]) {
  const data = await loadData(t.runtime.db, DEFAULT_REFERENCE, batchIds);
  expect(data.treeSize).toBe(treeSize);
  const want = await expected(batchIds);
  const got = read(data);
  expect(got.events).toHaveLength(want.events.length);
  const events = byId(got.events);
  for (const w of want.events) expect(events.get(w.id as string), w.id as string).toEqual(w);
  expect(got.batches).toHaveLength(want.batches.length);
  const batches = byId(got.batches);
  const unevaluable = new Set(data.unevaluable.map((u) => u.subject.id));
  for (const w of want.batches) {
    const mg = num(w.milligrams);
    // What no float holds exactly is left out (0 mg in the graph) and reported; no mass weighs nothing.
    const milligrams = Number.isNaN(mg) || !got.evaluable(mg) ? 0 : mg;
    if (!Number.isNaN(mg) && !got.evaluable(mg)) expect(unevaluable.has(w.id as string)).toBe(true);
    const producer = events.has(w.producer as string) ? w.producer : undefined;
    expect(batches.get(w.id as string), w.id as string).toEqual({
      id: w.id,
      org: w.org,
      material: w.material,
      milligrams,
      cocoa: w.cocoa,
      entry: w.entry,
      producer,
    });
  }
  // Inputs: of events in the cut; a batch outside the cut (voided producer) is no batch (-1).
  const gotInputs = new Map<string, number[]>();
  for (const i of got.inputs)
    gotInputs.set(inputKey(i), [...(gotInputs.get(inputKey(i)) ?? []), i.milligrams]);
  let count = 0;
  for (const w of want.inputs) {
    const batch = w.batch !== null && batches.has(w.batch) ? w.batch : null;
    const key = inputKey({ event: w.event, batch, plot: w.plot });
    const milligrams = w.plot !== null ? Number.NaN : w.milligrams === null ? 0 : num(w.milligrams);
    expect(gotInputs.get(key), key).toContainEqual(milligrams);
    count++;
  }
  expect(got.inputs).toHaveLength(count);
  return data;
}

describe('the mass-balance loader', () => {
  it('reads every event, batch, input and plot of the cut as plain queries do', async () => {
    const data = await compare();
    // The generated chain, less the voided transfer and the one recorded after the cut.
    expect(data.graph.eventIds.length).toBe(400 * 2 * 2 + 1 - 2);
    expect(data.eventConfirmed.reduce((n, c) => n + c, 0)).toBe(800 - 2 - 10);
    expect(data.unevaluable.map((u) => u.grams)).toEqual(['123456789012345678.125']);
    expect(data.graph.batchCocoaContent.filter((c) => c !== undefined)).toEqual(['0.7']);
    const plots = await t.runtime.db.query<Record<string, string>>(
      `SELECT p.id::text, p.organisation_id::text AS org, p.commodity, p.country, trim_scale(p.area_hectares)::text AS area,
              floor(extract(epoch FROM p.created_at) * 1000)::text AS created FROM plots p`,
    );
    const loaded = new Map(data.plots.ids.map((id, p) => [id, p]));
    expect(loaded.size).toBe(plots.length);
    for (const w of plots) {
      const p = loaded.get(w.id!)!;
      expect({
        id: data.plots.ids[p],
        org: data.plots.organisation[p],
        commodity: data.plots.commodity[p],
        country: data.plots.country[p],
        area: data.plots.areaHectares[p],
        created: String(data.plots.createdAt[p]),
      }).toEqual(w);
    }
  });

  it('reads the upstream of a pool as plain queries do', async () => {
    const [pool] = await t.runtime.db.query<{ id: string }>(
      "SELECT b.id::text FROM batches b JOIN trace_events e ON e.id = b.produced_by WHERE e.kind = 'transformation' LIMIT 1",
    );
    const upstream = await t.runtime.db.query<{ id: string }>(
      `WITH RECURSIVE up(id) AS (SELECT $1::uuid UNION
         SELECT i.batch_id FROM up JOIN batches b ON b.id = up.id JOIN trace_event_inputs i ON i.event_id = b.produced_by
          WHERE i.batch_id IS NOT NULL)
       SELECT id::text FROM up`,
      [pool!.id],
    );
    expect(upstream.length).toBeGreaterThan(2);
    const data = await compare(upstream.map((r) => r.id));
    // Every shipped batch but the voided transfer's, and the pool.
    expect(data.graph.batchIds.length).toBe(upstream.length - 1);
  });
});
