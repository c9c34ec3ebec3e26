// What the attestation routes and the verification endpoints read: attestations with their signing
// key, and the facts an attestation is checked against (who owns its subject). SQL text, with the
// shared coercers: the attestation reads join two tables and the owner lookups take whole batches
// as one array parameter (decision 0033).
import { type Database, jsonValue } from '@groundtruth/db';
import type { AttestationManifest } from '@groundtruth/schemas';
import type { z } from 'zod';

/** An attestation as recorded, with its signing key as it stands now. */
export interface AttestationRecord {
  id: string;
  entryIndex: number;
  organisationId: string;
  kid: string;
  subject: { kind: 'plot' | 'batch'; id: string };
  manifest: z.infer<typeof AttestationManifest>;
  jws: string;
  withdrawn: { reason: string; entryIndex: number } | null;
  jwk: Record<string, unknown>;
  keyRevoked: boolean;
}

interface AttestationRow {
  id: string;
  entry_index: string | number;
  organisation_id: string;
  kid: string;
  subject_kind: 'plot' | 'batch';
  subject_id: string;
  manifest: unknown;
  jws: string;
  withdrawn_entry: string | number | null;
  withdrawn_reason: string | null;
  jwk: unknown;
  revoked_entry: string | number | null;
}

const ATTESTATION_SELECT = `SELECT a.id, a.entry_index, a.organisation_id, a.kid, a.subject_kind, a.subject_id,
       a.manifest, a.jws, a.withdrawn_entry, a.withdrawn_reason, k.jwk, k.revoked_entry
  FROM attestations a JOIN organisation_keys k ON k.kid = a.kid`;

const toAttestation = (r: AttestationRow): AttestationRecord => ({
  id: r.id,
  entryIndex: Number(r.entry_index),
  organisationId: r.organisation_id,
  kid: r.kid,
  subject: { kind: r.subject_kind, id: r.subject_id },
  manifest: jsonValue(r.manifest),
  jws: r.jws,
  withdrawn:
    r.withdrawn_entry === null
      ? null
      : { reason: r.withdrawn_reason ?? '', entryIndex: Number(r.withdrawn_entry) },
  jwk: jsonValue(r.jwk),
  keyRevoked: r.revoked_entry !== null,
});

export function createAttestationStore(db: Database) {
  const attestations = async (where: string, parameters: unknown[]) =>
    (await db.query<AttestationRow>(`${ATTESTATION_SELECT} ${where}`, parameters)).map(toAttestation);

  /** The organisation that holds each of these plots and batches, by id. */
  async function subjectOwners(subjects: { plots: readonly string[]; batches: readonly string[] }) {
    const [plots, batches] = await Promise.all([
      db.query<{ id: string; organisation_id: string }>(
        'SELECT id, organisation_id FROM plots WHERE id = ANY($1::uuid[])',
        [subjects.plots],
      ),
      db.query<{ id: string; organisation_id: string }>(
        'SELECT id, organisation_id FROM batches WHERE id = ANY($1::uuid[])',
        [subjects.batches],
      ),
    ]);
    return new Map([...plots, ...batches].map((r) => [r.id, r.organisation_id]));
  }

  return {
    byId: async (id: string): Promise<AttestationRecord | undefined> =>
      (await attestations('WHERE a.id = $1', [id]))[0],

    /** The attestations about a plot or batch, in the order they were recorded. */
    about: (kind: 'plot' | 'batch', id: string) =>
      attestations('WHERE a.subject_kind = $1 AND a.subject_id = $2 ORDER BY a.entry_index', [kind, id]),

    /** The attestations whose manifests name these bytes, in the order they were recorded. */
    covering: (sha256: string) =>
      attestations(
        'WHERE a.id IN (SELECT attestation_id FROM attestation_media WHERE sha256 = $1) ORDER BY a.entry_index',
        [sha256],
      ),

    subjectOwners,

    /** The organisation that holds a plot or batch, if it exists. */
    ownerOf: async (kind: 'plot' | 'batch', id: string): Promise<string | undefined> =>
      (
        await subjectOwners(kind === 'plot' ? { plots: [id], batches: [] } : { plots: [], batches: [id] })
      ).get(id),

    /** What kind of organisation this is (auditors sign statements), if it exists. */
    organisationKind: async (id: string): Promise<string | undefined> =>
      (await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [id]))[0]?.kind,
  };
}

export type AttestationStore = ReturnType<typeof createAttestationStore>;
