// The signer's tools end to end over real HTTP, on both databases (issue 13): `gt keys new` →
// `gt keys register` → `gt attest` → `gt verify-receipt`, the last with no network at all, failing
// with a message naming the check when the file or the receipt is altered. Also: auditors register
// their own keys, uploads accept the media's own content type, and `gt verify-file` does not say OK
// for a withdrawn or disputed attestation.
import { execFile } from 'node:child_process';
import { stat as fileStat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClientCommand } from '@groundtruth/client';
import { CompactSign, calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jpeg, plySplat } from '../../../packages/evidence/test/fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
let url: string;
let work: string;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};
const photo = jpeg('drying racks, seen from the road');
const splat = plySplat(1500, 3);

/** Runs a gt command, capturing what it prints. */
async function gt(...args: string[]) {
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const code = await runClientCommand(args[0]!, args.slice(1), out);
  return { code, text: lines.join('\n') };
}

const count = async (table: string) =>
  Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
const ledgerSize = () => count('ledger_entries');

beforeAll(async () => {
  t = await buildTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  work = await mkdtemp(join(tmpdir(), 'gt-tools-'));
  Object.assign(
    ids,
    await t.seedOrganisations(
      { 'Aurora Brand': 'brand', 'Kumasi Farm': 'supplier', 'Field Audit Ltd': 'auditor' },
      [['Aurora Brand', 'Kumasi Farm']],
    ),
  );
  ids.brand = ids['Aurora Brand']!;
  ids.farm = ids['Kumasi Farm']!;
  ids.auditor = ids['Field Audit Ltd']!;
  tok.farmer = await t.token('supplier', { organisationId: ids.farm });
  tok.brand = await t.token('compliance', { organisationId: ids.brand });
  tok.auditor = await t.token('auditor', { organisationId: ids.auditor });
  const grant = await t.call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, tok.brand, {
    auditorId: ids.auditor,
  });
  expect(grant.statusCode, grant.body).toBe(201);
  const plot = await t.call('POST', '/v1/plots', tok.farmer, {
    organisationId: ids.farm,
    commodity: 'cocoa',
    country: 'GH',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-1.608421, 6.783262],
          [-1.607148, 6.783262],
          [-1.607148, 6.784527],
          [-1.608421, 6.784527],
          [-1.608421, 6.783262],
        ],
      ],
    },
  });
  expect(plot.statusCode, plot.body).toBe(201);
  ids.plot = plot.json().id;
  await writeFile(join(work, 'racks.jpg'), photo);
  await writeFile(join(work, 'site.ply'), splat);
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await t.close();
});

describe('gt keys new → gt keys register → gt attest → gt verify-receipt', () => {
  const keyFile = () => join(work, 'farm.jwk');
  const receiptFile = () => join(work, 'receipt.json');

  it('makes an Ed25519 key readable by its owner only, and never overwrites one', async () => {
    const made = await gt('keys', 'new', '--out', keyFile());
    expect(made.code, made.text).toBe(0);
    const stored = JSON.parse(await readFile(keyFile(), 'utf8')) as JWK & { kid: string };
    expect(stored).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(typeof stored.d).toBe('string');
    if (process.platform !== 'win32') expect((await fileStat(keyFile())).mode & 0o777).toBe(0o600);
    const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: stored.x! };
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    expect(stored.kid).toBe(kid);
    expect(made.text).toContain(`kid ${kid}`);
    expect(made.text).toContain(JSON.stringify(publicJwk));
    expect(made.text).not.toContain(stored.d!);

    const again = await gt('keys', 'new', '--out', keyFile());
    expect(again.code).toBe(1);
    expect(again.text).toMatch(/exists; a key is never overwritten/);
    expect(JSON.parse(await readFile(keyFile(), 'utf8')).d).toBe(stored.d);
  });

  it('registers the public half for the organisation, named in the output', async () => {
    const before = await ledgerSize();
    const registered = await gt(
      'keys',
      'register',
      '--org',
      ids.farm!,
      '--key',
      keyFile(),
      '--url',
      url,
      '--token',
      tok.farmer!,
    );
    expect(registered.code, registered.text).toBe(0);
    expect(registered.text).toMatch(/registered key \S+ for Kumasi Farm \(/);
    expect(await ledgerSize()).toBe(before + 1);
    const listed = (await t.call('GET', `/v1/organisations/${ids.farm}/keys`, tok.farmer!)).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].jwk.d).toBeUndefined();
  });

  it('attests a photo and a splat and saves a receipt that carries the entry bytes', async () => {
    const before = await ledgerSize();
    const attested = await gt(
      'attest',
      `plot:${ids.plot}`,
      join(work, 'racks.jpg'),
      join(work, 'site.ply'),
      '--key',
      keyFile(),
      '--statement',
      'The drying racks and the fermentation shed as they stand.',
      '--location=-1.607812,6.783901',
      '--device',
      'Pixel 9, Scaniverse',
      '--at',
      '2026-11-20T08:00:00Z',
      '--url',
      url,
      '--token',
      tok.farmer!,
      '--out',
      receiptFile(),
    );
    expect(attested.code, attested.text).toBe(0);
    expect(attested.text).toMatch(/uploaded .*racks\.jpg: image\/jpeg/);
    expect(attested.text).toMatch(/uploaded .*site\.ply: model\/x-ply/);
    expect(await ledgerSize()).toBe(before + 1);
    const receipt = JSON.parse(await readFile(receiptFile(), 'utf8'));
    expect(receipt).toMatchObject({
      manifest: { subject: { kind: 'plot', id: ids.plot }, device: 'Pixel 9, Scaniverse' },
      entry: { index: receipt.entryIndex },
      logKey: t.runtime.verifierKey,
    });
    expect(receipt.manifest.media).toHaveLength(2);
    ids.attestation = receipt.attestationId;
  });

  it('verifies the receipt with no network, and names the check that fails when anything is altered', async () => {
    const offline = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('offline'));
    try {
      const key = t.runtime.verifierKey;
      const files = ['--file', join(work, 'racks.jpg'), '--file', join(work, 'site.ply')];
      const ok = await gt('verify-receipt', receiptFile(), ...files, '--key', key);
      expect(ok.code, ok.text).toBe(0);
      expect(ok.text).toMatch(/OK: receipt of attestation/);
      expect(offline).not.toHaveBeenCalled();
      // Unpinned, it checks against the key the receipt carries and says so.
      const unpinned = await gt('verify-receipt', receiptFile());
      expect(unpinned.code, unpinned.text).toBe(0);
      expect(unpinned.text).toMatch(/as the receipt carries it; pin it with --key/);

      const altered = join(work, 'altered.jpg');
      const bytes = Buffer.from(photo);
      bytes[bytes.length - 1]! ^= 1;
      await writeFile(altered, bytes);
      const wrongFile = await gt('verify-receipt', receiptFile(), '--file', altered, '--key', key);
      expect(wrongFile.code).toBe(1);
      expect(wrongFile.text).toMatch(
        /file: .*altered\.jpg .* is not among the media the signed manifest lists/,
      );

      const pristine = await readFile(receiptFile(), 'utf8');
      const flip = (s: string, at: number) =>
        `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
      // biome-ignore lint/suspicious/noExplicitAny: each case tampers with a different part of the parsed receipt
      const cases: [string, (r: any) => void, RegExp][] = [
        [
          'the entry bytes',
          (r) => (r.entry.data = flip(r.entry.data, 40)),
          /leaf hash: the entry bytes hash to/,
        ],
        ['the leaf hash', (r) => (r.leafHash = flip(r.leafHash, 5)), /leaf hash: .* the receipt says/],
        [
          'the manifest',
          (r) => (r.manifest.statement += '!'),
          /manifest: the manifest shown is not the one signed/,
        ],
        [
          'the signature',
          (r) => (r.jws = flip(r.jws, r.jws.length - 10)),
          /signature: |entry: the ledger entry does not record this JWS/,
        ],
        [
          'the proof',
          (r) => (r.inclusionProof.proof[0] = flip(r.inclusionProof.proof[0], 3)),
          /inclusion proof: entry \d+ does not lead/,
        ],
        [
          'the checkpoint',
          (r) =>
            (r.checkpoint = r.checkpoint.replace(
              /\n(\d+)\n/,
              (_m: string, n: string) => `\n${Number(n) + 1}\n`,
            )),
          /checkpoint: /,
        ],
        ['the key', (r) => (r.jwk.x = flip(r.jwk.x, 4)), /key: the JWK does not match its kid/],
        ['the entry bytes, removed', (r) => delete r.entry, /receipt: carries no entry bytes/],
      ];
      for (const [what, edit, expected] of cases) {
        const receipt = JSON.parse(pristine);
        edit(receipt);
        const path = join(work, 'tampered.json');
        await writeFile(path, JSON.stringify(receipt));
        const result = await gt('verify-receipt', path, '--key', key);
        expect(result.code, `${what}: ${result.text}`).toBe(1);
        expect(result.text, what).toMatch(expected);
      }
      const otherLog = await gt('verify-receipt', receiptFile(), '--key', 'someone.else+00000000+AAAA');
      expect(otherLog.code).toBe(1);
      expect(otherLog.text).toMatch(/checkpoint: /);
      expect(offline).not.toHaveBeenCalled();
    } finally {
      offline.mockRestore();
    }
  });

  it('works as the `gt` command itself: a process with no server to talk to', async () => {
    // The CLI as a user runs it (pnpm gt → tsx services/api/src/cli.ts), on the receipt saved above.
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', cli, ...args],
          { cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
          (_error, stdout, stderr) =>
            resolve({ code: _error ? (_error.code as number) : 0, text: stdout + stderr }),
        );
      });
    const ok = await run(
      'verify-receipt',
      receiptFile(),
      '--file',
      join(work, 'site.ply'),
      '--key',
      t.runtime.verifierKey,
    );
    expect(ok.code, ok.text).toBe(0);
    expect(ok.text).toMatch(/OK: receipt of attestation/);
    const wrong = await run('verify-receipt', receiptFile(), '--file', join(work, 'altered.jpg'));
    expect(wrong.code, wrong.text).toBe(1);
    expect(wrong.text).toMatch(/✗ file: .*altered\.jpg/);
    const key = await run('keys', 'new', '--out', join(work, 'spawned.jwk'));
    expect(key.code, key.text).toBe(0);
    expect((await fileStat(join(work, 'spawned.jwk'))).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('stops before signing when it cannot say where, and records nothing on the ledger', async () => {
    const before = await ledgerSize();
    const attested = await gt(
      'attest',
      `plot:${ids.plot}`,
      join(work, 'site.ply'),
      '--key',
      keyFile(),
      '--statement',
      'No location given, and a splat carries no GPS.',
      '--url',
      url,
      '--token',
      tok.farmer!,
      '--out',
      join(work, 'never.json'),
    );
    expect(attested.code).toBe(1);
    expect(attested.text).toMatch(/no location: pass --location/);
    expect(await ledgerSize()).toBe(before);
    await expect(fileStat(join(work, 'never.json'))).rejects.toThrow();
  });

  it('refuses a key file that holds no private key, and reports what the server refused', async () => {
    const publicOnly = join(work, 'public.jwk');
    await writeFile(publicOnly, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'abc' }));
    const res = await gt(
      'keys',
      'register',
      '--org',
      ids.farm!,
      '--key',
      publicOnly,
      '--url',
      url,
      '--token',
      tok.farmer!,
    );
    expect(res.code).toBe(1);
    expect(res.text).toMatch(/holds no private key/);
    const before = await ledgerSize();
    const again = await gt(
      'keys',
      'register',
      '--org',
      ids.farm!,
      '--key',
      keyFile(),
      '--url',
      url,
      '--token',
      tok.farmer!,
    );
    expect(again.code).toBe(1);
    expect(again.text).toMatch(/answered 409/);
    expect(await ledgerSize()).toBe(before);
  });
});

describe('auditors’ keys', () => {
  it('an auditor registers its own key, not another organisation’s', async () => {
    const made = await gt('keys', 'new', '--out', join(work, 'auditor.jwk'));
    expect(made.code).toBe(0);
    const before = await ledgerSize();
    const elsewhere = await gt(
      'keys',
      'register',
      '--org',
      ids.farm!,
      '--key',
      join(work, 'auditor.jwk'),
      '--url',
      url,
      '--token',
      tok.auditor!,
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.text).toMatch(/answered 403/);
    expect(await ledgerSize()).toBe(before);
    const own = await gt(
      'keys',
      'register',
      '--org',
      ids.auditor!,
      '--key',
      join(work, 'auditor.jwk'),
      '--url',
      url,
      '--token',
      tok.auditor!,
    );
    expect(own.code, own.text).toBe(0);
    expect(own.text).toMatch(/for Field Audit Ltd/);
    expect(await ledgerSize()).toBe(before + 1);
  });
});

describe('uploads with the media’s own content type', () => {
  const upload = (body: Buffer, type: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/evidence',
      payload: body,
      headers: { authorization: `Bearer ${tok.farmer}`, 'content-type': type },
    });

  it('accepts image/jpeg, video and model types, judging the bytes, not the declared type', async () => {
    const fresh = jpeg('a new photo of the shed');
    const res = await upload(fresh, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'image/jpeg', kind: 'image' });
    // Declared PNG, bytes JPEG: accepted, recorded as what the bytes are.
    const mislabelled = await upload(jpeg('mislabelled'), 'image/png');
    expect(mislabelled.statusCode, mislabelled.body).toBe(201);
    expect(mislabelled.json().mediaType).toBe('image/jpeg');
    const ply = await upload(plySplat(10, 9), 'model/x-ply');
    expect(ply.statusCode, ply.body).toBe(201);
    expect(ply.json().kind).toBe('splat');
    // A .splat file named by its type rather than ?kind=.
    const bare = await upload(Buffer.alloc(32 * 20, 7), 'model/x-splat');
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json().mediaType).toBe('model/x-splat');
  });

  it('refuses bytes that are no media, and other content types, naming what is accepted', async () => {
    const before = await count('evidence_blobs');
    const notMedia = await upload(Buffer.from('just some text, not a photo'), 'image/jpeg');
    expect(notMedia.statusCode).toBe(415);
    expect(notMedia.json().detail).toMatch(/the bytes are not JPEG, PNG/);
    const text = await upload(Buffer.from('hello'), 'text/plain');
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(text.json().detail).toMatch(
      /text\/plain is not accepted for media: send application\/octet-stream, image\/jpeg/,
    );
    // A type Fastify has no parser for takes the same road.
    const xml = await upload(Buffer.from('<photo/>'), 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().detail).toMatch(
      /application\/xml is not accepted for media: send application\/octet-stream/,
    );
    expect(await count('evidence_blobs')).toBe(before);
  });
});

describe('gt verify-file on attestations that no longer stand', () => {
  it('says WITHDRAWN or DISPUTED, by name, and exits non-zero', async () => {
    const fine = await gt('verify-file', join(work, 'site.ply'), '--url', url);
    expect(fine.code, fine.text).toBe(0);
    expect(fine.text).toMatch(/attestation \S+ by Kumasi Farm \([0-9a-f-]{36}\): OK/);

    // An auditor disputes it, with the key it registered itself.
    const auditorKey = JSON.parse(await readFile(join(work, 'auditor.jwk'), 'utf8'));
    const statement = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          attestationId: ids.attestation,
          verdict: 'disputed',
          note: 'The shed shown is not on this plot.',
        }),
      ),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: auditorKey.kid })
      .sign(await importJWK(auditorKey, 'EdDSA'));
    const stated = await t.call('POST', `/v1/attestations/${ids.attestation}/statements`, tok.auditor!, {
      jws: statement,
    });
    expect(stated.statusCode, stated.body).toBe(201);
    const disputed = await gt('verify-file', join(work, 'site.ply'), '--url', url);
    expect(disputed.code, disputed.text).toBe(3);
    expect(disputed.text).toMatch(/: DISPUTED/);
    expect(disputed.text).toMatch(/auditor Field Audit Ltd \(.*\): disputed/);
    expect(disputed.text).not.toMatch(/^OK/m);

    const withdrawn = await t.call('POST', `/v1/attestations/${ids.attestation}/withdrawal`, tok.farmer!, {
      reason: 'wrong plot chosen in the app',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    const result = await gt('verify-file', join(work, 'racks.jpg'), '--url', url);
    expect(result.code, result.text).toBe(3);
    expect(result.text).toMatch(/: WITHDRAWN/);
    expect(result.text).toMatch(/WITHDRAWN: .*racks\.jpg .* verifies, but its attestation is withdrawn/);
  });
});
