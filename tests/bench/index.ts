// `pnpm bench <name> [options]`: benchmark scripts. They print figures, not pass/fail.
import { benchAudits } from './audits.ts';
import { benchEpcis } from './epcis.ts';
import { benchEudr } from './eudr.ts';
import { benchEvidence } from './evidence.ts';
import { benchForest } from './forest.ts';
import { benchLedger } from './ledger.ts';
import { benchMassBalance } from './massbalance.ts';
import { benchPassport } from './passport.ts';
import { benchReport } from './report.ts';
import { benchTrace } from './trace.ts';
import { benchVerify } from './verify.ts';
import { benchViewer } from './viewer.ts';
import { benchWebhooks } from './webhooks.ts';

const benches: Record<string, (args: string[]) => Promise<void>> = {
  audits: benchAudits,
  epcis: benchEpcis,
  eudr: benchEudr,
  evidence: benchEvidence,
  forest: benchForest,
  ledger: benchLedger,
  massbalance: benchMassBalance,
  passport: benchPassport,
  report: benchReport,
  trace: benchTrace,
  verify: benchVerify,
  viewer: benchViewer,
  webhooks: benchWebhooks,
};
const [name, ...args] = process.argv.slice(2);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString()}`);
await bench(args);
process.exit(0);
