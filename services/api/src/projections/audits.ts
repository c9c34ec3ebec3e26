// Projectors of the audit workflow (schemas/src/entries/audits.ts, decision 0024): audits, their
// findings and corrective actions, and the audit's grant to its auditor. Each step is re-checked here
// against the audit's status, locked, so of two racing requests for the same step the second finds
// the first's rows and is refused; a replay of the log passes the checks as the writes did.
import type { Transaction } from '@groundtruth/db';
import { jwsPayloadJson, parseCompactJws } from '@groundtruth/verify';
import { type AuditStatus, type AuditStep, stepRefusal } from '../domains/audits/audits/workflow.ts';
import { idOf, idOrNull, indexText, type Projectors, StaleRecord } from './projector.ts';

/** Refuses the entry when its audit's status (read under a row lock) does not allow the step. */
async function requireStep(tx: Transaction, auditId: string, step: AuditStep) {
  const [row] = await tx.query<{ status: AuditStatus }>(
    'SELECT status FROM audits WHERE id = $1 FOR UPDATE',
    [auditId],
  );
  if (!row) throw new StaleRecord(`audit ${auditId} does not exist`);
  const refusal = stepRefusal(row.status, step);
  if (refusal) throw new StaleRecord(refusal);
}

/**
 * The verdict and summary of a logged conclusion, read from its signed payload (the service verified
 * the signature and the payload's shape before logging it). Only these two fields are read, so a
 * later change of the wire schema's limits cannot refuse a conclusion already in the log.
 */
function conclusionOf(jws: string): { verdict: string; summary: string } {
  const payload = jwsPayloadJson(parseCompactJws(jws)) as { verdict?: unknown; summary?: unknown } | null;
  const { verdict, summary } = payload ?? {};
  if (typeof verdict !== 'string' || typeof summary !== 'string')
    throw new Error('the conclusion’s signed payload has no verdict or summary');
  return { verdict, summary };
}

/** `kind` and id of a `<kind>:<uuid>` reference. */
function splitReference(reference: string): { kind: string; id: string } {
  return { kind: reference.slice(0, reference.indexOf(':')), id: idOf(reference) };
}

export const auditProjectors = {
  'audit.opened': async (tx, { index, at, subject, body }) => {
    await tx.query(
      `INSERT INTO audits (id, brand_id, scope_kind, scope_batch_id, scope_organisation_id, period_from, period_to,
         title, status, opened_entry, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'opened', $9, $10)`,
      [
        idOf(subject),
        idOf(body.brand),
        body.scope.kind,
        idOrNull(body.scope.batch),
        idOf(body.scope.organisation),
        body.period.from,
        body.period.to,
        body.title,
        indexText(index),
        at,
      ],
    );
  },

  'audit.assigned': async (tx, { index, subject, body }) => {
    const auditId = idOf(subject);
    await requireStep(tx, auditId, 'assign');
    await tx.query(
      `UPDATE audits SET status = 'assigned', auditor_id = $2, access_until = $3, assigned_entry = $4 WHERE id = $1`,
      [auditId, idOf(body.auditor), body.accessUntil, indexText(index)],
    );
    // The audit's grant: an auditor grant (migration 0008) limited to the scope and in time.
    await tx.query(
      `INSERT INTO auditor_grants (brand_id, auditor_id, entry_index, audit_id, scope_organisation_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [idOf(body.brand), idOf(body.auditor), indexText(index), auditId, idOf(body.scope), body.accessUntil],
    );
  },

  'audit.finding_recorded': async (tx, { index, at, subject, body }) => {
    const auditId = idOf(subject);
    await requireStep(tx, auditId, 'record_finding');
    const concerns = splitReference(body.concerns);
    await tx.query(
      `INSERT INTO audit_findings (id, audit_id, severity, object_kind, object_id, text, entry_index, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        idOf(body.finding),
        auditId,
        body.severity,
        concerns.kind,
        concerns.id,
        body.text,
        indexText(index),
        at,
      ],
    );
  },

  'audit.corrective_action_set': async (tx, { index, at, subject, body }) => {
    const auditId = idOf(subject);
    await requireStep(tx, auditId, 'set_corrective_action');
    await tx.query(
      `INSERT INTO audit_corrective_actions
         (id, audit_id, finding_id, owner_id, due_date, description, status, set_entry, status_entry, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $7, $8)`,
      [
        idOf(body.correctiveAction),
        auditId,
        idOf(body.finding),
        idOf(body.owner),
        body.dueDate,
        body.description,
        indexText(index),
        at,
      ],
    );
  },

  'audit.corrective_action_progressed': async (tx, { index, at, subject, body }) => {
    await requireStep(tx, idOf(subject), 'progress');
    // Only from the status the entry names: a racing change of the action makes this one stale.
    const changed = await tx.query(
      `UPDATE audit_corrective_actions SET status = $3, status_note = $4, status_entry = $5, updated_at = $6
        WHERE id = $1 AND status = $2 RETURNING id`,
      [idOf(body.correctiveAction), body.from, body.status, body.note ?? null, indexText(index), at],
    );
    if (changed.length === 0) throw new StaleRecord('the corrective action changed meanwhile');
  },

  'audit.concluded': async (tx, { index, at, subject, body }) => {
    const auditId = idOf(subject);
    await requireStep(tx, auditId, 'conclude');
    await tx.query(
      `UPDATE audits SET status = 'concluded', concluded_entry = $2, concluded_at = $3, conclusion = $4::jsonb,
         conclusion_kid = $5, conclusion_jws = $6 WHERE id = $1`,
      [auditId, indexText(index), at, JSON.stringify(conclusionOf(body.jws)), body.kid, body.jws],
    );
    // Closing the audit ends its grant at once, whatever time was left on it.
    await tx.query('UPDATE auditor_grants SET revoked_at = $2 WHERE audit_id = $1 AND revoked_at IS NULL', [
      auditId,
      at,
    ]);
  },
} satisfies Projectors;
