// Entries of the audit workflow (domains/audits/audits, decision 0024).
import { z } from 'zod';
import { CORRECTIVE_ACTION_STATUSES, FINDING_SEVERITIES } from '../audits.ts';
import { compactJws, date, dateTime, defineEntry, kid, ref } from './define.ts';

// The verdict is inside the committed JWS, not a field of the entry.
const brand = ref('organisation').describe('the brand that opened the audit');

export const AUDIT_ENTRIES = [
  defineEntry({
    type: 'audit.opened',
    version: 1,
    description: 'A brand opens an audit of a lot, a supplier or its chain, over a period.',
    body: z
      .object({
        brand,
        scope: z
          .object({
            kind: z.enum(['lot', 'supplier', 'chain']),
            organisation: ref('organisation'),
            batch: ref('batch').optional(),
          })
          .strict(),
        period: z.object({ from: date, to: date }).strict(),
        title: z.string(),
      })
      .strict(),
    writtenBy: ['POST /v1/audits'],
  }),
  defineEntry({
    type: 'audit.assigned',
    version: 1,
    description: 'The audit is given to an auditor, who may read the scope until a time.',
    body: z
      .object({ brand, auditor: ref('organisation'), scope: ref('organisation'), accessUntil: dateTime })
      .strict(),
    writtenBy: ['POST /v1/audits/{auditId}/assignment'],
  }),
  defineEntry({
    type: 'audit.finding_recorded',
    version: 1,
    description: 'The auditor records a finding about an organisation, batch or plot in scope.',
    body: z
      .object({
        brand,
        finding: ref('audit_finding'),
        concerns: ref('organisation', 'batch', 'plot'),
        severity: z.enum(FINDING_SEVERITIES),
        text: z.string(),
      })
      .strict(),
    writtenBy: ['POST /v1/audits/{auditId}/findings'],
  }),
  defineEntry({
    type: 'audit.corrective_action_set',
    version: 1,
    description: 'A corrective action for a finding: who must act, by when, and what.',
    body: z
      .object({
        brand,
        finding: ref('audit_finding'),
        correctiveAction: ref('corrective_action'),
        owner: ref('organisation'),
        dueDate: date,
        description: z.string(),
      })
      .strict(),
    writtenBy: ['POST /v1/audits/{auditId}/findings/{findingId}/corrective-actions'],
  }),
  defineEntry({
    type: 'audit.corrective_action_progressed',
    version: 1,
    description: 'A corrective action moves on: done by its owner, verified or rejected by the auditor.',
    body: z
      .object({
        brand,
        correctiveAction: ref('corrective_action'),
        from: z.enum(CORRECTIVE_ACTION_STATUSES),
        status: z.enum(['done', 'verified', 'rejected']),
        note: z.string().optional(),
      })
      .strict(),
    writtenBy: ['POST /v1/audits/{auditId}/corrective-actions/{actionId}/progress'],
  }),
  defineEntry({
    type: 'audit.concluded',
    version: 1,
    description: 'The auditor’s signed conclusion (verdict and summary inside the JWS) closes the audit.',
    body: z.object({ brand, auditor: ref('organisation'), kid, jws: compactJws }).strict(),
    writtenBy: ['POST /v1/audits/{auditId}/conclusion'],
  }),
];
