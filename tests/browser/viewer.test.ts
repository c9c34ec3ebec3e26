// Issue 15's acceptance, in a real browser: headless Chromium (SwiftShader WebGL2, 1280 × 720)
// opens the evidence viewer on the demo's cocoa butter batch, which is downstream of the laundering
// cooperative (Soubré). It must draw as many nodes as the trace has, light the canvas, colour
// Soubré's arcs as blended while Ashanti's stay clean, show the finding's numbers in the panel, and
// verify the evidence in the page: verified as served, "hash does not match" for a flipped media
// byte, a forged checkpoint signature named as such. A plot picked in the scene draws its verified
// splat there; a large splat shows its download byte by byte and can be cancelled; .splat, .spz and
// glTF captures are drawn, a video plays from its hashed bytes, and altered bytes draw nothing.
// Without WebGL2 the list shows the same nodes.
// Needs Debian's chromium at /usr/bin/chromium (scripts/ensure-chromium.sh); skipped without it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4 } from '../../packages/evidence/test/fixtures.ts';
import { DEMO_GTINS, seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';
import { countryCentre } from '../../web-viewer/src/countries.ts';
import { SPLAT_SIZE } from '../../web-viewer/src/scene.ts';
import { glbFile, splatFile, spzFile } from './captures.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`viewer browser test skipped: ${CHROMIUM} is not installed`);

// reports/browser/ holds the screenshots as the tests' artefacts.
const REPORTS = resolve(import.meta.dirname, '../../reports/browser');
const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
];
const COLOURS = { clean: [0x2b, 0xb3, 0xa3], blended: [0xe0, 0x39, 0x3e] } as const;
const BUTTER_LOT = 'BW-CB-2026-09-001';

interface Trace {
  batches: { organisationId: string }[];
  events: { organisationId: string }[];
  plots: { id: string; organisationId: string }[];
}
/** The part of GET /v1/attestations's answer the panel must show. */
interface AttestationAnswer {
  organisationName: string;
  manifest: { media: { kind: string }[]; capturedAt: string; location: { coordinates: [number, number] } };
  statements: { verdict: string; note: string }[];
  findings?: { rule: string }[];
}
interface Finding {
  rule: string;
  organisationId: string;
  numbers: Record<string, unknown>;
}

describe.skipIf(!present)('the evidence viewer (headless Chromium, SwiftShader, 1280 × 720)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let token: string;
  let batchId: string;
  let traceNodes: number;
  let org: { soubre: string; ashanti: string; brand: string };
  let soubreFindings: Finding[];
  let brandFindings: Finding[];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoData(t.runtime);
    const orgId = async (name: string) =>
      (await t.runtime.db.query<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [name]))[0]!
        .id;
    const [batch] = await t.runtime.db.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM batches WHERE lot = $1',
      [BUTTER_LOT],
    );
    batchId = batch!.id;
    org = {
      soubre: await orgId('Coopérative Agricole de Soubré'),
      ashanti: await orgId('Ashanti Growers Cooperative'),
      brand: batch!.organisation_id,
    };
    // The brand's compliance officer: it sees its own chain, as the viewer's logged-in user would.
    token = await t.token('compliance', { organisationId: org.brand });
    const trace = await t.call('GET', `/v1/batches/${batchId}/trace`, token);
    expect(trace.statusCode, trace.body).toBe(200);
    const body = trace.json() as Trace;
    const sites = new Set([
      ...body.batches.map((b) => b.organisationId),
      ...body.events.map((e) => e.organisationId),
      ...body.plots.map((p) => p.organisationId),
    ]);
    traceNodes = sites.size + body.plots.length;
    expect(sites).toContain(org.soubre);
    const findings = (
      await t.call('GET', `/v1/findings?batchId=${batchId}&perPage=1000`, token)
    ).json() as Finding[];
    soubreFindings = findings.filter((f) => f.organisationId === org.soubre);
    brandFindings = findings.filter((f) => f.organisationId === org.brand);
    expect(soubreFindings.some((f) => f.rule === 'IMPOSSIBLE_YIELD')).toBe(true);
    expect(brandFindings.some((f) => f.rule === 'BLENDED_ORIGIN')).toBe(true);

    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(REPORTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(
    b: Browser,
    query: string,
  ): Promise<{ page: Page; errors: string[]; requested: string[] }> {
    const context = await b.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const requested: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('GPU stall')) errors.push(m.text());
    });
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${base}/viewer/?${query}#token=${token}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    return { page, errors, requested };
  }

  /** Whether a pixel near a screen point has a colour (±24 per channel), reading back the canvas. */
  async function colourNear(page: Page, at: [number, number], rgb: readonly number[]): Promise<boolean> {
    const points: [number, number][] = [];
    for (let dx = -5; dx <= 5; dx++) for (let dy = -5; dy <= 5; dy++) points.push([at[0] + dx, at[1] + dy]);
    const pixels = await page.evaluate((p) => window.groundtruthViewer!.readPixels(p), points);
    return pixels.some((px) => rgb.every((c, i) => Math.abs(px[i]! - c) <= 24));
  }

  async function badgesSettled(page: Page): Promise<{ state: string; text: string }[]> {
    await page.waitForSelector('.evidence[aria-busy="false"]', { timeout: 60_000 });
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll<HTMLElement>('.badge')).every(
          (b) => b.dataset.verify === 'verified' || b.dataset.verify === 'failed',
        ),
      undefined,
      { timeout: 60_000 },
    );
    return page.$$eval('.badge', (els) =>
      els.map((e) => ({ state: (e as HTMLElement).dataset.verify!, text: e.textContent ?? '' })),
    );
  }

  it('draws the demo batch: every node of the trace, a lit canvas, same-origin requests only', async () => {
    const { page, errors, requested } = await open(browser, `batch=${batchId}`);
    const viewer = await page.evaluate(() => ({
      nodes: window.groundtruthViewer!.nodes,
      drawn: window.groundtruthViewer!.nodesDrawn,
      lit: window.groundtruthViewer!.litFraction(),
      renderer: window.groundtruthViewer!.renderer,
    }));
    expect(viewer.renderer).toMatch(/SwiftShader|ANGLE/);
    expect(viewer.nodes).toBe(traceNodes);
    expect(viewer.drawn).toBe(traceNodes);
    expect(await page.locator('button.node').count()).toBe(traceNodes);
    // The globe fills a good part of the canvas; an empty scene would read the clear colour only.
    expect(viewer.lit).toBeGreaterThan(0.15);
    // A site's marker is drawn where the scene says it is.
    const at = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), org.soubre);
    expect(await colourNear(page, at!, COLOURS.blended)).toBe(true);

    const file = join(REPORTS, 'viewer-1280x720.png');
    const shot = await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(0);
    // The screenshot itself (what a person sees) is not one flat colour either.
    const png = PNG.sync.read(shot);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97)
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    expect(requested.every((u) => u.startsWith(base))).toBe(true);
    await page.context().close();
  }, 120_000);

  it("colours the laundering cooperative's arcs and everything downstream as blended, the other cooperative's as clean", async () => {
    const { page } = await open(browser, `batch=${batchId}`);
    const arcs = await page.evaluate(() => window.groundtruthViewer!.arcs);
    const fromSoubre = arcs.filter((a) => a.from === org.soubre);
    const fromAshanti = arcs.filter((a) => a.from === org.ashanti);
    expect(fromSoubre.length).toBeGreaterThan(0);
    expect(fromAshanti.length).toBeGreaterThan(0);
    expect(fromSoubre.every((a) => a.flow === 'blended')).toBe(true);
    expect(fromAshanti.every((a) => a.flow === 'clean')).toBe(true);
    // The arc into the brand carries Soubré's volume too.
    expect(arcs.find((a) => a.to === org.brand)?.flow).toBe('blended');
    for (const [arc, colour] of [
      [fromSoubre[0]!, COLOURS.blended],
      [fromAshanti[0]!, COLOURS.clean],
    ] as const) {
      await page.evaluate((id) => window.groundtruthViewer!.focus({ arc: id }, 1.15), arc.id);
      // Along the arc's middle stretch (another arc may cross it at any one point).
      let seen = 0;
      for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
        const at = await page.evaluate(([id, t]) => window.groundtruthViewer!.screenOf({ arc: id, t }), [
          arc.id,
          t,
        ] as const);
        if (await colourNear(page, at!, colour)) seen++;
      }
      expect(seen, `${arc.id} drawn in its colour`).toBeGreaterThanOrEqual(3);
    }
    await page.screenshot({ path: join(REPORTS, 'viewer-arc-clean.png') });

    // The panel shows the cooperative's findings with their numbers, as the API gave them.
    await page.click(`button.node[data-node-id="${org.soubre}"]`);
    await page.waitForSelector(`.panel[data-node-id="${org.soubre}"] details[data-rule="IMPOSSIBLE_YIELD"]`);
    const panel = (await page.locator('.panel').textContent()) ?? '';
    const yieldFinding = soubreFindings.find((f) => f.rule === 'IMPOSSIBLE_YIELD')!;
    for (const key of ['kgPerHectare', 'hardCeilingKgPerHa', 'harvestedGrams', 'countedHectares'])
      expect(panel).toContain(`${key}${String(yieldFinding.numbers[key])}`);
    expect(panel).toContain(
      `IMPOSSIBLE_YIELD: ${soubreFindings.filter((f) => f.rule === 'IMPOSSIBLE_YIELD').length} findings`,
    );
    expect(page.url()).toContain(`select=${org.soubre}`);

    // And the brand's own node carries the BLENDED_ORIGIN finding on the batch, with its traced share.
    await page.click(`button.node[data-node-id="${org.brand}"]`);
    await page.waitForSelector(`.panel[data-node-id="${org.brand}"] details[data-rule="BLENDED_ORIGIN"]`);
    const blended = brandFindings.find((f) => f.rule === 'BLENDED_ORIGIN')!;
    expect(await page.locator('.panel').textContent()).toContain(
      `tracedShare${String(blended.numbers.tracedShare)}`,
    );
    await page.context().close();
  }, 120_000);

  it("verifies the cooperative's evidence in the page, and names what fails when bytes or signatures are altered", async () => {
    const clean = await open(browser, `batch=${batchId}&select=${org.soubre}`);
    const served = await badgesSettled(clean.page);
    expect(served.length).toBeGreaterThan(0);
    for (const b of served) expect(b, b.text).toMatchObject({ state: 'verified' });
    expect(served[0]!.text).toMatch(/Verified in your browser/);
    expect(await clean.page.locator('.gallery img').count()).toBeGreaterThan(0);
    await clean.page.screenshot({ path: join(REPORTS, 'viewer-evidence.png') });

    // Selecting the cooperative drew its first verified capture in the scene, at that capture's plot.
    const drawn = await clean.page.evaluate(() => window.groundtruthViewer!.captures());
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.format).toBe('ply');
    expect(await clean.page.locator(`button[data-capture][data-plot-id="${drawn[0]!.nodeId}"]`).count()).toBe(
      1,
    );
    await clean.page.screenshot({ path: join(REPORTS, 'viewer-splat.png') });
    await clean.page.context().close();

    // One byte of one medium flipped in transit: that attestation fails on its hash, the others hold.
    const tampered = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const context = await tampered.newContext({ viewport: { width: 1280, height: 720 } });
      let flipped: string | undefined;
      await context.route(
        (url) => /^\/v1\/evidence\/[0-9a-f]{64}\/content$/.test(url.pathname),
        async (route) => {
          const response = await route.fetch();
          const body = Buffer.from(await response.body());
          if (flipped === undefined || route.request().url().includes(flipped)) {
            flipped ??= route.request().url().split('/').at(-2);
            const at = body.length >> 1;
            body.writeUInt8(body.readUInt8(at) ^ 0x01, at);
          }
          await route.fulfill({ response, body });
        },
      );
      const page = await context.newPage();
      await page.goto(`${base}/viewer/?batch=${batchId}&select=${org.soubre}#token=${token}`);
      const badges = await badgesSettled(page);
      const failed = badges.filter((b) => b.state === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.text).toMatch(/hash does not match/);
      expect(badges.filter((b) => b.state === 'verified')).toHaveLength(badges.length - 1);

      // A checkpoint whose signature was forged: every attestation's check names the checkpoint.
      const forged = await tampered.newContext({ viewport: { width: 1280, height: 720 } });
      await forged.route(
        (url) => url.pathname === '/v1/attestations',
        async (route) => {
          const response = await route.fetch();
          const report = await response.json();
          const lines = (report.checkpoint as string).split('\n');
          const at = lines.findIndex((l) => l.startsWith('— '));
          const [dash, name, signature] = lines[at]!.split(' ');
          const bytes = Buffer.from(signature!, 'base64');
          bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0x01, bytes.length - 1);
          lines[at] = `${dash} ${name} ${bytes.toString('base64')}`;
          await route.fulfill({ response, json: { ...report, checkpoint: lines.join('\n') } });
        },
      );
      const forgedPage = await forged.newPage();
      await forgedPage.goto(`${base}/viewer/?batch=${batchId}&select=${org.soubre}#token=${token}`);
      const forgedBadges = await badgesSettled(forgedPage);
      expect(forgedBadges.length).toBe(served.length);
      for (const b of forgedBadges) {
        expect(b.state).toBe('failed');
        expect(b.text).toMatch(/checkpoint's signature does not hold/);
      }
    } finally {
      await tampered.close();
    }
  }, 180_000);

  // Attestations the tests add to plots of Soubré that the demo left without evidence: the
  // cooperative's own key signs a manifest over media uploaded as the cooperative.
  let supplierToken: string | undefined;
  let signingKey: { privateKey: CryptoKey; kid: string } | undefined;
  const freePlots: string[] = [];
  async function attestOnFreePlot(
    files: { bytes: Buffer; query?: string }[],
  ): Promise<{ plotId: string; media: { sha256: string; size: number; kind: string }[] }> {
    supplierToken ??= await t.token('supplier', { organisationId: org.soubre });
    if (!signingKey) {
      const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const res = await t.call('POST', `/v1/organisations/${org.soubre}/keys`, supplierToken, {
        jwk: await exportJWK(publicKey),
      });
      expect(res.statusCode, res.body).toBe(201);
      signingKey = { privateKey: privateKey as CryptoKey, kid: res.json().kid };
    }
    if (freePlots.length === 0) {
      const trace = (await t.call('GET', `/v1/batches/${batchId}/trace`, token)).json() as Trace;
      for (const p of trace.plots.filter((x) => x.organisationId === org.soubre)) {
        const report = (await t.call('GET', `/v1/attestations?subject=plot:${p.id}`, token)).json();
        if (report.attestations.length === 0) freePlots.push(p.id);
      }
    }
    const plotId = freePlots.shift()!;
    const plot = (await t.call('GET', `/v1/plots/${plotId}`, token)).json();
    const corner = (
      plot.geometry.type === 'Point' ? plot.geometry.coordinates : plot.geometry.coordinates[0][0]
    ) as [number, number];
    const media = [];
    for (const { bytes, query } of files) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/evidence${query ?? ''}`,
        payload: bytes,
        headers: { authorization: `Bearer ${supplierToken}`, 'content-type': 'application/octet-stream' },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      media.push({ sha256: res.json().sha256, size: res.json().size, kind: res.json().kind });
    }
    const jws = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          subject: { kind: 'plot', id: plotId },
          media,
          capturedAt: '2026-11-20T09:15:00Z',
          location: { type: 'Point', coordinates: corner },
          device: 'viewer browser test',
          statement: 'A capture made for the viewer test.',
        }),
      ),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid })
      .sign(signingKey.privateKey);
    const res = await t.call('POST', '/v1/attestations', supplierToken, { jws });
    expect(res.statusCode, res.body).toBe(201);
    return { plotId, media };
  }

  /** Pixels in a 120-pixel square around a node (read back in the same task as a render). */
  async function regionAround(page: Page, nodeId: string): Promise<number[][]> {
    const centre = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), nodeId);
    const points: [number, number][] = [];
    for (let dx = -60; dx <= 60; dx += 4)
      for (let dy = -60; dy <= 60; dy += 4) points.push([centre![0] + dx, centre![1] + dy]);
    return page.evaluate((p) => window.groundtruthViewer!.readPixels(p), points);
  }
  // The test's captures are warm (orange to yellow: red high, blue low); nothing else near a Soubré
  // plot is (its plots and arcs are the blended red, whose green is low, and the globe is dark blue).
  const warmShare = (pixels: number[][]) =>
    pixels.filter(([r, g, b]) => r! > 200 && g! > 100 && b! < 110).length / pixels.length;
  const changedShare = (before: number[][], after: number[][]) =>
    after.filter((px, i) => px.some((c, k) => Math.abs(c - before[i]![k]!) > 30)).length / after.length;

  /** Opens the batch in a context, looking at a plot from where a capture is drawn. */
  async function openAt(context: BrowserContext, plotId: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/viewer/?batch=${batchId}#token=${token}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.evaluate(([id, d]) => window.groundtruthViewer!.focus({ node: id }, d), [
      plotId,
      1 + SPLAT_SIZE * 4,
    ] as const);
    return page;
  }

  it('opens a plot picked in the scene: its evidence in the panel and its splat drawn at the plot', async () => {
    // The demo's audited attestation: a photo and a PLY splat, confirmed by the auditor.
    const trace = (await t.call('GET', `/v1/batches/${batchId}/trace`, token)).json() as Trace;
    let audited: { plotId: string; attestation: AttestationAnswer } | undefined;
    for (const p of trace.plots) {
      const report = (await t.call('GET', `/v1/attestations?subject=plot:${p.id}`, token)).json();
      const a = (report.attestations as AttestationAnswer[]).find((x) => x.statements.length > 0);
      if (a) audited = { plotId: p.id, attestation: a };
    }
    expect(audited).toBeDefined();
    const { plotId, attestation } = audited!;
    expect(attestation.manifest.media.some((m) => m.kind === 'splat')).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await openAt(context, plotId);
    const before = await regionAround(page, plotId);
    const at = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), plotId);
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + at![0], box.y + at![1]);
    await page.waitForSelector(`.panel[data-node-id="${plotId}"]`);
    await page.waitForSelector('button[data-capture][data-state="shown"]', { timeout: 90_000 });
    expect(await page.evaluate(() => window.groundtruthViewer!.captures())).toEqual([
      { nodeId: plotId, format: 'ply' },
    ]);
    const after = await regionAround(page, plotId);
    expect(changedShare(before, after)).toBeGreaterThan(0.05);
    await page.screenshot({ path: join(REPORTS, 'viewer-picked-splat.png') });
    // Who attested, when, where, the auditor's statement and the evidence findings, in the panel.
    const panel = (await page.locator('.panel').textContent()) ?? '';
    const m = attestation.manifest;
    expect(panel).toContain(attestation.organisationName);
    expect(panel).toContain(m.capturedAt);
    expect(panel).toContain(
      `${m.location.coordinates[1].toFixed(5)}, ${m.location.coordinates[0].toFixed(5)}`,
    );
    const statement = attestation.statements[0]!;
    expect(panel).toContain(`${statement.verdict}: ${statement.note}`);
    for (const f of attestation.findings ?? []) expect(panel).toContain(f.rule);
    expect(await page.locator('.badge').getAttribute('data-verify')).toBe('verified');
    // Another node chosen: the capture leaves the scene.
    await page.keyboard.press('Escape');
    await page.focus('canvas');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.groundtruthViewer!.captures().length === 0);
    await context.close();
  }, 180_000);

  it('shows a large splat downloading byte by byte and cancels it, leaving nothing in the scene', async () => {
    // 120,000 gaussians: 3.84 MB, read at 400 kB/s once the page has loaded.
    const large = splatFile(120_000);
    const { plotId } = await attestOnFreePlot([{ bytes: large, query: '?kind=splat' }]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await openAt(context, plotId);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: 400_000,
      uploadThroughput: -1,
    });
    await page.evaluate(
      (id) => document.querySelector<HTMLElement>(`button.node[data-node-id="${id}"]`)!.click(),
      plotId,
    );
    // What the scene shows with the plot selected (the camera has gone down to it) and nothing loaded.
    await page.waitForSelector(`.panel[data-node-id="${plotId}"]`);
    const before = await regionAround(page, plotId);
    const seen: number[] = [];
    const deadline = Date.now() + 30_000;
    while (seen.length < 3 && Date.now() < deadline) {
      const received = Number((await page.locator('progress.download').getAttribute('data-received')) ?? 0);
      if (received > (seen.at(-1) ?? 0)) seen.push(received);
      await page.waitForTimeout(150);
    }
    expect(seen.length).toBe(3);
    expect(seen[2]!).toBeLessThan(large.length);
    expect(await page.locator('progress.download').getAttribute('max')).toBe(String(large.length));
    await page.click('button.cancel-download');
    await page.waitForSelector('.badge[data-verify="cancelled"]');
    expect(await page.locator('.badge').textContent()).toMatch(/cancelled/);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.groundtruthViewer!.captures())).toEqual([]);
    expect(await page.locator('button[data-capture]').count()).toBe(0);
    // Not one pixel of the capture's colour around the plot (the region may have shifted a little:
    // the panel's growth can resize the canvas, so an unchanged-pixels test would measure layout).
    expect(warmShare(before)).toBe(0);
    expect(warmShare(await regionAround(page, plotId))).toBe(0);
    await context.close();
  }, 180_000);

  it('draws .splat, .spz and glTF captures at their plots, plays video from verified bytes, and refuses altered bytes', async () => {
    const cases = [
      { format: 'splat', files: [{ bytes: splatFile(), query: '?kind=splat' }] },
      { format: 'spz', files: [{ bytes: spzFile() }] },
      {
        format: 'glb',
        files: [{ bytes: glbFile() }, { bytes: mp4({ seconds: 3, mediaBytes: 4096 }) }],
      },
    ] as const;
    const attested = [];
    for (const c of cases) attested.push({ ...c, ...(await attestOnFreePlot([...c.files])) });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    for (const { format, plotId, media } of attested) {
      const page = await openAt(context, plotId);
      const before = await regionAround(page, plotId);
      await page.evaluate(
        (id) => document.querySelector<HTMLElement>(`button.node[data-node-id="${id}"]`)!.click(),
        plotId,
      );
      await badgesSettled(page);
      expect(await page.locator('.badge').getAttribute('data-verify')).toBe('verified');
      await page.waitForSelector('button[data-capture][data-state="shown"]', { timeout: 60_000 });
      expect(await page.evaluate(() => window.groundtruthViewer!.captures())).toEqual([
        { nodeId: plotId, format },
      ]);
      const after = await regionAround(page, plotId);
      const share = changedShare(before, after);
      expect(warmShare(before)).toBe(0);
      expect(warmShare(after), `${format} in its colours`).toBeGreaterThan(0.03);
      expect(share, `${format} drawn`).toBeGreaterThan(0.05);
      await page.screenshot({ path: join(REPORTS, `viewer-capture-${format}.png`) });
      const video = media.find((x) => x.kind === 'video');
      if (video) {
        // The <video> plays from a blob: URL (media-src 'self' blob:), not from the server.
        const src = await page.locator(`video[data-sha256="${video.sha256}"]`).getAttribute('src');
        expect(src).toMatch(/^blob:/);
      }
      await page.close();
    }
    await context.close();

    // The video's blob holds the very bytes that were hashed. Reading a blob: URL back needs a fetch,
    // which the page's CSP (connect-src 'self') rightly refuses; this context reads it with CSP off.
    const video = attested[2]!.media.find((x) => x.kind === 'video')!;
    const reading = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    const videoPage = await reading.newPage();
    await videoPage.goto(`${base}/viewer/?batch=${batchId}&select=${attested[2]!.plotId}#token=${token}`);
    await badgesSettled(videoPage);
    const src = (await videoPage.locator(`video[data-sha256="${video.sha256}"]`).getAttribute('src'))!;
    const digest = await videoPage.evaluate(async (url) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
    }, src);
    expect(digest).toBe(video.sha256);
    await reading.close();

    // The glTF's bytes altered in transit: the badge names the hash, nothing is drawn, no video shown.
    const glb = attested[2]!;
    const glbSha = glb.media.find((x) => x.kind === 'gltf')!.sha256;
    expect(glbSha).toBe(createHash('sha256').update(glbFile()).digest('hex'));
    const tampered = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await tampered.route(`**/v1/evidence/${glbSha}/content`, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body.writeUInt8(body.readUInt8(100) ^ 0x01, 100);
      await route.fulfill({ response, body });
    });
    const page = await openAt(tampered, glb.plotId);
    await page.evaluate(
      (id) => document.querySelector<HTMLElement>(`button.node[data-node-id="${id}"]`)!.click(),
      glb.plotId,
    );
    // The scene with the plot selected (the camera has gone down to it), before any check is done:
    // a capture could only be drawn after its check verified.
    await page.waitForSelector(`.panel[data-node-id="${glb.plotId}"]`);
    const before = await regionAround(page, glb.plotId);
    const [badge] = await badgesSettled(page);
    expect(badge!.state).toBe('failed');
    expect(badge!.text).toMatch(/hash does not match/);
    expect(await page.evaluate(() => window.groundtruthViewer!.captures())).toEqual([]);
    expect(await page.locator('button[data-capture], video').count()).toBe(0);
    expect(warmShare(before)).toBe(0);
    expect(warmShare(await regionAround(page, glb.plotId))).toBe(0);
    await tampered.close();
  }, 240_000);

  it('shows the same nodes as a list when the browser has no WebGL2', async () => {
    const noWebgl = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, '--disable-webgl2'] });
    try {
      const { page, errors } = await open(noWebgl, `batch=${batchId}`);
      expect(await page.evaluate(() => window.groundtruthViewer!.webgl2)).toBe(false);
      expect(await page.locator('canvas').count()).toBe(0);
      await expect(page.getByRole('note').textContent()).resolves.toMatch(/no WebGL2/);
      expect(await page.locator('button.node').count()).toBe(traceNodes);
      expect(await page.locator('ol.nodes').getAttribute('data-node-count')).toBe(String(traceNodes));
      const ids = await page.$$eval('button.node', (els) =>
        els.map((e) => (e as HTMLElement).dataset.nodeId),
      );
      expect(new Set(ids).size).toBe(traceNodes);
      await page.screenshot({ path: join(REPORTS, 'viewer-no-webgl2.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await noWebgl.close();
    }
  }, 120_000);

  it('keeps the view in a shareable URL without the token, and orbits from the keyboard', async () => {
    const { page } = await open(browser, `batch=${batchId}`);
    expect(page.url()).not.toContain('token');
    const before = await page.evaluate(() =>
      window.groundtruthViewer!.screenOf({
        node: document.querySelector<HTMLElement>('button.node')!.dataset.nodeId!,
      }),
    );
    await page.focus('canvas');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    const after = await page.evaluate(() =>
      window.groundtruthViewer!.screenOf({
        node: document.querySelector<HTMLElement>('button.node')!.dataset.nodeId!,
      }),
    );
    expect(Math.abs(after![0] - before![0])).toBeGreaterThan(5);
    await page.waitForFunction(() => location.search.includes('camera='));
    // A click on a site's marker in the scene selects it, as the list does.
    const marker = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), org.soubre);
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + marker![0], box.y + marker![1]);
    await page.waitForSelector(`.panel[data-node-id="${org.soubre}"]`);
    await page.click('nav button[data-view="tiers"]');
    await page.click(`button.node[data-node-id="${org.ashanti}"]`);
    const shared = page.url();
    expect(shared).toContain('view=tiers');
    expect(shared).toContain(`select=${org.ashanti}`);
    expect(shared).not.toContain('token');
    // The shared link opened again (this tab still holds the token) comes back to the same view.
    await page.goto('about:blank');
    await page.goto(shared);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('body', 'data-view')).toBe('tiers');
    await page.waitForSelector(`.panel[data-node-id="${org.ashanti}"]`);
    await page.context().close();
  }, 120_000);

  it('fits a phone and answers a tap on a site (390 × 844, touch)', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/viewer/?batch=${batchId}#token=${token}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => window.groundtruthViewer!.litFraction())).toBeGreaterThan(0.15);
    const marker = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), org.soubre);
    const box = (await page.locator('canvas').boundingBox())!;
    await page.touchscreen.tap(box.x + marker![0], box.y + marker![1]);
    await page.waitForSelector(`.panel[data-node-id="${org.soubre}"]`);
    await page.screenshot({ path: join(REPORTS, 'viewer-390x844.png') });
    await context.close();
  }, 120_000);

  it('draws a site at its recorded location, and one without any at its country, labelled approximate', async () => {
    const [{ id: manufacturer } = { id: '' }] = await t.runtime.db.query<{ id: string }>(
      "SELECT id FROM organisations WHERE role = 'manufacturer'",
    );
    // Where the API tells the brand's user the manufacturer is (decision 0030).
    const recorded = (await t.call('GET', `/v1/organisations/${manufacturer}`, token)).json() as {
      country: string;
      location: { coordinates: [number, number] } | null;
      address: string | null;
    };
    const site = recorded.location!.coordinates;
    const country = countryCentre(recorded.country)!;
    // Far enough from the country's centre that being drawn at one is not being drawn at the other.
    expect(Math.hypot(site[0] - country[0], site[1] - country[1])).toBeGreaterThan(1.5);

    /** With the camera straight above (lon, lat), the manufacturer must be drawn mid-canvas and picked there. */
    const drawnBelowCamera = async ([lon, lat]: readonly [number, number]) => {
      const { page, errors } = await open(browser, `batch=${batchId}&camera=${lon},${lat},1.3`);
      const middle = await page.evaluate(() => {
        const canvas = document.querySelector('canvas')!;
        return [canvas.clientWidth / 2, canvas.clientHeight / 2];
      });
      const at = await page.evaluate((id) => window.groundtruthViewer!.screenOf({ node: id }), manufacturer);
      expect(Math.abs(at![0] - middle[0]!)).toBeLessThan(2);
      expect(Math.abs(at![1] - middle[1]!)).toBeLessThan(2);
      // Picking goes through the drawn markers (a ray against the instanced mesh), not the data.
      const box = (await page.locator('canvas').boundingBox())!;
      await page.mouse.click(box.x + middle[0]!, box.y + middle[1]!);
      await page.waitForSelector(`.panel[data-node-id="${manufacturer}"]`);
      const listed = await page.locator(`button.node[data-node-id="${manufacturer}"]`).textContent();
      expect(errors).toEqual([]);
      return { page, listed: listed ?? '' };
    };

    const located = await drawnBelowCamera(site);
    expect(located.listed).toContain(`at its site, ${recorded.address}`);
    expect(located.listed).not.toContain('approximate');
    // Every demo organisation has a site: none of the trace's sites is placed by its country.
    const siteTexts = await located.page.$$eval('button.node', (els) =>
      els.map((e) => e.textContent ?? '').filter((text) => text.includes(' · tier ')),
    );
    expect(siteTexts.length).toBeGreaterThan(5);
    for (const text of siteTexts) expect(text).toContain('at its site');
    await located.page.screenshot({ path: join(REPORTS, 'viewer-site-location.png') });
    await located.page.context().close();

    // Without a recorded site (and with no plots) it falls back to its country's centre, and says so.
    const admin = await t.token('admin');
    const cleared = await t.call('PATCH', `/v1/organisations/${manufacturer}`, admin, {
      location: null,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    try {
      const fallback = await drawnBelowCamera(country);
      expect(fallback.listed).toContain(`in ${recorded.country} (approximate: no site recorded)`);
      await fallback.page.context().close();
    } finally {
      const restored = await t.call('PATCH', `/v1/organisations/${manufacturer}`, admin, {
        location: recorded.location,
      });
      expect(restored.statusCode, restored.body).toBe(200);
    }
  }, 180_000);

  it("shows the public only the passport's facts when opened from a product and lot", async () => {
    const published = await t.call(
      'POST',
      '/v1/disclosures/publications',
      await t.token('procurement', { organisationId: org.brand }),
      {
        batchId,
        claims: ['originCountry', 'tracedShare'],
      },
    );
    expect(published.statusCode, published.body).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const withToken: string[] = [];
    page.on('request', (r) => {
      if (r.headers().authorization) withToken.push(r.url());
    });
    // The way in: the product's Digital Link linkset names the viewer.
    const linkset = await (
      await fetch(`${base}/01/0${DEMO_GTINS.cocoaButter}/10/${BUTTER_LOT}?linkType=linkset`)
    ).json();
    const [viewerLink] = linkset.linkset[0]['https://groundtruth.example/voc/viewer'] as { href: string }[];
    expect(viewerLink!.href).toBe(`${base}/viewer/?gtin=0${DEMO_GTINS.cocoaButter}&lot=${BUTTER_LOT}`);
    await page.goto(viewerLink!.href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const passport = await (
      await fetch(`${base}/passport/01/0${DEMO_GTINS.cocoaButter}/10/${BUTTER_LOT}?format=json`)
    ).json();
    const countries: string[] = passport.claim.originCountry;
    expect(countries.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.groundtruthViewer!.nodes)).toBe(countries.length);
    expect(await page.evaluate(() => window.groundtruthViewer!.nodesDrawn)).toBe(countries.length);
    const html = await page.content();
    // The brand's own name may appear (it is on the product); no supplier's and no plot's.
    const names = await t.runtime.db.query<{ name: string }>(
      'SELECT name FROM organisations WHERE id <> $1 UNION SELECT name FROM plots WHERE name IS NOT NULL',
      [org.brand],
    );
    expect(names.length).toBeGreaterThan(10);
    for (const { name } of names) expect(html).not.toContain(name);
    // Nor where any site is: no passport setting publishes a location (decision 0030).
    const sites = await t.runtime.db.query<{ longitude: number; latitude: number; address: string }>(
      'SELECT longitude, latitude, address FROM organisations WHERE longitude IS NOT NULL',
    );
    expect(sites.length).toBeGreaterThan(5);
    const passportText = JSON.stringify(passport);
    for (const s of sites)
      for (const secret of [String(s.longitude), String(s.latitude), s.address]) {
        expect(html).not.toContain(secret);
        expect(passportText).not.toContain(secret);
      }
    expect(withToken).toEqual([]);
    await context.close();
  }, 120_000);
});
