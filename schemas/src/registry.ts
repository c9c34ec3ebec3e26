import { hasValidCheckDigit } from '@groundtruth/quantity';
import { z } from 'zod';
import { safeText } from './common.ts';
import { pageParameters } from './paging.ts';

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = safeText().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as GH');

export const Uuid = z.uuid();

/** GS1 check digit (mod 10) of a GLN or GTIN. */
export const hasValidGs1CheckDigit = hasValidCheckDigit;

export const OrganisationKind = z.enum(['brand', 'supplier', 'auditor']);

/**
 * Where an organisation's site is: a GeoJSON Point on WGS84, RFC 7946 §3.1.2, with the positions in
 * RFC 7946 §3.1.1 order — longitude first. A latitude beyond ±90 is most often a swapped pair, so the
 * message says which order is expected. No altitude: a site on a map needs none.
 */
export const SiteLocation = z
  .object({
    type: z.literal('Point'),
    coordinates: z.tuple([
      z
        .number()
        .min(-180, 'longitude must be between -180 and 180 ([longitude, latitude], RFC 7946)')
        .max(180, 'longitude must be between -180 and 180 ([longitude, latitude], RFC 7946)'),
      z
        .number()
        .min(-90, 'latitude must be between -90 and 90 ([longitude, latitude], RFC 7946)')
        .max(90, 'latitude must be between -90 and 90 ([longitude, latitude], RFC 7946)'),
    ]),
  })
  .strict()
  .describe('the site as a GeoJSON Point, [longitude, latitude] in degrees on WGS84 (RFC 7946)');

/** A postal address on one line, as a buyer would write it on a purchase order. */
const AddressLine = safeText().trim().min(1).max(300);

export const OrganisationInput = z
  .object({
    name: safeText().trim().min(1).max(300),
    kind: OrganisationKind,
    country: CountryCode,
    role: z
      .enum(['manufacturer', 'processor', 'trader', 'exporter', 'importer', 'cooperative', 'farm', 'other'])
      .optional()
      .describe('what a supplier does in the chain'),
    identifiers: z
      .object({
        gln: safeText()
          .regex(/^\d{13}$/, 'a GLN has 13 digits')
          .refine(hasValidGs1CheckDigit, 'GLN check digit is wrong')
          .optional(),
        lei: safeText()
          .regex(/^[A-Z0-9]{18}\d{2}$/, 'an LEI has 20 characters (ISO 17442)')
          .optional(),
        nationalRegistration: safeText().trim().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
    managedBy: Uuid.optional().describe(
      'the organisation that keeps this supplier’s records (admin only; a procurement team’s registrations are kept by its own organisation)',
    ),
    location: SiteLocation.optional().describe(
      'where its site is (the warehouse, plant or office its goods pass through); committed in the log, shown only to those who may see the organisation',
    ),
    address: AddressLine.optional().describe('the site’s address on one line; committed like the location'),
  })
  .strict()
  .meta({ id: 'NewOrganisation' });

export const Organisation = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: OrganisationKind,
    country: CountryCode,
    role: z.string().nullable(),
    identifiers: z.record(z.string(), z.string()),
    managedBy: Uuid.nullable().describe(
      'the organisation that keeps this supplier’s records and writes for it; null when it keeps its own',
    ),
    location: SiteLocation.nullable().describe('where its site is; null when not recorded'),
    address: z.string().nullable().describe('the site’s address on one line; null when not recorded'),
    entryIndex: z.number().int().nonnegative().describe('index of the ledger entry that registered it'),
  })
  .meta({ id: 'Organisation' });

/** The fields of an organisation its own users, its keeper or an admin may change (decision 0013). */
export const OrganisationUpdate = z
  .object({
    name: OrganisationInput.shape.name.optional(),
    country: CountryCode.optional(),
    role: OrganisationInput.shape.role.unwrap().nullable().optional(),
    identifiers: z
      .object({
        gln: OrganisationInput.shape.identifiers.unwrap().shape.gln.unwrap().nullable().optional(),
        lei: OrganisationInput.shape.identifiers.unwrap().shape.lei.unwrap().nullable().optional(),
        nationalRegistration: OrganisationInput.shape.identifiers
          .unwrap()
          .shape.nationalRegistration.unwrap()
          .nullable()
          .optional(),
      })
      .strict()
      .optional()
      .describe('each identifier given replaces the current one; null removes it; those left out stay'),
    location: SiteLocation.nullable().optional().describe('the site’s new location; null removes it'),
    address: AddressLine.nullable().optional().describe('the site’s new address; null removes it'),
  })
  .strict()
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'name at least one field to change',
  })
  .meta({ id: 'OrganisationUpdate' });

export const ManagerInput = z
  .object({
    managerId: Uuid.nullable().describe('the new keeper of the records, or null: the supplier keeps its own'),
  })
  .strict()
  .meta({ id: 'NewManager' });

export const Commodity = z.enum(['cocoa', 'coffee', 'oil_palm', 'soya', 'cattle', 'rubber', 'wood']);

export const RelationshipInput = z
  .object({
    buyerId: Uuid,
    supplierId: Uuid,
    commodity: Commodity,
  })
  .strict()
  .meta({ id: 'NewRelationship' });

export const RelationshipStatus = z
  .enum(['proposed', 'accepted', 'rejected'])
  .describe('only an accepted relationship extends visibility or carries goods');

export const Relationship = z
  .object({
    id: Uuid,
    buyerId: Uuid,
    supplierId: Uuid,
    commodity: Commodity,
    status: RelationshipStatus,
    proposedBy: z
      .enum(['buyer', 'supplier'])
      .nullable()
      .describe('the side that proposed it; null when declared by someone acting for both sides'),
    entryIndex: z.number().int().nonnegative().describe('index of the ledger entry of its latest step'),
  })
  .meta({ id: 'Relationship' });

export const RelationshipDecisionInput = z
  .object({ reason: safeText().trim().min(1).max(2000).optional().describe('kept on the ledger entry') })
  .strict()
  .meta({ id: 'NewRelationshipDecision' });

export const RelationshipProposals = z
  .object({
    organisationId: Uuid,
    proposals: z.array(
      Relationship.extend({
        proposerName: z
          .string()
          .describe('public name of the proposing side; the other side’s name is not shown to the proposer'),
      }),
    ),
  })
  .meta({ id: 'RelationshipProposals' });

export const SupplyChain = z
  .object({
    organisationId: Uuid,
    suppliers: z.array(
      z.object({
        organisation: Organisation,
        tier: z
          .number()
          .int()
          .positive()
          .describe('shortest distance from this organisation along declared relationships'),
      }),
    ),
  })
  .meta({ id: 'SupplyChain' });

/** RFC 7946 geometry as submitted; the EUDR rules are checked by @groundtruth/geo. */
export const PlotGeometry = z.object({
  type: z.enum(['Point', 'Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()).max(10_000),
});

export const PlotInput = z
  .object({
    organisationId: Uuid.describe('the supplier (farm or cooperative) the plot belongs to'),
    name: safeText().trim().min(1).max(200).optional(),
    commodity: Commodity,
    country: CountryCode,
    geometry: PlotGeometry,
    declaredAreaHectares: z.number().positive().max(1_000_000).optional(),
  })
  .strict()
  .meta({ id: 'NewPlot' });

export const Plot = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    name: z.string().nullable(),
    commodity: Commodity,
    country: CountryCode,
    geometry: PlotGeometry,
    areaHectares: z
      .string()
      .describe('geodesic area on WGS84 (Polygon) or the declared area (Point), 6 decimals'),
    areaSource: z.enum(['geodesic', 'declared']),
    declaredAreaHectares: z.string().nullable(),
    findings: z.array(z.record(z.string(), z.unknown())),
    entryIndex: z.number().int().nonnegative(),
  })
  .meta({ id: 'Plot' });

/** GET /v1/organisations: filters of the organisations the caller may see. */
export const OrganisationListQuery = z
  .object({
    kind: OrganisationKind.optional(),
    country: CountryCode.optional(),
    name: safeText().trim().min(1).max(300).optional().describe('name prefix, case-insensitive'),
    ...pageParameters,
  })
  .strict();

/** GET /v1/organisations/{id}/plots. */
export const OrganisationPlotsQuery = z
  .object({ commodity: Commodity.optional(), ...pageParameters })
  .strict();
