import {
  createEd25519Verifier,
  disclosureDigest,
  MemoryTree,
  openCheckpoint,
  revealBody,
} from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

describe('supplier contacts (personal data off the ledger)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
  const CONTACT = {
    name: 'Akosua Mensah',
    phone: '+233201234567',
    email: 'akosua@example.org',
    role: 'farm owner',
  };

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    Object.assign(
      ids,
      await t.seedOrganisations({ brand: 'brand', otherBrand: 'brand', farm: 'supplier' }, [
        ['brand', 'farm'],
      ]),
    );
    tok.farm = await t.token('supplier', { organisationId: ids.farm });
    tok.compliance = await t.token('compliance', { organisationId: ids.brand });
    tok.other = await t.token('procurement', { organisationId: ids.otherBrand });
  });
  afterAll(() => t.close());

  it('logs only a salted commitment, and erasure leaves a verifiable log', async () => {
    const added = await call('POST', `/v1/organisations/${ids.farm}/contacts`, tok.farm!, CONTACT);
    expect(added.statusCode, added.body).toBe(201);
    const contact = added.json();
    const [entry] = await t.runtime.reader.entries(BigInt(contact.entryIndex), 1);
    const leafText = new TextDecoder().decode(entry!.data);
    for (const personal of Object.values(CONTACT)) expect(leafText).not.toContain(personal);
    // The contact is one SD-JWT disclosure whose digest is in the entry's _sd, and it opens to the contact.
    expect(entry!.entry.body._sd).toEqual([contact.commitment]);
    const stored = await t.runtime.db.query<{ disclosure: string }>(
      'SELECT disclosure FROM ledger_disclosures WHERE entry_index = $1',
      [contact.entryIndex],
    );
    expect(stored).toHaveLength(1);
    expect(disclosureDigest(stored[0]!.disclosure)).toBe(contact.commitment);
    expect(revealBody(entry!.entry.body, [stored[0]!.disclosure]).body.contact).toEqual(CONTACT);

    expect(
      (await call('GET', `/v1/organisations/${ids.farm}/contacts`, tok.compliance!)).json().contacts[0].name,
    ).toBe(CONTACT.name);

    const erased = await call('DELETE', `/v1/organisations/${ids.farm}/contacts/${contact.id}`, tok.farm!);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      name: null,
      phone: null,
      email: null,
      erased: true,
      commitment: contact.commitment,
    });
    const [row] = await t.runtime.db.query<{ name: unknown }>('SELECT name FROM contacts WHERE id = $1', [
      contact.id,
    ]);
    expect(row).toEqual({ name: null });
    // Erasure deleted the disclosure: the digest on the ledger can no longer be opened.
    expect(
      await t.runtime.db.query('SELECT 1 FROM ledger_disclosures WHERE entry_index = $1', [
        contact.entryIndex,
      ]),
    ).toEqual([]);

    // The log still verifies end to end after the erasure.
    const tree = new MemoryTree();
    for (const e of await t.runtime.reader.entries(0n, 1000)) tree.appendLeaf(e.data);
    const checkpoint = openCheckpoint(
      (await t.runtime.reader.latestCheckpoint())!.note,
      createEd25519Verifier(t.runtime.verifierKey),
    );
    expect(tree.rootAt(checkpoint.size)).toEqual(checkpoint.rootHash);
  });

  it('refuses other tenants, read-only roles and bad input', async () => {
    expect((await call('GET', `/v1/organisations/${ids.farm}/contacts`, tok.other!)).statusCode).toBe(404);
    expect(
      (await call('POST', `/v1/organisations/${ids.farm}/contacts`, tok.compliance!, CONTACT)).statusCode,
    ).toBe(403);
    const bad = await call('POST', `/v1/organisations/${ids.farm}/contacts`, tok.farm!, {
      ...CONTACT,
      phone: '0201234567',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/phone');
  });
});
