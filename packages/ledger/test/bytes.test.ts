import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from '../src/index.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64 (RFC 4648 §4)', () => {
  // RFC 4648 §10 test vectors.
  const RFC4648 = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ] as const;

  describe('#toBase64', () => {
    it('encodes the RFC 4648 §10 vectors', () => {
      for (const [plain, encoded] of RFC4648) expect(toBase64(ascii(plain))).toBe(encoded);
    });

    it('uses every character of the alphabet, including + and /', () => {
      // The 64 six-bit values 0..63, packed big-endian into 48 bytes.
      const packed = new Uint8Array(48);
      for (let v = 0; v < 64; v++) {
        for (let b = 0; b < 6; b++) {
          if ((v >> (5 - b)) & 1) {
            const bit = v * 6 + b;
            packed[bit >> 3]! |= 0x80 >> (bit & 7);
          }
        }
      }
      expect(toBase64(packed)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
    });

    it('encodes high bytes in every position of a group', () => {
      expect(toBase64(new Uint8Array([0xff, 0xff, 0xff]))).toBe('////');
      expect(toBase64(new Uint8Array([0xff]))).toBe('/w==');
      expect(toBase64(new Uint8Array([0xff, 0xff]))).toBe('//8=');
      expect(toBase64(new Uint8Array([0xfb, 0xef, 0xbe]))).toBe('++++');
    });
  });

  describe('#fromBase64', () => {
    it('decodes the RFC 4648 §10 vectors', () => {
      for (const [plain, encoded] of RFC4648) expect(fromBase64(encoded)).toEqual(ascii(plain));
    });

    it('round-trips every length from 0 to 40 bytes of every byte value', () => {
      for (let length = 0; length <= 40; length++) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31 + 255) & 0xff);
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }
    });

    it('refuses a length that is not a multiple of four', () => {
      for (const bad of ['Zg', 'Zg=', 'Zm9vY', 'Zm9vYg=']) expect(fromBase64(bad), bad).toBeUndefined();
    });

    it('refuses characters outside the alphabet, including URL-safe base64 and non-ASCII', () => {
      for (const bad of [
        'Zm9-',
        'Zm9_',
        'Zm 9',
        'Zm9\n',
        'Zm9é',
        'Zm9\u0100',
        'Zm9\u00ff',
        'Zm9\u0080',
        'Zm9\u007f',
      ]) {
        expect(fromBase64(bad), bad).toBeUndefined();
      }
    });

    it('refuses padding anywhere but at the end', () => {
      for (const bad of ['Zg==Zm9v', '=Zm9', 'Z=m9', 'Zm=9', 'Z===', '====']) {
        expect(fromBase64(bad), bad).toBeUndefined();
      }
    });

    // RFC 4648 §3.5: the pad bits must be zero, or one byte string has several encodings
    // (and a signature or hash could be smuggled in more than one spelling).
    it('refuses non-zero bits after the last byte, so each byte string has one encoding', () => {
      expect(fromBase64('Zg==')).toEqual(ascii('f'));
      for (const bad of ['Zh==', 'Zi==', 'Zj==', 'Zo==', 'Zv=='])
        expect(fromBase64(bad), bad).toBeUndefined();
      expect(fromBase64('Zm8=')).toEqual(ascii('fo'));
      for (const bad of ['Zm9=', 'Zm+=', 'Zm/=']) expect(fromBase64(bad), bad).toBeUndefined();
    });

    it('gives a one- or two-byte tail exactly its bytes', () => {
      expect(fromBase64('AAAA/w==')).toEqual(new Uint8Array([0, 0, 0, 0xff]));
      expect(fromBase64('AAAA//8=')).toEqual(new Uint8Array([0, 0, 0, 0xff, 0xff]));
      expect(fromBase64('////')).toEqual(new Uint8Array([0xff, 0xff, 0xff]));
    });
  });
});

describe('hex', () => {
  it('encodes with two lower-case digits per byte', () => {
    expect(toHex(new Uint8Array([0, 1, 0x0a, 0xab, 0xff]))).toBe('00010aabff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('decodes lower-case hex and refuses anything else', () => {
    expect(fromHex('00010aabff')).toEqual(new Uint8Array([0, 1, 0x0a, 0xab, 0xff]));
    expect(fromHex('')).toEqual(new Uint8Array(0));
    for (const bad of ['0', 'abc', 'AB', 'zz', '0x00', ' 00', '00 '])
      expect(fromHex(bad), bad).toBeUndefined();
  });
});

describe('byte helpers', () => {
  it('concatenates in order', () => {
    expect(concatBytes()).toEqual(new Uint8Array(0));
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it('compares length and every byte', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2, 0]), new Uint8Array([1, 2]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([0, 2]), new Uint8Array([1, 2]))).toBe(false);
  });

  it('decodes UTF-8 strictly instead of substituting U+FFFD', () => {
    expect(utf8.decode(utf8.encode('Côte d’Ivoire'))).toBe('Côte d’Ivoire');
    expect(() => utf8.decode(new Uint8Array([0x61, 0xff]))).toThrow();
  });
});
