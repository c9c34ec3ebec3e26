import { z } from 'zod';
import { Gtin } from './traceability.ts';

// What a brand lets the public passport show (issue 14 item 3, docs/decisions/0022-passport-policy.md).
// A policy bounds the facts a batch claim may carry: a claim holds only what its brand's policy allowed
// when it was published, so nothing outside the policy reaches the page, its JSON or the log's
// published disclosures.

/** The facts a batch claim can carry, each a committed field of batch.claim_published. */
export const BATCH_CLAIMS = [
  'originCountry',
  'tracedShare',
  'originFarms',
  'supplyChain',
  'evidence',
  'findings',
] as const;
export type BatchClaim = (typeof BATCH_CLAIMS)[number];

export const PassportPolicyInput = z
  .object({
    origin: z
      .enum(['hidden', 'countries', 'countries_and_farms'])
      .describe(
        'countries of the farms; with farms, also how many farms and their total area (never their boundaries)',
      ),
    tracedShare: z.boolean().describe('the share of the lot traced to registered farms'),
    suppliers: z
      .enum(['hidden', 'roles', 'names'])
      .describe('the upstream suppliers by tier: their role and country, or also their names'),
    evidence: z
      .enum(['hidden', 'counts', 'thumbnails'])
      .describe(
        'how many farms have recent reality snapshots and the latest capture date; with thumbnails, also small copies of up to six recent photos',
      ),
    findings: z
      .enum(['hidden', 'words', 'numbers'])
      .describe('open findings on the lot, in plain words; with numbers, also how many and what share'),
  })
  .strict()
  .meta({ id: 'PassportPolicySettings' });
export type PassportPolicyValues = z.infer<typeof PassportPolicyInput>;

/** What applies until a brand says otherwise: origin by country, traced share, roles, counts, words. */
export const DEFAULT_PASSPORT_POLICY: PassportPolicyValues = {
  origin: 'countries',
  tracedShare: true,
  suppliers: 'roles',
  evidence: 'counts',
  findings: 'words',
};

export const PassportPolicy = PassportPolicyInput.extend({
  scope: z
    .enum(['default', 'organisation', 'product'])
    .describe('where the policy in force comes from: the product’s own, its brand’s, or the default'),
  entryIndex: z.number().int().nullable().describe('the passport_policy.set entry, null for the default'),
})
  .strict()
  .meta({ id: 'PassportPolicy' });

/** The claims a policy allows, in BATCH_CLAIMS order. */
export function claimsAllowed(policy: PassportPolicyValues): BatchClaim[] {
  const allowed: Record<BatchClaim, boolean> = {
    originCountry: policy.origin !== 'hidden',
    tracedShare: policy.tracedShare,
    originFarms: policy.origin === 'countries_and_farms',
    supplyChain: policy.suppliers !== 'hidden',
    evidence: policy.evidence !== 'hidden',
    findings: policy.findings !== 'hidden',
  };
  return BATCH_CLAIMS.filter((c) => allowed[c]);
}

/** `/products/{gtin}/passport-policy`. */
export const ProductPolicyParams = z.object({ gtin: Gtin });

// A lot's passport as a W3C Verifiable Credential (decision 0022): drafted by the service, signed by the
// product's organisation with its own registered key, sent back as a compact JWS.

/** What the organisation signs, and with which of its keys. */
export const PassportCredentialDraft = z
  .object({
    claimEntryIndex: z.number().int(),
    credential: z.record(z.string(), z.unknown()).describe('the JWS payload, exactly'),
    protectedHeader: z.object({ typ: z.literal('vc+jwt'), cty: z.literal('vc') }),
    keys: z
      .array(z.object({ kid: z.string(), alg: z.enum(['EdDSA', 'ES256']) }))
      .describe('the organisation’s keys that may sign it: use one as the header’s kid and alg'),
  })
  .meta({ id: 'PassportCredentialDraft' });

/** The credential its organisation signed: POST it back to issue it. */
export const PassportCredentialInput = z
  .object({
    jws: z
      .string()
      .max(256 * 1024)
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a JWS in compact serialisation'),
  })
  .strict()
  .meta({ id: 'SignedPassportCredential' });

/** The issued credential's entry, the claim it was drafted from, and where it is served. */
export const IssuedPassportCredential = z
  .object({ entryIndex: z.number().int(), claimEntryIndex: z.number().int(), url: z.string() })
  .meta({ id: 'IssuedPassportCredential' });
