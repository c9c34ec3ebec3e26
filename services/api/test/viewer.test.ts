// The viewer's files as the API serves them under /viewer/ (issue 15, item 5): media types, a
// year's immutable caching for hashed assets and revalidation for the page, the CSP, conditional
// requests, and nothing served that the build did not produce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_CSP } from '../src/domains/viewer/index.ts';
import { buildTestApp, type TestApp } from './helper.ts';

describe('GET /viewer/', () => {
  let t: TestApp;
  let page: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const response = await t.app.inject({ url: '/viewer/' });
    expect(response.statusCode).toBe(200);
    page = response.body;
  }, 120_000);
  afterAll(async () => t?.close());

  const assetsOf = (html: string) =>
    [...html.matchAll(/(?:src|href)="\/viewer\/(assets\/[^"]+)"/g)].map((m) => m[1]!);

  it('serves the page with its CSP, revalidated on every visit, and only same-origin references', async () => {
    const response = await t.app.inject({ url: '/viewer/?batch=anything' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(VIEWER_CSP);
    expect(VIEWER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(VIEWER_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|data:/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // No inline script (the CSP would block it) and nothing from another site.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(assetsOf(page).length).toBeGreaterThanOrEqual(2);
  });

  it('serves hashed assets with their media type, cached for a year as immutable, and answers 304 to a matching ETag', async () => {
    const types = new Map<string, string>();
    for (const asset of assetsOf(page)) {
      const response = await t.app.inject({ url: `/viewer/${asset}` });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      types.set(asset.split('.').at(-1)!, String(response.headers['content-type']));
      const again = await t.app.inject({
        url: `/viewer/${asset}`,
        headers: { 'if-none-match': String(response.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    expect(types.get('js')).toBe('text/javascript; charset=utf-8');
    expect(types.get('css')).toBe('text/css; charset=utf-8');
    const icon = await t.app.inject({ url: '/viewer/favicon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('redirects /viewer to /viewer/ keeping the query', async () => {
    const response = await t.app.inject({ url: '/viewer?batch=b&view=tiers' });
    expect(response.statusCode).toBe(308);
    expect(response.headers.location).toBe('/viewer/?batch=b&view=tiers');
  });

  it('answers 404 problem+json for any name the build did not produce, traversal included', async () => {
    for (const url of [
      '/viewer/assets/missing.js',
      '/viewer/../package.json',
      '/viewer/%2e%2e/package.json',
      '/viewer/src/main.ts',
      '/viewer/vite.config.ts',
      '/viewer/.fingerprint',
    ]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
