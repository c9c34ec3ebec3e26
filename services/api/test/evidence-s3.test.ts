// The API with its evidence in an S3-compatible bucket (s3rver, started here; MinIO is not packaged
// for these machines): uploads land in the bucket under their digest, a second node with an empty
// cache serves them from the bucket, and a refused upload leaves the bucket untouched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3BlobStore } from '@groundtruth/evidence';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../../../packages/evidence/test/fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';

let server: S3rver;
let root: string;
let t: TestApp;
let env: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gt-s3-api-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(root, 's3rver') });
  const address = await server.run();
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  env = {
    GROUNDTRUTH_EVIDENCE_S3_BUCKET: 'groundtruth-evidence',
    GROUNDTRUTH_EVIDENCE_S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
    GROUNDTRUTH_EVIDENCE_S3_PREFIX: 'test/',
  };
  t = await buildTestApp({ env });
  await (t.runtime.evidence.store as S3BlobStore).client.send(
    new CreateBucketCommand({ Bucket: 'groundtruth-evidence' }),
  );
});
afterAll(async () => {
  await t.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('evidence in an S3-compatible bucket', () => {
  it('stores uploads in the bucket by digest and serves them to a node that has never seen them', async () => {
    const store = t.runtime.evidence.store as S3BlobStore;
    const { farm } = await t.seedOrganisations({ farm: 'supplier' });
    const token = await t.token('supplier', { organisationId: farm });
    const photo = jpeg('a warehouse');
    const send = (payload: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/evidence',
        payload,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      });
    const res = await send(photo);
    expect(res.statusCode, res.body).toBe(201);
    const { sha256 } = res.json();
    const listed = async () =>
      (
        (await store.client.send(new ListObjectsV2Command({ Bucket: 'groundtruth-evidence' }))).Contents ?? []
      ).map((o) => o.Key);
    expect(await listed()).toEqual([`test/sha256/${sha256.slice(0, 2)}/${sha256}`]);
    expect((await send(Buffer.from('not a photo at all'))).statusCode).toBe(415);
    expect(await listed()).toHaveLength(1);

    // Another API node on the same database and bucket, with an empty local cache.
    await rm(store.cache.root, { recursive: true, force: true });
    const content = await t.call('GET', `/v1/evidence/${sha256}/content`, token);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(photo)).toBe(true);
  });
});
