// Rules: is an attestation's evidence plausible? Where it was captured against where the plot is, when
// it says it was captured against what the media's own clocks say, the same media attested for other
// subjects, and a splat too sparse to show a site. Findings, never refusals: the upload stands, and a
// compliance officer judges. One definition of each rule, run by the recompute and as each attestation
// arrives (issue 11 item 6, docs/decisions/0014-evidence-plausibility.md).
import { distanceToPlotMetres, type PlotShape } from '@groundtruth/geo';
import type { Finding } from './findings.ts';
import type { ReferenceTable } from './reference.ts';

/** An attestation as these rules read it: its manifest's claims and what its media's headers say. */
export interface AttestationFacts {
  attestationId: string;
  /** Its ledger entry: which of two attestations came first. */
  entryIndex: number;
  subject: { kind: 'plot' | 'batch'; id: string };
  capturedAt: string;
  /** The manifest's GeoJSON Point, [longitude, latitude]. */
  location?: [number, number] | undefined;
  media: { sha256: string; kind: string; metadata: Record<string, unknown> }[];
}

export interface EvidenceLimits {
  /** Farther than this from the plot (metres), a capture location is a finding. */
  maxDistanceMetres: number;
  /** A media clock farther than this from `capturedAt` (hours) is a finding. */
  maxTimeDifferenceHours: number;
  /** A Gaussian splat with fewer points than this cannot show a site. */
  minSplatPoints: number;
}

/**
 * 5 km: a phone's GPS is good to tens of metres, and a farm visit starts at the farm; five kilometres
 * leaves room for a plot mapped by its centre and a photo taken from the access road, and none for a
 * photo taken in town. 48 h: EXIF times carry no zone (up to 14 h either way) and a camera's clock may
 * be a day off; more than two days apart is a different day's picture. 10,000 points: a Gaussian splat
 * reconstruction of an outdoor scene holds hundreds of thousands to millions of points, and even one
 * pruned or compressed for phones keeps tens of thousands; below ten thousand it is an object or a
 * stub, not a plot (decision 0014).
 */
export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxDistanceMetres: 5000,
  maxTimeDifferenceHours: 48,
  minSplatPoints: 10_000,
};

const subjectOf = (a: AttestationFacts) => ({ kind: 'attestation' as const, id: a.attestationId });
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Every location the evidence claims: the manifest's, and each photo's or video's own GPS. */
export function captureLocations(a: AttestationFacts): { source: string; point: [number, number] }[] {
  const locations: { source: string; point: [number, number] }[] = [];
  if (a.location) locations.push({ source: 'manifest', point: a.location });
  for (const m of a.media) {
    const latitude = number(m.metadata.gpsLatitude);
    const longitude = number(m.metadata.gpsLongitude);
    if (latitude !== undefined && longitude !== undefined)
      locations.push({ source: `media:${m.sha256}`, point: [longitude, latitude] });
  }
  return locations;
}

/**
 * EVIDENCE_FAR_FROM_PLOT (warning): the farthest capture location from the attested plot, when it is
 * beyond the limit. Attestations about a batch are not judged: a batch has no place of its own.
 */
export function evidenceFarFromPlot(
  table: ReferenceTable,
  a: AttestationFacts,
  plot: PlotShape | undefined,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
): Finding | undefined {
  if (a.subject.kind !== 'plot' || !plot) return undefined;
  let farthest: { source: string; point: [number, number]; metres: number } | undefined;
  for (const location of captureLocations(a)) {
    const metres = distanceToPlotMetres(location.point, plot);
    // A geometry without edges measures nothing (NaN): not judged, rather than infinitely far.
    if (Number.isFinite(metres) && (!farthest || metres > farthest.metres))
      farthest = { ...location, metres };
  }
  if (!farthest || !(farthest.metres > limits.maxDistanceMetres)) return undefined;
  const km = round(farthest.metres / 1000, 1);
  return {
    rule: 'EVIDENCE_FAR_FROM_PLOT',
    severity: 'warning',
    subject: subjectOf(a),
    message: `captured ${km} km from plot ${a.subject.id} (${farthest.source}); the limit is ${limits.maxDistanceMetres / 1000} km`,
    numbers: {
      plotId: a.subject.id,
      source: farthest.source,
      longitude: farthest.point[0],
      latitude: farthest.point[1],
      distanceMetres: Math.round(farthest.metres),
      limitMetres: limits.maxDistanceMetres,
    },
    referenceVersion: table.version,
  };
}

/** The media's own capture clock: EXIF DateTimeOriginal of a photo, the movie header's creation time. */
function mediaTimes(a: AttestationFacts): { source: string; at: string }[] {
  const times: { source: string; at: string }[] = [];
  for (const m of a.media) {
    const at = m.metadata.exifDateTimeOriginal ?? m.metadata.videoCreationTime;
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)))
      times.push({ source: `media:${m.sha256}`, at });
  }
  return times;
}

/** EVIDENCE_TIME_MISMATCH (warning): the media clock farthest from `capturedAt`, beyond the limit. */
export function evidenceTimeMismatch(
  table: ReferenceTable,
  a: AttestationFacts,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
): Finding | undefined {
  const claimed = Date.parse(a.capturedAt);
  let worst: { source: string; at: string; hours: number } | undefined;
  for (const time of mediaTimes(a)) {
    const hours = Math.abs(Date.parse(time.at) - claimed) / 3_600_000;
    if (!worst || hours > worst.hours) worst = { ...time, hours };
  }
  if (!worst || !(worst.hours > limits.maxTimeDifferenceHours)) return undefined;
  return {
    rule: 'EVIDENCE_TIME_MISMATCH',
    severity: 'warning',
    subject: subjectOf(a),
    message: `captured at ${a.capturedAt}, but ${worst.source} says ${worst.at}: ${round(worst.hours, 2)} h apart; the limit is ${limits.maxTimeDifferenceHours} h`,
    numbers: {
      capturedAt: a.capturedAt,
      source: worst.source,
      mediaTime: worst.at,
      differenceHours: round(worst.hours, 2),
      limitHours: limits.maxTimeDifferenceHours,
    },
    referenceVersion: table.version,
  };
}

/** Points of a splat, from its header: SPZ and .splat point counts, a Gaussian-splat PLY's vertices. */
function splatPoints(metadata: Record<string, unknown>): number | undefined {
  const points = number(metadata.pointCount);
  if (points !== undefined) return points;
  return metadata.gaussianSplat === true ? number(metadata.vertexCount) : undefined;
}

/** EVIDENCE_SPARSE_SPLAT (warning): the sparsest splat of the attestation, below the minimum. */
export function evidenceSparseSplat(
  table: ReferenceTable,
  a: AttestationFacts,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
): Finding | undefined {
  let sparsest: { sha256: string; points: number } | undefined;
  for (const m of a.media) {
    if (m.kind !== 'splat') continue;
    const points = splatPoints(m.metadata);
    if (points !== undefined && (!sparsest || points < sparsest.points))
      sparsest = { sha256: m.sha256, points };
  }
  if (!sparsest || sparsest.points >= limits.minSplatPoints) return undefined;
  return {
    rule: 'EVIDENCE_SPARSE_SPLAT',
    severity: 'warning',
    subject: subjectOf(a),
    message: `splat ${sparsest.sha256} has ${sparsest.points} points, fewer than the ${limits.minSplatPoints} that show a site`,
    numbers: { sha256: sparsest.sha256, points: sparsest.points, minimumPoints: limits.minSplatPoints },
    referenceVersion: table.version,
  };
}

/**
 * EVIDENCE_REUSED (warning): an attestation naming media an earlier attestation (by ledger entry)
 * named for a different subject. The earlier one is not flagged: the first use may be genuine, and
 * every later use says which it copied. Given every attestation that shares a digest with those
 * judged, the answer is the same whether all attestations are judged (the recompute) or one.
 */
export function evidenceReused(
  table: ReferenceTable,
  attestations: AttestationFacts[],
): Map<string, Finding> {
  const firstUse = new Map<string, AttestationFacts[]>();
  const ordered = [...attestations].sort((x, y) => x.entryIndex - y.entryIndex);
  const found = new Map<string, Finding>();
  for (const a of ordered) {
    let reused: { sha256: string; first: AttestationFacts } | undefined;
    let count = 0;
    for (const m of a.media) {
      const before = firstUse.get(m.sha256) ?? [];
      const other = before.find((b) => b.subject.kind !== a.subject.kind || b.subject.id !== a.subject.id);
      if (other) {
        count++;
        if (!reused || other.entryIndex < reused.first.entryIndex)
          reused = { sha256: m.sha256, first: other };
      }
    }
    for (const m of a.media) {
      const list = firstUse.get(m.sha256);
      if (!list) firstUse.set(m.sha256, [a]);
      else if (!list.some((b) => b.attestationId === a.attestationId)) list.push(a);
    }
    if (!reused) continue;
    found.set(a.attestationId, {
      rule: 'EVIDENCE_REUSED',
      severity: 'warning',
      subject: subjectOf(a),
      message: `media ${reused.sha256} was attested before for ${reused.first.subject.kind} ${reused.first.subject.id} (attestation ${reused.first.attestationId})`,
      numbers: {
        sha256: reused.sha256,
        firstAttestationId: reused.first.attestationId,
        firstEntryIndex: reused.first.entryIndex,
        firstSubject: `${reused.first.subject.kind}:${reused.first.subject.id}`,
        reusedMedia: count,
      },
      referenceVersion: table.version,
    });
  }
  return found;
}

/**
 * Every evidence rule over the attestations `judged` names (all of them when it is undefined): each
 * attestation with its plot's shape, and `attestations` holding at least every attestation that shares
 * a digest with a judged one.
 */
export function evidenceFindings(
  table: ReferenceTable,
  attestations: AttestationFacts[],
  plotOf: (plotId: string) => PlotShape | undefined,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
  judged?: Set<string>,
): Finding[] {
  const reused = evidenceReused(table, attestations);
  const findings: Finding[] = [];
  for (const a of attestations) {
    if (judged && !judged.has(a.attestationId)) continue;
    const far = evidenceFarFromPlot(
      table,
      a,
      a.subject.kind === 'plot' ? plotOf(a.subject.id) : undefined,
      limits,
    );
    for (const f of [far, evidenceTimeMismatch(table, a, limits), reused.get(a.attestationId)])
      if (f) findings.push(f);
    const sparse = evidenceSparseSplat(table, a, limits);
    if (sparse) findings.push(sparse);
  }
  return findings;
}

/** The evidence rules' codes, for the checks that supersede their findings. */
export const EVIDENCE_RULES = [
  'EVIDENCE_FAR_FROM_PLOT',
  'EVIDENCE_TIME_MISMATCH',
  'EVIDENCE_REUSED',
  'EVIDENCE_SPARSE_SPLAT',
] as const;
