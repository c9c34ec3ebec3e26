// The forest map read from an S3-compatible bucket over HTTP (s3rver on the loopback, started here:
// nothing leaves the machine): tiles listed by ListObjectsV2 and read by range requests give the same
// check, number for number, as the same tiles in a local directory.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ForestCover, type PlotGeometry } from '@groundtruth/forest';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCog } from '../../../packages/forest/test/cog.ts';

let server: S3rver;
let root: string;
let endpoint: string;
const dataset = { name: 'JRC GFC2020', version: 'remote-test' };
// Two tiles side by side, 64 × 64 pixels of 0.0002°, forest in a diagonal band.
const tiles = [0, 64].map((first) =>
  writeCog({
    west: -1.92 + first * 0.0002,
    north: 6.53,
    pixelWidth: 0.0002,
    pixelHeight: 0.0002,
    width: 64,
    height: 64,
    tileSize: 16,
    value: (c, r) => (Math.abs(first + c - 2 * r) < 20 ? 1 : 0),
  }),
);
const plot: PlotGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [-1.9143, 6.5271],
      [-1.8977, 6.5262],
      [-1.8991, 6.5201],
      [-1.9128, 6.5213],
      [-1.9143, 6.5271],
    ],
  ],
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gt-forest-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(root, 's3rver') });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await client.send(new CreateBucketCommand({ Bucket: 'forest' }));
  await mkdir(join(root, 'local'));
  for (const [k, bytes] of tiles.entries()) {
    await client.send(new PutObjectCommand({ Bucket: 'forest', Key: `gfc2020/tile-${k}.tif`, Body: bytes }));
    await writeFile(join(root, 'local', `tile-${k}.tif`), bytes);
  }
  // Something else under another prefix, which the listing must leave out.
  await client.send(new PutObjectCommand({ Bucket: 'forest', Key: 'other/tile.tif', Body: tiles[0]! }));
  client.destroy();
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('ForestCover over HTTP', () => {
  it('lists a bucket prefix and reads windows by range requests, as from a directory', async () => {
    const remote = new ForestCover({ forest: { source: `${endpoint}/forest/gfc2020/`, dataset } });
    const local = new ForestCover({ forest: { source: join(root, 'local'), dataset } });
    const fromBucket = await remote.check(plot, 0);
    expect(fromBucket.coverage).toBe('full');
    expect(fromBucket.forestShare).toBeGreaterThan(0.1);
    expect(fromBucket.forestShare).toBeLessThan(0.9);
    expect(fromBucket).toEqual(await local.check(plot, 0));
  });

  it('reports a prefix that cannot be listed as unavailable', async () => {
    const missing = new ForestCover({ forest: { source: `${endpoint}/no-such-bucket/`, dataset } });
    await expect(missing.check(plot, 0)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
