// GS1 EPCIS 2.0 REST binding: capture jobs, the events query, and the top-level resources (event types,
// EPCs, business steps, locations, read points, dispositions) with their events.
import {
  CaptureJob,
  EPCIS_EVENT_TYPES,
  EPCISQueryDocument,
  EpcisCaptureHeaders,
  EpcisCaptureJobParams,
  EpcisCollection,
  EpcisEventParams,
  EpcisEventQuery,
  EpcisEventTypeParams,
  EpcisPagingQuery,
  EpcisResourceParams,
  Problem,
} from '@groundtruth/schemas';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage } from '../../paging.ts';
import { eventsDocument, type QueryService, queryEvents, toEventQuery } from './queries.ts';
import epcisQueryRoutes from './query-routes.ts';
import {
  CAPTURE_BYTE_LIMIT,
  CAPTURE_EVENT_LIMIT,
  COLLECTIONS,
  type CollectionName,
  EPCIS_CONTEXT,
  type EpcisService,
} from './service.ts';
import type { SubscriptionService } from './subscriptions.ts';
import {
  createXmlCaptureReader,
  isXmlBody,
  NEGOTIATED_QUERY_RESPONSE,
  negotiatedDocument,
  XML_CAPTURE_TYPES,
} from './xml-binding.ts';

const VERSION_HEADERS = { 'GS1-EPCIS-Version': '2.0.0', 'GS1-CBV-Version': '2.0.0' };
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

const queryDocument = (events: Record<string, unknown>[]) => eventsDocument(events);

export default async function epcisRoutes(
  app: FastifyInstance,
  {
    epcis,
    queries,
    subscriptions,
    streamPollMs,
    xsdDir,
  }: {
    epcis: EpcisService;
    queries: QueryService;
    subscriptions: SubscriptionService;
    streamPollMs: number;
    /** GS1's EPCIS 2.0 XSD files, for XML capture (decision 0029). */
    xsdDir: string;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const readXmlCapture = createXmlCaptureReader(xsdDir);
  // XML capture documents reach the handler as text: checked against the XSD there, in the request.
  app.addContentTypeParser(XML_CAPTURE_TYPES, { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  const withVersions = (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers(VERSION_HEADERS);
    done();
  };
  app.addHook('onRequest', withVersions);
  await app.register(epcisQueryRoutes, {
    queries,
    subscriptions,
    stream: { epcis, queries, pollMs: streamPollMs },
  });

  r.options('/capture', {
    schema: {
      operationId: 'epcisCaptureOptions',
      tags: ['epcis'],
      summary: 'What the capture interface accepts: versions and limits',
      response: { 204: z.null() },
    },
    handler: async (_request, reply) =>
      reply
        .code(204)
        .headers({
          allow: 'OPTIONS, POST, GET',
          'GS1-EPCIS-Capture-Limit': String(CAPTURE_EVENT_LIMIT),
          'GS1-EPCIS-Capture-File-Size-Limit': String(CAPTURE_BYTE_LIMIT),
          'GS1-Capture-Error-Behaviour': 'rollback, proceed',
        })
        .send(null),
  });

  r.post('/capture', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    bodyLimit: CAPTURE_BYTE_LIMIT,
    schema: {
      operationId: 'epcisCapture',
      tags: ['epcis'],
      summary: 'Capture an EPCISDocument: each event becomes a ledger entry',
      description:
        "The document is validated against GS1's EPCIS 2.0 JSON Schema and CBV 2.0 vocabulary. With " +
        '`GS1-Capture-Error-Behaviour: rollback` (the default) one bad event refuses the whole document ' +
        '(400, nothing stored); with `proceed` the good events are stored and the bad ones listed in the job. ' +
        'Events that state custody of Groundtruth lots (a harvest at a plot, shipping and receiving between ' +
        'owners, a transformation, a loss, an error declaration) are recorded as POST /v1/events records them, ' +
        'with its rules, in the same transaction: any refusal (409 for a consumption beyond a balance) stores ' +
        'nothing of the document (decision 0025).',
      security: [{ bearer: [] }],
      headers: EpcisCaptureHeaders,
      consumes: ['application/json', 'application/ld+json', ...XML_CAPTURE_TYPES],
      body: z.unknown().describe('EPCISDocument (JSON or JSON-LD, or XML valid against GS1’s EPCIS 2.0 XSD)'),
      response: { 202: CaptureJob, ...problems, 409: Problem, 413: Problem, 503: Problem },
    },
    handler: async (request, reply) => {
      const behaviour = request.headers['gs1-capture-error-behaviour'] ?? 'rollback';
      const document = isXmlBody(request.headers['content-type'])
        ? await readXmlCapture(request.body as string)
        : request.body;
      const job = await epcis.capture(request.principal!, document, behaviour);
      return reply.code(202).header('location', `/epcis/capture/${job.captureID}`).send(job);
    },
  });

  r.get('/capture/:captureID', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'epcisCaptureJob',
      tags: ['epcis'],
      summary: 'A capture job: whether it finished, succeeded, and what was wrong',
      security: [{ bearer: [] }],
      params: EpcisCaptureJobParams,
      response: { 200: CaptureJob, ...problems },
    },
    handler: async (request) => epcis.job(request.principal!, request.params.captureID),
  });

  r.get('/events', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'epcisEvents',
      tags: ['epcis'],
      summary: 'EPCIS events visible to the caller, filtered by SimpleEventQuery parameters',
      description:
        'List parameters may repeat or separate values with "|". Paging: follow the `Link: <…>; rel="next"` ' +
        'header, or pass its `nextPageToken` with the same parameters.',
      security: [{ bearer: [] }],
      querystring: EpcisEventQuery,
      response: { 200: EPCISQueryDocument, ...problems },
      responseContent: NEGOTIATED_QUERY_RESPONSE,
    },
    handler: async (request, reply) => events(request, reply, {}),
  });

  /** The events query, with `extra` filters from the path of a resource's /events. */
  async function events(request: FastifyRequest, reply: FastifyReply, extra: Record<string, string[]>) {
    const query = toEventQuery({ ...(request.query as z.infer<typeof EpcisEventQuery>), ...extra });
    const page = await queryEvents(epcis, request.principal!, query);
    linkNextPage(request, reply, page.nextPageToken);
    return negotiatedDocument(request, reply, queryDocument(page.events));
  }

  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    const filter = COLLECTIONS[name].filter;
    r.get(`/${name}`, {
      preHandler: app.requireRole(...ALL_ROLES),
      schema: {
        operationId: `epcis${name[0]!.toUpperCase()}${name.slice(1)}`,
        tags: ['epcis'],
        summary: `The ${name} in the events visible to the caller, in code-point order`,
        description:
          name === 'epcs'
            ? 'Instance-level EPCs as captured (EPC URNs or GS1 Digital Link URIs). Paging: follow the `Link: <…>; rel="next"` header.'
            : 'Paging: follow the `Link: <…>; rel="next"` header.',
        security: [{ bearer: [] }],
        querystring: EpcisPagingQuery,
        response: { 200: EpcisCollection, ...problems },
      },
      handler: async (request, reply) => {
        const page = await epcis.collection(request.principal!, name, request.query);
        linkNextPage(request, reply, page.nextPageToken);
        return { '@context': EPCIS_CONTEXT, type: 'Collection' as const, member: page.members };
      },
    });
    r.get(`/${name}/:value/events`, {
      preHandler: app.requireRole(...ALL_ROLES),
      schema: {
        operationId: `epcis${name[0]!.toUpperCase()}${name.slice(1)}Events`,
        tags: ['epcis'],
        summary: `Events with this ${name.replace(/s$/, '')} (percent-encode it), as GET /events?${filter}=…`,
        security: [{ bearer: [] }],
        params: EpcisResourceParams,
        querystring: EpcisEventQuery,
        response: { 200: EPCISQueryDocument, ...problems },
        responseContent: NEGOTIATED_QUERY_RESPONSE,
      },
      handler: async (request, reply) => events(request, reply, { [filter]: [request.params.value] }),
    });
  }

  r.get('/eventTypes/:eventType/events', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'epcisEventTypesEvents',
      tags: ['epcis'],
      summary: 'Events of one type, as GET /events?eventType=…',
      security: [{ bearer: [] }],
      params: EpcisEventTypeParams,
      querystring: EpcisEventQuery,
      response: { 200: EPCISQueryDocument, ...problems },
      responseContent: NEGOTIATED_QUERY_RESPONSE,
    },
    handler: async (request, reply) => events(request, reply, { eventType: [request.params.eventType] }),
  });

  r.get('/events/:eventID', {
    preHandler: app.requireRole(...ALL_ROLES),
    schema: {
      operationId: 'epcisEvent',
      tags: ['epcis'],
      summary: 'One EPCIS event by its eventID or CBV 2.0 event hash ID',
      security: [{ bearer: [] }],
      params: EpcisEventParams,
      response: { 200: EPCISQueryDocument, ...problems },
      responseContent: NEGOTIATED_QUERY_RESPONSE,
    },
    handler: async (request, reply) =>
      negotiatedDocument(
        request,
        reply,
        queryDocument(await epcis.event(request.principal!, request.params.eventID)),
      ),
  });

  r.get('/eventTypes', {
    schema: {
      operationId: 'epcisEventTypes',
      tags: ['epcis'],
      summary: 'The EPCIS event types this repository stores',
      response: {
        200: EpcisCollection,
      },
    },
    handler: async () => ({
      '@context': EPCIS_CONTEXT,
      type: 'Collection' as const,
      member: [...EPCIS_EVENT_TYPES],
    }),
  });
}
