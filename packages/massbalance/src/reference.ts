// Reference data shipped with the product: plausible yields per hectare and conversion factors, each
// row with its source. Versioned: every finding names the table version it was computed with, so a
// report can be reproduced after the table changes. Figures come from the team's research notes
// (shared/reference/massbalance.md, with sources); † marks an estimate to verify before relying on it.

// Stryker disable all: the version label and the data rows below are reference data, checked against
// their sources rather than by mutation testing (docs/quality.md); the code that reads them is mutated.
export const REFERENCE_VERSION = 'gt-reference-2026.11.1';

export type Commodity = 'cocoa' | 'coffee' | 'oil_palm' | 'soya' | 'cattle' | 'rubber' | 'wood';

/** What a commodity's yields and conversion factors are expressed in. */
export const BASE_MATERIAL: Record<Commodity, string> = {
  cocoa: 'cocoa_beans',
  coffee: 'coffee_green',
  oil_palm: 'palm_ffb',
  soya: 'soybeans',
  cattle: 'cattle_head',
  rubber: 'rubber_dry',
  wood: 'roundwood',
};

// Stryker restore all

export interface YieldReference {
  commodity: Commodity;
  /** ISO 3166-1 alpha-2, or '*' for any country without its own row. */
  country: string;
  /** Yield per hectare per year in the base material's unit: kg (cattle: animal units). */
  typical: string;
  /** Above this a delivery is suspicious (warning). */
  plausibleMax: string;
  /** Above this a delivery is physically impossible (error). */
  hardCeiling: string;
  unit: 'kg/ha/yr' | 'AU/ha';
  source: string;
}

// Stryker disable all: reference data rows (see the top of this file).
// Wood is left out: yields per hectare of forest are not an annual flow a plot cap can check.
export const YIELDS: readonly YieldReference[] = [
  {
    commodity: 'cocoa',
    country: 'CI',
    typical: '540',
    plausibleMax: '1500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source:
      'AFD/Barry Callebaut (afd.fr/fr/node/7479); FAOSTAT 2011; van Vliet 2021 doi:10.3389/fsufs.2021.732831; ceiling: best Malaysian fields 3.2 t/ha',
  },
  {
    commodity: 'cocoa',
    country: 'GH',
    typical: '420',
    plausibleMax: '1900',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'Aneani 2013 doi:10.5539/sar.v2n4p117 (attainable 1,537 kg/ha = 82% of potential); kakaoforum.de',
  },
  {
    commodity: 'cocoa',
    country: 'EC',
    typical: '630',
    plausibleMax: '2000',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'MAG/SIPA 2019; plausible max † estimate',
  },
  {
    commodity: 'cocoa',
    country: 'ID',
    typical: '800',
    plausibleMax: '2000',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'Yara/FAOSTAT; Managanta 2018 (Sulawesi 0.8 t/ha, potential 2 t/ha)',
  },
  {
    commodity: 'cocoa',
    country: 'NG',
    typical: '500',
    plausibleMax: '1500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'FAOSTAT; CRIN new varieties 1.5 t/ha (Bloomberg 2013)',
  },
  {
    commodity: 'cocoa',
    country: 'CM',
    typical: '737',
    plausibleMax: '1500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'Rainforest Alliance study (Cameroon Tribune 2023); Jagoret 2017; plausible max † estimate',
  },
  {
    commodity: 'cocoa',
    country: 'BR',
    typical: '892',
    plausibleMax: '2000',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'BNB/ETENE 2021 (274 Bahia to 892 North); plausible max † estimate',
  },
  {
    commodity: 'cocoa',
    country: '*',
    typical: '500',
    plausibleMax: '2000',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source:
      '† default for origins without their own row: highest national plausible max above; ceiling as above',
  },
  {
    commodity: 'coffee',
    country: 'BR',
    typical: '1500',
    plausibleMax: '3500',
    hardCeiling: '5000',
    unit: 'kg/ha/yr',
    source: 'Perfect Daily Grind 2020; VN MARD 3.5 t/ha target; ceiling † estimate',
  },
  {
    commodity: 'coffee',
    country: 'VN',
    typical: '2500',
    plausibleMax: '3500',
    hardCeiling: '5000',
    unit: 'kg/ha/yr',
    source: 'VN MARD (Vietnamplus 2022); ceiling † estimate',
  },
  {
    commodity: 'coffee',
    country: '*',
    typical: '1500',
    plausibleMax: '3500',
    hardCeiling: '5000',
    unit: 'kg/ha/yr',
    source: '† default from the BR/VN rows',
  },
  {
    commodity: 'oil_palm',
    country: 'MY',
    typical: '16700',
    plausibleMax: '30000',
    hardCeiling: '40000',
    unit: 'kg/ha/yr',
    source: 'MPOB via CIMB; NST 2025 (fresh fruit bunches; smallholders 8-12 t/ha)',
  },
  {
    commodity: 'oil_palm',
    country: '*',
    typical: '16000',
    plausibleMax: '30000',
    hardCeiling: '40000',
    unit: 'kg/ha/yr',
    source: '† default from the MY row',
  },
  {
    commodity: 'soya',
    country: 'BR',
    typical: '3530',
    plausibleMax: '5000',
    hardCeiling: '6000',
    unit: 'kg/ha/yr',
    source: 'USDA WAP Jan-2024; Conab record; plausible max and ceiling † estimates',
  },
  {
    commodity: 'soya',
    country: 'AR',
    typical: '3000',
    plausibleMax: '5000',
    hardCeiling: '6000',
    unit: 'kg/ha/yr',
    source: 'USDA WAP Jan-2024; plausible max and ceiling † estimates',
  },
  {
    commodity: 'soya',
    country: '*',
    typical: '3000',
    plausibleMax: '5000',
    hardCeiling: '6000',
    unit: 'kg/ha/yr',
    source: '† default from the BR/AR rows',
  },
  {
    commodity: 'rubber',
    country: 'TH',
    typical: '1800',
    plausibleMax: '2500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'cfa.uap.asia; USM-1 clone 2.5 t/ha; RRIM clones ~3 t/ha',
  },
  {
    commodity: 'rubber',
    country: 'ID',
    typical: '1080',
    plausibleMax: '2500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: 'cfa.uap.asia; USM-1 clone 2.5 t/ha; RRIM clones ~3 t/ha',
  },
  {
    commodity: 'rubber',
    country: '*',
    typical: '1500',
    plausibleMax: '2500',
    hardCeiling: '3000',
    unit: 'kg/ha/yr',
    source: '† default from the TH/ID rows',
  },
  {
    commodity: 'cattle',
    country: 'BR',
    typical: '0.97',
    plausibleMax: '3.6',
    hardCeiling: '3.6',
    unit: 'AU/ha',
    source: 'Embrapa stocking vs carrying capacity (SciELO figshare 7390631); feedlots need their own cap',
  },
];

export interface MaterialFactor {
  material: string;
  commodity: Commodity;
  /** Base-material equivalent of one unit of mass of this material (ICCO style: additive over co-products). */
  factor: string;
  source: string;
}

// Where a source gives a range, the factor is the end least likely to accuse an honest processor: the
// rule is meant to catch what arithmetic forbids, and a brand can tighten a factor with an override.
export const MATERIAL_FACTORS: readonly MaterialFactor[] = [
  { material: 'cocoa_beans', commodity: 'cocoa', factor: '1', source: 'base material' },
  {
    material: 'cocoa_nibs',
    commodity: 'cocoa',
    factor: '1.149425',
    source: '1/0.87: nibs are 80-87% of beans (12% shell, alcao.eu) †',
  },
  {
    material: 'cocoa_liquor',
    commodity: 'cocoa',
    factor: '1.25',
    source: 'ICCO conversion factor (0.80 t liquor per t beans)',
  },
  { material: 'cocoa_butter', commodity: 'cocoa', factor: '1.33', source: 'ICCO conversion factor' },
  {
    material: 'cocoa_powder',
    commodity: 'cocoa',
    factor: '1.18',
    source: 'ICCO conversion factor (powder and cake)',
  },
  {
    material: 'cocoa_cake',
    commodity: 'cocoa',
    factor: '1.18',
    source: 'ICCO conversion factor (powder and cake)',
  },
  {
    material: 'coffee_cherry',
    commodity: 'coffee',
    factor: '0.2',
    source: 'ITC Coffee Guide: 5 kg cherry per kg green (robusta; arabica 6)',
  },
  { material: 'coffee_dry_cherry', commodity: 'coffee', factor: '0.5', source: 'ICO' },
  { material: 'coffee_parchment', commodity: 'coffee', factor: '0.8', source: 'ICO' },
  { material: 'coffee_green', commodity: 'coffee', factor: '1', source: 'base material' },
  {
    material: 'coffee_roasted',
    commodity: 'coffee',
    factor: '1.190476',
    source: 'ICO: 0.84 kg roasted per kg green',
  },
  {
    material: 'coffee_soluble',
    commodity: 'coffee',
    factor: '2.597403',
    source: 'ICO: 0.385 kg soluble per kg green',
  },
  { material: 'palm_ffb', commodity: 'oil_palm', factor: '1', source: 'base material' },
  {
    material: 'crude_palm_oil',
    commodity: 'oil_palm',
    factor: '4',
    source: '1/0.25: the hard cap on oil extraction rate (typical 0.185-0.202, MPOB OPIEJ 2003)',
  },
  { material: 'soybeans', commodity: 'soya', factor: '1', source: 'base material' },
  { material: 'rubber_dry', commodity: 'rubber', factor: '1', source: 'base material' },
];

// Stryker restore all

/** Chocolate's bean equivalent depends on its cocoa content: content ÷ 0.82 (UTZ/RA note, 2016). */
export const CHOCOLATE_BEAN_YIELD = '0.82';

/** A brand's override of a reference value for a region or a farm, with its justification (a ledger entry). */
export interface YieldOverride {
  commodity: Commodity;
  country?: string;
  /** Narrower than a country: one plot. */
  plotId?: string;
  plausibleMax?: string;
  hardCeiling?: string;
  justification: string;
  /** The ledger entry that recorded the override. */
  entryIndex: number;
}

export interface ReferenceTable {
  version: string;
  yields: readonly YieldReference[];
  factors: readonly MaterialFactor[];
  overrides: readonly YieldOverride[];
}

export const DEFAULT_REFERENCE: ReferenceTable = {
  version: REFERENCE_VERSION,
  yields: YIELDS,
  factors: MATERIAL_FACTORS,
  overrides: [],
};

export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

/**
 * The yield limits that apply to a plot: the country's row (or the commodity's default), with the
 * narrowest override on top (a plot's own beats its country's). The version says which overrides
 * shaped it.
 */
export function yieldFor(
  table: ReferenceTable,
  commodity: Commodity,
  country: string,
  plotId?: string,
): YieldReference & { overriddenBy?: number } {
  const row =
    table.yields.find((y) => y.commodity === commodity && y.country === country) ??
    table.yields.find((y) => y.commodity === commodity && y.country === '*');
  if (!row) throw new ReferenceDataError(`no reference yield for ${commodity}`);
  const override =
    (plotId && table.overrides.find((o) => o.commodity === commodity && o.plotId === plotId)) ||
    table.overrides.find((o) => o.commodity === commodity && !o.plotId && o.country === country);
  if (!override) return row;
  return {
    ...row,
    ...(override.plausibleMax ? { plausibleMax: override.plausibleMax } : {}),
    ...(override.hardCeiling ? { hardCeiling: override.hardCeiling } : {}),
    source: `${row.source}; overridden: ${override.justification}`,
    overriddenBy: override.entryIndex,
  };
}
