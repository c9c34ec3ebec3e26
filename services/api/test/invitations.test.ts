// Two-sided onboarding (issue 13 item 5, decision 0013): invitations a supplier redeems for its first
// user, and the supplier updating its own details. Every refusal also proves nothing was written.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../src/access.ts';
import { createInvitationService } from '../src/domains/relationships/invitations/service.ts';
import { buildTestApp, openedEntry, type TestApp } from './helper.ts';

describe('invitations and supplier self-service', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string | undefined, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const count = async (table: string) =>
    Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  /** What a refusal must leave unchanged: the ledger and every table these routes write. */
  const state = async () => ({
    ledger: await count('ledger_entries'),
    invitations: await count('invitations'),
    users: await count('users'),
    tokens: await count('api_tokens'),
    organisations: JSON.stringify(
      await t.runtime.db.query('SELECT id, name, country, role, identifiers FROM organisations ORDER BY id'),
    ),
    redeemed: await count('invitations WHERE redeemed_at IS NOT NULL OR revoked_at IS NOT NULL'),
  });
  // The newest entries with their committed fields opened, as their owner reads them.
  const lastEntries = async (n: number) => {
    const rows = await t.runtime.db.query<{ i: string }>(
      'SELECT idx::text AS i FROM ledger_entries ORDER BY idx DESC LIMIT $1',
      [n],
    );
    return Promise.all(rows.reverse().map((r) => openedEntry(t, BigInt(r.i))));
  };
  const invite = async (token: string, organisationId: string, extra: object = {}) => {
    const res = await send('POST', '/v1/invitations', token, {
      organisationId,
      displayName: 'Ama Mensah',
      email: 'ama@coop.example',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string; link: string; status: string; expiresAt: string };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    Object.assign(
      ids,
      await t.seedOrganisations(
        { brand: 'brand', strangerBrand: 'brand', partner: 'supplier', stranger: 'supplier' },
        [['brand', 'partner']],
      ),
    );
    tok.procurement = await t.token('procurement', { organisationId: ids.brand, subject: 'user:proc-a' });
    tok.compliance = await t.token('compliance', { organisationId: ids.brand });
    tok.strangerProcurement = await t.token('procurement', { organisationId: ids.strangerBrand });
    // A cooperative the brand's procurement team registers: the brand keeps its records.
    const kept = await send('POST', '/v1/organisations', tok.procurement, {
      name: 'Coop Kept',
      kind: 'supplier',
      country: 'GH',
      role: 'cooperative',
    });
    expect(kept.statusCode, kept.body).toBe(201);
    ids.kept = kept.json().id;
  });
  afterAll(() => t.close());

  it('round trip: procurement invites, the supplier redeems, renames itself and submits its onboarding', async () => {
    const onboarding = await send('POST', '/v1/onboarding', tok.procurement, {
      brandId: ids.brand,
      supplierId: ids.partner,
    });
    expect(onboarding.statusCode, onboarding.body).toBe(201);

    const before = await count('ledger_entries');
    const created = await invite(tok.procurement!, ids.partner!, { expiresInDays: 7 });
    expect(created.status).toBe('pending');
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.link).toMatch(/\/v1\/invitations\/redemption#token=[A-Za-z0-9_-]{43}$/);
    expect(created.link.endsWith(created.token)).toBe(true);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Only the digest is stored; the entry has neither the token nor the invitee's name or e-mail.
    const [stored] = await t.runtime.db.query<{ token_sha256: Uint8Array }>(
      'SELECT token_sha256 FROM invitations WHERE id = $1',
      [created.id],
    );
    expect(Buffer.from(stored!.token_sha256).toString('hex')).toBe(
      createHash('sha256').update(created.token).digest('hex'),
    );
    expect(await count('ledger_entries')).toBe(before + 1);
    const [entry] = await lastEntries(1);
    expect(entry).toMatchObject({
      type: 'invitation.created',
      subject: `invitation:${created.id}`,
      actor: 'user:proc-a',
      body: { organisation: `organisation:${ids.partner}`, role: 'supplier', expiresAt: created.expiresAt },
    });
    const entryText = JSON.stringify(entry);
    for (const secret of [
      created.token,
      'ama@coop.example',
      'Ama Mensah',
      Buffer.from(stored!.token_sha256).toString('hex'),
    ])
      expect(entryText).not.toContain(secret);

    // The inviter lists it.
    const listed = await send(
      'GET',
      `/v1/invitations?organisation=${ids.partner}&status=pending`,
      tok.procurement,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect(listed.json()[0]).toMatchObject({ email: 'ama@coop.example', displayName: 'Ama Mensah' });
    expect(listed.json()[0]).not.toHaveProperty('token');

    // Redeemed without a bearer token.
    const redeemed = await send('POST', '/v1/invitations/redemption', undefined, { token: created.token });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const { user, token } = redeemed.json();
    expect(user).toMatchObject({
      organisationId: ids.partner,
      role: 'supplier',
      displayName: 'Ama Mensah',
      email: 'ama@coop.example',
    });
    const types = (await lastEntries(3)).map((e) => [e.type, e.actor]);
    expect(types).toEqual([
      ['user.created', `user:${user.id}`],
      ['token.issued', `user:${user.id}`],
      ['invitation.redeemed', `user:${user.id}`],
    ]);
    expect((await lastEntries(1))[0]!.body).toEqual({
      organisation: `organisation:${ids.partner}`,
      user: `user:${user.id}`,
    });
    // The invitation no longer keeps the personal data: it moved to the user.
    const after = (await send('GET', `/v1/invitations?organisation=${ids.partner}`, tok.procurement)).json();
    expect(after[0]).toMatchObject({
      status: 'redeemed',
      redeemedUserId: user.id,
      email: null,
      displayName: null,
    });

    // The new user sees the brand's invitation in its onboarding queue …
    const queue = await send('GET', '/v1/onboarding?status=invited', token.token);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toEqual([
      expect.objectContaining({ brandId: ids.brand, supplierId: ids.partner, status: 'invited' }),
    ]);
    // … the invitation that brought it in …
    const mine = await send('GET', '/v1/invitations', token.token);
    expect(mine.json().map((i: { id: string }) => i.id)).toEqual([created.id]);
    // … renames its organisation and adds its GLN …
    const patched = await send('PATCH', `/v1/organisations/${ids.partner}`, token.token, {
      name: 'Partner Cooperative Union',
      identifiers: { gln: '4012345000009' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Partner Cooperative Union',
      identifiers: { gln: '4012345000009' },
    });
    const [updated] = await lastEntries(1);
    expect(updated).toMatchObject({
      type: 'organisation.updated',
      subject: `organisation:${ids.partner}`,
      actor: `user:${user.id}`,
      body: {
        from: { name: 'partner', identifiers: {} },
        to: { name: 'Partner Cooperative Union', identifiers: { gln: '4012345000009' } },
      },
    });
    expect((await send('GET', `/v1/organisations/${ids.partner}`, tok.procurement)).json().name).toBe(
      'Partner Cooperative Union',
    );
    // … and submits its onboarding.
    const submitted = await send(
      'POST',
      `/v1/onboarding/${ids.brand}/${ids.partner}/transitions`,
      token.token,
      {
        to: 'submitted',
        reason: 'our details are complete',
      },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
  });

  it('refuses a second redemption, an unknown, a revoked and an expired token, writing nothing', async () => {
    const used = await invite(tok.procurement!, ids.kept!);
    expect(
      (await send('POST', '/v1/invitations/redemption', undefined, { token: used.token })).statusCode,
    ).toBe(201);
    const revoked = await invite(tok.procurement!, ids.kept!);
    const revocation = await send('POST', `/v1/invitations/${revoked.id}/revocation`, tok.procurement);
    expect(revocation.statusCode, revocation.body).toBe(200);
    expect(revocation.json()).toMatchObject({ status: 'revoked', email: null, displayName: null });
    expect((await lastEntries(1))[0]).toMatchObject({
      type: 'invitation.revoked',
      subject: `invitation:${revoked.id}`,
    });
    const expired = await invite(tok.procurement!, ids.kept!);
    await t.runtime.db.query(
      "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [expired.id],
    );

    for (const [token, status] of [
      [used.token, 410],
      [revoked.token, 410],
      [expired.token, 410],
      ['A'.repeat(43), 404],
    ] as const) {
      const before = await state();
      const res = await send('POST', '/v1/invitations/redemption', undefined, { token });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await state()).toEqual(before);
    }
    // A malformed body names the field.
    const before = await state();
    const bad = await send('POST', '/v1/invitations/redemption', undefined, { token: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ pointer: '/token' })]);
    // Revoking twice, or a redeemed invitation, is a conflict.
    for (const id of [revoked.id, used.id]) {
      const again = await send('POST', `/v1/invitations/${id}/revocation`, tok.procurement);
      expect(again.statusCode, again.body).toBe(409);
    }
    expect(await state()).toEqual(before);
    const listed = await send(
      'GET',
      `/v1/invitations?organisation=${ids.kept}&status=expired`,
      tok.procurement,
    );
    expect(listed.json().map((i: { id: string }) => i.id)).toEqual([expired.id]);
  });

  it('redeems a token once when two redemptions race', async () => {
    const created = await invite(tok.procurement!, ids.kept!);
    const before = await state();
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => send('POST', '/v1/invitations/redemption', undefined, { token: created.token })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 410, 410, 410]);
    const after = await state();
    expect(after.users).toBe(before.users + 1);
    expect(after.tokens).toBe(before.tokens + 1);
    expect(after.ledger).toBe(before.ledger + 3);
    const [row] = await t.runtime.db.query<{ redeemed_user_id: string }>(
      'SELECT redeemed_user_id FROM invitations WHERE id = $1',
      [created.id],
    );
    expect(row!.redeemed_user_id).toBe(answers.find((a) => a.statusCode === 201)!.json().user.id);
  });

  it('writes nothing when the invitation was redeemed between the check and the append', async () => {
    // Deterministic on both databases: the service's first read sees the invitation as it was before
    // another redemption won, so only the guard inside the append stands between it and a second user.
    const created = await invite(tok.procurement!, ids.kept!);
    const digest = createHash('sha256').update(created.token).digest();
    const stale = await t.runtime.db.query(
      'SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.token_sha256 = $1',
      [digest],
    );
    expect(
      (await send('POST', '/v1/invitations/redemption', undefined, { token: created.token })).statusCode,
    ).toBe(201);
    const staleDb = {
      ...t.runtime.db,
      query: (<T extends object>(text: string, params?: unknown[]) =>
        text.includes('WHERE i.token_sha256 = $1')
          ? Promise.resolve(stale as T[])
          : t.runtime.db.query<T>(text, params)) as typeof t.runtime.db.query,
    };
    const late = createInvitationService({
      db: staleDb,
      writer: t.runtime.writer,
      access: createAccess(t.runtime.db),
      tokenKeys: t.runtime.tokenKeys,
    });
    const before = await state();
    await expect(late.redeem({ token: created.token })).rejects.toMatchObject({ status: 410 });
    expect(await state()).toEqual(before);
  });

  it('lets only the keeper, a buyer (before the supplier has users) or an admin invite', async () => {
    const cases: [string, string | undefined, object, number][] = [
      ['anonymous', undefined, { organisationId: ids.stranger }, 401],
      [
        'a stranger brand, for a supplier it cannot see',
        tok.strangerProcurement,
        { organisationId: ids.partner },
        404,
      ],
      [
        'procurement, an unknown id',
        tok.procurement,
        { organisationId: '00000000-0000-4000-8000-000000000000' },
        404,
      ],
      ['procurement, a supplier it cannot see', tok.procurement, { organisationId: ids.stranger }, 404],
      ['compliance (reads only)', tok.compliance, { organisationId: ids.kept }, 403],
      // The partner has a user now (the round trip): a mere buyer no longer invites into it.
      ['a buyer, once the supplier has users', tok.procurement, { organisationId: ids.partner }, 403],
      ['a brand, not a supplier', tok.admin, { organisationId: ids.brand }, 400],
      ['too long an expiry', tok.procurement, { organisationId: ids.kept, expiresInDays: 91 }, 400],
      ['an e-mail that is not one', tok.procurement, { organisationId: ids.kept, email: 'nope' }, 400],
    ];
    for (const [who, token, body, status] of cases) {
      const before = await state();
      const res = await send('POST', '/v1/invitations', token, { displayName: 'X', ...body });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
      if (status === 404) expect(res.json().detail).toBe('not found');
      expect(await state(), who).toEqual(before);
    }
    const bad = await send('POST', '/v1/invitations', tok.procurement, {
      organisationId: ids.kept,
      displayName: 'X',
      expiresInDays: 91,
    });
    expect(bad.json().errors).toEqual([expect.objectContaining({ pointer: '/expiresInDays' })]);
    // The keeper may invite into a supplier that already has users; an admin into any supplier.
    await invite(tok.procurement!, ids.kept!);
    await invite(tok.admin!, ids.stranger!);
    // A stranger cannot list or revoke someone else's invitation.
    const theirs = await invite(tok.procurement!, ids.kept!);
    expect((await send('GET', '/v1/invitations', tok.strangerProcurement)).json()).toEqual([]);
    const before = await state();
    const res = await send('POST', `/v1/invitations/${theirs.id}/revocation`, tok.strangerProcurement);
    expect(res.statusCode).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('lets an organisation’s own users, its keeper and an admin PATCH its details, and nobody else', async () => {
    const supplierUser = await t.token('supplier', { organisationId: ids.kept });
    // The keeper's procurement team.
    const byKeeper = await send('PATCH', `/v1/organisations/${ids.kept}`, tok.procurement, {
      country: 'CI',
      role: 'exporter',
    });
    expect(byKeeper.statusCode, byKeeper.body).toBe(200);
    expect(byKeeper.json()).toMatchObject({ country: 'CI', role: 'exporter', kind: 'supplier' });
    expect((await lastEntries(1))[0]!.body).toEqual({
      from: { country: 'GH', role: 'cooperative' },
      to: { country: 'CI', role: 'exporter' },
    });
    // Its own user removes an identifier it set (null removes), an admin sets a name.
    expect(
      (
        await send('PATCH', `/v1/organisations/${ids.kept}`, supplierUser, {
          identifiers: { lei: '5493001KJTIIGC8Y1R12' },
        })
      ).statusCode,
    ).toBe(200);
    const removed = await send('PATCH', `/v1/organisations/${ids.kept}`, supplierUser, {
      identifiers: { lei: null },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().identifiers).toEqual({});
    expect(
      (await send('PATCH', `/v1/organisations/${ids.kept}`, tok.admin, { name: 'Coop K' })).statusCode,
    ).toBe(200);
    // Nothing changed: no entry.
    let before = await state();
    const same = await send('PATCH', `/v1/organisations/${ids.kept}`, supplierUser, { name: 'Coop K' });
    expect(same.statusCode).toBe(200);
    expect(await state()).toEqual(before);

    const refusals: [string, string | undefined, string, object, number, string?][] = [
      ['anonymous', undefined, ids.kept!, { name: 'Y' }, 401],
      ['a stranger', tok.strangerProcurement, ids.kept!, { name: 'Y' }, 404],
      ['a buyer that only sees it', tok.procurement, ids.partner!, { name: 'Y' }, 403],
      ['compliance of the keeper', tok.compliance, ids.kept!, { name: 'Y' }, 403],
      ['another supplier', supplierUser, ids.partner!, { name: 'Y' }, 404],
      ['the kind', supplierUser, ids.kept!, { kind: 'brand' }, 400, '/kind'],
      ['an empty body', supplierUser, ids.kept!, {}, 400, '/'],
      ['a blank name', supplierUser, ids.kept!, { name: '  ' }, 400, '/name'],
      ['a bad country', supplierUser, ids.kept!, { country: 'Ghana' }, 400, '/country'],
      [
        'a bad GLN',
        supplierUser,
        ids.kept!,
        { identifiers: { gln: '4012345000008' } },
        400,
        '/identifiers/gln',
      ],
      ['an unknown role', supplierUser, ids.kept!, { role: 'smuggler' }, 400, '/role'],
      ['the keeper', supplierUser, ids.kept!, { managedBy: null }, 400, '/managedBy'],
    ];
    for (const [what, token, id, body, status, pointer] of refusals) {
      before = await state();
      const res = await send('PATCH', `/v1/organisations/${id}`, token, body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      if (pointer !== undefined)
        expect(
          res.json().errors.map((e: { pointer: string }) => e.pointer),
          what,
        ).toContain(pointer);
      expect(await state(), what).toEqual(before);
    }
  });
});
