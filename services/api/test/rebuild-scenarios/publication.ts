// The publication types for the rebuild test (docs/decisions/0031): passport policies for a brand
// and a product, a claim with thumbnails and numbers, committed fields made public (one twice, one
// of a contact erased afterwards), a signed passport credential and an upstream EUDR statement.
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { DEMO_GTINS } from '../../src/demo/seed.ts';
import type { TestApp } from '../helper.ts';

/** Writes every publication type through the API, on the demo's cocoa-butter lot. */
export async function publicationScenario(t: TestApp) {
  const admin = await t.token('admin', { subject: 'user:rebuild-admin' });
  const ok = t.succeed;
  const gtin = `0${DEMO_GTINS.cocoaButter}`;
  const [batch] = await t.runtime.db.query<{ id: string; organisation_id: string }>(
    `SELECT b.id, p.organisation_id FROM batches b JOIN products p ON p.id = b.product_id WHERE b.lot = $1`,
    ['BW-CB-2026-09-001'],
  );
  const compliance = await t.token('compliance', { organisationId: batch!.organisation_id });
  const maker = await t.token('supplier', { organisationId: batch!.organisation_id });
  await ok('PUT', `/v1/organisations/${batch!.organisation_id}/passport-policy`, compliance, {
    origin: 'hidden',
    tracedShare: false,
    suppliers: 'hidden',
    evidence: 'counts',
    findings: 'words',
  });
  // The product's own policy overrides the brand's, and a second one for the same scope replaces it.
  const policy = {
    origin: 'countries_and_farms',
    tracedShare: true,
    suppliers: 'names',
    findings: 'numbers',
  };
  await ok('PUT', `/v1/products/${gtin}/passport-policy`, compliance, { ...policy, evidence: 'counts' });
  await ok('PUT', `/v1/products/${gtin}/passport-policy`, compliance, { ...policy, evidence: 'thumbnails' });
  await ok('POST', '/v1/mass-balance/recompute', admin, {});
  await ok('POST', '/v1/disclosures/publications', maker, { batchId: batch!.id });

  // The brand signs the lot's passport with a key of its own.
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  await ok('POST', `/v1/organisations/${batch!.organisation_id}/keys`, maker, {
    jwk: await exportJWK(pair.publicKey),
  });
  const draft = await ok('GET', `/v1/batches/${batch!.id}/passport-credential`, maker);
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(draft.credential)))
    .setProtectedHeader({ ...draft.protectedHeader, alg: 'EdDSA', kid: draft.keys[0].kid })
    .sign(pair.privateKey);
  await ok('POST', `/v1/batches/${batch!.id}/passport-credential`, maker, { jws });

  await ok('POST', `/v1/batches/${batch!.id}/eudr/upstream-statements`, admin, {
    referenceNumber: '26GHRB1LD00001',
    verificationNumber: 'RBLDVRF1',
  });

  // Fields made public: a field published again keeps its first publication; a contact published
  // goes with its disclosure when the contact is erased.
  const [entry] = await t.runtime.db.query<{ entry_index: string; paths: string[] }>(
    `SELECT entry_index::text, array_agg(path ORDER BY path) AS paths FROM ledger_disclosures
      WHERE organisation_id IS NOT NULL AND published_entry IS NULL
      GROUP BY entry_index HAVING count(*) >= 2 ORDER BY entry_index LIMIT 1`,
  );
  const [first, second] = entry!.paths;
  const entryIndex = Number(entry!.entry_index);
  await ok('POST', '/v1/disclosures/publications', admin, { entryIndex, fields: [first] });
  await ok('POST', '/v1/disclosures/publications', admin, { entryIndex, fields: [first, second] });
  const contact = await ok('POST', `/v1/organisations/${batch!.organisation_id}/contacts`, maker, {
    name: 'Abena',
    phone: '+233200000001',
  });
  const [row] = await t.runtime.db.query<{ entry_index: string }>(
    'SELECT entry_index::text FROM contacts WHERE id = $1',
    [contact.id],
  );
  await ok('POST', '/v1/disclosures/publications', admin, {
    entryIndex: Number(row!.entry_index),
    fields: ['contact'],
  });
  await ok('DELETE', `/v1/organisations/${batch!.organisation_id}/contacts/${contact.id}`, maker);
}
