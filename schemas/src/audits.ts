// The audit workflow on the wire (docs/decisions/0024-audit-workflow.md): opening, assigning,
// findings, corrective actions, the auditor's signed conclusion, and a lot's statement summary for
// the UK Modern Slavery Act and CSDDD reporting areas.
import { z } from 'zod';
import { safeText } from './common.ts';
import { Uuid } from './registry.ts';

const IsoDate = z.iso.date().describe('a calendar date, YYYY-MM-DD');
const IsoDateTime = z.iso.datetime({ offset: true });
const text = (max: number) => safeText().trim().min(1).max(max);

/** `/v1/audits/{auditId}`. */
export const AuditParams = z.object({ auditId: Uuid });

/** `/v1/audits/{auditId}/findings/{findingId}/corrective-actions`. */
export const AuditFindingParams = z.object({ auditId: Uuid, findingId: Uuid });

/** `/v1/audits/{auditId}/corrective-actions/{actionId}/progress`. */
export const CorrectiveActionParams = z.object({ auditId: Uuid, actionId: Uuid });

/** `/v1/audits/lot-statements/{batchId}`. */
export const LotStatementParams = z.object({ batchId: Uuid });

export const LotStatementQuery = z
  .object({
    asOf: z.iso.date().optional().describe('the day overdue actions are counted on (default today)'),
  })
  .strict();

export const AuditScope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('lot'), batchId: Uuid }).strict(),
    z.object({ kind: z.literal('supplier'), organisationId: Uuid }).strict(),
    z.object({ kind: z.literal('chain') }).strict(),
  ])
  .describe(
    'what is audited: one lot (and what it was made from), one supplier and its upstream, or the brand’s chain',
  )
  .meta({ id: 'AuditScope' });

export const AuditPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((p) => p.to >= p.from, { path: ['to'], message: 'must not be before from' });

export const OpenAuditInput = z
  .object({
    brandId: Uuid.describe('the brand opening the audit: the caller’s own (an administrator names one)'),
    title: text(200),
    scope: AuditScope,
    period: AuditPeriod,
  })
  .strict()
  .meta({ id: 'OpenAuditInput' });

export const AssignAuditInput = z
  .object({
    auditorId: Uuid.describe('an auditing organisation'),
    accessUntil: IsoDateTime.describe(
      'when the auditor’s read access to the scope ends at the latest (in the future, within 366 days); concluding the audit ends it at once',
    ),
  })
  .strict()
  .meta({ id: 'AssignAuditInput' });

export const FINDING_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const NewAuditFinding = z
  .object({
    severity: z.enum(FINDING_SEVERITIES),
    concerns: z
      .object({ kind: z.enum(['organisation', 'batch', 'plot']), id: Uuid })
      .strict()
      .describe('the object the finding is about, in the audit’s scope'),
    text: text(4000),
  })
  .strict()
  .meta({ id: 'NewAuditFinding' });

export const NewCorrectiveAction = z
  .object({
    ownerId: Uuid.describe('the organisation that must act, in the audit’s scope'),
    dueDate: IsoDate,
    description: text(4000),
  })
  .strict()
  .meta({ id: 'NewCorrectiveAction' });

export const CORRECTIVE_ACTION_STATUSES = ['open', 'done', 'verified', 'rejected'] as const;
export const CorrectiveActionProgressInput = z
  .object({
    status: z
      .enum(['done', 'verified', 'rejected'])
      .describe('done: by the owner; verified or rejected: by the assigned auditor, once done'),
    note: text(4000).optional(),
  })
  .strict()
  .meta({ id: 'CorrectiveActionProgressInput' });

export const AUDIT_VERDICTS = ['conforming', 'conforming_with_findings', 'nonconforming'] as const;
/**
 * What the auditor signs to close an audit, as the payload of a compact JWS (EdDSA or ES256) by a key
 * its own organisation registered. It names the audit and every finding recorded in it, so the
 * signature covers what was found and cannot be moved to another audit.
 */
export const AuditConclusion = z
  .object({
    audit: Uuid,
    verdict: z.enum(AUDIT_VERDICTS),
    summary: text(8000),
    findings: z.array(Uuid).max(10_000).describe('the ids of every finding recorded in the audit'),
  })
  .strict()
  .meta({ id: 'AuditConclusion' });

export const ConcludeAuditInput = z
  .object({
    jws: safeText()
      .max(100_000)
      .regex(
        /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
        'a compact JWS: three base64url parts joined by dots',
      )
      .describe('compact JWS of an AuditConclusion'),
  })
  .strict()
  .meta({ id: 'ConcludeAuditInput' });

export const CorrectiveAction = z
  .object({
    id: Uuid,
    findingId: Uuid,
    ownerId: Uuid,
    dueDate: IsoDate,
    description: z.string(),
    status: z.enum(CORRECTIVE_ACTION_STATUSES),
    note: z.string().nullable(),
    setEntry: z.number().int(),
    statusEntry: z.number().int(),
  })
  .meta({ id: 'CorrectiveAction' });

export const AuditFinding = z
  .object({
    id: Uuid,
    severity: z.enum(FINDING_SEVERITIES),
    concerns: z.object({ kind: z.enum(['organisation', 'batch', 'plot']), id: Uuid }),
    text: z.string(),
    entryIndex: z.number().int(),
    recordedAt: IsoDateTime,
    correctiveActions: z.array(CorrectiveAction),
  })
  .meta({ id: 'AuditFinding' });

export const Audit = z
  .object({
    id: Uuid,
    brandId: Uuid,
    title: z.string(),
    scope: z.object({
      kind: z.enum(['lot', 'supplier', 'chain']),
      batchId: Uuid.nullable(),
      organisationId: Uuid.describe('whose chain the assigned auditor may read'),
    }),
    period: z.object({ from: IsoDate, to: IsoDate }),
    status: z.enum(['opened', 'assigned', 'concluded']),
    auditorId: Uuid.nullable(),
    accessUntil: IsoDateTime.nullable(),
    openedEntry: z.number().int(),
    assignedEntry: z.number().int().nullable(),
    conclusion: z
      .object({
        verdict: z.enum(AUDIT_VERDICTS),
        summary: z.string(),
        kid: z.string(),
        jws: z.string().describe('re-verify offline with the auditor’s key (its `key.registered` entry)'),
        entryIndex: z.number().int(),
        concludedAt: IsoDateTime,
      })
      .nullable(),
    findings: z
      .array(AuditFinding)
      .describe(
        'all of them for the brand and the auditor; an action owner sees only findings with its own actions',
      ),
  })
  .meta({ id: 'Audit' });

const Coverage = z.enum(['supported', 'partial', 'not_covered']);
export const LotStatement = z
  .object({
    batchId: Uuid,
    lot: z.string(),
    commodity: z.string(),
    holderId: Uuid,
    treeSize: z.number().int().describe('the log size the traced shares were computed at'),
    supplyChainMapping: z.object({
      deepestTier: z.number().int().describe('0: only the holder is known'),
      organisations: z.number().int(),
      plots: z.number().int(),
      organisationsByTier: z.array(z.object({ tier: z.number().int(), organisations: z.number().int() })),
    }),
    traceability: z.object({ tracedShare: z.number(), untracedShare: z.number() }),
    audits: z.array(
      z.object({
        id: Uuid,
        scopeKind: z.enum(['lot', 'supplier', 'chain']),
        period: z.object({ from: IsoDate, to: IsoDate }),
        status: z.enum(['opened', 'assigned', 'concluded']),
        auditorId: Uuid.nullable(),
        verdict: z.enum(AUDIT_VERDICTS).nullable(),
        concludedEntry: z.number().int().nullable(),
      }),
    ),
    findings: z.object({
      open: z.number().int().describe('findings with a corrective action not verified, or with none'),
      bySeverity: z.object({ minor: z.number().int(), major: z.number().int(), critical: z.number().int() }),
    }),
    correctiveActions: z.object({
      open: z.number().int(),
      done: z.number().int(),
      verified: z.number().int(),
      rejected: z.number().int(),
      overdue: z.number().int().describe('not verified and past their due date on `asOf`'),
    }),
    asOf: IsoDate,
    reportingAreas: z.array(
      z.object({
        regime: z.enum(['UK Modern Slavery Act s.54', 'CSDDD']),
        area: z.string(),
        coverage: Coverage,
        basis: z.string().describe('what in our records supports it, or why they do not'),
      }),
    ),
  })
  .meta({ id: 'LotStatement' });

// The replies to the workflow's writes: what was recorded, and the ledger entry that recorded it.
const recorded = { id: Uuid, entryIndex: z.number().int() };

export const OpenedAudit = z.object(recorded).meta({ id: 'OpenedAudit' });

export const AuditAssignment = z
  .object({ auditId: Uuid, auditorId: Uuid, accessUntil: z.iso.datetime(), entryIndex: z.number().int() })
  .meta({ id: 'AuditAssignment' });

export const RecordedAuditFinding = z.object(recorded).meta({ id: 'RecordedAuditFinding' });

export const SetCorrectiveAction = z
  .object({ ...recorded, status: z.literal('open') })
  .meta({ id: 'SetCorrectiveAction' });

export const ProgressedCorrectiveAction = z
  .object({ id: Uuid, status: z.enum(['done', 'verified', 'rejected']), entryIndex: z.number().int() })
  .meta({ id: 'ProgressedCorrectiveAction' });

export const ConcludedAudit = z
  .object({ auditId: Uuid, verdict: z.enum(AUDIT_VERDICTS), entryIndex: z.number().int() })
  .meta({ id: 'ConcludedAudit' });
