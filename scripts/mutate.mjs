// `pnpm mutate <package> [--incremental] [--survivors]`: StrykerJS mutation testing of one pure package
// against that package's own tests (vitest.mutation.config.ts). Writes the mutation-testing-report-schema
// JSON to reports/mutation/<package>.json and ends with one line: the score, the counts and the run time.
// Exits non-zero below the package's floor (docs/quality.md). Not part of `pnpm test`: it takes minutes.
//   --incremental  reuse reports/mutation/<package>.incremental.json: only mutants whose code or
//                  covering tests changed since the last run are run again.
//   --survivors    list each surviving / uncovered mutant (file:line, mutator, replacement).
//   --concurrency N  test runner processes (default 2; the machine's cores are shared).
//   --files a.ts,b.ts  mutate only these files of the package's src/ (re-scoring what a change touched;
//                  the package's recorded score needs a run over all of src/).
//   --ignore-static  skip static mutants (code run once at module load: constants, module-level regexes);
//                  each of them re-runs the whole package suite, so this is for quick iterations only:
//                  the recorded scores in docs/quality.md count them.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Stryker } from '@stryker-mutator/core';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

// The floor each package must hold (issue 18): the ledger and mass-balance cores carry the product's
// claims, so they are held higher.
const FLOORS = { ledger: 85, massbalance: 85, epcis: 80, geo: 80, quantity: 80, verify: 80, eudr: 80 };

const args = process.argv.slice(2);
const pkg = args[0];
if (!pkg || !(pkg in FLOORS)) {
  console.error(`usage: pnpm mutate <${Object.keys(FLOORS).join('|')}> [--incremental] [--survivors]`);
  process.exit(2);
}
const incremental = args.includes('--incremental');
const listSurvivors = args.includes('--survivors');
const ignoreStatic = args.includes('--ignore-static');
const concurrencyArg = args.indexOf('--concurrency');
const concurrency = concurrencyArg >= 0 ? Number(args[concurrencyArg + 1]) : 2;
const filesArg = args.indexOf('--files');
const onlyFiles = filesArg >= 0 ? args[filesArg + 1].split(',').map((f) => f.trim()) : undefined;

const reportDir = join(root, 'reports/mutation');
mkdirSync(reportDir, { recursive: true });
const reportFile = join(reportDir, onlyFiles ? `${pkg}.partial.json` : `${pkg}.json`);
const tempDirName = '.stryker-tmp';

process.env.GROUNDTRUTH_MUTATE_PACKAGE = pkg;
const started = Date.now();
const stryker = new Stryker({
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: onlyFiles ? onlyFiles.map((f) => `packages/${pkg}/src/${f}`) : [`packages/${pkg}/src/**/*.ts`],
  // The sandbox needs only the workspace packages, the vendored fixtures their tests read
  // (tests/vectors, schemas/vendor) and the root configuration (node_modules are linked).
  ignorePatterns: [
    '/*',
    '!/packages',
    '!/tests',
    '/tests/*',
    '!/tests/vectors',
    '!/schemas',
    '/schemas/*',
    '!/schemas/vendor',
    '!/package.json',
    '!/tsconfig.base.json',
    '!/tsconfig.json',
    '!/vitest.mutation.config.ts',
  ],
  tempDirName,
  concurrency,
  timeoutMS: 10_000,
  incremental,
  ignoreStatic,
  incrementalFile: join('reports/mutation', `${pkg}.incremental.json`),
  reporters: ['json', 'progress-append-only'],
  jsonReporter: { fileName: relative(root, reportFile) },
  thresholds: { high: 90, low: FLOORS[pkg], break: null },
});
const results = await stryker.runMutationTest();
const seconds = Math.round((Date.now() - started) / 1000);

const count = (status) => results.filter((m) => m.status === status).length;
const killed = count('Killed');
const timeout = count('Timeout');
const survived = count('Survived');
const noCoverage = count('NoCoverage');
const invalid = count('CompileError') + count('RuntimeError');
const ignored = count('Ignored');
// Stryker's mutation score: detected (killed + timeout) over every valid mutant (ignored and
// non-compiling ones excluded, mutants no test reaches included).
const valid = killed + timeout + survived + noCoverage;
const score = valid === 0 ? 0 : (100 * (killed + timeout)) / valid;

if (listSurvivors) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
      console.log(
        `${m.status === 'Survived' ? 'survived' : 'no cover'} ${at} ${m.mutatorName}: ${JSON.stringify(m.replacement)}`,
      );
    }
  }
}

const floor = FLOORS[pkg];
console.log(
  `mutation ${pkg}: ${score.toFixed(1)}% (${killed} killed, ${timeout} timeout, ${survived} survived, ${noCoverage} no coverage; ${ignored} ignored, ${invalid} invalid) in ${seconds}s; floor ${floor}%${incremental ? ', incremental' : ''}${ignoreStatic ? ', static mutants ignored' : ''}`,
);
process.exit(score >= floor ? 0 : 1);
