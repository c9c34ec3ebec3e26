// `pnpm bench forest [--plots N] [--runs R]`: the deforestation check of N plots (default 220, the
// demo cocoa butter lot's count) of 1–4 ha against a synthetic 10 m forest map (JRC GFC2020's pixel,
// 1/11,132°) and a 30 m loss layer (Hansen's, 1/4,000°), both tiled, deflate COGs of 0.2° × 0.2° on
// local disk. Next to it in the same run, the windowed reads alone (the same tiles and windows, no
// overlay), so the ratio is what the exact overlay and assessment add to the I/O. Then one plot of about 425 ha.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { boundsOf, ForestCover, type PlotGeometry, plotPolygons, RasterLayer } from '@groundtruth/forest';
import { writeCog } from '../../packages/forest/test/cog.ts';
import { fmt, median, timed } from './stats.ts';

const GFC_PIXEL = 1 / 11_132;
const LOSS_PIXEL = 1 / 4000;
const WEST = -2;
const NORTH = 6.7;
const SPAN = 0.2;

/** An irregular hexagon of about `hectares` around (lon, lat). */
function plot(lon: number, lat: number, hectares: number, seed: number): PlotGeometry {
  const radius = Math.sqrt((hectares * 10_000) / 2.6) / 111_000; // degrees, roughly
  const ring: number[][] = [];
  for (let k = 0; k < 6; k++) {
    const angle = (k * Math.PI) / 3 + ((seed * 37 + k * 11) % 7) / 20;
    const r = radius * (0.8 + (((seed * 13 + k * 29) % 9) / 9) * 0.4);
    ring.push([lon + r * Math.cos(angle), lat + r * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

export async function benchForest(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { plots: { type: 'string', default: '220' }, runs: { type: 'string', default: '5' } },
  });
  const count = Number(values.plots);
  const runs = Number(values.runs);
  const dir = await mkdtemp(join(tmpdir(), 'gt-bench-forest-'));
  try {
    await mkdir(join(dir, 'gfc'));
    await mkdir(join(dir, 'loss'));
    const size = Math.round(SPAN / GFC_PIXEL);
    const written = await timed(async () => {
      await writeFile(
        join(dir, 'gfc', 'tile.tif'),
        writeCog({
          west: WEST,
          north: NORTH,
          pixelWidth: GFC_PIXEL,
          pixelHeight: GFC_PIXEL,
          width: size,
          height: size,
          tileSize: 512,
          // Forest in irregular patches.
          value: (c, r) => (Math.sin(c / 37) + Math.cos(r / 23) + Math.sin((c + r) / 11) > 0.4 ? 1 : 0),
        }),
      );
      const lossSize = Math.round(SPAN / LOSS_PIXEL);
      await writeFile(
        join(dir, 'loss', 'tile.tif'),
        writeCog({
          west: WEST,
          north: NORTH,
          pixelWidth: LOSS_PIXEL,
          pixelHeight: LOSS_PIXEL,
          width: lossSize,
          height: lossSize,
          tileSize: 256,
          value: (c, r) => ((c * 7 + r * 3) % 17 === 0 ? 22 : (c * 5 + r) % 23 === 0 ? 12 : 0),
        }),
      );
    });
    console.log(
      `maps: ${size} × ${size} pixels (10 m) and loss ${Math.round(SPAN / LOSS_PIXEL)}² (30 m), written in ${fmt(written, 1)} s`,
    );
    const cover = new ForestCover({
      forest: { source: join(dir, 'gfc'), dataset: { name: 'JRC GFC2020', version: 'bench' } },
      loss: { source: join(dir, 'loss'), dataset: { name: 'Hansen GFC lossyear', version: 'bench' } },
    });
    const forestLayer = new RasterLayer({ source: join(dir, 'gfc') });
    const lossLayer = new RasterLayer({ source: join(dir, 'loss') });
    const plots = Array.from({ length: count }, (_, k) =>
      plot(
        WEST + 0.01 + ((k * 0.6180339887) % 1) * (SPAN - 0.02),
        NORTH - 0.01 - ((k * 0.7548776662) % 1) * (SPAN - 0.02),
        1 + (k % 4),
        k,
      ),
    );
    // Warm-up: tile indexes built, code compiled.
    await cover.check(plots[0]!, 0);
    await forestLayer.windows(boundsOf(plotPolygons(plots[0]!, 0).polygons), 4e6);
    await lossLayer.windows(boundsOf(plotPolygons(plots[0]!, 0).polygons), 4e6);

    const reads: number[] = [];
    const checks: number[] = [];
    let pixels = 0;
    for (let run = 0; run < runs; run++) {
      reads.push(
        await timed(async () => {
          for (const p of plots) {
            const bounds = boundsOf(plotPolygons(p, 0).polygons);
            await forestLayer.windows(bounds, 4e6);
            await lossLayer.windows(bounds, 4e6);
          }
        }),
      );
      checks.push(
        await timed(async () => {
          pixels = 0;
          for (const p of plots) pixels += (await cover.check(p, 0)).pixels;
        }),
      );
    }
    const read = median(reads);
    const check = median(checks);
    console.log(`${count} plots of 1–4 ha (${fmt(pixels)} forest-map pixels in all), ${runs} runs, medians:`);
    console.log(
      `  windowed reads only  ${fmt(read * 1000, 1)} ms  (${fmt((read / count) * 1000, 2)} ms per plot)`,
    );
    console.log(
      `  full checks          ${fmt(check * 1000, 1)} ms  (${fmt((check / count) * 1000, 2)} ms per plot)`,
    );
    console.log(`  ratio checks / reads ${fmt(check / read, 2)}`);

    const large = plot(WEST + SPAN / 2, NORTH - SPAN / 2, 500, 7);
    const largeTimes: number[] = [];
    let measured = { pixels: 0, areaHectares: 0 };
    for (let run = 0; run < runs; run++)
      largeTimes.push(
        await timed(async () => {
          measured = await cover.check(large, 0);
        }),
      );
    console.log(
      `one plot of ${fmt(measured.areaHectares)} ha (${fmt(measured.pixels)} pixels): median ${fmt(median(largeTimes) * 1000, 1)} ms`,
    );
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
