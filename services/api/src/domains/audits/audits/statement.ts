// A lot's statement summary for the reporting areas of the UK Modern Slavery Act s.54 (the six areas
// a statement may cover) and of the CSDDD's due-diligence duties (Arts. 7–16), from facts the
// service has gathered. Pure: it says for each area whether our records support it, in part or not
// at all, and on what basis, so a reader sees plainly what this data does not cover (decision 0024).
import type { AuditStatus, CorrectiveActionStatus } from './workflow.ts';

export interface LotFacts {
  batch: { id: string; lot: string; commodity: string; holderId: string };
  treeSize: number;
  /** Every organisation in the lot's trace with its tier (the holder 0; null if not in its chain). */
  organisationTiers: ReadonlyMap<string, number | null>;
  plots: number;
  tracedShare: number;
  audits: readonly {
    id: string;
    scopeKind: 'lot' | 'supplier' | 'chain';
    period: { from: string; to: string };
    status: AuditStatus;
    auditorId: string | null;
    verdict: 'conforming' | 'conforming_with_findings' | 'nonconforming' | null;
    concludedEntry: number | null;
  }[];
  findings: readonly {
    severity: 'minor' | 'major' | 'critical';
    actions: readonly { status: CorrectiveActionStatus; dueDate: string }[];
  }[];
  /** The day overdue actions are counted on, YYYY-MM-DD. */
  asOf: string;
}

type Coverage = 'supported' | 'partial' | 'not_covered';
interface Area {
  regime: 'UK Modern Slavery Act s.54' | 'CSDDD';
  area: string;
  coverage: Coverage;
  basis: string;
}

const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)} %`;

export function lotStatement(facts: LotFacts) {
  const tiers = [...facts.organisationTiers.values()].filter((t): t is number => t !== null);
  const deepestTier = tiers.length ? Math.max(...tiers) : 0;
  const byTier = new Map<number, number>();
  for (const tier of tiers) byTier.set(tier, (byTier.get(tier) ?? 0) + 1);

  const actions = facts.findings.flatMap((f) => f.actions);
  const count = (status: CorrectiveActionStatus) => actions.filter((a) => a.status === status).length;
  const overdue = actions.filter((a) => a.status !== 'verified' && a.dueDate < facts.asOf).length;
  const bySeverity = { minor: 0, major: 0, critical: 0 };
  for (const f of facts.findings) bySeverity[f.severity]++;
  // A finding stays open until every action set on it is verified; one with no action is open.
  const openFindings = facts.findings.filter(
    (f) => f.actions.length === 0 || f.actions.some((a) => a.status !== 'verified'),
  ).length;
  const concluded = facts.audits.filter((a) => a.status === 'concluded');
  const verdicts = concluded.map((a) => a.verdict).join(', ');

  const mapped = deepestTier >= 1;
  const traced = `${percent(facts.tracedShare)} of the lot's volume traced to ${facts.plots} plot(s)`;
  const mapping = `mapped to tier ${deepestTier}: ${facts.organisationTiers.size} organisation(s); ${traced}`;
  const auditBasis = concluded.length
    ? `${concluded.length} concluded audit(s) cover the lot (${verdicts}); ${facts.audits.length - concluded.length} still open`
    : facts.audits.length
      ? `${facts.audits.length} audit(s) cover the lot, none concluded yet`
      : 'no audit covering this lot is recorded';
  const findingBasis = `${facts.findings.length} finding(s) (${bySeverity.critical} critical, ${bySeverity.major} major, ${bySeverity.minor} minor), ${openFindings} open`;
  const actionBasis = `${actions.length} corrective action(s): ${count('verified')} verified, ${count('done')} done awaiting verification, ${count('open') + count('rejected')} open or rejected, ${overdue} overdue`;
  const notRecorded = (what: string) =>
    `Groundtruth records no ${what}; the statement must draw on other sources`;

  const msa = (area: string, coverage: Coverage, basis: string): Area => ({
    regime: 'UK Modern Slavery Act s.54',
    area,
    coverage,
    basis,
  });
  const csddd = (area: string, coverage: Coverage, basis: string): Area => ({
    regime: 'CSDDD',
    area,
    coverage,
    basis,
  });
  const reportingAreas: Area[] = [
    msa(
      'organisation structure and supply chains',
      mapped && facts.plots > 0 && facts.tracedShare >= 0.999
        ? 'supported'
        : mapped
          ? 'partial'
          : 'not_covered',
      mapped ? mapping : 'no supplier of this lot is recorded: the supply chain is not mapped',
    ),
    msa('policies in relation to slavery and human trafficking', 'not_covered', notRecorded('policies')),
    msa(
      'due diligence processes',
      concluded.length ? 'partial' : 'not_covered',
      `${auditBasis}; traceability alone is not due diligence on labour conditions`,
    ),
    msa(
      'risks of slavery and the steps taken to assess and manage them',
      facts.findings.length || actions.length ? 'partial' : 'not_covered',
      facts.findings.length ? `${findingBasis}; ${actionBasis}` : 'no audit finding is recorded for this lot',
    ),
    msa(
      'effectiveness, measured against performance indicators',
      actions.length ? 'partial' : 'not_covered',
      actions.length
        ? `${actionBasis}; ${traced}`
        : 'no corrective action to measure; the traced share is the only indicator recorded',
    ),
    msa('training about slavery and human trafficking', 'not_covered', notRecorded('training')),
    csddd('Art. 7 due diligence in policies and risk management', 'not_covered', notRecorded('policies')),
    csddd(
      'Art. 8 identifying adverse impacts',
      mapped ? 'partial' : 'not_covered',
      mapped ? `${mapping}; ${auditBasis}` : 'the lot’s supply chain is not mapped',
    ),
    csddd(
      'Art. 9 prioritising adverse impacts',
      facts.findings.length ? 'partial' : 'not_covered',
      facts.findings.length ? `findings carry a severity: ${findingBasis}` : 'no audit finding to prioritise',
    ),
    csddd(
      'Art. 10 preventing potential adverse impacts',
      actions.length ? 'partial' : 'not_covered',
      actions.length ? actionBasis : 'no corrective action is recorded',
    ),
    csddd(
      'Art. 11 bringing actual adverse impacts to an end',
      actions.length ? 'partial' : 'not_covered',
      actions.length ? actionBasis : 'no corrective action is recorded',
    ),
    csddd('Art. 12 remediation', 'not_covered', notRecorded('remediation provided to affected persons')),
    csddd(
      'Art. 13 meaningful engagement with stakeholders',
      'not_covered',
      notRecorded('stakeholder engagement'),
    ),
    csddd(
      'Art. 14 notification mechanism and complaints procedure',
      'not_covered',
      notRecorded('complaints or notifications'),
    ),
    csddd('Art. 15 monitoring', concluded.length ? 'partial' : 'not_covered', auditBasis),
    csddd(
      'Art. 16 communicating (the annual statement)',
      'not_covered',
      'this summary is material for the statement, not the statement itself',
    ),
  ];

  return {
    batchId: facts.batch.id,
    lot: facts.batch.lot,
    commodity: facts.batch.commodity,
    holderId: facts.batch.holderId,
    treeSize: facts.treeSize,
    supplyChainMapping: {
      deepestTier,
      organisations: facts.organisationTiers.size,
      plots: facts.plots,
      organisationsByTier: [...byTier.entries()]
        .sort(([a], [b]) => a - b)
        .map(([tier, organisations]) => ({ tier, organisations })),
    },
    traceability: { tracedShare: facts.tracedShare, untracedShare: 1 - facts.tracedShare },
    audits: [...facts.audits],
    findings: { open: openFindings, bySeverity },
    correctiveActions: {
      open: count('open'),
      done: count('done'),
      verified: count('verified'),
      rejected: count('rejected'),
      overdue,
    },
    asOf: facts.asOf,
    reportingAreas,
  };
}
