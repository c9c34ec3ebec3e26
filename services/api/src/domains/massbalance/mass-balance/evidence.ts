// Reads attestations as the evidence rules of @groundtruth/massbalance read them: the manifest's claims,
// each medium's recorded capture metadata, and the attested plot's geometry.
import { type Database, jsonValue } from '@groundtruth/db';
import type { PlotShape } from '@groundtruth/geo';
import type { AttestationFacts } from '@groundtruth/massbalance';

export interface EvidenceData {
  attestations: AttestationFacts[];
  organisationOf: Map<string, string>;
  plotOf: (plotId: string) => PlotShape | undefined;
}

interface Row {
  id: string;
  entry_index: string | number;
  organisation_id: string;
  subject_kind: 'plot' | 'batch';
  subject_id: string;
  captured_at: string;
  location: [number, number] | string | null;
  geometry: PlotShape | string | null;
  media: AttestationFacts['media'] | string;
}

/**
 * Attestations and what the rules need of them. `where` selects them (SQL over `a`, the attestations
 * table, and the parameters given).
 */
export async function loadEvidence(db: Database, where: string, params: unknown[]): Promise<EvidenceData> {
  const rows = await db.query<Row>(
    `SELECT a.id, a.entry_index, a.organisation_id, a.subject_kind, a.subject_id::text AS subject_id,
            a.manifest->>'capturedAt' AS captured_at, a.manifest->'location'->'coordinates' AS location,
            p.geometry,
            (SELECT coalesce(json_agg(json_build_object('sha256', m.sha256, 'kind', b.kind, 'metadata', b.metadata)
                                      ORDER BY m.sha256), '[]'::json)
               FROM attestation_media m JOIN evidence_blobs b ON b.sha256 = m.sha256
              WHERE m.attestation_id = a.id) AS media
       FROM attestations a LEFT JOIN plots p ON a.subject_kind = 'plot' AND p.id = a.subject_id
      WHERE ${where}
      ORDER BY a.entry_index`,
    params,
  );
  const plots = new Map<string, PlotShape>();
  const organisationOf = new Map<string, string>();
  const attestations = rows.map((r): AttestationFacts => {
    if (r.geometry) plots.set(r.subject_id, jsonValue(r.geometry));
    organisationOf.set(r.id, r.organisation_id);
    const location = r.location === null ? undefined : jsonValue(r.location);
    return {
      attestationId: r.id,
      entryIndex: Number(r.entry_index),
      subject: { kind: r.subject_kind, id: r.subject_id },
      capturedAt: r.captured_at,
      location,
      media: jsonValue(r.media),
    };
  });
  return { attestations, organisationOf, plotOf: (id) => plots.get(id) };
}

/**
 * These attestations and, for each medium they name, the two earlier attestations EVIDENCE_REUSED can
 * name: the first that named the medium, and the first that named it for another subject than that
 * one. Whatever the subject of a judged attestation, the earliest attestation of another subject
 * sharing the medium is one of the two (the first, unless it has the same subject; then the second),
 * so the rule's answer is the one it gives over every sharer, in two index scans per medium however
 * often a medium was sent (migration 0050). One IN over a UNION, not `id = ANY(…) OR id IN (…)`: an
 * OR across the two would scan every attestation.
 */
export const SHARING_MEDIA = `a.id IN (
  SELECT unnest($1::uuid[])
  UNION
  SELECT pick.attestation_id
    FROM (SELECT DISTINCT sha256 FROM attestation_media WHERE attestation_id = ANY($1::uuid[])) medium
   CROSS JOIN LATERAL (
     SELECT f.attestation_id, f.subject_kind, f.subject_id FROM attestation_media f
      WHERE f.sha256 = medium.sha256 ORDER BY f.entry_index LIMIT 1) first
   CROSS JOIN LATERAL (
     SELECT first.attestation_id
     UNION ALL
     (SELECT o.attestation_id FROM attestation_media o
       WHERE o.sha256 = medium.sha256
         AND (o.subject_kind <> first.subject_kind OR o.subject_id <> first.subject_id)
       ORDER BY o.entry_index LIMIT 1)) pick)`;
