// `pnpm test`: the whole suite, twice — on PGlite, then on PostgreSQL (each test file makes a fresh
// database). Starts PostgreSQL first if it is down. Prints one closing line with both runs' counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const extraArgs = process.argv.slice(2);
const only = process.env.GROUNDTRUTH_TEST_DB;
const databases = only ? [only] : ['pglite', 'postgres'];
const reports = join(root, '.tmp');
mkdirSync(reports, { recursive: true });

if (databases.includes('postgres') && !process.env.GROUNDTRUTH_TEST_PG_URL) {
  const pg = spawnSync('bash', [join(root, 'scripts/ensure-postgres.sh')], { stdio: 'inherit' });
  if (pg.status !== 0) process.exit(pg.status ?? 1);
}

// The audit-report tests read the PDF back with poppler's tools; install them as PostgreSQL is started.
const poppler = spawnSync('bash', [join(root, 'scripts/ensure-poppler.sh')], { stdio: 'inherit' });
if (poppler.status !== 0) process.exit(poppler.status ?? 1);
// The EPCIS XML tests validate documents against GS1's XSD with libxml2's xmllint.
const xmllint = spawnSync('bash', [join(root, 'scripts/ensure-xmllint.sh')], { stdio: 'inherit' });
if (xmllint.status !== 0) process.exit(xmllint.status ?? 1);

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const db of databases) {
  console.log(`\n=== test suite on ${db} ===\n`);
  const report = join(reports, `vitest-${db}.json`);
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extraArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, GROUNDTRUTH_TEST_DB: db } },
  );
  if (result.status !== 0) exitCode = result.status ?? 1;
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests + summary.numTodoTests;
    if (summary.numTotalTests === 0) exitCode ||= 1;
  } catch {
    exitCode ||= 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
