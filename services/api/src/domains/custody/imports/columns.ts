// The documented CSV columns of each import, in template order. One list serves the header check,
// GET /v1/imports/{kind}/template.csv and the OpenAPI description, so they cannot drift apart.

export type ImportKind = 'suppliers' | 'plots';

export interface ImportColumn {
  name: string;
  /** Whether a row needs a value here (a plot needs geometry, or longitude and latitude). */
  required: boolean;
  /** A number: in a file with `;` or tab delimiters a decimal comma (`-5,51073`) is read as a point. */
  numeric?: boolean;
  description: string;
}

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  suppliers: [
    { name: 'name', required: true, description: 'the organisation’s name' },
    { name: 'country', required: true, description: 'ISO 3166-1 alpha-2 code, e.g. GH' },
    {
      name: 'role',
      required: false,
      description: 'manufacturer, processor, trader, exporter, importer, cooperative, farm or other',
    },
    { name: 'gln', required: false, description: 'GS1 Global Location Number, 13 digits' },
    { name: 'lei', required: false, description: 'Legal Entity Identifier (ISO 17442), 20 characters' },
    { name: 'nationalRegistration', required: false, description: 'national company registration' },
    {
      name: 'longitude',
      required: false,
      numeric: true,
      description: 'its site, WGS84 decimal degrees (with latitude)',
    },
    { name: 'latitude', required: false, numeric: true, description: 'its site, WGS84 decimal degrees' },
    { name: 'address', required: false, description: 'its site’s address on one line' },
    {
      name: 'buyerId',
      required: false,
      description: 'the buyer it supplies (declares the relationship too)',
    },
    { name: 'commodity', required: false, description: 'with buyerId: cocoa, coffee, oil_palm, soya …' },
  ],
  plots: [
    { name: 'organisationId', required: true, description: 'the supplier the plot belongs to' },
    { name: 'name', required: false, description: 'the plot’s name' },
    { name: 'commodity', required: true, description: 'cocoa, coffee, oil_palm, soya, cattle, rubber, wood' },
    { name: 'country', required: true, description: 'ISO 3166-1 alpha-2 code, e.g. CI' },
    {
      name: 'longitude',
      required: false,
      numeric: true,
      description: 'WGS84 decimal degrees, for a plot of at most 4 ha given as a point',
    },
    {
      name: 'latitude',
      required: false,
      numeric: true,
      description: 'WGS84 decimal degrees, with longitude',
    },
    {
      name: 'geometry',
      required: false,
      description: 'GeoJSON Polygon or MultiPolygon text ([longitude, latitude]), instead of a point',
    },
    {
      name: 'declaredAreaHectares',
      required: false,
      numeric: true,
      description: 'the declared area in hectares (required for a point)',
    },
  ],
};

/** How a header is compared with a column name: case, spaces, `_` and `-` do not matter. */
export const headerKey = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** The template: the header row of the documented columns. */
export const templateCsv = (kind: ImportKind) => `${IMPORT_COLUMNS[kind].map((c) => c.name).join(',')}\r\n`;

/** The columns as a Markdown list, for the OpenAPI description. */
export const describeColumns = (kind: ImportKind) =>
  IMPORT_COLUMNS[kind]
    .map((c) => `- \`${c.name}\`${c.required ? ' (required)' : ''}: ${c.description}`)
    .join('\n');
