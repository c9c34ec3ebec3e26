// Issue 14's acceptance, in a real browser: a phone-sized headless Chromium (390 × 844) opens the
// product's Digital Link, follows the resolver's redirect to the passport, and sees the origin, the
// traced share and the badge, with no organisation or plot name in the DOM. A screenshot is kept in
// reports/browser/ as the test's artefact. Needs Debian's chromium at /usr/bin/chromium
// (scripts/ensure-chromium.sh); without it this file is skipped, saying so.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`passport browser test skipped: ${CHROMIUM} is not installed`);

const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';

describe.skipIf(!present)('the passport on a phone (headless Chromium, 390 × 844)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let claim: { tracedShare: number; originCountry: string[] };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoData(t.runtime);
    const [product] = await t.runtime.db.query<{ organisation_id: string }>(
      'SELECT organisation_id FROM products WHERE gtin = $1',
      [BUTTER],
    );
    const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
    const owner = await t.token('procurement', { organisationId: product!.organisation_id });
    // Findings first, so the claim carries them: every fact the default passport policy allows
    // (origin, share, supplier roles, evidence counts, findings in words), each checked by the page.
    const recompute = await t.call('POST', '/v1/mass-balance/recompute', await t.token('admin'), {});
    expect(recompute.statusCode, recompute.body).toBeLessThan(300);
    const published = await t.call('POST', '/v1/disclosures/publications', owner, { batchId: batch!.id });
    expect(published.statusCode, published.body).toBe(201);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    claim = (await (await fetch(`${base}/passport/01/${BUTTER}/10/${LOT}?format=json`)).json()).claim;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('follows the code to the passport and shows origin, traced share and badge, and nothing private', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      locale: 'en-GB',
    });
    const page = await context.newPage();
    // Every request the page makes: it must stay on this origin.
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const response = await page.goto(`${base}/01/${BUTTER}/10/${LOT}`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/passport/01/${BUTTER}/10/${LOT}?lang=en`);

    const text = await page.locator('main').textContent();
    const countries = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of claim.originCountry) expect(text).toContain(countries.of(code)!);
    const share = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
      claim.tracedShare,
    );
    expect(text).toContain(share);
    // The rest of what the default policy shows: the chain by role, evidence counts, findings in words.
    expect(text).toContain('Who handled it');
    expect(text).toContain('Cooperative');
    expect(text).toContain('What was seen on the ground');
    expect(text).toContain('Part of the cocoa in this lot could not be traced to a farm.');
    // The page's script checks the claim against the log with @groundtruth/verify, in the browser.
    await page.waitForSelector('[data-verified]', { timeout: 20_000 });
    expect(await page.getAttribute('[data-verify-claim]', 'data-verified')).toBe('true');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Verified in your browser');
    // Fits the phone: nothing wider than the viewport.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    const html = await page.content();
    const names = await t.runtime.db.query<{ name: string }>(
      `SELECT name FROM organisations WHERE id <> (SELECT organisation_id FROM products WHERE gtin = $1)
       UNION SELECT name FROM plots WHERE name IS NOT NULL`,
      [BUTTER],
    );
    expect(names.length).toBeGreaterThan(10);
    for (const { name } of names) expect(html).not.toContain(name);
    expect(requested.every((u) => u.startsWith(base))).toBe(true);

    const dir = resolve(import.meta.dirname, '../../reports/browser');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'passport-390x844.png'), fullPage: true });
    expect(existsSync(join(dir, 'passport-390x844.png'))).toBe(true);
    await context.close();
  });

  it('says so when what the server sends does not check out (a disclosure altered in transit)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    // A man in the middle rewrites the traced share's disclosure: its digest no longer matches.
    await page.route('**/v1/ledger/entries/*/disclosures', async (route) => {
      const response = await route.fetch();
      const pkg = await response.json();
      const share = pkg.disclosures.find((d: { path: string }) => d.path === 'tracedShare');
      const [salt, name] = JSON.parse(Buffer.from(share.disclosure, 'base64url').toString('utf8'));
      share.disclosure = Buffer.from(JSON.stringify([salt, name, 1])).toString('base64url');
      await route.fulfill({ response, json: pkg });
    });
    await page.goto(`${base}/passport/01/${BUTTER}/10/${LOT}?lang=en`);
    await page.waitForSelector('[data-verified]', { timeout: 20_000 });
    expect(await page.getAttribute('[data-verify-claim]', 'data-verified')).toBe('false');
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/could not verify.*disclosure/);
    await context.close();
  });

  it('catches a page that shows a fact other than the log’s (its supply chain altered on the way)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.route('**/passport/01/**', async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      // One more site than the log holds, in the facts the page declares it shows.
      const altered = html.replace(/&quot;count&quot;:(\d+)/, (_, n) => `&quot;count&quot;:${Number(n) + 1}`);
      expect(altered).not.toBe(html);
      await route.fulfill({ response, body: altered });
    });
    await page.goto(`${base}/passport/01/${BUTTER}/10/${LOT}?lang=en`);
    await page.waitForSelector('[data-verified]', { timeout: 20_000 });
    expect(await page.getAttribute('[data-verify-claim]', 'data-verified')).toBe('false');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'the supplyChain shown is not the one the log holds',
    );
    await context.close();
  });
});
