// Entries of the registry: organisations, their relationships, users and tokens, grants, contacts,
// plots and products. Bodies as domains/registry/{organisations,plots,products}, domains/people/{users,grants,contacts},
// domains/relationships/{relationships,invitations} and the imports write them.
import { z } from 'zod';
import { Commodity, CountryCode, OrganisationKind, SiteLocation } from '../registry.ts';
import { Role } from '../users.ts';
import { bareUuid, dateTime, decimalText, defineEntry, ref } from './define.ts';

const organisationFields = {
  name: z.string(),
  country: CountryCode,
  role: z.string().nullable().describe('e.g. cooperative, exporter; null when not given'),
  identifiers: z.record(z.string(), z.string()).describe('gln, lei, nationalRegistration: those given'),
  location: SiteLocation.nullable().describe('its site, a GeoJSON Point (decision 0030); null when none'),
  address: z.string().nullable().describe('its site’s address on one line; null when none'),
};
const relationship = {
  buyer: ref('organisation'),
  supplier: ref('organisation'),
  commodity: Commodity,
};
const side = z.enum(['buyer', 'supplier']);

export const REGISTRY_ENTRIES = [
  defineEntry({
    type: 'demo.seeded',
    version: 1,
    description: 'The demonstration data was loaded into an empty log (its first entry).',
    body: z.object({ description: z.string() }).strict(),
    writtenBy: ['demo seed'],
  }),
  defineEntry({
    type: 'organisation.registered',
    version: 1,
    description: 'An organisation joined: its kind, who it is, and who keeps its records.',
    body: z
      .object({
        ...organisationFields,
        // Present only when given, so registrations without a site read as they always have.
        location: organisationFields.location.unwrap().optional(),
        address: organisationFields.address.unwrap().optional(),
        kind: OrganisationKind,
        managedBy: ref('organisation').optional().describe('present only for a kept supplier'),
      })
      .strict(),
    writtenBy: ['POST /v1/organisations', 'POST /v1/imports/{kind}', 'demo seed'],
  }),
  defineEntry({
    type: 'organisation.updated',
    version: 1,
    description:
      'Name, country, role, identifiers, location or address changed: the changed fields before and after.',
    body: z
      .object({
        from: z.object(organisationFields).partial().strict(),
        to: z.object(organisationFields).partial().strict(),
      })
      .strict(),
    writtenBy: ['PATCH /v1/organisations/{id}'],
  }),
  defineEntry({
    type: 'organisation.manager_changed',
    version: 1,
    description: 'Another organisation keeps (or no longer keeps) a supplier’s records.',
    body: z.object({ from: ref('organisation').nullable(), to: ref('organisation').nullable() }).strict(),
    writtenBy: ['PUT /v1/organisations/{id}/manager'],
  }),
  defineEntry({
    type: 'organisation.custody_model',
    version: 1,
    description: 'The chain-of-custody model a site declares, with the justification.',
    body: z
      .object({
        model: z.enum(['identity_preserved', 'segregated', 'mass_balance']),
        justification: z.string(),
      })
      .strict(),
    writtenBy: ['PUT /v1/organisations/{id}/custody-model'],
  }),
  defineEntry({
    type: 'relationship.declared',
    version: 1,
    description: 'A supply relationship accepted at once (the writer acts for both sides).',
    body: z.object(relationship).strict(),
    writtenBy: ['POST /v1/relationships', 'POST /v1/imports/{kind}', 'demo seed'],
  }),
  defineEntry({
    type: 'relationship.proposed',
    version: 1,
    description: 'One side proposes a supply relationship; the other side answers.',
    body: z.object({ ...relationship, by: side }).strict(),
    writtenBy: ['POST /v1/relationships'],
  }),
  defineEntry({
    type: 'relationship.accepted',
    version: 1,
    description: 'The other side accepts a proposed relationship: from now on it counts.',
    body: z.object({ ...relationship, by: side, reason: z.string().optional() }).strict(),
    writtenBy: ['POST /v1/relationships/{id}/acceptance'],
  }),
  defineEntry({
    type: 'relationship.rejected',
    version: 1,
    description: 'Either side turns an open proposal down.',
    body: z.object({ ...relationship, by: side, reason: z.string().optional() }).strict(),
    writtenBy: ['POST /v1/relationships/{id}/rejection'],
  }),
  defineEntry({
    type: 'invitation.created',
    version: 1,
    description: 'A supplier is invited to create its first user (no token, name or e-mail logged).',
    body: z
      .object({
        organisation: ref('organisation'),
        role: z.literal('supplier'),
        expiresAt: dateTime,
        inviter: ref('organisation')
          .optional()
          .describe('the inviting organisation; absent when an administrator invited'),
      })
      .strict(),
    writtenBy: ['POST /v1/invitations'],
  }),
  defineEntry({
    type: 'invitation.redeemed',
    version: 1,
    description: 'An invitation was used: the user it created.',
    body: z.object({ organisation: ref('organisation'), user: ref('user') }).strict(),
    writtenBy: ['POST /v1/invitations/redemption'],
  }),
  defineEntry({
    type: 'invitation.revoked',
    version: 1,
    description: 'A pending invitation was withdrawn.',
    body: z.object({ organisation: ref('organisation') }).strict(),
    writtenBy: ['POST /v1/invitations/{id}/revocation'],
  }),
  defineEntry({
    type: 'user.created',
    version: 1,
    description: 'A user with a role, in an organisation (none for an administrator).',
    body: z.object({ organisation: ref('organisation').nullable(), role: Role }).strict(),
    writtenBy: ['POST /v1/users', 'POST /v1/invitations/redemption'],
  }),
  defineEntry({
    type: 'token.issued',
    version: 1,
    description: 'An API token (its id, never its value), derived from a parent token when one issued it.',
    body: z
      .object({
        token: bareUuid.describe('the token’s jti'),
        role: Role,
        expiresAt: dateTime,
        parent: bareUuid.optional().describe('the jti of the token that issued it'),
      })
      .strict(),
    writtenBy: ['POST /v1/users/{id}/tokens', 'POST /v1/invitations/redemption'],
  }),
  defineEntry({
    type: 'token.revoked',
    version: 1,
    description: 'An API token was revoked (and with it the tokens it issued).',
    body: z.object({ token: bareUuid.describe('the token’s jti') }).strict(),
    writtenBy: ['DELETE /v1/tokens/{jti}'],
  }),
  defineEntry({
    type: 'auditor.granted',
    version: 1,
    description: 'A brand lets an auditing organisation read its chain.',
    body: z.object({ auditor: ref('organisation') }).strict(),
    writtenBy: ['POST /v1/organisations/{brandId}/auditor-grants'],
  }),
  defineEntry({
    type: 'auditor.revoked',
    version: 1,
    description: 'A brand ends an auditor’s access.',
    body: z.object({ auditor: ref('organisation') }).strict(),
    writtenBy: ['DELETE /v1/organisations/{brandId}/auditor-grants/{auditorId}'],
  }),
  defineEntry({
    type: 'contact.added',
    version: 1,
    description: 'A contact person of an organisation: personal data, committed whole and erasable.',
    body: z
      .object({
        organisation: ref('organisation'),
        contact: z
          .object({
            name: z.string(),
            email: z.string().optional(),
            phone: z.string().optional(),
            role: z.string().optional(),
          })
          .strict(),
      })
      .strict(),
    writtenBy: ['POST /v1/organisations/{id}/contacts'],
  }),
  defineEntry({
    type: 'contact.erased',
    version: 1,
    description: 'A contact was erased: its disclosure emptied from the log row, its digest left unopenable.',
    body: z
      .object({
        organisation: ref('organisation'),
        commitment: z
          .string()
          .regex(/^[A-Za-z0-9_-]{43}$/)
          .describe('base64url SHA-256: the erased digest'),
      })
      .strict(),
    writtenBy: ['DELETE /v1/organisations/{id}/contacts/{contactId}'],
  }),
  defineEntry({
    type: 'plot.mapped',
    version: 1,
    description: 'A farm plot: its boundary (RFC 7946), area and the EUDR geometry checks’ findings.',
    body: z
      .object({
        organisation: ref('organisation'),
        name: z.string().nullable(),
        commodity: Commodity,
        country: CountryCode,
        geometry: z
          .object({ type: z.enum(['Point', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.json()) })
          .strict()
          .describe('RFC 7946 geometry as submitted'),
        areaHectares: decimalText,
        areaSource: z.enum(['geodesic', 'declared']),
        declaredAreaHectares: decimalText.nullable(),
        findings: z.array(
          z
            .object({
              code: z.literal('AREA_MISMATCH'),
              declaredHectares: decimalText,
              computedHectares: decimalText,
              relativeDifference: decimalText,
              tolerance: z.number().describe('a fraction, as a JSON number'),
            })
            .strict(),
        ),
      })
      .strict(),
    writtenBy: ['POST /v1/plots', 'POST /v1/imports/{kind}', 'demo seed'],
  }),
  defineEntry({
    type: 'product.registered',
    version: 1,
    description: 'A product (GTIN-14) of a brand, for lots and passports.',
    body: z
      .object({
        gtin: z
          .string()
          .regex(/^\d{14}$/)
          .describe('GTIN-14'),
        name: z.string(),
        commodity: Commodity,
        organisation: ref('organisation'),
      })
      .strict(),
    writtenBy: ['POST /v1/products', 'demo seed'],
  }),
];
