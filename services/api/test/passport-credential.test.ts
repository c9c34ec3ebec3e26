// A passport others can verify (issue 14 item 5, decision 0022): the lot's passport as a W3C VC 2.0
// in UNTP's Digital Product Passport 0.6.0 shape, signed by the product's organisation with its own
// key (which never reaches the service), served with the passport and checked by anyone with `jose`
// and the organisation's did:web document alone. On the demo chain, both databases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  base64url,
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GTINS, seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const VECTORS = join(import.meta.dirname, '../../../tests/vectors');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateVc = ajv.compile(
  JSON.parse(readFileSync(join(VECTORS, 'w3c-vc-2.0/verifiable-credential-schema.json'), 'utf8')),
);
const validateDpp = ajv.compile(
  JSON.parse(readFileSync(join(VECTORS, 'untp-dpp-0.6.0/DigitalProductPassport-schema.json'), 'utf8')),
);

let t: TestApp;
const BUTTER = `0${DEMO_GTINS.cocoaButter}`;
const LOT = 'BW-CB-2026-09-001';
const PASSPORT = `/passport/01/${BUTTER}/10/${LOT}`;
let batchId: string;
let makerId: string;
let maker: string;
let claimIndex: number;
let privateKey: CryptoKey;
let kid: string;

const size = async () => Number(await t.runtime.reader.size());
const sign = (payload: unknown, header: Record<string, string> = {}, key: CryptoKey = privateKey) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid, ...header })
    .sign(key);

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  const [product] = await t.runtime.db.query<{ organisation_id: string }>(
    'SELECT organisation_id FROM products WHERE gtin = $1',
    [BUTTER],
  );
  makerId = product!.organisation_id;
  maker = await t.token('supplier', { organisationId: makerId });
  batchId = (await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]))[0]!.id;
  const admin = await t.token('admin');
  expect((await t.call('POST', '/v1/mass-balance/recompute', admin, {})).statusCode).toBeLessThan(300);
  const published = await t.call('POST', '/v1/disclosures/publications', maker, { batchId });
  expect(published.statusCode, published.body).toBe(201);
  claimIndex = published.json().entryIndex;
  // The maker's own key pair: only the public half is registered.
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  privateKey = pair.privateKey;
  const registered = await t.call('POST', `/v1/organisations/${makerId}/keys`, maker, {
    jwk: await exportJWK(pair.publicKey),
  });
  expect(registered.statusCode, registered.body).toBe(201);
  kid = `did:web:localhost:organisations:${makerId}#${registered.json().kid}`;
});
afterAll(() => t.close());

describe('the passport credential', () => {
  it('is drafted from the published claim as a VC 2.0 that validates against the W3C and UNTP DPP 0.6.0 schemas', async () => {
    const res = await t.call('GET', `/v1/batches/${batchId}/passport-credential`, maker);
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json();
    expect(draft.claimEntryIndex).toBe(claimIndex);
    expect(draft.keys).toEqual([{ kid, alg: 'EdDSA' }]);
    const vc = draft.credential;
    expect(validateVc(vc), JSON.stringify(validateVc.errors)).toBe(true);
    expect(validateDpp(vc), JSON.stringify(validateDpp.errors)).toBe(true);
    // The same facts as the claim the log holds (and the passport page shows).
    const passport = (await t.app.inject(`${PASSPORT}?format=json`)).json();
    expect(vc.issuer).toEqual({
      type: ['CredentialIssuer'],
      id: `did:web:localhost:organisations:${makerId}`,
      name: 'Brightwater Confectionery GmbH',
    });
    expect(vc.credentialSubject.product.registeredId).toBe(BUTTER);
    expect(vc.credentialSubject.product.batchNumber).toBe(LOT);
    expect(
      vc.credentialSubject.materialsProvenance.map((m: { originCountry: string }) => m.originCountry),
    ).toEqual(passport.claim.originCountry);
    const traceability = vc.credentialSubject.traceabilityInformation[0];
    expect(traceability.verifiedRatio).toBe(passport.claim.tracedShare);
    // The link to the claim pins the entry's leaf hash: the one the log serves for that index.
    const proof = (await t.app.inject(`/v1/ledger/entries/${claimIndex}/disclosures`)).json();
    expect(traceability.traceabilityEvent[0].hashDigest).toBe(
      Buffer.from(proof.inclusionProof.leafHash, 'base64').toString('hex'),
    );
    expect(vc.credentialSubject.conformityClaim.map((c: { id: string }) => c.id.split('#')[1])).toEqual(
      passport.claim.findings.map((f: { kind: string }) => `findings-${f.kind}`),
    );
  });

  it('issued with the maker’s own key, is served with the passport and verifies with jose and its did:web document alone', async () => {
    const { credential } = (await t.call('GET', `/v1/batches/${batchId}/passport-credential`, maker)).json();
    const jws = await sign(credential);
    const issued = await t.call('POST', `/v1/batches/${batchId}/passport-credential`, maker, { jws });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json().url).toBe(`http://localhost${PASSPORT}?format=vc`);

    // An outside verifier: the linkset names it, the resolver serves the JWS byte for byte.
    const linkset = (await t.app.inject(`/01/${BUTTER}/10/${LOT}?linkType=linkset`)).json().linkset[0];
    const dpp = linkset['https://gs1.org/voc/dpp'];
    expect(dpp).toEqual([
      expect.objectContaining({ href: `http://localhost${PASSPORT}?format=vc`, type: 'application/vc+jwt' }),
    ]);
    const served = await t.app.inject(`${PASSPORT}?format=vc`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    expect(served.body).toBe(jws);
    const html = (await t.app.inject({ url: `${PASSPORT}?lang=en`, headers: { accept: 'text/html' } })).body;
    expect(html).toContain(`href="http://localhost${PASSPORT}?format=vc"`);

    // did:web resolution: did:web:localhost:organisations:{id} → /organisations/{id}/did.json.
    const header = decodeProtectedHeader(served.body);
    const [did] = (header.kid as string).split('#');
    const path = `/${did!.split(':').slice(3).join('/')}/did.json`;
    const document = (await t.app.inject(path)).json() as {
      id: string;
      verificationMethod: { id: string; publicKeyJwk: JWK }[];
      assertionMethod: string[];
    };
    expect(document.id).toBe(did);
    expect(document.assertionMethod).toContain(header.kid);
    const method = document.verificationMethod.find((m) => m.id === header.kid)!;
    const { payload } = await compactVerify(served.body, await importJWK(method.publicKeyJwk, 'EdDSA'));
    const vc = JSON.parse(new TextDecoder().decode(payload));
    expect(vc).toEqual(credential);
    expect(validateDpp(vc)).toBe(true);

    // One claim changed in transit: the signature no longer holds.
    const [h, , s] = served.body.split('.');
    const tampered = {
      ...vc,
      credentialSubject: {
        ...vc.credentialSubject,
        traceabilityInformation: [{ ...vc.credentialSubject.traceabilityInformation[0], verifiedRatio: 1 }],
      },
    };
    const forged = `${h}.${base64url.encode(JSON.stringify(tampered))}.${s}`;
    await expect(compactVerify(forged, await importJWK(method.publicKeyJwk, 'EdDSA'))).rejects.toThrow();
  });

  it('logs one credential when the same one is sent twice at once', async () => {
    const { credential } = (await t.call('GET', `/v1/batches/${batchId}/passport-credential`, maker)).json();
    // EdDSA is deterministic: a header member of its own makes this JWS one not issued before.
    const jws = await sign(credential, { jti: 'race' });
    const before = await size();
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/v1/batches/${batchId}/passport-credential`, maker, { jws })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await size()).toBe(before + 1);
    const [{ n }] = (await t.runtime.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM passport_credentials WHERE jws = $1',
      [jws],
    )) as [{ n: string }];
    expect(Number(n)).toBe(1);
    // Requests this close can still pass the service's own check together; what stops the second
    // then is the database, which refuses the same JWS for the same claim twice.
    await expect(
      t.runtime.db.query(
        `INSERT INTO passport_credentials (entry_index, batch_id, claim_entry, organisation_id, kid, jws)
         SELECT entry_index + 100000, batch_id, claim_entry, organisation_id, kid, jws
           FROM passport_credentials WHERE jws = $1`,
        [jws],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('refuses a credential that says something else, a key that is not the maker’s, a wrong type, and strangers, writing nothing', async () => {
    const { credential } = (await t.call('GET', `/v1/batches/${batchId}/passport-credential`, maker)).json();
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const boasting = {
      ...credential,
      credentialSubject: {
        ...credential.credentialSubject,
        traceabilityInformation: [
          { ...credential.credentialSubject.traceabilityInformation[0], verifiedRatio: 1 },
        ],
      },
    };
    const stranger = await t.token('procurement', {
      organisationId: (await t.seedOrganisations({ Stranger: 'brand' })).Stranger,
    });
    const before = await size();
    const cases: [string, string, number, RegExp | undefined][] = [
      [maker, await sign(boasting), 400, /not the one drafted/],
      [maker, await sign(credential, {}, other.privateKey), 400, /does not verify/],
      [
        maker,
        await sign(credential, { kid: `${kid.split('#')[0]}#not-a-key` }),
        400,
        /registered, unrevoked keys/,
      ],
      [maker, await sign(credential, { typ: 'JWT' }), 400, /typ must be "vc\+jwt"/],
      [stranger, await sign(credential), 404, undefined],
    ];
    for (const [token, jws, status, detail] of cases) {
      const res = await t.call('POST', `/v1/batches/${batchId}/passport-credential`, token, { jws });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (detail)
        expect(res.json().errors[0]).toMatchObject({
          pointer: '/jws',
          detail: expect.stringMatching(detail),
        });
    }
    const malformed = await t.call('POST', `/v1/batches/${batchId}/passport-credential`, maker, {
      jws: 'not a jws',
    });
    expect(malformed.statusCode).toBe(400);
    expect(await size()).toBe(before);
    // The credential served is still the one issued before.
    const served = await t.app.inject(`${PASSPORT}?format=vc`);
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(served.body.split('.')[1]!)))).toEqual(
      credential,
    );
  });
});
