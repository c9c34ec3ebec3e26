// Selective disclosure (issue 10, build item 2): the public log holds only commitments; owners,
// their partners and granted auditors open them; a brand publishes chosen facts that anyone checks
// offline with packages/ledger alone; erasure deletes disclosures and leaves the log verifiable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createEd25519Verifier,
  decodeEntry,
  ENTRY_POLICIES,
  fromBase64,
  MemoryTree,
  openCheckpoint,
  revealBody,
  rfc9162,
  verifyInclusion,
} from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

const SECRETS = {
  coopName: 'Aurora Cooperative of Sefwi',
  plotName: 'Kofi Boateng north field',
  longitude: '-1.908421',
  harvestKg: '1234.567',
  contactPhone: '+233209999999',
};

describe('selective disclosure', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const idx: Record<string, number> = {};
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const size = async () => Number((await t.runtime.reader.size()).toString());

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    const org = async (name: string, kind: string, country: string) => {
      const res = await call('POST', '/v1/organisations', tok.admin!, { name, kind, country });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; entryIndex: number };
    };
    ids.brand = (await org('Beta Brand', 'brand', 'GB')).id;
    const coop = await org(SECRETS.coopName, 'supplier', 'GH');
    ids.coop = coop.id;
    idx.coop = coop.entryIndex;
    ids.stranger = (await org('Unrelated Trading', 'supplier', 'CI')).id;
    ids.auditor = (await org('Ungranted Audit', 'auditor', 'GB')).id;
    const link = await call('POST', '/v1/relationships', tok.admin!, {
      buyerId: ids.brand,
      supplierId: ids.coop,
      commodity: 'cocoa',
    });
    expect(link.statusCode, link.body).toBe(201);
    tok.coop = await t.token('supplier', { organisationId: ids.coop });
    tok.brand = await t.token('procurement', { organisationId: ids.brand });
    tok.stranger = await t.token('supplier', { organisationId: ids.stranger });
    tok.auditor = await t.token('auditor', { organisationId: ids.auditor });
    const plot = await call('POST', '/v1/plots', tok.coop!, {
      organisationId: ids.coop,
      name: SECRETS.plotName,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(Number(SECRETS.longitude), 6.513262),
    });
    expect(plot.statusCode, plot.body).toBe(201);
    ids.plot = plot.json().id;
    idx.plot = plot.json().entryIndex;
    const harvest = await call('POST', '/v1/events', tok.coop!, {
      type: 'harvest',
      plotId: ids.plot,
      season: '2025/26 main crop',
      eventTime: '2025-11-15T08:00:00Z',
      output: { lot: 'LOT-PUBLIC-7', quantity: { value: SECRETS.harvestKg, unit: 'KGM' } },
    });
    expect(harvest.statusCode, harvest.body).toBe(201);
    ids.batch = harvest.json().batchIds[0];
    idx.harvest = harvest.json().entryIndex;
    const contact = await call('POST', `/v1/organisations/${ids.coop}/contacts`, tok.coop!, {
      name: 'Akosua Mensah',
      phone: SECRETS.contactPhone,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    ids.contact = contact.json().id;
    idx.contact = contact.json().entryIndex;
  });
  afterAll(() => t.close());

  it('serves the whole log to anyone, and it holds no confidential value in the clear', async () => {
    const n = await size();
    const tile = await call('GET', `/v1/ledger/tile/entries/000.p/${n}`);
    expect(tile.statusCode).toBe(200);
    const entries = await call('GET', '/v1/ledger/entries?start=0&limit=1000');
    expect(entries.statusCode).toBe(200);
    expect(entries.json().entries).toHaveLength(n);
    const leafText = Buffer.concat(
      entries.json().entries.map((e: { data: string }) => Buffer.from(e.data, 'base64')),
    ).toString('utf8');
    for (const body of [tile.rawPayload.toString('utf8'), entries.body, leafText]) {
      for (const secret of Object.values(SECRETS)) expect(body).not.toContain(secret);
      // What stays visible: structure, links and the lot code.
      expect(body).toContain(`plot:${ids.plot}`);
    }
    expect(leafText).toContain('LOT-PUBLIC-7');
    expect(leafText).toContain('"_sd_alg":"sha-256"');
  });

  it('opens an entry for its owner and an accepted buyer, not for strangers, ungranted auditors or anonymous callers', async () => {
    const read = async (token: string | undefined) => {
      const res = await call('GET', `/v1/ledger/entries/${idx.plot}/disclosures`, token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { data: string; disclosures: { disclosure: string }[]; undisclosed: number };
    };
    for (const token of [tok.coop, tok.brand, tok.admin]) {
      const pkg = await read(token);
      expect(pkg.undisclosed).toBe(0);
      const body = revealBody(
        decodeEntry(fromBase64(pkg.data)!).body,
        pkg.disclosures.map((d) => d.disclosure),
      ).body;
      expect(body.name).toBe(SECRETS.plotName);
      expect(JSON.stringify(body.geometry)).toContain(SECRETS.longitude);
    }
    for (const token of [tok.stranger, tok.auditor, undefined]) {
      const res = await call('GET', `/v1/ledger/entries/${idx.plot}/disclosures`, token);
      expect(res.json().disclosures).toEqual([]);
      expect(res.json().undisclosed).toBeGreaterThan(0);
      for (const secret of Object.values(SECRETS)) expect(res.body).not.toContain(secret);
    }
    expect((await call('GET', `/v1/ledger/entries/${(await size()) + 5}/disclosures`)).statusCode).toBe(404);
    const forged = await call('GET', `/v1/ledger/entries/${idx.plot}/disclosures`, 'not-a-token');
    expect(forged.statusCode).toBe(401);
  });

  it('lets a brand publish a batch’s origin country and traced share, which an anonymous client checks offline and nothing more', async () => {
    const before = await size();
    const published = await call('POST', '/v1/disclosures/publications', tok.brand!, {
      batchId: ids.batch,
      claims: ['originCountry', 'tracedShare'],
    });
    expect(published.statusCode, published.body).toBe(201);
    const claimIndex = published.json().entryIndex as number;
    expect(claimIndex).toBe(before);

    // An anonymous client: entry + disclosures + proof, and the log's key, then nothing but packages/ledger.
    const pkgRes = await call('GET', `/v1/ledger/entries/${claimIndex}/disclosures`);
    expect(pkgRes.statusCode).toBe(200);
    const logKey = (await call('GET', '/v1/ledger/key')).body;
    const pkg = pkgRes.json();
    const data = fromBase64(pkg.data)!;
    const checkpoint = openCheckpoint(pkg.checkpoint, createEd25519Verifier(logKey));
    expect(checkpoint.size).toBe(BigInt(pkg.inclusionProof.treeSize));
    expect(
      verifyInclusion(
        BigInt(claimIndex),
        checkpoint.size,
        rfc9162.hashLeaf(data),
        pkg.inclusionProof.proof.map((p: string) => fromBase64(p)!),
        checkpoint.rootHash,
      ),
    ).toBe(true);
    const entry = decodeEntry(data);
    expect(entry).toMatchObject({ type: 'batch.claim_published', subject: `batch:${ids.batch}` });
    const revealed = revealBody(
      entry.body,
      pkg.disclosures.map((d: { disclosure: string }) => d.disclosure),
    );
    expect(revealed.body.originCountry).toEqual(['GH']);
    expect(revealed.body.tracedShare).toBe(1);
    expect(revealed.undisclosed).toBe(0);
    // A tampered disclosure does not verify.
    const [first] = pkg.disclosures as { disclosure: string }[];
    expect(() => revealBody(entry.body, [`${first!.disclosure.slice(0, -2)}AA`])).toThrow();

    // The same client learns nothing else about the chain behind the claim.
    for (const i of [idx.coop, idx.plot, idx.harvest, idx.contact]) {
      const res = await call('GET', `/v1/ledger/entries/${i}/disclosures`);
      expect(res.json().disclosures).toEqual([]);
      for (const secret of Object.values(SECRETS)) expect(res.body).not.toContain(secret);
    }
    for (const secret of Object.values(SECRETS)) expect(pkgRes.body).not.toContain(secret);
  });

  it('lets an owner publish chosen fields of its own entry, and no one else', async () => {
    const before = await size();
    const stranger = await call('POST', '/v1/disclosures/publications', tok.stranger!, {
      entryIndex: idx.plot,
      fields: ['country'],
    });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().detail).toBe('not found');
    const brand = await call('POST', '/v1/disclosures/publications', tok.brand!, {
      entryIndex: idx.plot,
      fields: ['geometry'],
    });
    expect(brand.statusCode).toBe(403);
    const unknown = await call('POST', '/v1/disclosures/publications', tok.coop!, {
      entryIndex: idx.plot,
      fields: ['country', 'owner.secret'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/fields/1');
    const anonymous = await call('POST', '/v1/disclosures/publications', undefined, {
      entryIndex: idx.plot,
      fields: ['country'],
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await size()).toBe(before);
    const [{ n }] = (await t.runtime.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM ledger_disclosures WHERE published_entry IS NOT NULL AND entry_index = $1',
      [idx.plot],
    )) as [{ n: string }];
    expect(Number(n)).toBe(0);

    const ok = await call('POST', '/v1/disclosures/publications', tok.coop!, {
      entryIndex: idx.plot,
      fields: ['country'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const pub = decodeEntry((await t.runtime.reader.entries(BigInt(ok.json().entryIndex), 1))[0]!.data);
    expect(pub).toMatchObject({
      type: 'disclosure.published',
      body: { entry: idx.plot, fields: ['country'] },
    });
    const anon = await call('GET', `/v1/ledger/entries/${idx.plot}/disclosures`);
    const pkg = anon.json();
    const body = revealBody(
      decodeEntry(fromBase64(pkg.data)!).body,
      pkg.disclosures.map((d: { disclosure: string }) => d.disclosure),
    ).body;
    expect(body.country).toBe('GH');
    expect(body).not.toHaveProperty('geometry');
    expect(anon.body).not.toContain(SECRETS.longitude);
    expect(anon.body).not.toContain(SECRETS.plotName);
  });

  it('erases personal data by deleting its disclosure; the log and checkpoints stay verifiable', async () => {
    const before = await call('GET', `/v1/ledger/entries/${idx.contact}/disclosures`, tok.coop!);
    expect(before.json().disclosures).toHaveLength(1);
    const contact = revealBody(
      decodeEntry(fromBase64(before.json().data)!).body,
      before.json().disclosures.map((d: { disclosure: string }) => d.disclosure),
    ).body.contact;
    expect(contact).toMatchObject({ phone: SECRETS.contactPhone });
    const erased = await call('DELETE', `/v1/organisations/${ids.coop}/contacts/${ids.contact}`, tok.coop!);
    expect(erased.statusCode, erased.body).toBe(200);
    const after = await call('GET', `/v1/ledger/entries/${idx.contact}/disclosures`, tok.coop!);
    expect(after.json()).toMatchObject({ disclosures: [], undisclosed: 0 });
    // Every leaf recomputed from the public entries still gives every signed checkpoint's root.
    const tree = new MemoryTree();
    const entries = (await call('GET', '/v1/ledger/entries?start=0&limit=1000')).json().entries;
    for (const e of entries) tree.appendLeaf(fromBase64(e.data)!);
    const verifier = createEd25519Verifier(t.runtime.verifierKey);
    for (const c of await t.runtime.reader.checkpoints(0n, 1000)) {
      expect(tree.rootAt(openCheckpoint(c.note, verifier).size)).toEqual(c.rootHash);
    }
    expect(await t.runtime.db.query('SELECT phone FROM contacts WHERE id = $1', [ids.contact])).toEqual([
      { phone: null },
    ]);
  });
});

describe('entry disclosure policies', () => {
  // Every entry type the service writes must have a policy, or the writer refuses it at run time:
  // read the types from the source, so a new one without a policy fails here first.
  const src = resolve(import.meta.dirname, '../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
  const written = new Set<string>();
  for (const file of files(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\btype: '([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)'/g))
      written.add(m[1]!);
  }
  // Traceability events are typed `event.${input.type}`.
  for (const kind of ['harvest', 'transfer', 'transformation']) written.add(`event.${kind}`);

  it('finds the types the service writes', () => {
    expect(written.size).toBeGreaterThan(25);
    expect(written).toContain('plot.mapped');
  });
  for (const type of [...written].sort()) {
    it(`declares ${type}`, () => {
      expect(ENTRY_POLICIES).toHaveProperty([type]);
    });
  }
});
