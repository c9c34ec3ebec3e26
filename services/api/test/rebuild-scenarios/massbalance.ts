// The mass-balance entries the demo does not write, for the rebuild test: overrides of reference yields
// (for a country and for one plot) and a finding resolved. The demo ends with a recompute, so there are
// findings to resolve.
import type { TestApp } from '../helper.ts';

export async function massBalanceScenario(t: TestApp) {
  const admin = await t.token('admin', { subject: 'user:rebuild-admin' });
  const ok = (url: string, body: object) => t.succeed('POST', url, admin, body);
  await ok('/v1/reference/overrides', {
    commodity: 'cocoa',
    country: 'GH',
    plausibleMax: '1850.5',
    justification: 'Ghana COCOBOD 2025 survey of hybrid plantings',
  });
  const [plot] = await t.runtime.db.query<{ id: string }>('SELECT id FROM plots ORDER BY id LIMIT 1');
  await ok('/v1/reference/overrides', {
    commodity: 'cocoa',
    plotId: plot!.id,
    hardCeiling: '4100',
    justification: 'irrigated demonstration plot, agronomist report 2026-03',
  });
  const listed = await t.call('GET', '/v1/findings?perPage=100', admin);
  const findings = listed.json() as { id: string; period: string | null }[];
  // One with a period, so every field of the entry is written.
  const finding = findings.find((f) => f.period !== null) ?? findings[0];
  if (!finding) throw new Error(`no finding to resolve: ${listed.body}`);
  await ok(`/v1/findings/${finding.id}/resolution`, {
    justification: 'plot boundary surveyed again; the yield is what the land grows',
  });
}
