import { z } from 'zod';
import { safeText } from './common.ts';
import { pageParameters } from './paging.ts';
import { Commodity, Uuid } from './registry.ts';

export const OnboardingStatus = z.enum([
  'invited',
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'suspended',
]);

export const InvitationInput = z
  .object({ brandId: Uuid, supplierId: Uuid })
  .strict()
  .meta({ id: 'NewInvitation' });

export const TransitionInput = z
  .object({
    to: OnboardingStatus,
    reason: safeText().trim().min(1).max(2000).describe('why: kept on the ledger entry'),
  })
  .strict()
  .meta({ id: 'NewOnboardingTransition' });

export const EvidenceRequirementInput = z
  .object({
    commodity: Commodity,
    key: safeText().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case identifier such as site_reality_snapshot'),
    description: safeText().trim().min(1).max(500),
    stage: z.enum(['onboarding', 'procurement', 'annual']),
  })
  .strict()
  .meta({ id: 'NewEvidenceRequirement' });

export const Onboarding = z
  .object({
    brandId: Uuid,
    supplierId: Uuid,
    status: OnboardingStatus,
    history: z.array(
      z.object({
        status: OnboardingStatus,
        reason: z.string().nullable(),
        actor: z.string(),
        at: z.string(),
        entryIndex: z.number().int(),
      }),
    ),
    requirements: z.array(
      z.object({
        commodity: Commodity,
        key: z.string(),
        description: z.string(),
        stage: z.string(),
        met: z
          .boolean()
          .describe(
            'the supplier has an attested reality snapshot in force (for annual ones: captured in the last 12 months)',
          ),
        attestations: z.array(z.string()).describe('the attestations that meet it'),
      }),
    ),
  })
  .meta({ id: 'Onboarding' });

/** One row of the onboarding queue: where a supplier stands with a brand, with both names. */
export const OnboardingSummary = z
  .object({
    brandId: Uuid,
    brandName: z.string(),
    supplierId: Uuid,
    supplierName: z.string(),
    status: OnboardingStatus,
    reason: z.string().nullable().describe('the reason given with the last transition'),
    updatedAt: z.string().describe('when the status last changed (RFC 3339)'),
    entryIndex: z.number().int().describe('the ledger entry of the last transition'),
  })
  .meta({ id: 'OnboardingSummary' });

/** GET /v1/onboarding: `status` takes one value or several, comma-separated. */
export const OnboardingListQuery = z
  .object({
    brand: Uuid.optional(),
    supplier: Uuid.optional(),
    status: z
      .union([safeText(), z.array(safeText())])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')))
      .pipe(z.array(OnboardingStatus).min(1).max(6))
      .optional(),
    ...pageParameters,
  })
  .strict();

/** `/v1/onboarding/{brandId}/{supplierId}`: one brand–supplier pair. */
export const OnboardingParams = z.object({ brandId: Uuid, supplierId: Uuid });
