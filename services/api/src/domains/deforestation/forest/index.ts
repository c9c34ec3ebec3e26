// Deforestation checks of plots against the configured forest map (decision 0020).
import { BatchForestCheckRun, BatchForestChecks, ForestCheck, IdParams, Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EventService } from '../../custody/events/service.ts';
import type { ForestService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 503: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

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
      params: IdParams,
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
      params: IdParams,
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
      params: IdParams,
      response: { 200: BatchForestCheckRun, ...problems },
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
      params: IdParams,
      response: { 200: BatchForestChecks, ...problems },
    },
    handler: async (request) => {
      await events.getBatch(request.principal!, request.params.id); // 404 unless visible
      return forest.batchChecks(request.principal!, request.params.id);
    },
  });
}
