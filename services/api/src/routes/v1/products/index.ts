// Products by GTIN (check digit validated, stored as GTIN-14).
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { normaliseGtin } from '@groundtruth/quantity';
import { Gtin, Problem, Product, ProductInput, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import { notFound } from '../../../errors.ts';
import {
  cursorFor,
  linkNextPage,
  PAGING_DESCRIPTION,
  pageOf,
  pageParameters,
  SqlParameters,
} from '../../../paging.ts';
import { appendRecord } from '../../../record.ts';

interface ProductRow {
  id: string;
  gtin: string;
  name: string;
  commodity: 'cocoa';
  organisation_id: string;
  entry_index: string | number;
}
const toProduct = (r: ProductRow) => ({
  id: r.id,
  gtin: r.gtin,
  name: r.name,
  commodity: r.commodity,
  organisationId: r.organisation_id,
  entryIndex: Number(r.entry_index),
});

export default async function productRoutes(
  app: FastifyInstance,
  { db, writer, access }: { db: SqlExecutor; writer: LedgerWriter; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
        project: async (tx, index) => {
          await tx.query(
            'INSERT INTO products (id, gtin, name, commodity, organisation_id, entry_index) VALUES ($1, $2, $3, $4, $5, $6)',
            [id, gtin, input.name, input.commodity, input.organisationId, index.toString()],
          );
        },
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
      querystring: z
        .object({
          gtin: Gtin.optional().describe('GTIN-8, -12, -13 or -14 (compared as GTIN-14)'),
          organisation: Uuid.optional().describe('the brand or supplier that registered the product'),
          ...pageParameters,
        })
        .strict(),
      response: { 200: z.array(Product), 400: Problem, 401: Problem, 403: Problem },
    },
    handler: async (request, reply) => {
      const { perPage, nextPageToken, ...filters } = request.query;
      const cursor = cursorFor('products', filters, z.tuple([z.string().regex(/^\d{14}$/)]), nextPageToken);
      const sql = new SqlParameters();
      const where: string[] = [];
      const visible = await access.visibleOrganisations(request.principal!);
      if (visible !== 'all') where.push(`organisation_id = ANY(${sql.add(visible)}::uuid[])`);
      if (filters.gtin) where.push(`gtin = ${sql.add(normaliseGtin(filters.gtin))}`);
      if (filters.organisation) where.push(`organisation_id = ${sql.add(filters.organisation)}::uuid`);
      if (cursor.after) where.push(`gtin > ${sql.add(cursor.after[0])}`);
      const rows = await db.query<ProductRow>(
        `SELECT * FROM products ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY gtin LIMIT ${sql.add(perPage + 1)}`,
        sql.values,
      );
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
      params: z.object({ id: Uuid }),
      response: { 200: Product, 401: Problem, 404: Problem },
    },
    handler: async (request) => {
      const [row] = await db.query<ProductRow>('SELECT * FROM products WHERE id = $1', [request.params.id]);
      if (!row) throw notFound(`product ${request.params.id} not found`);
      await access.requireVisible(request.principal!, row.organisation_id).catch(() => {
        throw notFound(`product ${request.params.id} not found`);
      });
      return toProduct(row);
    },
  });
}
