// Audit reports for a lot, a supplier or a brand's whole chain, pinned to a signed ledger checkpoint:
// the JSON (RFC 8785 canonical, the source), a CSV per table, a PDF and the EUDR GeoJSON of its plots
// (docs/reports.md, decision 0023).
import { reportJson, reportPdf, tableCsv } from '@groundtruth/report';
import {
  AuditReport,
  AuditReportParams,
  AuditReportQuery,
  AuditReportTableParams,
  EudrFeatureCollection,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Binary, problemResponses, Text } from '../../../openapi.ts';
import type { ReportService } from './service.ts';

const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;
const SCOPE_OF = { lots: 'lot', suppliers: 'supplier', chains: 'chain' } as const;

/** What the report is about, as a file name: anything but letters, digits, dot, dash, underscore → `_`. */
const fileName = (label: string, treeSize: number, ext: string) =>
  `report-${label.replace(/[^A-Za-z0-9._-]/g, '_')}-at-${treeSize}.${ext}`;

export default async function reportRoutes(app: FastifyInstance, { reports }: { reports: ReportService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const common = {
    preHandler: app.requireRole(...ALL_ROLES),
  };
  const describe = (what: string) =>
    `${what} Authorised like the trace: a lot for whoever may trace it, a supplier for whoever sees it, a chain ` +
    'for the brand’s users, auditors it granted and admins. Every figure is computed from ledger entries below ' +
    'the checkpoint’s tree size, so the same request at the same `treeSize` gives the same report.';

  r.get('/:scope/:id', {
    ...common,
    schema: {
      operationId: 'auditReport',
      tags: ['reports'],
      summary: 'An audit report pinned to a ledger checkpoint, as RFC 8785 canonical JSON',
      description: describe('The source of every other format.'),
      security: [{ bearer: [] }],
      params: AuditReportParams,
      querystring: AuditReportQuery,
      responseContent: {
        200: { description: 'the report', content: { 'application/json': AuditReport } },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { scope, id } = request.params;
      const report = await reports.report(request.principal!, SCOPE_OF[scope], id, request.query.treeSize);
      // Sent as text: the canonical bytes are the report, re-serialising would lose them.
      return reply.type('application/json; charset=utf-8').send(reportJson(report));
    },
  });

  r.get('/:scope/:id/pdf', {
    ...common,
    schema: {
      operationId: 'auditReportPdf',
      tags: ['reports'],
      summary: 'The audit report as a PDF, with the checkpoint and how to verify it printed on it',
      description: describe('Drawn from the JSON: the same figures.'),
      security: [{ bearer: [] }],
      params: AuditReportParams,
      querystring: AuditReportQuery,
      responseContent: {
        200: { description: 'the PDF', content: { 'application/pdf': Binary } },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { scope, id } = request.params;
      const report = await reports.report(request.principal!, SCOPE_OF[scope], id, request.query.treeSize);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${fileName(report.subject.label, report.checkpoint.treeSize, 'pdf')}"`,
        )
        .send(await reportPdf(report));
    },
  });

  r.get('/:scope/:id/csv/:table', {
    ...common,
    schema: {
      operationId: 'auditReportCsv',
      tags: ['reports'],
      summary: 'One table of the audit report as RFC 4180 CSV',
      description: describe('A header line with the JSON table’s columns, then one line per JSON row.'),
      security: [{ bearer: [] }],
      params: AuditReportTableParams,
      querystring: AuditReportQuery,
      responseContent: {
        200: { description: 'the table', content: { 'text/csv': Text } },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { scope, id, table } = request.params;
      const report = await reports.report(request.principal!, SCOPE_OF[scope], id, request.query.treeSize);
      return reply
        .type('text/csv; charset=utf-8; header=present')
        .header(
          'content-disposition',
          `attachment; filename="${fileName(`${report.subject.label}-${table}`, report.checkpoint.treeSize, 'csv')}"`,
        )
        .send(tableCsv(report.tables[table as keyof typeof report.tables]));
    },
  });

  r.get('/:scope/:id/geojson', {
    ...common,
    schema: {
      operationId: 'auditReportGeojson',
      tags: ['reports'],
      summary: 'The report’s plots as the EU Information System’s GeoJSON (as the EUDR export writes it)',
      description: describe('One Feature per plot listed in the report, in its order.'),
      security: [{ bearer: [] }],
      params: AuditReportParams,
      querystring: AuditReportQuery,
      responseContent: {
        200: {
          description: 'the FeatureCollection',
          content: { 'application/geo+json': EudrFeatureCollection },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { scope, id } = request.params;
      const { report, text } = await reports.geojson(
        request.principal!,
        SCOPE_OF[scope],
        id,
        request.query.treeSize,
      );
      return reply
        .type('application/geo+json')
        .header(
          'content-disposition',
          `inline; filename="${fileName(report.subject.label, report.checkpoint.treeSize, 'geojson')}"`,
        )
        .send(text);
    },
  });
}
