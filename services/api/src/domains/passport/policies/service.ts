// What a brand lets its products' passports show (issue 14 item 3, docs/decisions/0022): a policy per
// organisation and, overriding it, per product. Setting one is a passport_policy.set ledger entry by
// the organisation itself (or an admin); the newest per scope is projected into passport_policies.

import { jsonValue, type SqlExecutor } from '@groundtruth/db';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  DEFAULT_PASSPORT_POLICY,
  PassportPolicyInput,
  type PassportPolicyValues,
} from '@groundtruth/schemas';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { appendRecord } from '../../../record.ts';

export interface EffectivePolicy extends PassportPolicyValues {
  scope: 'default' | 'organisation' | 'product';
  entryIndex: number | null;
}

interface PolicyRow {
  scope: string;
  policy: unknown;
  entry_index: string | number;
}

export function createPassportPolicyService({
  db,
  writer,
  access,
}: {
  db: SqlExecutor;
  writer: LedgerWriter;
  access: Access;
}) {
  /** The policy in force for a product of an organisation: the product's own, else its brand's, else the default. */
  async function effective(organisationId: string, gtin: string | undefined): Promise<EffectivePolicy> {
    const scopes = [`organisation:${organisationId}`, ...(gtin ? [`product:${gtin}`] : [])];
    const rows = await db.query<PolicyRow>(
      'SELECT scope, policy, entry_index FROM passport_policies WHERE scope = ANY($1::text[])',
      [scopes],
    );
    const row = rows.find((r) => r.scope.startsWith('product:')) ?? rows[0];
    if (!row) return { ...DEFAULT_PASSPORT_POLICY, scope: 'default', entryIndex: null };
    // Stored as validated on the way in; parsed again so a hand-edited row cannot widen what is shown.
    const policy = PassportPolicyInput.parse(jsonValue(row.policy));
    return {
      ...policy,
      scope: row.scope.startsWith('product:') ? 'product' : 'organisation',
      entryIndex: Number(row.entry_index),
    };
  }

  /** Organisation and scope of a policy target, checked for the caller: 404 unseen, 403 not its own. */
  async function target(principal: Principal, kind: 'organisation' | 'product', id: string, write: boolean) {
    let organisationId: string;
    if (kind === 'organisation') {
      const [org] = await db.query<{ id: string; kind: string }>(
        'SELECT id, kind FROM organisations WHERE id = $1',
        [id],
      );
      if (!org) throw notFound('not found');
      organisationId = org.id;
    } else {
      const [product] = await db.query<{ organisation_id: string }>(
        'SELECT organisation_id FROM products WHERE gtin = $1',
        [id],
      );
      if (!product) throw notFound('not found');
      organisationId = product.organisation_id;
    }
    await access.requireVisible(principal, organisationId);
    // A partner up or down the chain sees the policy (it is public on every passport) but only the
    // organisation itself decides it.
    if (write && principal.role !== 'admin' && !(await access.actsFor(principal, organisationId)))
      throw forbidden('only the organisation itself (or an admin) sets its passport policy');
    return { organisationId, scope: `${kind}:${id}` };
  }

  async function get(principal: Principal, kind: 'organisation' | 'product', id: string) {
    const { organisationId } = await target(principal, kind, id, false);
    return effective(organisationId, kind === 'product' ? id : undefined);
  }

  async function set(
    principal: Principal,
    kind: 'organisation' | 'product',
    id: string,
    policy: PassportPolicyValues,
  ): Promise<EffectivePolicy> {
    const { organisationId, scope } = await target(principal, kind, id, true);
    // Canonical key order, so equal policies log equal bodies.
    const values: PassportPolicyValues = {
      origin: policy.origin,
      tracedShare: policy.tracedShare,
      suppliers: policy.suppliers,
      evidence: policy.evidence,
      findings: policy.findings,
    };
    const entryIndex = await appendRecord(writer, principal, {
      type: 'passport_policy.set',
      subject: scope,
      body: { organisation: `organisation:${organisationId}`, ...values },
      conflict: 'passport policy conflict',
    });
    return { ...values, scope: kind, entryIndex };
  }

  return { effective, get, set };
}

export type PassportPolicyService = ReturnType<typeof createPassportPolicyService>;
