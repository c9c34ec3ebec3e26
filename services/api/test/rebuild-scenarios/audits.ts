// The audit workflow for the rebuild test (decision 0024): one whole audit through the API, so every
// audit.* entry type is logged and replayed, and its tables and the audit's grant (given on
// assignment, ended by the conclusion) are compared row by row with what the service wrote.
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { TestApp } from '../helper.ts';

/** Opens, assigns, records a finding, sets a corrective action, progresses it twice and concludes. */
export async function auditScenario(t: TestApp): Promise<void> {
  const ok = (url: string, token: string, body: object) => t.succeed('POST', url, token, body);
  const ids = await t.seedOrganisations({ brand: 'brand', supplier: 'supplier', auditor: 'auditor' }, [
    ['brand', 'supplier'],
  ]);
  const compliance = await t.token('compliance', {
    organisationId: ids.brand!,
    subject: 'user:rb-compliance',
  });
  const auditor = await t.token('auditor', { organisationId: ids.auditor!, subject: 'user:rb-auditor' });
  const supplier = await t.token('supplier', { organisationId: ids.supplier!, subject: 'user:rb-supplier' });

  const audit = await ok('/v1/audits', compliance, {
    brandId: ids.brand,
    title: 'Working hours at the supplier',
    scope: { kind: 'supplier', organisationId: ids.supplier },
    period: { from: '2026-01-01', to: '2026-03-31' },
  });
  const base = `/v1/audits/${audit.id}`;
  await ok(`${base}/assignment`, compliance, {
    auditorId: ids.auditor,
    accessUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  const finding = await ok(`${base}/findings`, auditor, {
    severity: 'major',
    concerns: { kind: 'organisation', id: ids.supplier },
    text: 'Overtime above the legal limit in February',
  });
  const action = await ok(`${base}/findings/${finding.id}/corrective-actions`, compliance, {
    ownerId: ids.supplier,
    dueDate: '2026-09-30',
    description: 'Cap weekly hours and keep time sheets',
  });
  await ok(`${base}/corrective-actions/${action.id}/progress`, supplier, {
    status: 'done',
    note: 'time sheets since May attached',
  });
  await ok(`${base}/corrective-actions/${action.id}/progress`, auditor, { status: 'verified' });

  // The auditor concludes with its own registered key (Ed25519).
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { kid } = await ok(`/v1/organisations/${ids.auditor}/keys`, auditor, {
    jwk: await exportJWK(publicKey),
  });
  const conclusion = {
    audit: audit.id,
    verdict: 'conforming_with_findings',
    summary: 'Hours capped since May; time sheets verified.',
    findings: [finding.id],
  };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(conclusion)))
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .sign(privateKey);
  await ok(`${base}/conclusion`, auditor, { jws });
}
