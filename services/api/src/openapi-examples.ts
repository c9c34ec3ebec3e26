// Examples of the main writes' request bodies, published in /openapi.json (media type `examples`) so a
// reader of /docs sees a request that works. services/api/test/openapi.test.ts checks each JSON example
// against the operation's published schema.

/** Ids the examples refer to one another by (a brand, a cooperative, its plot, a batch). */
export const EXAMPLE_IDS = {
  brand: '0f2c8e9a-6b1d-4c3e-9a57-3d1e2b4c5a60',
  cooperative: '5b7d9c1e-2a4f-4e6b-8c3d-1f2a3b4c5d6e',
  processor: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  plot: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  batch: 'd4c3b2a1-0f9e-4d8c-9b7a-6f5e4d3c2b1a',
} as const;

interface Example {
  summary: string;
  value: unknown;
}

/** operationId → media type → named examples. */
export const REQUEST_EXAMPLES: Record<string, Record<string, Record<string, Example>>> = {
  registerOrganisation: {
    'application/json': {
      cooperative: {
        summary: 'A cocoa cooperative, with its GLN',
        value: {
          name: 'Coopérative Agricole de Soubré',
          kind: 'supplier',
          country: 'CI',
          role: 'cooperative',
          identifiers: { gln: '0614141000012', nationalRegistration: 'CI-ABJ-2019-B-4471' },
        },
      },
      brand: {
        summary: 'A chocolate brand',
        value: { name: 'Northern Chocolate Ltd', kind: 'brand', country: 'GB' },
      },
    },
  },
  declareRelationship: {
    'application/json': {
      supplier: {
        summary: 'The brand buys cocoa from the cooperative',
        value: { buyerId: EXAMPLE_IDS.brand, supplierId: EXAMPLE_IDS.cooperative, commodity: 'cocoa' },
      },
    },
  },
  mapPlot: {
    'application/json': {
      polygon: {
        summary: 'A plot as a polygon ([longitude, latitude], six decimals, closed ring)',
        value: {
          organisationId: EXAMPLE_IDS.cooperative,
          name: 'Parcelle Kouamé 3',
          commodity: 'cocoa',
          country: 'CI',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-6.608412, 5.783127],
                [-6.606931, 5.783127],
                [-6.606931, 5.784519],
                [-6.608412, 5.784519],
                [-6.608412, 5.783127],
              ],
            ],
          },
          declaredAreaHectares: 2.5,
        },
      },
      point: {
        summary: 'A plot of at most 4 ha as a point, with its declared area',
        value: {
          organisationId: EXAMPLE_IDS.cooperative,
          commodity: 'cocoa',
          country: 'CI',
          geometry: { type: 'Point', coordinates: [-6.611254, 5.781903] },
          declaredAreaHectares: 1.8,
        },
      },
    },
  },
  registerProduct: {
    'application/json': {
      product: {
        summary: 'A product by its GTIN-13 (stored as GTIN-14)',
        value: {
          gtin: '4012345000016',
          name: 'Cocoa butter, deodorised, 25 kg',
          commodity: 'cocoa',
          organisationId: EXAMPLE_IDS.processor,
        },
      },
    },
  },
  recordTraceEvent: {
    'application/json': {
      harvest: {
        summary: 'A harvest from a plot makes a new batch',
        value: {
          type: 'harvest',
          plotId: EXAMPLE_IDS.plot,
          season: '2026/27 main crop',
          eventTime: '2026-10-14T09:30:00Z',
          output: { lot: 'CAS-2026-10-0142', quantity: { value: '812.5', unit: 'KGM' } },
        },
      },
      transfer: {
        summary: 'The cooperative ships part of a batch to a processor',
        value: {
          type: 'transfer',
          fromOrganisationId: EXAMPLE_IDS.cooperative,
          toOrganisationId: EXAMPLE_IDS.processor,
          eventTime: '2026-10-20T07:00:00Z',
          input: { batchId: EXAMPLE_IDS.batch, quantity: { value: '800', unit: 'KGM' } },
          output: { lot: 'PRC-IN-2026-0933', quantity: { value: '800', unit: 'KGM' } },
        },
      },
    },
  },
  importRecords: {
    'application/json': {
      plots: {
        summary: 'Plots (POST /v1/imports/plots): each row is a NewPlot',
        value: {
          rows: [
            {
              organisationId: EXAMPLE_IDS.cooperative,
              commodity: 'cocoa',
              country: 'CI',
              geometry: { type: 'Point', coordinates: [-6.611254, 5.781903] },
              declaredAreaHectares: 1.8,
            },
            {
              organisationId: EXAMPLE_IDS.cooperative,
              name: 'Parcelle Yao 1',
              commodity: 'cocoa',
              country: 'CI',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [-6.60841, 5.78313],
                    [-6.60693, 5.78313],
                    [-6.60693, 5.784519],
                    [-6.60841, 5.78313],
                  ],
                ],
              },
            },
          ],
        },
      },
    },
    'text/csv': {
      frenchExcel: {
        summary: 'Plots as a French Excel file writes them: `;` between fields, decimal commas',
        value:
          'organisationId;name;commodity;country;longitude;latitude;declaredAreaHectares\r\n' +
          `${EXAMPLE_IDS.cooperative};Parcelle Koffi;cocoa;CI;-6,611254;5,78190;1,8\r\n`,
      },
    },
  },
  registerSigningKey: {
    'application/json': {
      ed25519: {
        summary: 'An Ed25519 public key (`gt keys new` makes one)',
        value: { jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } },
      },
    },
  },
  createUser: {
    'application/json': {
      procurement: {
        summary: 'A procurement user of a brand',
        value: {
          organisationId: EXAMPLE_IDS.brand,
          role: 'procurement',
          displayName: 'Amara Mensah',
          email: 'amara.mensah@example.com',
        },
      },
    },
  },
  inviteSupplierUser: {
    'application/json': {
      cooperativeClerk: {
        summary: 'Invite a cooperative’s first user (name and e-mail kept off the ledger)',
        value: {
          organisationId: EXAMPLE_IDS.cooperative,
          displayName: 'Kouassi Adjoua',
          email: 'k.adjoua@example.com',
          expiresInDays: 14,
        },
      },
    },
  },
  updateOrganisation: {
    'application/json': {
      renameAndLei: {
        summary: 'A supplier corrects its name and adds its LEI (each change an entry)',
        value: {
          name: 'Coopérative Agricole de Soubré (CASO)',
          identifiers: { lei: '5493001KJTIIGC8Y1R12' },
        },
      },
    },
  },
  addContact: {
    'application/json': {
      farmer: {
        summary: 'A farmer’s contact details (kept off the ledger, erasable)',
        value: { name: 'Kouamé Yao', phone: '+2250701234567', role: 'plot owner' },
      },
    },
  },
};
