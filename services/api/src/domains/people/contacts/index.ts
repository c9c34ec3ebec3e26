// Supplier contacts are personal data (ARCHITECTURE: "personal data stays off-ledger"). The contact
// is a confidential field of its contact.added entry, so the log holds only its salted digest and the
// disclosure lives in ledger_disclosures, like every other confidential field
// (docs/decisions/0011-selective-disclosure.md). Erasure deletes the disclosure and the projection's
// copy; the entry, and so every checkpoint, stays valid.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import { toBase64Url } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { Contact, ContactInput, ContactList, ContactParams, IdParams, Problem } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from '../../../access.ts';
import { notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import { createContactStore, toContact } from './store.ts';

export default async function contactRoutes(
  app: FastifyInstance,
  { db, writer, access }: { db: SqlExecutor; writer: LedgerWriter; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = createContactStore(db);
  const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

  r.post('/:id/contacts', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'addContact',
      tags: ['registry'],
      summary: 'Add a contact person (personal data, kept off the ledger)',
      security: [{ bearer: [] }],
      params: IdParams,
      body: ContactInput,
      response: { 201: Contact, ...problems },
    },
    handler: async (request, reply) => {
      await access.requireWritable(request.principal!, request.params.id);
      const id = randomUUID();
      const c = request.body;
      let commitment = '';
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'contact.added',
        subject: `contact:${id}`,
        // `contact` is confidential (ENTRY_POLICIES): only its salted digest enters the tree.
        body: {
          organisation: `organisation:${request.params.id}`,
          contact: Object.fromEntries(
            Object.entries(c).filter((kv): kv is [string, string] => kv[1] !== undefined),
          ),
        },
        conflict: `contact ${id} already exists`,
        // The response tells the caller its commitment: the digest the log holds for `contact`.
        after: async (_tx, logged) => {
          commitment = logged.disclosures[0]!.digest;
        },
      });
      return reply.code(201).send({
        id,
        organisationId: request.params.id,
        name: c.name,
        email: c.email ?? null,
        phone: c.phone ?? null,
        role: c.role ?? null,
        commitment,
        erased: false,
        entryIndex,
      });
    },
  });

  r.get('/:id/contacts', {
    preHandler: app.requireRole('admin', 'procurement', 'compliance', 'supplier'),
    schema: {
      operationId: 'listContacts',
      summary: 'The contact people of an organisation (personal data)',
      tags: ['registry'],
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: ContactList, ...problems },
    },
    handler: async (request) => {
      await access.requireVisible(request.principal!, request.params.id);
      return { contacts: (await store.list(request.params.id)).map(toContact) };
    },
  });

  r.delete('/:id/contacts/:contactId', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'eraseContact',
      tags: ['registry'],
      summary:
        'Erase a contact’s personal data (right to erasure); the ledger keeps only the now-unlinkable commitment',
      security: [{ bearer: [] }],
      params: ContactParams,
      response: { 200: Contact, ...problems },
    },
    handler: async (request) => {
      await access.requireWritable(request.principal!, request.params.id);
      const row = await store.byId(request.params.id, request.params.contactId);
      if (!row) throw notFound(`contact ${request.params.contactId} not found`);
      if (row.erased_at) return toContact(row);
      await appendRecord(writer, request.principal!, {
        type: 'contact.erased',
        subject: `contact:${row.id}`,
        body: {
          organisation: `organisation:${row.organisation_id}`,
          commitment: toBase64Url(new Uint8Array(row.commitment)),
        },
        conflict: 'already erased',
      });
      const erased = await store.byId(request.params.id, row.id);
      return toContact(erased!);
    },
  });
}
