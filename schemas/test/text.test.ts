// The text and JSON limits every request passes (issue 10, item 4): one predicate for zod fields and
// for bodies no zod schema describes field by field.
import { describe, expect, it } from 'vitest';
import { jsonBodyIssues, MAX_JSON_DEPTH, safeText, unsafeTextReason } from '../src/index.ts';

describe('unsafeTextReason', () => {
  it('refuses NUL and lone surrogates, high or low, anywhere', () => {
    for (const bad of [
      '\u0000',
      'ab\u0000c',
      'abc\ud800',
      '\ud800abc',
      '\udc00abc',
      'x\udfff',
      '\ude00\ud83d',
    ])
      expect(unsafeTextReason(bad), JSON.stringify(bad)).toBeDefined();
  });
  it('accepts well-formed text, pairs outside the BMP and other control characters included', () => {
    for (const good of ['', 'Coopérative', '🍫', '𝒜\ud83d\ude00', 'tab\tnew\nline', '\u0001\u001f', '\ufffd'])
      expect(unsafeTextReason(good), JSON.stringify(good)).toBeUndefined();
  });
});

describe('safeText', () => {
  it('reports the reason before any other check, once', () => {
    const name = safeText()
      .trim()
      .min(1)
      .max(5)
      .regex(/^[a-z]+$/);
    const result = name.safeParse('a\u0000b');
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ message: 'must not contain NUL (U+0000)' }),
    ]);
    expect(name.parse(' abc ')).toBe('abc');
  });
});

describe('jsonBodyIssues', () => {
  const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: nest(levels - 1) });

  it('points at unsafe text in values and member names, and at non-finite numbers', () => {
    expect(
      jsonBodyIssues({
        name: 'ab\u0000c',
        list: ['ok', 'abc\ud800'],
        'a/b~c': { 'k\udc00': Number.POSITIVE_INFINITY },
        n: Number.NEGATIVE_INFINITY,
        fine: [1e308, -0, null, true, 'ok'],
      }).map((i) => i.pointer),
    ).toEqual(['/name', '/list/1', '/a~1b~0c/k\udc00', '/a~1b~0c/k\udc00', '/n']);
  });

  it('allows values down to depth 64 (as RFC 8785 encoding in the ledger does) and points at the first deeper one', () => {
    expect(jsonBodyIssues(nest(MAX_JSON_DEPTH))).toEqual([]);
    expect(jsonBodyIssues(nest(MAX_JSON_DEPTH + 1))).toEqual([
      { pointer: '/a'.repeat(MAX_JSON_DEPTH + 1), detail: `nests deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
    // Far deeper input is walked only down to the limit.
    expect(jsonBodyIssues(nest(10_000))).toHaveLength(1);
  });

  it('stops at the limit of issues it reports', () => {
    expect(
      jsonBodyIssues(
        Array.from({ length: 100 }, () => '\u0000'),
        5,
      ),
    ).toHaveLength(5);
  });
});
