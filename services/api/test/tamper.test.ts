// Issue 10, item 5: a row altered behind the service's back (trigger disabled by a superuser) is
// caught by each checker: the admin audit endpoint, the background self-audit, /ready and the
// outside `gt verify --full` over HTTP. Each reports the first bad index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerClient, runClientCommand, verifyLogFull } from '@groundtruth/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleEntries, type TestApp } from './helper.ts';

/** Runs SQL as the superuser with the append-only trigger off, as an attacker with database access would. */
async function tamper(t: TestApp, sql: string): Promise<void> {
  await t.database.db.execScript(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only;
    ${sql};
    ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only;`);
}

const captured = () => {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
};

describe('tamper evidence: a stored entry altered behind the service', () => {
  let t: TestApp;
  let admin: string;
  let baseUrl: string;
  const stateDir = mkdtempSync(join(tmpdir(), 'gt-tamper-'));
  const BAD = 300;

  beforeAll(async () => {
    t = await buildTestApp({ env: { GROUNDTRUTH_SELF_AUDIT_INTERVAL: '1s' } });
    // Batches of odd sizes: checkpoints fall mid-tile and mid-page.
    for (const n of [1, 2, 5, 250, 13, 256, 40]) await t.runtime.writer.append({ entries: sampleEntries(n) });
    admin = await t.token('admin');
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);
  afterAll(async () => {
    await t.close();
    rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  it('passes every check while the log is intact', async () => {
    const audit = await t.call('POST', '/v1/ledger/audit', admin);
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({
      ok: true,
      treeSize: 567,
      leavesChecked: 567,
      checkpointsChecked: 8,
    });
    expect(audit.json().subtreesChecked).toBeGreaterThan(500);
    expect((await t.app.inject('/ready')).statusCode).toBe(200);
    const full = await verifyLogFull(new LedgerClient(baseUrl));
    expect(full.message).toMatch(/^OK /);
    expect(full).toMatchObject({ ok: true, leavesChecked: 567n, checkpointsChecked: 8 });
    const { lines, out } = captured();
    const code = await runClientCommand(
      'verify',
      ['--url', baseUrl, '--full', '--state', join(stateDir, 'state.json')],
      out,
    );
    expect(lines.join('\n')).toMatch(/full audit of size 567/);
    expect(code).toBe(0);
  });

  it('the audit endpoint needs an admin', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/v1/ledger/audit' })).statusCode).toBe(401);
    expect((await t.call('POST', '/v1/ledger/audit', await t.token('auditor'))).statusCode).toBe(403);
  });

  it('one byte changed in ledger_entries.data is caught by the CLI, the endpoint, the self-audit and /ready', async () => {
    const before = await t.database.db.query<{ data: Uint8Array }>(
      'SELECT data FROM ledger_entries WHERE idx = $1',
      [BAD],
    );
    // Flip one bit of one byte inside the JSON text (an ASCII byte stays ASCII).
    await tamper(
      t,
      `UPDATE ledger_entries SET data = set_byte(data, 40, get_byte(data, 40) # 1) WHERE idx = ${BAD}`,
    );
    const after = await t.database.db.query<{ data: Uint8Array }>(
      'SELECT data FROM ledger_entries WHERE idx = $1',
      [BAD],
    );
    expect(Buffer.from(after[0]!.data).equals(Buffer.from(before[0]!.data))).toBe(false);
    expect(Buffer.from(after[0]!.data).length).toBe(Buffer.from(before[0]!.data).length);

    // The background self-audit (every 1 s here) finds it on its own…
    const deadline = Date.now() + 10_000;
    while (t.runtime.selfAudit.last?.ok !== false && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(t.runtime.selfAudit.last?.ok).toBe(false);
    expect(t.runtime.selfAudit.last?.failure?.firstBadIndex).toBe(BigInt(BAD));

    // …and /ready reports it.
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.json().detail).toMatch(new RegExp(`self-audit failed at entry ${BAD}: .*leaf hash`));

    const audit = await t.call('POST', '/v1/ledger/audit', admin);
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({
      ok: false,
      failure: { firstBadIndex: BAD, range: { start: BAD, end: BAD + 1 } },
    });

    const full = await verifyLogFull(new LedgerClient(baseUrl));
    expect(full.ok).toBe(false);
    expect(full.failure?.firstBadIndex).toBe(BigInt(BAD));
    const { lines, out } = captured();
    const code = await runClientCommand(
      'verify',
      ['--url', baseUrl, '--full', '--state', join(stateDir, 'state.json')],
      out,
    );
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(new RegExp(`first bad entry index ${BAD}:`));
  });

  it('a forger who also rewrites the leaf hash is caught by the stored subtrees and the signed roots', async () => {
    // Make the leaf hash agree with the altered bytes: only the tree above can tell.
    await tamper(
      t,
      `UPDATE ledger_entries SET leaf_hash = sha256('\\x00'::bytea || data) WHERE idx = ${BAD}`,
    );
    const audit = await t.call('POST', '/v1/ledger/audit', admin);
    expect(audit.json().ok).toBe(false);
    // The smallest stored subtree over the bad leaf is the pair (1, 150): leaves 300 and 301.
    expect(audit.json().failure).toMatchObject({ firstBadIndex: BAD, range: { start: BAD, end: BAD + 2 } });
    expect(audit.json().failure.reason).toMatch(/subtree 1\/150/);

    // From outside only the hashes the server serves are known: the signed root catches it.
    const full = await verifyLogFull(new LedgerClient(baseUrl));
    expect(full.ok).toBe(false);
    expect(full.failure!.firstBadIndex).toBeLessThanOrEqual(BigInt(BAD));
    expect(full.failure!.range.end).toBeGreaterThan(BigInt(BAD));
    expect((await t.app.inject('/ready')).statusCode).toBe(503);
  });

  it('putting the byte back makes every check pass again', async () => {
    await tamper(
      t,
      `UPDATE ledger_entries SET data = set_byte(data, 40, get_byte(data, 40) # 1) WHERE idx = ${BAD};
       UPDATE ledger_entries SET leaf_hash = sha256('\\x00'::bytea || data) WHERE idx = ${BAD}`,
    );
    const audit = await t.call('POST', '/v1/ledger/audit', admin);
    expect(audit.json()).toMatchObject({ ok: true, leavesChecked: 567 });
    expect((await t.app.inject('/ready')).statusCode).toBe(200);
    expect((await verifyLogFull(new LedgerClient(baseUrl))).ok).toBe(true);
  });
});
