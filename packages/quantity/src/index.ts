// @groundtruth/quantity: exact decimal quantities, UN/CEFACT units and GS1 keys.

export {
  MAX_COUNT,
  MAX_MASS_GRAMS,
  MAX_VOLUME_LITRES,
  type QuantityBound,
  quantityBound,
  quantityOutOfBounds,
  type UnitFamily,
} from './bounds.ts';
export {
  add,
  compare,
  type Decimal,
  DecimalError,
  formatDecimal,
  isPositive,
  multiply,
  parseDecimal,
  round,
} from './decimal.ts';
export { gs1CheckDigit, hasValidCheckDigit, normaliseGtin } from './gtin.ts';
export {
  convertMass,
  gramsOf,
  isMassUnit,
  KNOWN_UNITS,
  MASS_UNITS,
  type Quantity,
  toGrams,
  UnitError,
} from './units.ts';
