import { z } from 'zod';
import { safeText } from './common.ts';
import { Uuid } from './registry.ts';

export const ContactInput = z
  .object({
    name: safeText().trim().min(1).max(200),
    email: z.email().max(320).optional(),
    phone: safeText()
      .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +233201234567')
      .optional(),
    role: safeText().trim().max(100).optional(),
  })
  .strict()
  .meta({ id: 'NewContact' });

export const Contact = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: z.string().nullable(),
    commitment: z
      .string()
      .describe(
        'the SD-JWT digest (base64url SHA-256 of the disclosure [salt, "contact", contact]) in the _sd array of the contact.added entry',
      ),
    erased: z.boolean(),
    entryIndex: z.number().int(),
  })
  .meta({ id: 'Contact' });

/** `/v1/organisations/{id}/contacts/{contactId}`. */
export const ContactParams = z.object({ id: Uuid, contactId: Uuid });

export const ContactList = z.object({ contacts: z.array(Contact) }).meta({ id: 'ContactList' });
