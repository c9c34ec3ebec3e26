// Tests written from the mutation run of 4 December 2026 over disclosure.ts, canonical-json.ts and
// merkle.ts (`pnpm mutate ledger --files …`): each pins a behaviour a surviving mutant changed
// without any test noticing. docs/quality.md lists the survivors left as equivalent.
import { describe, expect, it } from 'vitest';
import { isWellFormedPortable } from '../src/canonical-json.ts';
import {
  commitFields,
  cryptoRandomBytes,
  DisclosureError,
  decodeDisclosure,
  disclosureDigest,
  revealBody,
  toBase64Url,
  utf8,
} from '../src/index.ts';

const enc = (v: unknown) => toBase64Url(utf8.encode(JSON.stringify(v)));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DisclosureError);
    expect((error as Error).name).toBe('DisclosureError');
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('the portable lone-surrogate check (engines without isWellFormed)', () => {
  it('answers as String.prototype.isWellFormed does', () => {
    const cases = [
      'plain',
      '',
      '\uD83D\uDE00', // a pair
      'a\uD83D\uDE00b',
      '\uD800', // lone high
      '\uDBFF',
      'x\uD800y',
      '\uDC00', // lone low
      '\uDFFF',
      'x\uDC00y',
      '\uDC00\uD800', // reversed pair: both lone
      '\uD800\uD800\uDC00', // a lone high before a pair
      '\uD800\uDC00\uDC00', // a pair before a lone low
      '\uE000\uD7FF\uFFFD',
    ];
    for (const s of cases)
      expect(isWellFormedPortable(s), JSON.stringify(s)).toBe(
        (s as string & { isWellFormed(): boolean }).isWellFormed(),
      );
  });
});

describe('decodeDisclosure refusals, each with its own reason', () => {
  it('names what is wrong', () => {
    expect(refusal(() => decodeDisclosure('a+b'))).toBe('a disclosure must be base64url without padding');
    expect(refusal(() => decodeDisclosure(toBase64Url(utf8.encode('not json'))))).toBe(
      'a disclosure must be base64url of UTF-8 JSON',
    );
    expect(refusal(() => decodeDisclosure(enc(['s', 'a'])))).toBe(
      'a disclosure of an object property is [salt, name, value]',
    );
    expect(refusal(() => decodeDisclosure(enc({ 0: 's', 1: 'a', 2: 1 })))).toBe(
      'a disclosure of an object property is [salt, name, value]',
    );
    expect(refusal(() => decodeDisclosure(enc([1, 'a', 2])))).toBe(
      'a disclosure’s salt and name must be strings',
    );
    expect(refusal(() => decodeDisclosure(enc(['s', 2, 2])))).toBe(
      'a disclosure’s salt and name must be strings',
    );
    for (const reserved of ['_sd', '_sd_alg', '...'])
      expect(refusal(() => decodeDisclosure(enc(['s', reserved, 1])))).toBe(
        `a disclosure may not name ${reserved}`,
      );
  });
});

describe('commitFields, edge by edge', () => {
  it('refuses reserved keys anywhere in the body, naming where', () => {
    expect(refusal(() => commitFields({ _sd: [] }, ['a']))).toBe(
      'an entry body may not itself hold _sd (at /_sd)',
    );
    expect(refusal(() => commitFields({ list: [1, { x: [{ _sd_alg: 1 }] }] }, ['a']))).toBe(
      'an entry body may not itself hold _sd_alg (at /list/1/x/0/_sd_alg)',
    );
    expect(refusal(() => commitFields({ a: { b: { '...': 1 } } }, []))).toBe(
      'an entry body may not itself hold ... (at /a/b/...)',
    );
    // Nulls, numbers and strings inside are walked past.
    expect(() => commitFields({ n: null, s: 'x', k: 1, l: [null, 2] }, ['s'])).not.toThrow();
  });

  it('leaves the body as it was (the same object) when no path matches', () => {
    const input = { a: 1, b: { c: 2 } };
    const none = commitFields(input, ['x', 'b.y']);
    expect(none.body).toBe(input);
    expect(none.disclosures).toEqual([]);
    expect(none.body).not.toHaveProperty('_sd_alg');
    expect(commitFields(input, []).body).toBe(input);
  });

  it('shares what it does not change, at every depth', () => {
    const input = { a: { b: { c: 1 }, keep: { d: 2 } }, list: [{ q: 1 }], other: [{ r: 1 }], secret: 's' };
    const { body } = commitFields(input, ['a.b.x', 'list.*.zz', 'secret']);
    expect(body.a).toBe(input.a); // a.b.x matched nothing
    expect(body.list).toBe(input.list); // list.*.zz matched nothing
    expect(body.other).toBe(input.other);
  });

  it('treats `*` as array elements only, and a property path never as a string index', () => {
    expect(commitFields({ o: { '*': 1 } }, ['o.*']).disclosures).toEqual([]);
    expect(commitFields({ s: 'abc' }, ['s.0']).disclosures).toEqual([]);
    // A property path into an array (without `*`) matches nothing and does not fail.
    expect(commitFields({ list: [{ x: 1 }] }, ['list.x']).disclosures).toEqual([]);
  });

  it('puts digests only where fields were committed, sorted', () => {
    const fields = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i]));
    const { body } = commitFields(
      { inner: fields, clear: 1 },
      Object.keys(fields).map((f) => `inner.${f}`),
    );
    expect(body).not.toHaveProperty('_sd'); // the top level committed nothing itself
    expect(body._sd_alg).toBe('sha-256');
    const sd = (body.inner as { _sd: string[] })._sd;
    expect(sd).toHaveLength(8);
    expect(sd).toEqual([...sd].sort());
  });

  it('keeps an own __proto__ member in the committed body', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "secret": 2}') as Record<string, never>;
    const { body } = commitFields(input, ['secret']);
    expect(JSON.stringify(body)).toContain('"__proto__":{"x":1}');
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('draws salts from the pool and, beyond it, directly', () => {
    const big = cryptoRandomBytes(5000);
    expect(big).toHaveLength(5000);
    expect(new Set(big).size).toBeGreaterThan(200);
    // Crossing the 4 KiB pool's end gives fresh bytes, not a repeat.
    const seen = new Set(Array.from({ length: 600 }, () => toBase64Url(cryptoRandomBytes(16))));
    expect(seen.size).toBe(600);
  });
});

describe('revealBody, edge by edge', () => {
  it('accepts a body with no commitments and nothing disclosed, nulls and all', () => {
    expect(revealBody({ a: 1, n: null, l: [null, { b: 2 }] }, [])).toEqual({
      body: { a: 1, n: null, l: [null, { b: 2 }] },
      disclosed: [],
      undisclosed: 0,
    });
  });

  it('requires _sd_alg when the body has digests, or when disclosures are given', () => {
    const { body, disclosures } = commitFields({ a: 1 }, ['a']);
    const { _sd_alg: _, ...withoutAlg } = body;
    expect(refusal(() => revealBody(withoutAlg, []))).toBe('the body must declare _sd_alg "sha-256"');
    expect(refusal(() => revealBody({ b: 1 }, [disclosures[0]!.disclosure]))).toBe(
      'the body must declare _sd_alg "sha-256"',
    );
  });

  it('keeps a nested _sd_alg as an ordinary member (only the top level declares the algorithm)', () => {
    const revealed = revealBody({ _sd_alg: 'sha-256', a: { _sd_alg: 'kept' } }, []);
    expect(revealed.body).toEqual({ a: { _sd_alg: 'kept' } });
  });

  it('refuses _sd that is not a list of strings, and a digest listed twice', () => {
    expect(refusal(() => revealBody({ _sd_alg: 'sha-256', _sd: 'x' }, []))).toBe(
      '_sd must be an array of digests',
    );
    expect(refusal(() => revealBody({ _sd_alg: 'sha-256', _sd: ['a', 1] }, []))).toBe(
      '_sd must be an array of digests',
    );
    const digest = disclosureDigest(enc(['s', 'a', 1]));
    expect(refusal(() => revealBody({ _sd_alg: 'sha-256', _sd: [digest, digest] }, []))).toBe(
      'a digest occurs twice in the body',
    );
  });

  it('reports the paths it disclosed, at every depth, in the order given', () => {
    const input = { top: 1, outputs: [{ q: 1 }, { q: 2 }], deep: { inner: { v: 3 } } };
    const { body, disclosures } = commitFields(input, ['top', 'outputs.*.q', 'deep.inner.v']);
    const given = [...disclosures].reverse();
    const revealed = revealBody(
      body,
      given.map((d) => d.disclosure),
    );
    expect(revealed.disclosed).toEqual(given.map((d) => d.path));
    expect(revealed.disclosed.sort()).toEqual(['deep.inner.v', 'outputs.0.q', 'outputs.1.q', 'top']);
    expect(revealed.body).toEqual(input);
  });
});
