// Products by GTIN (check digit validated, stored as GTIN-14).
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import { tradeItemUri } from '@groundtruth/digital-link';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { normaliseGtin } from '@groundtruth/quantity';
import {
  GtinParams,
  IdParams,
  Problem,
  Product,
  ProductInput,
  ProductListQuery,
  ProductQrQuery,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import { badRequest, notFound } from '../../../errors.ts';
import { cursorFor, linkNextPage, PAGING_DESCRIPTION, pageOf } from '../../../paging.ts';
import { publicBaseUrl } from '../../../public-url.ts';
import { appendRecord } from '../../../record.ts';
import { createProductStore, type ProductRecord } from './store.ts';

const toProduct = (r: ProductRecord) => ({
  id: r.id,
  gtin: r.gtin,
  name: r.name,
  commodity: r.commodity as 'cocoa',
  organisationId: r.organisationId,
  entryIndex: r.entryIndex,
});

export default async function productRoutes(
  app: FastifyInstance,
  { db, writer, access }: { db: Database; writer: LedgerWriter; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = createProductStore(db);

  r.post('/', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'registerProduct',
      summary: 'Register a product by GTIN-8/12/13/14 (check digit validated, stored as GTIN-14)',
      tags: ['traceability'],
      security: [{ bearer: [] }],
      body: ProductInput,
      response: { 201: Product, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
    },
    handler: async (request, reply) => {
      const input = request.body;
      await access.requireWritable(request.principal!, input.organisationId);
      const id = randomUUID();
      const gtin = normaliseGtin(input.gtin)!;
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'product.registered',
        subject: `product:${id}`,
        body: {
          gtin,
          name: input.name,
          commodity: input.commodity,
          organisation: `organisation:${input.organisationId}`,
        },
        conflict: `GTIN ${gtin} is already registered`,
      });
      return reply.code(201).send({
        id,
        gtin,
        name: input.name,
        commodity: input.commodity,
        organisationId: input.organisationId,
        entryIndex,
      });
    },
  });

  r.get('/', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'listProducts',
      tags: ['traceability'],
      summary: 'Products the caller may see, in GTIN order; look one up by its GTIN',
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      querystring: ProductListQuery,
      response: { 200: z.array(Product), 400: Problem, 401: Problem, 403: Problem },
    },
    handler: async (request, reply) => {
      const { perPage, nextPageToken, ...filters } = request.query;
      const cursor = cursorFor('products', filters, z.tuple([z.string().regex(/^\d{14}$/)]), nextPageToken);
      const rows = await store.list({
        visible: await access.visibleOrganisations(request.principal!),
        gtin: filters.gtin ? normaliseGtin(filters.gtin) : undefined,
        organisationId: filters.organisation,
        afterGtin: cursor.after?.[0],
        limit: perPage + 1,
      });
      const page = pageOf(rows, perPage, cursor, (row) => [row.gtin] as [string]);
      linkNextPage(request, reply, page.nextPageToken);
      return page.rows.map(toProduct);
    },
  });

  r.get('/:id', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'getProduct',
      summary: 'One product',
      tags: ['traceability'],
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: Product, 401: Problem, 404: Problem },
    },
    handler: async (request) => {
      const row = await store.byId(request.params.id);
      if (!row) throw notFound(`product ${request.params.id} not found`);
      await access.requireVisible(request.principal!, row.organisationId).catch(() => {
        throw notFound(`product ${request.params.id} not found`);
      });
      return toProduct(row);
    },
  });

  r.get('/:id/qr', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'auditor', 'supplier'),
    schema: {
      operationId: 'productQrCode',
      summary: 'A QR code of the product’s GS1 Digital Link (and lot), to print on the pack',
      description:
        '`{id}` is the product’s GTIN (8, 12, 13 or 14 digits). The code encodes the canonical Digital Link ' +
        'URI on this service’s resolver (`/01/{GTIN-14}[/10/{lot}]`), with error correction M and a ' +
        '4-module quiet zone, as GS1 recommends for printed codes. `size` is the image width in pixels ' +
        '(a 20 mm code at 300 dpi is 236 px). The URI itself is in the `Content-Location` header.',
      tags: ['traceability'],
      security: [{ bearer: [] }],
      params: GtinParams,
      querystring: ProductQrQuery,
      response: { 200: z.any(), 400: Problem, 401: Problem, 404: Problem },
    },
    handler: async (request, reply) => {
      const gtin = normaliseGtin(request.params.id)!;
      const row = await store.byGtin(gtin);
      if (!row) throw notFound(`product ${gtin} not found`);
      await access.requireVisible(request.principal!, row.organisationId).catch(() => {
        throw notFound(`product ${gtin} not found`);
      });
      const { lot, format, size } = request.query;
      if (lot !== undefined) {
        if (!(await store.hasLot(row.id, lot))) throw notFound(`no lot ${lot} of product ${gtin}`);
      }
      let uri: string;
      try {
        uri = tradeItemUri(publicBaseUrl(request), { gtin, ...(lot !== undefined ? { lot } : {}) });
      } catch (error) {
        throw badRequest('the lot cannot be written in a Digital Link', [
          { in: 'query', pointer: '/lot', detail: (error as Error).message },
        ]);
      }
      const options = { errorCorrectionLevel: 'M' as const, margin: 4, width: size };
      reply.header('content-location', uri).header('cache-control', 'private, max-age=3600');
      if (format === 'png')
        return reply.type('image/png').send(await QRCode.toBuffer(uri, { ...options, type: 'png' }));
      return reply.type('image/svg+xml').send(await QRCode.toString(uri, { ...options, type: 'svg' }));
    },
  });
}
