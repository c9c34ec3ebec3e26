import { describe, expect, it } from 'vitest';
import { canonicalJson, decodeEntry, encodeEntry, fromBase64, toBase64 } from '../src/index.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the example of RFC 8785 §3.2.2', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts property names by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('refuses what I-JSON forbids', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: '\ud800' })).toThrow(/surrogate/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson([undefined])).toThrow();
    expect(() => canonicalJson({ d: new Date() })).toThrow(/plain objects/);
  });

  it('writes -0 as 0 and leaves out undefined properties', () => {
    expect(canonicalJson({ b: -0, a: undefined })).toBe('{"b":0}');
  });
});

describe('ledger entries', () => {
  const entry = {
    type: 'supplier.registered',
    version: 1,
    at: '2026-11-23T10:00:00.000Z',
    actor: 'user:alice',
    subject: 'supplier:42',
    body: { name: 'Coop Ashanti', country: 'GH' },
  };

  it('encodes an entry canonically and decodes it back', () => {
    const bytes = encodeEntry(entry);
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"actor":"user:alice","at":"2026-11-23T10:00:00.000Z","body":{"country":"GH","name":"Coop Ashanti"},"subject":"supplier:42","type":"supplier.registered","version":1}',
    );
    expect(decodeEntry(bytes)).toEqual(entry);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('refuses leaf bytes that are not canonical, so one entry has one leaf hash', () => {
    const spaced = new TextEncoder().encode(JSON.stringify(entry, null, 1));
    expect(() => decodeEntry(spaced)).toThrow(/canonical/);
  });

  it('refuses malformed envelopes and oversized entries', () => {
    expect(() => encodeEntry({ ...entry, type: 'Supplier' })).toThrow(/resource.verb/);
    expect(() => encodeEntry({ ...entry, at: '2026-11-23 10:00' })).toThrow(/RFC 3339/);
    expect(() => encodeEntry({ ...entry, body: { blob: 'x'.repeat(70_000) } })).toThrow(/limit/);
  });
});
