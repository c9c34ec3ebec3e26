import { IdParams, Plot, PlotInput, Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from '../../../access.ts';
import { notFound } from '../../../errors.ts';
import type { createPlotService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function plotRoutes(
  app: FastifyInstance,
  { plots, access }: { plots: ReturnType<typeof createPlotService>; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'mapPlot',
      tags: ['registry'],
      summary:
        'Map a production plot (GeoJSON Point ≤ 4 ha or Polygon, EUDR rules); its geodesic area is computed',
      security: [{ bearer: [] }],
      body: PlotInput,
      response: { 201: Plot, ...problems },
    },
    handler: async (request, reply) => {
      await access.requireWritable(request.principal!, request.body.organisationId);
      return reply
        .code(201)
        .send(await plots.map(request.principal!, request.body, { sourceText: request.rawBody }));
    },
  });

  r.get('/:id', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'getPlot',
      summary: 'One plot: geometry, area and findings',
      tags: ['registry'],
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: Plot, ...problems },
    },
    handler: async (request) => {
      const plot = await plots.get(request.params.id);
      if (!plot) throw notFound(`plot ${request.params.id} not found`);
      await access.requireVisible(request.principal!, plot.organisationId).catch(() => {
        throw notFound(`plot ${request.params.id} not found`);
      });
      return plot;
    },
  });
}
