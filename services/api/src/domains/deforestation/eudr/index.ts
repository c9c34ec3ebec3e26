// EUDR exports for a lot: the plot GeoJSON the EU Information System takes, the data of a
// due-diligence statement, and the upstream statements recorded per incoming batch (docs/eudr.md).
import {
  BatchParams,
  DueDiligenceStatement,
  EudrFeatureCollection,
  Problem,
  StatementQuery,
  UpstreamStatement,
  UpstreamStatementInput,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { WRITER_ROLES } from '../../../access.ts';
import { problemResponses } from '../../../openapi.ts';
import type { EudrService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;
export const GEOJSON_TYPE = 'application/geo+json';

/** A lot code as a file name: anything but letters, digits, dot, dash and underscore becomes `_`. */
const fileName = (lot: string) => `eudr-${lot.replace(/[^A-Za-z0-9._-]/g, '_')}.geojson`;

export default async function eudrRoutes(app: FastifyInstance, { eudr }: { eudr: EudrService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/:id/eudr/geojson', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'eudrGeojson',
      tags: ['eudr'],
      summary: 'The plots upstream of a lot as the EU Information System’s GeoJSON, in one call',
      description:
        'RFC 7946 FeatureCollection, one Feature per plot upstream of the lot (id = plot id) with the properties ' +
        'the Information System reads (`ProducerName`, `ProducerCountry`, `ProductionPlace`, `Area` for Points). ' +
        'Coordinates are cut to six decimals as the Information System cuts them, and written with six; holes are ' +
        'left out (the Information System ignores them); exterior rings turn counterclockwise. A plot the cut ' +
        'would collapse is left out: the statement (`…/eudr/statement`) lists it with every other geometry check.',
      security: [{ bearer: [] }],
      params: BatchParams,
      responseContent: {
        200: {
          description: 'the FeatureCollection',
          content: { [GEOJSON_TYPE]: EudrFeatureCollection },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { lot, text } = await eudr.geojson(request.principal!, request.params.id);
      return reply
        .type(GEOJSON_TYPE)
        .header('content-disposition', `inline; filename="${fileName(lot)}"`)
        .send(text);
    },
  });

  r.get('/:id/eudr/statement', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'eudrStatement',
      tags: ['eudr'],
      summary:
        'The data of an EUDR due-diligence statement for a lot, mapped to the Information System’s V3 fields',
      description:
        'Operator, activity, HS heading, description, net mass, countries of production, producers with their ' +
        'plots (base64 GeoJSON), upstream statements, and the risk assessment our records support. A lot blended ' +
        'with untraced or over-yield volume says so (`geolocation.complete: false`). Nothing is sent to the ' +
        'Information System. Field by field with sources: docs/eudr.md.',
      security: [{ bearer: [] }],
      params: BatchParams,
      querystring: StatementQuery,
      response: { 200: DueDiligenceStatement, ...problems },
    },
    handler: async (request) => eudr.statement(request.principal!, request.params.id, request.query),
  });

  r.post('/:id/eudr/upstream-statements', {
    preHandler: app.requireRole(...WRITER_ROLES),
    schema: {
      operationId: 'recordUpstreamStatement',
      tags: ['eudr'],
      summary: 'Record the reference and verification numbers of the statement an incoming batch came with',
      description:
        'A write for the batch’s holder (its users, the organisation that keeps its records, an admin). Logged as ' +
        'a `batch.upstream_statement` entry whose numbers are committed, not in clear; cited in the statements of ' +
        'every lot made from the batch (`groupedDeclarations`).',
      security: [{ bearer: [] }],
      params: BatchParams,
      body: UpstreamStatementInput,
      response: { 201: UpstreamStatement, ...problems, 409: Problem },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await eudr.recordUpstreamStatement(request.principal!, request.params.id, request.body)),
  });
}
