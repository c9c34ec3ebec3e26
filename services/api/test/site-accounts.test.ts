// A site's custody model and the accounting periods of its mass-balance account, through the API and
// into the rules: a mass-balance trader may hold untraced volume only as far as its traced credit
// covers it, and a closed period takes no postings recorded after it was closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

let t: TestApp;
let ids: Record<string, string>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  ids = await t.seedOrganisations(
    { brand: 'brand', trader: 'supplier', coop: 'supplier', stranger: 'supplier' },
    [
      ['brand', 'trader'],
      ['trader', 'coop'],
    ],
  );
  tok.admin = await t.token('admin');
  tok.trader = await t.token('supplier', { organisationId: ids.trader });
  tok.coop = await t.token('supplier', { organisationId: ids.coop });
  tok.stranger = await t.token('supplier', { organisationId: ids.stranger });
  tok.compliance = await t.token('compliance', { organisationId: ids.brand });
});
afterAll(() => t.close());

const record = async (token: string, body: object) => {
  const res = await t.call('POST', '/v1/events', token, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { eventId: string; batchIds: string[] };
};
const periods = (org: string) => `/v1/organisations/${org}/accounting-periods`;

describe('custody model', () => {
  it('is set by the site (or the organisation that keeps its records) with a justification, as a ledger entry', async () => {
    const body = { model: 'mass_balance', justification: 'RA certificate RA-CoC-000123, mass balance' };
    expect(
      (await t.call('PUT', `/v1/organisations/${ids.trader}/custody-model`, tok.stranger!, body)).statusCode,
    ).toBe(404);
    expect(
      (await t.call('PUT', `/v1/organisations/${ids.trader}/custody-model`, tok.compliance!, body))
        .statusCode,
    ).toBe(403);
    const bad = await t.call('PUT', `/v1/organisations/${ids.trader}/custody-model`, tok.trader!, {
      ...body,
      model: 'book_and_claim',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/model');
    const res = await t.call('PUT', `/v1/organisations/${ids.trader}/custody-model`, tok.trader!, body);
    expect(res.statusCode, res.body).toBe(200);
    const entry = await t.call(
      'GET',
      `/v1/ledger/entries?start=${res.json().entryIndex}&limit=1`,
      tok.admin!,
    );
    expect(entry.json().entries[0].entry).toMatchObject({
      type: 'organisation.custody_model',
      body: { model: 'mass_balance' },
    });
    const [row] = await t.runtime.db.query<{ custody_model: string }>(
      'SELECT custody_model FROM organisations WHERE id = $1',
      [ids.trader],
    );
    expect(row!.custody_model).toBe('mass_balance');
  });
});

describe('accounting periods', () => {
  it('refuses a period longer than three months, one ending before it starts, and overlaps', async () => {
    const long = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2026-01-01T00:00:00Z',
      end: '2026-04-01T00:00:01Z',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toMatchObject([{ pointer: '/end' }]);
    const backwards = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2026-01-01T00:00:00Z',
      end: '2025-12-01T00:00:00Z',
    });
    expect(backwards.statusCode).toBe(400);
    const before = await t.runtime.db.query('SELECT idx FROM ledger_entries');
    const first = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2026-01-01T00:00:00Z',
      end: '2026-04-01T00:00:00Z',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ start: '2026-01-01T00:00:00.000Z', closed: null });
    const overlap = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2026-03-31T00:00:00Z',
      end: '2026-05-01T00:00:00Z',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().detail).toContain(first.json().id);
    // Only the accepted declaration reached the ledger.
    expect((await t.runtime.db.query('SELECT idx FROM ledger_entries')).length).toBe(before.length + 1);
    expect((await t.call('POST', periods(ids.trader!), tok.stranger!, first.json())).statusCode).toBe(400);
    expect(
      (
        await t.call('POST', periods(ids.trader!), tok.stranger!, {
          start: '2026-05-01T00:00:00Z',
          end: '2026-06-01T00:00:00Z',
        })
      ).statusCode,
    ).toBe(404);
    const listed = await t.call('GET', periods(ids.trader!), tok.compliance!);
    expect(listed.json().map((p: { id: string }) => p.id)).toEqual([first.json().id]);
  });

  it('closes a period only once it has ended, and only once', async () => {
    const future = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2099-01-01T00:00:00Z',
      end: '2099-02-01T00:00:00Z',
    });
    expect(future.statusCode).toBe(201);
    const early = await t.call('POST', `${periods(ids.trader!)}/${future.json().id}/close`, tok.trader!);
    expect(early.statusCode).toBe(409);
    expect(
      (await t.call('POST', `${periods(ids.coop!)}/${future.json().id}/close`, tok.coop!)).statusCode,
    ).toBe(404);
  });
});

describe('a mass-balance trader’s account', () => {
  it('reports sales beyond traced credit, and postings recorded into a closed period', async () => {
    const plot = await t.call('POST', '/v1/plots', tok.coop!, {
      organisationId: ids.coop,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.908421, 6.513262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    const hectares = Number(plot.json().areaHectares);
    // Twice what the plot can grow, per delivery: only what 1,900 kg/ha × 1.15 allows is traced credit.
    const capacityGrams = hectares * 1900 * 1.15 * 1000;
    const kg = String(Math.round((2 * capacityGrams) / 1000));
    const qty = { value: kg, unit: 'KGM' };
    const harvestOnPlot = (lot: string, eventTime: string) =>
      record(tok.coop!, {
        type: 'harvest',
        plotId: plot.json().id,
        season: '2025/26 main crop',
        eventTime,
        output: { lot, quantity: qty },
      });
    /** The whole of a batch from one site to the next, recorded by the sender. */
    const ship = (from: string, to: string, batchId: string | undefined, lot: string, eventTime: string) =>
      record(tok[from]!, {
        type: 'transfer',
        fromOrganisationId: ids[from],
        toOrganisationId: ids[to],
        eventTime,
        input: { batchId, quantity: qty },
        output: { lot, quantity: qty },
      });
    const harvest = await harvestOnPlot('MB-H1', '2025-11-20T08:00:00Z');
    const received = await ship('coop', 'trader', harvest.batchIds[0], 'MB-IN-1', '2026-02-01T08:00:00Z');
    const [period] = (await t.call('GET', periods(ids.trader!), tok.trader!)).json();
    const closed = await t.call('POST', `${periods(ids.trader!)}/${period.id}/close`, tok.trader!);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closed).toMatchObject({ entryIndex: expect.any(Number) });
    expect((await t.call('POST', `${periods(ids.trader!)}/${period.id}/close`, tok.trader!)).statusCode).toBe(
      409,
    );
    // Recorded after the close, dated inside the closed period: the sale to the brand.
    const sold = await ship('trader', 'brand', received.batchIds[0], 'MB-OUT-1', '2026-03-01T08:00:00Z');
    const run = await t.call('POST', '/v1/mass-balance/recompute', tok.admin!);
    expect(run.statusCode, run.body).toBe(200);
    const res = await t.call('GET', `/v1/findings?subjectId=${ids.trader}&status=all`, tok.admin!);
    const found = res.json() as { rule: string; numbers: Record<string, unknown> }[];
    const locked = found.filter((f) => f.rule === 'PERIOD_LOCKED');
    // The receipt was recorded before the close and stands; the sale was recorded after it.
    expect(locked.map((f) => f.numbers.posting)).toEqual([`${sold.eventId}:out`]);
    expect(locked[0]!.numbers.closedAtEntry).toBe(closed.json().closed.entryIndex);

    // A second delivery and sale in an open period: the sale spends credit, and there is too little.
    const open = await t.call('POST', periods(ids.trader!), tok.trader!, {
      start: '2026-04-01T00:00:00Z',
      end: '2026-07-01T00:00:00Z',
    });
    expect(open.statusCode).toBe(201);
    const harvest2 = await harvestOnPlot('MB-H2', '2026-01-10T08:00:00Z');
    const received2 = await ship('coop', 'trader', harvest2.batchIds[0], 'MB-IN-2', '2026-04-10T08:00:00Z');
    const sold2 = await ship('trader', 'brand', received2.batchIds[0], 'MB-OUT-2', '2026-04-20T08:00:00Z');
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    const after = (
      await t.call('GET', `/v1/findings?subjectId=${ids.trader}&status=all`, tok.admin!)
    ).json() as {
      rule: string;
      severity: string;
      numbers: Record<string, string>;
    }[];
    const [negative] = after.filter((f) => f.rule === 'NEGATIVE_BALANCE');
    expect(negative).toMatchObject({ severity: 'error', numbers: { posting: `${sold2.eventId}:out` } });
    // Two deliveries from the plot in the crop year, of which its plausible capacity is traced: both
    // receipts together carry that much credit.
    expect(Number(negative!.numbers.availableGrams)).toBeCloseTo(capacityGrams, -1);
    expect(Number(negative!.numbers.shortfallGrams)).toBeCloseTo(Number(kg) * 1000 - capacityGrams, -1);
    // The account itself, posting by posting, as the brand's compliance officer sees it.
    const view = await t.call('GET', `/v1/organisations/${ids.trader}/site-account`, tok.compliance!);
    expect(view.statusCode, view.body).toBe(200);
    const account = view.json();
    expect(account).toMatchObject({ custodyModel: 'mass_balance', balanceGrams: '0' });
    expect(account.postings.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [`${received.eventId}:in`, 'posted'],
      [`${sold.eventId}:out`, 'locked'],
      [`${received2.eventId}:in`, 'posted'],
      [`${sold2.eventId}:out`, 'short'],
    ]);
    expect(Number(account.postings[2].balanceGrams)).toBeCloseTo(capacityGrams, -1);
    expect(account.findings.map((f: { rule: string }) => f.rule).sort()).toEqual([
      'NEGATIVE_BALANCE',
      'PERIOD_LOCKED',
    ]);
    expect(
      (await t.call('GET', `/v1/organisations/${ids.trader}/site-account`, tok.stranger!)).statusCode,
    ).toBe(404);
    // The segregated brand holding the sold batches sees blended origin as an error.
    const brandFindings = (
      await t.call('GET', `/v1/findings?batchId=${sold2.batchIds[0]}`, tok.compliance!)
    ).json();
    expect(brandFindings).toContainEqual(
      expect.objectContaining({ rule: 'BLENDED_ORIGIN', severity: 'error' }),
    );

    // The brand moves to mass balance. What it received while segregated stays judged as segregated;
    // what it receives from now on is judged by mass balance.
    const switched = await t.call('PUT', `/v1/organisations/${ids.brand}/custody-model`, tok.admin!, {
      model: 'mass_balance',
      justification: 'Brand certified for mass balance from this date (certificate MB-2026-88).',
    });
    expect(switched.statusCode, switched.body).toBe(200);
    const harvest3 = await harvestOnPlot('MB-H3', '2026-02-10T08:00:00Z');
    const received3 = await ship('coop', 'trader', harvest3.batchIds[0], 'MB-IN-3', '2026-05-01T08:00:00Z');
    const sold3 = await ship('trader', 'brand', received3.batchIds[0], 'MB-OUT-3', '2026-05-05T08:00:00Z');
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    const blendedAt = async (batchId: string) =>
      (
        (await t.call('GET', `/v1/findings?rule=BLENDED_ORIGIN&subjectId=${batchId}`, tok.admin!)).json() as {
          severity: string;
          numbers: { custodyModel: string };
        }[]
      ).map((f) => [f.severity, f.numbers.custodyModel]);
    expect(await blendedAt(sold2.batchIds[0]!)).toEqual([['error', 'segregated']]);
    expect(await blendedAt(sold3.batchIds[0]!)).toEqual([['warning', 'mass_balance']]);
  });
});
