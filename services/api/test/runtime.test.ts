import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { openTestDatabase } from '@groundtruth/db';
import { createEd25519Verifier, openCheckpoint } from '@groundtruth/ledger';
import { fileMode } from '@groundtruth/ledger-store';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../src/build.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import {
  DEMO_ATTESTED_PLOTS_PER_COOPERATIVE,
  DEMO_GTINS,
  DEMO_PLOTS_PER_COOPERATIVE,
  seedDemoData,
} from '../src/demo/seed.ts';
import { openRuntime } from '../src/runtime.ts';
import { buildTestApp } from './helper.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      origin: 'groundtruth.localhost/ledger',
      demoData: true,
    });
    expect(config.signingKeyPath).toBe(join(config.dataDir, 'keys/log-signing.pem'));
    expect(config.evidenceS3).toBeUndefined();
    // GS1's schema ships with the repository and is found from the code, whatever the working directory.
    const repoRoot = resolve(import.meta.dirname, '../../..');
    expect(config.epcisSchemaPath).toBe(
      join(repoRoot, 'schemas/vendor/gs1/epcis-2.0/EPCIS-JSON-Schema.json'),
    );
    expect(existsSync(config.epcisSchemaPath)).toBe(true);
    expect(loadConfig({ GROUNDTRUTH_EVIDENCE_S3_BUCKET: 'evidence' }).evidenceS3).toMatchObject({
      bucket: 'evidence',
      cacheMaxBytes: 10 * 1024 ** 3,
    });
  });

  it('stops with a message naming each bad variable', () => {
    const bad = {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      GROUNDTRUTH_LOG_ORIGIN: 'https://ledger.example/log',
      LOG_LEVEL: 'loud',
      GROUNDTRUTH_EVIDENCE_S3_CACHE_MAX_BYTES: '-1',
    };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    try {
      loadConfig(bad);
    } catch (error) {
      for (const name of Object.keys(bad)) expect((error as Error).message).toContain(name);
    }
  });

  it('reads the forest layers (decision 0020), a version required with each', () => {
    expect(loadConfig({}).forest).toBeUndefined();
    const config = loadConfig({
      GROUNDTRUTH_FOREST_MAP: 'maps/gfc',
      GROUNDTRUTH_FOREST_MAP_VERSION: 'V3',
      GROUNDTRUTH_FOREST_LOSS: 'https://s3.example/forest/hansen/',
      GROUNDTRUTH_FOREST_LOSS_VERSION: 'v1.13',
    });
    expect(config.forest).toEqual({
      map: { source: resolve('maps/gfc'), dataset: { name: 'JRC GFC2020', version: 'V3' } },
      loss: {
        source: 'https://s3.example/forest/hansen/',
        dataset: { name: 'Hansen GFC lossyear', version: 'v1.13' },
      },
      tolerance: { share: 0.05, hectares: 0.5 },
      maxPixels: 4_000_000,
      maxPlots: 5000,
    });
    for (const [env, named] of [
      [{ GROUNDTRUTH_FOREST_MAP: 'maps/gfc' }, 'GROUNDTRUTH_FOREST_MAP_VERSION'],
      [
        { GROUNDTRUTH_FOREST_LOSS: 'maps/loss', GROUNDTRUTH_FOREST_LOSS_VERSION: 'v1' },
        'GROUNDTRUTH_FOREST_MAP',
      ],
      [{ GROUNDTRUTH_FOREST_TOLERANCE_SHARE: '1.5' }, 'GROUNDTRUTH_FOREST_TOLERANCE_SHARE'],
    ] as const)
      expect(() => loadConfig(env)).toThrow(named);
  });
});

describe('openRuntime', () => {
  it('generates the signing and token keys in the data dir with mode 0600, and reuses them', async () => {
    const database = await openTestDatabase();
    const config = loadConfig({
      GROUNDTRUTH_DATA_DIR: database.dataDir,
      GROUNDTRUTH_LOG_ORIGIN: 'keys.example/log',
    });
    try {
      const runtime = await openRuntime(config, { db: database.db });
      expect(fileMode(config.signingKeyPath)).toBe(0o600);
      expect(fileMode(config.authKeyPath)).toBe(0o600);
      expect(runtime.verifierKey).toMatch(/^keys\.example\/log\+[0-9a-f]{8}\+/);
      const first = runtime.verifierKey;
      await runtime.writer.close();
      const again = await openRuntime(config, { db: database.db });
      expect(again.verifierKey).toBe(first);
      const checkpoint = (await again.reader.latestCheckpoint())!;
      expect(openCheckpoint(checkpoint.note, createEd25519Verifier(first)).size).toBe(0n);
      await again.writer.close();
    } finally {
      await database.destroy();
    }
  });

  it('uses GROUNDTRUTH_SIGNING_KEY when given, and refuses to start if that file is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gt-key-'));
    try {
      const config = loadConfig({
        GROUNDTRUTH_DATA_DIR: dir,
        GROUNDTRUTH_SIGNING_KEY: join(dir, 'absent.pem'),
      });
      await expect(openRuntime(config)).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('planner statistics', () => {
  it('keeps PGlite analysed as the log grows, and a reopened runtime knows how far it got', async () => {
    const t = await buildTestApp();
    try {
      const written = await seedDemoData(t.runtime);
      await t.runtime.statistics.flush();
      const [row] = await t.runtime.db.query<{ n: number }>(
        "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'ledger_entries'::regclass",
      );
      if (t.runtime.db.kind === 'pglite') {
        // Analysed, and what was written since is under autovacuum's threshold.
        expect(t.runtime.statistics.runs).toBeGreaterThanOrEqual(1);
        expect(row!.n).toBeGreaterThan(0);
        expect(written - row!.n).toBeLessThanOrEqual(50 + 0.1 * row!.n);
        const config = loadConfig({
          GROUNDTRUTH_DATA_DIR: t.database.dataDir,
          GROUNDTRUTH_LOG_ORIGIN: t.runtime.origin,
        });
        const again = await openRuntime(config, { db: t.runtime.db });
        await again.statistics.flush();
        expect(again.statistics.runs).toBe(0);
        await again.writer.close();
        await again.statistics.stop();
      } else {
        expect(t.runtime.statistics.runs).toBe(0);
      }
    } finally {
      await t.close();
    }
  });
});

describe('demo data', () => {
  it('writes a realistic cocoa chain into an empty log once, through the registry services', async () => {
    const t = await buildTestApp();
    try {
      const written = await seedDemoData(t.runtime);
      const plots = 2 * DEMO_PLOTS_PER_COOPERATIVE;
      const attested = 2 * DEMO_ATTESTED_PLOTS_PER_COOPERATIVE;
      // guard + 8 organisations + 6 relationships + 2 products + plots + 2 harvests a plot + per
      // cooperative a pool and two transfers + grinding + pressing + the butter shipment + 3 keys
      // (two cooperatives, the auditor) + an attestation per attested plot + one auditor statement.
      expect(written).toBe(1 + 8 + 6 + 2 + plots + 2 * plots + 2 * 3 + 3 + 3 + attested + 1);
      expect(await seedDemoData(t.runtime)).toBe(0);
      expect(await t.runtime.reader.size()).toBe(BigInt(written));
      const count = async (table: string) =>
        Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      expect(await count('organisations')).toBe(8);
      expect(await count('supply_relationships')).toBe(6);
      expect(await count('plots')).toBe(2 * DEMO_PLOTS_PER_COOPERATIVE);
      const countries = await t.runtime.db.query<{ country: string }>(
        'SELECT DISTINCT country FROM plots ORDER BY country',
      );
      expect(countries.map((c) => c.country)).toEqual(['CI', 'GH']);
      // Every demo plot passed the EUDR checks; some carry an area finding, as real data would.
      const findings = await count("plots WHERE findings <> '[]'::jsonb");
      expect(findings).toBeGreaterThan(0);
      expect(findings).toBeLessThan(2 * DEMO_PLOTS_PER_COOPERATIVE);
      const [brand] = await t.runtime.db.query<{ id: string }>(
        "SELECT id FROM organisations WHERE kind = 'brand'",
      );
      const token = await t.token('compliance', { organisationId: brand!.id });
      const chain = await t.app.inject({
        url: `/v1/organisations/${brand!.id}/supply-chain`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(chain.json().suppliers.map((s: { tier: number }) => s.tier)).toEqual([1, 2, 3, 3, 4, 4]);
      // The manufacturer's cocoa butter, found by its lot code as the brand's user would, traces back
      // through the processor and exporters to every demo plot.
      const found = await t.app.inject({
        url: '/v1/batches?lot=BW-CB-2026-09-001',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(found.statusCode, found.body).toBe(200);
      const [butter] = found.json() as { id: string; lot: string }[];
      expect(found.json()).toHaveLength(1);
      expect(butter!.lot).toBe('BW-CB-2026-09-001');
      const trace = await t.app.inject({
        url: `/v1/batches/${butter!.id}/trace`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(trace.statusCode).toBe(200);
      expect(trace.json().plots).toHaveLength(2 * DEMO_PLOTS_PER_COOPERATIVE);
      expect(new Set(trace.json().plots.map((p: { tier: number }) => p.tier))).toEqual(new Set([4]));

      // Both products are found by GTIN (any GTIN form: a GTIN-13 matches its stored GTIN-14), and the
      // butter lot by its product's GTIN and lot code together.
      const admin = await t.token('admin');
      for (const gtin of Object.values(DEMO_GTINS)) {
        const product = await t.app.inject({
          url: `/v1/products?gtin=${gtin}`,
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(product.statusCode, product.body).toBe(200);
        expect(product.json()).toHaveLength(1);
        expect(product.json()[0].gtin).toBe(`0${gtin}`);
      }
      const byGtin = await t.app.inject({
        url: `/v1/batches?gtin=${DEMO_GTINS.cocoaButter}&lot=BW-CB-2026-09-001`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(byGtin.statusCode, byGtin.body).toBe(200);
      expect(byGtin.json().map((b: { id: string }) => b.id)).toEqual([butter!.id]);
      const noBatch = await t.app.inject({
        url: `/v1/batches?gtin=${DEMO_GTINS.chocolateBar}&lot=BW-CB-2026-09-001`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(noBatch.json()).toEqual([]);

      // The laundering cooperative's findings are there straight after seeding, with no recompute asked.
      const rules = new Map<string, number>();
      for (const rule of ['IMPOSSIBLE_YIELD', 'BLENDED_ORIGIN']) {
        const listed = await t.app.inject({
          url: `/v1/findings?rule=${rule}`,
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(listed.statusCode, listed.body).toBe(200);
        const body = listed.json();
        const items = (Array.isArray(body) ? body : body.findings) as { rule: string }[];
        expect(items.every((f) => f.rule === rule)).toBe(true);
        rules.set(rule, items.length);
      }
      expect(rules.get('IMPOSSIBLE_YIELD')).toBeGreaterThan(0);
      expect(rules.get('BLENDED_ORIGIN')).toBeGreaterThan(0);

      // At least ten plots carry signed attestations with media (photos; a few splats too), found as
      // the brand's user would, with their proofs; one of them confirmed by the auditor.
      expect(attested).toBeGreaterThanOrEqual(10);
      const attestedPlots = await t.runtime.db.query<{ subject_id: string }>(
        "SELECT DISTINCT subject_id FROM attestations WHERE subject_kind = 'plot' ORDER BY subject_id",
      );
      expect(attestedPlots).toHaveLength(attested);
      const kinds = new Map<string, number>();
      let confirmed = 0;
      for (const { subject_id } of attestedPlots) {
        const report = await t.app.inject({
          url: `/v1/attestations?subject=plot:${subject_id}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(report.statusCode, report.body).toBe(200);
        const [attestation, ...more] = report.json().attestations as {
          manifest: { media: { kind: string; sha256: string }[] };
          statements: { verdict: string }[];
        }[];
        expect(more).toEqual([]);
        expect(attestation!.manifest.media.length).toBeGreaterThan(0);
        for (const m of attestation!.manifest.media) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
        confirmed += attestation!.statements.filter((x) => x.verdict === 'confirmed').length;
        const photo = attestation!.manifest.media.find((m) => m.kind === 'image')!;
        const blob = await t.app.inject({
          url: `/v1/evidence/${photo.sha256}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(blob.statusCode, blob.body).toBe(200);
      }
      expect(kinds.get('image')).toBe(attested);
      expect(kinds.get('splat')).toBeGreaterThan(0);
      expect(confirmed).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('request logging', () => {
  it('logs requests with their id and redacts the Authorization header', async () => {
    const t = await buildTestApp();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const server = await buildServer({ runtime: t.runtime, logLevel: 'info', logStream: stream });
    try {
      await server.inject({
        url: '/health',
        headers: { authorization: 'Bearer secret-token-value', 'x-request-id': 'req-42' },
      });
      const logged = lines.join('\n');
      expect(logged).toContain('req-42');
      expect(logged).toContain('[redacted]');
      expect(logged).not.toContain('secret-token-value');
    } finally {
      await server.close();
      await t.close();
    }
  });
});
