import { describe, expect, it } from 'vitest';
import {
  commitEntry,
  commitFields,
  cryptoRandomBytes,
  DisclosureError,
  decodeDisclosure,
  disclosureDigest,
  ENTRY_POLICIES,
  type EntryEnvelope,
  EntryPolicyError,
  encodeEntry,
  fromBase64Url,
  portableBase64Url,
  revealBody,
  toBase64Url,
  utf8,
} from '../src/index.ts';

const body = {
  organisation: 'organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11',
  name: 'Kofi’s farm',
  geometry: { type: 'Point', coordinates: [-1.9, 6.5] },
  outputs: [
    { batch: 'batch:1', quantity: { value: '12.5', unit: 'KGM' } },
    { batch: 'batch:2', quantity: { value: '3', unit: 'TNE' } },
  ],
};
const paths = ['name', 'geometry', 'outputs.*.quantity'];

describe('SD-JWT disclosure encoding', () => {
  it('hashes a disclosure string exactly as RFC 9901 does (its family_name example)', () => {
    const disclosure = 'WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0';
    expect(disclosureDigest(disclosure)).toBe('X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0');
    expect(decodeDisclosure(disclosure)).toEqual({
      salt: '_26bc4LT-ac6q2KI6cBW5es',
      name: 'family_name',
      value: 'Möbius',
    });
  });

  it('encodes base64url without padding and decodes it strictly', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(fromBase64Url('-_8=')).toBeUndefined();
    expect(fromBase64Url('+/8')).toBeUndefined();
    expect(fromBase64Url('A')).toBeUndefined();
  });

  it('encodes like RFC 4648 §5 at every length, and salts never repeat across the random pool', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = cryptoRandomBytes(n * 131);
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      // The browser's path (no Buffer), and on a view into a larger buffer.
      expect(portableBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      const view = new Uint8Array(bytes.length + 8).subarray(3, 3 + bytes.length);
      view.set(bytes);
      expect(toBase64Url(view)).toBe(Buffer.from(bytes).toString('base64url'));
    }
    const salts = new Set(Array.from({ length: 1000 }, () => toBase64Url(cryptoRandomBytes(16))));
    expect(salts.size).toBe(1000);
  });

  it('refuses disclosures that are not [salt, name, value] or name a reserved key', () => {
    const enc = (v: unknown) => toBase64Url(utf8.encode(JSON.stringify(v)));
    expect(() => decodeDisclosure(enc(['s', 'a']))).toThrow(DisclosureError);
    expect(() => decodeDisclosure(enc([1, 'a', 2]))).toThrow(DisclosureError);
    expect(() => decodeDisclosure(enc(['s', '_sd', []]))).toThrow(DisclosureError);
    expect(() => decodeDisclosure('not base64url!')).toThrow(DisclosureError);
  });
});

describe('commitFields / revealBody', () => {
  it('replaces each confidential field by a digest, with 128-bit salts, and reveals the body again', () => {
    const { body: committed, disclosures } = commitFields(body, paths);
    expect(disclosures.map((d) => d.path).sort()).toEqual([
      'geometry',
      'name',
      'outputs.0.quantity',
      'outputs.1.quantity',
    ]);
    const text = JSON.stringify(committed);
    // Quoted as JSON holds them: a bare 'TNE' could occur by chance inside a random base64url digest.
    for (const secret of ['"Kofi’s farm"', '6.5]', '"12.5"', '"TNE"']) expect(text).not.toContain(secret);
    expect(JSON.stringify(body)).toContain('"TNE"'); // the check above can fail
    expect(committed._sd_alg).toBe('sha-256');
    expect(committed.organisation).toBe(body.organisation);
    expect((committed.outputs as { batch: string }[]).map((o) => o.batch)).toEqual(['batch:1', 'batch:2']);
    for (const d of disclosures) {
      expect(disclosureDigest(d.disclosure)).toBe(d.digest);
      expect(fromBase64Url(decodeDisclosure(d.disclosure).salt)).toHaveLength(16);
    }
    const revealed = revealBody(
      committed,
      disclosures.map((d) => d.disclosure),
    );
    expect(revealed.body).toEqual(body);
    expect(revealed.undisclosed).toBe(0);
    expect(body).toHaveProperty('name'); // the input is left alone
  });

  it('reveals only what is disclosed, and counts the rest', () => {
    const { body: committed, disclosures } = commitFields(body, paths);
    const geometry = disclosures.find((d) => d.path === 'geometry')!;
    const revealed = revealBody(committed, [geometry.disclosure]);
    expect(revealed.disclosed).toEqual(['geometry']);
    expect(revealed.undisclosed).toBe(3);
    expect(revealed.body.geometry).toEqual(body.geometry);
    expect(revealed.body).not.toHaveProperty('name');
  });

  it('commits deeper paths first, orders disclosures deepest pattern first, and leaves the input untouched', () => {
    const input = {
      a: { b: 1, c: { d: 2 } },
      list: [{ q: 1 }, { q: 2 }, { r: 3 }],
      keep: { x: 1 },
    };
    const snapshot = JSON.parse(JSON.stringify(input));
    const { body: committed, disclosures } = commitFields(input, ['a', 'a.c.d', 'list.*.q', 'missing.z']);
    // Depth 3 (a.c.d) before the depth-3 pattern list.*.q by pattern order, then depth 1 (a).
    expect(disclosures.map((d) => d.path)).toEqual(['a.c.d', 'list.0.q', 'list.1.q', 'a']);
    expect(input).toEqual(snapshot);
    // The disclosed `a` holds the digest of its own committed d.
    const a = decodeDisclosure(disclosures[3]!.disclosure).value as { c: { _sd: string[] } };
    expect(a.c._sd).toEqual([disclosures[0]!.digest]);
    // An unchanged member is shared, a changed one is a new object.
    expect(committed.keep).toBe(input.keep);
    expect((committed.list as unknown[])[2]).toBe(input.list[2]);
    expect((committed.list as unknown[])[0]).not.toBe(input.list[0]);
    expect(
      revealBody(
        committed,
        disclosures.map((d) => d.disclosure),
      ).body,
    ).toEqual(input);
  });

  it('keeps an own __proto__ member a member, not a prototype', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "secret": 2}') as Record<string, never>;
    const { body: committed } = commitFields(input, ['secret']);
    expect(Object.getPrototypeOf(committed)).toBe(Object.prototype);
    expect(Object.keys(committed).sort()).toEqual(['__proto__', '_sd', '_sd_alg']);
  });

  it('draws fresh salts: equal bodies give different digests', () => {
    const a = commitFields(body, ['name']).disclosures[0]!;
    const b = commitFields(body, ['name']).disclosures[0]!;
    expect(a.digest).not.toBe(b.digest);
  });

  it('refuses a disclosure that is not committed in the entry, repeated, or altered', () => {
    const one = commitFields(body, paths);
    const other = commitFields(body, paths);
    const name = one.disclosures.find((d) => d.path === 'name')!;
    expect(() => revealBody(one.body, [other.disclosures[0]!.disclosure])).toThrow(/matches no digest/);
    expect(() => revealBody(one.body, [name.disclosure, name.disclosure])).toThrow(/twice/);
    const decoded = decodeDisclosure(name.disclosure);
    const forged = toBase64Url(utf8.encode(JSON.stringify([decoded.salt, 'name', 'Someone else'])));
    expect(() => revealBody(one.body, [forged])).toThrow(DisclosureError);
  });

  it('refuses a disclosed name that clashes with a property in the clear', () => {
    const { body: committed } = commitFields({ a: 1, b: 2 }, ['b']);
    const sneaky = toBase64Url(utf8.encode(JSON.stringify(['salt', 'a', 3])));
    const tampered = { ...committed, _sd: [...(committed._sd as string[]), disclosureDigest(sneaky)].sort() };
    expect(() => revealBody(tampered, [sneaky])).toThrow(/clashes/);
  });

  it('refuses bodies that already hold reserved keys', () => {
    expect(() => commitFields({ _sd: [] }, ['x'])).toThrow(DisclosureError);
    expect(() => commitFields({ x: { '...': 1 } }, [])).toThrow(DisclosureError);
  });

  it('refuses a policy path that a store could not keep apart: empty segments, "~" or control characters', () => {
    // Stores join an entry's paths with "~" and a batch's rows with U+001E; a path holding either
    // would split on the way back.
    expect(() => commitFields({ 'a~b': 1 }, ['a~b'])).toThrow(/without "~"/);
    expect(() => commitFields({ 'a\u001eb': 1 }, ['a\u001eb'])).toThrow(/control characters/);
    expect(() => commitFields({ a: { 'b\nc': 1 } }, ['a.b\nc'])).toThrow(/control characters/);
    expect(() => commitFields({ a: { '': 1 } }, ['a.'])).toThrow(/non-empty segments/);
    expect(commitFields({ a: 1 }, ['a']).disclosures).toHaveLength(1);
  });
});

describe('entry policies', () => {
  const entry = (type: string, b: EntryEnvelope['body']): EntryEnvelope => ({
    type,
    version: 1,
    at: '2026-12-03T00:00:00Z',
    actor: 'system',
    subject: 'plot:1',
    body: b,
  });

  it('refuses an entry type without a policy', () => {
    expect(() => commitEntry(entry('plot.teleported', {}))).toThrow(EntryPolicyError);
    expect(() => commitEntry(entry('toString.x', {}))).toThrow(EntryPolicyError);
  });

  it('commits a plot’s geometry and finds its owner', () => {
    const committed = commitEntry(entry('plot.mapped', { ...body, commodity: 'cocoa' }));
    expect(committed.owner).toBe('0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11');
    expect(committed.entry.body.commodity).toBe('cocoa');
    const bytes = utf8.decode(encodeEntry(committed.entry));
    expect(bytes).not.toContain('Kofi');
    expect(bytes).not.toContain('coordinates');
  });

  it('names a well-formed owner field for every type that has one', () => {
    for (const [type, policy] of Object.entries(ENTRY_POLICIES)) {
      expect(type).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
      for (const path of policy.confidential) expect(path).toMatch(/^[A-Za-z*][\w*]*(\.[\w*]+)*$/);
    }
  });
});
