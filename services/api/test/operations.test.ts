// Issue 10, item 6: operations hygiene. File modes, database outages, security headers on HTML,
// rate limits, 404 bodies, child tokens, log redaction and request ids — on both databases.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openDatabase } from '@groundtruth/db';
import { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { entryBodyChecker } from '@groundtruth/schemas';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENTRY_DEFINITIONS, TEST_ENTRY_POLICIES } from '../../../tests/fixtures/entry-policies.ts';
import { buildServer } from '../src/build.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';
import { buildTestApp, square, TEST_ORIGIN, type TestApp } from './helper.ts';

/** Every path under dir whose mode lets group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.mode & 0o077) found.push(`${(stat.mode & 0o777).toString(8)} ${path}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

const count = async (t: TestApp, table: string) =>
  Number((await t.database.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('the data directory is private', () => {
  it('makes the data dir 0700 and every key and database file 0600/0700, even when PGlite creates them 0666', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'gt-modes-'));
    const dataDir = join(parent, 'data');
    const { databaseUrl, cleanup } = await databaseForModes();
    try {
      // An operator's existing data dir, readable by everyone.
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755);
      const config = loadConfig({
        GROUNDTRUTH_DATA_DIR: dataDir,
        GROUNDTRUTH_LOG_ORIGIN: TEST_ORIGIN,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      });
      // The test entry type below needs the test disclosure policies (as buildTestApp uses).
      const runtime = await openRuntime(config, {
        policies: TEST_ENTRY_POLICIES,
        entries: TEST_ENTRY_DEFINITIONS,
      });
      expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
      expect(openToOthers(dataDir)).toEqual([]);
      // Writes after start create new files (PGlite: 0666); closing narrows them again.
      await runtime.writer.append({
        entries: [
          {
            type: 'test.sample',
            version: 1,
            at: new Date().toISOString(),
            actor: 'system:test',
            subject: 'sample:modes',
            body: {},
          },
        ],
      });
      await runtime.close();
      expect(openToOthers(dataDir)).toEqual([]);
      if (!databaseUrl) expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(0);
    } finally {
      await cleanup();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

/** PostgreSQL runs use a fresh database of their own; PGlite runs put the database in the data dir. */
async function databaseForModes(): Promise<{
  databaseUrl: string | undefined;
  cleanup: () => Promise<void>;
}> {
  if ((process.env.GROUNDTRUTH_TEST_DB ?? 'pglite') === 'pglite')
    return { databaseUrl: undefined, cleanup: async () => {} };
  const { openTestDatabase } = await import('@groundtruth/db');
  const db = await openTestDatabase({ migrate: false });
  await db.db.close();
  return { databaseUrl: db.url, cleanup: () => db.destroy() };
}

describe('operations hygiene', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token('admin');
  }, 180_000);
  afterAll(() => t.close(), 60_000);

  describe('a database that cannot be reached', () => {
    /** The same app over a database that refuses connections (a closed port), as after an outage. */
    async function appOver(db: Awaited<ReturnType<typeof openDatabase>>) {
      const runtime: Runtime = {
        ...t.runtime,
        db,
        reader: new LedgerReader(db),
        writer: new LedgerWriter({
          db,
          origin: TEST_ORIGIN,
          signer: { name: TEST_ORIGIN, keyId: 0, sign: () => new Uint8Array(64) },
          checkEntry: entryBodyChecker(TEST_ENTRY_DEFINITIONS),
        }),
        selfAudit: new (t.runtime.selfAudit.constructor as typeof import('../src/self-audit.ts').SelfAudit)(
          db,
          t.runtime.verifierKey,
          0,
        ),
      };
      const app = await buildServer({ runtime, logLevel: 'silent' });
      await app.ready();
      return app;
    }

    it('answers 503 problem+json with Retry-After, not 500, and /ready says so within a second', async () => {
      const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nowhere' });
      const app = await appOver(db);
      try {
        const res = await app.inject({ url: '/v1/ledger/checkpoint' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json()).toMatchObject({ status: 503, title: 'Service unavailable' });
        const write = await app.inject({
          method: 'POST',
          url: '/v1/organisations',
          payload: { name: 'X', kind: 'brand', country: 'GB' },
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(write.statusCode).toBe(503);
        expect(write.headers['retry-after']).toBe('5');
        const started = Date.now();
        const ready = await app.inject('/ready');
        expect(Date.now() - started).toBeLessThan(1500);
        expect(ready.statusCode).toBe(503);
        expect(ready.headers['retry-after']).toBe('5');
      } finally {
        await app.close();
        await db.close().catch(() => {});
      }
    });

    it('/ready gives up on a database that does not answer after 1 s', async () => {
      const hanging = { ...t.runtime.db, query: () => new Promise<never>(() => {}) };
      const app = await appOver(hanging as unknown as Awaited<ReturnType<typeof openDatabase>>);
      try {
        const started = Date.now();
        const ready = await app.inject('/ready');
        const elapsed = Date.now() - started;
        expect(ready.statusCode).toBe(503);
        expect(ready.json().detail).toMatch(/did not answer within 1000 ms/);
        expect(elapsed).toBeGreaterThanOrEqual(950);
        expect(elapsed).toBeLessThan(2000);
      } finally {
        await app.close();
      }
    });
  });

  it('puts helmet security headers and a CSP Swagger UI works under on /docs, and leaves the API alone', async () => {
    const page = await t.app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Everything the page loads is same-origin (allowed by 'self') and there, inline scripts none.
    const html = page.body;
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*src=)[^>]*>[^<\s]/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const res = await t.app.inject(new URL(asset, 'http://x/docs/').pathname);
      expect(res.statusCode, asset).toBe(200);
    }
    const init = await t.app.inject('/docs/static/swagger-initializer.js');
    const specUrl = /url: '([^']+)'/.exec(init.body)?.[1] ?? './json';
    expect((await t.app.inject(new URL(specUrl, 'http://x/docs/').pathname)).statusCode).toBe(200);
    // The JSON API keeps its own headers.
    expect((await t.app.inject('/v1/ledger/checkpoint')).headers['content-security-policy']).toBeUndefined();
  });

  it('404 bodies say only "not found": another tenant’s plot does not name its owner', async () => {
    const ids = await t.seedOrganisations({ Owner: 'supplier', Stranger: 'supplier' });
    const owner = await t.token('supplier', { organisationId: ids.Owner! });
    const stranger = await t.token('supplier', { organisationId: ids.Stranger! });
    const plot = await t.call('POST', '/v1/plots', owner, {
      organisationId: ids.Owner,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.912341, 6.513262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    const entries = await t.runtime.reader.size();
    const read = await t.call('GET', `/v1/plots/${plot.json().id}`, stranger);
    expect(read.statusCode).toBe(404);
    expect(read.json().detail).toBe('not found');
    expect(read.json().instance).toBe(`/v1/plots/${plot.json().id}`);
    expect(read.body).not.toContain(ids.Owner);
    const write = await t.call('POST', '/v1/plots', stranger, {
      organisationId: ids.Owner,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.812341, 6.513262),
    });
    expect(write.statusCode).toBe(404);
    expect(write.json().detail).toBe('not found');
    expect(write.body).not.toContain(ids.Owner);
    expect(await t.runtime.reader.size()).toBe(entries);
  });

  describe('child tokens', () => {
    let userId: string;
    beforeAll(async () => {
      const [org] = Object.values(await t.seedOrganisations({ 'Token Brand': 'brand' }));
      userId = (
        await t.call('POST', '/v1/users', admin, {
          organisationId: org,
          role: 'procurement',
          displayName: 'P',
        })
      ).json().id;
    });

    it('never outlive their parent: a 1-hour token cannot mint a 90-day one', async () => {
      const parent = (await t.call('POST', `/v1/users/${userId}/tokens`, admin, { ttl: '1h' })).json();
      const child = await t.call('POST', `/v1/users/${userId}/tokens`, parent.token, { ttl: '90d' });
      expect(child.statusCode, child.body).toBe(201);
      const parentExp = decodeJwt(parent.token).exp!;
      const childExp = decodeJwt(child.json().token).exp!;
      expect(childExp).toBeLessThanOrEqual(parentExp);
      expect(childExp).toBeGreaterThan(parentExp - 60);
      expect(Date.parse(child.json().expiresAt) / 1000).toBeLessThanOrEqual(parentExp);
      const [row] = await t.database.db.query<{ parent_jti: string; expires_at: Date }>(
        'SELECT parent_jti, expires_at FROM api_tokens WHERE jti = $1',
        [child.json().jti],
      );
      expect(row!.parent_jti).toBe(parent.jti);
      expect(new Date(row!.expires_at).getTime() / 1000).toBeLessThanOrEqual(parentExp);
    });

    it('never outrank their parent, and a refusal writes nothing', async () => {
      const adminUser = (await t.call('POST', '/v1/users', admin, { role: 'admin', displayName: 'A' })).json()
        .id;
      // A procurement token that names the admin user as its subject may not mint that user's admin token.
      const low = await t.token('procurement', { subject: `user:${adminUser}` });
      const before = [await t.runtime.reader.size(), await count(t, 'api_tokens')];
      const res = await t.call('POST', `/v1/users/${adminUser}/tokens`, low, { ttl: '1h' });
      expect(res.statusCode).toBe(403);
      expect([await t.runtime.reader.size(), await count(t, 'api_tokens')]).toEqual(before);
    });

    it('die with their parent: revoking a token revokes its children and theirs', async () => {
      const parent = (await t.call('POST', `/v1/users/${userId}/tokens`, admin, { ttl: '1h' })).json();
      const child = (await t.call('POST', `/v1/users/${userId}/tokens`, parent.token, { ttl: '1h' })).json();
      const grandchild = (
        await t.call('POST', `/v1/users/${userId}/tokens`, child.token, { ttl: '1h' })
      ).json();
      const probe = (token: string) => t.call('GET', '/v1/ledger/audit', token);
      // Authenticated (403: the role may not read audits) until the parent goes.
      expect((await probe(grandchild.token)).statusCode).toBe(403);
      expect((await t.call('DELETE', `/v1/tokens/${parent.jti}`, admin)).statusCode).toBe(204);
      for (const token of [parent.token, child.token, grandchild.token]) {
        const res = await probe(token);
        expect(res.statusCode).toBe(401);
        expect(res.json().detail).toMatch(/revoked/);
      }
    });
  });

  it('redacts credentials from the log and replaces a malformed request id', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const app = await buildServer({ runtime: t.runtime, logLevel: 'info', logStream: stream });
    await app.ready();
    try {
      const secrets = {
        authorization: 'Bearer secret-a',
        'proxy-authorization': 'Basic secret-b',
        'x-api-key': 'secret-c',
        cookie: 'session=secret-d',
      };
      await app.inject({ url: '/health', headers: { ...secrets, 'x-request-id': 'req-1.ok_A' } });
      const bad = await app.inject({ url: '/health', headers: { 'x-request-id': 'evil id\u001b[31m' } });
      const long = await app.inject({ url: '/health', headers: { 'x-request-id': 'a'.repeat(65) } });
      const kept = await app.inject({ url: '/health', headers: { 'x-request-id': 'a'.repeat(64) } });
      const log = lines.join('\n');
      expect(log).toContain('[redacted]');
      for (const secret of ['secret-a', 'secret-b', 'secret-c', 'secret-d'])
        expect(log).not.toContain(secret);
      expect(log).toContain('req-1.ok_A');
      expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(kept.headers['x-request-id']).toBe('a'.repeat(64));
      expect(log).not.toContain('evil id');
    } finally {
      await app.close();
    }
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        GROUNDTRUTH_RATE_LIMIT: 'on',
        GROUNDTRUTH_RATE_LIMIT_PER_TOKEN: '4',
        GROUNDTRUTH_RATE_LIMIT_PER_IP: '3',
        GROUNDTRUTH_RATE_LIMIT_HASHING: '2',
        GROUNDTRUTH_RATE_LIMIT_WINDOW: '1h',
      },
    });
  }, 180_000);
  afterAll(() => t.close(), 60_000);

  const expectLimited = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, title: 'Too many requests' });
  };

  it('limits anonymous hashing per address more strictly than the rest', async () => {
    const verify = () =>
      t.app.inject({ method: 'POST', url: '/v1/verify', payload: { sha256: 'ab'.repeat(32) } });
    expect((await verify()).statusCode).toBe(200);
    expect((await verify()).statusCode).toBe(200);
    expectLimited(await verify());
    const file = await t.app.inject({
      method: 'POST',
      url: '/v1/verify/file',
      payload: Buffer.from('x'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expectLimited(file);
    // Other anonymous routes draw on the per-address budget, which is still there.
    expect((await t.app.inject('/v1/ledger/checkpoint')).statusCode).toBe(200);
  });

  it('limits each token separately, and a refused write writes nothing', async () => {
    const a = await t.token('admin', { subject: 'user:limit-a' });
    const b = await t.token('admin', { subject: 'user:limit-b' });
    for (let i = 0; i < 4; i++)
      expect((await t.call('GET', '/v1/ledger/checkpoints', a)).statusCode).toBe(200);
    const entries = await t.runtime.reader.size();
    const organisations = await count(t, 'organisations');
    expectLimited(
      await t.call('POST', '/v1/organisations', a, { name: 'Late', kind: 'brand', country: 'GB' }),
    );
    expect(await t.runtime.reader.size()).toBe(entries);
    expect(await count(t, 'organisations')).toBe(organisations);
    expect((await t.call('GET', '/v1/ledger/checkpoints', b)).statusCode).toBe(200);
  });

  it('limits requests without a token per address, and never the probes', async () => {
    // One request of this address's budget went to /v1/ledger/checkpoint above.
    expect((await t.app.inject('/v1/ledger/key')).statusCode).toBe(200);
    expect((await t.app.inject('/v1/ledger/key')).statusCode).toBe(200);
    expectLimited(await t.app.inject('/v1/ledger/key'));
    const other = await t.app.inject({ url: '/v1/ledger/key', remoteAddress: '192.0.2.7' });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await t.app.inject('/health')).statusCode).toBe(200);
      expect((await t.app.inject('/ready')).statusCode).toBe(200);
    }
  });
});
