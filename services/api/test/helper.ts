// buildTestApp: the real app on a fresh database of the kind under test (PGlite or PostgreSQL).
import { openTestDatabase, type TestDatabase } from '@groundtruth/db';
import type { FastifyInstance } from 'fastify';
import { mintToken, type Role } from '../src/auth.ts';
import { buildServer } from '../src/build.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';

export const TEST_ORIGIN = 'test.groundtruth.example/ledger';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  database: TestDatabase;
  token(role: Role, options?: { subject?: string; organisationId?: string; ttl?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function buildTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({ GROUNDTRUTH_DATA_DIR: database.dataDir, GROUNDTRUTH_LOG_ORIGIN: TEST_ORIGIN });
  const runtime = await openRuntime(config, { db: database.db });
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
    close: async () => {
      await app.close();
      await runtime.writer.close();
      await database.destroy();
    },
  };
}
