// The evidence entries the demo does not write (it registers keys, records attestations in batches
// and states about one): a single attestation through POST /v1/attestations, its withdrawal, and the
// revocation of the key that signed it.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helper.ts';

const base64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

export async function evidenceScenario(t: TestApp) {
  const [plot] = await t.runtime.db.query<{ id: string; organisation_id: string }>(
    'SELECT id, organisation_id FROM plots ORDER BY id LIMIT 1',
  );
  const token = await t.token('supplier', { organisationId: plot!.organisation_id });
  const ok = async <T>(response: Promise<LightMyRequestResponse>): Promise<T> => {
    const res = await response;
    if (res.statusCode >= 300) throw new Error(`evidence scenario: ${res.statusCode} ${res.body}`);
    return (res.body ? res.json() : undefined) as T;
  };
  const keys = generateKeyPairSync('ed25519');
  const { kid } = await ok<{ kid: string }>(
    t.call('POST', `/v1/organisations/${plot!.organisation_id}/keys`, token, {
      jwk: keys.publicKey.export({ format: 'jwk' }),
    }),
  );
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
  const blob = await ok<{ sha256: string; size: number; kind: string }>(
    t.app.inject({
      method: 'POST',
      url: '/v1/evidence',
      payload: photo,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    }),
  );
  const signingInput = `${base64url(JSON.stringify({ alg: 'EdDSA', kid }))}.${base64url(
    JSON.stringify({
      subject: { kind: 'plot', id: plot!.id },
      media: [{ sha256: blob.sha256, size: blob.size, kind: blob.kind }],
      capturedAt: '2026-06-30T08:00:00Z',
      location: { type: 'Point', coordinates: [-1.5, 6.5] },
      device: ' rebuild scenario phone ',
      statement: 'North boundary walked. ',
    }),
  )}`;
  const jws = `${signingInput}.${base64url(sign(null, Buffer.from(signingInput), keys.privateKey))}`;
  const receipt = await ok<{ attestationId: string }>(t.call('POST', '/v1/attestations', token, { jws }));
  await ok(
    t.call('POST', `/v1/attestations/${receipt.attestationId}/withdrawal`, token, {
      reason: 'photographed the neighbouring farm',
    }),
  );
  await ok(t.call('DELETE', `/v1/organisations/${plot!.organisation_id}/keys/${kid}`, token));
}
