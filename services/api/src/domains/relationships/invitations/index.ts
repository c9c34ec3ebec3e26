// Invitations (decision 0013): a procurement team (or an admin) invites a supplier's first user with a
// single-use, expiring token; the invitee redeems it, unauthenticated, and becomes a supplier user
// with a token of its own. Only the token's SHA-256 is stored; the invitee's name and e-mail stay off
// the ledger.
import {
  CreatedInvitation,
  IdParams,
  InvitationListQuery,
  NewSupplierInvitation,
  Problem,
  Redemption,
  RedemptionInput,
  SupplierInvitation,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkNextPage, PAGING_DESCRIPTION } from '../../../paging.ts';
import type { InvitationService } from './service.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export default async function invitationRoutes(
  app: FastifyInstance,
  { invitations }: { invitations: InvitationService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/invitations', {
    preHandler: app.requireRole('admin', 'procurement'),
    schema: {
      operationId: 'inviteSupplierUser',
      tags: ['onboarding'],
      summary: 'Invite a supplier’s first user: a single-use, expiring token, shown once',
      description:
        'For a supplier the caller’s organisation keeps, or buys from along an accepted relationship ' +
        '(while the supplier has no user yet). The answer carries the token and a link once; only the ' +
        'token’s SHA-256 is stored. The invitation is an `invitation.created` entry without the token, ' +
        'name or e-mail.',
      security: [{ bearer: [] }],
      body: NewSupplierInvitation,
      response: { 201: CreatedInvitation, ...problems },
    },
    handler: async (request, reply) => {
      const created = await invitations.create(request.principal!, request.body);
      // The token travels in the fragment, which browsers never send to a server or log.
      const link = `${request.protocol}://${request.host}/v1/invitations/redemption#token=${created.token}`;
      return reply.code(201).send({ ...created, link });
    },
  });

  r.get('/invitations', {
    preHandler: app.requireRole('admin', 'procurement', 'supplier'),
    schema: {
      operationId: 'listInvitations',
      tags: ['onboarding'],
      summary: 'Invitations the caller’s organisation made, or those to it; newest last',
      description: `An admin sees all. ${PAGING_DESCRIPTION}`,
      security: [{ bearer: [] }],
      querystring: InvitationListQuery,
      response: { 200: z.array(SupplierInvitation), ...problems },
    },
    handler: async (request, reply) => {
      const page = await invitations.list(request.principal!, request.query);
      linkNextPage(request, reply, page.nextPageToken);
      return page.rows;
    },
  });

  r.post('/invitations/:id/revocation', {
    preHandler: app.requireRole('admin', 'procurement'),
    schema: {
      operationId: 'revokeInvitation',
      tags: ['onboarding'],
      summary: 'Revoke a pending invitation (its inviting organisation or an admin); the token dies at once',
      security: [{ bearer: [] }],
      params: IdParams,
      response: { 200: SupplierInvitation, ...problems },
    },
    handler: async (request) => invitations.revoke(request.principal!, request.params.id),
  });

  r.post('/invitations/redemption', {
    schema: {
      operationId: 'redeemInvitation',
      tags: ['onboarding'],
      summary: 'Redeem an invitation (no bearer token): creates the supplier’s user and returns its token',
      description:
        'Single-use: of two redemptions of one token exactly one succeeds. An unknown token answers 404; ' +
        'a redeemed, revoked or expired one 410; neither writes anything.',
      body: RedemptionInput,
      response: { 201: Redemption, 400: Problem, 404: Problem, 410: Problem },
    },
    handler: async (request, reply) => reply.code(201).send(await invitations.redeem(request.body)),
  });
}
