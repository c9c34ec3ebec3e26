import { z } from 'zod';
import { safeText } from './common.ts';
import { Uuid } from './registry.ts';

export const Role = z.enum(['admin', 'procurement', 'compliance', 'auditor', 'supplier']);

export const UserInput = z
  .object({
    organisationId: Uuid.optional().describe('required for every role but admin'),
    role: Role,
    displayName: safeText().trim().min(1).max(200),
    email: z.email().max(320).optional(),
  })
  .strict()
  .refine((u) => u.role === 'admin' || u.organisationId !== undefined, {
    message: 'this role needs an organisation',
    path: ['organisationId'],
  })
  .meta({ id: 'NewUser' });

export const User = z
  .object({
    id: Uuid,
    organisationId: Uuid.nullable(),
    role: Role,
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    entryIndex: z.number().int(),
  })
  .meta({ id: 'User' });

export const TokenRequest = z
  .object({
    ttl: safeText()
      .regex(/^\d{1,4}[mhd]$/, 'like 30m, 12h or 90d')
      .default('12h'),
  })
  .strict();

export const IssuedToken = z
  .object({ token: z.string(), jti: Uuid, expiresAt: z.string() })
  .meta({ id: 'IssuedToken' });

/** `/v1/tokens/{jti}`: a token by its JWT ID. */
export const TokenParams = z.object({ jti: Uuid });
