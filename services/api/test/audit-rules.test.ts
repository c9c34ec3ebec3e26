// The audit workflow's pure rules (domains/audits/audits/workflow.ts) and the lot statement summary
// (statement.ts), called directly: no database, no app.
import { describe, expect, it } from 'vitest';
import { type LotFacts, lotStatement } from '../src/domains/audits/audits/statement.ts';
import {
  accessUntilRefusal,
  actorFor,
  findingsMismatch,
  stepRefusal,
  transitionRefusal,
} from '../src/domains/audits/audits/workflow.ts';

describe('audit workflow rules', () => {
  describe('#stepRefusal', () => {
    it('assigns an opened audit once, records only in an assigned one, and nothing in a concluded one', () => {
      expect(stepRefusal('opened', 'assign')).toBeUndefined();
      expect(stepRefusal('assigned', 'assign')).toMatch(/already assigned/);
      for (const step of ['record_finding', 'set_corrective_action', 'progress', 'conclude'] as const) {
        expect(stepRefusal('opened', step), step).toMatch(/no auditor/);
        expect(stepRefusal('assigned', step), step).toBeUndefined();
      }
      for (const step of [
        'assign',
        'record_finding',
        'set_corrective_action',
        'progress',
        'conclude',
      ] as const)
        expect(stepRefusal('concluded', step), step).toMatch(/concluded/);
    });
  });

  describe('#transitionRefusal', () => {
    it('allows exactly open/rejected → done (owner) and done → verified/rejected (auditor)', () => {
      const allowed: string[] = [];
      for (const from of ['open', 'done', 'verified', 'rejected'] as const)
        for (const to of ['done', 'verified', 'rejected'] as const)
          if (transitionRefusal(from, to) === undefined) allowed.push(`${from}→${to}`);
      expect(allowed.sort()).toEqual(['done→rejected', 'done→verified', 'open→done', 'rejected→done']);
      expect(actorFor('done')).toBe('owner');
      expect(actorFor('verified')).toBe('auditor');
      expect(actorFor('rejected')).toBe('auditor');
    });
  });

  describe('#accessUntilRefusal', () => {
    const now = new Date('2026-12-04T00:00:00Z');
    it('takes a time in the future within 366 days', () => {
      expect(accessUntilRefusal(new Date('2026-12-04T00:00:01Z'), now)).toBeUndefined();
      expect(accessUntilRefusal(new Date('2027-12-05T00:00:00Z'), now)).toBeUndefined();
      expect(accessUntilRefusal(now, now)).toMatch(/future/);
      expect(accessUntilRefusal(new Date('2027-12-05T00:00:01Z'), now)).toMatch(/366 days/);
    });
  });

  describe('#findingsMismatch', () => {
    it('wants every recorded finding once and no other', () => {
      expect(findingsMismatch(['b', 'a'], ['a', 'b'])).toBeUndefined();
      expect(findingsMismatch([], [])).toBeUndefined();
      expect(findingsMismatch(['a'], ['a', 'b'])).toMatch(/leaves out 1/);
      expect(findingsMismatch(['a', 'b', 'c'], ['a', 'b'])).toMatch(/not recorded/);
      expect(findingsMismatch(['a', 'a', 'b'], ['a', 'b'])).toMatch(/more than once/);
    });
  });
});

describe('lotStatement', () => {
  const facts = (over: Partial<LotFacts> = {}): LotFacts => ({
    batch: { id: 'b', lot: 'L-1', commodity: 'cocoa', holderId: 'h' },
    treeSize: 42,
    organisationTiers: new Map<string, number | null>([
      ['h', 0],
      ['k', 1],
      ['t1', 2],
      ['t2', 2],
      ['x', null],
    ]),
    plots: 12,
    tracedShare: 0.8,
    audits: [],
    findings: [],
    asOf: '2026-11-01',
    ...over,
  });
  const coverage = (s: ReturnType<typeof lotStatement>) =>
    Object.fromEntries(
      s.reportingAreas.map((a) => [`${a.regime}: ${a.area.split(' ').slice(0, 2).join(' ')}`, a.coverage]),
    );

  it('counts mapping depth by tier, leaving out organisations outside the holder’s chain', () => {
    const s = lotStatement(facts());
    expect(s.supplyChainMapping).toEqual({
      deepestTier: 2,
      organisations: 5,
      plots: 12,
      organisationsByTier: [
        { tier: 0, organisations: 1 },
        { tier: 1, organisations: 1 },
        { tier: 2, organisations: 2 },
      ],
    });
    expect(s.traceability).toEqual({ tracedShare: 0.8, untracedShare: 0.19999999999999996 });
  });

  it('says plainly what a lot with no audit does not cover', () => {
    const s = lotStatement(facts());
    expect(s.reportingAreas).toHaveLength(16);
    const partialOrBetter = s.reportingAreas.filter((a) => a.coverage !== 'not_covered').map((a) => a.area);
    // Only the mapping speaks without audits: the MSA's supply chains and the CSDDD's identifying.
    expect(partialOrBetter).toEqual([
      'organisation structure and supply chains',
      'Art. 8 identifying adverse impacts',
    ]);
    expect(s.reportingAreas.find((a) => a.area.startsWith('organisation structure'))!.coverage).toBe(
      'partial',
    );
    expect(s.reportingAreas.find((a) => a.area.startsWith('due diligence'))!.basis).toMatch(/no audit/);
  });

  it('rates the supply chain supported only when fully traced to plots', () => {
    expect(lotStatement(facts({ tracedShare: 1 })).reportingAreas[0]!.coverage).toBe('supported');
    expect(lotStatement(facts({ tracedShare: 1, plots: 0 })).reportingAreas[0]!.coverage).toBe('partial');
    expect(
      lotStatement(facts({ organisationTiers: new Map([['h', 0]]), tracedShare: 0 })).reportingAreas[0]!
        .coverage,
    ).toBe('not_covered');
  });

  it('counts findings, open ones and overdue actions, and turns audit-backed areas partial', () => {
    const s = lotStatement(
      facts({
        audits: [
          {
            id: 'a1',
            scopeKind: 'lot',
            period: { from: '2026-01-01', to: '2026-06-30' },
            status: 'concluded',
            auditorId: 'g',
            verdict: 'nonconforming',
            concludedEntry: 40,
          },
        ],
        findings: [
          { severity: 'critical', actions: [{ status: 'open', dueDate: '2026-10-01' }] },
          { severity: 'major', actions: [{ status: 'verified', dueDate: '2026-09-01' }] },
          {
            severity: 'major',
            actions: [
              { status: 'done', dueDate: '2026-12-01' },
              { status: 'verified', dueDate: '2026-08-01' },
            ],
          },
          { severity: 'minor', actions: [] },
        ],
      }),
    );
    expect(s.findings).toEqual({ open: 3, bySeverity: { minor: 1, major: 2, critical: 1 } });
    expect(s.correctiveActions).toEqual({ open: 1, done: 1, verified: 2, rejected: 0, overdue: 1 });
    const c = coverage(s);
    expect(c['UK Modern Slavery Act s.54: due diligence']).toBe('partial');
    expect(c['UK Modern Slavery Act s.54: training about']).toBe('not_covered');
    expect(c['CSDDD: Art. 9']).toBe('partial');
    expect(c['CSDDD: Art. 12']).toBe('not_covered');
    expect(c['CSDDD: Art. 15']).toBe('partial');
    expect(s.reportingAreas.find((a) => a.area.startsWith('Art. 15'))!.basis).toMatch(
      /1 concluded audit\(s\).*nonconforming/,
    );
  });
});
