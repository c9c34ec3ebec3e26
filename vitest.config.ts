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
  },
});
