// Disclosures of committed entry fields (docs/decisions/0011-selective-disclosure.md): an entry with
// the disclosures the caller may open and its inclusion proof, and publications by an owner.
import {
  EntryDisclosures,
  EntryIndexParams,
  Problem,
  Publication,
  PublicationInput,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DisclosureService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export default async function disclosureRoutes(
  app: FastifyInstance,
  { disclosures }: { disclosures: DisclosureService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/ledger/entries/:index/disclosures', {
    preHandler: app.identifyIfToken,
    schema: {
      operationId: 'getEntryDisclosures',
      tags: ['ledger'],
      summary:
        'One entry’s bytes, the disclosures of its committed fields the caller may open (anyone: published ones; the owner, its partners and granted auditors: all), and an inclusion proof',
      security: [{}, { bearer: [] }],
      params: EntryIndexParams,
      response: { 200: EntryDisclosures, ...problems },
    },
    handler: async (request) => disclosures.entryWithDisclosures(request.principal, request.params.index),
  });

  r.post('/disclosures/publications', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'publishDisclosures',
      tags: ['ledger'],
      summary:
        'Publish committed fields of one of your entries, or a computed claim about a batch in your chain (origin, traced share, supply chain, evidence, findings, as far as your passport policy allows): a ledger entry',
      security: [{ bearer: [] }],
      body: PublicationInput,
      response: { 201: Publication, ...problems },
    },
    handler: async (request, reply) => {
      const input = request.body;
      const result =
        'entryIndex' in input
          ? await disclosures.publishFields(request.principal!, BigInt(input.entryIndex), input.fields)
          : await disclosures.publishBatchClaim(request.principal!, input.batchId, input.claims);
      return reply.code(201).send(result);
    },
  });
}
