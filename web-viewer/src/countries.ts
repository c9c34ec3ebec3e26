// Approximate geographic centres of countries, [longitude, latitude] in degrees, for placing a site
// that has no plots and so no mapped position of its own. Written from public atlas values to about
// ±1°; the viewer says "placed by country (approximate)" wherever it uses one. Countries of
// producing regions, processors and the main consuming markets; any other country is left unplaced
// (shown in the list, not on the globe).
const CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  // West and Central Africa
  CI: [-5.55, 7.54],
  GH: [-1.02, 7.95],
  NG: [8.68, 9.08],
  CM: [12.35, 7.37],
  TG: [0.82, 8.62],
  SL: [-11.78, 8.46],
  LR: [-9.43, 6.43],
  GN: [-9.7, 9.95],
  BJ: [2.32, 9.31],
  CD: [21.76, -4.04],
  CG: [15.83, -0.23],
  GA: [11.61, -0.8],
  UG: [32.29, 1.37],
  ET: [40.49, 9.15],
  KE: [37.91, -0.02],
  TZ: [34.89, -6.37],
  RW: [29.87, -1.94],
  MG: [46.87, -18.77],
  // The Americas
  BR: [-51.93, -14.24],
  EC: [-78.18, -1.83],
  PE: [-75.02, -9.19],
  CO: [-74.3, 4.57],
  VE: [-66.59, 6.42],
  BO: [-63.59, -16.29],
  MX: [-102.55, 23.63],
  GT: [-90.23, 15.78],
  HN: [-86.24, 15.2],
  NI: [-85.21, 12.87],
  CR: [-83.75, 9.75],
  DO: [-70.16, 18.74],
  PY: [-58.44, -23.44],
  AR: [-63.62, -38.42],
  US: [-95.71, 37.09],
  CA: [-106.35, 56.13],
  // Asia and Oceania
  ID: [113.92, -0.79],
  MY: [101.98, 4.21],
  PG: [143.96, -6.31],
  VN: [108.28, 14.06],
  TH: [100.99, 15.87],
  IN: [78.96, 20.59],
  LK: [80.77, 7.87],
  PH: [121.77, 12.88],
  CN: [104.2, 35.86],
  JP: [138.25, 36.2],
  SG: [103.82, 1.35],
  AU: [133.78, -25.27],
  // Europe
  GB: [-3.44, 55.38],
  IE: [-8.24, 53.41],
  NL: [5.29, 52.13],
  BE: [4.47, 50.5],
  DE: [10.45, 51.17],
  FR: [2.21, 46.23],
  CH: [8.23, 46.82],
  IT: [12.57, 41.87],
  ES: [-3.75, 40.46],
  PL: [19.15, 51.92],
  AT: [14.55, 47.52],
  DK: [9.5, 56.26],
  SE: [18.64, 60.13],
  NO: [8.47, 60.47],
  FI: [25.75, 61.92],
};

export function countryCentre(country: string): readonly [number, number] | undefined {
  return CENTRES[country.toUpperCase()];
}
