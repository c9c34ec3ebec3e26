import {
  ConfirmedTransferReceipt,
  EventInput,
  EventVoidInput,
  IdParams,
  Problem,
  RecordedTraceEvent,
  TransferReceiptInput,
  VoidedTraceEvent,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal } from '../../../auth.ts';
import type { EventService } from './service.ts';

export default async function eventRoutes(
  app: FastifyInstance,
  {
    events,
    afterHarvest,
    afterConversion,
  }: {
    events: EventService;
    /** Re-checks a harvest's plot: after it is recorded, and after it is voided. */
    afterHarvest?: (principal: Principal, eventId: string) => Promise<void>;
    /** Re-checks a transfer's or transformation's conservation: after it is recorded or voided. */
    afterConversion?: (principal: Principal, eventId: string) => Promise<void>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'recordTraceEvent',
      tags: ['traceability'],
      summary:
        'Record a harvest, transfer, transformation or loss; its output batches are created with it. A consumption beyond what a batch holds is 409',
      security: [{ bearer: [] }],
      body: EventInput,
      response: {
        201: RecordedTraceEvent,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
      },
    },
    handler: async (request, reply) => {
      const recorded = await events.record(request.principal!, request.body);
      if (request.body.type === 'harvest') await afterHarvest?.(request.principal!, recorded.eventId);
      if (request.body.type === 'transfer' || request.body.type === 'transformation')
        await afterConversion?.(request.principal!, recorded.eventId);
      return reply.code(201).send(recorded);
    },
  });

  r.post('/:id/void', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'voidTraceEvent',
      tags: ['traceability'],
      summary:
        'Void an event by a new entry naming it, with why (EPCIS errorDeclaration); 409 while events that consumed its outputs stand',
      security: [{ bearer: [] }],
      params: IdParams,
      body: EventVoidInput,
      response: {
        201: VoidedTraceEvent,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
      },
    },
    handler: async (request, reply) => {
      const voided = await events.voidEvent(request.principal!, request.params.id, request.body);
      if (voided.type === 'harvest') await afterHarvest?.(request.principal!, voided.eventId);
      if (voided.type === 'transfer' || voided.type === 'transformation')
        await afterConversion?.(request.principal!, voided.eventId);
      return reply.code(201).send(voided);
    },
  });

  r.post('/:id/receipt', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'confirmTransferReceipt',
      tags: ['traceability'],
      summary:
        'The receiver confirms a transfer with what arrived (once); the shortfall becomes a recorded loss on the received batch',
      security: [{ bearer: [] }],
      params: IdParams,
      body: TransferReceiptInput,
      response: {
        201: ConfirmedTransferReceipt,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await events.confirmReceipt(request.principal!, request.params.id, request.body)),
  });
}
