// A lot's passport as a W3C Verifiable Credential 2.0 in UN/CEFACT UNTP's Digital Product Passport
// shape (0.6.0), built from the same published claim the passport page shows (docs/decisions/0022).
// Pure: the same claim, product and base URL always give the same credential, so the service can
// check that what an organisation signed is exactly what it drafted.
import type { JsonValue } from '@groundtruth/ledger';
import type { Passport, PassportClaim } from './service.ts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** UNTP DPP 0.6.0, the latest published version (0.6.1 is tagged, the working draft moves). */
export const DPP_CONTEXT = 'https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/';
/** The JOSE header type VC-JOSE-COSE gives a credential secured as a JWS. */
export const VC_JWT_TYPE = 'vc+jwt' as const;

type JsonObject = { [key: string]: JsonValue };

/**
 * The did:web of an organisation on this service: `did:web:<host>:organisations:<id>`, a port
 * percent-encoded as did:web requires. It resolves to `<base>/organisations/<id>/did.json`.
 */
export function organisationDid(base: string, organisationId: string): string {
  const host = new URL(base).host.replace(':', '%3A');
  return `did:web:${host}:organisations:${organisationId}`;
}

/** A DID document listing an organisation's signing keys (the ones registered in the log, not revoked). */
export function didDocument(
  base: string,
  organisationId: string,
  keys: { kid: string; jwk: JsonObject }[],
): JsonObject {
  const did = organisationDid(base, organisationId);
  const methods = keys.map((k) => ({
    id: `${did}#${k.kid}`,
    type: 'JsonWebKey',
    controller: did,
    publicKeyJwk: k.jwk,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** UNTP's conformity topics for what each kind of finding is about. */
const TOPIC_OF_KIND: Record<string, string> = {
  untraced: 'governance.transparency',
  yield: 'governance.transparency',
  deforestation: 'environment.deforestation',
  balance: 'governance.transparency',
  records: 'governance.compliance',
  evidence: 'governance.transparency',
  other: 'governance.compliance',
};
const WORDS_OF_KIND: Record<string, string> = {
  untraced: 'Part of the lot could not be traced to a registered farm.',
  yield: 'Farms in the lot’s chain reported more than their land can grow.',
  deforestation:
    'Farms in the lot’s chain overlap land that was forest at the end of 2020, or could not be checked against the forest map.',
  balance: 'Processing or trading records put out more than came in, or used the same volume twice.',
  records: 'Records have dates, places or confirmations that do not fit.',
  evidence: 'Photos or 3D captures do not match where or when they were said to be taken.',
  other: 'Other checks raised questions.',
};

export interface CredentialInput {
  /** Scheme and host of this service, as links to it are built. */
  base: string;
  passport: Passport & { lot: string; claim: PassportClaim };
  /** The product's organisation: the issuer. */
  issuer: { id: string; name: string };
  /** SHA-256 of the claim entry's leaf bytes, hex: what the credential's link to it pins. */
  claimLeafHashHex: string;
  /** The canonical Digital Link path of the lot (`/01/…/10/…`). */
  canonical: string;
}

/** The unsigned credential: exactly what its issuer signs. */
export function passportCredential(input: CredentialInput): JsonObject {
  const { base, passport, claim, issuerDid } = {
    ...input,
    claim: input.passport.claim,
    issuerDid: organisationDid(input.base, input.issuer.id),
  };
  const link = `${base}${input.canonical}`;
  const proof = `${base}/v1/ledger/entries/${claim.entryIndex}/disclosures`;
  const issuer = { type: ['CredentialIssuer'], id: issuerDid, name: input.issuer.name };
  const subject: JsonObject = {
    type: ['ProductPassport'],
    id: link,
    product: {
      type: ['Product'],
      id: `${base}/01/${passport.product.gtin}`,
      name: passport.product.name,
      registeredId: passport.product.gtin,
      idScheme: {
        type: ['IdentifierScheme'],
        id: 'https://id.gs1.org/01/',
        name: 'Global Trade Item Number (GTIN)',
      },
      batchNumber: passport.lot,
      producedByParty: { id: issuerDid, name: input.issuer.name },
      furtherInformation: [
        { type: ['Link'], linkURL: `${base}/passport${input.canonical}`, linkName: 'Product passport' },
      ],
    },
    granularityLevel: 'batch',
  };
  if (claim.originCountry)
    // Countries only: the claim says where the traced part came from, not in what shares.
    subject.materialsProvenance = claim.originCountry.map((country) => ({
      type: ['Material'],
      name: 'Cocoa',
      originCountry: country,
    }));
  if (claim.tracedShare !== undefined)
    subject.traceabilityInformation = [
      {
        type: ['TraceabilityPerformance'],
        valueChainProcess: 'Farm to lot',
        verifiedRatio: claim.tracedShare,
        traceabilityEvent: [
          {
            type: ['SecureLink', 'Link'],
            linkURL: proof,
            linkName: 'The published claim in the public log, with its disclosures and inclusion proof',
            linkType: 'https://groundtruth.example/voc/claimProof',
            hashDigest: input.claimLeafHashHex,
            hashMethod: 'SHA-256',
          },
        ],
      },
    ];
  if (claim.findings)
    subject.conformityClaim =
      claim.findings.length === 0
        ? [
            {
              type: ['Claim', 'Declaration'],
              id: `${proof}#findings`,
              description: 'No open finding on this lot when the claim was published.',
              conformance: true,
              conformityTopic: 'governance.transparency',
            },
          ]
        : claim.findings.map((f) => ({
            type: ['Claim', 'Declaration'],
            id: `${proof}#findings-${f.kind}`,
            description: WORDS_OF_KIND[f.kind] ?? WORDS_OF_KIND.other!,
            conformance: false,
            conformityTopic: TOPIC_OF_KIND[f.kind] ?? TOPIC_OF_KIND.other!,
            ...(f.count !== undefined
              ? {
                  declaredValue: [
                    {
                      type: ['Metric'],
                      metricName: 'subjects found',
                      metricValue: { value: f.count, unit: 'C62' },
                    },
                  ],
                }
              : {}),
          }));
  return {
    '@context': [VC_CONTEXT, DPP_CONTEXT],
    type: ['DigitalProductPassport', 'VerifiableCredential'],
    id: `${proof}#credential`,
    issuer,
    validFrom: claim.recordedAt,
    credentialSubject: subject,
  };
}
