// Tests written from the mutation run of 4 December 2026 over evidence.ts (`pnpm mutate massbalance
// --files evidence.ts,graph.ts,origin.ts`): each pins what a surviving mutant changed unnoticed.
// Expected numbers come from the inputs: 0.1° of latitude is 11.1 km (within 1 %), hours from the
// calendar.
import { describe, expect, it } from 'vitest';
import {
  type AttestationFacts,
  captureLocations,
  DEFAULT_EVIDENCE_LIMITS,
  DEFAULT_REFERENCE,
  evidenceFarFromPlot,
  evidenceFindings,
  evidenceReused,
  evidenceSparseSplat,
  evidenceTimeMismatch,
} from '../src/index.ts';

const table = DEFAULT_REFERENCE;
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
const media = (sha256: string, kind: string, metadata: Record<string, unknown> = {}) => ({
  sha256,
  kind,
  metadata,
});

describe('captureLocations', () => {
  it('takes the manifest location and each medium with both GPS coordinates as finite numbers', () => {
    const a = facts({
      media: [
        media('m1', 'image', { gpsLatitude: 6.6, gpsLongitude: -1.9 }),
        media('m2', 'image', { gpsLatitude: 6.6 }), // no longitude
        media('m3', 'image', { gpsLongitude: -1.9 }), // no latitude
        media('m4', 'image', { gpsLatitude: '6.6', gpsLongitude: -1.9 }), // not a number
        media('m5', 'image', { gpsLatitude: Number.NaN, gpsLongitude: -1.9 }),
        media('m6', 'image', { gpsLatitude: 6.7, gpsLongitude: Number.POSITIVE_INFINITY }),
      ],
    });
    expect(captureLocations(a)).toEqual([
      { source: 'manifest', point: [-1.905, 6.505] },
      { source: 'media:m1', point: [-1.9, 6.6] },
    ]);
    expect(captureLocations(facts({ location: undefined }))).toEqual([]);
  });
});

describe('evidenceFarFromPlot', () => {
  it('judges only plot attestations with a shape, and names the farthest location', () => {
    const far = facts({
      location: [-1.905, 6.61], // 0.1° north of the plot's northern edge: ~11.1 km
      media: [media('m1', 'image', { gpsLatitude: 6.71, gpsLongitude: -1.905 })], // ~22.2 km
    });
    expect(evidenceFarFromPlot(table, far, undefined)).toBeUndefined();
    expect(
      evidenceFarFromPlot(table, { ...far, subject: { kind: 'batch', id: 'p1' } }, plot),
    ).toBeUndefined();
    const finding = evidenceFarFromPlot(table, far, plot)!;
    expect(finding.rule).toBe('EVIDENCE_FAR_FROM_PLOT');
    expect(finding.severity).toBe('warning');
    expect(finding.subject).toEqual({ kind: 'attestation', id: 'a1' });
    expect(finding.numbers.source).toBe('media:m1');
    expect(finding.numbers.distanceMetres as number).toBeGreaterThan(22_000);
    expect(finding.numbers.distanceMetres as number).toBeLessThan(22_400);
    const km = Math.round((finding.numbers.distanceMetres as number) / 100) / 10;
    expect(finding.message).toBe(`captured ${km} km from plot p1 (media:m1); the limit is 5 km`);
    // The farthest wins whatever the order.
    const reversed = facts({
      location: [-1.905, 6.71],
      media: [media('m1', 'image', { gpsLatitude: 6.61, gpsLongitude: -1.905 })],
    });
    expect(evidenceFarFromPlot(table, reversed, plot)!.numbers.source).toBe('manifest');
  });

  it('flags only beyond the limit, not at it', () => {
    const a = facts({ location: [-1.905, 6.61] });
    const metres = evidenceFarFromPlot(table, a, plot, { ...DEFAULT_EVIDENCE_LIMITS, maxDistanceMetres: 1 })!
      .numbers.distanceMetres as number;
    // At a limit just above the distance: nothing; just below: a finding.
    expect(
      evidenceFarFromPlot(table, a, plot, { ...DEFAULT_EVIDENCE_LIMITS, maxDistanceMetres: metres + 1 }),
    ).toBe(undefined);
    expect(
      evidenceFarFromPlot(table, a, plot, { ...DEFAULT_EVIDENCE_LIMITS, maxDistanceMetres: metres - 1 }),
    ).toBeDefined();
  });
});

describe('evidenceTimeMismatch', () => {
  it('reads EXIF and video clocks, skips unreadable ones, and names the farthest', () => {
    const a = facts({
      capturedAt: '2026-06-01T10:00:00Z',
      media: [
        media('p1', 'image', { exifDateTimeOriginal: '2026-06-04T10:00:00Z' }), // 72 h
        media('v1', 'video', { videoCreationTime: '2026-05-27T10:00:00Z' }), // 120 h
        media('x1', 'image', { exifDateTimeOriginal: 'not a date' }),
        media('x2', 'image', { exifDateTimeOriginal: 1_780_000_000 }),
      ],
    });
    const finding = evidenceTimeMismatch(table, a)!;
    expect(finding.rule).toBe('EVIDENCE_TIME_MISMATCH');
    expect(finding.severity).toBe('warning');
    expect(finding.numbers).toMatchObject({ source: 'media:v1', differenceHours: 120, limitHours: 48 });
    expect(finding.message).toBe(
      'captured at 2026-06-01T10:00:00Z, but media:v1 says 2026-05-27T10:00:00Z: 120 h apart; the limit is 48 h',
    );
    // Exactly at the limit is not a finding.
    const at = facts({ media: [media('p', 'image', { exifDateTimeOriginal: '2026-06-03T10:00:00Z' })] });
    expect(evidenceTimeMismatch(table, at)).toBeUndefined();
    expect(
      evidenceTimeMismatch(table, facts({ media: [media('x', 'image', { exifDateTimeOriginal: 'never' })] })),
    ).toBe(undefined);
  });
});

describe('evidenceSparseSplat', () => {
  it('judges splats only, by their point count or a splat PLY’s vertices, and names the sparsest', () => {
    const a = facts({
      media: [
        media('big', 'splat', { pointCount: 50_000 }),
        media('small', 'splat', { pointCount: 2_000 }),
        media('smaller-but-photo', 'image', { pointCount: 10 }),
        media('ply', 'splat', { gaussianSplat: true, vertexCount: 3_000 }),
        media('mesh', 'splat', { gaussianSplat: false, vertexCount: 5 }),
      ],
    });
    const finding = evidenceSparseSplat(table, a)!;
    expect(finding.rule).toBe('EVIDENCE_SPARSE_SPLAT');
    expect(finding.severity).toBe('warning');
    expect(finding.numbers).toEqual({ sha256: 'small', points: 2_000, minimumPoints: 10_000 });
    expect(finding.message).toBe('splat small has 2000 points, fewer than the 10000 that show a site');
    // The order of the media does not matter.
    expect(evidenceSparseSplat(table, { ...a, media: [...a.media].reverse() })!.numbers.sha256).toBe('small');
    expect(evidenceSparseSplat(table, facts({ media: [media('ok', 'splat', { pointCount: 10_000 })] }))).toBe(
      undefined,
    );
  });
});

describe('evidenceReused', () => {
  it('flags each later use for another subject once, naming the earliest, and counts the media reused', () => {
    const first = facts({
      attestationId: 'A',
      entryIndex: 1,
      subject: { kind: 'plot', id: 'p1' },
      media: [media('m', 'image'), media('n', 'image')],
    });
    const second = facts({
      attestationId: 'B',
      entryIndex: 2,
      subject: { kind: 'plot', id: 'p2' },
      media: [media('n', 'image')],
    });
    const third = facts({
      attestationId: 'C',
      entryIndex: 3,
      subject: { kind: 'batch', id: 'p1' }, // same id, another kind: another subject
      media: [media('n', 'image'), media('m', 'image')],
    });
    // D uses m again for plot p1: A used it for p1 too, but C used it for another subject before D.
    const d = facts({
      attestationId: 'D',
      entryIndex: 4,
      subject: { kind: 'plot', id: 'p1' },
      media: [media('m', 'image')],
    });
    // The same medium twice for one subject is not reuse.
    const e1 = facts({
      attestationId: 'E1',
      entryIndex: 5,
      subject: { kind: 'plot', id: 'p9' },
      media: [media('z', 'image')],
    });
    const e2 = facts({
      attestationId: 'E2',
      entryIndex: 6,
      subject: { kind: 'plot', id: 'p9' },
      media: [media('z', 'image')],
    });
    const found = evidenceReused(table, [third, e2, d, second, first, e1, first]);
    expect([...found.keys()].sort()).toEqual(['B', 'C', 'D']);
    const c = found.get('C')!;
    expect(c.severity).toBe('warning');
    expect(c.numbers).toMatchObject({
      firstAttestationId: 'A',
      firstEntryIndex: 1,
      firstSubject: 'plot:p1',
      reusedMedia: 2,
    });
    expect(c.message).toBe(`media ${c.numbers.sha256} was attested before for plot p1 (attestation A)`);
    expect(found.get('B')!.numbers).toMatchObject({ sha256: 'n', firstAttestationId: 'A', reusedMedia: 1 });
    expect(found.get('D')!.numbers).toMatchObject({
      sha256: 'm',
      firstAttestationId: 'C',
      firstSubject: 'batch:p1',
    });
  });
});

describe('evidenceFindings', () => {
  it('runs every rule on the attestations judged, and only on those', () => {
    const bad = facts({
      attestationId: 'bad',
      location: [-1.905, 6.71],
      media: [
        media('s', 'splat', { pointCount: 5 }),
        media('p', 'image', { exifDateTimeOriginal: '2026-01-01T00:00:00Z' }),
      ],
    });
    const batch = facts({
      attestationId: 'batch',
      subject: { kind: 'batch', id: 'b1' },
      location: [-1.905, 6.71],
    });
    const plots = (id: string) => (id === 'p1' ? plot : undefined);
    const all = evidenceFindings(table, [bad, batch], plots);
    expect(all.map((f) => `${f.subject.id}:${f.rule}`).sort()).toEqual([
      'bad:EVIDENCE_FAR_FROM_PLOT',
      'bad:EVIDENCE_SPARSE_SPLAT',
      'bad:EVIDENCE_TIME_MISMATCH',
    ]);
    expect(evidenceFindings(table, [bad, batch], plots, DEFAULT_EVIDENCE_LIMITS, new Set(['batch']))).toEqual(
      [],
    );
  });
});
