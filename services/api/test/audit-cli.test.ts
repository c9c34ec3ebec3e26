// `gt conclude-audit` over real HTTP (decision 0024): the assigned auditor's key file signs a
// conclusion naming every finding, the server verifies and records it, and the grant ends; another
// auditor's key file is refused and writes nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runClientCommand } from '@groundtruth/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
let url: string;
let work: string;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};

async function gt(...args: string[]) {
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const code = await runClientCommand(args[0]!, args.slice(1), out);
  return { code, text: lines.join('\n') };
}
const ledgerSize = async () =>
  Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_entries'))[0]!.n);

beforeAll(async () => {
  t = await buildTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  work = await mkdtemp(join(tmpdir(), 'gt-audit-'));
  Object.assign(
    ids,
    await t.seedOrganisations({ brand: 'brand', farm: 'supplier', auditor: 'auditor', other: 'auditor' }, [
      ['brand', 'farm'],
    ]),
  );
  tok.brand = await t.token('compliance', { organisationId: ids.brand });
  tok.auditor = await t.token('auditor', { organisationId: ids.auditor });
  tok.other = await t.token('auditor', { organisationId: ids.other });
  for (const who of ['auditor', 'other']) {
    const file = join(work, `${who}.jwk`);
    expect((await gt('keys', 'new', '--out', file)).code).toBe(0);
    const registered = await gt(
      'keys',
      'register',
      '--org',
      ids[who]!,
      '--key',
      file,
      '--url',
      url,
      '--token',
      tok[who]!,
    );
    expect(registered.code, registered.text).toBe(0);
  }
  const opened = await t.call('POST', '/v1/audits', tok.brand!, {
    brandId: ids.brand,
    title: 'Farm audit',
    scope: { kind: 'supplier', organisationId: ids.farm },
    period: { from: '2026-01-01', to: '2026-03-31' },
  });
  ids.audit = opened.json().id;
  const assigned = await t.call('POST', `/v1/audits/${ids.audit}/assignment`, tok.brand!, {
    auditorId: ids.auditor,
    accessUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  expect(assigned.statusCode, assigned.body).toBe(201);
  for (const text of ['No first-aid kit at the drying site.', 'Two workers under 18 on the pay list.']) {
    const finding = await t.call('POST', `/v1/audits/${ids.audit}/findings`, tok.auditor!, {
      severity: 'major',
      concerns: { kind: 'organisation', id: ids.farm },
      text,
    });
    expect(finding.statusCode, finding.body).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await t.close();
});

describe('gt conclude-audit', () => {
  const conclude = (token: string, key: string) =>
    gt(
      'conclude-audit',
      ids.audit!,
      '--verdict',
      'nonconforming',
      '--summary',
      'Child labour risk at the farm.',
      '--key',
      join(work, key),
      '--url',
      url,
      '--token',
      token,
    );

  it('refuses another auditor’s key file, and writes nothing', async () => {
    const before = await ledgerSize();
    // The other auditor cannot even see the audit; with the assigned auditor's token but the other's key, the signature is refused.
    expect((await conclude(tok.other!, 'other.jwk')).code).toBe(1);
    const refused = await conclude(tok.auditor!, 'other.jwk');
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/not a registered key of the assigned auditor/);
    expect(await ledgerSize()).toBe(before);
  });

  it('signs over every finding with the auditor’s key, and the grant ends', async () => {
    expect((await t.call('GET', `/v1/organisations/${ids.farm}`, tok.auditor!)).statusCode).toBe(200);
    const done = await conclude(tok.auditor!, 'auditor.jwk');
    expect(done.code, done.text).toBe(0);
    expect(done.text).toMatch(/concluded nonconforming over 2 finding\(s\)/);
    const audit = (await t.call('GET', `/v1/audits/${ids.audit}`, tok.brand!)).json();
    expect(audit.status).toBe('concluded');
    expect(audit.conclusion.verdict).toBe('nonconforming');
    expect((await t.call('GET', `/v1/organisations/${ids.farm}`, tok.auditor!)).statusCode).toBe(404);
  });
});
