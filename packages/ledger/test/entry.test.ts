// The ledger entry envelope: every refusal, and exactly one byte string per entry.
import { describe, expect, it } from 'vitest';
import { decodeEntry, type EntryEnvelope, encodeEntry, MAX_ENTRY_BYTES } from '../src/index.ts';

const entry: EntryEnvelope = {
  type: 'supplier.registered',
  version: 1,
  at: '2026-11-23T10:00:00.000Z',
  actor: 'user:alice',
  subject: 'supplier:42',
  body: { name: 'Coop Ashanti', country: 'GH' },
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('ledger entry', () => {
  describe('#encodeEntry', () => {
    it('accepts resource.verb types with digits, underscores and more than one dot', () => {
      for (const type of ['a.b', 'supplier.registered', 'custody_model.changed', 'v2.x.y9']) {
        expect(() => encodeEntry({ ...entry, type }), type).not.toThrow();
      }
    });

    it('refuses a type that is not resource.verb', () => {
      for (const type of [
        'supplier',
        'Supplier.registered',
        'supplier.Registered',
        '1a.b',
        'a..b',
        'a.b.',
        '.a.b',
        'a.b-c',
        'a.b c',
        ' a.b',
        'a.b\n',
      ]) {
        expect(() => encodeEntry({ ...entry, type }), JSON.stringify(type)).toThrow(
          `entry type ${JSON.stringify(type)} is not resource.verb`,
        );
      }
    });

    it('refuses a version that is not a positive safe integer', () => {
      for (const version of [0, -1, 1.5, 2 ** 53, Number.NaN]) {
        expect(() => encodeEntry({ ...entry, version }), String(version)).toThrow(
          'entry version must be a positive integer',
        );
      }
      expect(() => encodeEntry({ ...entry, version: 2 ** 53 - 1 })).not.toThrow();
    });

    it('takes RFC 3339 UTC times with up to nine fractional digits and refuses others', () => {
      for (const at of ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.1Z', '2026-11-23T10:00:00.123456789Z']) {
        expect(() => encodeEntry({ ...entry, at }), at).not.toThrow();
      }
      for (const at of [
        '2026-11-23 10:00',
        '2026-11-23T10:00:00',
        '2026-11-23T10:00:00+01:00',
        '2026-11-23T10:00:00.Z',
        '2026-11-23T10:00:00.1234567890Z',
        'x2026-11-23T10:00:00Z',
        '2026-11-23T10:00:00Zx',
        '2026-13-01T00:00:00Z', // the right shape, but no such month
        '2026-11-23T25:00:00Z',
      ]) {
        expect(() => encodeEntry({ ...entry, at }), at).toThrow('entry time must be RFC 3339 UTC');
      }
    });

    it('requires an actor and a subject, each on its own', () => {
      expect(() => encodeEntry({ ...entry, actor: '' })).toThrow('entry actor and subject are required');
      expect(() => encodeEntry({ ...entry, subject: '' })).toThrow('entry actor and subject are required');
    });

    it('requires the body to be an object', () => {
      for (const body of [null, [], 'text', 1]) {
        expect(() => encodeEntry({ ...entry, body: body as never }), JSON.stringify(body)).toThrow(
          'entry body must be an object',
        );
      }
    });

    it('keeps only the envelope fields', () => {
      const extra = { ...entry, secret: 'not in the leaf' } as EntryEnvelope;
      expect(new TextDecoder().decode(encodeEntry(extra))).not.toContain('secret');
    });

    // tlog-tiles entry bundles prefix each entry with a uint16 length.
    it('accepts an entry of exactly 65,535 bytes and refuses one byte more', () => {
      const overhead = encodeEntry({ ...entry, body: { blob: '' } }).length;
      const fits = { ...entry, body: { blob: 'x'.repeat(MAX_ENTRY_BYTES - overhead) } };
      expect(encodeEntry(fits)).toHaveLength(65_535);
      const over = { ...entry, body: { blob: 'x'.repeat(MAX_ENTRY_BYTES - overhead + 1) } };
      expect(() => encodeEntry(over)).toThrow('entry is 65536 bytes; the limit is 65535');
    });
  });

  describe('#decodeEntry', () => {
    it('refuses bytes that are not UTF-8 JSON, or JSON that is not an object', () => {
      expect(() => decodeEntry(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow('entry bytes are not UTF-8 JSON');
      expect(() => decodeEntry(bytes('{"type":'))).toThrow('entry bytes are not UTF-8 JSON');
      for (const json of ['null', '[]', '"supplier.registered"', '1']) {
        expect(() => decodeEntry(bytes(json)), json).toThrow('entry is not an object');
      }
    });

    it('checks the envelope of what it decodes', () => {
      const bad = encodeEntry(entry).slice();
      const text = new TextDecoder().decode(bad).replace('supplier.registered', 'Supplier.registered');
      expect(() => decodeEntry(bytes(text))).toThrow('is not resource.verb');
    });

    // One entry, one leaf hash: the same fields in another order (same length, other bytes) must not
    // decode, or an entry could be logged twice under two hashes.
    it('refuses the same members in another order, byte for byte the same length', () => {
      const canonical = new TextDecoder().decode(encodeEntry(entry));
      const reordered = canonical.replace('"actor":"user:alice",', '').replace('}', '},"actor":"user:alice"');
      expect(reordered).toHaveLength(canonical.length);
      expect(JSON.parse(reordered)).toEqual(JSON.parse(canonical));
      expect(() => decodeEntry(bytes(reordered))).toThrow('entry bytes are not in RFC 8785 canonical form');
    });

    it('refuses a different spelling of the same number or string', () => {
      const canonical = new TextDecoder().decode(encodeEntry(entry));
      expect(() => decodeEntry(bytes(canonical.replace('"version":1', '"version":1.0')))).toThrow(
        'canonical form',
      );
      expect(() => decodeEntry(bytes(canonical.replace('Coop', 'C\\u006fop')))).toThrow('canonical form');
      expect(() => decodeEntry(bytes(`${canonical} `))).toThrow('canonical form');
    });
  });
});
