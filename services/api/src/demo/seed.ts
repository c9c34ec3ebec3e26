// Demo data for a newcomer's first start: a cocoa chain from farms in Ghana and Côte d'Ivoire to a UK
// chocolate brand, written through the same services as API requests. Deterministic: every demo log is alike.

import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from '@groundtruth/db';
import type { BlobStore } from '@groundtruth/evidence';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { normaliseGtin } from '@groundtruth/quantity';
import type { EventInput } from '@groundtruth/schemas';
import jpeg from 'jpeg-js';
import type { z } from 'zod';
import { createAccess } from '../access.ts';
import type { Principal } from '../auth.ts';
import type { CustodySettings } from '../config.ts';
import { createEventService } from '../domains/custody/events/service.ts';
import { createAttestationService } from '../domains/evidence/attestations/service.ts';
import { createBlobService } from '../domains/evidence/blobs/service.ts';
import { createKeyService } from '../domains/evidence/keys/service.ts';
import { createEvidencePackages } from '../domains/evidence/verification/packages.ts';
import { createMassBalanceService } from '../domains/massbalance/mass-balance/service.ts';
import {
  createOrganisationService,
  type OrganisationRecord,
} from '../domains/registry/organisations/service.ts';
import { createPlotService } from '../domains/registry/plots/service.ts';
import { appendRecord } from '../record.ts';

/** mulberry32: a tiny seeded PRNG, so ids, shapes and quantities repeat from run to run. */
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

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * An irregular farm outline of about `hectares`: 5–8 vertices at random radii, ordered by angle around
 * the centre (a star-shaped ring is always simple), closed, with 6-decimal coordinates.
 */
function farmOutline(random: () => number, centre: [number, number], hectares: number): number[][][] {
  const vertices = 5 + Math.floor(random() * 4);
  const angles = Array.from(
    { length: vertices },
    (_, i) => ((i + 0.2 + random() * 0.6) / vertices) * 2 * Math.PI,
  );
  const radii = angles.map(() => 0.75 + random() * 0.5);
  // Area of the star polygon with unit mean radius, to scale it to the wanted hectares.
  let unitArea = 0;
  for (let i = 0; i < vertices; i++) {
    const j = (i + 1) % vertices;
    unitArea +=
      0.5 * radii[i]! * radii[j]! * Math.sin((angles[j]! - angles[i]! + 2 * Math.PI) % (2 * Math.PI));
  }
  const scaleMetres = Math.sqrt((hectares * 10_000) / unitArea);
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos((centre[1] * Math.PI) / 180);
  const ring = angles.map((a, i) => [
    round6(centre[0] + (Math.cos(a) * radii[i]! * scaleMetres) / metresPerDegreeLon),
    round6(centre[1] + (Math.sin(a) * radii[i]! * scaleMetres) / metresPerDegreeLat),
  ]);
  ring.push([...ring[0]!]);
  return [ring];
}

interface DemoOrg {
  name: string;
  kind: 'brand' | 'supplier' | 'auditor';
  role?: 'manufacturer' | 'processor' | 'exporter' | 'cooperative';
  country: string;
  /** Its site, [longitude, latitude]; a cooperative's plots are scattered around its own. */
  location: [number, number];
  /** Street-level addresses are invented; the towns and ports are real. */
  address: string;
}

const BRAND: DemoOrg = {
  name: 'Aurora Chocolate Ltd',
  kind: 'brand',
  country: 'GB',
  location: [-2.58791, 51.454514],
  address: 'Harbourside, Bristol BS1 5DB, United Kingdom',
};
const MANUFACTURER: DemoOrg = {
  name: 'Brightwater Confectionery GmbH',
  kind: 'supplier',
  role: 'manufacturer',
  country: 'DE',
  location: [9.993682, 53.551086],
  address: 'Am Sandtorkai 12, 20457 Hamburg, Germany',
};
const PROCESSOR: DemoOrg = {
  name: 'Tema Cocoa Processing Ltd',
  kind: 'supplier',
  role: 'processor',
  country: 'GH',
  location: [0.016969, 5.669527],
  address: 'Heavy Industrial Area, Tema, Ghana',
};
const EXPORTERS: DemoOrg[] = [
  {
    name: 'Gold Coast Cocoa Exporters',
    kind: 'supplier',
    role: 'exporter',
    country: 'GH',
    // Its buying depot in Kumasi, the cocoa belt's hub, rather than at a port: at Takoradi its arc from
    // Ashanti would run under the Abidjan → Tema arc, hiding one colour under the other in the viewer.
    location: [-1.624433, 6.688481],
    address: 'Adum, Kumasi, Ghana',
  },
  {
    name: 'Lagunes Cacao Export SA',
    kind: 'supplier',
    role: 'exporter',
    country: 'CI',
    location: [-4.008256, 5.30966],
    address: 'Zone Portuaire de Vridi, Abidjan, Côte d’Ivoire',
  },
];
const COOPERATIVES: DemoOrg[] = [
  {
    name: 'Ashanti Growers Cooperative',
    kind: 'supplier',
    role: 'cooperative',
    country: 'GH',
    location: [-1.908421, 6.513262],
    address: 'Bekwai Road, Ashanti Region, Ghana',
  },
  {
    name: 'Coopérative Agricole de Soubré',
    kind: 'supplier',
    role: 'cooperative',
    country: 'CI',
    location: [-6.592183, 5.785311],
    address: 'Quartier Commerce, Soubré, Côte d’Ivoire',
  },
];
export const DEMO_PLOTS_PER_COOPERATIVE = 110;

const SYSTEM: Principal = { subject: 'system:demo', role: 'admin' };

class AlreadySeeded extends Error {}

const AUDITOR: DemoOrg = {
  name: 'Westfield Sustainability Audits Ltd',
  kind: 'auditor',
  country: 'GB',
  location: [-0.127758, 51.507351],
  address: 'Strand, London WC2R, United Kingdom',
};
/** Plots per cooperative with a field officer's signed photo attestation; the first two also a splat. */
export const DEMO_ATTESTED_PLOTS_PER_COOPERATIVE = 6;
const SPLATS_PER_COOPERATIVE = 2;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * An Ed25519 key from 32 seed bytes (RFC 8410 PKCS #8 wrapping), so the demo's keys, kids and
 * signatures repeat from run to run. The private half lives only while the seed runs.
 */
function demoSigningKey(random: () => number) {
  const seed = Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256)));
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as {
    kty: string;
    crv: string;
    x: string;
  };
  return { privateKey, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } };
}

/** RFC 7515 compact JWS (EdDSA) over the JSON payload: what a field app or `gt attest` submits. */
function signCompact(key: ReturnType<typeof demoSigningKey>, kid: string, payload: unknown): string {
  const header = base64url(Buffer.from(JSON.stringify({ alg: 'EdDSA', kid })));
  const body = base64url(Buffer.from(JSON.stringify(payload)));
  const signature = sign(null, Buffer.from(`${header}.${body}`), key.privateKey);
  return `${header}.${body}.${base64url(signature)}`;
}

/**
 * A small farm "photo" (480 × 320 JPEG: sky, a canopy of cocoa trees, soil), different for every
 * plot, with the caption in a JPEG comment: a stand-in a passport can show as a thumbnail.
 */
function demoPhoto(caption: string): Buffer {
  // Its own generator, seeded by the caption, so the demo's other random values stay as they were.
  let state = [...caption].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const width = 480;
  const height = 320;
  const data = Buffer.alloc(width * height * 4);
  const canopy = 90 + Math.floor(random() * 40);
  const soil = 250 + Math.floor(random() * 30);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const noise = random() * 30;
      const [r, g, b] =
        y < canopy
          ? [150 + y / 3, 190 + y / 4, 235]
          : y < soil
            ? [40 + noise, 90 + noise * 2 + 20 * Math.sin(x / 9), 35 + noise]
            : [120 + noise, 85 + noise, 50 + noise / 2];
      data[i] = Math.min(255, r);
      data[i + 1] = Math.min(255, g);
      data[i + 2] = Math.min(255, b);
      data[i + 3] = 255;
    }
  const encoded = Buffer.from(jpeg.encode({ data, width, height }, 80).data);
  const comment = Buffer.from(caption, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(comment.length + 2);
  // SOI, then a COM segment with the caption, then the rest of the encoder's output.
  return Buffer.concat([
    encoded.subarray(0, 2),
    Buffer.from([0xff, 0xfe]),
    length,
    comment,
    encoded.subarray(2),
  ]);
}

const SPLAT_PROPERTIES = [
  ...['x', 'y', 'z', 'f_dc_0', 'f_dc_1', 'f_dc_2', 'opacity'],
  ...['scale_0', 'scale_1', 'scale_2', 'rot_0', 'rot_1', 'rot_2', 'rot_3'],
];

/** A binary PLY with a 3D Gaussian splat's vertex properties: a stand-in for a plot's capture. */
function demoSplat(points: number, random: () => number): Buffer {
  const header = `ply\nformat binary_little_endian 1.0\nelement vertex ${points}\n${SPLAT_PROPERTIES.map((p) => `property float ${p}`).join('\n')}\nend_header\n`;
  const body = Buffer.alloc(points * SPLAT_PROPERTIES.length * 4);
  for (let i = 0; i < body.length; i += 4) body.writeFloatLE(random() * 2 - 1, i);
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

/**
 * Three times Côte d'Ivoire's plausible maximum with the GPS tolerance (1,500 kg/ha × 1.15): what the
 * mass-balance scenario uses to launder cocoa of unknown origin through one cooperative.
 */
export const LAUNDERED_KG_PER_HA = 3 * 1500 * 1.15;

/**
 * The demo's products, with GS1 check digits: the brand's bar (a GB-prefixed GTIN-13) and the
 * manufacturer's cocoa butter (a DE-prefixed GTIN-13), which the butter lot is recorded as.
 */
/** A custody event of the demo chain, as POST /v1/events takes it. */
export type DemoEventInput = z.output<typeof EventInput>;

export const DEMO_GTINS = { chocolateBar: '5012345600017', cocoaButter: '4012345678000' } as const;

/**
 * Writes the demo once, into an empty log only: a guard entry checks emptiness under the sequencing
 * lock, so two processes starting together cannot both seed. Returns the number of entries written.
 */
export async function seedDemoData(
  {
    db,
    writer,
    reader,
    evidence: evidenceStore,
    verifierKey,
    custody,
  }: {
    db: Database;
    writer: LedgerWriter;
    reader: LedgerReader;
    evidence: { store: BlobStore; maxBytes: number };
    verifierKey: string;
    custody?: CustodySettings;
  },
  // The second cooperative launders by default, so a fresh demo shows IMPOSSIBLE_YIELD and BLENDED_ORIGIN.
  options: {
    launderingCooperative?: number | undefined;
    /**
     * Records each custody event of the chain; by default through the native event service. The
     * EPCIS capture test builds the same chain from EPCIS documents through this (decision 0025).
     */
    recordEvent?: (input: DemoEventInput) => Promise<{ eventId: string; batchIds: string[] }>;
  } = { launderingCooperative: 1 },
): Promise<number> {
  const random = prng(20261123);
  try {
    await writer.append({
      entries: [
        {
          type: 'demo.seeded',
          version: 1,
          at: new Date().toISOString(),
          actor: SYSTEM.subject,
          subject: 'demo:cocoa-chain',
          body: {
            description: 'demonstration data: a cocoa chain from Ghana and Côte d’Ivoire to a UK brand',
          },
        },
      ],
      project: async (tx) => {
        const [row] = await tx.query('SELECT 1 FROM ledger_entries LIMIT 1');
        if (row) throw new AlreadySeeded();
      },
    });
  } catch (error) {
    if (error instanceof AlreadySeeded) return 0;
    throw error;
  }
  const organisations = createOrganisationService({ db, writer });
  const plots = createPlotService({ db, writer });

  const register = (org: DemoOrg) =>
    organisations.register(
      SYSTEM,
      {
        name: org.name,
        kind: org.kind,
        country: org.country,
        identifiers: {},
        ...(org.role ? { role: org.role } : {}),
        location: { type: 'Point', coordinates: org.location },
        address: org.address,
      },
      { id: uuidFrom(random) },
    );
  const brand = await register(BRAND);
  const manufacturer = await register(MANUFACTURER);
  const processor = await register(PROCESSOR);
  const exporters = await Promise.all(EXPORTERS.map(register));
  const cooperatives = await Promise.all(COOPERATIVES.map(register));
  const auditor = await register(AUDITOR);

  const links: [OrganisationRecord, OrganisationRecord][] = [
    [brand, manufacturer],
    [manufacturer, processor],
    ...exporters.map((e): [OrganisationRecord, OrganisationRecord] => [processor, e]),
    ...cooperatives.map((c, i): [OrganisationRecord, OrganisationRecord] => [exporters[i]!, c]),
  ];
  for (const [buyer, supplier] of links) {
    await organisations.declareRelationship(
      SYSTEM,
      { buyerId: buyer.id, supplierId: supplier.id, commodity: 'cocoa' },
      { id: uuidFrom(random) },
    );
  }

  // Registered as the product route does: one product.registered entry (its projector writes the row).
  const registerProduct = async (organisationId: string, gtin: string, name: string) => {
    const id = uuidFrom(random);
    const gtin14 = normaliseGtin(gtin)!;
    await appendRecord(writer, SYSTEM, {
      type: 'product.registered',
      subject: `product:${id}`,
      body: { gtin: gtin14, name, commodity: 'cocoa', organisation: `organisation:${organisationId}` },
      conflict: `GTIN ${gtin14} is already registered`,
    });
    return id;
  };
  await registerProduct(brand.id, DEMO_GTINS.chocolateBar, 'Aurora Dark Chocolate 70 % 100 g');
  const butterProduct = await registerProduct(
    manufacturer.id,
    DEMO_GTINS.cocoaButter,
    'Brightwater Cocoa Butter, deodorised, 25 kg',
  );

  const events = createEventService({
    db,
    writer,
    access: createAccess(db),
    ...(custody ? { custody } : {}),
  });
  const recordEvent = options.recordEvent ?? ((input: DemoEventInput) => events.record(SYSTEM, input));
  const kg = (value: number) => ({ value: value.toFixed(1), unit: 'KGM' });
  const harvestsByCoop: { batchId: string; quantity: { value: string; unit: string } }[][] = COOPERATIVES.map(
    () => [],
  );
  const plotWrites: Promise<unknown>[] = [];
  const attested: { cooperative: number; plotId: string; name: string; centre: [number, number] }[] = [];
  COOPERATIVES.forEach((coop, c) => {
    for (let p = 0; p < DEMO_PLOTS_PER_COOPERATIVE; p++) {
      const plotId = uuidFrom(random);
      if (p < DEMO_ATTESTED_PLOTS_PER_COOPERATIVE)
        attested.push({
          cooperative: c,
          plotId,
          name: `${coop.country}-${String(p + 1).padStart(3, '0')}`,
          centre: [0, 0],
        });
      const hectares = Math.round((0.8 + random() * 5.5) * 100) / 100;
      const centre: [number, number] = [
        coop.location[0] + (random() - 0.5) * 0.35,
        coop.location[1] + (random() - 0.5) * 0.35,
      ];
      if (p < DEMO_ATTESTED_PLOTS_PER_COOPERATIVE)
        attested[attested.length - 1]!.centre = [round6(centre[0]), round6(centre[1])];
      // Smallholdings of at most 4 ha may be mapped as a single point with a declared area.
      const asPoint = hectares <= 4 && random() < 0.15;
      const coordinates = asPoint
        ? [round6(centre[0]), round6(centre[1])]
        : farmOutline(random, centre, hectares);
      // Submitted as a GPS device writes it: every coordinate with six decimals.
      const geometryText = `{"type":"${asPoint ? 'Point' : 'Polygon'}","coordinates":${JSON.stringify(coordinates, (_k, v) => (typeof v === 'number' ? `@${v.toFixed(6)}@` : v)).replace(/"@|@"/g, '')}}`;
      const geometry = JSON.parse(geometryText);
      // Farmers' declared areas are often rough: a tenth are off by more than the tolerance.
      const declared = asPoint
        ? hectares
        : random() < 0.1
          ? Math.round(hectares * 1.45 * 100) / 100
          : hectares;
      // Main crop (Oct–Feb) and light crop (May–Aug); about 450 kg of dried beans per hectare a year.
      const crops = (
        [
          ['2025/26 main crop', 0.75, '2025-12-15'],
          ['2026 light crop', 0.25, '2026-06-20'],
        ] as const
      ).map(([season, share, date]) => {
        const kgPerHectare = 350 + random() * 200;
        return {
          season,
          date,
          // A laundering cooperative's members "deliver" three times what their land can grow.
          kg:
            Math.round(
              hectares *
                (c === options.launderingCooperative ? LAUNDERED_KG_PER_HA : kgPerHectare) *
                share *
                10,
            ) / 10,
        };
      });
      plotWrites.push(
        (async () => {
          await plots.map(
            SYSTEM,
            {
              organisationId: cooperatives[c]!.id,
              name: `${coop.country}-${String(p + 1).padStart(3, '0')}`,
              commodity: 'cocoa',
              country: coop.country,
              geometry,
              declaredAreaHectares: declared,
            },
            { id: plotId, sourceText: geometryText },
          );
          for (const [k, crop] of crops.entries()) {
            const harvest = await recordEvent({
              type: 'harvest',
              plotId,
              season: crop.season,
              eventTime: `${crop.date}T08:00:00Z`,
              output: {
                lot: `${coop.country}-${String(p + 1).padStart(3, '0')}-${k === 0 ? 'M' : 'L'}26`,
                quantity: kg(crop.kg),
                description: 'cocoa beans, dried',
              },
            });
            harvestsByCoop[c]!.push({ batchId: harvest.batchIds[0]!, quantity: kg(crop.kg) });
          }
        })(),
      );
    }
  });
  await Promise.all(plotWrites);

  // Each cooperative pools its members' beans, ships them to its exporter, who ships them to Tema.
  const atProcessor: { batchId: string; quantity: { value: string; unit: string } }[] = [];
  let beansKg = 0;
  for (const [c, harvests] of harvestsByCoop.entries()) {
    const totalKg = harvests.reduce((sum, h) => sum + Number(h.quantity.value), 0);
    beansKg += totalKg;
    const pooled = await recordEvent({
      type: 'transformation',
      organisationId: cooperatives[c]!.id,
      eventTime: '2026-07-01T08:00:00Z',
      inputs: harvests,
      outputs: [
        { lot: `POOL-2026-${c + 1}`, quantity: kg(totalKg), description: 'cocoa beans, dried, pooled' },
      ],
    });
    const atExporter = await recordEvent({
      type: 'transfer',
      fromOrganisationId: cooperatives[c]!.id,
      toOrganisationId: exporters[c]!.id,
      eventTime: '2026-07-10T10:00:00Z',
      input: { batchId: pooled.batchIds[0]!, quantity: kg(totalKg) },
      output: { lot: `EXP-2026-${c + 1}`, quantity: kg(totalKg), description: 'cocoa beans, dried' },
    });
    const shipped = await recordEvent({
      type: 'transfer',
      fromOrganisationId: exporters[c]!.id,
      toOrganisationId: processor.id,
      eventTime: '2026-07-24T10:00:00Z',
      input: { batchId: atExporter.batchIds[0]!, quantity: kg(totalKg) },
      output: { lot: `TCP-IN-2026-${c + 1}`, quantity: kg(totalKg), description: 'cocoa beans, dried' },
    });
    atProcessor.push({ batchId: shipped.batchIds[0]!, quantity: kg(totalKg) });
  }
  // Tema grinds the beans into liquor (≈ 0.80 after shelling and winnowing), then presses the liquor
  // into butter (≈ 0.43) and cake, milled into powder (≈ 0.55).
  const liquorKg = beansKg * 0.8;
  const ground = await recordEvent({
    type: 'transformation',
    organisationId: processor.id,
    eventTime: '2026-08-03T06:00:00Z',
    inputs: atProcessor,
    outputs: [
      {
        lot: 'TCP-LIQUOR-2026-08',
        quantity: kg(liquorKg),
        material: 'cocoa_liquor',
        description: 'cocoa liquor',
      },
    ],
  });
  const pressed = await recordEvent({
    type: 'transformation',
    organisationId: processor.id,
    eventTime: '2026-08-05T06:00:00Z',
    inputs: [{ batchId: ground.batchIds[0]!, quantity: kg(liquorKg) }],
    outputs: [
      {
        lot: 'TCP-BUTTER-2026-08',
        quantity: kg(liquorKg * 0.43),
        material: 'cocoa_butter',
        description: 'cocoa butter',
      },
      {
        lot: 'TCP-POWDER-2026-08',
        quantity: kg(liquorKg * 0.55),
        material: 'cocoa_powder',
        description: 'cocoa powder',
      },
    ],
  });
  await recordEvent({
    type: 'transfer',
    fromOrganisationId: processor.id,
    toOrganisationId: manufacturer.id,
    eventTime: '2026-09-01T09:00:00Z',
    input: { batchId: pressed.batchIds[0]!, quantity: kg(liquorKg * 0.43) },
    output: {
      lot: 'BW-CB-2026-09-001',
      quantity: kg(liquorKg * 0.43),
      productId: butterProduct,
      description: 'cocoa butter',
    },
  });

  // Field officers' evidence: each cooperative registers a signing key, uploads a photo of each of
  // its first plots (and a splat capture of a few) and signs one attestation per plot; the batch goes
  // through the evidence service as POST /v1/attestations/batch does. An auditor confirms one.
  const evidenceAccess = createAccess(db);
  const blobs = createBlobService({ db, access: evidenceAccess, ...evidenceStore });
  const keys = createKeyService({ db, writer, access: evidenceAccess });
  const attestations = createAttestationService({
    db,
    writer,
    reader,
    access: evidenceAccess,
    packages: createEvidencePackages({ db, reader, logKey: verifierKey }),
    logKey: verifierKey,
  });
  const asOrganisation = (organisationId: string): Principal => ({ ...SYSTEM, organisationId });
  const attestationIds: string[] = [];
  for (const [c, cooperative] of cooperatives.entries()) {
    const key = demoSigningKey(random);
    const { kid } = await keys.registerKey(asOrganisation(cooperative.id), cooperative.id, key.jwk);
    const jws: string[] = [];
    for (const [n, plot] of attested.filter((a) => a.cooperative === c).entries()) {
      const files = [demoPhoto(`${plot.name} cocoa trees, north boundary`)];
      if (n < SPLATS_PER_COOPERATIVE) files.push(demoSplat(64, random));
      const media = [];
      for (const bytes of files) {
        const { blob } = await blobs.upload(asOrganisation(cooperative.id), Readable.from([bytes]), {
          contentLength: bytes.length,
        });
        media.push({ sha256: blob.sha256, size: blob.size, kind: blob.kind });
      }
      jws.push(
        signCompact(key, kid, {
          subject: { kind: 'plot', id: plot.plotId },
          media,
          capturedAt: `2026-06-${String(10 + n).padStart(2, '0')}T09:30:00Z`,
          location: { type: 'Point', coordinates: plot.centre },
          device: 'Groundtruth field app (demo)',
          statement: `Farm ${plot.name} visited by the cooperative's field officer; trees in production, boundary walked.`,
        }),
      );
    }
    for (const outcome of await attestations.attestMany(asOrganisation(cooperative.id), jws)) {
      if (!outcome.ok) throw outcome.error;
      attestationIds.push(outcome.receipt.attestationId);
    }
  }
  const auditorKey = demoSigningKey(random);
  const { kid: auditorKid } = await keys.registerKey(asOrganisation(auditor.id), auditor.id, auditorKey.jwk);
  await attestations.state(
    asOrganisation(auditor.id),
    attestationIds[0]!,
    signCompact(auditorKey, auditorKid, {
      attestationId: attestationIds[0]!,
      verdict: 'confirmed',
      visitedAt: '2026-07-02T11:00:00Z',
      note: 'Site visit: farm boundary, trees and the photographed view match the attestation.',
    }),
  );

  // Last, the findings over the whole demo, computed as POST /v1/mass-balance/recompute does, so
  // GET /v1/findings shows them at once. A recompute writes findings rows, not log entries.
  await createMassBalanceService({
    db,
    writer,
    access: createAccess(db),
    ...(custody ? { custody } : {}),
  }).recompute(SYSTEM);

  // The log was empty before the guard entry, so everything in it now is the demo.
  const [row] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM ledger_entries');
  return Number(row!.n);
}
