// The evidence plausibility rules on their own, without a database: every expected number is worked
// out here from the inputs. Distances by the haversine formula (Sinnott, Sky and Telescope 68(2):159,
// 1984) on the IUGG mean sphere; the rules measure on the WGS84 ellipsoid, which differs by up to
// about 0.7 % near the equator, the tolerance used.
import { describe, expect, it } from 'vitest';
import {
  type AttestationFacts,
  DEFAULT_EVIDENCE_LIMITS,
  DEFAULT_REFERENCE,
  evidenceFarFromPlot,
  evidenceFindings,
  evidenceReused,
  evidenceSparseSplat,
  evidenceTimeMismatch,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
function haversineMetres([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const a =
    Math.sin(rad(lat2! - lat1!) / 2) ** 2 +
    Math.cos(rad(lat1!)) * Math.cos(rad(lat2!)) * Math.sin(rad(lon2! - lon1!) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

// A plot of 0.01° × 0.01° near Kumasi.
const plot = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [-1.91, 6.5],
      [-1.9, 6.5],
      [-1.9, 6.51],
      [-1.91, 6.51],
      [-1.91, 6.5],
    ],
  ],
};
const facts = (overrides: Partial<AttestationFacts> = {}): AttestationFacts => ({
  attestationId: 'a1',
  entryIndex: 10,
  subject: { kind: 'plot', id: 'p1' },
  capturedAt: '2026-06-01T10:00:00Z',
  location: [-1.905, 6.505],
  media: [],
  ...overrides,
});
const photo = (sha256: string, metadata: Record<string, unknown>) => ({ sha256, kind: 'image', metadata });

describe('evidenceFarFromPlot', () => {
  it('passes a capture inside the plot and one 4 km off', () => {
    expect(evidenceFarFromPlot(table, facts(), plot)).toBeUndefined();
    // 0.036° of latitude north of the northern edge: about 4 km.
    const near = facts({ location: [-1.905, 6.546] });
    expect(haversineMetres([-1.905, 6.546], [-1.905, 6.51])).toBeLessThan(4100);
    expect(evidenceFarFromPlot(table, near, plot)).toBeUndefined();
  });

  it('flags the farthest location (a photo’s GPS 590 km east) with its distance', () => {
    // The manifest says the plot; the photo's own GPS says 5.3° further east on the same parallel.
    const gps = [-1.9 + 5.3, 6.505];
    const a = facts({ media: [photo('d1', { gpsLatitude: gps[1], gpsLongitude: gps[0] })] });
    const finding = evidenceFarFromPlot(table, a, plot)!;
    expect(finding).toMatchObject({
      rule: 'EVIDENCE_FAR_FROM_PLOT',
      subject: { kind: 'attestation', id: 'a1' },
      numbers: { plotId: 'p1', source: 'media:d1', longitude: gps[0], latitude: gps[1], limitMetres: 5000 },
    });
    // To the nearest point of the plot: its eastern edge, on the same parallel.
    const expected = haversineMetres(gps, [-1.9, 6.505]);
    expect(expected).toBeGreaterThan(585_000);
    const got = finding.numbers.distanceMetres as number;
    expect(Math.abs(got - expected) / expected).toBeLessThan(0.007);
  });

  it('keeps to a configured limit, and does not judge attestations about a batch', () => {
    const a = facts({ location: [-1.905, 6.546] }); // about 4 km north
    expect(
      evidenceFarFromPlot(table, a, plot, { ...DEFAULT_EVIDENCE_LIMITS, maxDistanceMetres: 3000 }),
    ).toMatchObject({
      numbers: { limitMetres: 3000 },
    });
    expect(
      evidenceFarFromPlot(
        table,
        facts({ subject: { kind: 'batch', id: 'b1' }, location: [10, 10] }),
        undefined,
      ),
    ).toBeUndefined();
  });
});

describe('evidenceTimeMismatch', () => {
  it('flags an EXIF date six months off capturedAt, in hours worked out from the two dates', () => {
    const a = facts({ media: [photo('d1', { exifDateTimeOriginal: '2025-12-01T09:00:00.000Z' })] });
    const finding = evidenceTimeMismatch(table, a)!;
    // 1 December 2025 09:00 to 1 June 2026 10:00: 182 days (31+31+28+31+30+31) and one hour.
    expect(31 + 31 + 28 + 31 + 30 + 31).toBe(182);
    expect(finding.numbers).toEqual({
      capturedAt: '2026-06-01T10:00:00Z',
      source: 'media:d1',
      mediaTime: '2025-12-01T09:00:00.000Z',
      differenceHours: 182 * 24 + 1,
      limitHours: 48,
    });
  });

  it('passes 47 hours and flags 49, from a video’s creation time', () => {
    const video = (at: string) => ({ sha256: 'v1', kind: 'video', metadata: { videoCreationTime: at } });
    expect(
      evidenceTimeMismatch(table, facts({ media: [video('2026-05-30T11:00:00.000Z')] })),
    ).toBeUndefined();
    expect(
      evidenceTimeMismatch(table, facts({ media: [video('2026-06-03T11:00:00.000Z')] }))?.numbers,
    ).toMatchObject({
      differenceHours: 49,
    });
  });
});

describe('evidenceReused', () => {
  const d = (id: string, entryIndex: number, plotId: string, digests: string[]) =>
    facts({
      attestationId: id,
      entryIndex,
      subject: { kind: 'plot', id: plotId },
      media: digests.map((x) => photo(x, {})),
    });

  it('flags a later attestation of the same media for another subject, naming the first', () => {
    const all = [d('a3', 30, 'p2', ['x', 'y']), d('a1', 10, 'p1', ['x']), d('a2', 20, 'p1', ['x'])];
    const found = evidenceReused(table, all);
    expect([...found.keys()]).toEqual(['a3']);
    expect(found.get('a3')!.numbers).toEqual({
      sha256: 'x',
      firstAttestationId: 'a1',
      firstEntryIndex: 10,
      firstSubject: 'plot:p1',
      reusedMedia: 1,
    });
  });

  it('answers the same for one attestation judged with those sharing its media (the incremental check)', () => {
    const all = [d('a1', 10, 'p1', ['x']), d('a2', 20, 'p2', ['x']), d('a9', 90, 'p9', ['z'])];
    const whole = evidenceFindings(table, all, () => plot).filter((f) => f.subject.id === 'a2');
    const one = evidenceFindings(
      table,
      all.slice(0, 2),
      () => plot,
      DEFAULT_EVIDENCE_LIMITS,
      new Set(['a2']),
    );
    expect(one).toEqual(whole);
    expect(one.map((f) => f.rule)).toEqual(['EVIDENCE_REUSED']);
  });
});

describe('evidenceSparseSplat', () => {
  const splat = (sha256: string, metadata: Record<string, unknown>) => ({ sha256, kind: 'splat', metadata });
  it('flags the sparsest splat below 10,000 points; a PLY counts only when it is a Gaussian splat', () => {
    const a = facts({
      media: [
        splat('s1', { pointCount: 9_999 }),
        splat('s2', { vertexCount: 120_000, gaussianSplat: true }),
        splat('s3', { vertexCount: 12, gaussianSplat: false }),
      ],
    });
    expect(evidenceSparseSplat(table, a)!.numbers).toEqual({
      sha256: 's1',
      points: 9_999,
      minimumPoints: 10_000,
    });
    expect(
      evidenceSparseSplat(table, facts({ media: [splat('s1', { pointCount: 10_000 })] })),
    ).toBeUndefined();
    expect(
      evidenceSparseSplat(table, facts({ media: [splat('s2', { vertexCount: 500, gaussianSplat: true })] }))
        ?.numbers,
    ).toMatchObject({ points: 500 });
  });
});
