// EPCIS 2.0 REST binding: named queries (`/queries`) and webhook subscriptions to them
// (`/queries/{queryName}/subscriptions`). Registered inside the /epcis routes, so they carry the
// GS1-EPCIS-Version and GS1-CBV-Version headers too. Decision 0026.
import {
  EPCISQueryDocument,
  EpcisDeadLetter,
  EpcisPagingQuery,
  EpcisQueryDefinition,
  EpcisQueryEventsQuery,
  EpcisQueryParams,
  EpcisSubscription,
  EpcisSubscriptionParams,
  NewEpcisQuery,
  NewEpcisSubscription,
  Problem,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { linkNextPage, PAGING_DESCRIPTION } from '../../paging.ts';
import { type StreamOptions, streamNamedQuery } from './event-stream.ts';
import { eventsDocument, type NamedQuery, type QueryService } from './queries.ts';
import type { SubscriptionService } from './subscriptions.ts';
import { NEGOTIATED_QUERY_RESPONSE, negotiatedDocument } from './xml-binding.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const ALL_ROLES = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'] as const;

const definitionOf = (q: NamedQuery) => ({
  name: q.name,
  query: q.query as Record<string, unknown>,
  createdAt: q.createdAt,
  entryIndex: q.entryIndex,
});

export default async function epcisQueryRoutes(
  app: FastifyInstance,
  {
    queries,
    subscriptions,
    stream,
  }: { queries: QueryService; subscriptions: SubscriptionService; stream: StreamOptions },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const gate = app.requireRole(...ALL_ROLES);

  r.post('/queries', {
    preHandler: gate,
    schema: {
      operationId: 'epcisCreateQuery',
      tags: ['epcis'],
      summary: "Create a named query: a view on the events the caller's organisation may see",
      description:
        'The query takes the parameters of GET /events (but paging), checked the same way. The name is the ' +
        "organisation's own: other organisations may use it too. Recorded as a ledger entry.",
      security: [{ bearer: [] }],
      body: NewEpcisQuery,
      response: { 201: EpcisQueryDefinition, ...problems, 409: Problem },
    },
    handler: async (request, reply) => {
      const query = await queries.create(request.principal!, request.body.name, request.body.query);
      return reply
        .code(201)
        .header('location', `/epcis/queries/${encodeURIComponent(query.name)}`)
        .send(definitionOf(query));
    },
  });

  r.get('/queries', {
    preHandler: gate,
    schema: {
      operationId: 'epcisQueries',
      tags: ['epcis'],
      summary: "The caller's organisation's named queries, by name",
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      querystring: EpcisPagingQuery,
      response: { 200: z.array(EpcisQueryDefinition), ...problems },
    },
    handler: async (request, reply) => {
      const page = await queries.list(request.principal!, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.queries.map(definitionOf);
    },
  });

  r.get('/queries/:queryName', {
    preHandler: gate,
    schema: {
      operationId: 'epcisQuery',
      tags: ['epcis'],
      summary: 'A named query: its name and parameters',
      security: [{ bearer: [] }],
      params: EpcisQueryParams,
      response: { 200: EpcisQueryDefinition, ...problems },
    },
    handler: async (request) => definitionOf(await queries.get(request.principal!, request.params.queryName)),
  });

  r.delete('/queries/:queryName', {
    preHandler: gate,
    schema: {
      operationId: 'epcisDeleteQuery',
      tags: ['epcis'],
      summary: 'Delete a named query and end every subscription to it',
      security: [{ bearer: [] }],
      params: EpcisQueryParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await queries.remove(request.principal!, request.params.queryName);
      return reply.code(204).send(null);
    },
  });

  r.route({
    method: 'GET',
    url: '/queries/:queryName/events',
    preHandler: [
      gate,
      async (request) => {
        const { stream, initialRecordTime } = request.query;
        // GS1: a WebSocket subscription says `stream=true` (schedules are not offered); a plain GET
        // takes neither parameter.
        if (request.ws && stream !== 'true')
          throw badRequest('invalid query parameter stream: a WebSocket subscription needs stream=true', [
            { in: 'query', pointer: '/stream', detail: 'must be true to subscribe over a WebSocket' },
          ]);
        if (!request.ws && (stream !== undefined || initialRecordTime !== undefined))
          throw badRequest('stream and initialRecordTime subscribe over a WebSocket (Upgrade: websocket)', [
            {
              in: 'query',
              pointer: stream !== undefined ? '/stream' : '/initialRecordTime',
              detail: 'only with Upgrade: websocket',
            },
          ]);
        // Refused before the upgrade, with a status, when the query is not the caller's.
        if (request.ws) await queries.get(request.principal!, request.params.queryName);
      },
    ],
    schema: {
      operationId: 'epcisQueryEvents',
      tags: ['epcis'],
      summary: "The named query's events, as GET /events with its parameters answers the caller",
      description:
        'Paging: follow the `Link: <…>; rel="next"` header, or pass its `nextPageToken`. With `Upgrade: websocket` ' +
        'and `stream=true` the connection is a subscription: each event recorded from `initialRecordTime` on ' +
        '(default: now) that the query matches for the caller arrives as one EPCISQueryDocument message, in ' +
        'record order; the socket closes with 4404 when the query is deleted and 1008 when the token expires.',
      security: [{ bearer: [] }],
      params: EpcisQueryParams,
      querystring: EpcisQueryEventsQuery,
      response: { 200: EPCISQueryDocument, ...problems, 413: Problem },
      responseContent: NEGOTIATED_QUERY_RESPONSE,
    },
    handler: async (request, reply) => {
      const page = await queries.events(request.principal!, request.params.queryName, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return negotiatedDocument(request, reply, eventsDocument(page.events, request.params.queryName));
    },
    wsHandler: (socket, request) =>
      streamNamedQuery(
        socket,
        request.principal!,
        request.params.queryName,
        request.query.initialRecordTime
          ? new Date(request.query.initialRecordTime).toISOString()
          : new Date().toISOString(),
        stream,
      ),
  });

  r.post('/queries/:queryName/subscriptions', {
    preHandler: gate,
    schema: {
      operationId: 'epcisSubscribe',
      tags: ['epcis'],
      summary:
        'Subscribe a webhook to a named query: each matching event recorded from now on is POSTed to it',
      description:
        'Each POST carries one event in an EPCISQueryDocument, `GS1-Signature: sha256=<hex HMAC-SHA256 of the ' +
        'body under signatureToken>` and `Groundtruth-Delivery-ID` (the same on every retry of that event: ' +
        'deduplicate on it). At least once: any answer but 2xx is retried with exponential backoff, and after ' +
        'the last attempt the delivery is listed under deadLetters. `dest` must be https:// and reach a public ' +
        'address. Scheduled subscriptions are not offered: `stream` must be true.',
      security: [{ bearer: [] }],
      params: EpcisQueryParams,
      body: NewEpcisSubscription,
      response: { 201: EpcisSubscription, ...problems },
    },
    handler: async (request, reply) => {
      const subscription = await subscriptions.create(
        request.principal!,
        request.params.queryName,
        request.body,
      );
      return reply
        .code(201)
        .header(
          'location',
          `/epcis/queries/${encodeURIComponent(request.params.queryName)}/subscriptions/${subscription.subscriptionID}`,
        )
        .send(subscription);
    },
  });

  r.get('/queries/:queryName/subscriptions', {
    preHandler: gate,
    schema: {
      operationId: 'epcisSubscriptions',
      tags: ['epcis'],
      summary: "The named query's live subscriptions (their secrets are never shown)",
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      params: EpcisQueryParams,
      querystring: EpcisPagingQuery,
      response: { 200: z.array(EpcisSubscription), ...problems },
    },
    handler: async (request, reply) => {
      const page = await subscriptions.list(request.principal!, request.params.queryName, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.subscriptions;
    },
  });

  r.get('/queries/:queryName/subscriptions/:subscriptionID', {
    preHandler: gate,
    schema: {
      operationId: 'epcisSubscription',
      tags: ['epcis'],
      summary: 'One subscription: where it delivers, when it last did, what is pending or dead',
      security: [{ bearer: [] }],
      params: EpcisSubscriptionParams,
      response: { 200: EpcisSubscription, ...problems },
    },
    handler: async (request) =>
      subscriptions.get(request.principal!, request.params.queryName, request.params.subscriptionID),
  });

  r.delete('/queries/:queryName/subscriptions/:subscriptionID', {
    preHandler: gate,
    schema: {
      operationId: 'epcisUnsubscribe',
      tags: ['epcis'],
      summary: 'Unsubscribe: nothing more is delivered',
      security: [{ bearer: [] }],
      params: EpcisSubscriptionParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await subscriptions.remove(request.principal!, request.params.queryName, request.params.subscriptionID);
      return reply.code(204).send(null);
    },
  });

  r.get('/queries/:queryName/subscriptions/:subscriptionID/deadLetters', {
    preHandler: gate,
    schema: {
      operationId: 'epcisSubscriptionDeadLetters',
      tags: ['epcis'],
      summary: 'Deliveries given up after every retry, oldest first',
      description: PAGING_DESCRIPTION,
      security: [{ bearer: [] }],
      params: EpcisSubscriptionParams,
      querystring: EpcisPagingQuery,
      response: { 200: z.array(EpcisDeadLetter), ...problems },
    },
    handler: async (request, reply) => {
      const page = await subscriptions.deadLetters(
        request.principal!,
        request.params.queryName,
        request.params.subscriptionID,
        request.query,
      );
      linkNextPage(request, reply, page.nextPageToken);
      return page.deadLetters;
    },
  });
}
