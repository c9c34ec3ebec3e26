// The build check of issue 12: the verifier bundles for the browser platform with no Node built-in
// anywhere in its import graph (its own modules, @groundtruth/ledger, @noble). The second case proves
// the check can fail: a module that imports node:crypto is caught.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './browser-build.ts';

const entry = join(import.meta.dirname, '../src/index.ts');

describe('the browser build of @groundtruth/verify', () => {
  it('bundles for the browser platform with no Node built-in imported', async () => {
    const { code, nodeImports } = await bundleForBrowser(entry);
    expect(nodeImports).toEqual([]);
    expect(code).toMatch(/verifyReceipt/);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('reports a Node built-in when one is imported (the check is not vacuous)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verify-build-'));
    try {
      const bad = join(dir, 'bad.ts');
      await writeFile(
        bad,
        `import { createHash } from 'node:crypto';\nimport 'fs';\nexport const h = createHash;\n`,
      );
      const { nodeImports } = await bundleForBrowser(bad);
      expect(nodeImports.map((i) => i.split(' → ')[1])).toEqual(['node:crypto', 'fs']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
