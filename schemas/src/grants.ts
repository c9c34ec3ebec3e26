// Auditor grants: a brand lets an auditing organisation read the chain that feeds it.
import { z } from 'zod';
import { Uuid } from './registry.ts';

export const AuditorGrantInput = z.object({ auditorId: Uuid }).strict().meta({ id: 'NewAuditorGrant' });

export const AuditorGrant = z
  .object({ brandId: Uuid, auditorId: Uuid, entryIndex: z.number().int() })
  .meta({ id: 'AuditorGrant' });

/** `/v1/organisations/{brandId}/auditor-grants/{auditorId}`. */
export const AuditorGrantParams = z.object({ brandId: Uuid, auditorId: Uuid });
