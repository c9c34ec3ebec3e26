import { defineConfig } from 'vitest/config';

// The vitest configuration StrykerJS runs (see scripts/mutate.mjs): only the tests of the package being
// mutated, so a mutant is judged by its own package's tests and a run stays minutes, not hours.
const pkg = process.env.GROUNDTRUTH_MUTATE_PACKAGE;
if (!pkg) throw new Error('GROUNDTRUTH_MUTATE_PACKAGE is not set (run `pnpm mutate <package>`)');

export default defineConfig({
  test: {
    include: [`packages/${pkg}/test/**/*.test.ts`],
    testTimeout: 60_000,
    // Stryker switches mutants through a global, not by reloading modules: keeping the module graph
    // between runs saves re-importing every test file for each of a thousand mutants.
    isolate: false,
  },
});
