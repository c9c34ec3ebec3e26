// The disclosure policy table against its specification, decision 0011's table of what is committed:
// ENTRY_POLICIES decides what the public log reveals, so a field dropped from it (a mutation run of
// 4 December 2026 showed the package's tests would not notice) must fail here. The specification
// below is written from the decision record, not read from the table. Each row is also applied to
// a sample body, checking that the committed fields leave no value in the logged bytes.
import { describe, expect, it } from 'vitest';
import {
  commitEntry,
  ENTRY_POLICIES,
  EntryPolicyError,
  encodeEntry,
  entryOwner,
  revealBody,
  utf8,
} from '../src/index.ts';

// docs/decisions/0011-selective-disclosure.md, "What is committed, what stays public".
const COMMITTED: Record<string, string[]> = {
  'organisation.registered': ['name', 'country', 'identifiers', 'location', 'address'],
  'organisation.custody_model': ['justification'],
  'plot.mapped': ['name', 'country', 'geometry', 'areaHectares', 'declaredAreaHectares', 'findings'],
  'event.harvest': ['inputs.*.quantity', 'outputs.*.quantity'],
  'event.transfer': ['inputs.*.quantity', 'outputs.*.quantity'],
  'event.transformation': ['inputs.*.quantity', 'outputs.*.quantity'],
  'epcis.event': ['event'],
  'epcis.query_created': ['name', 'query'],
  'epcis.subscription_created': ['dest'],
  'contact.added': ['contact'],
  'attestation.recorded': ['jws'],
  'attestation.statement': ['jws'],
  'attestation.withdrawn': ['reason'],
  'onboarding.transitioned': ['reason'],
  'finding.resolved': ['numbers', 'justification'],
  'reference.override': ['justification'],
  'batch.claim_published': [
    'originCountry',
    'tracedShare',
    'originFarms',
    'supplyChain',
    'evidence',
    'findings',
  ],
  'passport_policy.set': [],
  'passport.credential_issued': [],
  'relationship.accepted': ['reason'],
  'relationship.rejected': ['reason'],
  'organisation.updated': ['from', 'to'],
  'event.loss': ['inputs.*.quantity', 'outputs.*.quantity', 'reason'],
  'event.voided': ['explanation'],
  'event.received': ['quantity', 'sent', 'lost', 'note'],
  'batch.upstream_statement': ['referenceNumber', 'verificationNumber'],
  'audit.opened': ['title'],
  'audit.finding_recorded': ['severity', 'text'],
  'audit.corrective_action_set': ['description'],
  'audit.corrective_action_progressed': ['note'],
  'audit.concluded': ['jws'],
};
const EMPTY = [
  'epcis.query_deleted',
  'epcis.subscription_deleted',
  'relationship.declared',
  'relationship.proposed',
  'organisation.manager_changed',
  'invitation.created',
  'invitation.redeemed',
  'invitation.revoked',
  'user.created',
  'token.issued',
  'token.revoked',
  'auditor.granted',
  'auditor.revoked',
  'key.registered',
  'key.revoked',
  'product.registered',
  'accounting_period.declared',
  'accounting_period.closed',
  'evidence_requirement.set',
  'contact.erased',
  'disclosure.published',
  'demo.seeded',
  'audit.assigned',
];

// Whose each type's records are (who, with whoever may see its records, opens the disclosures):
// the subject itself, a body field naming the organisation, or nobody but administrators.
const OWNER: Record<string, string | null> = {
  'demo.seeded': null,
  'organisation.registered': 'subject',
  'organisation.custody_model': 'subject',
  'organisation.manager_changed': 'subject',
  'organisation.updated': 'subject',
  'relationship.declared': 'buyer',
  'relationship.proposed': 'buyer',
  'relationship.accepted': 'buyer',
  'relationship.rejected': 'buyer',
  'invitation.created': 'organisation',
  'invitation.redeemed': 'organisation',
  'invitation.revoked': 'organisation',
  'user.created': 'organisation',
  'token.issued': null,
  'token.revoked': null,
  'auditor.granted': 'subject',
  'auditor.revoked': 'subject',
  'contact.added': 'organisation',
  'contact.erased': 'organisation',
  'plot.mapped': 'organisation',
  'product.registered': 'organisation',
  'event.harvest': 'organisation',
  'event.transformation': 'organisation',
  'event.transfer': 'organisation',
  'event.loss': 'organisation',
  'event.voided': 'organisation',
  'event.received': 'organisation',
  'epcis.event': 'organisation',
  'epcis.query_created': 'organisation',
  'epcis.query_deleted': 'organisation',
  'epcis.subscription_created': 'organisation',
  'epcis.subscription_deleted': 'organisation',
  'accounting_period.declared': 'subject',
  'accounting_period.closed': 'subject',
  'onboarding.transitioned': 'brand',
  'evidence_requirement.set': 'subject',
  'finding.resolved': null,
  'reference.override': null,
  'key.registered': 'subject',
  'key.revoked': 'subject',
  'attestation.recorded': 'organisation',
  'attestation.statement': 'organisation',
  'attestation.withdrawn': 'organisation',
  'disclosure.published': 'organisation',
  'batch.claim_published': 'organisation',
  'passport_policy.set': 'organisation',
  'passport.credential_issued': 'organisation',
  'batch.upstream_statement': 'organisation',
  'audit.opened': 'brand',
  'audit.assigned': 'brand',
  'audit.finding_recorded': 'brand',
  'audit.corrective_action_set': 'brand',
  'audit.corrective_action_progressed': 'brand',
  'audit.concluded': 'brand',
};

const ORG = 'organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11';
const secret = (path: string) => `SECRET<${path}>`;

/** A body with a recognisable value at each path (`*` as a two-element array). */
function sampleBody(paths: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { organisation: ORG, buyer: ORG, brand: ORG };
  for (const path of paths) {
    const [head, star, leaf] = path.split('.');
    if (star === '*') {
      body[head!] = [0, 1].map((i) => ({ batchId: `batch:${i}`, [leaf!]: secret(`${head}.${i}.${leaf}`) }));
    } else body[head!] = secret(path);
  }
  return body;
}

describe('ENTRY_POLICIES against decision 0011', () => {
  it('commits exactly the fields the decision lists, for every type it lists', () => {
    for (const [type, fields] of Object.entries(COMMITTED))
      expect([...(ENTRY_POLICIES[type]?.confidential ?? ['<no policy>'])].sort(), type).toEqual(
        [...fields].sort(),
      );
    for (const type of EMPTY) expect(ENTRY_POLICIES[type]?.confidential, type).toEqual([]);
  });

  it('leaves no committed value in the logged bytes, and opens them all again with the disclosures', () => {
    for (const [type, fields] of Object.entries(COMMITTED)) {
      const body = sampleBody(fields) as Record<string, never>;
      const { entry, disclosures } = commitEntry(
        { type, version: 1, at: '2026-12-04T00:00:00Z', actor: 'system', subject: ORG, body },
        ENTRY_POLICIES,
      );
      const logged = utf8.decode(encodeEntry(entry));
      expect(logged, type).not.toContain('SECRET<');
      expect(logged, type).toContain(ORG); // links stay in the clear
      const revealed = revealBody(
        entry.body,
        disclosures.map((d) => d.disclosure),
      );
      expect(revealed.body, type).toEqual(body);
    }
  });

  it('lists every type with its owner, and no type the specification does not know', () => {
    expect(Object.keys(ENTRY_POLICIES).sort()).toEqual(Object.keys(OWNER).sort());
    for (const [type, owner] of Object.entries(OWNER)) expect(ENTRY_POLICIES[type]!.owner, type).toBe(owner);
    expect(Object.keys(OWNER).sort()).toEqual(
      [...Object.keys(COMMITTED), ...EMPTY, 'epcis.event'].filter((t, i, all) => all.indexOf(t) === i).sort(),
    );
  });

  it('publishes on entry only the batch claim', () => {
    const publishing = Object.entries(ENTRY_POLICIES)
      .filter(([, p]) => p.publishedOnEntry === true)
      .map(([t]) => t);
    expect(publishing).toEqual(['batch.claim_published']);
    const commit = (type: string) =>
      commitEntry({
        type,
        version: 1,
        at: '2026-12-04T00:00:00Z',
        actor: 'x',
        subject: ORG,
        body: { organisation: ORG },
      });
    expect(commit('batch.claim_published').published).toBe(true);
    expect(commit('plot.mapped').published).toBe(false);
    expect(commit('plot.mapped').owner).toBe(ORG.slice('organisation:'.length));
  });

  it('names owners where the decision says, and refuses a type it does not list', () => {
    const owner = (type: string, subject: string, body: Record<string, string>) =>
      entryOwner(
        { type, version: 1, at: '2026-12-04T00:00:00Z', actor: 'x', subject, body },
        ENTRY_POLICIES[type]!,
      );
    const id = ORG.slice('organisation:'.length);
    expect(owner('organisation.registered', ORG, {})).toBe(id);
    expect(owner('plot.mapped', 'plot:1', { organisation: ORG })).toBe(id);
    expect(owner('relationship.accepted', 'relationship:1', { buyer: ORG })).toBe(id);
    expect(owner('onboarding.transitioned', 'onboarding:1', { brand: ORG })).toBe(id);
    // Administrators' records have no owner; a malformed reference names none.
    expect(owner('finding.resolved', 'finding:1', { organisation: ORG })).toBeNull();
    expect(owner('plot.mapped', 'plot:1', { organisation: 'organisation:not-a-uuid' })).toBeNull();
    // The whole reference must be one: no prefix or suffix around it.
    expect(owner('plot.mapped', 'plot:1', { organisation: `x${ORG}` })).toBeNull();
    expect(owner('plot.mapped', 'plot:1', { organisation: `${ORG}x` })).toBeNull();
    expect(owner('plot.mapped', 'plot:1', { organisation: 42 as unknown as string })).toBeNull();
    expect(() =>
      commitEntry({
        type: 'test.unlisted',
        version: 1,
        at: '2026-12-04T00:00:00Z',
        actor: 'x',
        subject: 's',
        body: {},
      }),
    ).toThrow(EntryPolicyError);
    try {
      commitEntry({
        type: 'test.unlisted',
        version: 1,
        at: '2026-12-04T00:00:00Z',
        actor: 'x',
        subject: 's',
        body: {},
      });
    } catch (error) {
      expect((error as Error).name).toBe('EntryPolicyError');
      expect((error as Error).message).toBe(
        'entry type test.unlisted has no disclosure policy: declare its confidential fields in ENTRY_POLICIES',
      );
    }
  });
});
