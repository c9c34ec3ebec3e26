import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

describe('users and per-user tokens', () => {
  let t: TestApp;
  let admin: string;
  let orgId: string;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token('admin');
    orgId = (
      await call('POST', '/v1/organisations', admin, { name: 'Brand', kind: 'brand', country: 'GB' })
    ).json().id;
  });
  afterAll(() => t.close());

  it('issues a token that carries the user’s role and organisation, and stops working once revoked', async () => {
    const user = await call('POST', '/v1/users', admin, {
      organisationId: orgId,
      role: 'compliance',
      displayName: 'Mara Quist',
      email: 'mara@example.org',
    });
    expect(user.statusCode, user.body).toBe(201);
    const issued = await call('POST', `/v1/users/${user.json().id}/tokens`, admin, { ttl: '1h' });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token, jti } = issued.json();
    const chain = await call('GET', `/v1/organisations/${orgId}/supply-chain`, token);
    expect(chain.statusCode).toBe(200);
    // The user's own token may issue and revoke its tokens, but not create users.
    expect((await call('POST', '/v1/users', token, { role: 'admin', displayName: 'x' })).statusCode).toBe(
      403,
    );
    const [entry] = await t.runtime.reader.entries(BigInt(user.json().entryIndex), 1);
    expect(new TextDecoder().decode(entry!.data)).not.toContain('Mara');

    const revoked = await call('DELETE', `/v1/tokens/${jti}`, token);
    expect(revoked.statusCode, revoked.body).toBe(204);
    const after = await call('GET', `/v1/organisations/${orgId}/supply-chain`, token);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
  });

  it('refuses a token id it never issued, tokens for others, and over-long lifetimes', async () => {
    // Every role but admin belongs to an organisation.
    expect((await call('POST', '/v1/users', admin, { role: 'auditor', displayName: 'x' })).statusCode).toBe(
      400,
    );
    const user = (
      await call('POST', '/v1/users', admin, { organisationId: orgId, role: 'procurement', displayName: 'P' })
    ).json();
    const other = (
      await call('POST', '/v1/users', admin, { organisationId: orgId, role: 'procurement', displayName: 'Q' })
    ).json();
    const { token } = (await call('POST', `/v1/users/${user.id}/tokens`, admin, { ttl: '1h' })).json();
    expect((await call('POST', `/v1/users/${other.id}/tokens`, token, { ttl: '1h' })).statusCode).toBe(404);
    expect((await call('POST', `/v1/users/${user.id}/tokens`, admin, { ttl: '365d' })).statusCode).toBe(403);
    const unknownJti = await (await import('../src/auth.ts')).mintToken(t.runtime.tokenKeys, {
      subject: `user:${user.id}`,
      role: 'admin',
      ttl: '1h',
      tokenId: crypto.randomUUID(),
    });
    expect((await call('GET', `/v1/organisations/${orgId}`, unknownJti)).statusCode).toBe(401);
  });
});
