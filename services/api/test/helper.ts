// buildTestApp: the real app on a fresh database of the kind under test (PGlite or PostgreSQL).
import { openTestDatabase, type TestDatabase } from '@groundtruth/db';
import { decodeEntry, type EntryEnvelope, revealBody } from '@groundtruth/ledger';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_ENTRY_DEFINITIONS, TEST_ENTRY_POLICIES } from '../../../tests/fixtures/entry-policies.ts';
import { mintToken, type Role } from '../src/auth.ts';
import { buildServer } from '../src/build.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';

export const TEST_ORIGIN = 'test.groundtruth.example/ledger';

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
/** A GeoJSON square plot of about 2 ha at (lon, lat); offsets chosen so every corner keeps six non-zero decimals. */
export const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [r6(lon + 0.001273), lat],
      [r6(lon + 0.001273), r6(lat + 0.001265)],
      [lon, r6(lat + 0.001265)],
      [lon, lat],
    ],
  ],
});

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  database: TestDatabase;
  token(
    role: Role,
    options?: { subject?: string; organisationId?: string | undefined; ttl?: string },
  ): Promise<string>;
  /** One authenticated request through app.inject. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /**
   * `call` for a step a test builds on, not one it tests: its JSON body (undefined when empty), or an
   * error naming the request and the answer when the status is not 2xx.
   */
  succeed(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
    // biome-ignore lint/suspicious/noExplicitAny: as inject's json(): bodies are read by shape by the steps that follow
  ): Promise<any>;
  /** Registers organisations (name = key) and declares buyer → supplier links, as an admin; returns their ids by key. */
  seedOrganisations(
    kinds: Record<string, 'brand' | 'supplier' | 'auditor'>,
    links?: [buyer: string, supplier: string][],
  ): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** `env` adds configuration (as the service reads it from the environment) to the test defaults. */
export async function buildTestApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    GROUNDTRUTH_DATA_DIR: database.dataDir,
    GROUNDTRUTH_LOG_ORIGIN: TEST_ORIGIN,
    // Suites and benches send many requests from one address and token; tests of the limits turn them on.
    GROUNDTRUTH_RATE_LIMIT: 'off',
    ...options.env,
  });
  const runtime = await openRuntime(config, {
    db: database.db,
    policies: TEST_ENTRY_POLICIES,
    entries: TEST_ENTRY_DEFINITIONS,
  });
  const app = await buildServer({ runtime, logLevel: 'silent' });
  await app.ready();
  return {
    app,
    runtime,
    database,
    token: (role, options = {}) =>
      mintToken(runtime.tokenKeys, {
        role,
        subject: options.subject ?? `user:test-${role}`,
        organisationId: options.organisationId,
        ttl: options.ttl ?? '10m',
      }),
    call: (method, url, token, payload) =>
      app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: { authorization: `Bearer ${token}` },
      }),
    succeed: async (method, url, token, payload) => {
      const res = await app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.body ? res.json() : undefined;
    },
    seedOrganisations: async (kinds, links = []) => {
      const admin = await mintToken(runtime.tokenKeys, {
        role: 'admin',
        subject: 'user:test-seed',
        ttl: '10m',
      });
      const ids: Record<string, string> = {};
      for (const [key, kind] of Object.entries(kinds)) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/organisations',
          payload: { name: key, kind, country: 'GH' },
          headers: { authorization: `Bearer ${admin}` },
        });
        if (res.statusCode !== 201) throw new Error(`seeding ${key}: ${res.body}`);
        ids[key] = res.json().id;
      }
      for (const [buyer, supplier] of links) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/relationships',
          payload: { buyerId: ids[buyer], supplierId: ids[supplier], commodity: 'cocoa' },
          headers: { authorization: `Bearer ${admin}` },
        });
        if (res.statusCode !== 201) throw new Error(`seeding ${buyer} → ${supplier}: ${res.body}`);
      }
      return ids;
    },
    close: async () => {
      await app.close();
      await runtime.writer.close();
      await database.destroy();
    },
  };
}

let sampleCounter = 0;
/** Plain entries of a test type, for tests that need a log of some size. */
export function sampleEntries(count: number): EntryEnvelope[] {
  return Array.from({ length: count }, () => {
    sampleCounter++;
    return {
      type: 'test.sample',
      version: 1,
      at: new Date().toISOString(),
      actor: 'system:test',
      subject: `sample:${sampleCounter}`,
      body: { n: sampleCounter, note: `sample entry ${sampleCounter}` },
    };
  });
}

/**
 * The entry at `index` as its owner reads it: the logged bytes with every stored disclosure opened
 * (confidential fields are logged only as digests, docs/decisions/0011-selective-disclosure.md).
 */
export async function openedEntry(t: TestApp, index: number | bigint): Promise<EntryEnvelope> {
  const [logged] = await t.runtime.db.query<{ data: Uint8Array }>(
    'SELECT data FROM ledger_entries WHERE idx = $1',
    [String(index)],
  );
  const disclosures = await t.runtime.db.query<{ disclosure: string }>(
    'SELECT disclosure FROM ledger_disclosures WHERE entry_index = $1',
    [String(index)],
  );
  const entry = decodeEntry(new Uint8Array(logged!.data));
  return {
    ...entry,
    body: revealBody(
      entry.body,
      disclosures.map((d) => d.disclosure),
    ).body,
  };
}

/**
 * An entry a test appends straight through the writer, with a projection of its own: `demo.seeded`,
 * the one type whose body (a description) fits any purpose and whose projector nothing reads.
 */
export function probeEntry(subject: string, description: string): EntryEnvelope {
  return {
    type: 'demo.seeded',
    version: 1,
    at: new Date().toISOString(),
    actor: 'system:test',
    subject,
    body: { description },
  };
}

/**
 * Holds the writer in a batch of its own (one `demo.seeded` entry whose projection waits) so that
 * requests made meanwhile queue behind it and are committed together, in the order they queued, once
 * released: how a test puts two requests in one batch (group commit) deterministically. Only where
 * requests can do their own reads while the batch is open, i.e. on PostgreSQL: PGlite's one connection
 * would make them wait for the held batch.
 */
export function holdWriter(t: TestApp) {
  const writer = t.runtime.writer;
  // The writer's queue is private; a test that orders requests around a batch needs to see it.
  const queued = () => (writer as unknown as { queue: unknown[] }).queue.length;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Counting waiting requests means anything only once the held batch is the one in hand (the writer
  // may have been busy when the hold was asked for).
  let holding!: () => void;
  const held = new Promise<void>((resolve) => {
    holding = resolve;
  });
  const committed = writer.append({
    entries: [probeEntry('demo:held-writer', 'holds the writer for a test')],
    project: () => {
      holding();
      return gate;
    },
  });
  return {
    queued,
    /** Resolves once the held batch is in hand and `n` requests wait behind it. */
    async untilQueued(n: number): Promise<void> {
      await held;
      for (let waited = 0; queued() < n; waited += 10) {
        if (waited > 30_000) throw new Error(`the writer never had ${n} requests waiting`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    /** Lets the held batch commit; resolves when it has. Safe to call twice (tests call it in finally). */
    async release(): Promise<void> {
      release();
      await committed;
    },
  };
}
