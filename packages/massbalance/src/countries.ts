// Approximate bounding boxes of producing countries, [west, south, east, north] in degrees (WGS84),
// drawn generously around each country's territory including its islands. They are approximate
// (about ±0.1°, written from public map extents, not from a boundary data set) and serve one
// purpose: a plot well outside the box of the country it claims cannot be in that country. Inside
// the box proves nothing (boxes overlap), so the rule that uses them can only under-report.
export type CountryBox = readonly [west: number, south: number, east: number, north: number];

// Stryker disable all: the version label and the boxes below are reference data (see docs/quality.md);
// the rule that reads them (custody.ts outsideCountry) is mutated as usual.
export const COUNTRY_BOXES_VERSION = 'gt-country-boxes-2026-12-approx';

/** How far outside its box, in degrees, a point must lie to be flagged: absorbs the boxes' error. */
export const COUNTRY_BOX_MARGIN_DEGREES = 0.1;

export const COUNTRY_BOXES: Readonly<Record<string, CountryBox>> = {
  // West and Central Africa: cocoa, coffee, palm, rubber.
  CI: [-8.6, 4.35, -2.49, 10.74],
  GH: [-3.26, 4.74, 1.19, 11.17],
  TG: [-0.15, 6.1, 1.81, 11.14],
  LR: [-11.5, 4.35, -7.37, 8.55],
  SL: [-13.3, 6.92, -10.28, 10.0],
  GN: [-15.08, 7.19, -7.64, 12.68],
  NG: [2.67, 4.27, 14.68, 13.89],
  CM: [8.49, 1.65, 16.19, 13.08],
  // East Africa: coffee.
  UG: [29.57, -1.48, 35.0, 4.23],
  ET: [32.99, 3.4, 47.99, 14.89],
  KE: [33.89, -4.68, 41.86, 5.03],
  TZ: [29.33, -11.75, 40.44, -0.99],
  // Latin America: cocoa, coffee, soya, cattle.
  EC: [-92.01, -5.02, -75.19, 1.68],
  CO: [-81.73, -4.23, -66.85, 13.39],
  PE: [-81.33, -18.35, -68.65, -0.04],
  BR: [-73.99, -33.75, -28.85, 5.27],
  BO: [-69.64, -22.9, -57.45, -9.68],
  PY: [-62.65, -27.61, -54.26, -19.29],
  AR: [-73.56, -55.06, -53.64, -21.78],
  MX: [-118.4, 14.53, -86.7, 32.72],
  GT: [-92.23, 13.74, -88.22, 17.82],
  HN: [-89.36, 12.98, -83.13, 17.5],
  // South and South-East Asia and Oceania: cocoa, coffee, palm, rubber.
  ID: [95.01, -11.01, 141.02, 6.08],
  MY: [99.64, 0.85, 119.27, 7.36],
  VN: [102.14, 8.18, 109.46, 23.39],
  TH: [97.34, 5.61, 105.64, 20.46],
  IN: [68.11, 6.55, 97.4, 35.67],
  PG: [140.84, -11.66, 159.49, -0.87],
};
// Stryker restore all
