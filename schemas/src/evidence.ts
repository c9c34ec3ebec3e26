// Reality-snapshot evidence on the wire: uploaded media, supplier keys, attestation manifests and the
// receipt that lets anyone check an attestation without the server.
import { z } from 'zod';
import { Problem, safeText } from './common.ts';
import { Uuid } from './registry.ts';

export const Sha256Hex = safeText().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 digest');

export const EvidenceBlob = z
  .object({
    sha256: Sha256Hex,
    size: z.number().int(),
    kind: z.enum(['image', 'video', 'splat', 'gltf']),
    mediaType: z.string(),
    format: z.string(),
    metadata: z
      .record(z.string(), z.unknown())
      .describe('EXIF time and GPS of photos; point counts of splats'),
  })
  .meta({ id: 'EvidenceBlob' });

export const PublicJwk = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: safeText().max(20),
    x: safeText().regex(/^[A-Za-z0-9_-]{20,100}$/, 'base64url'),
    y: safeText()
      .regex(/^[A-Za-z0-9_-]{20,100}$/, 'base64url')
      .optional(),
  })
  .loose()
  .describe('An Ed25519 (OKP) or P-256 (EC) public key as a JWK (RFC 7517)');

/** The body of POST /v1/organisations/{id}/keys. */
export const RegisterKeyInput = z
  .object({ jwk: PublicJwk })
  .strict()
  .meta({
    id: 'NewSigningKey',
    examples: [{ jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } }],
  });

export const SigningKey = z
  .object({
    kid: z.string().describe('RFC 7638 JWK thumbprint (SHA-256)'),
    alg: z.enum(['EdDSA', 'ES256']),
    jwk: z.record(z.string(), z.unknown()),
    organisationId: Uuid,
    entryIndex: z.number().int(),
    revoked: z.boolean(),
  })
  .meta({ id: 'SigningKey' });

const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);

/** What a supplier signs: the site or batch, the media by digest, when, where, with what, and its words. */
export const AttestationManifest = z
  .object({
    subject: z.object({ kind: z.enum(['plot', 'batch']), id: Uuid }).strict(),
    media: z
      .array(
        z
          .object({
            sha256: Sha256Hex,
            size: z.number().int().min(0),
            kind: z.enum(['image', 'video', 'splat', 'gltf']),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    capturedAt: z.iso.datetime({ offset: true }),
    location: z.object({ type: z.literal('Point'), coordinates: z.tuple([Longitude, Latitude]) }).strict(),
    device: safeText().trim().min(1).max(200),
    statement: safeText().trim().min(1).max(4000),
  })
  .strict()
  .meta({ id: 'AttestationManifest' });

/** A ledger entry as logged, with the disclosures of its confidential fields the reader may see. */
export const LoggedEntry = z
  .object({
    index: z.number().int(),
    data: z.string().describe('base64 of the exact leaf bytes'),
    disclosures: z
      .array(z.string())
      .describe(
        'SD-JWT disclosures (base64url JSON [salt, name, value]) whose digests are in the entry body',
      ),
  })
  .meta({ id: 'LoggedEntry' });

export const AttestationReceipt = z
  .object({
    attestationId: Uuid,
    entryIndex: z.number().int(),
    leafHash: z.string().describe('base64 RFC 9162 leaf hash of the ledger entry'),
    entry: LoggedEntry,
    checkpoint: z.string().describe('the C2SP signed checkpoint that covers the entry'),
    inclusionProof: z.object({
      index: z.number().int(),
      treeSize: z.number().int(),
      proof: z.array(z.string()),
    }),
    kid: z.string(),
    manifest: AttestationManifest,
    jws: z.string().describe('the compact JWS as submitted'),
    jwk: z
      .record(z.string(), z.unknown())
      .describe('the signing key (public JWK); kid is its RFC 7638 thumbprint'),
    logKey: z.string().describe('C2SP verifier key of the log that signed the checkpoint'),
  })
  .describe(
    'Everything needed to check the attestation offline (`gt verify-receipt`): the JWS and key, the entry ' +
      'bytes with the disclosure of its committed JWS, an inclusion proof and the signed checkpoint it leads to. Pin the log key rather than trust ' +
      'the one carried here.',
  )
  .meta({ id: 'AttestationReceipt' });

/** What an auditor signs about an attestation, with its own registered key. */
export const AuditorStatement = z
  .object({
    attestationId: Uuid,
    verdict: z.enum(['confirmed', 'disputed', 'fake']),
    visitedAt: z.iso.datetime({ offset: true }).optional(),
    note: safeText().trim().min(1).max(4000),
  })
  .strict()
  .meta({ id: 'AuditorStatement' });

/** Everything needed to check one attestation without the server (given the log's public key). */
export const AttestationEvidence = z
  .object({
    attestationId: Uuid,
    subject: z.object({ kind: z.enum(['plot', 'batch']), id: Uuid }),
    organisationId: Uuid,
    organisationName: z.string().describe('the attesting organisation’s registered name'),
    kid: z.string(),
    jwk: z.record(z.string(), z.unknown()),
    keyRevoked: z.boolean(),
    jws: z.string(),
    manifest: AttestationManifest,
    entry: LoggedEntry,
    inclusionProof: z.object({ treeSize: z.number().int(), proof: z.array(z.string()) }),
    withdrawn: z.object({ reason: z.string(), entryIndex: z.number().int() }).nullable(),
    statements: z.array(
      z.object({
        organisationId: Uuid,
        organisationName: z.string().describe('the auditing organisation’s registered name'),
        kid: z.string(),
        verdict: z.enum(['confirmed', 'disputed', 'fake']),
        note: z.string(),
        jws: z.string(),
        entryIndex: z.number().int(),
      }),
    ),
    findings: z
      .array(
        z.object({
          id: Uuid.describe('the finding, at /v1/findings/{id}'),
          rule: z.string(),
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          numbers: z.record(z.string(), z.unknown()),
          resolved: z.boolean(),
        }),
      )
      .optional()
      .describe(
        'evidence plausibility findings (EVIDENCE_FAR_FROM_PLOT, EVIDENCE_TIME_MISMATCH, EVIDENCE_REUSED, ' +
          'EVIDENCE_SPARSE_SPLAT), with their numbers; listed for callers who see the attesting organisation, ' +
          'not on the public verification endpoints. They never block an attestation.',
      ),
  })
  .meta({ id: 'AttestationEvidence' });

export const EvidenceReport = z
  .object({
    logKey: z.string().describe('C2SP verifier key of the log'),
    checkpoint: z.string().describe('the signed checkpoint every inclusion proof here leads to'),
    attestations: z.array(AttestationEvidence),
  })
  .meta({ id: 'EvidenceReport' });

/** `/v1/evidence/{sha256}`: a stored media file, by its digest. */
export const EvidenceParams = z.object({ sha256: Sha256Hex });

/** The query of an upload: `.splat` and `.ksplat` carry no magic number, so the uploader names them. */
export const EvidenceUploadQuery = z.object({ kind: z.enum(['splat', 'ksplat']).optional() }).strict();

/** `/v1/organisations/{id}/keys/{kid}`. */
export const SigningKeyParams = z.object({ id: Uuid, kid: safeText().min(1).max(100) });

/** `?subject=plot:<id>` or `batch:<id>`: what a list of attestations is about. */
export const AttestationListQuery = z
  .object({
    subject: safeText()
      .regex(/^(plot|batch):[0-9a-f-]{36}$/, 'plot:<uuid> or batch:<uuid>')
      .describe('plot:<id> or batch:<id>'),
  })
  .strict();

/** The most attestations one request records; grouped single requests are appended in groups of it too. */
export const MAX_ATTESTATION_BATCH = 1000;

const AttestationJws = safeText().min(10).max(60_000);

/** A supplier's signed AttestationManifest, as a compact JWS. */
export const AttestationInput = z.object({ jws: AttestationJws }).strict().meta({ id: 'SignedAttestation' });

export const AttestationBatchInput = z
  .object({ jws: z.array(AttestationJws).min(1).max(MAX_ATTESTATION_BATCH) })
  .strict()
  .meta({ id: 'SignedAttestations' });

/** Each attestation of a batch, by its position: its receipt, or the problem that refused it. */
export const AttestationBatchResults = z
  .object({
    results: z.array(
      z.union([
        z.object({ index: z.number().int(), status: z.literal(201), receipt: AttestationReceipt }),
        z.object({ index: z.number().int(), status: z.number().int(), problem: Problem }),
      ]),
    ),
  })
  .meta({ id: 'AttestationBatchResults' });

/** An auditor's signed AuditorStatement, as a compact JWS. */
export const AuditorStatementInput = z
  .object({ jws: safeText().min(10).max(20_000) })
  .strict()
  .meta({ id: 'SignedAuditorStatement' });

export const RecordedAuditorStatement = z
  .object({ statementId: Uuid, entryIndex: z.number().int(), verdict: z.string() })
  .meta({ id: 'RecordedAuditorStatement' });

export const AttestationWithdrawalInput = z
  .object({ reason: safeText().trim().min(5).max(2000) })
  .strict()
  .meta({ id: 'NewAttestationWithdrawal' });

export const WithdrawnAttestation = z
  .object({ attestationId: Uuid, entryIndex: z.number().int() })
  .meta({ id: 'WithdrawnAttestation' });

/** The body of POST /v1/verify: a file's digest instead of the file. */
export const EvidenceDigestInput = z.object({ sha256: Sha256Hex }).strict().meta({ id: 'EvidenceDigest' });

/** The public verification of a file: the attestations that cover it, and the digest they were found by. */
export const VerificationReport = EvidenceReport.extend({ sha256: Sha256Hex }).meta({
  id: 'VerificationReport',
});
