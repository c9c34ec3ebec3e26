// Resolutions of findings (decision 0036), on both databases: a resolution is the projection of its
// finding.resolved entry, in a table of its own, so it survives the recompute that rewrites every
// finding, an incremental check and a rebuild from the log; it covers the numbers it was given for, so a
// finding that comes back changed is open again and says it was resolved before; the organisation a
// finding is about cannot clear it; and a resolution closes the finding for the organisation it was
// given for alone: one brand cannot close, for another, a finding about a supplier both buy from.
import { openTestDatabase, type TestDatabase } from '@groundtruth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../src/access.ts';
import type { Principal } from '../src/auth.ts';
import { createMassBalanceService } from '../src/domains/massbalance/mass-balance/service.ts';
import { rebuildFromLog } from '../src/rebuild.ts';
import { buildTestApp, square, type TestApp } from './helper.ts';

interface Resolution {
  justification: string;
  by: string;
  entryIndex: number;
  resolvedFor: string | null;
}
interface Finding {
  id: string;
  rule: string;
  numbers: Record<string, unknown>;
  resolution: Resolution | null;
  previousResolution: Resolution | null;
}

let t: TestApp;
let admin: string;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

const harvest = async (tonnes: string, lot: string) => {
  const res = await t.call('POST', '/v1/events', tokens.coop!, {
    type: 'harvest',
    plotId: ids.plot,
    season: '2025/26 main crop',
    eventTime: '2026-01-20T08:00:00Z',
    output: { lot, quantity: { value: tonnes, unit: 'TNE' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().eventId as string;
};
/**
 * The plot's IMPOSSIBLE_YIELD finding as the list shows it (`status` open, resolved or all) to a caller:
 * the brand's compliance officer unless told otherwise.
 */
const listed = async (status: 'open' | 'resolved' | 'all', token = tokens.brandCompliance!) =>
  (
    await t.call('GET', `/v1/findings?rule=IMPOSSIBLE_YIELD&subjectId=${ids.plot}&status=${status}`, token)
  ).json() as Finding[];
const resolve = (token: string, justification: string) =>
  t.call('POST', `/v1/findings/${ids.finding}/resolution`, token, { justification });
const logSize = async () =>
  Number((await t.runtime.db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries'))[0]!.n);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.token('admin');
  Object.assign(
    ids,
    await t.seedOrganisations({ brand: 'brand', rival: 'brand', coop: 'supplier' }, [
      ['brand', 'coop'],
      ['rival', 'coop'],
    ]),
  );
  tokens.coop = await t.token('supplier', { organisationId: ids.coop });
  tokens.brandCompliance = await t.token('compliance', { organisationId: ids.brand });
  tokens.rivalCompliance = await t.token('compliance', { organisationId: ids.rival });
  tokens.coopCompliance = await t.token('compliance', { organisationId: ids.coop });
  const plot = await t.call('POST', '/v1/plots', tokens.coop, {
    organisationId: ids.coop,
    commodity: 'cocoa',
    country: 'GH',
    geometry: square(-1.908421, 6.513262),
  });
  expect(plot.statusCode, plot.body).toBe(201);
  ids.plot = plot.json().id;
  // 10 t on about 2 ha: beyond Ghana's hard ceiling of 3,000 kg/ha with its 15 % GPS tolerance.
  expect(10_000 / Number(plot.json().areaHectares)).toBeGreaterThan(3000 * 1.15);
  ids.firstHarvest = await harvest('10', 'RES-H-1');
  const [finding] = await listed('open');
  expect(finding).toBeDefined();
  ids.finding = finding!.id;
}, 180_000);
afterAll(() => t.close());

describe('finding resolutions', () => {
  it('refuses the organisation a finding is about, and writes nothing', async () => {
    const before = await logSize();
    const res = await resolve(tokens.coopCompliance!, 'our own plot, our own word that it is fine');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await logSize()).toBe(before);
    expect((await listed('open')).map((f) => f.id)).toEqual([ids.finding]);
  });

  it('refuses a compliance officer who acts for no organisation (a resolution must say for whom), and writes nothing', async () => {
    const before = await logSize();
    const res = await resolve(await t.token('compliance'), 'resolved for nobody in particular, or for all');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().detail).toMatch(/acts for none/);
    expect(await logSize()).toBe(before);
    expect((await listed('open')).map((f) => f.id)).toEqual([ids.finding]);
  });

  it('records one resolution when two arrive at once, and answers the other 409', async () => {
    const answers = await Promise.all([
      resolve(tokens.brandCompliance!, 'neighbouring plot harvested into this lot; documented in audit 7'),
      resolve(tokens.brandCompliance!, 'a second, racing answer to the same question'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.runtime.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM finding_resolutions WHERE finding_id = $1',
      [ids.finding],
    );
    expect(rows[0]!.n).toBe('1');
    const [resolved] = await listed('resolved');
    const winner = answers.find((a) => a.statusCode === 200)!.json() as Finding;
    expect(resolved).toMatchObject({
      id: ids.finding,
      resolution: winner.resolution,
      previousResolution: null,
    });
    expect(resolved!.resolution!.resolvedFor).toBe(ids.brand);
    ids.firstEntry = String(resolved!.resolution!.entryIndex);
    ids.firstBy = resolved!.resolution!.by;
  });

  it("closes the finding for the brand that resolved it alone: the other brand still sees it open, and not the first brand's words", async () => {
    const [forRival] = await listed('open', tokens.rivalCompliance!);
    expect(forRival).toMatchObject({ id: ids.finding, resolution: null, previousResolution: null });
    expect(await listed('resolved', tokens.rivalCompliance!)).toEqual([]);
    // Nor does the thread hand the rival the brand's justification (asserted on the bytes sent).
    const thread = await t.call('GET', `/v1/findings/${ids.finding}`, tokens.rivalCompliance!);
    expect(thread.statusCode, thread.body).toBe(200);
    expect(thread.json().resolutions).toEqual([]);
    expect(thread.body).not.toContain('audit 7');
    const list = await t.call(
      'GET',
      `/v1/findings?subjectId=${ids.plot}&status=all`,
      tokens.rivalCompliance!,
    );
    expect(list.body).not.toContain('audit 7');
    // An administrator's status is everyone's: no brand's resolution closes it there either.
    expect((await listed('open', admin)).map((f) => f.id)).toEqual([ids.finding]);
    // The administrator reads every resolution, with whom it was given for.
    const all = (await t.call('GET', `/v1/findings/${ids.finding}`, admin)).json();
    expect(all.resolutions.map((r: Resolution) => r.resolvedFor)).toEqual([ids.brand]);
  });

  it('lets the other brand resolve the finding for itself, without touching the first resolution', async () => {
    const before = await logSize();
    const mine = await resolve(tokens.rivalCompliance!, 'our own field visit found a second, unmapped plot');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().resolution).toMatchObject({ resolvedFor: ids.rival });
    expect(await logSize()).toBe(before + 1);
    // Each sees its own resolution; the brand's is unchanged.
    expect((await listed('resolved', tokens.rivalCompliance!))[0]!.resolution!.entryIndex).toBe(
      mine.json().resolution.entryIndex,
    );
    expect((await listed('resolved'))[0]!.resolution!.entryIndex).toBe(Number(ids.firstEntry));
    // A second one for the same brand and numbers is a conflict, and nothing is written.
    const again = await resolve(tokens.rivalCompliance!, 'the same answer a second time, by mistake');
    expect(again.statusCode, again.body).toBe(409);
    expect(await logSize()).toBe(before + 1);
    ids.rivalEntry = String(mine.json().resolution.entryIndex);
  });

  it('keeps the resolution through POST /v1/mass-balance/recompute, which rewrites every finding', async () => {
    const run = await t.call('POST', '/v1/mass-balance/recompute', admin);
    expect(run.statusCode, run.body).toBe(200);
    // The current version is the recompute's own row: nothing was carried into it.
    const [current] = await t.runtime.db.query<{ run_id: string }>(
      'SELECT run_id FROM mass_balance_findings WHERE id = $1 AND superseded_at IS NULL',
      [ids.finding],
    );
    expect(current!.run_id).toBe(run.json().runId);
    const [resolved] = await listed('resolved');
    expect(resolved).toMatchObject({
      id: ids.finding,
      resolution: { entryIndex: Number(ids.firstEntry), by: ids.firstBy },
    });
    expect(await listed('open')).toEqual([]);
  });

  it('reopens a finding that comes back with other numbers, naming its earlier resolution', async () => {
    const [before] = await listed('all');
    await harvest('1', 'RES-H-2'); // the incremental check writes the plot's finding again
    const [reopened] = await listed('open');
    expect(reopened).toMatchObject({
      id: ids.finding,
      resolution: null,
      previousResolution: { entryIndex: Number(ids.firstEntry) },
    });
    expect(Number(reopened!.numbers.harvestedGrams)).toBe(Number(before!.numbers.harvestedGrams) + 1_000_000);

    const again = await resolve(
      tokens.brandCompliance!,
      'second delivery checked against the weighbridge slips',
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      previousResolution: null,
      resolution: { by: 'user:test-compliance' },
    });
    // One thread: both resolutions, oldest first, each with the numbers it was given for (the rival's is
    // not the brand's to read).
    const thread = (await t.call('GET', `/v1/findings/${ids.finding}`, tokens.brandCompliance!)).json();
    expect(thread.resolutions.map((r: Resolution) => r.entryIndex)).toEqual([
      Number(ids.firstEntry),
      again.json().resolution.entryIndex,
    ]);
    expect(thread.resolutions.map((r: { numbers: Finding['numbers'] }) => r.numbers.harvestedGrams)).toEqual([
      before!.numbers.harvestedGrams,
      reopened!.numbers.harvestedGrams,
    ]);
    // The versions before the second harvest stay resolved by the first entry, the newest by the second.
    expect(thread.versions.map((v: { resolution: Resolution | null }) => v.resolution?.entryIndex)).toEqual([
      again.json().resolution.entryIndex,
      ...thread.versions.slice(1).map(() => Number(ids.firstEntry)),
    ]);
    ids.lastEntry = String(again.json().resolution.entryIndex);
  });

  it('reopens a finding that went away and came back, even with the numbers it was resolved for', async () => {
    const [resolved] = await listed('resolved');
    const voided = await t.call('POST', `/v1/events/${ids.firstHarvest}/void`, admin, {
      reason: 'did_not_occur',
      explanation: 'recorded against the wrong plot',
    });
    expect(voided.statusCode, voided.body).toBe(201);
    // 1 t left on about 2 ha: the recompute finds nothing on the plot.
    expect((await t.call('POST', '/v1/mass-balance/recompute', admin)).statusCode).toBe(200);
    expect((await t.call('GET', `/v1/findings/${ids.finding}`, admin)).json().current).toBe(false);
    await harvest('10', 'RES-H-3');
    const [back] = await listed('open');
    expect(back!.numbers).toEqual(resolved!.numbers);
    expect(back).toMatchObject({
      id: ids.finding,
      resolution: null,
      previousResolution: { entryIndex: Number(ids.lastEntry) },
    });
    const again = await resolve(
      tokens.brandCompliance!,
      'the same lot re-recorded on the right plot; checked',
    );
    expect(again.statusCode, again.body).toBe(200);
    ids.lastEntry = String(again.json().resolution.entryIndex);
  });

  it('keeps the resolutions through a rebuild from the log and the recompute after it', async () => {
    let target: TestDatabase | undefined;
    try {
      target = await openTestDatabase();
      await rebuildFromLog(t.runtime.db, target.db);
      const operator: Principal = { subject: 'user:rebuild-check', role: 'admin' };
      const brand: Principal = {
        subject: 'user:rebuild-check',
        role: 'compliance',
        organisationId: ids.brand!,
      };
      const rival: Principal = {
        subject: 'user:rebuild-check',
        role: 'compliance',
        organisationId: ids.rival!,
      };
      // The rebuilt database has no findings until a recompute; the writer is not needed to read them.
      const service = createMassBalanceService({
        db: target.db,
        writer: undefined as never,
        access: createAccess(target.db),
      });
      await service.recompute(operator);
      const resolvedFor = async (principal: Principal) =>
        (await service.findings(principal, { rule: ['IMPOSSIBLE_YIELD'], status: 'resolved', perPage: 10 }))
          .findings;
      expect((await resolvedFor(brand)).map((f) => [f.id, f.resolution?.entryIndex])).toEqual([
        [ids.finding, Number(ids.lastEntry)],
      ]);
      // The rival's resolution was given for the numbers before the finding came back: open for it again.
      expect(await resolvedFor(rival)).toEqual([]);
      expect(await resolvedFor(operator)).toEqual([]);
    } finally {
      await target?.destroy();
    }
  }, 120_000);
});
