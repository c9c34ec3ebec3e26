// Supplier contacts are personal data: kept in an erasable table, committed to on the ledger by a
// salted hash only (ARCHITECTURE: "personal data stays off-ledger"). Erasure removes the data and the
// salt; the entry, and so every checkpoint, stays valid.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@groundtruth/db';
import { canonicalJson } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import { Contact, ContactInput, Problem, Uuid } from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import { notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';

interface ContactRow {
  id: string;
  organisation_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
  commitment: Uint8Array;
  entry_index: string | number;
  erased_at: Date | null;
}

const toContact = (r: ContactRow) => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  role: r.role,
  commitment: Buffer.from(r.commitment).toString('hex'),
  erased: r.erased_at !== null,
  entryIndex: Number(r.entry_index),
});

/** SHA-256(salt ‖ canonical JSON of the contact): binds the entry to the data without revealing it. */
export function contactCommitment(salt: Uint8Array, contact: z.output<typeof ContactInput>): Buffer {
  return createHash('sha256').update(salt).update(canonicalJson(contact)).digest();
}

const Params = z.object({ id: Uuid });
const ContactParams = z.object({ id: Uuid, contactId: Uuid });

export default async function contactRoutes(
  app: FastifyInstance,
  { db, writer, access }: { db: SqlExecutor; writer: LedgerWriter; access: Access },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

  r.post('/:id/contacts', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'addContact',
      tags: ['registry'],
      summary: 'Add a contact person (personal data, kept off the ledger)',
      security: [{ bearer: [] }],
      params: Params,
      body: ContactInput,
      response: { 201: Contact, ...problems },
    },
    handler: async (request, reply) => {
      await access.requireWritable(request.principal!, request.params.id);
      const id = randomUUID();
      const salt = randomBytes(32);
      const commitment = contactCommitment(salt, request.body);
      const c = request.body;
      const entryIndex = await appendRecord(writer, request.principal!, {
        type: 'contact.added',
        subject: `contact:${id}`,
        // Only the commitment is logged: no name, phone or e-mail ever enters the tree.
        body: { organisation: `organisation:${request.params.id}`, commitment: commitment.toString('hex') },
        conflict: `contact ${id} already exists`,
        project: async (tx, index) => {
          await tx.query(
            `INSERT INTO contacts (id, organisation_id, name, email, phone, role, salt, commitment, entry_index)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              id,
              request.params.id,
              c.name,
              c.email ?? null,
              c.phone ?? null,
              c.role ?? null,
              salt,
              commitment,
              index.toString(),
            ],
          );
        },
      });
      return reply.code(201).send({
        id,
        organisationId: request.params.id,
        name: c.name,
        email: c.email ?? null,
        phone: c.phone ?? null,
        role: c.role ?? null,
        commitment: commitment.toString('hex'),
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
      params: Params,
      response: { 200: z.object({ contacts: z.array(Contact) }), ...problems },
    },
    handler: async (request) => {
      await access.requireVisible(request.principal!, request.params.id);
      const rows = await db.query<ContactRow>(
        'SELECT * FROM contacts WHERE organisation_id = $1 ORDER BY entry_index',
        [request.params.id],
      );
      return { contacts: rows.map(toContact) };
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
      const [row] = await db.query<ContactRow>(
        'SELECT * FROM contacts WHERE id = $1 AND organisation_id = $2',
        [request.params.contactId, request.params.id],
      );
      if (!row) throw notFound(`contact ${request.params.contactId} not found`);
      if (row.erased_at) return toContact(row);
      let erased: ContactRow | undefined;
      await appendRecord(writer, request.principal!, {
        type: 'contact.erased',
        subject: `contact:${row.id}`,
        body: {
          organisation: `organisation:${row.organisation_id}`,
          commitment: Buffer.from(row.commitment).toString('hex'),
        },
        conflict: 'already erased',
        project: async (tx) => {
          [erased] = await tx.query<ContactRow>(
            `UPDATE contacts SET name = NULL, email = NULL, phone = NULL, role = NULL, salt = NULL, erased_at = now()
             WHERE id = $1 RETURNING *`,
            [row.id],
          );
        },
      });
      return toContact(erased!);
    },
  });
}
