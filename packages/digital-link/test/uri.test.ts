import { describe, expect, it } from 'vitest';
import {
  DigitalLinkError,
  encodeValue,
  parseTradeItemLink,
  tradeItemPath,
  tradeItemUri,
} from '../src/index.ts';

// GS1's example GTIN (Dal Giardino risotto rice, GS1 Digital Link documentation): 09506000134352.
// Its check digit by hand: digits 0950600013435, weights 3,1,3,… from the right:
// 5·3 + 3·1 + 4·3 + 3·1 + 1·3 + 0·1 + 0·3 + 0·1 + 6·3 + 0·1 + 5·3 + 9·1 + 0·3 = 78 → (10 − 8) % 10 = 2.
const GTIN = '09506000134352';

function faultOf(path: string, query = ''): { message: string; at: string } {
  try {
    parseTradeItemLink(path, query);
  } catch (error) {
    expect(error).toBeInstanceOf(DigitalLinkError);
    return { message: (error as Error).message, at: (error as DigitalLinkError).at };
  }
  throw new Error(`${path}?${query} was accepted`);
}

describe('parseTradeItemLink', () => {
  it('reads a GTIN and pads GTIN-8, -12 and -13 to 14 digits', () => {
    expect(parseTradeItemLink(`/01/${GTIN}`)).toEqual({ gtin: GTIN, attributes: {}, parameters: {} });
    expect(parseTradeItemLink('/01/9506000134352').gtin).toBe(GTIN);
    // GTIN-8 96385074: 9·3+6·1+3·3+8·1+5·3+0·1+7·3 = 86 → check 4.
    expect(parseTradeItemLink('/01/96385074').gtin).toBe('00000096385074');
  });

  it('reads the key qualifiers in order, decoded', () => {
    const link = parseTradeItemLink(`/01/${GTIN}/22/2A/10/ABC%2F123/21/%2112345`, '');
    expect(link).toMatchObject({ gtin: GTIN, cpv: '2A', lot: 'ABC/123', serial: '!12345' });
    expect(parseTradeItemLink(`/01/${GTIN}/10/LOT-7`)).toMatchObject({ lot: 'LOT-7' });
    expect(parseTradeItemLink(`/01/${GTIN}/21/S1`).serial).toBe('S1');
  });

  it('refuses a wrong check digit, a malformed GTIN and a missing one, at /01', () => {
    expect(faultOf('/01/09506000134353')).toMatchObject({ at: '/01' });
    expect(faultOf('/01/950600013435')).toMatchObject({ at: '/01' });
    expect(faultOf('/01/ABCDEFGHIJKLMN')).toMatchObject({ at: '/01' });
    expect(faultOf('/01')).toMatchObject({ at: '/01' });
    expect(faultOf('/01/')).toMatchObject({ at: '/01' });
  });

  it('refuses qualifiers out of order, repeated, unknown, or without a value', () => {
    expect(faultOf(`/01/${GTIN}/21/1/10/A`)).toMatchObject({ at: '/10' });
    expect(faultOf(`/01/${GTIN}/10/A/22/B`)).toMatchObject({ at: '/22' });
    expect(faultOf(`/01/${GTIN}/10/A/10/B`)).toMatchObject({ at: '/10' });
    expect(faultOf(`/01/${GTIN}/10`)).toMatchObject({ at: '/10' });
    const attribute = faultOf(`/01/${GTIN}/17/261231`);
    expect(attribute.at).toBe('/17');
    expect(attribute.message).toMatch(/query string/);
    expect(faultOf(`/01/${GTIN}/lot/A`)).toMatchObject({ at: '/lot' });
  });

  it('refuses the deprecated aliases and names other primary keys', () => {
    expect(faultOf(`/gtin/${GTIN}`).message).toMatch(/deprecated alias/);
    expect(faultOf('/00/106141412345678908')).toMatchObject({ at: '/00' });
    expect(faultOf('/414/9520123456788').message).toMatch(/serves GTINs/);
    expect(faultOf('/products/1')).toMatchObject({ at: '/' });
  });

  it('holds alphanumeric values to 1–20 characters of character set 82', () => {
    expect(parseTradeItemLink(`/01/${GTIN}/10/${'A'.repeat(20)}`).lot).toHaveLength(20);
    expect(faultOf(`/01/${GTIN}/10/${'A'.repeat(21)}`)).toMatchObject({ at: '/10' });
    expect(faultOf(`/01/${GTIN}/10/A%20B`)).toMatchObject({ at: '/10' }); // space
    expect(faultOf(`/01/${GTIN}/10/A%23B`)).toMatchObject({ at: '/10' }); // '#'
    expect(faultOf(`/01/${GTIN}/10/%C3%A9`)).toMatchObject({ at: '/10' }); // 'é'
    expect(faultOf(`/01/${GTIN}/10/A%ZZ`)).toMatchObject({ at: '/10' }); // not percent-encoding
    // '%' itself is in the set, sent as %25.
    expect(parseTradeItemLink(`/01/${GTIN}/10/50%25`).lot).toBe('50%');
  });

  it('reads data attributes from the query string, checking dates, and passes other parameters on', () => {
    const link = parseTradeItemLink(`/01/${GTIN}/10/A`, '17=261231&3103=000189&linkType=gs1:pip&context=x');
    expect(link.attributes).toEqual({ '17': '261231', '3103': '000189' });
    expect(link.parameters).toEqual({ linkType: 'gs1:pip', context: 'x' });
    // Day 00 is the month's last day; 29 February exists in some year YY may stand for.
    expect(parseTradeItemLink(`/01/${GTIN}`, '17=260200').attributes['17']).toBe('260200');
    expect(parseTradeItemLink(`/01/${GTIN}`, '15=280229').attributes['15']).toBe('280229');
    for (const bad of ['261332', '260230', '261100x', '2612', '260431'])
      expect(faultOf(`/01/${GTIN}`, `17=${bad}`)).toMatchObject({ at: '?17' });
    expect(faultOf(`/01/${GTIN}`, '17=261231&17=261230')).toMatchObject({ at: '?17' });
    expect(faultOf(`/01/${GTIN}`, '10=A')).toMatchObject({ at: '?10' });
  });
});

describe('writing Digital Link URIs', () => {
  it('percent-encodes everything but letters, digits, - . _ in uppercase hex', () => {
    expect(encodeValue('ABC/123')).toBe('ABC%2F123');
    expect(encodeValue(`!"%&'()*+,:;<=>?`)).toBe('%21%22%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F');
    expect(encodeValue('a-b.c_d')).toBe('a-b.c_d');
  });

  it('writes the canonical form: GTIN-14, qualifiers in order, attributes sorted', () => {
    expect(tradeItemPath({ gtin: '9506000134352', serial: 'S/1', lot: 'L 1'.replace(' ', '-') })).toBe(
      `/01/${GTIN}/10/L-1/21/S%2F1`,
    );
    expect(
      tradeItemUri('https://id.example.com/', {
        gtin: GTIN,
        lot: 'A',
        attributes: { '17': '261231', '15': '261130' },
      }),
    ).toBe(`https://id.example.com/01/${GTIN}/10/A?15=261130&17=261231`);
    expect(() => tradeItemPath({ gtin: '09506000134353' })).toThrow(DigitalLinkError);
    expect(() => tradeItemPath({ gtin: GTIN, lot: 'x'.repeat(21) })).toThrow(DigitalLinkError);
  });

  it('reads back every value it writes, for every character of set 82', () => {
    const set82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
    expect(set82).toHaveLength(82);
    for (let start = 0; start < set82.length; start += 7) {
      const lot = set82.slice(start, start + 20);
      const serial = [...set82.slice(start, start + 20)].reverse().join('');
      const path = tradeItemPath({ gtin: GTIN, lot, serial });
      expect(path).toMatch(/^[A-Za-z0-9\-._/%]+$/);
      expect(parseTradeItemLink(path)).toMatchObject({ gtin: GTIN, lot, serial });
    }
  });
});
