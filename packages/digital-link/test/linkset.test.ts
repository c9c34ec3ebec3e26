import { describe, expect, it } from 'vitest';
import {
  acceptedLanguages,
  buildLinkset,
  chooseLink,
  expandLinkType,
  type ResolverLink,
} from '../src/index.ts';

const anchor = 'https://id.example.com/01/09506000134352/10/A';
const pipEn: ResolverLink = {
  linkType: 'gs1:pip',
  href: 'https://id.example.com/passport/en',
  title: 'Product passport',
  type: 'text/html',
  hreflang: ['en'],
};
const pipFr: ResolverLink = {
  ...pipEn,
  href: 'https://id.example.com/passport/fr',
  title: 'Passeport',
  hreflang: ['fr'],
};
const trace: ResolverLink = {
  linkType: 'gs1:traceability',
  href: 'https://id.example.com/trace',
  title: 'Traceability',
  type: 'application/json',
};
const bundleA: ResolverLink = {
  linkType: 'https://groundtruth.example/voc/evidence',
  href: 'https://x/a',
  title: 'A',
};
const bundleB: ResolverLink = { ...bundleA, href: 'https://x/b', title: 'B' };
const links = [pipEn, pipFr, trace, bundleA, bundleB];

describe('buildLinkset', () => {
  it('is RFC 9264 JSON: one context object with the anchor, relations as IRIs, targets as arrays', () => {
    const set = buildLinkset(anchor, links, pipEn);
    expect(Object.keys(set)).toEqual(['linkset']);
    expect(set.linkset).toHaveLength(1);
    const [context] = set.linkset;
    expect(context.anchor).toBe(anchor);
    for (const [relation, targets] of Object.entries(context)) {
      if (relation === 'anchor') continue;
      expect(relation).toMatch(/^https:\/\//);
      expect(Array.isArray(targets)).toBe(true);
      for (const t of targets as { href: string; title: string }[]) {
        expect(typeof t.href).toBe('string');
        expect(typeof t.title).toBe('string');
      }
    }
    expect(context['https://gs1.org/voc/defaultLink']).toEqual([
      { href: pipEn.href, title: pipEn.title, type: 'text/html', hreflang: ['en'] },
    ]);
    expect(context['https://gs1.org/voc/pip']).toHaveLength(2);
    expect(context['https://groundtruth.example/voc/evidence']).toHaveLength(2);
    expect(context['https://gs1.org/voc/traceability']).toEqual([
      { href: trace.href, title: trace.title, type: 'application/json' },
    ]);
  });

  it('refuses a default link that is not among the links', () => {
    expect(() => buildLinkset(anchor, [trace], pipEn)).toThrow();
  });
});

describe('chooseLink', () => {
  it('goes to the default link, or its translation the caller prefers', () => {
    expect(chooseLink(links, pipEn, undefined)).toEqual({ kind: 'redirect', link: pipEn });
    expect(chooseLink(links, pipEn, undefined, ['fr-ca', 'en'])).toEqual({ kind: 'redirect', link: pipFr });
    expect(chooseLink(links, pipEn, 'gs1:defaultLink', ['de'])).toEqual({ kind: 'redirect', link: pipEn });
  });

  it('follows linkType: one link redirects, none is none, several alike are ambiguous', () => {
    expect(chooseLink(links, pipEn, 'gs1:traceability')).toEqual({ kind: 'redirect', link: trace });
    expect(chooseLink(links, pipEn, 'https://gs1.org/voc/traceability')).toEqual({
      kind: 'redirect',
      link: trace,
    });
    expect(chooseLink(links, pipEn, 'gs1:certificationInfo')).toEqual({ kind: 'none' });
    expect(chooseLink(links, pipEn, 'https://groundtruth.example/voc/evidence')).toEqual({
      kind: 'ambiguous',
      links: [bundleA, bundleB],
    });
    // Two pip links are told apart by language; without a preference they are not.
    expect(chooseLink(links, pipEn, 'gs1:pip', ['fr'])).toEqual({ kind: 'redirect', link: pipFr });
    expect(chooseLink(links, pipEn, 'gs1:pip')).toMatchObject({ kind: 'ambiguous' });
  });

  it('expands gs1: compact IRIs only', () => {
    expect(expandLinkType('gs1:pip')).toBe('https://gs1.org/voc/pip');
    expect(expandLinkType('https://example.com/x')).toBe('https://example.com/x');
  });
});

describe('acceptedLanguages', () => {
  it('orders by q, then by position, and drops q=0 and *', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0, *;q=0.5')).toEqual(['fr-ch', 'fr', 'en']);
    expect(acceptedLanguages('en;q=0.5, fr')).toEqual(['fr', 'en']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});
