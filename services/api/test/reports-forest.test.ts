// Audit reports and deforestation checks (issues 16 items 2–3), on both databases: a supplier report
// pinned before the checks were run says "not_checked" and keeps saying it, byte for byte, after the
// checks; the newest checkpoint shows each plot's result (forest on the synthetic map, not covered
// outside it) and the DEFORESTATION_RISK finding. The map is a small all-forest COG written here.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '@groundtruth/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCog } from '../../../packages/forest/test/cog.ts';
import { buildTestApp, type TestApp } from './helper.ts';

// 64 × 64 pixels of 0.0002° (about 22 m) near Kumasi, every one forest.
const MAP = { west: -1.92, north: 6.53, pixel: 0.0002, width: 64, height: 64 };
// Six decimals, as EUDR Art. 2(28) asks of every plot (the API refuses fewer).
const d6 = (x: number) => Number((x + 0.0000013).toFixed(6));
const square = (west: number, north: number, side: number) =>
  [
    [west, north],
    [west, north - side],
    [west + side, north - side],
    [west + side, north],
    [west, north],
  ].map(([x, y]) => [d6(x!), d6(y!)]);

let t: TestApp;
let dir: string;
let orgs: Record<string, string>;
const plots: Record<string, string> = {};
const tokens: Record<string, string> = {};
const report = async (query: string) => {
  const res = await t.call('GET', `/v1/reports/suppliers/${orgs.coop}${query}`, tokens.compliance!);
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-forest-'));
  await mkdir(join(dir, 'gfc'));
  await writeFile(
    join(dir, 'gfc', 'GFC2020_N10_W10.tif'),
    writeCog({ ...MAP, pixelWidth: MAP.pixel, pixelHeight: MAP.pixel, value: () => 1, tileSize: 32 }),
  );
  t = await buildTestApp({
    env: { GROUNDTRUTH_FOREST_MAP: join(dir, 'gfc'), GROUNDTRUTH_FOREST_MAP_VERSION: 'V3-synthetic' },
  });
  orgs = await t.seedOrganisations({ brand: 'brand', coop: 'supplier' }, [['brand', 'coop']]);
  tokens.compliance = await t.token('compliance', { organisationId: orgs.brand });
  tokens.coop = await t.token('supplier', { organisationId: orgs.coop });
  const rings = {
    inside: square(MAP.west + 0.002, MAP.north - 0.002, 0.003),
    outside: square(MAP.west + 0.5, MAP.north - 0.5, 0.003),
  };
  for (const [name, ring] of Object.entries(rings)) {
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

describe('a supplier report and the forest checks', () => {
  it('reads checks run after its checkpoint as not run, and the newest checkpoint sees them', async () => {
    // The brand invites the cooperative before the checkpoint; it submits after.
    const invited = await t.call('POST', '/v1/onboarding', tokens.compliance!, {
      brandId: orgs.brand,
      supplierId: orgs.coop,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const pinned = Number(await t.runtime.reader.size());
    const before = await report(`?treeSize=${pinned}`);
    const early = JSON.parse(before) as AuditReport;
    expect(early.tables.plots.rows.map((p) => p.deforestation)).toEqual(['not_checked', 'not_checked']);
    expect(early.tables.suppliers.rows[0]).toMatchObject({
      name: 'coop',
      tier: 0,
      onboarding: 'brand: invited',
    });

    // Entries after the checkpoint, then the checks (run at the larger tree size).
    await t.seedOrganisations({ later: 'supplier' });
    const submitted = await t.call(
      'POST',
      `/v1/onboarding/${orgs.brand}/${orgs.coop}/transitions`,
      tokens.coop!,
      {
        to: 'submitted',
        reason: 'documents uploaded',
      },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (const name of ['inside', 'outside']) {
      const res = await t.call('POST', `/v1/plots/${plots[name]}/forest-check`, tokens.compliance!);
      expect(res.statusCode, res.body).toBe(200);
    }

    expect(await report(`?treeSize=${pinned}`)).toBe(before);
    const late = JSON.parse(await report('')) as AuditReport;
    expect(late.checkpoint.treeSize).toBeGreaterThan(pinned);
    expect(late.tables.suppliers.rows[0]).toMatchObject({ onboarding: 'brand: submitted' });
    const byName = Object.fromEntries(late.tables.plots.rows.map((p) => [p.name, p]));
    expect(byName.inside).toMatchObject({
      deforestation: 'forest_2020',
      dataset: 'JRC GFC2020 V3-synthetic',
    });
    expect(byName.inside!.forestShare2020).toBeGreaterThan(0.99);
    expect(byName.outside).toMatchObject({ deforestation: 'not_covered', coveredShare: 0 });
    expect(late.summary).toMatchObject({ plotsChecked: 2, plotsAtRisk: 1, plotsNotCovered: 1 });
    const risk = late.tables.findings.rows.filter((f) => f.rule === 'DEFORESTATION_RISK');
    // Forest in 2020 needs review, and so does a plot the map does not cover (decision 0020).
    expect(risk.map((f) => [f.subject, f.status]).sort()).toEqual(
      [
        [`plot:${plots.inside}`, 'open'],
        [`plot:${plots.outside}`, 'open'],
      ].sort(),
    );
    expect(late.tables.risk.rows).toMatchObject([{ country: 'GH', plotsAtRisk: 1, level: 'high' }]);
  });
});
