// Chain of custody without holes (issue 11), on both databases: a batch cannot be spent twice, by one
// request after another or by many at once; losses are recorded; what got in around the API is found
// by the recompute. Every refusal also proves that nothing was written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

let t: TestApp;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};
let lotCounter = 0;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

const kg = (value: string) => ({ value, unit: 'KGM' });
const post = (body: object, token = tok.coop!) => t.call('POST', '/v1/events', token, body);

/** Rows that any write would add to. */
const footprint = async () =>
  (
    await t.runtime.db.query<Record<string, string | number>>(
      `SELECT (SELECT count(*) FROM ledger_entries)::int AS entries, (SELECT count(*) FROM batches)::int AS batches,
              (SELECT count(*) FROM trace_events)::int AS events, (SELECT count(*) FROM trace_event_inputs)::int AS inputs`,
    )
  )[0]!;

async function harvest(value = '1000'): Promise<string> {
  const res = await post({
    type: 'harvest',
    plotId: ids.plot,
    season: '2026/27 main crop',
    eventTime: hourAgo(),
    output: { lot: `CUS-H-${++lotCounter}`, quantity: kg(value) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().batchIds[0];
}

const transfer = (batchId: string, value: string, to = ids.exporterA!) =>
  post({
    type: 'transfer',
    fromOrganisationId: ids.coop,
    toOrganisationId: to,
    eventTime: hourAgo(),
    input: { batchId, quantity: kg(value) },
    output: { lot: `CUS-T-${++lotCounter}`, quantity: kg(value) },
  });

const balance = async (batchId: string) => {
  const res = await t.call('GET', `/v1/batches/${batchId}`, tok.coop!);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().balance as Record<string, unknown>;
};

beforeAll(async () => {
  t = await buildTestApp();
  tok.admin = await t.token('admin');
  Object.assign(
    ids,
    await t.seedOrganisations(
      {
        coop: 'supplier',
        exporterA: 'supplier',
        exporterB: 'supplier',
        brand: 'brand',
        stranger: 'supplier',
      },
      [
        ['brand', 'exporterA'],
        ['exporterA', 'coop'],
        ['exporterB', 'coop'],
      ],
    ),
  );
  tok.coop = await t.token('supplier', { organisationId: ids.coop });
  const plot = await t.call('POST', '/v1/plots', tok.coop!, {
    organisationId: ids.coop,
    commodity: 'cocoa',
    country: 'GH',
    geometry: square(-1.908421, 6.513262),
  });
  expect(plot.statusCode, plot.body).toBe(201);
  ids.plot = plot.json().id;
});
afterAll(() => t.close());

describe('batch balances', () => {
  it('refuses a second shipment of the same 1,000 kg, naming the batch, what it holds and what was asked', async () => {
    const batch = await harvest('1000');
    expect((await transfer(batch, '1000')).statusCode).toBe(201);
    const before = await footprint();
    const res = await transfer(batch, '1000', ids.exporterB);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.detail).toContain(batch);
    expect(problem.detail).toContain('0 GRM available');
    expect(problem.detail).toContain('1000000 GRM asked');
    expect(problem.errors).toEqual([
      {
        in: 'body',
        pointer: '/input/quantity',
        detail: `batch ${batch}: 0 GRM available, 1000000 GRM asked`,
      },
    ]);
    expect(await footprint()).toEqual(before);
    expect(await balance(batch)).toEqual({
      unit: 'GRM',
      produced: '1000000',
      consumed: '1000000',
      lost: '0',
      available: '0',
      closed: true,
      voided: false,
    });
  });

  it('refuses 600 + 600 of 1,000 kg and passes 600 + 400, closing the batch at zero', async () => {
    const a = await harvest('1000');
    expect((await transfer(a, '600')).statusCode).toBe(201);
    const before = await footprint();
    const second = await transfer(a, '600', ids.exporterB);
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('400000 GRM available');
    expect(await footprint()).toEqual(before);
    expect((await balance(a)).available).toBe('400000');

    const b = await harvest('1000');
    expect((await transfer(b, '600')).statusCode).toBe(201);
    expect((await balance(b)).closed).toBe(false);
    expect((await transfer(b, '400', ids.exporterB)).statusCode).toBe(201);
    expect(await balance(b)).toMatchObject({ consumed: '1000000', available: '0', closed: true });
    // Closed: not even a gram more.
    const after = await footprint();
    expect((await transfer(b, '0.001')).statusCode).toBe(409);
    expect(await footprint()).toEqual(after);
  });

  it('refuses a transformation of beans already shipped, and one event taking the same batch twice', async () => {
    const batch = await harvest('1000');
    expect((await transfer(batch, '1000')).statusCode).toBe(201);
    const before = await footprint();
    const res = await post({
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: hourAgo(),
      inputs: [{ batchId: batch, quantity: kg('1000') }],
      outputs: [{ lot: `CUS-X-${++lotCounter}`, quantity: kg('800'), material: 'cocoa_liquor' }],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors[0].pointer).toBe('/inputs/0/quantity');

    const fresh = await harvest('1000');
    const twice = await post({
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: hourAgo(),
      inputs: [
        { batchId: fresh, quantity: kg('600') },
        { batchId: fresh, quantity: { value: '0.6', unit: 'TNE' } },
      ],
      outputs: [{ lot: `CUS-X-${++lotCounter}`, quantity: kg('1200') }],
    });
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().detail).toContain('1200000 GRM asked');
    expect(twice.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/inputs/0/quantity',
      '/inputs/1/quantity',
    ]);
    expect((await footprint()).events).toBe((before.events as number) + 1); // only the fresh harvest
    expect((await balance(fresh)).available).toBe('1000000');
  });

  it('lets exactly one of two concurrent shipments of the same 1,000 kg through', async () => {
    const batch = await harvest('1000');
    const before = await footprint();
    const results = await Promise.all([
      transfer(batch, '1000', ids.exporterA),
      transfer(batch, '1000', ids.exporterB),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const after = await footprint();
    expect(after.events).toBe((before.events as number) + 1);
    expect(after.entries).toBe((before.entries as number) + 1);
    expect((await balance(batch)).available).toBe('0');
  });

  it('accepts exactly five of ten concurrent 200 kg shipments of 1,000 kg', async () => {
    const batch = await harvest('1000');
    const before = await footprint();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => transfer(batch, '200', i % 2 ? ids.exporterA : ids.exporterB)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect((await footprint()).entries).toBe((before.entries as number) + 5);
    expect(await balance(batch)).toMatchObject({ consumed: '1000000', available: '0', closed: true });
  });

  it('never lets 50 concurrent shipments of one batch take more than it holds', async () => {
    const batch = await harvest('1000');
    const before = await footprint();
    // 50 shipments of 11 … 60 kg ask 1,775 kg of 1,000 kg.
    const asked = Array.from({ length: 50 }, (_, i) => 11 + i);
    const results = await Promise.all(asked.map((value) => transfer(batch, String(value))));
    const accepted = asked.filter((_, i) => results[i]!.statusCode === 201);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    const acceptedKg = accepted.reduce((s, v) => s + v, 0);
    expect(acceptedKg).toBeLessThanOrEqual(1000);
    expect(accepted.length).toBeLessThan(50);
    const left = await balance(batch);
    expect(Number(left.available)).toBeGreaterThanOrEqual(0);
    expect(left.available).toBe(String((1000 - acceptedKg) * 1000));
    // Each refused one asked more than was left when its turn came, so what is left is less than the
    // smallest refused request.
    const refused = asked.filter((_, i) => results[i]!.statusCode === 409);
    expect((1000 - acceptedKg) * 1000).toBeLessThan(Math.min(...refused) * 1000);
    expect((await footprint()).entries).toBe((before.entries as number) + accepted.length);
  });

  it('records a loss as an event of its own, which the balance counts', async () => {
    const batch = await harvest('1000');
    const loss = await post({
      type: 'loss',
      organisationId: ids.coop,
      eventTime: hourAgo(),
      input: { batchId: batch, quantity: kg('50.5') },
      reason: 'drying',
    });
    expect(loss.statusCode, loss.body).toBe(201);
    expect(loss.json().batchIds).toEqual([]);
    expect(await balance(batch)).toMatchObject({ lost: '50500', consumed: '0', available: '949500' });
    const before = await footprint();
    expect((await transfer(batch, '950')).statusCode).toBe(409);
    expect(
      (
        await post({
          type: 'loss',
          organisationId: ids.coop,
          eventTime: hourAgo(),
          input: { batchId: batch, quantity: kg('950') },
          reason: 'spillage',
        })
      ).statusCode,
    ).toBe(409);
    expect(await footprint()).toEqual(before);
    expect((await transfer(batch, '949.5')).statusCode).toBe(201);
    const [entry] = await t.runtime.db.query<{ body: { reason: string; outputs: unknown[] } }>(
      `SELECT convert_from(data, 'UTF8')::jsonb -> 'body' AS body FROM ledger_entries WHERE subject = $1`,
      [`event:${loss.json().eventId}`],
    );
    expect(entry!.body).toMatchObject({ reason: 'drying', outputs: [] });
  });

  it('refuses to take a batch with a mass by volume', async () => {
    const batch = await harvest('10');
    const before = await footprint();
    const res = await post({
      type: 'transfer',
      fromOrganisationId: ids.coop,
      toOrganisationId: ids.exporterA,
      eventTime: hourAgo(),
      input: { batchId: batch, quantity: { value: '10', unit: 'LTR' } },
      output: { lot: `CUS-V-${++lotCounter}`, quantity: kg('10') },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/input/quantity/unit');
    expect(await footprint()).toEqual(before);
  });

  it('finds double spends written around the API (BATCH_OVERDRAWN), with what is downstream of them', async () => {
    const batch = await harvest('1000');
    const [row] = await t.runtime.db.query<{ entry_index: string | number }>(
      'SELECT entry_index FROM batches WHERE id = $1',
      [batch],
    );
    // As old data would be: two shipments of the whole 1,000 kg, written by SQL.
    const outputs: string[] = [];
    for (const to of [ids.exporterA, ids.exporterB]) {
      const event = randomUUID();
      const output = randomUUID();
      outputs.push(output);
      await t.runtime.db.query(
        `INSERT INTO trace_events (id, kind, organisation_id, event_time, entry_index) VALUES ($1, 'transfer', $2, now(), $3)`,
        [event, ids.coop, row!.entry_index],
      );
      await t.runtime.db.query(
        `INSERT INTO trace_event_inputs (event_id, position, batch_id, quantity_value, quantity_unit, mass_grams)
         VALUES ($1, 0, $2, 1000, 'KGM', 1000000)`,
        [event, batch],
      );
      await t.runtime.db.query(
        `INSERT INTO batches (id, organisation_id, lot, commodity, quantity_value, quantity_unit, mass_grams, produced_by,
                              entry_index, material)
         VALUES ($1, $2, $3, 'cocoa', 1000, 'KGM', 1000000, $4, $5, 'cocoa_beans')`,
        [output, to, `CUS-SQL-${++lotCounter}`, event, row!.entry_index],
      );
    }
    expect(await balance(batch)).toMatchObject({ consumed: '2000000', available: '-1000000', closed: true });
    const run = await t.call('POST', '/v1/mass-balance/recompute', tok.admin!);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().findings.BATCH_OVERDRAWN).toBe(1);
    const found = await t.call('GET', `/v1/findings?rule=BATCH_OVERDRAWN&subjectId=${batch}`, tok.admin!);
    const [finding] = found.json();
    expect(finding).toMatchObject({
      rule: 'BATCH_OVERDRAWN',
      severity: 'error',
      subject: { kind: 'batch', id: batch },
      organisationId: ids.coop,
      numbers: {
        producedGrams: '1000000',
        consumedGrams: '2000000',
        lostGrams: '0',
        overdrawnGrams: '1000000',
      },
    });
    // Both shipments carry volume that may not exist.
    for (const output of outputs) {
      const exposed = await t.call('GET', `/v1/findings?rule=BATCH_OVERDRAWN&batchId=${output}`, tok.admin!);
      expect(exposed.json().map((f: { exposure: number }) => f.exposure)).toEqual([1]);
    }
  });
});

describe('corrections without rewriting', () => {
  it('voids a pooled harvest only after its pool, and trace, balances and findings follow', async () => {
    const plot = await t.call('POST', '/v1/plots', tok.coop!, {
      organisationId: ids.coop,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.948421, 6.513262),
    });
    const plotId = plot.json().id as string;
    const hectares = Number(plot.json().areaHectares);
    // 10,000 kg on about 2 ha is beyond Ghana's hard ceiling of 3,000 kg/ha with 15 % GPS tolerance.
    expect(10_000 / hectares).toBeGreaterThan(3000 * 1.15);
    const harvested = await post({
      type: 'harvest',
      plotId,
      season: '2026/27 main crop',
      eventTime: hourAgo(),
      output: { lot: `CUS-VH-${++lotCounter}`, quantity: kg('10000') },
    });
    expect(harvested.statusCode, harvested.body).toBe(201);
    const harvest = harvested.json() as { eventId: string; batchIds: string[] };
    const plotFindings = async () =>
      (await t.call('GET', `/v1/findings?subjectId=${plotId}`, tok.admin!)).json() as { rule: string }[];
    expect((await plotFindings()).map((f) => f.rule)).toEqual(['IMPOSSIBLE_YIELD']);

    const pooled = await post({
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: hourAgo(),
      inputs: [{ batchId: harvest.batchIds[0], quantity: kg('10000') }],
      outputs: [{ lot: `CUS-VP-${++lotCounter}`, quantity: kg('10000') }],
    });
    expect(pooled.statusCode, pooled.body).toBe(201);
    const pool = pooled.json() as { eventId: string; batchIds: string[] };
    const voidEvent = (eventId: string) =>
      t.call('POST', `/v1/events/${eventId}/void`, tok.coop!, {
        reason: 'did_not_occur',
        explanation: 'entered twice by the field clerk',
      });

    // The harvest went into the pool: voiding it first is refused, naming the pool.
    let before = await footprint();
    const refused = await voidEvent(harvest.eventId);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toContain(`transformation event ${pool.eventId}`);
    expect(refused.json().detail).toContain(`took from batch ${harvest.batchIds[0]}`);
    expect(await footprint()).toEqual(before);

    // The pool first, then the harvest.
    const poolVoid = await voidEvent(pool.eventId);
    expect(poolVoid.statusCode, poolVoid.body).toBe(201);
    expect(await balance(harvest.batchIds[0]!)).toMatchObject({ consumed: '0', available: '10000000' });
    expect(await balance(pool.batchIds[0]!)).toMatchObject({ available: '0', closed: true, voided: true });
    before = await footprint();
    const fromVoided = await post({
      type: 'loss',
      organisationId: ids.coop,
      eventTime: hourAgo(),
      input: { batchId: pool.batchIds[0], quantity: kg('1') },
      reason: 'sampling',
    });
    expect(fromVoided.statusCode).toBe(409);
    expect(fromVoided.json().detail).toContain('voided');
    expect(await footprint()).toEqual(before);
    const poolTrace = (await t.call('GET', `/v1/batches/${pool.batchIds[0]}/trace`, tok.coop!)).json();
    expect(poolTrace.batches.map((b: { id: string }) => b.id)).toEqual([pool.batchIds[0]]);
    expect(poolTrace.events[0].voided).toEqual({
      entryIndex: poolVoid.json().entryIndex,
      reason: 'did_not_occur: entered twice by the field clerk',
      by: 'user:test-supplier',
    });

    const harvestVoid = await voidEvent(harvest.eventId);
    expect(harvestVoid.statusCode, harvestVoid.body).toBe(201);
    expect(await balance(harvest.batchIds[0]!)).toMatchObject({ available: '0', voided: true });
    // The plot's crop year no longer counts the harvest: its finding is gone at once, and after a recompute.
    expect(await plotFindings()).toEqual([]);
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    expect(await plotFindings()).toEqual([]);
    const breakdown = await t.call('GET', `/v1/batches/${harvest.batchIds[0]}/mass-balance`, tok.admin!);
    expect(breakdown.statusCode).toBe(404); // a voided batch is not in the mass-balance graph

    // Nothing was rewritten: the log holds all four entries, in order.
    const entries = await t.runtime.db.query<{ entry_type: string; subject: string }>(
      'SELECT entry_type, subject FROM ledger_entries WHERE subject = ANY($1::text[]) ORDER BY idx',
      [[`event:${harvest.eventId}`, `event:${pool.eventId}`]],
    );
    expect(entries).toEqual([
      { entry_type: 'event.harvest', subject: `event:${harvest.eventId}` },
      { entry_type: 'event.transformation', subject: `event:${pool.eventId}` },
      { entry_type: 'event.voided', subject: `event:${pool.eventId}` },
      { entry_type: 'event.voided', subject: `event:${harvest.eventId}` },
    ]);

    // Once is enough.
    before = await footprint();
    const again = await voidEvent(harvest.eventId);
    expect(again.statusCode).toBe(409);
    expect(await footprint()).toEqual(before);
  });

  it('hides events from strangers, refuses those who only see them, and names a missing corrective event', async () => {
    const batch = await harvest('5');
    const [row] = await t.runtime.db.query<{ produced_by: string }>(
      'SELECT produced_by FROM batches WHERE id = $1',
      [batch],
    );
    const stranger = await t.token('supplier', { organisationId: ids.stranger });
    const brand = await t.token('compliance', { organisationId: ids.brand });
    const before = await footprint();
    const hidden = await t.call('POST', `/v1/events/${row!.produced_by}/void`, stranger, {
      reason: 'incorrect_data',
      explanation: 'x',
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(`event ${row!.produced_by} not found`);
    // The coop's buyer sees the coop's events but may not void them; a compliance officer writes no events.
    const buyer = await t.token('supplier', { organisationId: ids.exporterA });
    const body = { reason: 'incorrect_data', explanation: 'x' };
    expect((await t.call('POST', `/v1/events/${row!.produced_by}/void`, buyer, body)).statusCode).toBe(403);
    expect((await t.call('POST', `/v1/events/${row!.produced_by}/void`, brand, body)).statusCode).toBe(403);
    const missing = await t.call('POST', `/v1/events/${row!.produced_by}/void`, tok.coop!, {
      reason: 'incorrect_data',
      explanation: 'wrong weight',
      correctiveEventIds: [randomUUID()],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].pointer).toBe('/correctiveEventIds/0');
    expect(await footprint()).toEqual(before);
  });
});
