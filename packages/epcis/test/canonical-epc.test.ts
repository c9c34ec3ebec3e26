// CBV 2.0 §8.9 rules 14–18: every EPC URI scheme of the EPC Tag Data Standard and every GS1 Digital Link
// spelling written as one constrained canonical Digital Link URI, and each malformed form left alone.
// The reference vectors (event-hash.test.ts) check one well-formed URI per scheme through a hash; these
// pin each scheme's limits. Check digits are worked out here (GS1 General Specifications §7.9.1), not
// taken from the code under test.
import { describe, expect, it } from 'vitest';
import { canonicalEpc } from '../src/index.ts';

/** The GS1 mod-10 check digit: weights 3, 1, 3, … from the rightmost digit. */
function checkDigit(digits: string): string {
  const sum = [...digits].reverse().reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}
const withCheck = (digits: string) => digits + checkDigit(digits);
const DL = 'https://id.gs1.org';
/** Company prefix 0614141, item reference 107346 (indicator 1): GTIN-14 1 0614141 07346 + check digit. */
const GTIN = withCheck('1061414107346');

/** Input left exactly as it was: no canonical form. */
const unchanged = (uri: string) => expect(canonicalEpc(uri)).toBe(uri);

describe('canonicalEpc', () => {
  it('agrees with the check digits of published GS1 examples', () => {
    // GS1 General Specifications / TDS examples: GTIN 10614141073464, GLN 0614141007776.
    expect(GTIN).toBe('10614141073464');
    expect(withCheck('061414100777')).toBe('0614141007776');
  });

  describe('EPC URIs (urn:epc:id)', () => {
    it('sgtin: GTIN-14 and serial, reserved characters percent-encoded in upper case', () => {
      expect(canonicalEpc('urn:epc:id:sgtin:0614141.107346.2018')).toBe(`${DL}/01/${GTIN}/21/2018`);
      expect(canonicalEpc("urn:epc:id:sgtin:0614141.107346.a!(b)*+,:c'")).toBe(
        `${DL}/01/${GTIN}/21/a%21%28b%29%2A%2B%2C%3Ac'`,
      );
      // a 12-digit company prefix with a one-digit (indicator only) item reference
      expect(canonicalEpc('urn:epc:id:sgtin:415056789012.0.987654')).toBe(
        `${DL}/01/${withCheck('0415056789012')}/21/987654`,
      );
      expect(canonicalEpc(`urn:epc:id:sgtin:0614141.107346.${'s'.repeat(20)}`)).toBe(
        `${DL}/01/${GTIN}/21/${'s'.repeat(20)}`,
      );
    });

    it('sgtin: refuses what the Tag Data Standard does not allow', () => {
      unchanged(`urn:epc:id:sgtin:0614141.107346.${'s'.repeat(21)}`); // serial over 20 characters
      unchanged('urn:epc:id:sgtin:0614141.107346.'); // empty serial
      unchanged('urn:epc:id:sgtin:0614141.107346.1.2'); // a fourth component
      unchanged('urn:epc:id:sgtin:0614141.10734.1'); // 12 digits, not 13
      unchanged('urn:epc:id:sgtin:0614141.1073460.1'); // 14 digits
      unchanged('urn:epc:id:sgtin:06141.41107346.1'); // company prefix under 6 digits
      unchanged('urn:epc:id:sgtin:0614141073461..1'); // company prefix over 12 digits
      unchanged('urn:epc:id:sgtin:0614141.10734a.1'); // a letter in the item reference
      unchanged('urn:epc:id:sgtin:061414a.107346.1'); // a letter in the company prefix
      unchanged('urn:epc:id:sgtin:a614141.107346.1');
      unchanged('urn:epc:id:sgtin:0614141.107346.1\nx'); // a line break: the URI does not end at the serial
      unchanged('urn:epc:id:sgtin:0614141.107346.a b'); // a space is no EPC character
      unchanged('urn:epc:id:sgtin:0614141.107346.a%zz'); // % not followed by hex digits
      unchanged('urn:epc:id:SGTIN:0614141.107346.1'); // scheme names are lower case
      unchanged('urn:epc:id:sgtin'); // no body at all
      unchanged('x-urn:epc:id:sgtin:0614141.107346.1');
    });

    it('sscc: extension digit first, then the company prefix and the rest', () => {
      expect(canonicalEpc('urn:epc:id:sscc:0614141.1234567890')).toBe(
        `${DL}/00/${withCheck('10614141234567890')}`,
      );
      unchanged('urn:epc:id:sscc:0614141.1234567890.1');
      unchanged('urn:epc:id:sscc:0614141.123456789');
    });

    it('sgln: GLN, with the extension as AI 254 unless it is 0', () => {
      const gln = withCheck('061414100777');
      expect(canonicalEpc('urn:epc:id:sgln:0614141.00777.0')).toBe(`${DL}/414/${gln}`);
      expect(canonicalEpc('urn:epc:id:sgln:0614141.00777.5:1')).toBe(`${DL}/414/${gln}/254/5%3A1`);
      expect(canonicalEpc(`urn:epc:id:sgln:0614141.00777.${'e'.repeat(20)}`)).toBe(
        `${DL}/414/${gln}/254/${'e'.repeat(20)}`,
      );
      unchanged(`urn:epc:id:sgln:0614141.00777.${'e'.repeat(21)}`);
      unchanged('urn:epc:id:sgln:0614141.00777.');
      unchanged('urn:epc:id:sgln:0614141.00777.0.1');
      unchanged('urn:epc:id:sgln:0614141.0077.0');
    });

    it('grai: a zero, the asset type, then the serial', () => {
      const grai = withCheck('0061414112345');
      expect(canonicalEpc('urn:epc:id:grai:0614141.12345.4+0')).toBe(`${DL}/8003/${grai}4%2B0`);
      expect(canonicalEpc(`urn:epc:id:grai:0614141.12345.${'7'.repeat(16)}`)).toBe(
        `${DL}/8003/${grai}${'7'.repeat(16)}`,
      );
      unchanged(`urn:epc:id:grai:0614141.12345.${'7'.repeat(17)}`);
      unchanged('urn:epc:id:grai:0614141.12345.');
      unchanged('urn:epc:id:grai:0614141.12345.1.2');
      unchanged('urn:epc:id:grai:0614141.1234.1');
    });

    it('giai: company prefix and asset reference, up to 30 characters together', () => {
      expect(canonicalEpc('urn:epc:id:giai:0614141.12.3,4')).toBe(`${DL}/8004/061414112.3%2C4`);
      expect(canonicalEpc(`urn:epc:id:giai:0614141.${'a'.repeat(23)}`)).toBe(
        `${DL}/8004/0614141${'a'.repeat(23)}`,
      );
      unchanged(`urn:epc:id:giai:0614141.${'a'.repeat(24)}`);
      unchanged('urn:epc:id:giai:06141.12345');
      unchanged('urn:epc:id:giai:a614141.12345'); // the company prefix is all digits, first to last
      unchanged('urn:epc:id:giai:0614141a.12345');
      unchanged('urn:epc:id:giai:0614141.');
    });

    it('gsrn and gsrnp: 17 digits and a check digit, under AI 8018 and 8017', () => {
      const gsrn = withCheck('06141411234567890');
      expect(canonicalEpc('urn:epc:id:gsrn:0614141.1234567890')).toBe(`${DL}/8018/${gsrn}`);
      expect(canonicalEpc('urn:epc:id:gsrnp:0614141.1234567890')).toBe(`${DL}/8017/${gsrn}`);
      for (const scheme of ['gsrn', 'gsrnp']) {
        unchanged(`urn:epc:id:${scheme}:0614141.1234567890.1`);
        unchanged(`urn:epc:id:${scheme}:0614141.123456789`);
      }
    });

    it('gdti: document type with check digit, then the serial (dots allowed), up to 17 characters', () => {
      const gdti = withCheck('061414112345');
      expect(canonicalEpc('urn:epc:id:gdti:0614141.12345.4.0')).toBe(`${DL}/253/${gdti}4.0`);
      expect(canonicalEpc(`urn:epc:id:gdti:0614141.12345.${'9'.repeat(17)}`)).toBe(
        `${DL}/253/${gdti}${'9'.repeat(17)}`,
      );
      unchanged(`urn:epc:id:gdti:0614141.12345.${'9'.repeat(18)}`);
      unchanged('urn:epc:id:gdti:0614141.12345.');
      unchanged('urn:epc:id:gdti:0614141.1234.1');
    });

    it('cpi: component/part reference (upper case, digits, -, #, /) and a numeric serial', () => {
      expect(canonicalEpc('urn:epc:id:cpi:0614141.5PQ7%2F-Z.12345')).toBe(
        `${DL}/8010/06141415PQ7%2F-Z/8011/12345`,
      );
      expect(canonicalEpc(`urn:epc:id:cpi:0614141.${'A'.repeat(23)}.${'1'.repeat(12)}`)).toBe(
        `${DL}/8010/0614141${'A'.repeat(23)}/8011/${'1'.repeat(12)}`,
      );
      unchanged(`urn:epc:id:cpi:0614141.${'A'.repeat(24)}.1`);
      unchanged(`urn:epc:id:cpi:0614141.A.${'1'.repeat(13)}`);
      unchanged('urn:epc:id:cpi:0614141.A.');
      unchanged('urn:epc:id:cpi:0614141..1');
      unchanged('urn:epc:id:cpi:0614141.a.1'); // lower case is not a CPI character
      unchanged('urn:epc:id:cpi:0614141.A.1x');
      unchanged('urn:epc:id:cpi:0614141.A.1.2');
      unchanged('urn:epc:id:cpi:06141.A.1');
      unchanged('urn:epc:id:cpi:a614141.A.1');
      unchanged('urn:epc:id:cpi:0614141a.A.1');
      unchanged('urn:epc:id:cpi:0614141.A.a1'); // the serial is all digits, first to last
      unchanged('urn:epc:id:cpi:0614141.A.1a');
    });

    it('sgcn: coupon reference with check digit, then a numeric serial', () => {
      const gcn = withCheck('401234567890');
      expect(canonicalEpc('urn:epc:id:sgcn:4012345.67890.04711')).toBe(`${DL}/255/${gcn}04711`);
      expect(canonicalEpc(`urn:epc:id:sgcn:4012345.67890.${'1'.repeat(12)}`)).toBe(
        `${DL}/255/${gcn}${'1'.repeat(12)}`,
      );
      unchanged(`urn:epc:id:sgcn:4012345.67890.${'1'.repeat(13)}`);
      unchanged('urn:epc:id:sgcn:4012345.67890.');
      unchanged('urn:epc:id:sgcn:4012345.67890.1a');
      unchanged('urn:epc:id:sgcn:4012345.67890.1.2');
      unchanged('urn:epc:id:sgcn:4012345.6789.1');
    });

    it('ginc: company prefix and consignment reference, up to 30 characters together', () => {
      expect(canonicalEpc('urn:epc:id:ginc:0614141.a.b*')).toBe(`${DL}/401/0614141a.b%2A`);
      expect(canonicalEpc(`urn:epc:id:ginc:0614141.${'k'.repeat(23)}`)).toBe(
        `${DL}/401/0614141${'k'.repeat(23)}`,
      );
      unchanged(`urn:epc:id:ginc:0614141.${'k'.repeat(24)}`);
      unchanged('urn:epc:id:ginc:06141.k');
      unchanged('urn:epc:id:ginc:a614141.k');
      unchanged('urn:epc:id:ginc:0614141a.k');
    });

    it('gsin: 16 digits and a check digit', () => {
      expect(canonicalEpc('urn:epc:id:gsin:0614141.123456789')).toBe(
        `${DL}/402/${withCheck('0614141123456789')}`,
      );
      unchanged('urn:epc:id:gsin:0614141.123456789.1');
      unchanged('urn:epc:id:gsin:0614141.12345678');
    });

    it('itip: GTIN, piece and total, then the serial', () => {
      expect(canonicalEpc('urn:epc:id:itip:0614141.107346.01.02.9(8)')).toBe(
        `${DL}/8006/${GTIN}0102/21/9%288%29`,
      );
      unchanged('urn:epc:id:itip:0614141.107346.1.02.9'); // one-digit piece
      unchanged('urn:epc:id:itip:0614141.107346.01.2.9'); // one-digit total
      unchanged('urn:epc:id:itip:0614141.107346.012.02.9'); // three-digit piece
      unchanged('urn:epc:id:itip:0614141.107346.01.021.9'); // three-digit total
      unchanged('urn:epc:id:itip:0614141.107346.01.02.'); // no serial
      unchanged(`urn:epc:id:itip:0614141.107346.01.02.${'9'.repeat(21)}`);
      unchanged('urn:epc:id:itip:0614141.107346.01.02.9.9');
      unchanged('urn:epc:id:itip:0614141.10734.01.02.9');
    });

    it('upui: GTIN and third-party controlled serial (dots allowed), up to 28 characters', () => {
      expect(canonicalEpc('urn:epc:id:upui:0614141.107346.51q.Ig!')).toBe(`${DL}/01/${GTIN}/235/51q.Ig%21`);
      expect(canonicalEpc(`urn:epc:id:upui:0614141.107346.${'t'.repeat(28)}`)).toBe(
        `${DL}/01/${GTIN}/235/${'t'.repeat(28)}`,
      );
      unchanged(`urn:epc:id:upui:0614141.107346.${'t'.repeat(29)}`);
      unchanged('urn:epc:id:upui:0614141.107346.');
      unchanged('urn:epc:id:upui:0614141.10734.t');
    });

    it('pgln: party GLN', () => {
      expect(canonicalEpc('urn:epc:id:pgln:0614141.00777')).toBe(`${DL}/417/${withCheck('061414100777')}`);
      unchanged('urn:epc:id:pgln:0614141.00777.1');
      unchanged('urn:epc:id:pgln:0614141.0077');
    });

    it('leaves schemes it does not know, and names inherited from Object, alone', () => {
      unchanged('urn:epc:id:usdod:2S194.12345678901');
      unchanged('urn:epc:id:constructor:0614141.107346.1');
      unchanged('urn:epc:id:tostring:0614141.107346.1');
      unchanged('urn:epc:id:lgtin:0614141.107346.LOT1'); // a class scheme under id
    });
  });

  describe('EPC class URIs (urn:epc:class)', () => {
    it('lgtin: GTIN and lot', () => {
      expect(canonicalEpc('urn:epc:class:lgtin:0614141.107346.L:1')).toBe(`${DL}/01/${GTIN}/10/L%3A1`);
      expect(canonicalEpc(`urn:epc:class:lgtin:0614141.107346.${'L'.repeat(20)}`)).toBe(
        `${DL}/01/${GTIN}/10/${'L'.repeat(20)}`,
      );
      unchanged(`urn:epc:class:lgtin:0614141.107346.${'L'.repeat(21)}`);
      unchanged('urn:epc:class:lgtin:0614141.107346.');
      unchanged('urn:epc:class:lgtin:0614141.107346.L.1');
      unchanged('urn:epc:class:lgtin:0614141.10734.L');
      unchanged('urn:epc:class:sgtin:0614141.107346.1'); // an id scheme under class
    });
  });

  describe('EPC pattern URIs (urn:epc:idpat): the class, without serial', () => {
    it('writes each whole-class pattern as the class key', () => {
      expect(canonicalEpc('urn:epc:idpat:sgtin:0614141.107346.*')).toBe(`${DL}/01/${GTIN}`);
      expect(canonicalEpc('urn:epc:idpat:upui:0614141.107346.*')).toBe(`${DL}/01/${GTIN}`);
      expect(canonicalEpc('urn:epc:idpat:grai:0614141.12345.*')).toBe(
        `${DL}/8003/${withCheck('0061414112345')}`,
      );
      expect(canonicalEpc('urn:epc:idpat:gdti:0614141.12345.*')).toBe(
        `${DL}/253/${withCheck('061414112345')}`,
      );
      expect(canonicalEpc('urn:epc:idpat:sgcn:4012345.67890.*')).toBe(
        `${DL}/255/${withCheck('401234567890')}`,
      );
      expect(canonicalEpc('urn:epc:idpat:cpi:0614141.5PQ7-Z.*')).toBe(`${DL}/8010/06141415PQ7-Z`);
      expect(canonicalEpc('urn:epc:idpat:itip:0614141.107346.01.02.*')).toBe(`${DL}/8006/${GTIN}0102`);
    });

    it('leaves a pattern with a serial, an extra field or a malformed class alone', () => {
      for (const scheme of ['sgtin', 'upui']) {
        unchanged(`urn:epc:idpat:${scheme}:0614141.107346.5`);
        unchanged(`urn:epc:idpat:${scheme}:0614141.107346.*.*`);
        unchanged(`urn:epc:idpat:${scheme}:0614141.10734.*`);
      }
      for (const [scheme, cp, ref] of [
        ['grai', '0614141', '12345'],
        ['gdti', '0614141', '12345'],
        ['sgcn', '4012345', '67890'],
      ] as const) {
        unchanged(`urn:epc:idpat:${scheme}:${cp}.${ref}.5`);
        unchanged(`urn:epc:idpat:${scheme}:${cp}.${ref}.*.*`);
        unchanged(`urn:epc:idpat:${scheme}:${cp}.${ref.slice(1)}.*`);
      }
      unchanged('urn:epc:idpat:cpi:0614141.5PQ7-Z.5');
      unchanged('urn:epc:idpat:cpi:0614141.5PQ7-Z.*.*');
      unchanged('urn:epc:idpat:cpi:06141.5PQ7-Z.*');
      unchanged('urn:epc:idpat:cpi:a614141.5PQ7-Z.*');
      unchanged('urn:epc:idpat:cpi:0614141a.5PQ7-Z.*');
      unchanged(`urn:epc:idpat:cpi:0614141.${'A'.repeat(24)}.*`);
      unchanged('urn:epc:idpat:cpi:0614141.a.*');
      unchanged('urn:epc:idpat:itip:0614141.107346.01.02.5');
      unchanged('urn:epc:idpat:itip:0614141.107346.01.02.*.*');
      unchanged('urn:epc:idpat:itip:0614141.107346.1.02.*');
      unchanged('urn:epc:idpat:itip:0614141.107346.01.2.*');
      unchanged('urn:epc:idpat:itip:0614141.107346.012.02.*');
      unchanged('urn:epc:idpat:itip:0614141.107346.01.021.*');
      unchanged('urn:epc:idpat:itip:0614141.10734.01.02.*');
      unchanged('urn:epc:idpat:sscc:0614141.*'); // no class to name
    });
  });

  describe('GS1 Digital Link URIs (rule 18)', () => {
    const GTIN13 = '9780345418913';
    const GTIN14 = `0${GTIN13}`;

    it('keeps a constrained canonical URI as it is', () => {
      for (const uri of [
        `${DL}/01/${GTIN14}`,
        `${DL}/01/${GTIN14}/21/abc`,
        `${DL}/01/${GTIN14}/10/abc`,
        `${DL}/414/0614141007776/254/5`,
        `${DL}/8010/0614141A/8011/1`,
      ])
        expect(canonicalEpc(uri)).toBe(uri);
    });

    it('moves any host to id.gs1.org and drops the query string', () => {
      expect(canonicalEpc(`https://example.com/01/${GTIN14}/21/abc?17=280101`)).toBe(
        `${DL}/01/${GTIN14}/21/abc`,
      );
      expect(canonicalEpc(`http://id.gs1.org/01/${GTIN14}`)).toBe(`${DL}/01/${GTIN14}`);
      expect(canonicalEpc(`https://example.com/shop/products/01/${GTIN14}`)).toBe(`${DL}/01/${GTIN14}`);
      expect(canonicalEpc(`https://example.com/00/106141412345678908`)).toBe(`${DL}/00/106141412345678908`);
      // on id.gs1.org already: the path is kept whole, whatever keys appear further along it
      expect(canonicalEpc(`${DL}/8010/0614141/01/1234?x=1`)).toBe(`${DL}/8010/0614141/01/1234`);
      // a key on another host is moved, even when that host's path holds an id.gs1.org URI
      expect(canonicalEpc(`https://example.com/x/${DL}/01/${GTIN14}`)).toBe(`${DL}/01/${GTIN14}`);
      expect(canonicalEpc('https://example.com/414/0614141007776/254/5')).toBe(
        `${DL}/414/0614141007776/254/5`,
      );
      expect(canonicalEpc('https://example.com/8010/0614141A/8011/1')).toBe(`${DL}/8010/0614141A/8011/1`);
      // a CPI of 30 characters with its serial: longer than the CPI alone may be
      const cpi = `0614141${'A'.repeat(23)}`;
      expect(canonicalEpc(`https://example.com/8010/${cpi}/8011/123`)).toBe(`${DL}/8010/${cpi}/8011/123`);
    });

    it('writes the legacy short names as numeric AIs', () => {
      expect(canonicalEpc(`https://example.com/gtin/${GTIN14}/lot/L1`)).toBe(`${DL}/01/${GTIN14}/10/L1`);
      expect(canonicalEpc(`https://example.com/gtin/${GTIN14}/ser/S1`)).toBe(`${DL}/01/${GTIN14}/21/S1`);
      expect(canonicalEpc('https://example.com/gln/0614141007776')).toBe(`${DL}/414/0614141007776`);
      expect(canonicalEpc('https://example.com/party/0614141007776')).toBe(`${DL}/417/0614141007776`);
      expect(canonicalEpc('https://example.com/sscc/106141412345678908')).toBe(`${DL}/00/106141412345678908`);
      expect(canonicalEpc('https://example.com/giai/0614141ab')).toBe(`${DL}/8004/0614141ab`);
      expect(canonicalEpc('https://example.com/gsrn/061414112345678905')).toBe(
        `${DL}/8018/061414112345678905`,
      );
      expect(canonicalEpc('https://example.com/gsrnp/061414112345678905')).toBe(
        `${DL}/8017/061414112345678905`,
      );
    });

    it('writes the other short names as numeric AIs, each key in its constrained form', () => {
      expect(canonicalEpc(`https://example.com/itip/${GTIN14}0102/ser/S1`)).toBe(
        `${DL}/8006/${GTIN14}0102/21/S1`,
      );
      expect(canonicalEpc(`https://example.com/itip/${GTIN14}0102/lot/L1`)).toBe(
        `${DL}/8006/${GTIN14}0102/10/L1`,
      );
      expect(canonicalEpc('https://example.com/cpid/0614141A-1')).toBe(`${DL}/8010/0614141A-1`);
      expect(canonicalEpc('https://example.com/gcn/401234567890104711')).toBe(`${DL}/255/401234567890104711`);
      expect(canonicalEpc('https://example.com/gdti/0614141123452ABC')).toBe(`${DL}/253/0614141123452ABC`);
      expect(canonicalEpc('https://example.com/ginc/0614141xyz')).toBe(`${DL}/401/0614141xyz`);
      expect(canonicalEpc('https://example.com/gsin/06141411234567890')).toBe(`${DL}/402/06141411234567890`);
      expect(canonicalEpc('https://example.com/grai/00614141123452400')).toBe(`${DL}/8003/00614141123452400`);
      expect(canonicalEpc(`https://example.com/gtin/${GTIN14}/cpv/V1`)).toBe(`${DL}/01/${GTIN14}`);
      expect(canonicalEpc(`https://example.com/01/${GTIN14}/235/TPX1`)).toBe(`${DL}/01/${GTIN14}/235/TPX1`);
    });

    it('writes GTIN-8, -12 and -13 as GTIN-14, and refuses other lengths', () => {
      expect(canonicalEpc(`${DL}/01/${GTIN13}`)).toBe(`${DL}/01/0${GTIN13}`);
      expect(canonicalEpc(`${DL}/01/614141073467`)).toBe(`${DL}/01/00614141073467`);
      expect(canonicalEpc(`${DL}/01/96385074`)).toBe(`${DL}/01/00000096385074`);
      expect(canonicalEpc(`${DL}/01/96385074/21/x`)).toBe(`${DL}/01/00000096385074/21/x`);
      unchanged(`${DL}/01/1234567890`); // ten digits: no GTIN
      unchanged(`${DL}/01/123456789012345`); // fifteen
    });

    it('drops a consumer product variant (AI 22), and the lot beside a serial', () => {
      expect(canonicalEpc(`${DL}/01/${GTIN14}/22/V1`)).toBe(`${DL}/01/${GTIN14}`);
      expect(canonicalEpc(`${DL}/01/${GTIN14}/22/V1/21/S1`)).toBe(`${DL}/01/${GTIN14}/21/S1`);
      expect(canonicalEpc(`${DL}/8006/${GTIN14}0102/22/V1`)).toBe(`${DL}/8006/${GTIN14}0102`);
      expect(canonicalEpc(`${DL}/01/${GTIN14}/10/L1/21/S1`)).toBe(`${DL}/01/${GTIN14}/21/S1`);
      expect(canonicalEpc(`${DL}/01/${GTIN14}/22//21/S1`)).toBe(`${DL}/01/${GTIN14}/21/S1`); // an empty CPV
      unchanged(`${DL}/01/${GTIN14}/22/${'V'.repeat(21)}`); // a CPV over 20 characters is no CPV
      expect(canonicalEpc(`${DL}/8006/${GTIN14}0102/10/L1/21/S1`)).toBe(`${DL}/8006/${GTIN14}0102/21/S1`);
    });

    it('leaves URIs that are no Digital Link, or no constrained one, alone', () => {
      unchanged('https://example.com/products/x.html');
      unchanged(`ftp://example.com/01/${GTIN14}`);
      unchanged(`https://example.com/01/12/x`); // a key value under four characters
      unchanged(`${DL}/01/${GTIN14}/21/${'s'.repeat(21)}`);
      unchanged(`${DL}/01/${GTIN14}/17/280101`); // an expiry date is no identifier
      // a CPV, a lot or a key further along the path is no part of the URI's own key
      unchanged(`${DL}/8004/1234x/${DL}/01/${GTIN14}/22/V`);
      unchanged(`${DL}/8004/1234x/${DL}/01/${GTIN14}/10/L1/21/S1`);
      unchanged('urn:example:no-dot'); // no dot: neither an EPC URI nor a Digital Link URI
    });

    it('trims the URI it converts, and returns anything else exactly as given', () => {
      expect(canonicalEpc(' urn:epc:id:sgtin:0614141.107346.2018 ')).toBe(`${DL}/01/${GTIN}/21/2018`);
      unchanged(' urn:example:a.b ');
    });
  });
});
