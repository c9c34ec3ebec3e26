// The supply chain as the viewer draws it, built from what the API answered: the trace of a batch
// (batches, events, plots), the organisations and plot geometries the caller may see, and the
// findings on the batch's volume. Pure: no DOM, no three.js, so the tests and the list view share it.
import { countryCentre } from './countries.ts';

export interface Quantity {
  grams: string | null;
}
export interface TraceBatch {
  id: string;
  organisationId: string;
  lot: string;
  material: string;
  quantity: Quantity & { value: string; unit: string };
  producedBy: string | null;
  tier: number;
}
export interface TraceEvent {
  id: string;
  type: string;
  organisationId: string;
  inputs: { batchId: string | null; plotId: string | null; quantity: Quantity | null }[];
  outputs: { batchId: string; quantity: Quantity | null }[];
}
export interface TracePlot {
  id: string;
  organisationId: string;
  country: string;
  areaHectares: string;
  tier: number;
}
export interface Trace {
  batchId: string;
  batches: TraceBatch[];
  events: TraceEvent[];
  plots: TracePlot[];
}
export interface Organisation {
  id: string;
  name: string;
  role: string | null;
  country: string | null;
  /** Its site as the API gives it to this caller (decision 0030); absent or null when unknown. */
  location?: { type: 'Point'; coordinates: [number, number] } | null;
  address?: string | null;
}
export interface Finding {
  id: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  subject: { kind: string; id: string };
  organisationId: string;
  message: string;
  numbers: Record<string, unknown>;
}
/** A plot's outline as GeoJSON gives it: rings of [longitude, latitude]. */
export type PlotOutline = number[][][];

/** What a finding says about the volume that carries it. */
export type FlowClass = 'clean' | 'warning' | 'blended';
const RANK: Record<FlowClass, number> = { clean: 0, warning: 1, blended: 2 };
const worse = (a: FlowClass, b: FlowClass): FlowClass => (RANK[b] > RANK[a] ? b : a);

/** Volume the rules found laundered or impossible to grow: the "blended / over-yield" colour. */
const BLENDING_RULES = new Set(['BLENDED_ORIGIN', 'IMPOSSIBLE_YIELD']);

export function classOf(findings: readonly Finding[]): FlowClass {
  let c: FlowClass = 'clean';
  for (const f of findings) {
    if (BLENDING_RULES.has(f.rule)) c = worse(c, 'blended');
    else if (f.severity !== 'info') c = worse(c, 'warning');
  }
  return c;
}

export interface SiteNode {
  kind: 'site';
  id: string;
  name: string;
  role: string | null;
  country: string | null;
  lon: number;
  lat: number;
  /**
   * Where the position comes from: its recorded site, else the centre of its plots, else its
   * country's centre (approximate).
   */
  placedBy: 'site' | 'plots' | 'country' | 'unknown';
  address: string | null;
  tier: number;
  plotIds: string[];
  findings: Finding[];
  flow: FlowClass;
}
export interface PlotNode {
  kind: 'plot';
  id: string;
  organisationId: string;
  name: string | null;
  lon: number;
  lat: number;
  outline: PlotOutline | null;
  areaHectares: number;
  tier: number;
  findings: Finding[];
  flow: FlowClass;
}
export type ChainNode = SiteNode | PlotNode;
export interface Arc {
  id: string;
  from: string;
  to: string;
  grams: number;
  batchIds: string[];
  flow: FlowClass;
}
export interface Chain {
  batchId: string;
  sites: SiteNode[];
  plots: PlotNode[];
  arcs: Arc[];
  maxTier: number;
}

export interface PlotDetail {
  id: string;
  name: string | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** A recorded site's [longitude, latitude], when it is a usable position (anything else is ignored). */
export function siteLocation(org: Organisation | undefined): [number, number] | null {
  const c = org?.location?.coordinates;
  if (!c || c.length < 2) return null;
  const [lon, lat] = c as [unknown, unknown];
  if (typeof lon !== 'number' || typeof lat !== 'number') return null;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return null;
  return [lon, lat];
}

/** Centre of a polygon's outer ring (vertex mean: plots are small enough for it). */
export function ringCentre(outline: PlotOutline): [number, number] | null {
  const ring = outline[0];
  if (!ring || ring.length === 0) return null;
  const points = ring.length > 1 ? ring.slice(0, -1) : ring;
  let lon = 0;
  let lat = 0;
  for (const p of points) {
    lon += p[0] ?? 0;
    lat += p[1] ?? 0;
  }
  return [lon / points.length, lat / points.length];
}

function outlineOf(detail: PlotDetail | undefined): PlotOutline | null {
  const g = detail?.geometry;
  if (!g) return null;
  if (g.type === 'Polygon') return g.coordinates as PlotOutline;
  if (g.type === 'MultiPolygon') return (g.coordinates as PlotOutline[])[0] ?? null;
  return null;
}

const gramsOf = (q: Quantity | null | undefined): number => (q?.grams ? Number(q.grams) : 0);

export function buildChain(
  trace: Trace,
  organisations: ReadonlyMap<string, Organisation>,
  plotDetails: ReadonlyMap<string, PlotDetail>,
  findings: readonly Finding[],
): Chain {
  const findingsOn = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.subject.kind}:${f.subject.id}`;
    findingsOn.set(key, [...(findingsOn.get(key) ?? []), f]);
  }
  const batches = new Map(trace.batches.map((b) => [b.id, b]));
  const events = new Map(trace.events.map((e) => [e.id, e]));

  const plots: PlotNode[] = trace.plots.map((p) => {
    const detail = plotDetails.get(p.id);
    const outline = outlineOf(detail);
    // A farm mapped as a point (EUDR allows it under 4 ha) is placed there, with no outline.
    const point = detail?.geometry?.type === 'Point' ? (detail.geometry.coordinates as number[]) : null;
    const centre = outline
      ? ringCentre(outline)
      : point
        ? ([point[0]!, point[1]!] as [number, number])
        : null;
    const own = findingsOn.get(`plot:${p.id}`) ?? [];
    return {
      kind: 'plot',
      id: p.id,
      organisationId: p.organisationId,
      name: detail?.name ?? null,
      lon: centre?.[0] ?? Number.NaN,
      lat: centre?.[1] ?? Number.NaN,
      outline,
      areaHectares: Number(p.areaHectares),
      tier: p.tier,
      findings: own,
      flow: classOf(own),
    };
  });
  const plotFlow = new Map(plots.map((p) => [p.id, p.flow]));

  // A batch carries the worst of its own findings and of everything its producing event consumed.
  const batchFlow = new Map<string, FlowClass>();
  const flowOf = (batchId: string, seen: Set<string>): FlowClass => {
    const known = batchFlow.get(batchId);
    if (known) return known;
    let c = classOf(findingsOn.get(`batch:${batchId}`) ?? []);
    const producer = batches.get(batchId)?.producedBy;
    const event = producer ? events.get(producer) : undefined;
    if (event && !seen.has(batchId)) {
      seen.add(batchId);
      for (const input of event.inputs) {
        if (input.plotId) c = worse(c, plotFlow.get(input.plotId) ?? 'clean');
        if (input.batchId) c = worse(c, flowOf(input.batchId, seen));
      }
    }
    batchFlow.set(batchId, c);
    return c;
  };

  // Arcs: volume leaving one organisation's batches for another's, summed per pair.
  const arcs = new Map<string, Arc>();
  for (const event of trace.events) {
    const owners = new Set(
      event.outputs.map((o) => batches.get(o.batchId)?.organisationId ?? event.organisationId),
    );
    for (const input of event.inputs) {
      if (!input.batchId) continue;
      const from = batches.get(input.batchId)?.organisationId;
      if (!from) continue;
      for (const to of owners) {
        if (to === from) continue;
        const id = `${from}>${to}`;
        const arc = arcs.get(id) ?? { id, from, to, grams: 0, batchIds: [], flow: 'clean' as FlowClass };
        arc.grams += gramsOf(input.quantity ?? batches.get(input.batchId)?.quantity) / owners.size;
        arc.batchIds.push(input.batchId);
        arc.flow = worse(arc.flow, flowOf(input.batchId, new Set()));
        arcs.set(id, arc);
      }
    }
  }

  const siteIds = new Set<string>();
  for (const b of trace.batches) siteIds.add(b.organisationId);
  for (const e of trace.events) siteIds.add(e.organisationId);
  for (const p of trace.plots) siteIds.add(p.organisationId);
  const tierOf = new Map<string, number>();
  for (const b of trace.batches)
    tierOf.set(b.organisationId, Math.min(tierOf.get(b.organisationId) ?? b.tier, b.tier));

  const sameCountry = new Map<string, number>();
  const sites: SiteNode[] = [...siteIds].map((id) => {
    const org = organisations.get(id);
    const own = plots.filter((p) => p.organisationId === id);
    const located = own.filter((p) => Number.isFinite(p.lon));
    const siteFindings = findings.filter((f) => f.organisationId === id);
    let lon = Number.NaN;
    let lat = Number.NaN;
    let placedBy: SiteNode['placedBy'] = 'unknown';
    const site = siteLocation(org);
    if (site) {
      [lon, lat] = site;
      placedBy = 'site';
    } else if (located.length > 0) {
      lon = located.reduce((s, p) => s + p.lon, 0) / located.length;
      lat = located.reduce((s, p) => s + p.lat, 0) / located.length;
      placedBy = 'plots';
    } else {
      const centre = org?.country ? countryCentre(org.country) : undefined;
      if (centre) {
        // Sites sharing a country are spread around its centre so that none hides another.
        const n = sameCountry.get(org!.country!) ?? 0;
        sameCountry.set(org!.country!, n + 1);
        lon = centre[0] + (n === 0 ? 0 : 0.9 * Math.cos(n * 2.4));
        lat = centre[1] + (n === 0 ? 0 : 0.9 * Math.sin(n * 2.4));
        placedBy = 'country';
      }
    }
    const outgoing = [...arcs.values()].filter((a) => a.from === id);
    return {
      kind: 'site',
      id,
      name: org?.name ?? id,
      role: org?.role ?? null,
      country: org?.country ?? null,
      lon,
      lat,
      placedBy,
      address: org?.address ?? null,
      tier: tierOf.get(id) ?? Math.max(0, ...own.map((p) => p.tier - 1)),
      plotIds: own.map((p) => p.id),
      findings: siteFindings,
      flow: outgoing.reduce((c, a) => worse(c, a.flow), classOf(siteFindings)),
    };
  });
  sites.sort((a, b) => b.tier - a.tier || a.name.localeCompare(b.name));
  const maxTier = Math.max(0, ...sites.map((s) => s.tier), ...plots.map((p) => p.tier));
  return { batchId: trace.batchId, sites, plots, arcs: [...arcs.values()], maxTier };
}

/** Every node the viewer draws: the trace's organisations and its plots. */
export const nodeCount = (chain: Chain): number => chain.sites.length + chain.plots.length;
