// Starts the service: configuration, database, ledger, demo data, then listen. Stops gracefully.
import { buildServer } from './build.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemoData } from './demo/seed.ts';
import { viewerFiles } from './domains/viewer/index.ts';
import { openRuntime } from './runtime.ts';

async function main() {
  // Whatever this process creates (keys, evidence, data dir) is its user's alone (PGlite's own
  // files ignore the umask and are narrowed by the database client).
  process.umask(0o077);
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const server = await buildServer({ runtime, logLevel: config.logLevel });
  server.addHook('onClose', async () => runtime.close());

  if (config.demoData) {
    const written = await seedDemoData(runtime);
    if (written > 0) server.log.info({ entries: written }, 'wrote demo data into the empty ledger');
  }

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      server.close().then(
        () => process.exit(0),
        (error) => {
          server.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }

  await server.listen({ port: config.port, host: config.host });
  // The viewer is built (or found built) now rather than on its first visitor's request.
  viewerFiles().then(
    (files) => server.log.info({ files: files.size }, 'viewer ready under /viewer/'),
    (error) => server.log.error({ err: error }, 'the viewer could not be built; /viewer/ will retry'),
  );
  const checkpoint = await runtime.reader.latestCheckpoint();
  server.log.info(
    {
      database: runtime.db.kind,
      dataDir: config.dataDir,
      treeSize: checkpoint?.size.toString(),
      verifierKey: runtime.verifierKey,
    },
    `Groundtruth is up: docs at http://${config.host}:${config.port}/docs`,
  );
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
