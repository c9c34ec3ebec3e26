// Reference facts the statement needs, each with its source. The tables are data checked against
// their sources and excluded from mutation (docs/quality.md); the code that reads them is not.

// Stryker disable all

/**
 * The HS heading (4 digits) of each material our records know, where EUDR Annex I lists it
 * (Regulation (EU) 2023/1115 Annex I, HS 2022 headings: cocoa 1801–1806, coffee 0901, palm oil 1511,
 * soya beans 1201, natural rubber 4001, live cattle 0102, wood 4403 for roundwood). A material Annex I
 * does not name, or whose heading we have not checked, has none: the operator states it.
 */
export const HS_HEADINGS: Readonly<Record<string, string>> = {
  cocoa_beans: '1801', // whole or broken, raw or roasted
  cocoa_nibs: '1801', // broken beans
  cocoa_liquor: '1803', // cocoa paste, not defatted
  cocoa_cake: '1803', // cocoa paste, wholly or partly defatted
  cocoa_butter: '1804',
  cocoa_powder: '1805',
  chocolate: '1806',
  coffee_cherry: '0901',
  coffee_dry_cherry: '0901',
  coffee_parchment: '0901',
  coffee_green: '0901',
  coffee_roasted: '0901',
  crude_palm_oil: '1511',
  soybeans: '1201',
  rubber_dry: '4001',
  cattle_head: '0102',
  roundwood: '4403',
};

// Stryker restore all

export const hsHeadingFor = (material: string): string | null =>
  Object.hasOwn(HS_HEADINGS, material) ? HS_HEADINGS[material]! : null;

// Stryker disable all
/**
 * Countries classified high risk by the country benchmarking (Commission Implementing Regulation
 * (EU) 2025/1093): Belarus, North Korea, Myanmar, Russia. The standard and low lists are not held
 * here, so every other country reads "not high risk", never "low risk".
 */
export const HIGH_RISK_COUNTRIES: ReadonlySet<string> = new Set(['BY', 'KP', 'MM', 'RU']);

/** EU member states (ISO 3166-1 alpha-2; Greece as GR), for telling an import from a domestic placing. */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  ...['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE'],
  ...['IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
]);
// Stryker restore all
