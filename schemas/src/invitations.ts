// Invitations (decision 0013): a supplier's first user joins by redeeming a single-use, expiring token.
import { z } from 'zod';
import { safeText } from './common.ts';
import { pageParameters } from './paging.ts';
import { Uuid } from './registry.ts';
import { IssuedToken, User } from './users.ts';

export const MAX_INVITATION_DAYS = 90;
export const DEFAULT_INVITATION_DAYS = 14;

export const InvitationStatus = z.enum(['pending', 'redeemed', 'revoked', 'expired']);

export const NewSupplierInvitation = z
  .object({
    organisationId: Uuid.describe('the supplier whose first user is invited'),
    displayName: safeText().trim().min(1).max(200).describe('the invitee’s name (kept off the ledger)'),
    email: z.email().max(320).optional().describe('the invitee’s e-mail (kept off the ledger)'),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_INVITATION_DAYS)
      .default(DEFAULT_INVITATION_DAYS)
      .describe(`days until the token expires (default ${DEFAULT_INVITATION_DAYS})`),
  })
  .strict()
  .meta({ id: 'NewSupplierInvitation' });

export const SupplierInvitation = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    organisationName: z.string(),
    invitedBy: z.string().describe('who invited: `user:<id>` or an operator name'),
    inviterOrganisationId: Uuid.nullable(),
    displayName: z
      .string()
      .nullable()
      .describe('null once redeemed or revoked (it moved to the user, or was erased)'),
    email: z.string().nullable(),
    status: InvitationStatus,
    expiresAt: z.string(),
    createdAt: z.string(),
    redeemedUserId: Uuid.nullable(),
    entryIndex: z.number().int().nonnegative().describe('index of the `invitation.created` entry'),
  })
  .meta({ id: 'SupplierInvitation' });

export const CreatedInvitation = SupplierInvitation.extend({
  token: z.string().describe('the secret the invitee redeems; shown once, only its SHA-256 is kept'),
  link: z
    .string()
    .describe('where to redeem it: POST the token (from the fragment) as `{"token": …}` to this path'),
}).meta({ id: 'CreatedInvitation' });

export const RedemptionInput = z
  .object({
    token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'an invitation token is 43 base64url characters')
      .describe('the invitation token'),
    displayName: safeText().trim().min(1).max(200).optional().describe('defaults to the invitation’s'),
    email: z.email().max(320).optional().describe('defaults to the invitation’s'),
  })
  .strict()
  .meta({ id: 'NewRedemption' });

export const Redemption = z.object({ user: User, token: IssuedToken }).meta({ id: 'Redemption' });

/** GET /v1/invitations. */
export const InvitationListQuery = z
  .object({
    organisation: Uuid.optional().describe('only invitations to this supplier'),
    status: InvitationStatus.optional(),
    ...pageParameters,
  })
  .strict();
