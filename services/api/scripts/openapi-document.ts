// The published OpenAPI document without a running service, and the TypeScript types generated from it
// for @groundtruth/client (packages/client/src/generated/openapi.ts). The document does not depend on
// data, so a throwaway embedded database is enough to build the app that describes it.
import { join } from 'node:path';
import { openTestDatabase } from '@groundtruth/db';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildServer } from '../src/build.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime } from '../src/runtime.ts';

export const GENERATED_CLIENT_TYPES = join(
  import.meta.dirname,
  '../../../packages/client/src/generated/openapi.ts',
);

/** /openapi.json of an app on a fresh embedded database (no demo data). */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const previous = process.env.GROUNDTRUTH_TEST_DB;
  process.env.GROUNDTRUTH_TEST_DB = 'pglite';
  const database = await openTestDatabase().finally(() => {
    if (previous === undefined) delete process.env.GROUNDTRUTH_TEST_DB;
    else process.env.GROUNDTRUTH_TEST_DB = previous;
  });
  try {
    const config = loadConfig({ GROUNDTRUTH_DATA_DIR: database.dataDir, GROUNDTRUTH_DEMO_DATA: 'off' });
    const runtime = await openRuntime(config, { db: database.db });
    const app = await buildServer({ runtime, logLevel: 'silent' });
    try {
      await app.ready();
      return (await app.inject('/openapi.json')).json() as OpenAPI3;
    } finally {
      await app.close();
      await runtime.writer.close();
    }
  } finally {
    await database.destroy();
  }
}

/** The client's TypeScript types for a document, as `pnpm --filter @groundtruth/api generate:client` writes them. */
export async function clientTypesFor(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { silent: true, alphabetize: true });
  return (
    '// Generated from /openapi.json by `pnpm --filter @groundtruth/api generate:client`; do not edit.\n' +
    '// services/api/test/openapi.test.ts fails when it is out of date.\n' +
    astToString(ast)
  );
}
