// The evidence acceptance path over real HTTP, on both databases: register a key → upload a splat and a
// photo → sign a manifest → receipt → an auditor's signed statement → `gt verify-file` against the
// server → `gt bundle export`, then `gt bundle verify` with the server shut down. One byte flipped in
// the media, the manifest, the proof or the signature makes verification fail, naming what failed.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runClientCommand } from '@groundtruth/client';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, plySplat } from '../../../packages/evidence/test/fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
let url: string;
let work: string;
const ids: Record<string, string> = {};
const splat = plySplat(2000, 1);
const photo = jpeg('fermentation boxes');

/** Runs a gt command, capturing what it prints. */
async function gt(...args: string[]) {
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const code = await runClientCommand(args[0]!, args.slice(1), out);
  return { code, text: lines.join('\n') };
}

beforeAll(async () => {
  t = await buildTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  work = await mkdtemp(join(tmpdir(), 'gt-bundle-'));
  Object.assign(
    ids,
    await t.seedOrganisations({ brand: 'brand', farm: 'supplier', auditor: 'auditor' }, [['brand', 'farm']]),
  );
  const admin = await t.token('admin');
  const farmer = await t.token('supplier', { organisationId: ids.farm });
  const brandTeam = await t.token('compliance', { organisationId: ids.brand });
  const auditor = await t.token('auditor', { organisationId: ids.auditor });
  expect(
    (
      await t.call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, brandTeam, {
        auditorId: ids.auditor,
      })
    ).statusCode,
  ).toBe(201);
  const plot = await t.call('POST', '/v1/plots', farmer, {
    organisationId: ids.farm,
    commodity: 'cocoa',
    country: 'CI',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-6.608421, 5.783262],
          [-6.607148, 5.783262],
          [-6.607148, 5.784527],
          [-6.608421, 5.784527],
          [-6.608421, 5.783262],
        ],
      ],
    },
  });
  expect(plot.statusCode, plot.body).toBe(201);
  ids.plot = plot.json().id;

  // The farm's key, and the auditor's (registered by an admin: auditors write nothing themselves).
  const farmKey = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const farmKid = (
    await t.call('POST', `/v1/organisations/${ids.farm}/keys`, farmer, {
      jwk: await exportJWK(farmKey.publicKey),
    })
  ).json().kid;
  const auditorKey = await generateKeyPair('ES256', { extractable: true });
  const auditorKid = (
    await t.call('POST', `/v1/organisations/${ids.auditor}/keys`, admin, {
      jwk: await exportJWK(auditorKey.publicKey),
    })
  ).json().kid;

  const media = [];
  for (const bytes of [splat, photo]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/evidence',
      payload: bytes,
      headers: { authorization: `Bearer ${farmer}`, 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(201);
    media.push({ sha256: res.json().sha256, size: res.json().size, kind: res.json().kind });
  }
  const manifest = {
    subject: { kind: 'plot', id: ids.plot },
    media,
    capturedAt: '2026-11-18T07:40:00+00:00',
    location: { type: 'Point', coordinates: [-6.607812, 5.783901] },
    device: 'iPhone 16 Pro, Polycam 5',
    statement: 'Fermentation boxes and drying racks of the farm, as they stand today.',
  };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', kid: farmKid })
    .sign(farmKey.privateKey);
  const receipt = await t.call('POST', '/v1/attestations', farmer, { jws });
  expect(receipt.statusCode, receipt.body).toBe(201);
  ids.attestation = receipt.json().attestationId;

  const statement = await new CompactSign(
    new TextEncoder().encode(
      JSON.stringify({
        attestationId: ids.attestation,
        verdict: 'confirmed',
        note: 'Visited on 2026-11-21; matches the capture.',
      }),
    ),
  )
    .setProtectedHeader({ alg: 'ES256', kid: auditorKid })
    .sign(auditorKey.privateKey);
  const stated = await t.call('POST', `/v1/attestations/${ids.attestation}/statements`, auditor, {
    jws: statement,
  });
  expect(stated.statusCode, stated.body).toBe(201);
  // A supplier cannot make auditors' statements, and an auditor cannot sign with someone else's key.
  expect(
    (await t.call('POST', `/v1/attestations/${ids.attestation}/statements`, farmer, { jws: statement }))
      .statusCode,
  ).toBe(403);

  await writeFile(join(work, 'capture.ply'), splat);
  ids.farmerToken = farmer;
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await t.close();
});

describe('checking evidence outside the server', () => {
  it('gt verify-file finds and checks the attestation covering a file, sending only its digest', async () => {
    const result = await gt('verify-file', join(work, 'capture.ply'), '--url', url);
    expect(result.code, result.text).toBe(0);
    expect(result.text).toMatch(/attestation .* OK/);
    expect(result.text).toMatch(/auditor .*: confirmed/);
    const other = join(work, 'other.ply');
    await writeFile(other, Buffer.concat([splat, Buffer.from([0])]));
    const missing = await gt('verify-file', other, '--url', url);
    expect(missing.code).toBe(1);
    expect(missing.text).toMatch(/no attestation covers/);
    const pinnedWrong = await gt(
      'verify-file',
      join(work, 'capture.ply'),
      '--url',
      url,
      '--key',
      'someone.else+00000000+AAAA',
    );
    expect(pinnedWrong.code).toBe(1);
  });

  it('exports a bundle that verifies with the server shut down, and fails on one flipped byte', async () => {
    const dir = join(work, 'bundle');
    const exported = await gt(
      'bundle',
      'export',
      `plot:${ids.plot}`,
      '--url',
      url,
      '--token',
      ids.farmerToken!,
      '--out',
      dir,
    );
    expect(exported.code, exported.text).toBe(0);
    expect(exported.text).toMatch(/wrote 1 attestations and 2 media files/);
    await t.app.close(); // from here on there is no server

    const verified = await gt('bundle', 'verify', dir);
    expect(verified.code, verified.text).toBe(0);
    expect(verified.text).toMatch(/OK/);

    const pristine = join(work, 'pristine');
    await cp(dir, pristine, { recursive: true });
    const bundleJson = join(dir, 'bundle.json');
    // biome-ignore lint/suspicious/noExplicitAny: each case tampers with a different part of the parsed bundle
    const flipJson = async (edit: (bundle: any) => void) => {
      const bundle = JSON.parse(await readFile(bundleJson, 'utf8'));
      edit(bundle);
      await writeFile(bundleJson, JSON.stringify(bundle));
    };
    const flipChar = (s: string, at: number) =>
      `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
    const cases: [string, () => Promise<void>, RegExp][] = [
      [
        'a byte of the media',
        async () => {
          const file = join(
            dir,
            'media',
            JSON.parse(await readFile(bundleJson, 'utf8')).attestations[0].manifest.media[0].sha256,
          );
          const bytes = await readFile(file);
          bytes[bytes.length - 1]! ^= 1;
          await writeFile(file, bytes);
        },
        /media .*: the bytes hash to/,
      ],
      [
        'a byte of the manifest',
        () =>
          flipJson(
            (b) =>
              (b.attestations[0].manifest.device = b.attestations[0].manifest.device.replace('16', '15')),
          ),
        /manifest: the manifest shown is not the one signed/,
      ],
      [
        'a byte of the proof',
        () =>
          flipJson(
            (b) =>
              (b.attestations[0].inclusionProof.proof[0] = flipChar(
                b.attestations[0].inclusionProof.proof[0],
                3,
              )),
          ),
        /inclusion proof: entry \d+ does not lead to the checkpoint's root/,
      ],
      [
        'a byte of the signature',
        () =>
          flipJson((b) => {
            const jws = b.attestations[0].jws as string;
            b.attestations[0].jws = flipChar(jws, jws.length - 10);
          }),
        /signature: the JWS does not verify|entry: the ledger entry does not record this JWS/,
      ],
      [
        'a byte of the JWS disclosure',
        () =>
          flipJson((b) => {
            const [d] = b.attestations[0].entry.disclosures as string[];
            b.attestations[0].entry.disclosures = [flipChar(d!, 10)];
          }),
        /entry: a disclosure does not match the entry/,
      ],
      [
        'the JWS disclosure left out',
        () => flipJson((b) => (b.attestations[0].entry.disclosures = [])),
        /entry: the ledger entry does not record this JWS/,
      ],
      [
        'a byte of the checkpoint',
        () =>
          flipJson(
            (b) =>
              (b.checkpoint = b.checkpoint.replace(
                /\n(\d+)\n/,
                (_m: string, n: string) => `\n${Number(n) + 1}\n`,
              )),
          ),
        /checkpoint: /,
      ],
    ];
    for (const [what, tamper, expected] of cases) {
      await rm(dir, { recursive: true });
      await cp(pristine, dir, { recursive: true });
      await tamper();
      const result = await gt('bundle', 'verify', dir);
      expect(result.code, `${what}: ${result.text}`).toBe(1);
      expect(result.text, what).toMatch(expected);
    }
  });
});
