import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One suite, run twice by scripts/test.mjs: GROUNDTRUTH_TEST_DB=pglite, then =postgres.
export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'schemas/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'web-viewer/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default for a run is one worker fewer than the CPUs: one worker on CI's 2 cores, which left
    // a core idle while PGlite (in the worker) computed, and the worker idle while PostgreSQL (another
    // process) did. One worker per CPU uses them; GROUNDTRUTH_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.GROUNDTRUTH_TEST_WORKERS ?? availableParallelism()),
  },
});
