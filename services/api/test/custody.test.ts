// Chain of custody without holes (issue 11), on both databases: a batch cannot be spent twice, by one
// request after another or by many at once; losses are recorded; what got in around the API is found
// by the recompute. Every refusal also proves that nothing was written.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LedgerWriter, loadEd25519Key, nodeNoteSigner } from '@groundtruth/ledger-store';
import { entryBodyChecker } from '@groundtruth/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../src/access.ts';
import { createEventService } from '../src/domains/custody/events/service.ts';
import { buildTestApp, openedEntry, square, TEST_ORIGIN, type TestApp } from './helper.ts';

let t: TestApp;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};
let lotCounter = 0;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
/** Harvests are dated now: the test plots were registered moments ago, and earlier would be BACKDATED. */
const now = () => new Date().toISOString();

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
    eventTime: now(),
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
}, 180_000); // PGlite's migrations take a while on a busy machine
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

  it('holds across two writers on one database, as two API processes would be', async () => {
    // A second process: its own ledger writer (group commit queue) and event service, same database.
    const key = loadEd25519Key(join(t.database.dataDir, 'keys', 'log-signing.pem'), { create: false });
    const other = new LedgerWriter({
      db: t.runtime.db,
      origin: TEST_ORIGIN,
      signer: nodeNoteSigner(TEST_ORIGIN, key),
      checkEntry: entryBodyChecker(),
    });
    const otherEvents = createEventService({
      db: t.runtime.db,
      writer: other,
      access: createAccess(t.runtime.db),
    });
    try {
      const batch = await harvest('1000');
      const before = await footprint();
      const viaOther = (i: number) =>
        otherEvents
          .record(
            { subject: 'user:test-other-process', role: 'supplier', organisationId: ids.coop! },
            {
              type: 'transfer',
              fromOrganisationId: ids.coop!,
              toOrganisationId: ids.exporterB!,
              eventTime: hourAgo(),
              input: { batchId: batch, quantity: kg('200') },
              output: { lot: `CUS-P2-${i}-${++lotCounter}`, quantity: kg('200') },
            },
          )
          .then(
            () => 201,
            (error: { status?: number }) => error.status ?? 500,
          );
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 ? viaOther(i) : transfer(batch, '200').then((r) => r.statusCode),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 409)).toHaveLength(5);
      expect((await footprint()).entries).toBe((before.entries as number) + 5);
      expect(await balance(batch)).toMatchObject({ available: '0', closed: true });
    } finally {
      await other.close();
    }
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
    const [logged] = await t.runtime.db.query<{ idx: string }>(
      'SELECT idx::text FROM ledger_entries WHERE subject = $1',
      [`event:${loss.json().eventId}`],
    );
    expect((await openedEntry(t, BigInt(logged!.idx))).body).toMatchObject({ reason: 'drying', outputs: [] });
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
      eventTime: now(),
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
    // 404s say only that (docs/decisions/0008-operations.md): not even the id asked for.
    expect(hidden.json().detail).toBe('not found');
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

describe('time you can trust', () => {
  const newPlot = async (lon: number, lat: number, country = 'GH') => {
    const res = await t.call('POST', '/v1/plots', tok.coop!, {
      organisationId: ids.coop,
      commodity: 'cocoa',
      country,
      geometry: square(lon, lat),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const harvestOn = async (plotId: string, eventTime: string) => {
    const res = await post({
      type: 'harvest',
      plotId,
      season: '2026/27 main crop',
      eventTime,
      output: { lot: `CUS-TH-${++lotCounter}`, quantity: kg('100') },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { eventId: string; batchIds: string[]; entryIndex: number };
  };
  const findingsOf = async (rule: string, subjectId: string) =>
    (await t.call('GET', `/v1/findings?rule=${rule}&subjectId=${subjectId}`, tok.admin!)).json() as {
      numbers: Record<string, unknown>;
    }[];

  it('refuses an event dated beyond the clock skew in the future, and keeps the record time beside the event time', async () => {
    const before = await footprint();
    const ahead = await post({
      type: 'harvest',
      plotId: ids.plot,
      season: '2026/27 main crop',
      eventTime: new Date(Date.now() + 10 * 60_000).toISOString(),
      output: { lot: `CUS-F-${++lotCounter}`, quantity: kg('1') },
    });
    expect(ahead.statusCode, ahead.body).toBe(400);
    expect(ahead.json().errors[0].pointer).toBe('/eventTime');
    expect(await footprint()).toEqual(before);

    // Two minutes ahead is within the default five minutes of skew.
    const eventTime = new Date(Date.now() + 2 * 60_000).toISOString();
    const recorded = await harvestOn(ids.plot!, eventTime);
    const batch = (await t.call('GET', `/v1/batches/${recorded.batchIds[0]}`, tok.coop!)).json();
    const [entry] = await t.runtime.db.query<{ at: string }>(
      `SELECT convert_from(data, 'UTF8')::jsonb ->> 'at' AS at FROM ledger_entries WHERE idx = $1`,
      [recorded.entryIndex],
    );
    expect(batch.eventTime).toBe(eventTime);
    expect(batch.recordTime).toBe(entry!.at);
    const trace = (await t.call('GET', `/v1/batches/${recorded.batchIds[0]}/trace`, tok.coop!)).json();
    expect(trace.events[0]).toMatchObject({ eventTime, recordTime: entry!.at });
  });

  it('flags a harvest recorded more than 90 days after its date, or dated before its plot was registered (BACKDATED)', async () => {
    const oldPlot = await newPlot(-1.968421, 6.513262);
    // As if registered 400 days ago (the projection row's registration time; the API cannot backdate it).
    await t.runtime.db.query(`UPDATE plots SET created_at = now() - interval '400 days' WHERE id = $1`, [
      oldPlot,
    ]);
    const late = await harvestOn(oldPlot, daysAgo(100));
    const inTime = await harvestOn(oldPlot, daysAgo(89));
    const freshPlot = await newPlot(-1.988421, 6.513262);
    const beforePlot = await harvestOn(freshPlot, daysAgo(10));

    const times = async (h: { batchIds: string[] }) => {
      const b = (await t.call('GET', `/v1/batches/${h.batchIds[0]}`, tok.coop!)).json();
      return { event: Date.parse(b.eventTime), record: Date.parse(b.recordTime) };
    };
    const days = (ms: number) => Math.round((ms / 86_400_000) * 100) / 100;
    const [registered] = await t.runtime.db.query<{ ms: string }>(
      `SELECT floor(extract(epoch FROM created_at) * 1000)::bigint::text AS ms FROM plots WHERE id = $1`,
      [freshPlot],
    );

    const check = async () => {
      const l = await times(late);
      const [lateFinding] = await findingsOf('BACKDATED', late.eventId);
      expect(lateFinding!.numbers).toMatchObject({
        recordedAfterDays: days(l.record - l.event),
        limitDays: 90,
      });
      expect(days(l.record - l.event)).toBeGreaterThanOrEqual(100);
      expect(lateFinding!.numbers.beforePlotRegisteredDays).toBeUndefined();
      expect(await findingsOf('BACKDATED', inTime.eventId)).toEqual([]);
      const b = await times(beforePlot);
      const [early] = await findingsOf('BACKDATED', beforePlot.eventId);
      expect(early!.numbers).toMatchObject({
        beforePlotRegisteredDays: days(Number(registered!.ms) - b.event),
        recordedAfterDays: days(b.record - b.event),
      });
      expect(days(Number(registered!.ms) - b.event)).toBeGreaterThanOrEqual(10);
    };
    await check(); // as each harvest arrived
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    await check(); // and the recompute agrees
  });

  it('flags a harvested plot that lies outside the country it claims (OUTSIDE_COUNTRY)', async () => {
    // In Nigeria, claimed as Ghana: Ghana's box in the table ends at 1.19°E.
    const abroad = await newPlot(7.508421, 6.513262, 'GH');
    // 0.06° past that edge: inside the 0.1° margin the approximate boxes allow.
    const border = await newPlot(1.250421, 6.213262, 'GH');
    await harvestOn(abroad, now());
    await harvestOn(border, now());
    const expectFinding = async () => {
      const [finding] = await findingsOf('OUTSIDE_COUNTRY', abroad);
      expect(finding!.numbers).toMatchObject({
        country: 'GH',
        longitude: 7.508421,
        latitude: 6.513262,
        east: 1.19,
        outsideByDegrees: Math.round((7.508421 - 1.19) * 1e6) / 1e6,
      });
      expect(await findingsOf('OUTSIDE_COUNTRY', border)).toEqual([]);
    };
    await expectFinding();
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    await expectFinding();
  });

  it('judges a burst of new plots by when the sale was recorded, not by the date it claims (NEW_PLOT_BURST)', async () => {
    const seller = await t.seedOrganisations({ [`burst-${randomUUID()}`]: 'supplier' });
    const sellerId = Object.values(seller)[0]!;
    const sellerToken = await t.token('supplier', { organisationId: sellerId });
    const related = await t.call('POST', '/v1/relationships', tok.admin!, {
      buyerId: ids.exporterA,
      supplierId: sellerId,
      commodity: 'cocoa',
    });
    expect(related.statusCode, related.body).toBe(201);
    const plotIds: string[] = [];
    for (const lon of [-2.108421, -2.118421, -2.128421]) {
      const res = await t.call('POST', '/v1/plots', sellerToken, {
        organisationId: sellerId,
        commodity: 'cocoa',
        country: 'GH',
        geometry: square(lon, 6.513262),
      });
      plotIds.push(res.json().id);
    }
    const harvested = await t.call('POST', '/v1/events', sellerToken, {
      type: 'harvest',
      plotId: plotIds[0],
      season: '2026/27 main crop',
      eventTime: daysAgo(201),
      output: { lot: `CUS-B-${++lotCounter}`, quantity: kg('100') },
    });
    // The sale claims a date 200 days back, before every plot was registered.
    const sale = await t.call('POST', '/v1/events', sellerToken, {
      type: 'transfer',
      fromOrganisationId: sellerId,
      toOrganisationId: ids.exporterA,
      eventTime: daysAgo(200),
      input: { batchId: harvested.json().batchIds[0], quantity: kg('100') },
      output: { lot: `CUS-B-${++lotCounter}`, quantity: kg('100') },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    // All three plots were registered in the 90 days before the sale was recorded: 3 of 3 > 30 %.
    const [burst] = await findingsOf('NEW_PLOT_BURST', sellerId);
    expect(burst!.numbers).toMatchObject({ recentPlots: 3, plots: 3, share: 1, sale: sale.json().eventId });
  });

  it('keeps a finding under one id across incremental checks and recomputes, with its resolution (stable identity)', async () => {
    // In Nigeria, claimed as Ghana: an OUTSIDE_COUNTRY finding on the plot, re-checked by every harvest.
    const plotId = await newPlot(7.608421, 6.613262, 'GH');
    // The id worked out here from its definition (RFC 9562 §5.8, Appendix B.2: UUIDv8 from the first
    // 16 bytes of SHA-256 over namespace ‖ name, version 8, variant 0b10), not read from the service.
    const namespace = Buffer.from('0b7f4c2e5d1a4e8b9a632f4d8e1c7a50', 'hex');
    const name = JSON.stringify(['OUTSIDE_COUNTRY', 'plot', plotId, null]);
    const digest = createHash('sha256').update(namespace).update(name).digest().subarray(0, 16);
    digest[6] = (digest[6]! & 0x0f) | 0x80;
    digest[8] = (digest[8]! & 0x3f) | 0x80;
    const h = digest.toString('hex');
    const expectedId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    const current = async () => {
      const res = await t.call(
        'GET',
        `/v1/findings?rule=OUTSIDE_COUNTRY&subjectId=${plotId}&status=all`,
        tok.admin!,
      );
      const found = res.json() as {
        id: string;
        resolution: { justification: string } | null;
      }[];
      expect(found).toHaveLength(1);
      return found[0]!;
    };

    await harvestOn(plotId, now());
    expect((await current()).id).toBe(expectedId);
    const justification = 'the plot straddles the border; surveyed on site by our agronomist';
    const resolved = await t.call('POST', `/v1/findings/${expectedId}/resolution`, tok.admin!, {
      justification,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);

    // An incremental check writes the finding again: same id, still resolved (the numbers stand).
    await harvestOn(plotId, now());
    expect(await current()).toMatchObject({ id: expectedId, resolution: { justification } });
    // So does a full recompute.
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    expect(await current()).toMatchObject({ id: expectedId, resolution: { justification } });

    // The link works, and shows the thread: three runs found it, each version resolved by the one entry.
    const link = await t.call('GET', `/v1/findings/${expectedId}`, tok.admin!);
    expect(link.statusCode, link.body).toBe(200);
    const thread = link.json();
    expect(thread).toMatchObject({ current: true, finding: { id: expectedId, rule: 'OUTSIDE_COUNTRY' } });
    expect(thread.versions).toHaveLength(3);
    expect(thread.versions.filter((v: { supersededAt: unknown }) => v.supersededAt === null)).toHaveLength(1);
    const entries = new Set(
      thread.versions.map((v: { resolution: { entryIndex: number } }) => v.resolution.entryIndex),
    );
    expect([...entries]).toEqual([resolved.json().resolution.entryIndex]);
    const stranger = await t.token('supplier', { organisationId: ids.stranger });
    expect((await t.call('GET', `/v1/findings/${expectedId}`, stranger)).statusCode).toBe(404);
    expect((await t.call('GET', `/v1/findings/${randomUUID()}`, tok.admin!)).statusCode).toBe(404);
  });
});

describe('transfers between partners, confirmed', () => {
  it('refuses a transfer to an organisation without a supply relationship for the commodity', async () => {
    const batch = await harvest('100');
    const before = await footprint();
    const res = await transfer(batch, '100', ids.stranger);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors[0].pointer).toBe('/toOrganisationId');
    expect(await footprint()).toEqual(before);
    // Either direction of a declared relationship will do: the buyer may send goods back.
    const sent = await transfer(batch, '100', ids.exporterA);
    const exporter = await t.token('supplier', { organisationId: ids.exporterA });
    const back = await t.call('POST', '/v1/events', exporter, {
      type: 'transfer',
      fromOrganisationId: ids.exporterA,
      toOrganisationId: ids.coop,
      eventTime: hourAgo(),
      input: { batchId: sent.json().batchIds[0], quantity: kg('10') },
      output: { lot: `CUS-R-${++lotCounter}`, quantity: kg('10') },
    });
    expect(back.statusCode, back.body).toBe(201);
  });

  it('lets the receiver confirm what arrived, once, and records the shortfall as a loss', async () => {
    const batch = await harvest('1000');
    const sent = await transfer(batch, '1000');
    const { eventId, batchIds } = sent.json() as { eventId: string; batchIds: string[] };
    const exporter = await t.token('supplier', { organisationId: ids.exporterA });
    const confirm = (token: string, quantity: object) =>
      t.call('POST', `/v1/events/${eventId}/receipt`, token, { quantity, note: 'weighed at the gate' });

    const before = await footprint();
    // The sender cannot see its buyer's batch; the brand's compliance officer sees it but writes nothing.
    expect((await confirm(tok.coop!, kg('985.5'))).statusCode).toBe(404);
    const compliance = await t.token('compliance', { organisationId: ids.brand });
    expect((await confirm(compliance, kg('985.5'))).statusCode).toBe(403);
    const tooMuch = await confirm(exporter, kg('1000.001'));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].pointer).toBe('/quantity');
    expect(await footprint()).toEqual(before);

    const receipt = await confirm(exporter, { value: '0.9855', unit: 'TNE' });
    expect(receipt.statusCode, receipt.body).toBe(201);
    // 1,000 kg sent, 985.5 kg arrived: 14.5 kg lost in transit.
    expect(receipt.json()).toMatchObject({ sent: '1000000', received: '985500', lost: '14500', unit: 'GRM' });
    const received = (await t.call('GET', `/v1/batches/${batchIds[0]}`, exporter)).json();
    expect(received.balance).toMatchObject({ lost: '14500', consumed: '0', available: '985500' });
    const entry = await openedEntry(t, receipt.json().entryIndex);
    expect(entry).toMatchObject({
      type: 'event.received',
      body: { lost: { value: '14500', unit: 'GRM' }, lossEvent: `event:${receipt.json().lossEventId}` },
    });

    const again = await footprint();
    expect((await confirm(exporter, kg('985.5'))).statusCode).toBe(409);
    expect(await footprint()).toEqual(again);
  });

  it('lists transfers left unconfirmed past the limit (UNCONFIRMED_TRANSFER), and not the confirmed ones', async () => {
    const exporter = await t.token('supplier', { organisationId: ids.exporterA });
    const old = (await transfer(await harvest('10'), '10')).json().eventId as string;
    const oldConfirmed = (await transfer(await harvest('10'), '10')).json().eventId as string;
    const recent = (await transfer(await harvest('10'), '10')).json().eventId as string;
    expect(
      (await t.call('POST', `/v1/events/${oldConfirmed}/receipt`, exporter, { quantity: kg('10') }))
        .statusCode,
    ).toBe(201);
    // As if recorded 20 days ago (the API cannot write the past).
    await t.runtime.db.query(
      `UPDATE trace_events SET recorded_at = now() - interval '20 days' WHERE id = ANY($1::uuid[])`,
      [[old, oldConfirmed]],
    );
    const [row] = await t.runtime.db.query<{ at: string }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM trace_events WHERE id = $1`,
      [old],
    );
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    const of = async (id: string) =>
      (await t.call('GET', `/v1/findings?rule=UNCONFIRMED_TRANSFER&subjectId=${id}`, tok.admin!)).json() as {
        numbers: Record<string, unknown>;
      }[];
    const [finding] = await of(old);
    expect(finding!.numbers).toMatchObject({
      sender: ids.coop,
      receiver: ids.exporterA,
      recordTime: row!.at,
      unconfirmedDays: 20,
      limitDays: 14,
    });
    expect(await of(oldConfirmed)).toEqual([]);
    expect(await of(recent)).toEqual([]);
  });
});

describe('checked as it arrives', () => {
  it('flags a transformation that makes mass at once (MASS_IMBALANCE), and clears it when the event is voided', async () => {
    const beans = await harvest('100');
    const made = await post({
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: now(),
      inputs: [{ batchId: beans, quantity: kg('100') }],
      outputs: [{ lot: `CUS-M-${++lotCounter}`, quantity: kg('200'), material: 'cocoa_liquor' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const eventId = made.json().eventId as string;
    const imbalance = async () =>
      (await t.call('GET', `/v1/findings?rule=MASS_IMBALANCE&subjectId=${eventId}`, tok.admin!)).json() as {
        numbers: Record<string, unknown>;
      }[];
    // 200 kg of liquor stand for 200 × 1.25 = 250 kg of beans (ICCO); 100 kg went in; 0.5 % tolerance.
    const [finding] = await imbalance();
    const grams = (key: string) => Number(finding!.numbers[key]);
    expect([grams('inputEquivalentGrams'), grams('outputEquivalentGrams'), grams('limitGrams')]).toEqual([
      100_000, 250_000, 100_500,
    ]);
    // The recompute finds the same numbers with the same rule: one definition, and a resolution would carry.
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    expect((await imbalance())[0]!.numbers).toEqual(finding!.numbers);
    const voided = await t.call('POST', `/v1/events/${eventId}/void`, tok.coop!, {
      reason: 'incorrect_data',
      explanation: 'the liquor was weighed with its container',
    });
    expect(voided.statusCode, voided.body).toBe(201);
    expect(await imbalance()).toEqual([]);
  });
});
