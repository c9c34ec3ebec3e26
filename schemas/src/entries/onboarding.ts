// Entries of supplier onboarding (domains/relationships/onboarding).
import { z } from 'zod';
import { OnboardingStatus } from '../onboarding.ts';
import { Commodity } from '../registry.ts';
import { defineEntry, ref } from './define.ts';

export const ONBOARDING_ENTRIES = [
  defineEntry({
    type: 'onboarding.transitioned',
    version: 1,
    description: 'A supplier’s onboarding with a brand moves from one status to the next (first: from null).',
    body: z
      .object({
        brand: ref('organisation'),
        supplier: ref('organisation'),
        from: OnboardingStatus.nullable(),
        to: OnboardingStatus,
        reason: z.string().nullable(),
      })
      .strict(),
    writtenBy: ['POST /v1/onboarding', 'POST /v1/onboarding/{brandId}/{supplierId}/transitions'],
  }),
  defineEntry({
    type: 'evidence_requirement.set',
    version: 1,
    description: 'A brand requires a kind of evidence from its suppliers of a commodity, at a stage.',
    body: z
      .object({
        commodity: Commodity,
        key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
        description: z.string(),
        stage: z.enum(['onboarding', 'procurement', 'annual']),
      })
      .strict(),
    writtenBy: ['POST /v1/organisations/{brandId}/evidence-requirements'],
  }),
];
