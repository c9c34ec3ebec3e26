// The audit workflow (decision 0024): a brand's compliance officer opens an audit and assigns it to
// an auditing organisation, which gets a grant scoped to the audit and limited in time; the auditor
// records findings; corrective actions are set on them and progressed by their owners and the
// auditor; the auditor concludes with a JWS by its own registered key, which ends the grant. Every
// step is one ledger entry whose projector (projections/audits.ts) writes the tables, re-checking the
// audit's status under a row lock; a refused step writes nothing.
import { randomUUID } from 'node:crypto';
import { isoTime, jsonValue, type SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  type AssignAuditInput,
  AuditConclusion,
  type CorrectiveActionProgressInput,
  type NewAuditFinding,
  type NewCorrectiveAction,
  type OpenAuditInput,
} from '@groundtruth/schemas';
import { JwsError, parseCompactJws, verifyCompactJws } from '@groundtruth/verify';
import type { z } from 'zod';
import { type Access, upstreamTiers, WRITER_ROLES } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { AppError, badRequest, fieldErrors, forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';
import type { EventService } from '../../custody/events/service.ts';
import type { MassBalanceService } from '../../massbalance/mass-balance/service.ts';
import { lotStatement } from './statement.ts';
import {
  type AuditStatus,
  type AuditStep,
  accessUntilRefusal,
  actorFor,
  type CorrectiveActionStatus,
  findingsMismatch,
  stepRefusal,
  transitionRefusal,
} from './workflow.ts';

interface AuditRow {
  id: string;
  brand_id: string;
  scope_kind: 'lot' | 'supplier' | 'chain';
  scope_batch_id: string | null;
  scope_organisation_id: string;
  period_from: string;
  period_to: string;
  title: string;
  status: AuditStatus;
  auditor_id: string | null;
  access_until: Date | string | null;
  opened_entry: string | number;
  assigned_entry: string | number | null;
  concluded_entry: string | number | null;
  concluded_at: Date | string | null;
  conclusion: { verdict: string; summary: string } | string | null;
  conclusion_kid: string | null;
  conclusion_jws: string | null;
}
const AUDIT_SELECT = `SELECT id, brand_id, scope_kind, scope_batch_id, scope_organisation_id,
  period_from::text AS period_from, period_to::text AS period_to, title, status, auditor_id, access_until,
  opened_entry, assigned_entry, concluded_entry, concluded_at, conclusion, conclusion_kid, conclusion_jws
  FROM audits`;

interface FindingRow {
  id: string;
  severity: 'minor' | 'major' | 'critical';
  object_kind: 'organisation' | 'batch' | 'plot';
  object_id: string;
  text: string;
  entry_index: string | number;
  recorded_at: Date | string;
}
interface ActionRow {
  id: string;
  finding_id: string;
  owner_id: string;
  due_date: string;
  description: string;
  status: CorrectiveActionStatus;
  status_note: string | null;
  set_entry: string | number;
  status_entry: string | number;
}
const ACTION_SELECT = `SELECT id, finding_id, owner_id, due_date::text AS due_date, description, status, status_note,
  set_entry, status_entry FROM audit_corrective_actions`;

/** How the caller stands to an audit: who opened it, who audits it, who owns one of its actions. */
type Standing = 'admin' | 'brand' | 'auditor' | 'owner';

const num = (value: string | number) => Number(value);
const ref = (kind: string, id: string) => `${kind}:${id}`;

export function createAuditService({
  db,
  writer,
  access,
  events,
  massBalance,
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
  events: EventService;
  massBalance: MassBalanceService;
}) {
  async function ownedActions(principal: Principal, auditId: string): Promise<ActionRow[]> {
    const rows = await db.query<ActionRow>(`${ACTION_SELECT} WHERE audit_id = $1 ORDER BY set_entry`, [
      auditId,
    ]);
    const mine: ActionRow[] = [];
    for (const row of rows) if (await access.actsFor(principal, row.owner_id)) mine.push(row);
    return mine;
  }

  /**
   * The audit and how the caller stands to it. A caller with no standing gets the same 404 whether
   * or not the audit exists.
   */
  async function standingIn(
    principal: Principal,
    auditId: string,
  ): Promise<{ audit: AuditRow; standing: Standing }> {
    const [audit] = await db.query<AuditRow>(`${AUDIT_SELECT} WHERE id = $1`, [auditId]);
    if (!audit) throw notFound(`audit ${auditId}`);
    if (principal.role === 'admin') return { audit, standing: 'admin' };
    const own = principal.organisationId;
    if (own && own === audit.brand_id) return { audit, standing: 'brand' };
    if (own && principal.role === 'auditor' && own === audit.auditor_id)
      return { audit, standing: 'auditor' };
    if (principal.role !== 'auditor' && (await ownedActions(principal, auditId)).length > 0)
      return { audit, standing: 'owner' };
    throw notFound(`audit ${auditId}`);
  }

  /** Refuses a step the audit's status does not allow (409), e.g. any write to a concluded audit. */
  function requireStatus(audit: AuditRow, step: AuditStep) {
    const refusal = stepRefusal(audit.status, step);
    if (refusal) throw new AppError('conflict', refusal);
  }

  /** The organisations in an audit's scope: its scope organisation and everything upstream of it. */
  async function scopeOrganisations(audit: Pick<AuditRow, 'scope_organisation_id'>): Promise<Set<string>> {
    return new Set([
      audit.scope_organisation_id,
      ...(await upstreamTiers(db, audit.scope_organisation_id)).keys(),
    ]);
  }

  async function open(principal: Principal, input: z.infer<typeof OpenAuditInput>) {
    // Only the brand's own compliance team (or an administrator) opens an audit of its chain.
    if (principal.role !== 'admin' && principal.organisationId !== input.brandId)
      throw notFound(`organisation ${input.brandId}`);
    const [brand] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
      input.brandId,
    ]);
    if (brand?.kind !== 'brand') throw notFound(`brand ${input.brandId}`);
    const chain = new Set([input.brandId, ...(await upstreamTiers(db, input.brandId)).keys()]);
    let scopeOrganisation = input.brandId;
    let scopeBatch: string | null = null;
    if (input.scope.kind === 'supplier') {
      // Not in the brand's accepted chain, or no such organisation: the same answer.
      if (!chain.has(input.scope.organisationId) || input.scope.organisationId === input.brandId)
        throw badRequest('the supplier is not in the brand’s chain', [
          {
            in: 'body',
            pointer: '/scope/organisationId',
            detail: 'must be a supplier in the brand’s accepted chain',
          },
        ]);
      scopeOrganisation = input.scope.organisationId;
    } else if (input.scope.kind === 'lot') {
      const [batch] = await db.query<{ organisation_id: string }>(
        'SELECT organisation_id FROM batches WHERE id = $1',
        [input.scope.batchId],
      );
      if (!batch || !chain.has(batch.organisation_id))
        throw badRequest('the lot is not held in the brand’s chain', [
          {
            in: 'body',
            pointer: '/scope/batchId',
            detail: 'must be a lot held by the brand or a supplier in its chain',
          },
        ]);
      scopeOrganisation = batch.organisation_id;
      scopeBatch = input.scope.batchId;
    }
    const id = randomUUID();
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.opened',
      subject: ref('audit', id),
      body: {
        brand: ref('organisation', input.brandId),
        scope: {
          kind: input.scope.kind,
          organisation: ref('organisation', scopeOrganisation),
          ...(scopeBatch ? { batch: ref('batch', scopeBatch) } : {}),
        },
        period: { from: input.period.from, to: input.period.to },
        title: input.title,
      },
      conflict: 'this audit already exists',
    });
    return { id, entryIndex };
  }

  /** The brand's compliance team (or an administrator): others who stand in the audit get 403. */
  function requireBrandCompliance(principal: Principal, standing: Standing, what: string) {
    if (standing === 'admin' || (standing === 'brand' && principal.role === 'compliance')) return;
    throw forbidden(`only the opening brand’s compliance team ${what}`);
  }

  async function assign(principal: Principal, auditId: string, input: z.infer<typeof AssignAuditInput>) {
    const { audit, standing } = await standingIn(principal, auditId);
    requireBrandCompliance(principal, standing, 'assigns an audit');
    requireStatus(audit, 'assign');
    const [auditor] = await db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
      input.auditorId,
    ]);
    if (auditor?.kind !== 'auditor')
      throw badRequest(`organisation ${input.auditorId} is not an auditor`, [
        { in: 'body', pointer: '/auditorId', detail: 'must be an auditing organisation' },
      ]);
    const accessUntil = new Date(input.accessUntil);
    const refusal = accessUntilRefusal(accessUntil, new Date());
    if (refusal)
      throw badRequest(`the auditor’s access ${refusal}`, [
        { in: 'body', pointer: '/accessUntil', detail: refusal },
      ]);
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.assigned',
      subject: ref('audit', auditId),
      body: {
        brand: ref('organisation', audit.brand_id),
        auditor: ref('organisation', input.auditorId),
        scope: ref('organisation', audit.scope_organisation_id),
        accessUntil: accessUntil.toISOString(),
      },
      conflict: 'the audit is already assigned',
    });
    return { auditId, auditorId: input.auditorId, accessUntil: accessUntil.toISOString(), entryIndex };
  }

  /** The assigned auditor, while its access lasts: 403 for others who stand in the audit. */
  function requireAssignedAuditor(audit: AuditRow, standing: Standing, what: string) {
    if (standing !== 'auditor') throw forbidden(`only the assigned auditor ${what}`);
    if (audit.access_until && new Date(audit.access_until).getTime() <= Date.now())
      throw new AppError('conflict', 'the auditor’s access to this audit has expired');
  }

  /** The organisation an object belongs to, or undefined when there is no such object. */
  async function organisationOf(
    kind: 'organisation' | 'batch' | 'plot',
    id: string,
  ): Promise<string | undefined> {
    if (kind === 'organisation') {
      const [row] = await db.query<{ id: string }>('SELECT id FROM organisations WHERE id = $1', [id]);
      return row?.id;
    }
    const [row] = await db.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM ${kind === 'batch' ? 'batches' : 'plots'} WHERE id = $1`,
      [id],
    );
    return row?.organisation_id;
  }

  async function recordFinding(
    principal: Principal,
    auditId: string,
    input: z.infer<typeof NewAuditFinding>,
  ) {
    const { audit, standing } = await standingIn(principal, auditId);
    requireStatus(audit, 'record_finding');
    requireAssignedAuditor(audit, standing, 'records findings');
    const owner = await organisationOf(input.concerns.kind, input.concerns.id);
    if (!owner || !(await scopeOrganisations(audit)).has(owner))
      throw badRequest('the finding concerns nothing in the audit’s scope', [
        {
          in: 'body',
          pointer: '/concerns/id',
          detail: `must be a ${input.concerns.kind} in the audit’s scope`,
        },
      ]);
    const id = randomUUID();
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.finding_recorded',
      subject: ref('audit', auditId),
      body: {
        brand: ref('organisation', audit.brand_id),
        finding: ref('audit_finding', id),
        concerns: ref(input.concerns.kind, input.concerns.id),
        severity: input.severity,
        text: input.text,
      },
      conflict: 'this finding is already recorded',
    });
    return { id, entryIndex };
  }

  async function setCorrectiveAction(
    principal: Principal,
    auditId: string,
    findingId: string,
    input: z.infer<typeof NewCorrectiveAction>,
  ) {
    const { audit, standing } = await standingIn(principal, auditId);
    const [finding] = await db.query('SELECT 1 FROM audit_findings WHERE id = $1 AND audit_id = $2', [
      findingId,
      auditId,
    ]);
    if (!finding) throw notFound(`finding ${findingId}`);
    requireStatus(audit, 'set_corrective_action');
    if (standing === 'auditor') requireAssignedAuditor(audit, standing, 'sets corrective actions');
    else requireBrandCompliance(principal, standing, 'or the assigned auditor sets corrective actions');
    if (!(await scopeOrganisations(audit)).has(input.ownerId))
      throw badRequest('the owner is not in the audit’s scope', [
        { in: 'body', pointer: '/ownerId', detail: 'must be an organisation in the audit’s scope' },
      ]);
    const id = randomUUID();
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.corrective_action_set',
      subject: ref('audit', auditId),
      body: {
        brand: ref('organisation', audit.brand_id),
        finding: ref('audit_finding', findingId),
        correctiveAction: ref('corrective_action', id),
        owner: ref('organisation', input.ownerId),
        dueDate: input.dueDate,
        description: input.description,
      },
      conflict: 'this corrective action is already set',
    });
    return { id, entryIndex, status: 'open' as const };
  }

  async function progress(
    principal: Principal,
    auditId: string,
    actionId: string,
    input: z.infer<typeof CorrectiveActionProgressInput>,
  ) {
    const { audit, standing } = await standingIn(principal, auditId);
    const [action] = await db.query<ActionRow>(`${ACTION_SELECT} WHERE id = $1 AND audit_id = $2`, [
      actionId,
      auditId,
    ]);
    // An owner sees only its own actions: another's is as absent as one that does not exist.
    const ownsIt = action ? await access.actsFor(principal, action.owner_id) : false;
    if (!action || (standing === 'owner' && !ownsIt)) throw notFound(`corrective action ${actionId}`);
    requireStatus(audit, 'progress');
    if (actorFor(input.status) === 'owner') {
      if (!(ownsIt && WRITER_ROLES.includes(principal.role)))
        throw forbidden('only the action’s owner reports it done');
    } else requireAssignedAuditor(audit, standing, `marks a corrective action ${input.status}`);
    const refusal = transitionRefusal(action.status, input.status);
    if (refusal) throw new AppError('conflict', refusal);
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.corrective_action_progressed',
      subject: ref('audit', auditId),
      body: {
        brand: ref('organisation', audit.brand_id),
        correctiveAction: ref('corrective_action', actionId),
        from: action.status,
        status: input.status,
        ...(input.note ? { note: input.note } : {}),
      },
      conflict: 'this change is already recorded',
    });
    return { id: actionId, status: input.status, entryIndex };
  }

  /** A signature problem, as a 400 naming the field. */
  const jwsRefused = (detail: string, pointer = '/jws') =>
    badRequest(`conclusion refused: ${detail}`, [{ in: 'body', pointer, detail }]);

  async function conclude(principal: Principal, auditId: string, jws: string) {
    const { audit, standing } = await standingIn(principal, auditId);
    requireStatus(audit, 'conclude');
    requireAssignedAuditor(audit, standing, 'concludes the audit');
    let kid: string;
    try {
      const header = parseCompactJws(jws).header;
      if (typeof header.kid !== 'string') throw new JwsError('the JWS header must name the key (kid)');
      kid = header.kid;
    } catch (error) {
      throw jwsRefused((error as Error).message);
    }
    const [key] = await db.query<{
      organisation_id: string;
      alg: string;
      jwk: object | string;
      revoked_at: unknown;
    }>('SELECT organisation_id, alg, jwk, revoked_at FROM organisation_keys WHERE kid = $1', [kid]);
    // The auditor signs with its own organisation's key: another's (or none) is refused the same way.
    if (!key || key.organisation_id !== audit.auditor_id)
      throw jwsRefused(`key ${kid} is not a registered key of the assigned auditor`);
    if (key.revoked_at) throw jwsRefused(`key ${kid} was revoked`);
    let payload: unknown;
    try {
      const verified = await verifyCompactJws(jws, jsonValue(key.jwk) as Record<string, unknown>);
      if (verified.header.alg !== key.alg) throw new JwsError(`key ${kid} signs with ${key.alg}`);
      payload = verified.payload;
    } catch (error) {
      throw jwsRefused(
        error instanceof JwsError ? error.message : 'the signature does not verify with the registered key',
      );
    }
    const conclusion = AuditConclusion.safeParse(payload);
    if (!conclusion.success)
      throw badRequest(
        'conclusion refused: the signed payload is not an AuditConclusion',
        fieldErrors(conclusion.error, '/jws/payload'),
      );
    if (conclusion.data.audit !== auditId) throw jwsRefused(`must be ${auditId}`, '/jws/payload/audit');
    const recorded = await db.query<{ id: string }>('SELECT id FROM audit_findings WHERE audit_id = $1', [
      auditId,
    ]);
    const mismatch = findingsMismatch(
      conclusion.data.findings,
      recorded.map((r) => r.id),
    );
    if (mismatch) throw jwsRefused(mismatch, '/jws/payload/findings');
    const entryIndex = await appendRecord(writer, principal, {
      type: 'audit.concluded',
      subject: ref('audit', auditId),
      body: {
        brand: ref('organisation', audit.brand_id),
        auditor: ref('organisation', audit.auditor_id!),
        kid,
        jws,
      },
      conflict: 'the audit is already concluded',
      // Checked again under the writer's lock: it may have been revoked since it was read above.
      signedBy: { organisationId: audit.auditor_id!, kid },
    });
    return { auditId, verdict: conclusion.data.verdict, entryIndex };
  }

  async function view(audit: AuditRow, actionsOf?: ActionRow[]) {
    const findings = await db.query<FindingRow>(
      `SELECT id, severity, object_kind, object_id, text, entry_index, recorded_at FROM audit_findings
       WHERE audit_id = $1 ORDER BY entry_index`,
      [audit.id],
    );
    const actions =
      actionsOf ??
      (await db.query<ActionRow>(`${ACTION_SELECT} WHERE audit_id = $1 ORDER BY set_entry`, [audit.id]));
    const conclusion = audit.conclusion ? jsonValue(audit.conclusion) : null;
    return {
      id: audit.id,
      brandId: audit.brand_id,
      title: audit.title,
      scope: {
        kind: audit.scope_kind,
        batchId: audit.scope_batch_id,
        organisationId: audit.scope_organisation_id,
      },
      period: { from: audit.period_from, to: audit.period_to },
      status: audit.status,
      auditorId: audit.auditor_id,
      accessUntil: audit.access_until ? isoTime(audit.access_until) : null,
      openedEntry: num(audit.opened_entry),
      assignedEntry: audit.assigned_entry === null ? null : num(audit.assigned_entry),
      conclusion: conclusion
        ? {
            verdict: conclusion.verdict as 'conforming' | 'conforming_with_findings' | 'nonconforming',
            summary: conclusion.summary,
            kid: audit.conclusion_kid!,
            jws: audit.conclusion_jws!,
            entryIndex: num(audit.concluded_entry!),
            concludedAt: isoTime(audit.concluded_at!),
          }
        : null,
      findings: findings
        // An action owner sees the findings its actions answer, and nothing else of the audit's.
        .filter((f) => !actionsOf || actionsOf.some((a) => a.finding_id === f.id))
        .map((f) => ({
          id: f.id,
          severity: f.severity,
          concerns: { kind: f.object_kind, id: f.object_id },
          text: f.text,
          entryIndex: num(f.entry_index),
          recordedAt: isoTime(f.recorded_at),
          correctiveActions: actions
            .filter((a) => a.finding_id === f.id)
            .map((a) => ({
              id: a.id,
              findingId: a.finding_id,
              ownerId: a.owner_id,
              dueDate: a.due_date,
              description: a.description,
              status: a.status,
              note: a.status_note,
              setEntry: num(a.set_entry),
              statusEntry: num(a.status_entry),
            })),
        })),
    };
  }

  async function get(principal: Principal, auditId: string) {
    const { audit, standing } = await standingIn(principal, auditId);
    return view(audit, standing === 'owner' ? await ownedActions(principal, auditId) : undefined);
  }

  /** The audits the caller stands in: its brand's, those it audits, those with actions it owns. */
  async function list(principal: Principal) {
    const own = principal.organisationId ?? null;
    const rows =
      principal.role === 'admin'
        ? await db.query<AuditRow>(`${AUDIT_SELECT} ORDER BY opened_entry`)
        : await db.query<AuditRow>(
            `${AUDIT_SELECT} WHERE brand_id = $1 OR ($2 AND auditor_id = $1)
               OR id IN (SELECT audit_id FROM audit_corrective_actions a JOIN organisations o ON o.id = a.owner_id
                         WHERE NOT $2 AND (o.id = $1 OR o.managed_by = $1))
             ORDER BY opened_entry`,
            [own, principal.role === 'auditor'],
          );
    const out = [];
    for (const audit of rows) {
      const owner = principal.role !== 'admin' && audit.brand_id !== own && audit.auditor_id !== own;
      out.push(await view(audit, owner ? await ownedActions(principal, audit.id) : undefined));
    }
    return out;
  }

  /**
   * A lot's statement summary (statement.ts): its mapping and traced share, and the audits that
   * cover it which the caller stands in, with their findings and corrective actions.
   */
  async function statement(principal: Principal, batchId: string, asOf: string) {
    const trace = await events.trace(principal, batchId);
    const [batch] = await db.query<{ lot: string; commodity: string; organisation_id: string }>(
      'SELECT lot, commodity, organisation_id FROM batches WHERE id = $1',
      [batchId],
    );
    const holder = batch!.organisation_id;
    const tiers = await upstreamTiers(db, holder);
    const organisationTiers = new Map<string, number | null>();
    for (const o of [...trace.batches, ...trace.plots].map((x) => x.organisationId))
      organisationTiers.set(o, o === holder ? 0 : (tiers.get(o) ?? null));
    const breakdown = await massBalance.breakdown(batchId);

    // Audits covering the lot: of the lot itself, of a supplier in its trace, or of a chain it is in.
    const candidates = await db.query<AuditRow>(
      `${AUDIT_SELECT} WHERE scope_batch_id = $1 OR (scope_kind = 'supplier' AND scope_organisation_id = ANY($2::uuid[]))
         OR scope_kind = 'chain' ORDER BY opened_entry`,
      [batchId, [...organisationTiers.keys()]],
    );
    const covering: AuditRow[] = [];
    for (const audit of candidates) {
      const standsIn =
        principal.role === 'admin' ||
        audit.brand_id === principal.organisationId ||
        (principal.role === 'auditor' && audit.auditor_id === principal.organisationId);
      if (!standsIn) continue;
      if (audit.scope_kind === 'chain' && !(await scopeOrganisations(audit)).has(holder)) continue;
      covering.push(audit);
    }
    const ids = covering.map((a) => a.id);
    const findings = ids.length
      ? await db.query<{ id: string; severity: 'minor' | 'major' | 'critical' }>(
          'SELECT id, severity FROM audit_findings WHERE audit_id = ANY($1::uuid[])',
          [ids],
        )
      : [];
    const actions = ids.length
      ? await db.query<ActionRow>(`${ACTION_SELECT} WHERE audit_id = ANY($1::uuid[])`, [ids])
      : [];
    return lotStatement({
      batch: { id: batchId, lot: batch!.lot, commodity: batch!.commodity, holderId: holder },
      treeSize: breakdown.treeSize,
      organisationTiers,
      plots: trace.plots.length,
      tracedShare: breakdown.tracedShare,
      audits: covering.map((a) => ({
        id: a.id,
        scopeKind: a.scope_kind,
        period: { from: a.period_from, to: a.period_to },
        status: a.status,
        auditorId: a.auditor_id,
        verdict: a.conclusion
          ? (jsonValue(a.conclusion).verdict as 'conforming' | 'conforming_with_findings' | 'nonconforming')
          : null,
        concludedEntry: a.concluded_entry === null ? null : num(a.concluded_entry),
      })),
      findings: findings.map((f) => ({
        severity: f.severity,
        actions: actions
          .filter((a) => a.finding_id === f.id)
          .map((a) => ({ status: a.status, dueDate: a.due_date })),
      })),
      asOf,
    });
  }

  return { open, assign, recordFinding, setCorrectiveAction, progress, conclude, get, list, statement };
}

export type AuditService = ReturnType<typeof createAuditService>;
