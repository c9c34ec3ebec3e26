import { describe, expect, it } from 'vitest';
import { checkQuantities } from '../src/index.ts';

describe('checkQuantities', () => {
  const element = (quantity: unknown, uom?: string) => ({
    epcClass: 'urn:epc:class:x',
    quantity,
    ...(uom ? { uom } : {}),
  });

  it('bounds each quantity list by the unit family of its uom (none: a count)', () => {
    const issues = checkQuantities({
      quantityList: [element(1e9, 'KGM'), element(1e9 + 1, 'KGM'), element(1e10)],
      childQuantityList: [element(1e6, 'MTQ'), element(2e6, 'MTQ')],
      inputQuantityList: [element(1e21, 'GRM')],
      outputQuantityList: [element(1e300, 'KWH'), element(5, 'TNE'), element(2e6, 'TNE')],
    });
    expect(issues.map((i) => i.pointer)).toEqual([
      '/quantityList/1/quantity',
      '/quantityList/2/quantity',
      '/childQuantityList/1/quantity',
      '/inputQuantityList/0/quantity',
      '/outputQuantityList/2/quantity',
    ]);
  });

  it('leaves the shape to the schema: odd elements are not its business', () => {
    expect(
      checkQuantities({ quantityList: [null, 'x', element('1e30', 'KGM')], childQuantityList: {} }),
    ).toEqual([]);
  });

  it('bounds the size of a quantity, whatever its sign', () => {
    expect(
      checkQuantities({
        quantityList: [element(-(1e9 + 1), 'KGM'), element(-1e9, 'KGM'), element(1e9 + 0.5)],
      }),
    ).toEqual([
      {
        pointer: '/quantityList/0/quantity',
        detail: 'must be at most 1000000000000 g (mass): no real lot is larger',
      },
      {
        pointer: '/quantityList/2/quantity',
        detail: 'must be at most 1000000000 pieces (count): no real lot is larger',
      },
    ]);
  });

  it('reads the decimal point of a fraction as a point', () => {
    // 999999999.5 pieces is within the bound of 10^9; without its point it would be ten times that
    expect(checkQuantities({ quantityList: [element(999999999.5)] })).toEqual([]);
  });

  it('refuses numbers from 10^21 on (and infinities) without reading them as decimals', () => {
    const huge = 'must be a number no real lot exceeds';
    expect(
      checkQuantities({
        quantityList: [
          element(1e21, 'KGM'),
          element(-1e21, 'KGM'),
          element(Number.POSITIVE_INFINITY, 'KGM'),
          element(Number.NaN, 'KGM'),
          element(9.99e20, 'KGM'),
        ],
      }),
    ).toEqual([
      { pointer: '/quantityList/0/quantity', detail: huge },
      { pointer: '/quantityList/1/quantity', detail: huge },
      { pointer: '/quantityList/2/quantity', detail: huge },
      { pointer: '/quantityList/3/quantity', detail: huge },
      {
        pointer: '/quantityList/4/quantity',
        detail: 'must be at most 1000000000000 g (mass): no real lot is larger',
      },
    ]);
  });

  it('leaves units it does not know, and a uom that is not text, to the schema', () => {
    expect(
      checkQuantities({
        quantityList: [
          element(1e300, 'XYZ'),
          { epcClass: 'urn:epc:class:x', quantity: 1e300, uom: 5 },
          { epcClass: 'urn:epc:class:x', quantity: 1e300, uom: null },
        ],
      }),
    ).toEqual([]);
  });
});
