// The same verification functions on the same fixtures, in a real browser: the fixture checks are
// bundled for the browser platform (no Node built-ins, as the build check insists) and run in
// headless Chromium, served from 127.0.0.1 (a secure context, so Web Crypto is there). Chromium's
// verdicts must equal Node's, case by case. Needs Debian's chromium at /usr/bin/chromium
// (`apt-get install chromium`); without it this file is skipped, saying so.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './browser-build.ts';
import { expectVerdicts } from './expected.ts';
import { type CaseResult, runFixtureChecks } from './fixture-checks.ts';
import { loadFixtures } from './load-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
// Under `pnpm mutate verify` Chromium would run a bundle of the unmutated source (Stryker switches
// mutants through a Node global), so it could kill no mutant and would only slow every run.
const mutating = process.env.GROUNDTRUTH_MUTATE_PACKAGE !== undefined;
if (!present) console.warn(`browser test skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!present || mutating)(`the verifier in headless Chromium (${CHROMIUM})`, () => {
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const { code, nodeImports } = await bundleForBrowser(
      join(import.meta.dirname, 'browser-entry.ts'),
      'groundtruthVerify',
    );
    expect(nodeImports).toEqual([]);
    const page =
      '<!doctype html><meta charset="utf-8"><title>verify</title><script src="/verify.js"></script>';
    server = createServer((req, res) => {
      const script = req.url === '/verify.js';
      res.writeHead(200, {
        'content-type': script ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
      });
      res.end(script ? code : page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // The flags this machine needs: no sandbox as root, and none of Chromium's own network traffic.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('gives the same verdicts as Node on the same fixtures', async () => {
    const fixtures = await loadFixtures();
    const page = await browser.newPage();
    await page.goto(url);
    // The log's public key (the verifier key's last part, after the 0x01 type byte).
    const logPublicKey = [...atob(fixtures.log.verifierKey.split('+')[2]!)]
      .slice(1)
      .map((c) => c.charCodeAt(0));
    const environment = await page.evaluate(
      async (raw) => ({
        secure: globalThis.isSecureContext,
        node: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        userAgent: navigator.userAgent,
        // Whether the Web Crypto path (not the @noble fallback) is the one checking Ed25519 here.
        webCryptoEd25519: await crypto.subtle
          .importKey('raw', new Uint8Array(raw), { name: 'Ed25519' }, false, ['verify'])
          .then(
            () => true,
            () => false,
          ),
      }),
      logPublicKey,
    );
    expect(environment).toMatchObject({ secure: true, node: false, webCryptoEd25519: true });
    expect(environment.userAgent).toMatch(/Chrome\//);
    const inBrowser = (await page.evaluate(
      (fx) =>
        (
          globalThis as unknown as { groundtruthVerify: { runFixtureChecks: typeof runFixtureChecks } }
        ).groundtruthVerify.runFixtureChecks(fx),
      fixtures,
    )) as Record<string, CaseResult>;
    expectVerdicts(inBrowser);
    expect(inBrowser).toEqual(await runFixtureChecks(fixtures));
  });
});
