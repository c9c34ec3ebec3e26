// Which body fields of each entry type are confidential, and whose they are: the single table the
// ledger writer consults for every entry (docs/decisions/0011-selective-disclosure.md). A type that
// is not listed here cannot be logged, so a new type cannot leak by being forgotten; adding one is
// one line. Confidential fields are logged only as salted digests (./disclosure.ts); everything
// else — ids, links between records, types, GTINs, lot codes, commodities — stays in the clear so
// the log can be indexed and witnessed.
import {
  commitFields,
  type Disclosure,
  type DisclosureDigester,
  type FieldPath,
  type RandomBytes,
} from './disclosure.ts';
import type { EntryEnvelope } from './entry.ts';

export interface EntryPolicy {
  /**
   * Where the owning organisation is named, as `organisation:<uuid>`: `subject`, or a top-level
   * body field. The owner (and whoever may see the owner's records) may read the disclosures;
   * null: nobody but an administrator (or a publication).
   */
  owner: 'subject' | string | null;
  /** Body fields logged only as digests: dotted paths, `*` for every element of an array. */
  confidential: readonly FieldPath[];
  /** The entry publishes its own disclosures as it is logged (a claim made to the public). */
  publishedOnEntry?: boolean;
}

export type EntryPolicies = Readonly<Record<string, EntryPolicy>>;

const QUANTITIES = ['inputs.*.quantity', 'outputs.*.quantity'];

export const ENTRY_POLICIES: EntryPolicies = {
  'demo.seeded': { owner: null, confidential: [] },
  // Organisations: who a supplier is and where its site is stay private; kind and role are structure.
  'organisation.registered': {
    owner: 'subject',
    confidential: ['name', 'country', 'identifiers', 'location', 'address'],
  },
  'organisation.custody_model': { owner: 'subject', confidential: ['justification'] },
  'relationship.declared': { owner: 'buyer', confidential: [] },
  // A proposal and its answer link two ids; a reason given for an answer is the parties' business.
  'relationship.proposed': { owner: 'buyer', confidential: [] },
  'relationship.accepted': { owner: 'buyer', confidential: ['reason'] },
  'relationship.rejected': { owner: 'buyer', confidential: ['reason'] },
  'organisation.manager_changed': { owner: 'subject', confidential: [] },
  // A change of name, country, role, identifiers or site: as private as the registration it amends.
  'organisation.updated': { owner: 'subject', confidential: ['from', 'to'] },
  // Invitations carry no personal data (name and e-mail stay in the erasable table) and no secret.
  'invitation.created': { owner: 'organisation', confidential: [] },
  'invitation.redeemed': { owner: 'organisation', confidential: [] },
  'invitation.revoked': { owner: 'organisation', confidential: [] },
  'user.created': { owner: 'organisation', confidential: [] },
  'token.issued': { owner: null, confidential: [] },
  'token.revoked': { owner: null, confidential: [] },
  'auditor.granted': { owner: 'subject', confidential: [] },
  'auditor.revoked': { owner: 'subject', confidential: [] },
  // Contacts are personal data: the whole contact is one disclosure, erased on request.
  'contact.added': { owner: 'organisation', confidential: ['contact'] },
  'contact.erased': { owner: 'organisation', confidential: [] },
  // Farm polygons, their size and where they are: the supplier's, shown to whom it shares them with.
  'plot.mapped': {
    owner: 'organisation',
    confidential: ['name', 'country', 'geometry', 'areaHectares', 'declaredAreaHectares', 'findings'],
  },
  'product.registered': { owner: 'organisation', confidential: [] },
  // Volumes are commercially sensitive; the batches, plots and lots they link stay visible.
  'event.harvest': { owner: 'organisation', confidential: QUANTITIES },
  'event.transformation': { owner: 'organisation', confidential: QUANTITIES },
  'event.transfer': { owner: 'organisation', confidential: QUANTITIES },
  'event.loss': { owner: 'organisation', confidential: [...QUANTITIES, 'reason'] },
  // Voids and receipts: the explanation and the quantities received or lost are the holder's.
  'event.voided': { owner: 'organisation', confidential: ['explanation'] },
  'event.received': { owner: 'organisation', confidential: ['quantity', 'sent', 'lost', 'note'] },
  // A captured EPCIS event holds quantities, locations and master data: committed whole.
  'epcis.event': { owner: 'organisation', confidential: ['event'] },
  // A named query's name and parameters say what an organisation watches for (decision 0026); a
  // subscription's URL is where its systems live. The signature secret is never in an entry at all.
  'epcis.query_created': { owner: 'organisation', confidential: ['name', 'query'] },
  'epcis.query_deleted': { owner: 'organisation', confidential: [] },
  'epcis.subscription_created': { owner: 'organisation', confidential: ['dest'] },
  'epcis.subscription_deleted': { owner: 'organisation', confidential: [] },
  'accounting_period.declared': { owner: 'subject', confidential: [] },
  'accounting_period.closed': { owner: 'subject', confidential: [] },
  'onboarding.transitioned': { owner: 'brand', confidential: ['reason'] },
  'evidence_requirement.set': { owner: 'subject', confidential: [] },
  'finding.resolved': { owner: null, confidential: ['numbers', 'justification'] },
  'reference.override': { owner: null, confidential: ['justification'] },
  'key.registered': { owner: 'subject', confidential: [] },
  'key.revoked': { owner: 'subject', confidential: [] },
  // A signed attestation's JWS carries the capture's location and statements.
  'attestation.recorded': { owner: 'organisation', confidential: ['jws'] },
  'attestation.statement': { owner: 'organisation', confidential: ['jws'] },
  'attestation.withdrawn': { owner: 'organisation', confidential: ['reason'] },
  // Publications: a brand makes chosen disclosures public; a batch claim is published at once.
  'disclosure.published': { owner: 'organisation', confidential: [] },
  'batch.claim_published': {
    owner: 'organisation',
    confidential: ['originCountry', 'tracedShare', 'originFarms', 'supplyChain', 'evidence', 'findings'],
    publishedOnEntry: true,
  },
  // What a brand lets its passports show: a public statement about itself, nothing to hide.
  'passport_policy.set': { owner: 'organisation', confidential: [] },
  // A signed passport credential: public by design, the organisation's own statement of its claim.
  'passport.credential_issued': { owner: 'organisation', confidential: [] },
  // EUDR: an upstream due-diligence statement's reference and verification numbers, recorded for an
  // incoming batch. Together they let anyone cite that statement: the holder's, not the public's.
  'batch.upstream_statement': {
    owner: 'organisation',
    confidential: ['referenceNumber', 'verificationNumber'],
  },
  // The audit workflow (decision 0024): the opening brand's. Which audit, of what, for when, by whom,
  // and the links between findings and actions stay clear; what was found and asked is committed.
  'audit.opened': { owner: 'brand', confidential: ['title'] },
  'audit.assigned': { owner: 'brand', confidential: [] },
  'audit.finding_recorded': { owner: 'brand', confidential: ['severity', 'text'] },
  'audit.corrective_action_set': { owner: 'brand', confidential: ['description'] },
  'audit.corrective_action_progressed': { owner: 'brand', confidential: ['note'] },
  // The auditor's signed conclusion: the JWS holds its verdict and summary.
  'audit.concluded': { owner: 'brand', confidential: ['jws'] },
};

export class EntryPolicyError extends Error {
  override name = 'EntryPolicyError';
}

const ORGANISATION_REF = /^organisation:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The organisation that owns an entry under its policy, or null. */
export function entryOwner(entry: EntryEnvelope, policy: EntryPolicy): string | null {
  if (policy.owner === null) return null;
  const ref = policy.owner === 'subject' ? entry.subject : entry.body[policy.owner];
  const match = typeof ref === 'string' ? ORGANISATION_REF.exec(ref) : null;
  return match ? match[1]! : null;
}

export interface CommittedEntry {
  /** The entry as logged: confidential fields replaced by digests. */
  entry: EntryEnvelope;
  disclosures: Disclosure[];
  owner: string | null;
  published: boolean;
}

/** Applies the type's policy to an entry in the clear; refuses a type with no policy. */
export function commitEntry(
  entry: EntryEnvelope,
  policies: EntryPolicies = ENTRY_POLICIES,
  random?: RandomBytes,
  digest?: DisclosureDigester,
): CommittedEntry {
  const policy = Object.hasOwn(policies, entry.type) ? policies[entry.type] : undefined;
  if (!policy)
    throw new EntryPolicyError(
      `entry type ${entry.type} has no disclosure policy: declare its confidential fields in ENTRY_POLICIES`,
    );
  const { body, disclosures } = commitFields(entry.body, policy.confidential, random, digest);
  return {
    entry: { ...entry, body },
    disclosures,
    owner: entryOwner(entry, policy),
    published: policy.publishedOnEntry === true,
  };
}
