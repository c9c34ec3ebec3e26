// What the contact routes read. Raw SQL rather than drizzle (decision 0033): the contact.erased
// projection maps the row its UPDATE … RETURNING * hands back with the same toContact, so reads and
// that write share one row type until the projector registry takes the write.
import type { SqlExecutor } from '@groundtruth/db';
import { toBase64Url } from '@groundtruth/ledger';

export interface ContactRow {
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

export const toContact = (r: ContactRow) => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  role: r.role,
  commitment: toBase64Url(new Uint8Array(r.commitment)),
  erased: r.erased_at !== null,
  entryIndex: Number(r.entry_index),
});

export function createContactStore(db: SqlExecutor) {
  return {
    /** An organisation's contacts in the order they were added. */
    list: (organisationId: string) =>
      db.query<ContactRow>('SELECT * FROM contacts WHERE organisation_id = $1 ORDER BY entry_index', [
        organisationId,
      ]),

    byId: async (organisationId: string, contactId: string): Promise<ContactRow | undefined> =>
      (
        await db.query<ContactRow>('SELECT * FROM contacts WHERE id = $1 AND organisation_id = $2', [
          contactId,
          organisationId,
        ])
      )[0],
  };
}
