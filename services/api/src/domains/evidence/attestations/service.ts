// Attestations: a supplier's compact JWS, by a registered key, over a manifest naming stored media
// about one of its plots or batches. An accepted attestation is a ledger entry (projected in
// projections/evidence.ts); its receipt carries everything needed to check it later without this
// server: entry index, leaf hash, signed checkpoint and inclusion proof. Auditors' signed statements
// about attestations and the supplier's withdrawals are entries too.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import { toBase64 } from '@groundtruth/ledger';
import type { LedgerReader, LedgerWriter } from '@groundtruth/ledger-store';
import { AttestationManifest, AuditorStatement, MAX_ATTESTATION_BATCH } from '@groundtruth/schemas';
import type { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, fieldErrors, forbidden, notFound } from '../../../errors.ts';
import { appendRecord, appendRecordsWithReceipt, type RecordSpec } from '../../../record.ts';
import { createBlobCatalogue } from '../blobs/store.ts';
import { createKeyStore, type RegisteredKey } from '../keys/store.ts';
import { KeyRevokedMeanwhile } from '../keys/unrevoked.ts';
import {
  createJwsChecks,
  parseSigned,
  payloadOf,
  refuse,
  type SignedJws,
  usableKey,
} from '../verification/jws.ts';
import type { EvidencePackages } from '../verification/packages.ts';
import { groupedCalls } from './grouping.ts';
import { type AttestationRecord, createAttestationStore } from './store.ts';

type Manifest = z.infer<typeof AttestationManifest>;

export interface AttestationReceipt {
  attestationId: string;
  entryIndex: number;
  leafHash: string;
  entry: { index: number; data: string; disclosures: string[] };
  checkpoint: string;
  inclusionProof: { index: number; treeSize: number; proof: string[] };
  kid: string;
  manifest: Manifest;
  jws: string;
  jwk: Record<string, unknown>;
  logKey: string;
}

export type AttestationOutcome = { ok: true; receipt: AttestationReceipt } | { ok: false; error: AppError };

export function createAttestationService(deps: {
  db: Database;
  writer: LedgerWriter;
  reader: LedgerReader;
  access: Access;
  packages: EvidencePackages;
  /** The log's C2SP verifier key, handed out in receipts so they can be checked offline. */
  logKey: string;
  /**
   * Runs once attestations are recorded (the evidence plausibility rules). It never refuses: its
   * findings are shown with the attestation, and a failure of its own is the caller's to log.
   */
  afterAttested?: (principal: Principal, attestationIds: string[]) => Promise<void>;
}) {
  const { writer, reader, access, packages } = deps;
  const attestations = createAttestationStore(deps.db);
  const keys = createKeyStore(deps.db);
  const blobs = createBlobCatalogue(deps.db);
  const jws = createJwsChecks(keys);

  /**
   * Checks a batch of attestations with set-based queries (keys, subjects and media each in one
   * query, whatever the batch size), appends the good ones together, and reports each one. Refused:
   * an unknown or revoked key, a bad signature, a manifest that does not parse, a subject that is not
   * the key holder's, media never uploaded.
   */
  async function attestMany(
    principal: Principal,
    list: string[],
    retried = false,
  ): Promise<AttestationOutcome[]> {
    const outcomes: (AttestationOutcome | undefined)[] = new Array(list.length);
    const fail = (i: number, error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      outcomes[i] = { ok: false, error };
    };
    const parsed = list.map((text, i) => {
      try {
        return parseSigned(text);
      } catch (error) {
        fail(i, error);
        return undefined;
      }
    });
    const registered = new Map(
      (await keys.byKids([...new Set(parsed.flatMap((p) => (p ? [p.kid] : [])))])).map((k) => [k.kid, k]),
    );
    const authorised = new Map<string, AppError | null>();
    // Keys and authorisation first, one organisation at a time; then every signature at once (on the
    // thread pool), then the manifests.
    const signed: { i: number; jws: SignedJws; key: RegisteredKey }[] = [];
    for (const [i, p] of parsed.entries()) {
      if (!p) continue;
      try {
        const key = usableKey(p, registered.get(p.kid));
        // Authorisation before the signature: a caller without the right learns nothing about it.
        if (!authorised.has(key.organisationId)) {
          authorised.set(
            key.organisationId,
            await access.requireWritable(principal, key.organisationId).then(
              () => null,
              (error: unknown) => {
                if (error instanceof AppError) return error;
                throw error;
              },
            ),
          );
        }
        const denied = authorised.get(key.organisationId);
        if (denied) throw denied;
        signed.push({ i, jws: p, key });
      } catch (error) {
        fail(i, error);
      }
    }
    // The manifests as claimed (the signed bytes, not yet verified): their subjects and media are
    // looked up while the signatures are checked, and used only for the ones that verify.
    const claimed = signed.map((s) => {
      try {
        return AttestationManifest.safeParse(payloadOf(s.jws));
      } catch (error) {
        return error as AppError; // reported once the signature is known to hold
      }
    });
    const claimedManifests = claimed.flatMap((c) => (!(c instanceof AppError) && c.success ? [c.data] : []));
    const ofKind = (kind: 'plot' | 'batch') => [
      ...new Set(claimedManifests.flatMap((m) => (m.subject.kind === kind ? [m.subject.id] : []))),
    ];
    const [verified, owners, stored] = await Promise.all([
      Promise.all(
        signed.map((s) =>
          jws.requireSignature(s.jws, s.key).then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        ),
      ),
      attestations.subjectOwners({ plots: ofKind('plot'), batches: ofKind('batch') }),
      blobs.sizesAndKinds([...new Set(claimedManifests.flatMap((m) => m.media.map((x) => x.sha256)))]),
    ]);
    const manifests: (Manifest | undefined)[] = [];
    for (const [n, { i }] of signed.entries()) {
      try {
        const signature = verified[n]!;
        if (!signature.ok) throw signature.error;
        const result = claimed[n]!; // the signature holds, so this is what was signed
        if (result instanceof AppError) throw result;
        if (!result.success)
          throw badRequest('refused: the manifest is invalid', fieldErrors(result.error, '/manifest'));
        if (Date.parse(result.data.capturedAt) > Date.now() + 5 * 60_000)
          throw refuse('/manifest/capturedAt', 'a capture cannot be in the future');
        manifests[i] = result.data;
      } catch (error) {
        fail(i, error);
      }
    }

    const known = new Map(stored.map((b) => [b.sha256, b]));
    const records: { i: number; id: string; key: RegisteredKey; manifest: Manifest; spec: RecordSpec }[] = [];
    for (const [i, manifest] of manifests.entries()) {
      if (!manifest) continue;
      try {
        const key = registered.get(parsed[i]!.kid)!;
        const owner = owners.get(manifest.subject.id);
        if (!owner) throw notFound(`${manifest.subject.kind} ${manifest.subject.id} not found`);
        if (owner !== key.organisationId)
          throw forbidden(
            `key ${key.kid} belongs to another organisation than the ${manifest.subject.kind} it attests`,
          );
        for (const [n, m] of manifest.media.entries()) {
          const blob = known.get(m.sha256);
          if (!blob)
            throw refuse(`/manifest/media/${n}/sha256`, `no media with digest ${m.sha256} was uploaded`);
          if (blob.size !== m.size)
            throw refuse(`/manifest/media/${n}/size`, `the stored media is ${blob.size} bytes`);
          if (blob.kind !== m.kind)
            throw refuse(`/manifest/media/${n}/kind`, `the stored media is ${blob.kind}`);
        }
        const id = randomUUID();
        records.push({
          i,
          id,
          key,
          manifest,
          spec: {
            type: 'attestation.recorded',
            subject: `${manifest.subject.kind}:${manifest.subject.id}`,
            // The JWS (location, statement) is confidential; `organisation` names the owner (ENTRY_POLICIES).
            // Its projector writes the whole group's rows with one statement per table (a run).
            body: {
              attestation: `attestation:${id}`,
              organisation: `organisation:${key.organisationId}`,
              kid: key.kid,
              jws: list[i]!,
            },
            conflict: 'this attestation is already recorded',
            // A key revoked while these were checked refuses the append (decision 0005, amended stop 26).
            signedBy: { organisationId: key.organisationId, kid: key.kid },
          },
        });
      } catch (error) {
        fail(i, error);
      }
    }

    if (records.length > 0) {
      let receipt: Awaited<ReturnType<typeof appendRecordsWithReceipt>>;
      try {
        receipt = await appendRecordsWithReceipt(
          writer,
          principal,
          records.map((r) => r.spec),
        );
      } catch (error) {
        // Checked once more from the start, the items signed with that key are refused one by one
        // and the others (a batch's, or other requests grouped with them) are recorded.
        if (error instanceof KeyRevokedMeanwhile && !retried) return attestMany(principal, list, true);
        throw error;
      }
      await deps.afterAttested?.(
        principal,
        records.map((r) => r.id),
      );
      const proofs = await reader.inclusionProofs(
        receipt.entries.map((e) => e.index),
        receipt.checkpoint.size,
      );
      for (const [n, record] of records.entries()) {
        const entry = receipt.entries[n]!;
        outcomes[record.i] = {
          ok: true,
          receipt: {
            attestationId: record.id,
            entryIndex: Number(entry.index),
            leafHash: toBase64(entry.leafHash),
            // The exact leaf bytes and this entry's disclosures: the receipt alone ties the leaf hash
            // to the supplier's own JWS (docs/decisions/0011-selective-disclosure.md).
            entry: {
              index: Number(entry.index),
              data: toBase64(entry.data),
              disclosures: entry.disclosures.map((d) => d.disclosure),
            },
            checkpoint: receipt.checkpoint.note,
            inclusionProof: {
              index: Number(entry.index),
              treeSize: Number(receipt.checkpoint.size),
              proof: proofs[n]!.proof.map(toBase64),
            },
            kid: record.key.kid,
            manifest: record.manifest,
            jws: list[record.i]!,
            jwk: record.key.jwk,
            logKey: deps.logKey,
          },
        };
      }
    }
    return outcomes as AttestationOutcome[];
  }

  const attestGrouped = groupedCalls(attestMany, { groupSize: MAX_ATTESTATION_BATCH, inFlight: 2 });

  /** One attestation, checked and appended with whichever others arrive at the same time. */
  async function attest(principal: Principal, signedManifest: string): Promise<AttestationReceipt> {
    const outcome = await attestGrouped(principal, signedManifest);
    if (!outcome.ok) throw outcome.error;
    return outcome.receipt;
  }

  /** The attestations about a plot or batch the caller can see. */
  async function attestationsFor(principal: Principal, kind: 'plot' | 'batch', id: string) {
    const owner = await attestations.ownerOf(kind, id);
    if (!owner) throw notFound(`${kind} ${id} not found`);
    await access.requireVisible(principal, owner).catch(() => {
      throw notFound(`${kind} ${id} not found`);
    });
    return packages(await attestations.about(kind, id), principal);
  }

  async function visibleAttestation(principal: Principal, attestationId: string): Promise<AttestationRecord> {
    const attestation = await attestations.byId(attestationId);
    if (!attestation) throw notFound(`attestation ${attestationId} not found`);
    await access.requireVisible(principal, attestation.organisationId).catch(() => {
      throw notFound(`attestation ${attestationId} not found`);
    });
    return attestation;
  }

  /** An auditor's signed statement about an attestation: confirmed on site, disputed, or fake. */
  async function state(principal: Principal, attestationId: string, signedStatement: string) {
    if (principal.role !== 'auditor' && principal.role !== 'admin')
      throw forbidden('only auditors make statements');
    const attestation = await visibleAttestation(principal, attestationId);
    const { key, kid, payload } = await jws.verifySigned(signedStatement);
    if (principal.role !== 'admin' && key.organisationId !== principal.organisationId)
      throw forbidden('sign statements with your own organisation’s key');
    if ((await attestations.organisationKind(key.organisationId)) !== 'auditor')
      throw forbidden('statements are signed with an auditing organisation’s key');
    const parsed = AuditorStatement.safeParse(payload);
    if (!parsed.success)
      throw badRequest('statement refused: invalid', fieldErrors(parsed.error, '/statement'));
    if (parsed.data.attestationId !== attestationId)
      throw badRequest('statement refused: it is about another attestation', [
        { in: 'body', pointer: '/statement/attestationId', detail: `must be ${attestationId}` },
      ]);
    const id = randomUUID();
    const entryIndex = await appendRecord(writer, principal, {
      type: 'attestation.statement',
      subject: `attestation:${attestationId}`,
      body: {
        statement: `statement:${id}`,
        organisation: `organisation:${key.organisationId}`,
        attestationEntry: attestation.entryIndex,
        kid,
        jws: signedStatement,
      },
      conflict: 'this statement is already recorded',
      signedBy: { organisationId: key.organisationId, kid },
    });
    return { statementId: id, entryIndex, verdict: parsed.data.verdict };
  }

  /** The attesting supplier withdraws an attestation: a new entry; the attestation stays, marked. */
  async function withdraw(principal: Principal, attestationId: string, reason: string) {
    const attestation = await visibleAttestation(principal, attestationId);
    await access.requireWritable(principal, attestation.organisationId);
    if (attestation.withdrawn !== null)
      throw new AppError('conflict', 'this attestation is already withdrawn');
    const entryIndex = await appendRecord(writer, principal, {
      type: 'attestation.withdrawn',
      subject: `attestation:${attestationId}`,
      body: {
        organisation: `organisation:${attestation.organisationId}`,
        attestationEntry: attestation.entryIndex,
        reason,
      },
      conflict: 'this attestation is already withdrawn',
    });
    return { attestationId, entryIndex };
  }

  return { attest, attestMany, attestationsFor, state, withdraw };
}

export type AttestationService = ReturnType<typeof createAttestationService>;
