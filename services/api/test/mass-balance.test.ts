// The mass-balance scenario on the demo chain, on both databases: one cooperative launders cocoa (its
// member plots "deliver" three times what their land can grow). The engine must flag those plots, that
// cooperative's outgoing batches and the chocolate maker's butter downstream with the right blended
// share, and leave the clean cooperative's chain alone. Expected shares are worked out here from the
// stored plots and harvests, independently of the engine's code.
import { decodeEntry, fromBase64, revealBody } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, type TestApp } from './helper.ts';

type Json = Record<string, unknown> & { numbers: Record<string, unknown> };

let t: TestApp;
let admin: string;
const orgs: Record<string, string> = {};
const lots: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.token('admin');
  expect(await seedDemoData(t.runtime, { launderingCooperative: 1 })).toBeGreaterThan(600);
  for (const row of await t.runtime.db.query<{ id: string; name: string }>(
    'SELECT id, name FROM organisations',
  ))
    orgs[row.name] = row.id;
  for (const row of await t.runtime.db.query<{ id: string; lot: string }>('SELECT id, lot FROM batches'))
    lots[row.lot] = row.id;
  const run = await t.call('POST', '/v1/mass-balance/recompute', admin);
  expect(run.statusCode, run.body).toBe(200);
  expect(run.json()).toMatchObject({
    kind: 'recompute',
    referenceVersion: expect.stringMatching(/^gt-reference-/),
  });
}, 180_000);
afterAll(async () => {
  await t.close();
});

const CLEAN = 'Ashanti Growers Cooperative';
const LAUNDERING = 'Coopérative Agricole de Soubré';
const BRAND = 'Aurora Chocolate Ltd';

/** Per plot of a cooperative: harvested grams in the crop year and what its area can plausibly grow. */
async function plotsOf(cooperative: string) {
  const rows = await t.runtime.db.query<{ id: string; area: string; kind: string; grams: string }>(
    `SELECT p.id, p.area_hectares::text AS area, p.geometry->>'type' AS kind, sum(b.mass_grams)::text AS grams
       FROM plots p JOIN trace_event_inputs i ON i.plot_id = p.id JOIN batches b ON b.produced_by = i.event_id
      WHERE p.organisation_id = $1 GROUP BY p.id`,
    [orgs[cooperative]],
  );
  // Côte d'Ivoire 1,500 kg/ha and Ghana 1,900 kg/ha plausible maximum, 15 % GPS tolerance, Points ≤ 4 ha.
  const maxKgPerHa = cooperative === LAUNDERING ? 1500 : 1900;
  return rows.map((r) => {
    const hectares = r.kind === 'Point' ? Math.min(4, Number(r.area)) : Number(r.area);
    const capacity = hectares * maxKgPerHa * 1.15 * 1000;
    return { id: r.id, grams: Number(r.grams), excess: Math.max(0, Number(r.grams) - capacity) };
  });
}

const findings = async (query: string, token = admin) => {
  const res = await t.call('GET', `/v1/findings?${query}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json[];
};

describe('a cooperative launders cocoa through the demo chain', () => {
  it('flags every plot of the laundering cooperative as impossible, and none of the clean one', async () => {
    const laundering = await plotsOf(LAUNDERING);
    expect(laundering.length).toBeGreaterThanOrEqual(100);
    const flagged = await findings('rule=IMPOSSIBLE_YIELD,OVER_YIELD&limit=1000');
    const byPlot = new Map(flagged.map((f) => [(f.subject as { id: string }).id, f]));
    for (const plot of laundering) {
      expect(byPlot.get(plot.id)?.rule, plot.id).toBe('IMPOSSIBLE_YIELD');
      expect(Number(byPlot.get(plot.id)!.numbers.excessGrams)).toBeCloseTo(plot.excess, 0);
    }
    for (const plot of await plotsOf(CLEAN)) expect(byPlot.has(plot.id)).toBe(false);
    expect(flagged).toHaveLength(laundering.length);
  });

  it('gives the laundering cooperative’s outgoing batches their blended share', async () => {
    const plots = await plotsOf(LAUNDERING);
    const expected = plots.reduce((s, p) => s + p.excess, 0) / plots.reduce((s, p) => s + p.grams, 0);
    expect(expected).toBeGreaterThan(0.6);
    for (const lot of ['POOL-2026-2', 'EXP-2026-2', 'TCP-IN-2026-2']) {
      const [finding] = await findings(`rule=BLENDED_ORIGIN&subjectId=${lots[lot]}`);
      expect(finding, lot).toBeDefined();
      expect(finding!.severity).toBe('error'); // segregated sites may not carry untraced volume
      expect(finding!.numbers.untracedShare as number).toBeCloseTo(expected, 9);
    }
  });

  it('carries the blend into the chocolate maker’s butter in proportion to the beans', async () => {
    const laundering = await plotsOf(LAUNDERING);
    const clean = await plotsOf(CLEAN);
    const beans = [...laundering, ...clean].reduce((s, p) => s + p.grams, 0);
    const expected = laundering.reduce((s, p) => s + p.excess, 0) / beans;
    const butter = lots['BW-CB-2026-09-001']!;
    const [finding] = await findings(`rule=BLENDED_ORIGIN&subjectId=${butter}`);
    expect(finding!.numbers.untracedShare as number).toBeCloseTo(expected, 9);
    const breakdown = await t.call('GET', `/v1/batches/${butter}/mass-balance`, admin);
    expect(breakdown.statusCode, breakdown.body).toBe(200);
    expect(breakdown.json().untracedShare).toBeCloseTo(expected, 9);
    expect(breakdown.json().plots).toHaveLength(laundering.length + clean.length);
    expect(breakdown.json().conversions.every((c: { balanced: boolean }) => c.balanced)).toBe(true);
    // Every flagged plot marks the butter with its share of the beans.
    const exposures = await findings(`batchId=${butter}&rule=IMPOSSIBLE_YIELD&limit=1000`);
    expect(exposures).toHaveLength(laundering.length);
    const launderingShare = laundering.reduce((s, p) => s + p.grams, 0) / beans;
    expect(exposures.reduce((s, f) => s + (f.exposure as number), 0)).toBeCloseTo(launderingShare, 9);
  });

  it('finds nothing in the clean cooperative’s chain', async () => {
    for (const lot of ['POOL-2026-1', 'EXP-2026-1', 'TCP-IN-2026-1']) {
      expect(await findings(`batchId=${lots[lot]}&status=all`), lot).toEqual([]);
    }
    expect(await findings('rule=MASS_IMBALANCE')).toEqual([]);
  });

  it('lets only admins and compliance officers recompute, and writes no run for a refused caller', async () => {
    const runs = async () =>
      Number(
        (await t.runtime.db.query<{ n: string }>('SELECT count(*)::text AS n FROM mass_balance_runs'))[0]!.n,
      );
    const before = await runs();
    for (const role of ['supplier', 'procurement', 'auditor'] as const) {
      const token = await t.token(role, { organisationId: orgs[LAUNDERING] });
      expect((await t.call('POST', '/v1/mass-balance/recompute', token)).statusCode, role).toBe(403);
    }
    expect(await runs()).toBe(before);
  });

  it('shows findings to the brand’s compliance team and not to a stranger', async () => {
    const brandToken = await t.token('compliance', { organisationId: orgs[BRAND] });
    expect((await findings('rule=IMPOSSIBLE_YIELD&limit=1000', brandToken)).length).toBeGreaterThan(0);
    const { stranger } = await t.seedOrganisations({ stranger: 'supplier' });
    const strangerToken = await t.token('supplier', { organisationId: stranger });
    expect(await findings('limit=1000', strangerToken)).toEqual([]);
  });

  it('resolves a finding with a justification as a ledger entry, and keeps it across recomputes', async () => {
    const [finding] = await findings(`rule=BLENDED_ORIGIN&subjectId=${lots['POOL-2026-2']}`);
    const compliance = await t.token('compliance', { organisationId: orgs[BRAND] });
    const supplier = await t.token('supplier', { organisationId: orgs[LAUNDERING] });
    const url = `/v1/findings/${finding!.id}/resolution`;
    expect(
      (await t.call('POST', url, supplier, { justification: 'we say it is fine, honestly' })).statusCode,
    ).toBe(403);
    expect((await t.call('POST', url, compliance, { justification: 'short' })).statusCode).toBe(400);
    const resolved = await t.call('POST', url, compliance, {
      justification: 'Cooperative suspended on 2026-10-02; batch withdrawn from sale.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const entryIndex = resolved.json().resolution.entryIndex as number;
    // The justification is a committed field: the administrator opens it with its disclosure.
    const entry = await t.call('GET', `/v1/ledger/entries/${entryIndex}/disclosures`, admin);
    expect(entry.statusCode, entry.body).toBe(200);
    const logged = decodeEntry(fromBase64(entry.json().data)!);
    expect(logged).toMatchObject({ type: 'finding.resolved', subject: `finding:${finding!.id}` });
    expect(
      revealBody(
        logged.body,
        entry.json().disclosures.map((d: { disclosure: string }) => d.disclosure),
      ).body,
    ).toMatchObject({ rule: 'BLENDED_ORIGIN', justification: expect.stringMatching(/suspended/) });
    expect(
      (await t.call('POST', url, compliance, { justification: 'again, the same justification' })).statusCode,
    ).toBe(409);
    // A recompute with the same numbers keeps the resolution, on the same finding (its id is its name).
    expect((await t.call('POST', '/v1/mass-balance/recompute', admin)).statusCode).toBe(200);
    // It closes the finding for the brand that gave it; an administrator's list (everyone's) keeps it open.
    const [again] = await findings(
      `rule=BLENDED_ORIGIN&subjectId=${lots['POOL-2026-2']}&status=all`,
      compliance,
    );
    expect(again!.id).toBe(finding!.id);
    expect(again!.resolution).toMatchObject({ entryIndex, resolvedFor: orgs[BRAND] });
    expect(
      await findings(`rule=BLENDED_ORIGIN&subjectId=${lots['POOL-2026-2']}&status=open`, compliance),
    ).toEqual([]);
    expect(
      (await findings(`rule=BLENDED_ORIGIN&subjectId=${lots['POOL-2026-2']}&status=open`)).map((f) => f.id),
    ).toEqual([finding!.id]);
  });

  it('checks a new harvest at once, without a recompute', async () => {
    const [plot] = await plotsOf(CLEAN);
    expect(await findings(`subjectId=${plot!.id}`)).toEqual([]);
    const grower = await t.token('supplier', { organisationId: orgs[CLEAN] });
    const res = await t.call('POST', '/v1/events', grower, {
      type: 'harvest',
      plotId: plot!.id,
      season: '2025/26 main crop',
      eventTime: '2026-01-20T08:00:00Z',
      output: { lot: 'LATE-DELIVERY-1', quantity: { value: '60', unit: 'TNE' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [finding] = await findings(`subjectId=${plot!.id}`);
    expect(finding).toMatchObject({ rule: 'IMPOSSIBLE_YIELD', period: '2025/26' });
  });

  it('keeps a resolution while the numbers stand, and reopens the finding when a new harvest changes them', async () => {
    const [finding] = (await findings('rule=IMPOSSIBLE_YIELD&limit=1000')).filter(
      (f) => f.organisationId === orgs[CLEAN],
    );
    const plotId = (finding!.subject as { id: string }).id;
    const resolved = await t.call('POST', `/v1/findings/${finding!.id}/resolution`, admin, {
      justification: 'Cooperative bought in a neighbour’s harvest; documented in audit 2026-17.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    // Same numbers after a recompute: still resolved, under the same id.
    expect((await t.call('POST', '/v1/mass-balance/recompute', admin)).statusCode).toBe(200);
    const [kept] = await findings(`subjectId=${plotId}&rule=IMPOSSIBLE_YIELD&status=all`);
    expect(kept!.id).toBe(finding!.id);
    expect(kept!.resolution).toMatchObject({ entryIndex: resolved.json().resolution.entryIndex });
    // Another delivery from the plot in the same crop year: the incremental check's numbers differ.
    const grower = await t.token('supplier', { organisationId: orgs[CLEAN] });
    const res = await t.call('POST', '/v1/events', grower, {
      type: 'harvest',
      plotId,
      season: '2025/26 main crop',
      eventTime: '2026-01-25T08:00:00Z',
      output: { lot: 'LATE-DELIVERY-2', quantity: { value: '1', unit: 'TNE' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [reopened] = await findings(`subjectId=${plotId}&rule=IMPOSSIBLE_YIELD&status=all`);
    expect(reopened!.resolution).toBeNull();
    // Reopened, not replaced: the same id, whose thread holds the resolved version and the open one.
    expect(reopened!.id).toBe(finding!.id);
    const thread = (await t.call('GET', `/v1/findings/${finding!.id}`, admin)).json();
    expect(thread.versions.map((v: { resolution: unknown }) => v.resolution === null)).toEqual([
      true,
      false,
      false,
    ]);
    expect(Number(reopened!.numbers.harvestedGrams)).toBe(Number(kept!.numbers.harvestedGrams) + 1_000_000);
  });

  it('reads the graph the same when its surrogate keys have large gaps (rolled-back inserts use them up)', async () => {
    const summary = async () => {
      const run = await t.call('POST', '/v1/mass-balance/recompute', admin);
      expect(run.statusCode, run.body).toBe(200);
      return run.json().findings as Record<string, number>;
    };
    const before = await summary();
    for (const table of ['plots', 'trace_events', 'batches'])
      await t.runtime.db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'seq'), 50000000)`);
    // A small harvest and its shipment, on the far side of the gap.
    const plots = await plotsOf(CLEAN);
    const plot = plots.find((p) => p.excess === 0)!;
    const grower = await t.token('supplier', { organisationId: orgs[CLEAN] });
    const harvest = await t.call('POST', '/v1/events', grower, {
      type: 'harvest',
      plotId: plot.id,
      season: '2025/26 main crop',
      eventTime: '2026-01-12T08:00:00Z',
      output: { lot: 'AFTER-GAP-1', quantity: { value: '5', unit: 'KGM' } },
    });
    expect(harvest.statusCode, harvest.body).toBe(201);
    const [row] = await t.runtime.db.query<{ seq: string }>('SELECT seq::text FROM batches WHERE lot = $1', [
      'AFTER-GAP-1',
    ]);
    expect(Number(row!.seq)).toBeGreaterThan(50_000_000);
    // The same findings, and one more: a harvest dated in January recorded today is BACKDATED.
    expect(await summary()).toEqual({ ...before, BACKDATED: (before.BACKDATED ?? 0) + 1 });
    const breakdown = await t.call('GET', `/v1/batches/${harvest.json().batchIds[0]}/mass-balance`, admin);
    expect(breakdown.json()).toMatchObject({ tracedShare: 1, grams: '5000' });
  });

  it('applies a justified override of a reference yield from the next run on, naming it in the version', async () => {
    const compliance = await t.token('compliance', { organisationId: orgs[BRAND] });
    const supplier = await t.token('supplier', { organisationId: orgs[LAUNDERING] });
    const body = {
      commodity: 'cocoa',
      country: 'CI',
      plausibleMax: '6000',
      hardCeiling: '8000',
      justification: 'Irrigated clonal trial plots, district survey of 2026 (report GT-2026-114).',
    };
    // The reference is shared by every tenant: neither the supplier whose plots are flagged nor a
    // brand's compliance officer may move it; nothing is logged for their attempts.
    const sizeBefore = await t.runtime.reader.size();
    expect((await t.call('POST', '/v1/reference/overrides', supplier, body)).statusCode).toBe(403);
    const refused = await t.call('POST', '/v1/reference/overrides', compliance, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await t.runtime.reader.size()).toBe(sizeBefore);
    expect(await t.runtime.db.query('SELECT 1 FROM yield_overrides')).toHaveLength(0);
    const both = await t.call('POST', '/v1/reference/overrides', admin, {
      ...body,
      plotId: lots['POOL-2026-1'],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].pointer).toBe('/country');
    const recorded = await t.call('POST', '/v1/reference/overrides', admin, body);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().referenceVersion).toBe(
      `gt-reference-2026.11.1+overrides@${recorded.json().entryIndex}`,
    );
    const reference = (await t.app.inject({ url: '/v1/reference' })).json();
    expect(reference.overrides).toMatchObject([{ commodity: 'cocoa', country: 'CI', plausibleMax: '6000' }]);
    const run = await t.call('POST', '/v1/mass-balance/recompute', admin);
    expect(run.json().referenceVersion).toBe(recorded.json().referenceVersion);
    // 3 × 1,500 kg/ha is within the new plausible maximum: the laundering plots are no longer flagged;
    // the Ghana plot that "delivered" 60 t (above) still is.
    const laundering = new Set((await plotsOf(LAUNDERING)).map((p) => p.id));
    const flagged = await findings('rule=IMPOSSIBLE_YIELD,OVER_YIELD&limit=1000');
    expect(flagged.filter((f) => laundering.has((f.subject as { id: string }).id))).toEqual([]);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.referenceVersion).toBe(recorded.json().referenceVersion);
  });
});
