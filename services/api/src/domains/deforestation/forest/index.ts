// Deforestation checks of plots against the configured forest map (decision 0020).
import { Problem, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventService } from '../../custody/events/service.ts';
import type { ForestService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 503: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

const Dataset = z.object({ name: z.string(), version: z.string() });
const Verdict = z
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
    verdict: Verdict,
    coverage: z.enum(['full', 'partial', 'none']),
    geometry: z
      .enum(['polygon', 'point-circle'])
      .describe('`point-circle`: a Point plot, checked as a circle of its area around the point'),
    dataset: Dataset,
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
        dataset: Dataset,
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

const CHECK_DESCRIPTION =
  'Reads the configured forest map (JRC GFC2020 format) and, if configured, the tree-cover-loss layer over ' +
  'the plot, weighting every pixel by its ground area. Above the tolerance (a share or an area of forest or ' +
  'loss), or where the map does not cover the plot, the plot gets a DEFORESTATION_RISK finding (error for ' +
  'loss after 2020, warning otherwise), listed with the other findings and resolved like them. Each check ' +
  'is kept; the newest stands. 503 when no forest map is configured or it cannot be read.';

export default async function forestRoutes(
  app: FastifyInstance,
  { forest, events }: { forest: ForestService; events: EventService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/plots/:id/forest-check', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'checkPlotForest',
      tags: ['deforestation'],
      summary:
        'Check a plot against the forest map of 31 Dec 2020 (and tree-cover loss since); stores the result',
      description: `${CHECK_DESCRIPTION} Admins, compliance officers and auditors who may see the plot, and the plot's own organisation, run checks.`,
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: ForestCheck, ...problems },
    },
    handler: async (request) => forest.checkPlot(request.principal!, request.params.id),
  });

  r.get('/plots/:id/forest-check', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'getPlotForestCheck',
      tags: ['deforestation'],
      summary: 'The newest forest check of a plot (404 if it was never checked)',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: { 200: ForestCheck, ...problems },
    },
    handler: async (request) => forest.plotCheck(request.principal!, request.params.id),
  });

  r.post('/batches/:id/forest-check', {
    preHandler: app.requireRole('admin', 'compliance', 'auditor'),
    schema: {
      operationId: 'checkBatchForest',
      tags: ['deforestation'],
      summary: 'Check every plot upstream of a batch against the forest map; stores each result',
      description: `${CHECK_DESCRIPTION} Plots upstream that the caller may not see are counted, not checked; plots too large for a check are listed in \`tooLarge\`.`,
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: {
        200: z
          .object({
            batchId: Uuid,
            checks: z.array(ForestCheck),
            tooLarge: z.array(z.object({ plotId: Uuid, message: z.string() })),
            notVisible: z.number().int(),
          })
          .meta({ id: 'BatchForestCheckRun' }),
        ...problems,
      },
    },
    handler: async (request) => {
      await events.getBatch(request.principal!, request.params.id); // 404 unless visible
      return forest.checkBatch(request.principal!, request.params.id);
    },
  });

  r.get('/batches/:id/forest-check', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'getBatchForestChecks',
      tags: ['deforestation'],
      summary: 'The newest forest check of each plot upstream of a batch (null where never checked)',
      security: [{ bearer: [] }],
      params: z.object({ id: Uuid }),
      response: {
        200: z
          .object({
            batchId: Uuid,
            plots: z.array(z.object({ plotId: Uuid, check: ForestCheck.nullable() })),
            notVisible: z.number().int().describe('plots upstream the caller may not see'),
          })
          .meta({ id: 'BatchForestChecks' }),
        ...problems,
      },
    },
    handler: async (request) => {
      await events.getBatch(request.principal!, request.params.id); // 404 unless visible
      return forest.batchChecks(request.principal!, request.params.id);
    },
  });
}
