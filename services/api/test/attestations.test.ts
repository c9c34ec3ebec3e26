// Reality-snapshot attestations end to end, on both databases: register a key, upload a splat and a
// photo, sign a manifest, get a receipt, and check the receipt with nothing but the ledger library,
// the log's public key and the media. Tampering with the signature, manifest or proof fails, and so
// do another tenant's key, a revoked key and a digest that was never uploaded.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { testDatabaseKind } from '@groundtruth/db';
import type { FsBlobStore } from '@groundtruth/evidence';
import {
  canonicalJsonBytes,
  createEd25519Verifier,
  fromBase64,
  openCheckpoint,
  revealBody,
  rfc9162,
  verifyInclusion,
} from '@groundtruth/ledger';
import { CompactSign, exportJWK, generateKeyPair, type KeyObject } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, mp4, plySplat } from '../../../packages/evidence/test/fixtures.ts';
import { requireKeysUnrevoked } from '../src/domains/evidence/keys/unrevoked.ts';
import { buildTestApp, holdWriter, square, type TestApp } from './helper.ts';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
let keyA: { privateKey: KeyObject | CryptoKey; kid: string };

const photo = jpeg('a cocoa drying table');

const upload = (token: string, bytes: Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/v1/evidence${query}`,
    payload: bytes,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  });

async function sign(privateKey: KeyObject | CryptoKey, kid: string, manifest: object): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .sign(privateKey);
}

async function newKey(organisation: string, token: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const res = await t.call('POST', `/v1/organisations/${organisation}/keys`, token, {
    jwk: await exportJWK(publicKey),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { privateKey, kid: res.json().kid as string };
}

const media: Record<string, { sha256: string; size: number; kind: string }> = {};

beforeAll(async () => {
  t = await buildTestApp();
  Object.assign(
    ids,
    await t.seedOrganisations({ brand: 'brand', a: 'supplier', b: 'supplier' }, [['brand', 'a']]),
  );
  tokens.a = await t.token('supplier', { organisationId: ids.a });
  tokens.b = await t.token('supplier', { organisationId: ids.b });
  tokens.brand = await t.token('compliance', { organisationId: ids.brand });
  for (const [name, lon] of [
    ['plotA', -1.908421],
    ['plotB', -1.918421],
  ] as const) {
    const owner = name === 'plotA' ? 'a' : 'b';
    const res = await t.call('POST', '/v1/plots', tokens[owner]!, {
      organisationId: ids[owner],
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(lon, 6.513262),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
  }
  keyA = await newKey(ids.a!, tokens.a!);
  for (const [name, bytes] of [
    ['splat', plySplat(500)],
    ['photo', photo],
  ] as const) {
    const res = await upload(tokens.a!, bytes);
    expect(res.statusCode, res.body).toBe(201);
    media[name] = { sha256: res.json().sha256, size: res.json().size, kind: res.json().kind };
  }
});
afterAll(async () => {
  await t.close();
});

const manifestFor = (plot: string, overrides: object = {}) => ({
  subject: { kind: 'plot', id: plot },
  media: [media.splat, media.photo],
  capturedAt: '2026-11-20T09:15:00Z',
  location: { type: 'Point', coordinates: [-1.907812, 6.513901] },
  device: 'Pixel 9 Pro, Scaniverse 4.1',
  statement: 'Drying tables and storage shed at the start of the main crop; no children at work.',
  ...overrides,
});

describe('evidence uploads', () => {
  it('identifies media by their bytes, records header facts, and stores the same bytes once', async () => {
    const meta = await t.call('GET', `/v1/evidence/${media.splat!.sha256}`, tokens.a!);
    expect(meta.json()).toMatchObject({
      kind: 'splat',
      format: 'ply',
      metadata: { vertexCount: 500, gaussianSplat: true },
    });
    expect(media.splat!.sha256).toBe(createHash('sha256').update(plySplat(500)).digest('hex'));
    const again = await upload(tokens.a!, plySplat(500));
    expect(again.statusCode).toBe(200);
    const content = await t.call('GET', `/v1/evidence/${media.photo!.sha256}/content`, tokens.brand!);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.rawPayload.equals(photo)).toBe(true);
    // A phone video: when, how long and where, from its movie header (which follows the media data).
    const clip = mp4({
      createdAt: new Date('2026-11-19T16:40:00Z'),
      seconds: 42,
      location: '+06.5139-001.9078/',
      mediaBytes: 256 * 1024,
    });
    const video = await upload(tokens.a!, clip);
    expect(video.statusCode, video.body).toBe(201);
    expect((await t.call('GET', `/v1/evidence/${video.json().sha256}`, tokens.a!)).json()).toMatchObject({
      kind: 'video',
      format: 'mp4',
      metadata: {
        videoCreationTime: '2026-11-19T16:40:00.000Z',
        durationSeconds: 42,
        gpsLatitude: 6.5139,
        gpsLongitude: -1.9078,
      },
    });
    // The brand sees its supplier's evidence; an unrelated supplier does not.
    expect((await t.call('GET', `/v1/evidence/${media.photo!.sha256}`, tokens.b!)).statusCode).toBe(404);
  });

  it('refuses what is not a supported media file, whatever the client calls it, and keeps nothing', async () => {
    const files = async () =>
      (
        await readdir((t.runtime.evidence.store as FsBlobStore).root, {
          recursive: true,
          withFileTypes: true,
        })
      )
        .filter((d) => d.isFile())
        .map((d) => d.name)
        .sort();
    const before = await files();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/evidence',
      payload: Buffer.from('#!/bin/sh\necho not a photo\n'),
      headers: { authorization: `Bearer ${tokens.a}`, 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await files()).toEqual(before);
    expect((await upload(tokens.brand!, photo)).statusCode).toBe(403);
    expect((await upload(tokens.a!, Buffer.alloc(321, 1), '?kind=splat')).statusCode).toBe(415);
    expect((await upload(tokens.a!, Buffer.alloc(320, 1), '?kind=splat')).json()).toMatchObject({
      format: 'splat',
      metadata: { pointCount: 10 },
    });
  });
});

describe('attestations', () => {
  // biome-ignore lint/suspicious/noExplicitAny: a receipt as parsed JSON, read field by field below
  let receipt: Record<string, any>;

  it('records a signed manifest and returns a receipt that verifies without the server', async () => {
    const jws = await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotA!));
    const res = await t.call('POST', '/v1/attestations', tokens.a!, { jws });
    expect(res.statusCode, res.body).toBe(201);
    receipt = res.json();
    // Offline: the log's key, the checkpoint, the proof, and the entry rebuilt from the JWS.
    const logKey = (await t.app.inject({ url: '/v1/ledger/key' })).body.trim();
    const checkpoint = openCheckpoint(receipt.checkpoint, createEd25519Verifier(logKey));
    expect(checkpoint.size).toBe(BigInt(receipt.inclusionProof.treeSize));
    // The receipt alone carries the leaf bytes and the disclosure of the confidential JWS.
    const leafBytes = fromBase64(receipt.entry.data)!;
    const entry = JSON.parse(new TextDecoder().decode(leafBytes));
    expect(entry).toMatchObject({
      type: 'attestation.recorded',
      subject: `plot:${ids.plotA}`,
      body: { kid: keyA.kid },
    });
    expect(new TextDecoder().decode(leafBytes)).not.toContain(jws);
    expect(revealBody(entry.body, receipt.entry.disclosures).body.jws).toBe(jws);
    // The public log serves the same bytes.
    const entries = await t.app.inject({ url: `/v1/ledger/entries?start=${receipt.entryIndex}&limit=1` });
    expect(fromBase64(entries.json().entries[0].data)).toEqual(leafBytes);
    expect(canonicalJsonBytes(entry)).toEqual(leafBytes);
    const leafHash = rfc9162.hashLeaf(leafBytes);
    expect(Buffer.from(leafHash).toString('base64')).toBe(receipt.leafHash);
    const proof: Uint8Array[] = receipt.inclusionProof.proof.map((p: string) => fromBase64(p)!);
    expect(
      verifyInclusion(BigInt(receipt.entryIndex), checkpoint.size, leafHash, proof, checkpoint.rootHash),
    ).toBe(true);
    // Flip one byte of the proof, of the leaf: the inclusion check fails.
    const badProof = proof.map((p: Uint8Array, i: number) =>
      i === 0 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p,
    );
    expect(
      verifyInclusion(BigInt(receipt.entryIndex), checkpoint.size, leafHash, badProof, checkpoint.rootHash),
    ).toBe(false);
    const badLeaf = rfc9162.hashLeaf(Uint8Array.from(leafBytes, (b, j) => (j === 10 ? b ^ 1 : b)));
    expect(
      verifyInclusion(BigInt(receipt.entryIndex), checkpoint.size, badLeaf, proof, checkpoint.rootHash),
    ).toBe(false);
  });

  it('refuses a JWS with one byte changed in its signature or its manifest', async () => {
    const jws = await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotA!, { statement: 'second visit' }));
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const flip = (s: string) => `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`;
    for (const tampered of [
      `${header}.${payload}.${flip(signature)}`,
      `${header}.${flip(payload)}.${signature}`,
    ]) {
      const res = await t.call('POST', '/v1/attestations', tokens.a!, { jws: tampered });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ pointer: '/jws' });
      expect(res.json().detail).toMatch(/signature does not verify|not JSON/);
    }
  });

  it('refuses another supplier’s key, a digest never uploaded, and a revoked key, writing nothing', async () => {
    const size = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
    const before = await size();
    // A's key over B's plot.
    const cross = await t.call('POST', '/v1/attestations', tokens.a!, {
      jws: await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotB!)),
    });
    expect(cross.statusCode, cross.body).toBe(403);
    // B submitting A's signed attestation.
    const relayed = await t.call('POST', '/v1/attestations', tokens.b!, {
      jws: await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotA!)),
    });
    expect([403, 404]).toContain(relayed.statusCode);
    const ghost = await t.call('POST', '/v1/attestations', tokens.a!, {
      jws: await sign(
        keyA.privateKey,
        keyA.kid,
        manifestFor(ids.plotA!, { media: [{ sha256: 'f'.repeat(64), size: 1, kind: 'image' }] }),
      ),
    });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().errors[0].pointer).toBe('/manifest/media/0/sha256');
    const badManifest = await t.call('POST', '/v1/attestations', tokens.a!, {
      jws: await sign(
        keyA.privateKey,
        keyA.kid,
        manifestFor(ids.plotA!, { location: { type: 'Point', coordinates: [200, 6] } }),
      ),
    });
    expect(badManifest.statusCode).toBe(400);
    expect(badManifest.json().errors[0].pointer).toBe('/manifest/location/coordinates/0');
    const revoked = await newKey(ids.a!, tokens.a!);
    expect(
      (await t.call('DELETE', `/v1/organisations/${ids.a}/keys/${revoked.kid}`, tokens.a!)).statusCode,
    ).toBe(204);
    const afterRevocation = await t.call('POST', '/v1/attestations', tokens.a!, {
      jws: await sign(revoked.privateKey, revoked.kid, manifestFor(ids.plotA!)),
    });
    expect(afterRevocation.statusCode).toBe(400);
    expect(afterRevocation.json().detail).toMatch(/revoked/);
    // Two entries: the second key's registration and its revocation; no attestation.
    expect(await size()).toBe(before + 2);
  });

  it('checks signing keys once more in a transaction, as the writer does: revoked is refused, live passes', async () => {
    const live = await newKey(ids.b!, tokens.b!);
    const gone = await newKey(ids.b!, tokens.b!);
    expect(
      (await t.call('DELETE', `/v1/organisations/${ids.b}/keys/${gone.kid}`, tokens.b!)).statusCode,
    ).toBe(204);
    const check = (kids: string[]) =>
      t.runtime.db.transaction((tx) =>
        requireKeysUnrevoked(
          tx,
          kids.map((kid) => ({ organisationId: ids.b!, kid })),
        ),
      );
    await expect(check([live.kid])).resolves.toBeUndefined();
    await expect(check([live.kid, gone.kid])).rejects.toMatchObject({
      code: 'conflict',
      message: `key ${gone.kid} was revoked before this could be recorded`,
    });
    // The same kid under another organisation is not that organisation's key.
    await expect(
      t.runtime.db.transaction((tx) => requireKeysUnrevoked(tx, [{ organisationId: ids.a!, kid: gone.kid }])),
    ).resolves.toBeUndefined();
  });

  // Only PostgreSQL can show it: the attestation is checked through other connections while the writer
  // holds its batch open, where PGlite's one connection would make those reads wait for the batch.
  it.runIf(testDatabaseKind() === 'postgres')(
    'refuses an attestation whose key is revoked before it in the log, though it was checked before the revocation',
    async () => {
      // Supplier B's key: A's keys are listed by a later test.
      const key = await newKey(ids.b!, tokens.b!);
      const attestations = async () =>
        Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM attestations'))[0]!.n);
      const before = await attestations();
      // The writer held: the revocation, then the attestation, are checked against the keys as they
      // stand (unrevoked) and queue behind it in that order.
      const writer = holdWriter(t);
      let revocation: ReturnType<typeof t.call> | undefined;
      let attestation: ReturnType<typeof t.call> | undefined;
      try {
        revocation = t.call('DELETE', `/v1/organisations/${ids.b}/keys/${key.kid}`, tokens.b!);
        await writer.untilQueued(1);
        attestation = t.call('POST', '/v1/attestations', tokens.b!, {
          jws: await sign(key.privateKey, key.kid, manifestFor(ids.plotB!)),
        });
        await writer.untilQueued(2);
      } finally {
        await writer.release();
      }
      const [revoked, refused] = await Promise.all([revocation, attestation]);
      expect(revoked!.statusCode, revoked!.body).toBe(204);
      // Refused under the writer's lock, then checked again from the start: refused as any attestation
      // by a revoked key is.
      expect(refused!.statusCode, refused!.body).toBe(400);
      expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused!.json().detail).toMatch(new RegExp(`key ${key.kid} was revoked`));
      // Nothing of the attestation: no row, and the revocation is the log's last entry.
      expect(await attestations()).toBe(before);
      const [last] = await t.runtime.db.query<{ entry_type: string }>(
        'SELECT entry_type FROM ledger_entries ORDER BY idx DESC LIMIT 1',
      );
      expect(last!.entry_type).toBe('key.revoked');
    },
  );

  it('takes a batch: each item gets its receipt or its own refusal, and only the good ones are written', async () => {
    const size = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
    const before = await size();
    const good = await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotA!, { statement: 'batch item' }));
    const [h, p, sig] = good.split('.') as [string, string, string];
    const forged = `${h}.${p}.${sig.slice(0, -4)}${sig.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const foreign = await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotB!));
    // Signed by the right key, but what it signs is not JSON at all.
    const notJson = await new CompactSign(new TextEncoder().encode('drying tables, no children'))
      .setProtectedHeader({ alg: 'EdDSA', kid: keyA.kid })
      .sign(keyA.privateKey);
    const res = await t.call('POST', '/v1/attestations/batch', tokens.a!, {
      jws: [good, forged, foreign, 'not.a.compact.jws.at.all', notJson],
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { status: number }) => r.status)).toEqual([201, 400, 403, 400, 400]);
    expect(results[4].problem.detail).toMatch(/not JSON/);
    expect(results[0].receipt.manifest.statement).toBe('batch item');
    expect(results[1].problem.detail).toMatch(/signature does not verify/);
    expect(await size()).toBe(before + 1);
    // The batch receipt verifies like a single one.
    const logKey = (await t.app.inject({ url: '/v1/ledger/key' })).body.trim();
    const checkpoint = openCheckpoint(results[0].receipt.checkpoint, createEd25519Verifier(logKey));
    const proof: Uint8Array[] = results[0].receipt.inclusionProof.proof.map((x: string) => fromBase64(x)!);
    expect(
      verifyInclusion(
        BigInt(results[0].receipt.entryIndex),
        checkpoint.size,
        fromBase64(results[0].receipt.leafHash)!,
        proof,
        checkpoint.rootHash,
      ),
    ).toBe(true);
  });

  it('answers concurrent single attestations each on its own, though they are checked and appended together', async () => {
    const size = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
    const keyB = await newKey(ids.b!, tokens.b!);
    const deviceA = await t.token('supplier', { organisationId: ids.a, subject: 'user:device-a' });
    const deviceB = await t.token('supplier', { organisationId: ids.b, subject: 'user:device-b' });
    const mediaB = await upload(tokens.b!, jpeg('supplier B drying shed'));
    const photoB = { sha256: mediaB.json().sha256, size: mediaB.json().size, kind: mediaB.json().kind };
    const before = await size();
    const requests: { token: string; jws: string; expect: number }[] = [];
    for (let i = 0; i < 12; i++) {
      // A's good ones, B's good ones (another principal, same moment), and refusals mixed in.
      requests.push({
        token: deviceA,
        jws: await sign(
          keyA.privateKey,
          keyA.kid,
          manifestFor(ids.plotA!, { statement: `concurrent A ${i}` }),
        ),
        expect: 201,
      });
      requests.push({
        token: deviceB,
        jws: await sign(
          keyB.privateKey,
          keyB.kid,
          manifestFor(ids.plotB!, { media: [photoB], statement: `concurrent B ${i}` }),
        ),
        expect: 201,
      });
      if (i % 3 === 0)
        requests.push({
          token: deviceA,
          jws: await sign(keyA.privateKey, keyA.kid, manifestFor(ids.plotB!, { statement: `foreign ${i}` })),
          expect: 403,
        });
      if (i % 4 === 0)
        requests.push({
          token: deviceB,
          jws: await sign(
            keyA.privateKey,
            keyA.kid,
            manifestFor(ids.plotA!, { statement: `not B's key ${i}` }),
          ),
          // B may not even learn that A's key exists.
          expect: 404,
        });
    }
    const responses = await Promise.all(
      requests.map((r) => t.call('POST', '/v1/attestations', r.token, { jws: r.jws })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(requests.map((r) => r.expect));
    const accepted = responses.filter((r) => r.statusCode === 201).map((r) => r.json());
    expect(new Set(accepted.map((r) => r.entryIndex)).size).toBe(24);
    expect(accepted.map((r) => r.manifest.statement).sort()).toEqual(
      [...Array(12).keys()].flatMap((i) => [`concurrent A ${i}`, `concurrent B ${i}`]).sort(),
    );
    expect(await size()).toBe(before + 24);
    // Each entry names the caller who sent it.
    const admin = await t.token('admin');
    for (const r of accepted.slice(0, 4)) {
      const entry = (await t.call('GET', `/v1/ledger/entries?start=${r.entryIndex}&limit=1`, admin)).json()
        .entries[0].entry;
      expect(entry.subject).toBe(`plot:${r.manifest.subject.id}`);
      expect(entry.actor).toBe(r.manifest.subject.id === ids.plotA ? 'user:device-a' : 'user:device-b');
    }
  });

  it('lets only the attesting organisation withdraw, as a new entry that keeps the attestation', async () => {
    const size = async () =>
      Number((await t.app.inject({ url: '/v1/ledger/checkpoint' })).body.split('\n')[1]);
    const attestationId = receipt.attestationId as string;
    const before = await size();
    const byOther = await t.call('POST', `/v1/attestations/${attestationId}/withdrawal`, tokens.b!, {
      reason: 'not ours to withdraw',
    });
    expect(byOther.statusCode).toBe(404);
    const byBrand = await t.call('POST', `/v1/attestations/${attestationId}/withdrawal`, tokens.brand!, {
      reason: 'compliance cannot withdraw',
    });
    expect(byBrand.statusCode).toBe(403);
    expect(await size()).toBe(before);
    const withdrawn = await t.call('POST', `/v1/attestations/${attestationId}/withdrawal`, tokens.a!, {
      reason: 'the drying shed burnt down; a new capture follows',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    expect(
      (
        await t.call('POST', `/v1/attestations/${attestationId}/withdrawal`, tokens.a!, {
          reason: 'again, twice',
        })
      ).statusCode,
    ).toBe(409);
    const listed = await t.call('GET', `/v1/attestations?subject=plot:${ids.plotA}`, tokens.brand!);
    const shown = listed
      .json()
      .attestations.find((a: { attestationId: string }) => a.attestationId === attestationId);
    expect(shown.withdrawn.reason).toMatch(/burnt down/);
    expect(shown.jws).toBeTruthy();
    expect(await size()).toBe(before + 1);
  });

  it('holds back approval until an onboarding-stage evidence requirement is met by an attestation', async () => {
    const admin = await t.token('admin');
    const procurement = await t.token('procurement', { organisationId: ids.brand });
    const requirement = await t.call(
      'POST',
      `/v1/organisations/${ids.brand}/evidence-requirements`,
      procurement,
      {
        commodity: 'cocoa',
        key: 'site_snapshot_at_onboarding',
        description: 'A reality snapshot of each production site before the first order',
        stage: 'onboarding',
      },
    );
    expect(requirement.statusCode, requirement.body).toBe(201);
    // A new supplier of the brand, with nothing attested yet.
    const { c } = await t.seedOrganisations({ c: 'supplier' });
    const linked = await t.call('POST', '/v1/relationships', admin, {
      buyerId: ids.brand,
      supplierId: c,
      commodity: 'cocoa',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const supplierC = await t.token('supplier', { organisationId: c });
    const steps = async (supplier: string, token: string) => {
      expect(
        (await t.call('POST', '/v1/onboarding', procurement, { brandId: ids.brand, supplierId: supplier }))
          .statusCode,
      ).toBe(201);
      const url = `/v1/onboarding/${ids.brand}/${supplier}/transitions`;
      expect((await t.call('POST', url, token, { to: 'submitted', reason: 'forms filled' })).statusCode).toBe(
        200,
      );
      expect(
        (await t.call('POST', url, procurement, { to: 'under_review', reason: 'checking' })).statusCode,
      ).toBe(200);
      return t.call('POST', url, procurement, { to: 'approved', reason: 'looks fine' });
    };
    const refused = await steps(c!, supplierC);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/site_snapshot_at_onboarding is not met/);
    const shown = (await t.call('GET', `/v1/onboarding/${ids.brand}/${c}`, procurement)).json();
    expect(
      shown.requirements.find((r: { key: string }) => r.key === 'site_snapshot_at_onboarding'),
    ).toMatchObject({
      met: false,
      attestations: [],
    });
    // Supplier A has attested its plot (above): its approval goes through, naming what met it.
    const approved = await steps(ids.a!, tokens.a!);
    expect(approved.statusCode, approved.body).toBe(200);
    const met = (await t.call('GET', `/v1/onboarding/${ids.brand}/${ids.a}`, procurement)).json();
    expect(met.requirements.find((r: { key: string }) => r.key === 'site_snapshot_at_onboarding').met).toBe(
      true,
    );
  });

  it('refuses private keys, foreign curves and other tenants’ key registrations', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const secret = await t.call('POST', `/v1/organisations/${ids.a}/keys`, tokens.a!, {
      jwk: await exportJWK(privateKey),
    });
    expect(secret.statusCode).toBe(400);
    expect(secret.json().errors[0].pointer).toBe('/jwk/d');
    const { publicKey: rsa } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    expect(
      (await t.call('POST', `/v1/organisations/${ids.a}/keys`, tokens.a!, { jwk: await exportJWK(rsa) }))
        .statusCode,
    ).toBe(400);
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const foreign = await t.call('POST', `/v1/organisations/${ids.a}/keys`, tokens.b!, {
      jwk: await exportJWK(publicKey),
    });
    expect([403, 404]).toContain(foreign.statusCode);
    const listed = await t.call('GET', `/v1/organisations/${ids.a}/keys`, tokens.brand!);
    expect(listed.json().map((k: { revoked: boolean }) => k.revoked)).toEqual([false, true]);
  });
});
