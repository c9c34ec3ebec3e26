// Entries of evidence: organisations' signing keys and the signed attestations and statements made with
// them (domains/evidence/keys, domains/evidence/attestations). The JWS are logged as sent, so anyone
// can re-verify them offline.
import { z } from 'zod';
import { compactJws, defineEntry, entryIndex, kid, ref } from './define.ts';

export const EVIDENCE_ENTRIES = [
  defineEntry({
    type: 'key.registered',
    version: 1,
    description: 'An organisation’s public signing key (Ed25519 or P-256), named by its thumbprint.',
    body: z
      .object({
        kid,
        alg: z.enum(['EdDSA', 'ES256']),
        jwk: z.union([
          z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }).strict(),
          z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).strict(),
        ]),
      })
      .strict(),
    writtenBy: ['POST /v1/organisations/{id}/keys', 'demo seed'],
  }),
  defineEntry({
    type: 'key.revoked',
    version: 1,
    description: 'A signing key is revoked: nothing signed with it is accepted from now on.',
    body: z.object({ kid }).strict(),
    writtenBy: ['DELETE /v1/organisations/{id}/keys/{kid}'],
  }),
  defineEntry({
    type: 'attestation.recorded',
    version: 1,
    description: 'A supplier’s signed attestation (a manifest of captured media about a plot or batch).',
    body: z
      .object({
        attestation: ref('attestation'),
        organisation: ref('organisation'),
        kid,
        jws: compactJws,
      })
      .strict(),
    writtenBy: ['POST /v1/attestations', 'POST /v1/attestations/batch', 'demo seed'],
  }),
  defineEntry({
    type: 'attestation.statement',
    version: 1,
    description: 'An auditor’s signed statement about an attestation.',
    body: z
      .object({
        statement: ref('statement'),
        organisation: ref('organisation').describe('the auditor'),
        attestationEntry: entryIndex,
        kid,
        jws: compactJws,
      })
      .strict(),
    writtenBy: ['POST /v1/attestations/{id}/statements', 'demo seed'],
  }),
  defineEntry({
    type: 'attestation.withdrawn',
    version: 1,
    description: 'The attesting supplier withdraws an attestation; it stays, marked.',
    body: z
      .object({ organisation: ref('organisation'), attestationEntry: entryIndex, reason: z.string() })
      .strict(),
    writtenBy: ['POST /v1/attestations/{id}/withdrawal'],
  }),
];
