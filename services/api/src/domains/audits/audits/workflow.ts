// The rules of the audit workflow, free of I/O (decision 0024): which status an audit must be in for
// each step, who moves a corrective action from which status to which, and how long an auditor's
// access may last. The service applies them to rows it has read; the tests call them directly.

export type AuditStatus = 'opened' | 'assigned' | 'concluded';
export type CorrectiveActionStatus = 'open' | 'done' | 'verified' | 'rejected';
export type AuditStep = 'assign' | 'record_finding' | 'set_corrective_action' | 'progress' | 'conclude';

/** Why a step is refused in the audit's current status (a 409), or undefined when it may go ahead. */
export function stepRefusal(status: AuditStatus, step: AuditStep): string | undefined {
  if (status === 'concluded') return 'the audit is concluded: nothing more is recorded in it';
  if (step === 'assign')
    return status === 'opened' ? undefined : 'the audit is already assigned to an auditor';
  return status === 'assigned' ? undefined : 'the audit has no auditor yet';
}

/** Who may make a change of a corrective action's status. */
export type ProgressActor = 'owner' | 'auditor';

/**
 * The changes of status a corrective action allows: its owner reports it done (again, after a
 * rejection); the assigned auditor verifies or rejects what was reported done.
 */
const TRANSITIONS: Record<
  Exclude<CorrectiveActionStatus, 'open'>,
  { from: CorrectiveActionStatus[]; by: ProgressActor }
> = {
  done: { from: ['open', 'rejected'], by: 'owner' },
  verified: { from: ['done'], by: 'auditor' },
  rejected: { from: ['done'], by: 'auditor' },
};

/** Who must ask for `to`: the action's owner or the audit's auditor. */
export const actorFor = (to: Exclude<CorrectiveActionStatus, 'open'>): ProgressActor => TRANSITIONS[to].by;

/** Why `from → to` is not a change a corrective action allows, or undefined when it is. */
export function transitionRefusal(
  from: CorrectiveActionStatus,
  to: Exclude<CorrectiveActionStatus, 'open'>,
): string | undefined {
  if (TRANSITIONS[to].from.includes(from)) return undefined;
  return `a corrective action that is ${from} cannot become ${to} (only from ${TRANSITIONS[to].from.join(' or ')})`;
}

/** An auditor's access is time-boxed: in the future, and at most this far ahead. */
export const MAX_ACCESS_DAYS = 366;
const DAY_MS = 86_400_000;

/** Why an access end is refused, or undefined. */
export function accessUntilRefusal(accessUntil: Date, now: Date): string | undefined {
  if (accessUntil.getTime() <= now.getTime()) return 'must be in the future';
  if (accessUntil.getTime() - now.getTime() > MAX_ACCESS_DAYS * DAY_MS)
    return `must be within ${MAX_ACCESS_DAYS} days`;
  return undefined;
}

/**
 * Whether a signed conclusion lists exactly the findings recorded in the audit (order aside, no
 * repeats): the signature must cover what was found, not a selection of it.
 */
export function findingsMismatch(signed: readonly string[], recorded: readonly string[]): string | undefined {
  const signedSet = new Set(signed);
  if (signedSet.size !== signed.length) return 'lists a finding more than once';
  const missing = recorded.filter((id) => !signedSet.has(id));
  if (missing.length > 0) return `leaves out ${missing.length} recorded finding(s), e.g. ${missing[0]}`;
  const recordedSet = new Set(recorded);
  const unknown = signed.filter((id) => !recordedSet.has(id));
  if (unknown.length > 0)
    return `lists ${unknown.length} finding(s) not recorded in this audit, e.g. ${unknown[0]}`;
  return undefined;
}
