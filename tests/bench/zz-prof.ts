import { benchMassBalance } from './massbalance.ts';

await benchMassBalance(['--runs', '1']);
process.exit(0);
