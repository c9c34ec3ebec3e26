// EUDR exports: the plot GeoJSON the EU Information System takes, a due-diligence statement's data,
// and the upstream statements recorded per incoming batch. Field by field with sources: docs/eudr.md.
import { z } from 'zod';
import { safeText } from './common.ts';
import { Uuid } from './registry.ts';

/** An upstream statement's numbers as the Information System issues them (API V3 §7). */
export const UpstreamStatementInput = z
  .object({
    referenceNumber: safeText()
      .regex(
        /^[A-Z0-9]{1,14}$/,
        'an IS reference number is 1–14 capital letters and digits, e.g. 25GHXR3Y2KZ8Q1',
      )
      .describe('the statement’s reference number in the Information System'),
    verificationNumber: safeText()
      .regex(/^[A-Z0-9]{5,35}$/, 'an IS verification number is 5–35 capital letters and digits')
      .describe('its verification number, which the supplier hands on with the reference'),
  })
  .strict()
  .meta({ id: 'NewUpstreamStatement' });

export const UpstreamStatement = z
  .object({
    batchId: Uuid,
    lot: z.string(),
    referenceNumber: z.string(),
    verificationNumber: z.string(),
    entryIndex: z.number().int().describe('the batch.upstream_statement ledger entry'),
    recordedAt: z.string(),
  })
  .meta({ id: 'UpstreamStatement' });

export const ActivityType = z.enum(['IMPORT', 'EXPORT', 'DOMESTIC']);

export const StatementQuery = z
  .object({
    activity: ActivityType.optional().describe(
      'the activity the operator states; derived from the lot’s transfers when left out (IMPORT into an EU operator from outside the EU, DOMESTIC within it)',
    ),
    hsHeading: safeText()
      .regex(/^\d{2}(\d{2}){0,2}$/, 'an HS heading has 2, 4 or 6 digits')
      .optional()
      .describe('the HS heading the operator states; from the lot’s material when left out'),
  })
  .strict();

const Position = z.array(z.number()).length(2);
const IsGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: Position }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

export const EudrFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: Uuid.describe('the plot’s id'),
        properties: z.object({
          ProducerName: z.string().describe('the organisation that mapped the plot'),
          ProducerCountry: z.string().describe('the plot’s country, ISO 3166-1 alpha-2'),
          ProductionPlace: z.string().describe('the plot’s name, or its id when unnamed'),
          Area: z.number().optional().describe('Points only: the declared area in hectares'),
        }),
        geometry: IsGeometry.describe('WGS84 [lon, lat], every coordinate written with six decimals'),
      }),
    ),
  })
  .meta({ id: 'EudrFeatureCollection' });

const GeometryCheck = z.object({
  plotId: z.string(),
  code: z.enum([
    'DUPLICATE_VERTICES_AFTER_TRUNCATION',
    'RING_COLLAPSED_AFTER_TRUNCATION',
    'SELF_INTERSECTION_AFTER_TRUNCATION',
    'HOLES_IGNORED',
    'POINT_AREA_DEFAULTED',
    'POINT_AREA_ABOVE_LIMIT',
    'UNSUPPORTED_GEOMETRY',
  ]),
  severity: z.enum(['error', 'warning', 'info']),
  detail: z.string(),
  pointer: z.string(),
  numbers: z.record(z.string(), z.number()),
});

export const DueDiligenceStatement = z
  .object({
    batchId: Uuid,
    lot: z.string(),
    treeSize: z.number().int().describe('the ledger size the data was read at'),
    operator: z.object({
      organisationId: Uuid,
      name: z.string(),
      country: z.string(),
      identifiers: z.record(z.string(), z.string()),
      eori: z.string().nullable(),
    }),
    statements: z
      .array(
        z.object({
          operatorRole: z.literal('OPERATOR'),
          activityType: ActivityType.nullable(),
          commodities: z.array(
            z.object({
              descriptionOfGoods: z.string(),
              hsHeading: z.string().nullable(),
              netWeight: z.string().nullable().describe('kilograms'),
              supplementaryUnit: z.string().nullable(),
              supplementaryUnitQualifier: z.string().nullable(),
              speciesInfo: z.null(),
              producers: z.array(
                z.object({
                  country: z.string(),
                  name: z.string(),
                  geometryGeojson: z
                    .string()
                    .describe('base64 of the producer’s plots as a FeatureCollection'),
                  plotIds: z.array(z.string()),
                }),
              ),
            }),
          ),
          groupedDeclarations: z.array(
            z.object({ referenceNumber: z.string(), verificationNumber: z.string() }),
          ),
          geometryBytes: z.number().int(),
        }),
      )
      .describe('the V3 API fields, one statement unless the geolocation needs several'),
    notes: z.array(z.string()),
    countriesOfProduction: z.array(z.string()),
    productionPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
    netMass: z.object({
      kilograms: z.string().nullable(),
      quantity: z.object({ value: z.string(), unit: z.string() }),
    }),
    geolocation: z.object({
      complete: z
        .boolean()
        .describe(
          'false when any of the lot is blended with untraced or over-yield volume, or plots are missing',
        ),
      statement: z.string(),
      plots: z.number().int(),
      features: z.number().int(),
      excludedPlotIds: z.array(z.string()),
      withheldPlots: z.number().int(),
      tracedShare: z.number(),
      untracedShare: z.number(),
      untracedKilograms: z.string(),
      checks: z.array(GeometryCheck),
    }),
    upstreamStatements: z.array(UpstreamStatement),
    riskAssessment: z.object({
      conclusion: z.enum(['not_negligible', 'not_concluded']),
      reasons: z.array(z.string()),
      countries: z.array(z.object({ country: z.string(), highRisk: z.boolean() })),
      findings: z.array(
        z.object({
          id: z.string(),
          rule: z.string(),
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          exposure: z.number().nullable(),
        }),
      ),
      deforestation: z
        .object({
          status: z.enum(['not_assessed', 'risk', 'incomplete', 'no_deforestation_detected']),
          detail: z.string(),
          plots: z.number().int(),
          checked: z.number().int(),
          unchecked: z.number().int(),
          verdicts: z.object({
            loss_after_2020: z.number().int(),
            forest_2020: z.number().int(),
            not_covered: z.number().int(),
            partially_covered: z.number().int(),
            no_forest_2020: z.number().int(),
          }),
          datasets: z.array(z.string()),
          checks: z.array(
            z.object({
              plotId: z.string(),
              checkedAt: z.string(),
              verdict: z.enum([
                'not_covered',
                'partially_covered',
                'forest_2020',
                'loss_after_2020',
                'no_forest_2020',
              ]),
              coveredShare: z.number(),
              forestShare: z.number().nullable(),
              lostShare: z.number().nullable(),
              dataset: z.object({ name: z.string(), version: z.string() }),
              findingId: z.string().nullable(),
            }),
          ),
        })
        .describe(
          'the newest forest check of each plot (POST /v1/plots/{id}/forest-check or /v1/batches/{id}/forest-check): never "no deforestation" unless every plot was checked, covered by the map and clear',
        ),
    }),
  })
  .meta({ id: 'DueDiligenceStatement' });
