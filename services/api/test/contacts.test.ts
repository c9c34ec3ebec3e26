import { createEd25519Verifier, MemoryTree, openCheckpoint } from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCommitment } from '../src/routes/v1/contacts/index.ts';
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
    expect(entry!.entry.body.commitment).toBe(contact.commitment);
    const [stored] = await t.runtime.db.query<{ salt: Uint8Array }>(
      'SELECT salt FROM contacts WHERE id = $1',
      [contact.id],
    );
    expect(contactCommitment(new Uint8Array(stored!.salt), CONTACT).toString('hex')).toBe(contact.commitment);

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
    const [row] = await t.runtime.db.query<{ salt: unknown; name: unknown }>(
      'SELECT salt, name FROM contacts WHERE id = $1',
      [contact.id],
    );
    expect(row).toEqual({ salt: null, name: null });

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
