// Supply relationships that both sides accept, and suppliers whose records another organisation keeps
// (decision 0003). Starts with the takeover reported in issue 10: a stranger brand "declaring" another
// tenant's supplier as its own must gain nothing from it.
import { revealBody } from '@groundtruth/ledger';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedRelationshipExists } from '../src/access.ts';
import { buildTestApp, openedEntry, square, type TestApp } from './helper.ts';

let t: TestApp;
let ids: Record<string, string>;
const tok: Record<string, string> = {};

const ledgerSize = async () =>
  Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_entries'))[0]!.n);
/** The entry at an index, its confidential fields (e.g. a reason) opened through its disclosures as an admin. */
const entryAt = async (index: number) => {
  const { entry } = (await t.runtime.reader.entries(BigInt(index), 1))[0]!;
  const opened = await t.call('GET', `/v1/ledger/entries/${index}/disclosures`, await t.token('admin'));
  const disclosures = opened.json().disclosures.map((d: { disclosure: string }) => d.disclosure);
  return { ...entry, body: revealBody(entry.body, disclosures).body };
};

beforeAll(async () => {
  t = await buildTestApp();
  // Aurora buys from its supplier; Beta is another tenant with its own chain.
  ids = await t.seedOrganisations(
    {
      aurora: 'brand',
      beta: 'brand',
      auroraSupplier: 'supplier',
      betaSupplier: 'supplier',
      other: 'supplier',
    },
    [
      ['aurora', 'auroraSupplier'],
      ['beta', 'betaSupplier'],
    ],
  );
  tok.admin = await t.token('admin');
  tok.aurora = await t.token('procurement', { organisationId: ids.aurora, subject: 'user:aurora-buyer' });
  tok.beta = await t.token('procurement', { organisationId: ids.beta, subject: 'user:beta-buyer' });
  tok.supplier = await t.token('supplier', { organisationId: ids.auroraSupplier, subject: 'user:supplier' });
  tok.betaSupplier = await t.token('supplier', { organisationId: ids.betaSupplier });
  tok.other = await t.token('supplier', { organisationId: ids.other });
});
afterAll(() => t.close());

describe('issue 10: claiming another tenant’s supplier', () => {
  let contactId: string;
  let batchId: string;

  beforeAll(async () => {
    const contact = await t.call('POST', `/v1/organisations/${ids.auroraSupplier}/contacts`, tok.supplier!, {
      name: 'Akosua Owusu',
      phone: '+233201234567',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    contactId = contact.json().id;
    const plot = await t.call('POST', '/v1/plots', tok.supplier!, {
      organisationId: ids.auroraSupplier,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.908421, 6.513262),
    });
    const harvest = await t.call('POST', '/v1/events', tok.supplier!, {
      type: 'harvest',
      plotId: plot.json().id,
      season: '2025/26 main crop',
      eventTime: '2025-12-15T08:00:00Z',
      output: { lot: 'AUR-1', quantity: { value: '500', unit: 'KGM' } },
    });
    expect(harvest.statusCode, harvest.body).toBe(201);
    batchId = harvest.json().batchIds[0];
  });

  it('a brand’s declaration is only a proposal, and gives it nothing of the supplier', async () => {
    const claim = await t.call('POST', '/v1/relationships', tok.beta!, {
      buyerId: ids.beta,
      supplierId: ids.auroraSupplier,
      commodity: 'cocoa',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json()).toMatchObject({ status: 'proposed', proposedBy: 'buyer' });
    expect(await acceptedRelationshipExists(t.runtime.db, ids.beta!, ids.auroraSupplier!)).toBe(false);

    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const attempts: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, object | undefined][] = [
      ['read its contacts', 'GET', `/v1/organisations/${ids.auroraSupplier}/contacts`, undefined],
      [
        'register a signing key for it',
        'POST',
        `/v1/organisations/${ids.auroraSupplier}/keys`,
        { jwk: await exportJWK(publicKey) },
      ],
      [
        'set its custody model',
        'PUT',
        `/v1/organisations/${ids.auroraSupplier}/custody-model`,
        { model: 'mass_balance', justification: 'a claim made by a stranger' },
      ],
      [
        'erase its contact',
        'DELETE',
        `/v1/organisations/${ids.auroraSupplier}/contacts/${contactId}`,
        undefined,
      ],
      [
        'transfer its batch to itself',
        'POST',
        '/v1/events',
        {
          type: 'transfer',
          fromOrganisationId: ids.auroraSupplier,
          toOrganisationId: ids.beta,
          eventTime: '2026-01-10T10:00:00Z',
          input: { batchId, quantity: { value: '500', unit: 'KGM' } },
          output: { lot: 'STOLEN-1', quantity: { value: '500', unit: 'KGM' } },
        },
      ],
      ['read the supplier', 'GET', `/v1/organisations/${ids.auroraSupplier}`, undefined],
      ['read the batch', 'GET', `/v1/batches/${batchId}`, undefined],
    ];
    for (const [what, method, url, body] of attempts) {
      const before = await ledgerSize();
      const res = await t.call(method, url, tok.beta!, body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(404);
      // Nothing about the supplier: at most the id the caller sent (404 wording is ops hygiene's).
      expect(res.json().detail, what).toMatch(/not found$/);
      expect(res.body, what).not.toMatch(/auroraSupplier|Akosua/);
      expect(await ledgerSize(), what).toBe(before);
    }
    const chain = await t.call('GET', `/v1/organisations/${ids.beta}/supply-chain`, tok.beta!);
    expect(chain.json().suppliers.map((s: { organisation: { id: string } }) => s.organisation.id)).toEqual([
      ids.betaSupplier,
    ]);
    // The contact is still there, unerased, for its own supplier.
    const contacts = await t.call('GET', `/v1/organisations/${ids.auroraSupplier}/contacts`, tok.supplier!);
    expect(contacts.json().contacts[0]).toMatchObject({ id: contactId, name: 'Akosua Owusu', erased: false });
  });

  it('a supplier declaring another tenant’s supplier as its own source reads nothing of it either', async () => {
    const claim = await t.call('POST', '/v1/relationships', tok.other!, {
      buyerId: ids.other,
      supplierId: ids.auroraSupplier,
      commodity: 'cocoa',
    });
    expect(claim.json().status).toBe('proposed');
    for (const url of [
      `/v1/organisations/${ids.auroraSupplier}/contacts`,
      `/v1/organisations/${ids.auroraSupplier}`,
      `/v1/batches/${batchId}`,
    ])
      expect((await t.call('GET', url, tok.other!)).statusCode, url).toBe(404);
  });

  it('a brand cannot declare a supplier on another brand’s behalf (404, nothing written)', async () => {
    const before = await ledgerSize();
    const res = await t.call('POST', '/v1/relationships', tok.beta!, {
      buyerId: ids.aurora,
      supplierId: ids.auroraSupplier,
      commodity: 'coffee',
    });
    expect(res.statusCode).toBe(404);
    expect(await ledgerSize()).toBe(before);
  });

  it('an onboarding invitation does not reach a stranger’s supplier, and answers as for an unknown id', async () => {
    const before = await ledgerSize();
    const foreign = await t.call('POST', '/v1/onboarding', tok.beta!, {
      brandId: ids.beta,
      supplierId: ids.auroraSupplier,
    });
    const unknown = await t.call('POST', '/v1/onboarding', tok.beta!, {
      brandId: ids.beta,
      supplierId: crypto.randomUUID(),
    });
    const brand = await t.call('POST', '/v1/onboarding', tok.beta!, {
      brandId: ids.beta,
      supplierId: ids.aurora,
    });
    for (const res of [foreign, unknown, brand]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().detail).toBe('not found');
    }
    expect(await ledgerSize()).toBe(before);
    // Its own accepted supplier it may invite.
    const own = await t.call('POST', '/v1/onboarding', tok.beta!, {
      brandId: ids.beta,
      supplierId: ids.betaSupplier,
    });
    expect(own.statusCode, own.body).toBe(201);
  });
});

describe('proposals', () => {
  it('answer a stranger alike for an unknown id, another tenant’s supplier and a brand', async () => {
    const shape = async (supplierId: string, commodity: string) => {
      const res = await t.call('POST', '/v1/relationships', tok.beta!, {
        buyerId: ids.beta,
        supplierId,
        commodity,
      });
      const { id, supplierId: _s, entryIndex, ...rest } = res.json();
      return {
        status: res.statusCode,
        id: typeof id,
        entryIndex: typeof entryIndex,
        rest,
        keys: Object.keys(res.json()),
      };
    };
    const unknown = await shape(crypto.randomUUID(), 'rubber');
    const foreign = await shape(ids.auroraSupplier!, 'rubber');
    const brand = await shape(ids.aurora!, 'rubber');
    expect(unknown.status).toBe(201);
    expect(foreign).toEqual(unknown);
    expect(brand).toEqual(unknown);
  });

  it('is accepted by the supplier’s own user; only then does the buyer see it, and it still cannot write for it', async () => {
    const proposal = await t.call('POST', '/v1/relationships', tok.beta!, {
      buyerId: ids.beta,
      supplierId: ids.auroraSupplier,
      commodity: 'soya',
    });
    const id = proposal.json().id;
    expect((await entryAt(proposal.json().entryIndex)).type).toBe('relationship.proposed');

    // The supplier sees who proposes (Beta chose to reveal itself); Beta's list does not name the supplier.
    const incoming = await t.call(
      'GET',
      `/v1/organisations/${ids.auroraSupplier}/relationship-proposals`,
      tok.supplier!,
    );
    expect(incoming.statusCode).toBe(200);
    expect(incoming.json().proposals).toContainEqual(
      expect.objectContaining({ id, buyerId: ids.beta, proposerName: 'beta', status: 'proposed' }),
    );
    const outgoing = await t.call('GET', `/v1/organisations/${ids.beta}/relationship-proposals`, tok.beta!);
    expect(outgoing.body).not.toContain('auroraSupplier');
    // Someone else's open proposals are not for Aurora to read, nor to decide.
    expect(
      (await t.call('GET', `/v1/organisations/${ids.auroraSupplier}/relationship-proposals`, tok.aurora!))
        .statusCode,
    ).toBe(403);

    const before = await ledgerSize();
    for (const [who, token, status] of [
      ['the proposer itself', tok.beta, 403],
      ['the supplier’s other buyer', tok.aurora, 404],
      ['a stranger supplier', tok.other, 404],
    ] as const) {
      const res = await t.call('POST', `/v1/relationships/${id}/acceptance`, token!, {});
      expect(res.statusCode, who).toBe(status);
    }
    expect(
      (await t.call('POST', `/v1/relationships/${crypto.randomUUID()}/acceptance`, tok.supplier!, {}))
        .statusCode,
    ).toBe(404);
    expect(await ledgerSize()).toBe(before);

    const accepted = await t.call('POST', `/v1/relationships/${id}/acceptance`, tok.supplier!, {
      reason: 'we ship soya to Beta',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id, status: 'accepted' });
    expect(await openedEntry(t, accepted.json().entryIndex)).toMatchObject({
      type: 'relationship.accepted',
      subject: `relationship:${id}`,
      actor: 'user:supplier',
      body: { by: 'supplier', reason: 'we ship soya to Beta' },
    });
    expect(await acceptedRelationshipExists(t.runtime.db, ids.beta!, ids.auroraSupplier!, 'soya')).toBe(true);
    expect(await acceptedRelationshipExists(t.runtime.db, ids.beta!, ids.auroraSupplier!, 'cocoa')).toBe(
      false,
    );

    expect((await t.call('GET', `/v1/organisations/${ids.auroraSupplier}`, tok.beta!)).statusCode).toBe(200);
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const size = await ledgerSize();
    const key = await t.call('POST', `/v1/organisations/${ids.auroraSupplier}/keys`, tok.beta!, {
      jwk: await exportJWK(publicKey),
    });
    expect(key.statusCode).toBe(403);
    expect(await ledgerSize()).toBe(size);
    // Decided once: a second decision is a conflict.
    expect((await t.call('POST', `/v1/relationships/${id}/rejection`, tok.supplier!, {})).statusCode).toBe(
      409,
    );
  });

  it('a rejected proposal leaves the proposer seeing nothing, and may be withdrawn by its proposer', async () => {
    const propose = async (commodity: string) =>
      (
        await t.call('POST', '/v1/relationships', tok.other!, {
          buyerId: ids.other,
          supplierId: ids.betaSupplier,
          commodity,
        })
      ).json().id as string;
    const refused = await propose('cattle');
    const res = await t.call('POST', `/v1/relationships/${refused}/rejection`, tok.betaSupplier!, {
      reason: 'we do not know them',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('rejected');
    expect(await entryAt(res.json().entryIndex)).toMatchObject({
      type: 'relationship.rejected',
      body: { by: 'supplier' },
    });
    expect((await t.call('GET', `/v1/organisations/${ids.betaSupplier}`, tok.other!)).statusCode).toBe(404);
    const withdrawn = await propose('wood');
    const back = await t.call('POST', `/v1/relationships/${withdrawn}/rejection`, tok.other!, {});
    expect(back.json()).toMatchObject({ status: 'rejected' });
    expect((await entryAt(back.json().entryIndex)).body).toMatchObject({ by: 'buyer' });
  });

  it('admins declare at once, as the test seed and the demo do', async () => {
    const res = await t.call('POST', '/v1/relationships', tok.admin!, {
      buyerId: ids.aurora,
      supplierId: ids.other,
      commodity: 'cocoa',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'accepted', proposedBy: null });
    expect((await entryAt(res.json().entryIndex)).type).toBe('relationship.declared');
  });
});

describe('managed suppliers', () => {
  let coop: string;

  it('a supplier registered by a procurement team is kept by that team’s organisation, visibly', async () => {
    const res = await t.call('POST', '/v1/organisations', tok.aurora!, {
      name: 'Sefwi Growers Cooperative',
      kind: 'supplier',
      role: 'cooperative',
      country: 'GH',
    });
    expect(res.statusCode, res.body).toBe(201);
    coop = res.json().id;
    expect(res.json().managedBy).toBe(ids.aurora);
    expect((await entryAt(res.json().entryIndex)).body).toMatchObject({
      managedBy: `organisation:${ids.aurora}`,
    });
    // Aurora acts for both sides: its declaration is accepted at once.
    const link = await t.call('POST', '/v1/relationships', tok.aurora!, {
      buyerId: ids.aurora,
      supplierId: coop,
      commodity: 'cocoa',
    });
    expect(link.json()).toMatchObject({ status: 'accepted' });
    expect((await t.call('GET', `/v1/organisations/${coop}`, tok.aurora!)).json().managedBy).toBe(ids.aurora);
    // The keeper writes for it.
    const plot = await t.call('POST', '/v1/plots', tok.aurora!, {
      organisationId: coop,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-2.408421, 6.213262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
  });

  it('only an admin names another keeper at registration', async () => {
    const before = await ledgerSize();
    const res = await t.call('POST', '/v1/organisations', tok.aurora!, {
      name: 'Handed Over Coop',
      kind: 'supplier',
      country: 'GH',
      managedBy: ids.beta,
    });
    expect(res.statusCode).toBe(403);
    expect(await ledgerSize()).toBe(before);
  });

  it('the keeper cannot hand the records on; the supplier itself takes them back, as a ledger entry', async () => {
    const coopUser = await t.token('supplier', { organisationId: coop, subject: 'user:coop-secretary' });
    const before = await ledgerSize();
    const handOver = await t.call('PUT', `/v1/organisations/${coop}/manager`, tok.aurora!, {
      managerId: ids.beta,
    });
    expect(handOver.statusCode).toBe(403);
    const stranger = await t.call('PUT', `/v1/organisations/${coop}/manager`, tok.beta!, {
      managerId: ids.beta,
    });
    expect(stranger.statusCode).toBe(404);
    expect(await ledgerSize()).toBe(before);

    const res = await t.call('PUT', `/v1/organisations/${coop}/manager`, coopUser, { managerId: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().managedBy).toBeNull();
    const [entry] = await t.runtime.reader.entries(BigInt(before), 1);
    expect(entry!.entry).toMatchObject({
      type: 'organisation.manager_changed',
      subject: `organisation:${coop}`,
      body: { from: `organisation:${ids.aurora}`, to: null },
    });
    // Aurora still buys from it and sees it, but no longer writes for it.
    expect((await t.call('GET', `/v1/organisations/${coop}`, tok.aurora!)).statusCode).toBe(200);
    const size = await ledgerSize();
    const plot = await t.call('POST', '/v1/plots', tok.aurora!, {
      organisationId: coop,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-2.418421, 6.213262),
    });
    expect(plot.statusCode).toBe(403);
    expect(await ledgerSize()).toBe(size);
  });
});
