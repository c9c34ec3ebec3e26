// The pure rules of EPCIS webhooks (decision 0026): which targets a subscription may reach (server-side
// request forgery), the signature a subscriber checks, the backoff between attempts; and the guarded
// DNS lookup that a delivery connects through.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { destProblem, forbiddenAddress, retryDelayMs, signatureOf } from '../src/domains/epcis/webhook.ts';
import { guardedLookup } from '../src/domains/epcis/webhook-delivery.ts';

const deny = { allowLoopback: false };
const allow = { allowLoopback: true };

describe('forbiddenAddress', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '127.0.0.1',
    '127.8.9.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:a00:1::1', // 6to4 of 10.0.0.1
    '2001:0:4136:e378::1', // Teredo
  ])('refuses %s', (address) => {
    expect(forbiddenAddress(address, deny)).toMatch(/non-public/);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::6810:84e5', '1.1.1.1'])(
    'allows the public %s',
    (address) => {
      expect(forbiddenAddress(address, deny)).toBeUndefined();
    },
  );

  it('allows loopback only when configured to, and nothing else private with it', () => {
    expect(forbiddenAddress('127.0.0.1', allow)).toBeUndefined();
    expect(forbiddenAddress('::1', allow)).toBeUndefined();
    expect(forbiddenAddress('10.0.0.1', allow)).toMatch(/non-public/);
    expect(forbiddenAddress('::ffff:127.0.0.1', allow)).toMatch(/non-public/);
    expect(forbiddenAddress('169.254.169.254', allow)).toMatch(/non-public/);
  });

  it('refuses what is not an address', () => {
    expect(forbiddenAddress('example.com', deny)).toMatch(/not an IP address/);
  });
});

describe('destProblem', () => {
  it('takes an https URL to a name or a public address', () => {
    expect(destProblem('https://hooks.example.com/epcis?x=1', deny)).toBeUndefined();
    expect(destProblem('https://93.184.215.14:8443/hook', deny)).toBeUndefined();
  });

  it('refuses plain http, except to loopback when loopback is allowed', () => {
    expect(destProblem('http://hooks.example.com/epcis', deny)).toBe('must be an https:// URL');
    expect(destProblem('http://127.0.0.1:8080/hook', deny)).toMatch(/public address/);
    expect(destProblem('http://127.0.0.1:8080/hook', allow)).toBeUndefined();
    expect(destProblem('http://[::1]:8080/hook', allow)).toBeUndefined();
    // A name is resolved later; plain http to it is refused even when loopback is allowed.
    expect(destProblem('http://localhost:8080/hook', allow)).toBe('must be an https:// URL');
  });

  it('refuses private literals, credentials, fragments, other schemes and non-URLs', () => {
    expect(destProblem('https://10.0.0.1/hook', allow)).toMatch(/public address/);
    expect(destProblem('https://[fe80::1]/hook', deny)).toMatch(/public address/);
    expect(destProblem('https://[::ffff:7f00:1]/hook', allow)).toMatch(/public address/);
    expect(destProblem('https://u:p@hooks.example.com/', deny)).toMatch(/credentials/);
    expect(destProblem('https://hooks.example.com/#x', deny)).toMatch(/fragment/);
    expect(destProblem('file:///etc/passwd', allow)).toBe('must be an https:// URL');
    expect(destProblem('not a url', deny)).toBe('is not a URL');
  });
});

describe('guardedLookup', () => {
  const resolve = (host: string, policy: typeof deny) =>
    new Promise<{ error: Error | null; addresses: unknown }>((done) =>
      guardedLookup(policy)(host, { all: true }, (error, addresses) => done({ error, addresses })),
    );

  it('refuses a name that resolves to loopback unless allowed, and then answers with it', async () => {
    const refused = await resolve('localhost', deny);
    expect(refused.error?.message).toMatch(/non-public/);
    const allowed = await resolve('localhost', allow);
    expect(allowed.error).toBeNull();
    expect((allowed.addresses as { address: string }[]).map((a) => a.address)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]),
    );
  });
});

describe('signatureOf', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body under the secret (RFC 4231 test case 2)', () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    expect(signatureOf('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const body = '{"type":"EPCISQueryDocument","é":1}';
    expect(signatureOf('s', body)).toBe(
      `sha256=${createHmac('sha256', 's').update(Buffer.from(body, 'utf8')).digest('hex')}`,
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base at each attempt, jittered within its upper half, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, 0.999_999))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(retryDelayMs(30, 1000, 60_000, 0.5)).toBe(45_000);
    expect(retryDelayMs(1000, 1000, 3_600_000, 1)).toBe(3_600_000);
  });
});
