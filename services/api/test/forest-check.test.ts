// Deforestation checks through the API (issue 16 item 2, decision 0020), on both databases. The forest
// map and the loss layer are synthetic COGs written by the test (packages/forest/test/cog.ts) near
// Kumasi; every expected share is reckoned independently (packages/forest/test/reckon.ts: fine
// sampling, ray casting, cos φ weights) from the functions that wrote the pixels. Checks are stored per
// plot, raise DEFORESTATION_RISK findings with the dataset's name and version where the findings list
// shows them, keep their id and resolution across re-checks, survive a mass-balance recompute, and
// refusals write nothing.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCog } from '../../../packages/forest/test/cog.ts';
import { pixelAt, type Ring, reckon } from '../../../packages/forest/test/reckon.ts';
import { buildTestApp, type TestApp } from './helper.ts';

// Forest map: 128 × 128 pixels of 0.0002° (about 22 m); forest west of column 70 and in a band of rows
// 90–110, with a speckle of non-forest. Loss layer: 0.0006° pixels offset by a third of a forest pixel,
// loss in 2021 where (column + row) % 3 = 0, in 2019 where it is 1.
const F = { west: -1.92, north: 6.53, pixel: 0.0002, width: 128, height: 128 };
const L = { west: -1.92 + 0.0002 / 3, north: 6.53, pixel: 0.0006, width: 43, height: 43 };
const forestValue = (c: number, r: number) =>
  (c < 70 || (r >= 90 && r < 110)) && (c * 13 + r * 7) % 11 !== 0 ? 1 : 0;
const lossValue = (c: number, r: number) => ((c + r) % 3 === 0 ? 21 : (c + r) % 3 === 1 ? 19 : 0);
const forestAt = (lon: number, lat: number) => {
  const p = pixelAt(F, lon, lat);
  return p ? forestValue(p.column, p.row) : null;
};
const lostAt = (lon: number, lat: number) => {
  const p = pixelAt(L, lon, lat);
  return p !== null && lossValue(p.column, p.row) >= 21;
};
const expected = (ring: Ring) => reckon([[ring]], F.pixel / 16, forestAt, lostAt);

const lon = (column: number) => Number((F.west + column * F.pixel + 0.0000013).toFixed(6));
const lat = (row: number) => Number((F.north - row * F.pixel - 0.0000017).toFixed(6));
const polygon = (...corners: [number, number][]): Ring => [
  ...corners.map(([c, r]) => [lon(c), lat(r)] as [number, number]),
  [lon(corners[0]![0]), lat(corners[0]![1])],
];
const PLOTS: Record<string, Ring> = {
  // Across the forest's eastern edge: part forest, part not; loss in a third of the forest.
  edge: polygon([55.3, 20.7], [88.1, 24.2], [84.6, 51.9], [61.2, 44.4], [57.7, 60.8]),
  // East of the forest, north of the band: no forest.
  clear: polygon([90.4, 10.2], [120.7, 12.6], [118.3, 40.9], [92.8, 38.1]),
  // Beyond the map's eastern edge by half.
  straddling: polygon([110.4, 95.3], [145.8, 96.1], [144.2, 106.7], [111.1, 105.9]),
  // Far north of the map.
  outside: polygon([20.4, -900.3], [40.8, -900.1], [40.2, -880.4], [20.9, -880.6]),
};

let t: TestApp;
let dir: string;
let orgs: Record<string, string>;
const plots: Record<string, string> = {};
type Caller = 'admin' | 'compliance' | 'procurement' | 'coop' | 'stranger' | 'auditor' | 'idleAuditor';
const tokens = {} as Record<Caller, string>;

const counts = async () => {
  const [row] = await t.runtime.db.query<{ checks: string; findings: string; runs: string; entries: string }>(
    `SELECT (SELECT count(*) FROM forest_checks)::text AS checks,
            (SELECT count(*) FROM mass_balance_findings)::text AS findings,
            (SELECT count(*) FROM mass_balance_runs)::text AS runs,
            (SELECT count(*) FROM ledger_entries)::text AS entries`,
  );
  return row!;
};
const check = (plot: string, token = tokens.compliance) =>
  t.call('POST', `/v1/plots/${plots[plot]}/forest-check`, token);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forest-api-'));
  await mkdir(join(dir, 'gfc'));
  await mkdir(join(dir, 'loss'));
  await writeFile(
    join(dir, 'gfc', 'GFC2020_N10_W10.tif'),
    writeCog({ ...F, pixelWidth: F.pixel, pixelHeight: F.pixel, value: forestValue, tileSize: 32 }),
  );
  await writeFile(
    join(dir, 'loss', 'lossyear.tif'),
    writeCog({ ...L, pixelWidth: L.pixel, pixelHeight: L.pixel, value: lossValue }),
  );
  t = await buildTestApp({
    env: {
      GROUNDTRUTH_FOREST_MAP: join(dir, 'gfc'),
      GROUNDTRUTH_FOREST_MAP_VERSION: 'V3-synthetic',
      GROUNDTRUTH_FOREST_LOSS: join(dir, 'loss'),
      GROUNDTRUTH_FOREST_LOSS_VERSION: 'v1.13-synthetic',
    },
  });
  orgs = await t.seedOrganisations(
    { brand: 'brand', coop: 'supplier', stranger: 'brand', auditor: 'auditor', idle: 'auditor' },
    [['brand', 'coop']],
  );
  tokens.admin = await t.token('admin');
  tokens.compliance = await t.token('compliance', { organisationId: orgs.brand });
  tokens.procurement = await t.token('procurement', { organisationId: orgs.brand });
  tokens.coop = await t.token('supplier', { organisationId: orgs.coop });
  tokens.stranger = await t.token('compliance', { organisationId: orgs.stranger });
  tokens.auditor = await t.token('auditor', { organisationId: orgs.auditor });
  tokens.idleAuditor = await t.token('auditor', { organisationId: orgs.idle });
  const grant = await t.call('POST', `/v1/organisations/${orgs.brand}/auditor-grants`, tokens.procurement, {
    auditorId: orgs.auditor,
  });
  expect(grant.statusCode, grant.body).toBe(201);
  for (const [name, ring] of Object.entries(PLOTS)) {
    const res = await t.call('POST', '/v1/plots', tokens.coop, {
      organisationId: orgs.coop,
      name,
      commodity: 'cocoa',
      country: 'GH',
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    expect(res.statusCode, res.body).toBe(201);
    plots[name] = res.json().id;
  }
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('forest checks', () => {
  describe('POST /v1/plots/{id}/forest-check', () => {
    it('gives the forest and loss shares within 1 point of the independent reckoning, with a finding', async () => {
      const res = await check('edge');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const want = expected(PLOTS.edge!);
      expect(want.forestShare).toBeGreaterThan(0.2);
      expect(want.forestShare).toBeLessThan(0.8);
      expect(want.lostShare).toBeGreaterThan(0.05);
      expect(body).toMatchObject({
        plotId: plots.edge,
        verdict: 'loss_after_2020',
        coverage: 'full',
        coveredShare: 1,
        geometry: 'polygon',
        dataset: { name: 'JRC GFC2020', version: 'V3-synthetic' },
        loss: { dataset: { name: 'Hansen GFC lossyear', version: 'v1.13-synthetic' }, coveredShare: 1 },
        tolerance: { share: 0.05, hectares: 0.5 },
        finding: { severity: 'error' },
      });
      expect(Math.abs(body.forestShare - want.forestShare)).toBeLessThan(0.01);
      expect(Math.abs(body.loss.lostShare - want.lostShare)).toBeLessThan(0.01);
      // Loss in 2019 is before the cut-off: only 2021 appears.
      expect(Object.keys(body.loss.byYear)).toEqual(['2021']);
      // The area measured agrees with the plot's geodesic area as stored.
      const plot = (await t.call('GET', `/v1/plots/${plots.edge}`, tokens.compliance)).json();
      expect(Math.abs(body.areaHectares - Number(plot.areaHectares)) / body.areaHectares).toBeLessThan(1e-4);

      // The finding is in the findings list, with its numbers and the datasets named.
      const listed = await t.call('GET', '/v1/findings?rule=DEFORESTATION_RISK', tokens.compliance);
      expect(listed.statusCode, listed.body).toBe(200);
      const finding = listed.json().find((f: { id: string }) => f.id === body.finding.id);
      expect(finding).toMatchObject({
        rule: 'DEFORESTATION_RISK',
        severity: 'error',
        subject: { kind: 'plot', id: plots.edge },
        organisationId: orgs.coop,
        referenceVersion: 'JRC GFC2020 V3-synthetic + Hansen GFC lossyear v1.13-synthetic',
        numbers: {
          verdict: 'loss_after_2020',
          dataset: 'JRC GFC2020',
          datasetVersion: 'V3-synthetic',
          lossDataset: 'Hansen GFC lossyear',
          lossDatasetVersion: 'v1.13-synthetic',
          forestShare: body.forestShare,
          lostShare: body.loss.lostShare,
        },
      });
      // And the stored check reads back as it was answered.
      const stored = await t.call('GET', `/v1/plots/${plots.edge}/forest-check`, tokens.coop);
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toEqual(body);
    });

    it('reports a plot outside the map as not covered, never as free of deforestation', async () => {
      const res = await check('outside', tokens.auditor);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        verdict: 'not_covered',
        coverage: 'none',
        coveredShare: 0,
        forestShare: null,
        pixels: 0,
        finding: { severity: 'warning' },
      });
      expect(res.json().finding.message).toMatch(/^not covered/);
    });

    it('says how much of a plot partly off the map is covered', async () => {
      const res = await check('straddling', tokens.coop);
      expect(res.statusCode, res.body).toBe(200);
      const want = expected(PLOTS.straddling!);
      expect(want.coveredShare).toBeGreaterThan(0.3);
      expect(want.coveredShare).toBeLessThan(0.7);
      expect(res.json().coverage).toBe('partial');
      expect(Math.abs(res.json().coveredShare - want.coveredShare)).toBeLessThan(0.01);
      expect(Math.abs(res.json().forestShare - want.forestShare)).toBeLessThan(0.01);
      expect(res.json().verdict).not.toBe('no_forest_2020');
      expect(res.json().finding).not.toBeNull();
    });

    it('raises no finding for a plot fully covered without forest', async () => {
      const res = await check('clear');
      expect(res.statusCode, res.body).toBe(200);
      expect(expected(PLOTS.clear!).forestShare).toBe(0);
      expect(res.json()).toMatchObject({ verdict: 'no_forest_2020', forestShare: 0, finding: null });
    });

    it('keeps the finding’s id and its resolution when the same numbers come again', async () => {
      const first = (await check('edge')).json();
      const resolved = await t.call(
        'POST',
        `/v1/findings/${first.finding.id}/resolution`,
        tokens.compliance,
        {
          justification: 'Loss is the 2021 cyclone damage documented by the forestry service, not clearing.',
        },
      );
      expect(resolved.statusCode, resolved.body).toBe(200);
      const again = (await check('edge', tokens.admin)).json();
      expect(again.id).not.toBe(first.id);
      expect(again.finding.id).toBe(first.finding.id);
      const thread = (await t.call('GET', `/v1/findings/${first.finding.id}`, tokens.compliance)).json();
      expect(thread.current).toBe(true);
      expect(thread.finding.resolution).toMatchObject({ by: 'user:test-compliance' });
      expect(thread.versions.length).toBeGreaterThanOrEqual(3);
    });

    it('leaves the findings standing through a mass-balance recompute', async () => {
      const before = (
        await t.call('GET', '/v1/findings?rule=DEFORESTATION_RISK&status=all', tokens.admin)
      ).json();
      expect(before.length).toBe(3);
      const run = await t.call('POST', '/v1/mass-balance/recompute', tokens.admin);
      expect(run.statusCode, run.body).toBe(200);
      const after = (
        await t.call('GET', '/v1/findings?rule=DEFORESTATION_RISK&status=all', tokens.admin)
      ).json();
      expect(after).toEqual(before);
    });

    it('refuses callers who may not run it, and writes nothing', async () => {
      const before = await counts();
      // A buyer's procurement sees the plot but does not run checks on it: 403.
      const procurement = await check('clear', tokens.procurement);
      expect(procurement.statusCode).toBe(403);
      expect(procurement.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Those who may not see the plot: 404, as for a plot that does not exist.
      for (const token of [tokens.stranger, tokens.idleAuditor])
        expect((await check('clear', token)).statusCode).toBe(404);
      const missing = await t.call(
        'POST',
        '/v1/plots/00000000-0000-4000-8000-000000000000/forest-check',
        tokens.admin,
      );
      expect(missing.statusCode).toBe(404);
      const malformed = await t.call('POST', '/v1/plots/not-a-uuid/forest-check', tokens.admin);
      expect(malformed.statusCode).toBe(400);
      expect(JSON.stringify(malformed.json().errors)).toContain('/id');
      expect(
        (await t.app.inject({ method: 'POST', url: `/v1/plots/${plots.clear}/forest-check` })).statusCode,
      ).toBe(401);
      expect(await counts()).toEqual(before);
    });
  });

  describe('GET /v1/plots/{id}/forest-check', () => {
    it('is 404 for a plot never checked, and for one the caller may not see', async () => {
      const res = await t.call('POST', '/v1/plots', tokens.coop, {
        organisationId: orgs.coop,
        commodity: 'cocoa',
        country: 'GH',
        geometry: {
          type: 'Polygon',
          coordinates: [polygon([10.2, 10.3], [20.4, 10.6], [20.1, 20.7], [10.5, 20.2])],
        },
      });
      expect((await t.call('GET', `/v1/plots/${res.json().id}/forest-check`, tokens.admin)).statusCode).toBe(
        404,
      );
      expect((await t.call('GET', `/v1/plots/${plots.edge}/forest-check`, tokens.stranger)).statusCode).toBe(
        404,
      );
    });
  });

  describe('batches', () => {
    let batch: string;

    beforeAll(async () => {
      const harvested: string[] = [];
      for (const name of ['edge', 'clear', 'outside']) {
        const res = await t.call('POST', '/v1/events', tokens.coop, {
          type: 'harvest',
          plotId: plots[name],
          season: '2025/26 main crop',
          eventTime: '2025-12-15T08:00:00Z',
          output: { lot: `FC-${name}`, quantity: { value: '100', unit: 'KGM' } },
        });
        expect(res.statusCode, res.body).toBe(201);
        harvested.push(res.json().batchIds[0]);
      }
      const blend = await t.call('POST', '/v1/events', tokens.coop, {
        type: 'transformation',
        organisationId: orgs.coop,
        eventTime: '2026-01-05T08:00:00Z',
        inputs: harvested.map((batchId) => ({ batchId, quantity: { value: '100', unit: 'KGM' } })),
        outputs: [{ lot: 'FC-BLEND', quantity: { value: '300', unit: 'KGM' } }],
      });
      expect(blend.statusCode, blend.body).toBe(201);
      batch = blend.json().batchIds[0];
    });

    it('lists the newest check of every plot upstream, null where none was made', async () => {
      const res = await t.call('GET', `/v1/batches/${batch}/forest-check`, tokens.procurement);
      expect(res.statusCode, res.body).toBe(200);
      const byPlot = new Map(
        res
          .json()
          .plots.map((p: { plotId: string; check: { verdict: string } | null }) => [p.plotId, p.check]),
      );
      expect([...byPlot.keys()].sort()).toEqual([plots.edge, plots.clear, plots.outside].sort());
      expect((byPlot.get(plots.edge) as { verdict: string }).verdict).toBe('loss_after_2020');
      expect((byPlot.get(plots.outside) as { verdict: string }).verdict).toBe('not_covered');
      expect(res.json().notVisible).toBe(0);
    });

    it('checks every plot upstream in one call, as the plot checks do', async () => {
      const before = await counts();
      const res = await t.call('POST', `/v1/batches/${batch}/forest-check`, tokens.compliance);
      expect(res.statusCode, res.body).toBe(200);
      const checks = res.json().checks as { plotId: string; verdict: string; forestShare: number | null }[];
      expect(checks.map((c) => c.plotId).sort()).toEqual([plots.edge, plots.clear, plots.outside].sort());
      const edge = checks.find((c) => c.plotId === plots.edge)!;
      expect(Math.abs(edge.forestShare! - expected(PLOTS.edge!).forestShare)).toBeLessThan(0.01);
      expect(Object.fromEntries(checks.map((c) => [c.plotId, c.verdict]))).toEqual({
        [plots.edge!]: 'loss_after_2020',
        [plots.clear!]: 'no_forest_2020',
        [plots.outside!]: 'not_covered',
      });
      const after = await counts();
      expect(Number(after.checks) - Number(before.checks)).toBe(3);
      expect(Number(after.runs) - Number(before.runs)).toBe(1);
      // Two findings (edge, outside), each a new version of the same id.
      expect(Number(after.findings) - Number(before.findings)).toBe(2);
      expect(after.entries).toBe(before.entries);
    });

    it('feeds the lot’s EUDR statement: loss on one plot is a deforestation risk, the uncovered plot said', async () => {
      const res = await t.call('GET', `/v1/batches/${batch}/eudr/statement`, tokens.compliance);
      expect(res.statusCode, res.body).toBe(200);
      const risk = res.json().riskAssessment;
      expect(risk.deforestation).toMatchObject({
        status: 'risk',
        plots: 3,
        checked: 3,
        unchecked: 0,
        verdicts: { loss_after_2020: 1, not_covered: 1, no_forest_2020: 1 },
      });
      expect(risk.conclusion).toBe('not_negligible');
      expect(risk.reasons.some((r: string) => r.startsWith('deforestation risk: 1 of 3 plot(s)'))).toBe(true);
    });

    it('refuses procurement and strangers, and writes nothing', async () => {
      const before = await counts();
      expect((await t.call('POST', `/v1/batches/${batch}/forest-check`, tokens.procurement)).statusCode).toBe(
        403,
      );
      expect((await t.call('POST', `/v1/batches/${batch}/forest-check`, tokens.stranger)).statusCode).toBe(
        404,
      );
      expect((await t.call('GET', `/v1/batches/${batch}/forest-check`, tokens.stranger)).statusCode).toBe(
        404,
      );
      expect(await counts()).toEqual(before);
    });
  });
});

describe('forest checks without a usable map', () => {
  it('answers 503 when no forest map is configured, and writes nothing', async () => {
    const bare = await buildTestApp();
    try {
      const coop = await bare.seedOrganisations({ coop: 'supplier' });
      const token = await bare.token('supplier', { organisationId: coop.coop });
      const plot = await bare.call('POST', '/v1/plots', token, {
        organisationId: coop.coop,
        commodity: 'cocoa',
        country: 'GH',
        geometry: { type: 'Polygon', coordinates: [PLOTS.edge] },
      });
      const res = await bare.call('POST', `/v1/plots/${plot.json().id}/forest-check`, token);
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain('GROUNDTRUTH_FOREST_MAP');
      const [row] = await bare.runtime.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM forest_checks',
      );
      expect(row!.n).toBe('0');
    } finally {
      await bare.close();
    }
  });

  it('refuses a plot larger than the pixel budget with 400 naming it, and writes nothing', async () => {
    const small = await buildTestApp({
      env: {
        GROUNDTRUTH_FOREST_MAP: join(dir, 'gfc'),
        GROUNDTRUTH_FOREST_MAP_VERSION: 'V3-synthetic',
        GROUNDTRUTH_FOREST_MAX_PIXELS: '50',
      },
    });
    try {
      const coop = await small.seedOrganisations({ coop: 'supplier' });
      const token = await small.token('supplier', { organisationId: coop.coop });
      const plot = await small.call('POST', '/v1/plots', token, {
        organisationId: coop.coop,
        commodity: 'cocoa',
        country: 'GH',
        geometry: { type: 'Polygon', coordinates: [PLOTS.edge] },
      });
      const res = await small.call('POST', `/v1/plots/${plot.json().id}/forest-check`, token);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toMatchObject([{ in: 'params', pointer: '/id' }]);
      const [row] = await small.runtime.db.query<{ n: string; r: string }>(
        'SELECT (SELECT count(*) FROM forest_checks)::text AS n, (SELECT count(*) FROM mass_balance_runs)::text AS r',
      );
      expect(row).toEqual({ n: '0', r: '0' });
    } finally {
      await small.close();
    }
  });
});
