// Deforestation checks of plots against the configured forest map (decision 0020).
import { z } from 'zod';
import { Uuid } from './registry.ts';

/** The map a check read, as its publisher names and versions it. */
const ForestDataset = z.object({ name: z.string(), version: z.string() });
const ForestVerdict = z
  .enum(['not_covered', 'partially_covered', 'forest_2020', 'loss_after_2020', 'no_forest_2020'])
  .describe(
    '`not_covered`: the map has no data over the plot, nothing can be said (never read it as "no ' +
      'deforestation"); `partially_covered`: nothing above the tolerance where the map has data, but part ' +
      'of the plot is outside it; `forest_2020`: forest on 31 Dec 2020 above the tolerance; ' +
      '`loss_after_2020`: forest on 31 Dec 2020 and tree-cover loss from 2021 on above the tolerance; ' +
      '`no_forest_2020`: the whole plot covered and forest below the tolerance',
  );

export const ForestCheck = z
  .object({
    id: Uuid,
    plotId: Uuid,
    checkedAt: z.string(),
    treeSize: z.number().int().describe('the ledger’s size when the check ran (the plot as it stood then)'),
    requestedBy: z.string(),
    verdict: ForestVerdict,
    coverage: z.enum(['full', 'partial', 'none']),
    geometry: z
      .enum(['polygon', 'point-circle'])
      .describe('`point-circle`: a Point plot, checked as a circle of its area around the point'),
    dataset: ForestDataset,
    areaHectares: z.number().describe('the plot’s area as the check measured it (WGS84 ellipsoid)'),
    coveredShare: z.number().describe('share of the plot’s area where the forest map has data'),
    forestShare: z
      .number()
      .nullable()
      .describe(
        'share of the covered area that was forest on 31 Dec 2020 (by ground area); null if none covered',
      ),
    forestHectares: z.number(),
    pixels: z.number().int().describe('forest-map pixels with data that touch the plot'),
    loss: z
      .object({
        dataset: ForestDataset,
        coveredShare: z.number().describe('share of the covered area where the loss layer has data too'),
        lostShare: z
          .number()
          .nullable()
          .describe('share of the covered area that was forest on 31 Dec 2020 and shows loss from 2021 on'),
        lostHectares: z.number(),
        byYear: z.record(z.string(), z.number()).describe('hectares of 2020 forest lost, by year'),
      })
      .nullable()
      .describe('null without a loss layer'),
    tolerance: z.object({ share: z.number(), hectares: z.number() }),
    finding: z
      .object({ id: Uuid, severity: z.enum(['error', 'warning']), message: z.string() })
      .nullable()
      .describe('the DEFORESTATION_RISK finding this check raised (see GET /v1/findings/{id}); null if none'),
  })
  .meta({ id: 'ForestCheck' });

/** What POST /v1/batches/{id}/forest-check checked, and what it could not. */
export const BatchForestCheckRun = z
  .object({
    batchId: Uuid,
    checks: z.array(ForestCheck),
    tooLarge: z.array(z.object({ plotId: Uuid, message: z.string() })),
    notVisible: z.number().int(),
  })
  .meta({ id: 'BatchForestCheckRun' });

/** The newest check of each plot upstream of a batch. */
export const BatchForestChecks = z
  .object({
    batchId: Uuid,
    plots: z.array(z.object({ plotId: Uuid, check: ForestCheck.nullable() })),
    notVisible: z.number().int().describe('plots upstream the caller may not see'),
  })
  .meta({ id: 'BatchForestChecks' });
