// Reads this folder's fixtures into the plain JSON shape runFixtureChecks takes (bytes as base64),
// the same object the browser test hands to Chromium.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toBase64 } from '@groundtruth/ledger';
import type { Fixtures } from './fixture-checks.ts';

const dir = join(import.meta.dirname, 'fixtures');
const json = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8'));

export async function loadFixtures(): Promise<Fixtures> {
  const media: Record<string, string> = {};
  for (const digest of await readdir(join(dir, 'bundle/media')))
    media[digest] = toBase64(await readFile(join(dir, 'bundle/media', digest)));
  return {
    receipts: { eddsa: await json('receipt-eddsa.json'), es256: await json('receipt-es256.json') },
    bundle: await json('bundle/bundle.json'),
    media,
    photo: toBase64(await readFile(join(dir, 'photo.jpg'))),
    log: await json('log.json'),
  };
}
