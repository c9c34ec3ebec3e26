// Entries of the EPCIS repository (decision 0026): an organisation's named queries and the webhook
// subscriptions to them (domains/epcis/query-routes.ts). The subscriber's secret is never logged.
import { z } from 'zod';
import { Role } from '../users.ts';
import { dateTime, defineEntry, ref } from './define.ts';

const queryRef = z
  .string()
  .regex(/^epcis-query:[0-9a-f-]{36}$/, 'must be epcis-query:<uuid>')
  .describe('epcis-query reference');

export const EPCIS_QUERY_ENTRIES = [
  defineEntry({
    type: 'epcis.query_created',
    version: 1,
    description: 'An organisation saved a named EPCIS query (its parameters as checked at creation).',
    body: z
      .object({
        organisation: ref('organisation'),
        name: z.string().min(1),
        query: z.record(z.string(), z.json()).describe('the EPCIS query parameters'),
      })
      .strict(),
    writtenBy: ['POST /epcis/queries'],
  }),
  defineEntry({
    type: 'epcis.query_deleted',
    version: 1,
    description: 'A named query was deleted; its subscriptions end in the same append.',
    body: z.object({ organisation: ref('organisation') }).strict(),
    writtenBy: ['DELETE /epcis/queries/{queryName}'],
  }),
  defineEntry({
    type: 'epcis.subscription_created',
    version: 1,
    description: 'A webhook subscription to a named query: where matching events are delivered, from when.',
    body: z
      .object({
        organisation: ref('organisation'),
        query: queryRef,
        dest: z.url().describe('the subscriber’s URL'),
        initialRecordTime: dateTime,
        // Optional only so that entries logged before it was added stay valid (decision 0031, amended).
        role: Role.optional().describe(
          'the subscriber’s role in its organisation: whose visibility deliveries are evaluated with',
        ),
      })
      .strict(),
    writtenBy: ['POST /epcis/queries/{queryName}/subscriptions'],
  }),
  defineEntry({
    type: 'epcis.subscription_deleted',
    version: 1,
    description: 'A subscription ended: unsubscribed, or its query deleted.',
    body: z
      .object({ organisation: ref('organisation'), reason: z.enum(['unsubscribed', 'query_deleted']) })
      .strict(),
    writtenBy: [
      'DELETE /epcis/queries/{queryName}/subscriptions/{subscriptionID}',
      'DELETE /epcis/queries/{queryName}',
    ],
  }),
];
