// Issue 14, item 4: the QR code the brand prints. Generated through the API, decoded by an
// independent library (jsQR on the PNG's pixels), and followed: the URL must be the canonical
// Digital Link and lead to the passport.
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, seedDemoData } from '../../services/api/src/demo/seed.ts';
import { buildTestApp, type TestApp } from '../../services/api/test/helper.ts';

const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';
let t: TestApp;
let owner: string;
let stranger: string;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  const [product] = await t.runtime.db.query<{ organisation_id: string }>(
    'SELECT organisation_id FROM products WHERE gtin = $1',
    [BUTTER],
  );
  owner = await t.token('procurement', { organisationId: product!.organisation_id });
  const other = await t.call('POST', '/v1/organisations', await t.token('admin'), {
    name: 'Unrelated Brand Ltd',
    kind: 'brand',
    country: 'FR',
  });
  expect(other.statusCode, other.body).toBe(201);
  stranger = await t.token('procurement', { organisationId: other.json().id });
}, 120_000);
afterAll(() => t.close());

// jsQR ships CommonJS whose typings declare an ES default export: under Node's ESM interop the
// default import is the module object, and the function is its `default`.
type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqr as unknown as { default?: Decoder }).default ?? jsqr) as unknown as Decoder;

function decode(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe('QR codes of Digital Links', () => {
  it('encodes the canonical Digital Link of the lot, which an independent decoder reads back and which leads to the passport', async () => {
    const res = await t.call(
      'GET',
      `/v1/products/${DEMO_GTINS.cocoaButter}/qr?lot=${LOT}&format=png&size=400`,
      owner,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const expected = `http://localhost/01/${BUTTER}/10/${LOT}`;
    expect(res.headers['content-location']).toBe(expected);
    const image = PNG.sync.read(res.rawPayload);
    expect(image.width).toBe(400);
    // A 4-module quiet zone: the outer band is white. At version v, the code is 4v + 17 modules wide
    // plus 8 of margin; the first dark pixel sits 4 modules in.
    const firstDark = (() => {
      for (let x = 0; x < image.width; x++) {
        const y = Math.floor(image.height / 2) - 100;
        if (image.data[(y * image.width + x) * 4]! < 128) return x;
      }
      return -1;
    })();
    expect(firstDark).toBeGreaterThan(0);
    const decoded = decode(res.rawPayload);
    expect(decoded).toBe(expected);

    const scan = await t.app.inject({
      url: decoded!.replace('http://localhost', ''),
      headers: { accept: 'text/html' },
    });
    expect(scan.statusCode).toBe(307);
    const page = await t.app.inject({ url: scan.headers.location!.replace('http://localhost', '') });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brightwater Cocoa Butter');
    expect(page.body).toContain(LOT);
  });

  it('serves SVG by default, and a product-level code without a lot', async () => {
    const svg = await t.call('GET', `/v1/products/${BUTTER}/qr`, owner);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(svg.headers['content-location']).toBe(`http://localhost/01/${BUTTER}`);
    const png = await t.call('GET', `/v1/products/${BUTTER}/qr?format=png`, owner);
    expect(decode(png.rawPayload)).toBe(`http://localhost/01/${BUTTER}`);
  });

  it('refuses bad input with 400 naming the field, unknown lots and other tenants’ products with 404', async () => {
    const before = Number(await t.runtime.reader.size());
    const cases: [string, number, string | undefined][] = [
      ['/v1/products/04012345678001/qr', 400, '/id'], // check digit
      [`/v1/products/${BUTTER}/qr?format=gif`, 400, '/format'],
      [`/v1/products/${BUTTER}/qr?size=10`, 400, '/size'],
      [`/v1/products/${BUTTER}/qr?lot=${'X'.repeat(21)}`, 400, '/lot'],
      [`/v1/products/${BUTTER}/qr?lot=A%20B`, 400, '/lot'], // a space is not in GS1's character set 82
      [`/v1/products/${BUTTER}/qr?lot=NO-SUCH-LOT`, 404, undefined],
      ['/v1/products/09506000134352/qr', 404, undefined],
    ];
    for (const [url, status, pointer] of cases) {
      const res = await t.call('GET', url, owner);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      if (pointer) expect(res.json().errors[0].pointer, url).toBe(pointer);
    }
    const hidden = await t.call('GET', `/v1/products/${BUTTER}/qr`, stranger);
    expect(hidden.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/v1/products/${BUTTER}/qr` })).statusCode).toBe(401);
    expect(Number(await t.runtime.reader.size())).toBe(before);
  });
});
