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
      outputQuantityList: [element(1e300, 'KWH'), element(5, 'TNE')],
    });
    expect(issues.map((i) => i.pointer)).toEqual([
      '/quantityList/1/quantity',
      '/quantityList/2/quantity',
      '/childQuantityList/1/quantity',
      '/inputQuantityList/0/quantity',
    ]);
  });

  it('leaves the shape to the schema: odd elements are not its business', () => {
    expect(
      checkQuantities({ quantityList: [null, 'x', element('12', 'KGM')], childQuantityList: {} }),
    ).toEqual([]);
  });
});
