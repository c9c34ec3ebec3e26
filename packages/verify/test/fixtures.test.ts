// The verifier on the server's own fixtures, in Node: receipts signed with EdDSA and ES256, an
// exported bundle, and two checkpoints with the consistency proof between them. Each alteration
// must fail, naming the check that caught it.
import { describe, expect, it } from 'vitest';
import { expectVerdicts } from './expected.ts';
import { runFixtureChecks } from './fixture-checks.ts';
import { loadFixtures } from './load-fixtures.ts';

describe('the verifier on the server fixtures (Node)', () => {
  it('verifies the untouched fixtures and names what each alteration breaks', async () => {
    expectVerdicts(await runFixtureChecks(await loadFixtures()));
  });

  it('an altered receipt fails only the checks the alteration touches', async () => {
    const results = await runFixtureChecks(await loadFixtures());
    // The manifest is not in the entry, so altering it leaves the ledger checks passing.
    expect(results['receipt: manifest altered']!.failures).toEqual([
      'manifest: the manifest shown is not the one signed',
    ]);
    expect(results['receipt: inclusion proof altered']!.failures).toHaveLength(1);
  });
});
