// Evidence packages: each attestation with everything needed to check it without this server (the
// JWS and key, the entry bytes with their disclosures, an inclusion proof to the latest signed
// checkpoint), its auditors' statements and, for callers who may see its organisation, the evidence
// findings about it. The public verification endpoints and the attestation listing both answer with
// them. SQL text: each fact is read for the whole list with one array parameter (decision 0033).
import { type Database, jsonValue } from '@groundtruth/db';
import { toBase64 } from '@groundtruth/ledger';
import type { LedgerReader } from '@groundtruth/ledger-store';
import type { Principal } from '../../../auth.ts';
import { AppError } from '../../../errors.ts';
import { coveringResolution, resolutionScope } from '../../massbalance/mass-balance/resolutions.ts';
import type { AttestationRecord } from '../attestations/store.ts';

export function createEvidencePackages(deps: {
  db: Database;
  reader: LedgerReader;
  /** The log's C2SP verifier key, handed out with evidence so it can be checked offline. */
  logKey: string;
}) {
  const { db, reader } = deps;

  const statementsAbout = (attestationIds: string[]) =>
    db.query<{
      attestation_id: string;
      organisation_id: string;
      kid: string;
      verdict: 'confirmed' | 'disputed' | 'fake';
      statement: unknown;
      jws: string;
      entry_index: string | number;
    }>(
      `SELECT attestation_id, organisation_id, kid, verdict, statement, jws, entry_index
         FROM attestation_statements WHERE attestation_id = ANY($1::uuid[]) ORDER BY entry_index`,
      [attestationIds],
    );

  const findingsAbout = (attestationIds: string[], scope: string | null) =>
    db.query<{
      id: string;
      subject_id: string;
      rule: string;
      severity: string;
      message: string;
      numbers: unknown;
      resolution_entry: string | number | null;
    }>(
      // Resolved as everywhere else: by a resolution that covers this version (decision 0036).
      `SELECT f.id, f.subject_id, f.rule, f.severity, f.message, f.numbers, covering.resolution_entry
         FROM mass_balance_findings f ${coveringResolution('f', '$2::uuid')}
        WHERE f.subject_kind = 'attestation' AND f.subject_id = ANY($1::text[]) AND f.superseded_at IS NULL
        ORDER BY f.rule, f.id`,
      [attestationIds, scope],
    );

  /**
   * Each attestation with its entry bytes, statements and an inclusion proof to the latest checkpoint;
   * with `findingsFor`, also the current evidence findings about it, resolved as that caller's
   * organisation resolved them (for callers who may see its organisation: the public verification
   * endpoints leave them out).
   */
  return async function evidencePackages(attestations: AttestationRecord[], findingsFor?: Principal) {
    const checkpoint = await reader.latestCheckpoint();
    if (!checkpoint) throw new AppError('unavailable', 'the log has no checkpoint yet');
    const ids = attestations.map((a) => a.id);
    const statements = ids.length ? await statementsAbout(ids) : [];
    // Names alongside ids, so a reader sees who attested and who stated, not bare UUIDs.
    const organisationIds = [
      ...new Set([...attestations.map((a) => a.organisationId), ...statements.map((s) => s.organisation_id)]),
    ];
    const names = new Map(
      (organisationIds.length
        ? await db.query<{ id: string; name: string }>(
            'SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])',
            [organisationIds],
          )
        : []
      ).map((o) => [o.id, o.name]),
    );
    // The package already hands out the JWS, so it hands out the disclosure that ties it to the leaf.
    const disclosures = ids.length
      ? await db.query<{ entry_index: string | number; disclosure: string }>(
          'SELECT entry_index, disclosure FROM ledger_disclosures WHERE entry_index = ANY($1::int8[]) ORDER BY entry_index, position',
          [attestations.map((a) => String(a.entryIndex))],
        )
      : [];
    const findings = findingsFor && ids.length ? await findingsAbout(ids, resolutionScope(findingsFor)) : [];
    const packages = [];
    for (const attestation of attestations) {
      const index = BigInt(attestation.entryIndex);
      const [entry] = await reader.entries(index, 1);
      const proof = await reader.inclusionProof(index, checkpoint.size);
      packages.push({
        attestationId: attestation.id,
        subject: attestation.subject,
        organisationId: attestation.organisationId,
        organisationName: names.get(attestation.organisationId) ?? '',
        kid: attestation.kid,
        jwk: attestation.jwk,
        keyRevoked: attestation.keyRevoked,
        jws: attestation.jws,
        manifest: attestation.manifest,
        entry: {
          index: attestation.entryIndex,
          data: toBase64(entry!.data),
          disclosures: disclosures.filter((d) => BigInt(d.entry_index) === index).map((d) => d.disclosure),
        },
        inclusionProof: { treeSize: Number(checkpoint.size), proof: proof.proof.map(toBase64) },
        withdrawn: attestation.withdrawn,
        statements: statements
          .filter((s) => s.attestation_id === attestation.id)
          .map((s) => ({
            organisationId: s.organisation_id,
            organisationName: names.get(s.organisation_id) ?? '',
            kid: s.kid,
            verdict: s.verdict,
            note: jsonValue<{ note: string }>(s.statement).note,
            jws: s.jws,
            entryIndex: Number(s.entry_index),
          })),
        ...(findingsFor
          ? {
              findings: findings
                .filter((f) => f.subject_id === attestation.id)
                .map((f) => ({
                  id: f.id,
                  rule: f.rule,
                  severity: f.severity as 'error' | 'warning' | 'info',
                  message: f.message,
                  numbers: jsonValue<Record<string, unknown>>(f.numbers),
                  resolved: f.resolution_entry !== null,
                })),
            }
          : {}),
      });
    }
    return { logKey: deps.logKey, checkpoint: checkpoint.note, attestations: packages };
  };
}

export type EvidencePackages = ReturnType<typeof createEvidencePackages>;
