// `pnpm bench viewer [--plots N] [--runs R] [--db pglite|postgres]`: the evidence viewer in headless
// Chromium (SwiftShader, 1280 × 720) on a batch with N upstream plots (default 5,000): time to the
// first rendered frame (from navigation, and from the chain's data having loaded) and frame times
// while orbiting (120 frames, each rendered and finished with gl.finish). Baseline in the same run:
// a minimal scene, the globe with one harvest batch of the same chain (one cooperative, one plot).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildTestApp } from '../../services/api/test/helper.ts';
import { buildBenchChain } from './chain.ts';
import { fmt, median, percentile, timed } from './stats.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
];

interface Run {
  loadedMs: number;
  firstFrameMs: number;
  frames: number[];
  renders: number[];
  nodes: number;
}

export async function benchViewer(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      plots: { type: 'string', default: '5000' },
      runs: { type: 'string', default: '3' },
      db: { type: 'string', default: 'pglite' },
    },
  });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: bash scripts/ensure-chromium.sh`);
  process.env.GROUNDTRUTH_TEST_DB = values.db;
  const t = await buildTestApp();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    let chain: Awaited<ReturnType<typeof buildBenchChain>> | undefined;
    const setup = await timed(async () => {
      chain = await buildBenchChain({ db: t.runtime.db, writer: t.runtime.writer }, Number(values.plots));
    });
    const [harvest] = await t.runtime.db.query<{ id: string }>("SELECT id FROM batches WHERE lot = 'H-0-0'");
    const token = await t.token('compliance', { organisationId: chain!.brandId });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    console.log(`${values.db}: a chain of ${fmt(Number(values.plots))} plots built in ${fmt(setup, 1)} s`);
    console.log(`chromium ${execSync(`${CHROMIUM} --version`).toString().trim()}`);

    const open = async (batchId: string): Promise<Run> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${base}/viewer/?batch=${batchId}#token=${token}`);
      await page.waitForFunction(() => window.groundtruthViewer?.firstFrameMs !== undefined, undefined, {
        timeout: 120_000,
      });
      const slowest = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => [Math.round(e.duration), e.name.replace(location.origin, '').split('?')[0]] as const)
          .sort((a, b) => b[0] - a[0])
          .slice(0, 4),
      );
      if (process.env.BENCH_VIEWER_REQUESTS) console.log(slowest);
      const run = await page.evaluate(async () => {
        const v = window.groundtruthViewer!;
        return {
          loadedMs: v.loadedMs,
          firstFrameMs: v.firstFrameMs!,
          nodes: v.nodesDrawn,
          frames: await v.orbitFrames(120),
          renders: v.renderTimes(60),
        };
      });
      await context.close();
      return run;
    };

    // Warm-up (the viewer's build, the server's caches), then interleaved runs.
    await open(harvest!.id);
    const baseline: Run[] = [];
    const full: Run[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      baseline.push(await open(harvest!.id));
      full.push(await open(chain!.batchId));
    }
    const summary = (label: string, runs: Run[]) => {
      const frames = runs.flatMap((r) => r.frames.slice(5)).sort((a, b) => a - b);
      const first = median(runs.map((r) => r.firstFrameMs));
      const sinceData = median(runs.map((r) => r.firstFrameMs - r.loadedMs));
      console.log(
        `  ${label.padEnd(34)} ${fmt(runs[0]!.nodes).padStart(6)} nodes  first frame ${fmt(first).padStart(5)} ms` +
          ` (${fmt(sinceData).padStart(4)} ms after data)  frame p50 ${fmt(percentile(frames, 50), 1)} ms, p90 ${fmt(percentile(frames, 90), 1)} ms`,
      );
      const renders = runs.flatMap((r) => r.renders.slice(5)).sort((a, b) => a - b);
      console.log(
        `  ${''.padEnd(34)} render alone (no display wait) p50 ${fmt(percentile(renders, 50), 1)} ms, p90 ${fmt(percentile(renders, 90), 1)} ms`,
      );
      return { first, sinceData, frame: percentile(frames, 50), render: percentile(renders, 50) };
    };
    console.log(`1280 × 720, ${values.runs} runs each, 115 orbiting frames per run counted`);
    const b = summary('minimal scene (1 site, 1 plot)', baseline);
    const f = summary(`${fmt(Number(values.plots))}-plot batch`, full);
    console.log(
      `  ratio: first frame ${fmt(f.first / b.first, 2)}× (${fmt(f.sinceData / Math.max(1, b.sinceData), 2)}× after data), frame p50 ${fmt(f.frame / b.frame, 2)}×, render p50 ${fmt(f.render / b.render, 2)}×`,
    );
    console.log(
      `  load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
    await t.close();
  }
}
