// Demo data for a newcomer's first start: a small cocoa chain from Ghanaian farms to a UK brand,
// written through the ledger writer like any other record. Deterministic, so every demo log is alike.
import type { EntryEnvelope, JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';

/** mulberry32: a tiny seeded PRNG, so ids and quantities repeat from run to run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Org {
  id: string;
  name: string;
  kind: 'brand' | 'supplier';
  role: string;
  country: string;
  location: [number, number];
}

const ORGS: Omit<Org, 'id'>[] = [
  {
    name: 'Aurora Chocolate Ltd',
    kind: 'brand',
    role: 'brand',
    country: 'GB',
    location: [-2.58791, 51.454514],
  },
  {
    name: 'Brightwater Confectionery GmbH',
    kind: 'supplier',
    role: 'manufacturer',
    country: 'DE',
    location: [9.993682, 53.551086],
  },
  {
    name: 'Tema Cocoa Processing Ltd',
    kind: 'supplier',
    role: 'processor',
    country: 'GH',
    location: [0.016969, 5.669527],
  },
  {
    name: 'Gold Coast Cocoa Exporters',
    kind: 'supplier',
    role: 'exporter',
    country: 'GH',
    location: [-1.624433, 6.688481],
  },
  {
    name: 'Ashanti Growers Cooperative',
    kind: 'supplier',
    role: 'cooperative',
    country: 'GH',
    location: [-1.908421, 6.513262],
  },
  {
    name: 'Western North Farmers Union',
    kind: 'supplier',
    role: 'cooperative',
    country: 'GH',
    location: [-2.49104, 6.203551],
  },
];

const PLOTS_PER_COOPERATIVE = 45;

/** A square plot of about `hectares` around a centre, as a closed GeoJSON ring with 6 decimals. */
function squarePlot(centre: [number, number], hectares: number): number[][][] {
  const sideMetres = Math.sqrt(hectares * 10_000);
  const dLat = sideMetres / 2 / 111_320;
  const dLon = dLat / Math.cos((centre[1] * Math.PI) / 180);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const [lon, lat] = centre;
  const ring = [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ].map(([x, y]) => [round(x!), round(y!)]);
  return [ring];
}

export function demoEntries(now: Date = new Date()): EntryEnvelope[] {
  const random = prng(20261123);
  const at = now.toISOString();
  const entries: EntryEnvelope[] = [];
  const add = (type: string, subject: string, body: Record<string, JsonValue>) =>
    entries.push({ type, version: 1, at, actor: 'system:demo', subject, body });

  const orgs: Org[] = ORGS.map((o) => ({ ...o, id: uuidFrom(random) }));
  for (const org of orgs) {
    add('organisation.registered', `organisation:${org.id}`, {
      name: org.name,
      kind: org.kind,
      role: org.role,
      country: org.country,
      location: { type: 'Point', coordinates: org.location },
    });
  }
  const [brand, manufacturer, processor, exporter, ...cooperatives] = orgs as [Org, Org, Org, Org, ...Org[]];
  const links: [Org, Org, string][] = [
    [brand, manufacturer, 'chocolate'],
    [manufacturer, processor, 'cocoa butter and cocoa liquor'],
    [processor, exporter, 'cocoa beans'],
    ...cooperatives.map((c): [Org, Org, string] => [exporter, c, 'cocoa beans']),
  ];
  for (const [buyer, supplier, commodity] of links) {
    add('relationship.declared', `relationship:${uuidFrom(random)}`, {
      buyer: `organisation:${buyer.id}`,
      supplier: `organisation:${supplier.id}`,
      commodity,
    });
  }

  const deliveries: { cooperative: Org; kg: number }[] = [];
  for (const cooperative of cooperatives) {
    let cooperativeKg = 0;
    for (let p = 0; p < PLOTS_PER_COOPERATIVE; p++) {
      const plotId = uuidFrom(random);
      const hectares = Math.round((1.5 + random() * 5) * 100) / 100;
      const centre: [number, number] = [
        cooperative.location[0] + (random() - 0.5) * 0.3,
        cooperative.location[1] + (random() - 0.5) * 0.3,
      ];
      add('plot.mapped', `plot:${plotId}`, {
        cooperative: `organisation:${cooperative.id}`,
        commodity: 'cocoa',
        declaredAreaHectares: hectares.toFixed(2),
        geometry: { type: 'Polygon', coordinates: squarePlot(centre, hectares) },
      });
      // Ghana's main crop (Oct–Feb) and light crop (May–Aug), about 450 kg of dry beans per hectare a year.
      for (const [season, share, date] of [
        ['2025/26 main crop', 0.75, '2025-12-15'],
        ['2026 light crop', 0.25, '2026-06-20'],
      ] as const) {
        const kg = Math.round(hectares * (350 + random() * 200) * share * 10) / 10;
        cooperativeKg += kg;
        add('harvest.recorded', `plot:${plotId}`, {
          season,
          eventTime: `${date}T08:00:00Z`,
          product: 'cocoa beans, dried',
          quantity: { value: kg.toFixed(1), unit: 'KGM' },
        });
      }
    }
    deliveries.push({ cooperative, kg: cooperativeKg });
  }

  let beansKg = 0;
  for (const { cooperative, kg } of deliveries) {
    beansKg += kg;
    add('transfer.shipped', `batch:${uuidFrom(random)}`, {
      from: `organisation:${cooperative.id}`,
      to: `organisation:${exporter.id}`,
      product: 'cocoa beans, dried',
      quantity: { value: kg.toFixed(1), unit: 'KGM' },
      eventTime: '2026-07-10T10:00:00Z',
    });
  }
  add('transfer.shipped', `batch:${uuidFrom(random)}`, {
    from: `organisation:${exporter.id}`,
    to: `organisation:${processor.id}`,
    product: 'cocoa beans, dried',
    quantity: { value: beansKg.toFixed(1), unit: 'KGM' },
    eventTime: '2026-07-24T10:00:00Z',
  });
  // Beans → nibs (≈ 0.80) → liquor; liquor pressed into butter (≈ 0.43) and cake.
  const liquorKg = beansKg * 0.8;
  add('transformation.recorded', `batch:${uuidFrom(random)}`, {
    site: `organisation:${processor.id}`,
    inputs: [{ product: 'cocoa beans, dried', quantity: { value: beansKg.toFixed(1), unit: 'KGM' } }],
    outputs: [
      { product: 'cocoa butter', quantity: { value: (liquorKg * 0.43).toFixed(1), unit: 'KGM' } },
      { product: 'cocoa cake', quantity: { value: (liquorKg * 0.55).toFixed(1), unit: 'KGM' } },
    ],
    eventTime: '2026-08-05T06:00:00Z',
  });
  add('transfer.shipped', `batch:${uuidFrom(random)}`, {
    from: `organisation:${processor.id}`,
    to: `organisation:${manufacturer.id}`,
    product: 'cocoa butter',
    quantity: { value: (liquorKg * 0.43).toFixed(1), unit: 'KGM' },
    eventTime: '2026-09-01T09:00:00Z',
  });
  return entries;
}

class AlreadySeeded extends Error {}

/** Writes the demo once, into an empty log only (checked under the sequencing lock). */
export async function seedDemoData(writer: LedgerWriter): Promise<number> {
  try {
    const receipt = await writer.append({
      entries: demoEntries(),
      project: async (tx) => {
        const [row] = await tx.query('SELECT 1 FROM ledger_entries LIMIT 1');
        if (row) throw new AlreadySeeded();
      },
    });
    return receipt.entries.length;
  } catch (error) {
    if (error instanceof AlreadySeeded) return 0;
    throw error;
  }
}
