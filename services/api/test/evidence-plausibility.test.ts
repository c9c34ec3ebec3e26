// Evidence plausibility (issue 11 item 6), on both databases: an attestation whose video was made
// 590 km from its plot and six months before the capture it claims, with a splat of 100 points, and
// the same video attested again for another plot. Each is a finding with its numbers, worked out here
// from the inputs; none blocks the attestation; the attestation's read endpoint shows them; and the
// recompute finds the same, under the same ids.
import { CompactSign, exportJWK, generateKeyPair, type KeyObject } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4 } from '../../../packages/evidence/test/fixtures.ts';
import { loadEvidence, SHARING_MEDIA } from '../src/domains/massbalance/mass-balance/evidence.ts';
import { buildTestApp, square, type TestApp } from './helper.ts';

let t: TestApp;
const ids: Record<string, string> = {};
let token: string;
let admin: string;
let key: { privateKey: KeyObject | CryptoKey; kid: string };
const media: Record<string, { sha256: string; size: number; kind: string }> = {};

// Haversine (Sinnott, Sky and Telescope 68(2):159, 1984) on the IUGG mean sphere; the service measures
// on the WGS84 ellipsoid, up to about 0.7 % apart near the equator: the tolerance used.
const rad = (degrees: number) => (degrees * Math.PI) / 180;
function haversineMetres([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const a =
    Math.sin(rad(lat2! - lat1!) / 2) ** 2 +
    Math.cos(rad(lat1!)) * Math.cos(rad(lat2!)) * Math.sin(rad(lon2! - lon1!) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const PLOT_WEST = -1.908421;
const PLOT_SOUTH = 6.513262;
// The video's own location (ISO 6709 in moov/udta/©xyz): Lagos, on the latitude of the plot.
const VIDEO_AT = [3.4, 6.5139];
const VIDEO_MADE = '2026-05-01T08:00:00Z';
const CAPTURED_AT = '2026-11-01T08:00:00Z';
const SPARSE_SPLAT = Buffer.alloc(100 * 32, 1); // .splat: bare 32-byte records

const upload = (bytes: Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/v1/evidence${query}`,
    payload: bytes,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  });

async function attest(plotId: string, items: (typeof media)[string][]) {
  const manifest = {
    subject: { kind: 'plot', id: plotId },
    media: items,
    capturedAt: CAPTURED_AT,
    location: { type: 'Point', coordinates: [-1.907812, 6.513901] }, // inside the plot
    device: 'Pixel 9 Pro',
    statement: 'Drying tables at the start of the main crop.',
  };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .sign(key.privateKey);
  const res = await t.call('POST', '/v1/attestations', token, { jws });
  // Never blocked: the attestation is recorded whatever its evidence looks like.
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attestationId as string;
}

interface Shown {
  id: string;
  rule: string;
  numbers: Record<string, unknown>;
}
const shownWith = async (plotId: string) => {
  const res = await t.call('GET', `/v1/attestations?subject=plot:${plotId}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().attestations as { attestationId: string; findings: Shown[] }[];
};
const stored = async (attestationId: string) =>
  (
    (
      await t.call('GET', `/v1/findings?subjectKind=attestation&subjectId=${attestationId}&status=all`, admin)
    ).json() as Shown[]
  ).sort((x, y) => x.rule.localeCompare(y.rule));

beforeAll(async () => {
  t = await buildTestApp();
  Object.assign(ids, await t.seedOrganisations({ brand: 'brand', a: 'supplier' }, [['brand', 'a']]));
  token = await t.token('supplier', { organisationId: ids.a });
  admin = await t.token('admin');
  for (const [name, lon] of [
    ['plot1', PLOT_WEST],
    ['plot2', PLOT_WEST - 0.02],
  ] as const) {
    const res = await t.call('POST', '/v1/plots', token, {
      organisationId: ids.a,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(lon, PLOT_SOUTH),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
  }
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const res = await t.call('POST', `/v1/organisations/${ids.a}/keys`, token, {
    jwk: await exportJWK(publicKey),
  });
  expect(res.statusCode, res.body).toBe(201);
  key = { privateKey, kid: res.json().kid };
  const clip = mp4({ createdAt: new Date(VIDEO_MADE), seconds: 12, location: '+06.5139+003.4000/' });
  for (const [name, bytes, query] of [
    ['clip', clip, ''],
    ['splat', SPARSE_SPLAT, '?kind=splat'],
  ] as const) {
    const up = await upload(bytes, query);
    expect(up.statusCode, up.body).toBe(201);
    media[name] = { sha256: up.json().sha256, size: up.json().size, kind: up.json().kind };
  }
}, 180_000);
afterAll(() => t.close());

describe('evidence plausibility', () => {
  let first: string;
  let second: string;

  it('flags a video made 590 km away and six months earlier, and a 100-point splat, as it arrives', async () => {
    first = await attest(ids.plot1!, [media.clip!, media.splat!]);
    const [shown] = await shownWith(ids.plot1!);
    expect(shown!.attestationId).toBe(first);
    const byRule = Object.fromEntries(shown!.findings.map((f) => [f.rule, f]));
    expect(Object.keys(byRule).sort()).toEqual([
      'EVIDENCE_FAR_FROM_PLOT',
      'EVIDENCE_SPARSE_SPLAT',
      'EVIDENCE_TIME_MISMATCH',
    ]);

    // The plot's nearest point to the video is on its eastern edge, on the video's parallel.
    const plotEast = Math.round((PLOT_WEST + 0.001273) * 1e6) / 1e6;
    const expectedMetres = haversineMetres(VIDEO_AT, [plotEast, VIDEO_AT[1]!]);
    expect(expectedMetres).toBeGreaterThan(570_000);
    const far = byRule.EVIDENCE_FAR_FROM_PLOT!.numbers;
    expect(far).toMatchObject({
      plotId: ids.plot1,
      source: `media:${media.clip!.sha256}`,
      longitude: VIDEO_AT[0],
      latitude: VIDEO_AT[1],
      limitMetres: 5000,
    });
    expect(Math.abs((far.distanceMetres as number) - expectedMetres) / expectedMetres).toBeLessThan(0.007);

    // 1 May to 1 November: 31 + 30 + 31 + 31 + 30 + 31 = 184 days.
    expect(byRule.EVIDENCE_TIME_MISMATCH!.numbers).toEqual({
      capturedAt: CAPTURED_AT,
      source: `media:${media.clip!.sha256}`,
      mediaTime: new Date(VIDEO_MADE).toISOString(),
      differenceHours: (31 + 30 + 31 + 31 + 30 + 31) * 24,
      limitHours: 48,
    });
    expect(byRule.EVIDENCE_SPARSE_SPLAT!.numbers).toEqual({
      sha256: media.splat!.sha256,
      points: SPARSE_SPLAT.length / 32,
      minimumPoints: 10_000,
    });
  });

  it('flags the same video attested again for another plot, naming the first attestation', async () => {
    second = await attest(ids.plot2!, [media.clip!]);
    const [shown] = await shownWith(ids.plot2!);
    const reused = shown!.findings.find((f) => f.rule === 'EVIDENCE_REUSED');
    expect(reused!.numbers).toEqual({
      sha256: media.clip!.sha256,
      firstAttestationId: first,
      firstEntryIndex: expect.any(Number),
      firstSubject: `plot:${ids.plot1}`,
      reusedMedia: 1,
    });
    // The first use is not flagged for what came after it.
    expect((await stored(first)).map((f) => f.rule)).not.toContain('EVIDENCE_REUSED');
  });

  it('finds the same with the recompute, under the same ids and with the same numbers', async () => {
    const before = [...(await stored(first)), ...(await stored(second))];
    expect(before).toHaveLength(6);
    const run = await t.call('POST', '/v1/mass-balance/recompute', admin);
    expect(run.statusCode, run.body).toBe(200);
    const after = [...(await stored(first)), ...(await stored(second))];
    expect(after.map((f) => [f.id, f.rule, f.numbers])).toEqual(before.map((f) => [f.id, f.rule, f.numbers]));
    const link = await t.call('GET', `/v1/findings/${after[0]!.id}`, admin);
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().versions).toHaveLength(2);
  });

  it('names the first attestation of another plot when the first use was for the same plot, reading two sharers however often the video is sent', async () => {
    // plot1's video again: the earliest use for another subject is plot2's, not plot1's own first.
    const third = await attest(ids.plot1!, [media.clip!]);
    const reused = (await stored(third)).find((f) => f.rule === 'EVIDENCE_REUSED');
    expect(reused!.numbers).toMatchObject({ firstAttestationId: second, firstSubject: `plot:${ids.plot2}` });
    let last = third;
    for (let i = 0; i < 4; i++) last = await attest(ids.plot1!, [media.clip!]);
    // The incremental check reads the new attestation and the two it can name, not every earlier copy.
    const loaded = await loadEvidence(t.runtime.db, SHARING_MEDIA, [[last]]);
    expect(loaded.attestations.map((a) => a.attestationId).sort()).toEqual([first, second, last].sort());
    expect((await stored(last)).find((f) => f.rule === 'EVIDENCE_REUSED')!.numbers).toMatchObject({
      firstAttestationId: second,
    });
    // The recompute, over every attestation, agrees.
    const before = await stored(third);
    expect((await t.call('POST', '/v1/mass-balance/recompute', admin)).statusCode).toBe(200);
    expect((await stored(third)).map((f) => [f.id, f.rule, f.numbers])).toEqual(
      before.map((f) => [f.id, f.rule, f.numbers]),
    );
  });
});
