// The client half of `pnpm bench verify`, run as its own process so that its figures are the
// outside verifier's alone: `node --import tsx tests/bench/verify-client.ts <base URL>` runs
// `gt verify --full`'s work (verifyLogFull) against a live server and prints one JSON line with
// the wall-clock and CPU seconds (user + system) of the verification, after the module loads.
import { LedgerClient, verifyLogFull } from '@groundtruth/client';

const url = process.argv[2];
if (!url) throw new Error('usage: verify-client.ts <base URL>');
const cpu = process.cpuUsage();
const started = performance.now();
const verdict = await verifyLogFull(new LedgerClient(url));
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    ok: verdict.ok,
    message: verdict.message,
    leaves: Number(verdict.leavesChecked),
    wall,
    cpu: (used.user + used.system) / 1e6,
  }),
);
