// Entries that make facts public or citable: disclosures published from the log, batch claims and the
// passport policies that bound them, passport credentials, and upstream EUDR statements
// (domains/disclosure/disclosures, domains/passport/{policies,credentials}, domains/deforestation/eudr).
import { z } from 'zod';
import { CountryCode } from '../registry.ts';
import { compactJws, dateTime, decimalText, defineEntry, entryIndex, kid, ref } from './define.ts';

const share = z.number().min(0).max(1).describe('a fraction, as a JSON number');
const tier = z.number().int().nullable().describe('distance upstream; null when not on a declared path');

export const PUBLICATION_ENTRIES = [
  defineEntry({
    type: 'disclosure.published',
    version: 1,
    description: 'Committed fields of an earlier entry are made public (their disclosures published).',
    body: z
      .object({
        organisation: ref('organisation').nullable().describe('the owner of the entry; null for an admin’s'),
        entry: entryIndex,
        entryType: z.string(),
        fields: z.array(z.string()).describe('field paths, sorted'),
      })
      .strict(),
    writtenBy: ['POST /v1/disclosures/publications'],
  }),
  defineEntry({
    type: 'batch.claim_published',
    version: 1,
    description:
      'A brand’s public claim about a batch: the facts its passport policy allows, published as logged.',
    body: z
      .object({
        organisation: ref('organisation'),
        batch: ref('batch'),
        treeSize: z.number().int().nonnegative().describe('the log size the facts were computed at'),
        policy: entryIndex.nullable().describe('the passport_policy.set entry; null for the default'),
        originCountry: z.array(CountryCode).optional(),
        tracedShare: share.optional(),
        originFarms: z
          .object({ count: z.number().int().nonnegative(), hectares: decimalText })
          .strict()
          .optional(),
        supplyChain: z
          .array(
            z.union([
              z
                .object({ tier, role: z.string().nullable(), country: CountryCode, name: z.string() })
                .strict(),
              z
                .object({
                  tier,
                  role: z.string().nullable(),
                  country: CountryCode,
                  count: z.number().int().positive(),
                })
                .strict(),
            ]),
          )
          .optional(),
        evidence: z
          .object({
            farms: z.number().int().nonnegative(),
            farmsWithSnapshots: z.number().int().nonnegative(),
            snapshots: z.number().int().nonnegative(),
            latestCapture: dateTime.nullable(),
            photos: z
              .array(
                z
                  .object({
                    thumbnail: z.string().regex(/^[0-9a-f]{64}$/),
                    width: z.number().int().positive(),
                    height: z.number().int().positive(),
                    media: z.string().regex(/^[0-9a-f]{64}$/),
                    attestationEntry: entryIndex,
                    capturedAt: dateTime,
                    country: CountryCode,
                  })
                  .strict(),
              )
              .optional(),
          })
          .strict()
          .optional(),
        findings: z
          .array(
            z
              .object({
                kind: z
                  .string()
                  .describe('untraced, yield, deforestation, balance, records, evidence, other'),
                count: z.number().int().nonnegative().optional(),
                share: share.optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict(),
    writtenBy: ['POST /v1/disclosures/publications'],
  }),
  defineEntry({
    type: 'passport_policy.set',
    version: 1,
    description: 'What a brand lets its passports show, for all its products or one GTIN.',
    body: z
      .object({
        organisation: ref('organisation'),
        origin: z.enum(['hidden', 'countries', 'countries_and_farms']),
        tracedShare: z.boolean(),
        suppliers: z.enum(['hidden', 'roles', 'names']),
        evidence: z.enum(['hidden', 'counts', 'thumbnails']),
        findings: z.enum(['hidden', 'words', 'numbers']),
      })
      .strict(),
    writtenBy: ['PUT /v1/organisations/{id}/passport-policy', 'PUT /v1/products/{gtin}/passport-policy'],
  }),
  defineEntry({
    type: 'passport.credential_issued',
    version: 1,
    description: 'A signed passport credential for a lot, stating exactly the lot’s current claim.',
    body: z
      .object({
        organisation: ref('organisation'),
        batch: ref('batch'),
        claim: entryIndex.describe('the batch.claim_published entry'),
        kid,
        jws: compactJws,
      })
      .strict(),
    writtenBy: ['POST /v1/batches/{id}/passport-credential'],
  }),
  defineEntry({
    type: 'batch.upstream_statement',
    version: 1,
    description: 'An upstream EUDR due-diligence statement’s numbers, recorded for an incoming batch.',
    body: z
      .object({
        organisation: ref('organisation'),
        batch: ref('batch'),
        referenceNumber: z.string(),
        verificationNumber: z.string(),
      })
      .strict(),
    writtenBy: ['POST /v1/batches/{id}/eudr/upstream-statements'],
  }),
];
