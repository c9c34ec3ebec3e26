// The forest check of one plot: its geometry as polygons, the layers' windows over its bounds, and the
// assessment (assess.ts) of what they show.
import {
  type AssessOptions,
  assessPlot,
  type DatasetName,
  type ForestAssessment,
  type LayerCoding,
  type Tolerance,
} from './assess.ts';
import { boundsOf, type PolygonRings, type Position } from './overlay.ts';
import { type LayerLocation, RasterLayer } from './raster.ts';

/** A plot's geometry as stored (GeoJSON, RFC 7946), with its area for a Point. */
export type PlotGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'Point'; coordinates: Position };

/** Sides of the polygon a Point plot is checked as. */
const CIRCLE_SIDES = 64;

/**
 * The polygons a plot is checked as. A Point (allowed for plots of 4 ha or less, EUDR Art. 2(28)) is
 * checked as a circle of its area around the point: the plot lies somewhere there, and the check says
 * `geometry: 'point-circle'` so nobody reads it as a surveyed boundary. Metres per degree by the usual
 * series for WGS84 (good to well under a metre per degree at plot scale).
 */
export function plotPolygons(
  geometry: PlotGeometry,
  areaHectares: number,
): { polygons: PolygonRings[]; shape: 'polygon' | 'point-circle' } {
  if (geometry.type === 'Polygon') return { polygons: [geometry.coordinates], shape: 'polygon' };
  if (geometry.type === 'MultiPolygon') return { polygons: geometry.coordinates, shape: 'polygon' };
  const [lon, lat] = geometry.coordinates as [number, number];
  const phi = (lat * Math.PI) / 180;
  const metresPerDegreeLat = 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const metresPerDegreeLon = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  // A regular polygon of n sides with the circle's area: r² = A / (n/2 · sin(2π/n)).
  const radius = Math.sqrt(
    (areaHectares * 10_000) / ((CIRCLE_SIDES / 2) * Math.sin((2 * Math.PI) / CIRCLE_SIDES)),
  );
  const ring: Position[] = [];
  for (let k = 0; k < CIRCLE_SIDES; k++) {
    const angle = (2 * Math.PI * k) / CIRCLE_SIDES;
    ring.push([
      lon + (radius * Math.cos(angle)) / metresPerDegreeLon,
      lat + (radius * Math.sin(angle)) / metresPerDegreeLat,
    ]);
  }
  ring.push(ring[0]!);
  return { polygons: [[ring]], shape: 'point-circle' };
}

export interface ForestCoverOptions {
  forest: LayerLocation & { dataset: DatasetName };
  loss?: (LayerLocation & { dataset: DatasetName }) | undefined;
  coding?: LayerCoding;
  tolerance?: Tolerance;
  /** The most pixels of one layer a check reads (refused above it). */
  maxPixels?: number;
}

/** 4 million 10 m pixels: 40,000 ha at the equator, far beyond any farm plot. */
export const DEFAULT_MAX_PIXELS = 4_000_000;

export interface PlotForestCheck extends ForestAssessment {
  geometry: 'polygon' | 'point-circle';
}

/** A configured forest map (and loss layer) that checks plots. */
export class ForestCover {
  private readonly forest: RasterLayer;
  private readonly loss: RasterLayer | undefined;

  constructor(private readonly options: ForestCoverOptions) {
    this.forest = new RasterLayer(options.forest);
    this.loss = options.loss ? new RasterLayer(options.loss) : undefined;
  }

  get dataset(): DatasetName {
    return this.options.forest.dataset;
  }

  get lossDataset(): DatasetName | undefined {
    return this.options.loss?.dataset;
  }

  async check(geometry: PlotGeometry, areaHectares: number): Promise<PlotForestCheck> {
    const { polygons, shape } = plotPolygons(geometry, areaHectares);
    const bounds = boundsOf(polygons);
    const maxPixels = this.options.maxPixels ?? DEFAULT_MAX_PIXELS;
    const forest = await this.forest.windows(bounds, maxPixels);
    const loss = this.loss ? await this.loss.windows(bounds, maxPixels) : undefined;
    const options: AssessOptions = {
      dataset: this.options.forest.dataset,
      lossDataset: this.options.loss?.dataset,
      ...(this.options.coding ? { coding: this.options.coding } : {}),
      ...(this.options.tolerance ? { tolerance: this.options.tolerance } : {}),
    };
    return { ...assessPlot(polygons, forest, loss, options), geometry: shape };
  }
}
