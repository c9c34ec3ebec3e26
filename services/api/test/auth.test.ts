import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from './helper.ts';

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('bearer token authentication', () => {
  let t: TestApp;
  // Any route that needs a token will do (the ledger's own read API is public).
  const url = '/v1/findings';
  const get = (token: string) => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    sub: 'user:mallory',
    role: 'admin',
    iss: TEST_ORIGIN,
    aud: 'groundtruth-api',
    iat: now(),
    exp: now() + 600,
  });

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('accepts a token the service signed, for an allowed role', async () => {
    expect((await get(await t.token('auditor'))).statusCode).toBe(200);
    expect((await get(await t.token('admin'))).statusCode).toBe(200);
  });

  it('refuses a role without access with 403', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/onboarding',
      payload: { brandId: crypto.randomUUID(), supplierId: crypto.randomUUID() },
      headers: { authorization: `Bearer ${await t.token('supplier')}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a missing or malformed Authorization header with 401', async () => {
    expect((await t.app.inject(url)).statusCode).toBe(401);
    const res = await t.app.inject({ url, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  const forged: [string, () => Promise<string>][] = [
    ['alg none', async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`],
    [
      'HS256 keyed with the public key',
      async () => {
        const publicPem = t.runtime.tokenKeys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
        const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims())}`;
        return `${head}.${createHmac('sha256', publicPem).update(head).digest('base64url')}`;
      },
    ],
    [
      'a key that is not the service key',
      async () => {
        const { privateKey } = generateKeyPairSync('ed25519');
        return new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
      },
    ],
    [
      'a wrong issuer',
      async () =>
        new SignJWT({ ...claims(), iss: 'evil.example/ledger' })
          .setProtectedHeader({ alg: 'EdDSA' })
          .sign(t.runtime.tokenKeys.privateKey),
    ],
    [
      'a wrong audience',
      async () =>
        new SignJWT({ ...claims(), aud: 'another-api' })
          .setProtectedHeader({ alg: 'EdDSA' })
          .sign(t.runtime.tokenKeys.privateKey),
    ],
    [
      'an expired exp',
      async () =>
        new SignJWT({ ...claims(), iat: now() - 7200, exp: now() - 3600 })
          .setProtectedHeader({ alg: 'EdDSA' })
          .sign(t.runtime.tokenKeys.privateKey),
    ],
    [
      'no exp at all',
      async () => {
        const { exp: _exp, ...rest } = claims();
        return new SignJWT(rest).setProtectedHeader({ alg: 'EdDSA' }).sign(t.runtime.tokenKeys.privateKey);
      },
    ],
    [
      'an unknown role',
      async () =>
        new SignJWT({ ...claims(), role: 'root' })
          .setProtectedHeader({ alg: 'EdDSA' })
          .sign(t.runtime.tokenKeys.privateKey),
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  for (const [name, make] of forged) {
    it(`refuses a token with ${name} with 401 problem+json`, async () => {
      const res = await get(await make());
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().status).toBe(401);
    });
  }
});
