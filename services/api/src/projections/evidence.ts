// Projectors of evidence (schemas/src/entries/evidence.ts): organisations' signing keys, the signed
// attestations made with them, auditors' statements about those, and withdrawals. The manifest of an
// attestation and the words of a statement are not body fields of their own: they are the payload of
// the logged JWS, read here with the wire schema the service accepted them by, so the columns hold
// exactly what was signed (trimmed as that schema trims it).
import type { Transaction } from '@groundtruth/db';
import { AttestationManifest, AuditorStatement } from '@groundtruth/schemas';
import { jwsPayloadJson, parseCompactJws } from '@groundtruth/verify';
import { AppError } from '../errors.ts';
import { idOf, indexText, type ProjectedEntry, type Projectors, projectingRuns } from './projector.ts';

/** The JSON a compact JWS signs, decoded as the service decoded it when it accepted the entry. */
export const signedPayload = (jws: string): unknown => jwsPayloadJson(parseCompactJws(jws));

/** `plot:<uuid>` or `batch:<uuid>`: what an attestation is about, as its entry's subject names it. */
function attestedSubject(subject: string): { kind: 'plot' | 'batch'; id: string } {
  const kind = subject.slice(0, subject.indexOf(':'));
  if (kind !== 'plot' && kind !== 'batch')
    throw new Error(`an attestation is about a plot or batch, not ${subject}`);
  return { kind, id: idOf(subject) };
}

/**
 * Attestations arrive a thousand at a time (the batch endpoint, and single ones grouped by the
 * service), all of one append: a run of them is written with one statement per table, the rows as
 * unnested arrays, where one insert per entry would cost two thousand statements in the writer's
 * transaction. A single entry (a replay) takes the same path as a run of one.
 */
async function projectAttestations(tx: Transaction, entries: ProjectedEntry<'attestation.recorded'>[]) {
  const rows = entries.map(({ index, at, subject, body }) => ({
    id: idOf(body.attestation),
    index,
    at,
    organisationId: idOf(body.organisation),
    kid: body.kid,
    subject: attestedSubject(subject),
    manifest: AttestationManifest.parse(signedPayload(body.jws)),
    jws: body.jws,
  }));
  await tx.query(
    `INSERT INTO attestations
       (id, entry_index, organisation_id, kid, subject_kind, subject_id, captured_at, manifest, jws, recorded_at)
     SELECT id::uuid, entry_index::bigint, organisation_id::uuid, kid, subject_kind, subject_id::uuid,
            captured_at::timestamptz, manifest::jsonb, jws, recorded_at::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[])
         AS t(id, entry_index, organisation_id, kid, subject_kind, subject_id, captured_at, manifest, jws, recorded_at)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => indexText(r.index)),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.kid),
      rows.map((r) => r.subject.kind),
      rows.map((r) => r.subject.id),
      rows.map((r) => r.manifest.capturedAt),
      rows.map((r) => JSON.stringify(r.manifest)),
      rows.map((r) => r.jws),
      rows.map((r) => r.at),
    ],
  );
  // A manifest may name the same bytes twice (two views of one file); the link is kept once, with the
  // attestation's log position and subject (what EVIDENCE_REUSED looks up by medium, migration 0050).
  const media = rows.flatMap((r) =>
    [...new Set(r.manifest.media.map((m) => m.sha256))].map((sha256) => ({ r, sha256 })),
  );
  await tx.query(
    `INSERT INTO attestation_media (attestation_id, sha256, entry_index, subject_kind, subject_id)
     SELECT a::uuid, d, i::bigint, k, s::uuid FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS t(a, d, i, k, s)`,
    [
      media.map((m) => m.r.id),
      media.map((m) => m.sha256),
      media.map((m) => indexText(m.r.index)),
      media.map((m) => m.r.subject.kind),
      media.map((m) => m.r.subject.id),
    ],
  );
}

export const evidenceProjectors = {
  'key.registered': async (tx, { index, subject, body }) => {
    await tx.query(
      'INSERT INTO organisation_keys (kid, organisation_id, alg, jwk, entry_index) VALUES ($1, $2, $3, $4::jsonb, $5)',
      [body.kid, idOf(subject), body.alg, JSON.stringify(body.jwk), indexText(index)],
    );
  },

  'key.revoked': async (tx, { index, at, subject, body }) => {
    // Under the writer's lock: of two racing revocations, the second finds the key revoked.
    const revoked = await tx.query(
      `UPDATE organisation_keys SET revoked_entry = $3, revoked_at = $4
        WHERE kid = $1 AND organisation_id = $2 AND revoked_at IS NULL RETURNING kid`,
      [body.kid, idOf(subject), indexText(index), at],
    );
    if (revoked.length === 0) throw new AppError('conflict', 'this key is already revoked');
  },

  'attestation.recorded': projectingRuns<'attestation.recorded'>(projectAttestations),

  'attestation.statement': async (tx, { index, at, subject, body }) => {
    const statement = AuditorStatement.parse(signedPayload(body.jws));
    // The statement is about the attestation its subject names, recorded at `attestationEntry`: the
    // row is written only when both name the same attestation.
    const written = await tx.query(
      `INSERT INTO attestation_statements
         (id, attestation_id, entry_index, organisation_id, kid, verdict, statement, jws, recorded_at)
       SELECT $1, a.id, $3, $4, $5, $6, $7::jsonb, $8, $9 FROM attestations a
        WHERE a.id = $2 AND a.entry_index = $10
       RETURNING id`,
      [
        idOf(body.statement),
        idOf(subject),
        indexText(index),
        idOf(body.organisation),
        body.kid,
        statement.verdict,
        JSON.stringify(statement),
        body.jws,
        at,
        indexText(body.attestationEntry),
      ],
    );
    if (written.length === 0)
      throw new Error(`the statement names attestation entry ${body.attestationEntry}, not ${subject}'s`);
  },

  'attestation.withdrawn': async (tx, { index, subject, body }) => {
    // Under the writer's lock: of two racing withdrawals, the second finds the attestation withdrawn.
    const withdrawn = await tx.query(
      `UPDATE attestations SET withdrawn_entry = $2, withdrawn_reason = $3
        WHERE id = $1 AND entry_index = $4 AND organisation_id = $5 AND withdrawn_entry IS NULL
        RETURNING id`,
      [
        idOf(subject),
        indexText(index),
        body.reason,
        indexText(body.attestationEntry),
        idOf(body.organisation),
      ],
    );
    if (withdrawn.length === 0) throw new AppError('conflict', 'this attestation is already withdrawn');
  },
} satisfies Projectors;
