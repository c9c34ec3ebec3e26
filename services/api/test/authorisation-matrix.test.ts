// The authorisation matrix (decision 0003): every route the app registers, asked by every kind of
// caller about one target supplier's records, with the answer each must get. The route list is read
// from the app itself (an onRoute hook), so a route added without a row here fails the first test.
//
// The world: brand A buys from exporter K, which buys from cooperative T (both accepted). K keeps
// T's records (T is "managed"). Brand B has its own supplier SB and has only *proposed* to buy from T.
// Brand C is a stranger. Auditor G holds A's grant; auditor N holds none.
//
// Outcomes: 'ok' = authorised (any status but 401/403/404: a body may still be refused with 400/409/
// 422); 401/403/404 = refused with exactly that status AND the ledger unchanged.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../../../packages/evidence/test/fixtures.ts';
import { writeCog } from '../../../packages/forest/test/cog.ts';
import app from '../src/app.ts';
import type { Role } from '../src/auth.ts';
import { buildTestApp, square, type TestApp } from './helper.ts';

const CALLERS = [
  'anonymous',
  'admin',
  'own', // a user of T
  'keeper', // a user of K, which keeps T's records
  'partner', // brand A's procurement: T is in its accepted chain
  'partnerCompliance', // brand A's compliance officer
  'proposed', // brand B's procurement: proposed to buy from T, not accepted
  'stranger', // brand C's procurement
  'strangerSupplier', // a user of SB, brand B's supplier
  'auditorGranted', // auditor G, granted by brand A
  'auditorOther', // auditor N, no grant
] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'ok' | 401 | 403 | 404 | 'rowRefused' | 'itemRefused';

const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, Role> = {
  admin: 'admin',
  own: 'supplier',
  keeper: 'supplier',
  partner: 'procurement',
  partnerCompliance: 'compliance',
  proposed: 'procurement',
  stranger: 'procurement',
  strangerSupplier: 'supplier',
  auditorGranted: 'auditor',
  auditorOther: 'auditor',
};

/** What each caller gets from an object check on T (after the route's role gate). */
const READ_T: Record<Exclude<Caller, 'anonymous'>, Outcome> = {
  admin: 'ok',
  own: 'ok',
  keeper: 'ok',
  partner: 'ok',
  partnerCompliance: 'ok',
  auditorGranted: 'ok',
  proposed: 404,
  stranger: 404,
  strangerSupplier: 404,
  auditorOther: 404,
};
/** Writing for T: its own users, its keeper and admins; seeing it is not enough. */
const WRITE_T: typeof READ_T = {
  ...READ_T,
  partner: 403,
  partnerCompliance: 403,
  auditorGranted: 403,
};
const EVERYONE: typeof READ_T = Object.fromEntries(
  Object.keys(READ_T).map((c) => [c, 'ok' as Outcome]),
) as typeof READ_T;
const ALL_ROLES: Role[] = ['admin', 'procurement', 'compliance', 'auditor', 'supplier'];
const WRITERS: Role[] = ['admin', 'procurement', 'supplier'];

/** The route's role gate (401 without a token, 403 for a role it does not take), then the object check. */
function gated(roles: Role[], objectCheck: typeof READ_T, overrides: Partial<Record<Caller, Outcome>> = {}) {
  return Object.fromEntries(
    CALLERS.map((c) => [
      c,
      overrides[c] ??
        (c === 'anonymous' ? 401 : roles.includes(ROLE_OF[c]) ? objectCheck[c] : (403 as Outcome)),
    ]),
  ) as Record<Caller, Outcome>;
}
const PUBLIC = Object.fromEntries(CALLERS.map((c) => [c, 'ok'])) as Record<Caller, Outcome>;

interface World {
  [key: string]: string;
}
interface Request {
  url: string;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}
interface Row {
  expect: Record<Caller, Outcome>;
  /** Builds the request; may first create a fresh object (writes before the size is measured). */
  request: (w: World, caller: Caller) => Request | Promise<Request>;
}

let t: TestApp;
const w: World = {};
const tokens: Partial<Record<Caller, string>> = {};
let signT: (payload: object) => Promise<string>;
let fresh = 0;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const api = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: object) => {
  const res = await t.call(method, url, token, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
  return res;
};
const ledgerSize = async () =>
  Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_entries'))[0]!.n);

/** A fresh proposal to T (from a fresh brand), which only T's side may accept or reject. */
async function proposalToT(): Promise<string> {
  fresh++;
  const brand = (
    await api('POST', '/v1/organisations', tokens.admin!, {
      name: `Brand D${fresh}`,
      kind: 'brand',
      country: 'NL',
    })
  ).json().id;
  const token = await t.token('procurement', { organisationId: brand });
  const res = await api('POST', '/v1/relationships', token, {
    buyerId: brand,
    supplierId: w.T,
    commodity: 'cocoa',
  });
  return res.json().id;
}

const plotBody = (w: World) => ({
  organisationId: w.T,
  commodity: 'cocoa',
  country: 'GH',
  geometry: square(-1.918421, 6.523262),
});

const POLICY = {
  origin: 'countries_and_farms',
  tracedShare: true,
  suppliers: 'hidden',
  evidence: 'counts',
  findings: 'numbers',
};

/** A query of T's users: theirs alone (others have no query by that name: 404). */
const OWN_QUERY = gated(
  ALL_ROLES,
  Object.fromEntries(
    Object.keys(READ_T).map((c) => [c, c === 'own' ? 'ok' : c === 'admin' ? 403 : 404]),
  ) as typeof READ_T,
);
// A public address literal (no DNS in the test); the query matches nothing, so nothing is ever sent.
const SUBSCRIPTION = {
  dest: 'https://93.184.215.14/hook',
  signatureToken: 'matrix subscriber secret',
  stream: true,
};

const MATRIX: Record<string, Row> = {
  // Public: documentation, health, the log's own verification surface, reference data, verification.
  'GET /docs': { expect: PUBLIC, request: () => ({ url: '/docs' }) },
  'HEAD /docs/': { expect: PUBLIC, request: () => ({ url: '/docs/' }) },
  'GET /docs/static/index.html': { expect: PUBLIC, request: () => ({ url: '/docs/static/index.html' }) },
  'GET /docs/static/swagger-initializer.js': {
    expect: PUBLIC,
    request: () => ({ url: '/docs/static/swagger-initializer.js' }),
  },
  'GET /docs/json': { expect: PUBLIC, request: () => ({ url: '/docs/json' }) },
  'GET /docs/yaml': { expect: PUBLIC, request: () => ({ url: '/docs/yaml' }) },
  'GET /docs/static/*': { expect: PUBLIC, request: () => ({ url: '/docs/static/index.css' }) },
  'GET /openapi.json': { expect: PUBLIC, request: () => ({ url: '/openapi.json' }) },
  'GET /health': { expect: PUBLIC, request: () => ({ url: '/health' }) },
  // The consumer's door: the Digital Link resolver and the passport show only what was published.
  'GET /.well-known/gs1resolver': { expect: PUBLIC, request: () => ({ url: '/.well-known/gs1resolver' }) },
  'GET /01/*': { expect: PUBLIC, request: () => ({ url: '/01/04006381333931' }) },
  'OPTIONS /01/*': { expect: PUBLIC, request: () => ({ url: '/01/04006381333931' }) },
  'GET /passport/01/*': { expect: PUBLIC, request: () => ({ url: '/passport/01/04006381333931' }) },
  'GET /passport/check.js': { expect: PUBLIC, request: () => ({ url: '/passport/check.js' }) },
  // Only thumbnails a published claim made exist (none in this world): the same 404 for everyone,
  // whoever asks; passport-policy.test.ts fetches a real one anonymously.
  'GET /passport/thumbnails/:name': {
    expect: Object.fromEntries(CALLERS.map((c) => [c, 404])) as Record<Caller, Outcome>,
    request: () => ({ url: `/passport/thumbnails/${'a'.repeat(64)}.jpg` }),
  },
  // The viewer's page and assets: public files; what it shows comes from the API with the caller's token.
  'GET /viewer': { expect: PUBLIC, request: () => ({ url: '/viewer?batch=x' }) },
  'GET /viewer/*': { expect: PUBLIC, request: () => ({ url: '/viewer/' }) },
  'GET /ready': { expect: PUBLIC, request: () => ({ url: '/ready' }) },
  'GET /v1/ledger/checkpoint': { expect: PUBLIC, request: () => ({ url: '/v1/ledger/checkpoint' }) },
  'GET /v1/ledger/key': { expect: PUBLIC, request: () => ({ url: '/v1/ledger/key' }) },
  'GET /v1/ledger/checkpoints': { expect: PUBLIC, request: () => ({ url: '/v1/ledger/checkpoints' }) },
  'GET /v1/ledger/proofs/inclusion': {
    expect: PUBLIC,
    request: () => ({ url: '/v1/ledger/proofs/inclusion?index=0&treeSize=2' }),
  },
  'GET /v1/ledger/proofs/consistency': {
    expect: PUBLIC,
    request: () => ({ url: '/v1/ledger/proofs/consistency?from=1&to=2' }),
  },
  // The log's entries are public since selective disclosure: confidential fields are only commitments.
  'GET /v1/ledger/entries': {
    expect: PUBLIC,
    request: () => ({ url: '/v1/ledger/entries?start=0&limit=1' }),
  },
  // Disclosures: an entry's published fields are anyone's (more with the right to read its owner's
  // records); publishing is a write for the owner (its users, its keeper, an admin).
  'GET /v1/ledger/entries/:index/disclosures': {
    expect: PUBLIC,
    request: (w) => ({ url: `/v1/ledger/entries/${w.registeredT}/disclosures` }),
  },
  'POST /v1/disclosures/publications': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: '/v1/disclosures/publications',
      body: { entryIndex: Number(w.registeredT), fields: ['name'] },
    }),
  },
  'GET /v1/ledger/tile/*': { expect: PUBLIC, request: () => ({ url: '/v1/ledger/tile/0/000' }) },
  // The full audit of the stored log: running one is an admin's; its last result is also an auditor's.
  'POST /v1/ledger/audit': {
    expect: gated(['admin'], EVERYONE),
    request: () => ({ url: '/v1/ledger/audit' }),
  },
  'GET /v1/ledger/audit': {
    expect: gated(['admin', 'auditor'], EVERYONE),
    request: async () => {
      // Until an audit has run there is no last result (404 for everyone): run one first.
      await api('POST', '/v1/ledger/audit', tokens.admin!);
      return { url: '/v1/ledger/audit' };
    },
  },
  'GET /v1/imports/:kind/template.csv': {
    expect: PUBLIC,
    request: () => ({ url: '/v1/imports/plots/template.csv' }),
  },
  'GET /v1/reference': { expect: PUBLIC, request: () => ({ url: '/v1/reference' }) },
  'POST /v1/verify': {
    expect: PUBLIC,
    request: () => ({ url: '/v1/verify', body: { sha256: '0'.repeat(64) } }),
  },
  'POST /v1/verify/file': {
    expect: PUBLIC,
    request: () => ({
      url: '/v1/verify/file',
      raw: jpeg('unknown'),
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  'GET /epcis/eventTypes': { expect: PUBLIC, request: () => ({ url: '/epcis/eventTypes' }) },

  'OPTIONS /epcis/capture': { expect: PUBLIC, request: () => ({ url: '/epcis/capture' }) },
  'POST /epcis/capture': {
    // A capture is recorded for the capturer's own organisation; the body here is not a document (400).
    // An operator token names no organisation to capture for.
    expect: gated(WRITERS, { ...EVERYONE, admin: 403 }),
    request: () => ({ url: '/epcis/capture', body: { type: 'EPCISDocument' } }),
  },

  // Named queries and their subscriptions (decision 0026): an organisation's own, under names of its
  // own, so only T's users reach T's query; an operator token names no organisation (403).
  'POST /epcis/queries': {
    expect: gated(ALL_ROLES, { ...EVERYONE, admin: 403 }),
    request: () => ({
      url: '/epcis/queries',
      body: { name: `q${++fresh}`, query: { EQ_bizStep: 'destroying' } },
    }),
  },
  'GET /epcis/queries': {
    expect: gated(ALL_ROLES, { ...EVERYONE, admin: 403 }),
    request: () => ({ url: '/epcis/queries' }),
  },
  'GET /epcis/queries/:queryName': { expect: OWN_QUERY, request: () => ({ url: '/epcis/queries/matrix' }) },
  'DELETE /epcis/queries/:queryName': {
    expect: OWN_QUERY,
    request: async () => {
      const name = `gone${++fresh}`;
      await api('POST', '/epcis/queries', tokens.own!, { name, query: { EQ_bizStep: 'destroying' } });
      return { url: `/epcis/queries/${name}` };
    },
  },
  'GET /epcis/queries/:queryName/events': {
    expect: OWN_QUERY,
    request: () => ({ url: '/epcis/queries/matrix/events' }),
  },
  'POST /epcis/queries/:queryName/subscriptions': {
    expect: OWN_QUERY,
    request: () => ({ url: '/epcis/queries/matrix/subscriptions', body: SUBSCRIPTION }),
  },
  'GET /epcis/queries/:queryName/subscriptions': {
    expect: OWN_QUERY,
    request: () => ({ url: '/epcis/queries/matrix/subscriptions' }),
  },
  'GET /epcis/queries/:queryName/subscriptions/:subscriptionID': {
    expect: OWN_QUERY,
    request: (w) => ({ url: `/epcis/queries/matrix/subscriptions/${w.subscription}` }),
  },
  'DELETE /epcis/queries/:queryName/subscriptions/:subscriptionID': {
    expect: OWN_QUERY,
    request: async () => {
      const id = (await api('POST', '/epcis/queries/matrix/subscriptions', tokens.own!, SUBSCRIPTION)).json()
        .subscriptionID;
      return { url: `/epcis/queries/matrix/subscriptions/${id}` };
    },
  },
  'GET /epcis/queries/:queryName/subscriptions/:subscriptionID/deadLetters': {
    expect: OWN_QUERY,
    request: (w) => ({ url: `/epcis/queries/matrix/subscriptions/${w.subscription}/deadLetters` }),
  },

  // The registry.
  'POST /v1/organisations': {
    // Procurement registers suppliers (which its organisation then keeps); admins register anything.
    expect: gated(['admin', 'procurement'], EVERYONE),
    request: () => ({
      url: '/v1/organisations',
      body: { name: `New ${++fresh}`, kind: 'supplier', country: 'GH' },
    }),
  },
  // Lists answer with what the caller may see (filtered, never refused by object); any role may ask.
  'GET /v1/organisations': {
    expect: gated(ALL_ROLES, EVERYONE),
    request: () => ({ url: '/v1/organisations' }),
  },
  'HEAD /v1/organisations/': {
    expect: gated(ALL_ROLES, EVERYONE),
    request: () => ({ url: '/v1/organisations/' }),
  },
  'GET /v1/organisations/:id/plots': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/plots` }),
  },
  'GET /v1/products': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/products' }) },
  'GET /v1/products/:id/qr': {
    expect: gated(ALL_ROLES, READ_T),
    request: () => ({ url: '/v1/products/4006381333931/qr' }),
  },
  // Passport credentials: the product's organisation drafts and signs (409 here: no claim yet);
  // its did:web document is public, as the keys in it are public entries of the log.
  'GET /v1/batches/:id/passport-credential': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], WRITE_T),
    request: (w) => ({ url: `/v1/batches/${w.productBatch}/passport-credential` }),
  },
  'POST /v1/batches/:id/passport-credential': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], WRITE_T),
    request: (w) => ({
      url: `/v1/batches/${w.productBatch}/passport-credential`,
      body: { jws: 'e30.e30.c2ln' },
    }),
  },
  'GET /organisations/:id/did.json': {
    expect: PUBLIC,
    request: (w) => ({ url: `/organisations/${w.T}/did.json` }),
  },
  // Passport policies: public in effect (every passport shows their result), so partners may read;
  // only the organisation itself (or its keeper, or an admin) sets one.
  'GET /v1/organisations/:id/passport-policy': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/passport-policy` }),
  },
  'PUT /v1/organisations/:id/passport-policy': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/passport-policy`, body: POLICY }),
  },
  'GET /v1/products/:gtin/passport-policy': {
    expect: gated(ALL_ROLES, READ_T),
    request: () => ({ url: '/v1/products/4006381333931/passport-policy' }),
  },
  'PUT /v1/products/:gtin/passport-policy': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], WRITE_T),
    request: () => ({ url: '/v1/products/4006381333931/passport-policy', body: POLICY }),
  },
  'HEAD /v1/products/': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/products/' }) },
  'GET /v1/batches': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/batches' }) },
  'HEAD /v1/batches/': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/batches/' }) },
  // The onboarding queue is the parties' (auditors have no onboarding of their own).
  'GET /v1/onboarding': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], EVERYONE),
    request: () => ({ url: '/v1/onboarding' }),
  },
  'GET /v1/organisations/:id': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}` }),
  },
  'GET /v1/organisations/:id/supply-chain': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/supply-chain` }),
  },
  'PUT /v1/organisations/:id/manager': {
    // Only the supplier itself (or an admin) moves its records; the current keeper cannot.
    expect: gated(WRITERS, WRITE_T, { keeper: 403 }),
    request: (w) => ({ url: `/v1/organisations/${w.T}/manager`, body: { managerId: w.K } }),
  },
  'POST /v1/relationships': {
    // K → T for coffee: T (one side) proposes, K (keeps both) and admins declare; A acts for neither.
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: '/v1/relationships',
      body: { buyerId: w.K, supplierId: w.T, commodity: 'coffee' },
    }),
  },
  'POST /v1/relationships/:id/acceptance': {
    expect: gated(WRITERS, WRITE_T, { partner: 404 }),
    request: async () => ({ url: `/v1/relationships/${await proposalToT()}/acceptance`, body: {} }),
  },
  'POST /v1/relationships/:id/rejection': {
    expect: gated(WRITERS, WRITE_T, { partner: 404 }),
    request: async () => ({
      url: `/v1/relationships/${await proposalToT()}/rejection`,
      body: { reason: 'unknown buyer' },
    }),
  },
  'GET /v1/organisations/:id/relationship-proposals': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/relationship-proposals` }),
  },
  'POST /v1/organisations/:id/contacts': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/contacts`, body: { name: 'Ama Mensah' } }),
  },
  'GET /v1/organisations/:id/contacts': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/contacts` }),
  },
  'DELETE /v1/organisations/:id/contacts/:contactId': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/contacts/${w.contact}` }),
  },
  'POST /v1/organisations/:brandId/auditor-grants': {
    // The brand's own team; the brand is A here.
    expect: gated(['admin', 'procurement', 'compliance'], { ...EVERYONE, proposed: 404, stranger: 404 }),
    request: (w) => ({ url: `/v1/organisations/${w.A}/auditor-grants`, body: { auditorId: w.G } }),
  },
  'DELETE /v1/organisations/:brandId/auditor-grants/:auditorId': {
    expect: gated(['admin', 'procurement', 'compliance'], { ...EVERYONE, proposed: 404, stranger: 404 }),
    request: async (w) => {
      // A fresh auditor each time, so G keeps its grant for the other rows.
      const auditor = (
        await api('POST', '/v1/organisations', tokens.admin!, {
          name: `Auditor ${++fresh}`,
          kind: 'auditor',
          country: 'GB',
        })
      ).json().id;
      await api('POST', `/v1/organisations/${w.A}/auditor-grants`, tokens.admin!, { auditorId: auditor });
      return { url: `/v1/organisations/${w.A}/auditor-grants/${auditor}` };
    },
  },
  // The audit workflow (decision 0024): the opening brand's compliance team opens and assigns; the
  // assigned auditor (G) records and concludes; an action's owner (T, and K that keeps its records)
  // reports it done. Whoever stands in no way in the audit gets 404.
  'POST /v1/audits': {
    expect: gated(['admin', 'compliance'], EVERYONE),
    request: (w) => ({
      url: '/v1/audits',
      body: {
        brandId: w.A,
        title: 'Matrix',
        scope: { kind: 'chain' },
        period: { from: '2026-01-01', to: '2026-02-01' },
      },
    }),
  },
  'GET /v1/audits': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/audits' }) },
  'HEAD /v1/audits/': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/audits/' }) },
  'GET /v1/audits/:auditId': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/audits/${w.audit}` }),
  },
  'GET /v1/audits/lot-statements/:batchId': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/audits/lot-statements/${w.batch}` }),
  },
  'POST /v1/audits/:auditId/assignment': {
    expect: gated(['admin', 'compliance'], EVERYONE),
    request: async (w) => {
      // A fresh audit each time: an audit is assigned once.
      const audit = (
        await api('POST', '/v1/audits', tokens.partnerCompliance!, {
          brandId: w.A,
          title: `Matrix ${++fresh}`,
          scope: { kind: 'supplier', organisationId: w.T },
          period: { from: '2026-01-01', to: '2026-02-01' },
        })
      ).json().id;
      return { url: `/v1/audits/${audit}/assignment`, body: { auditorId: w.G, accessUntil: inDays(10) } };
    },
  },
  'POST /v1/audits/:auditId/findings': {
    expect: gated(['auditor'], READ_T),
    request: (w) => ({
      url: `/v1/audits/${w.audit}/findings`,
      body: { severity: 'minor', concerns: { kind: 'organisation', id: w.T }, text: 'Matrix finding' },
    }),
  },
  'POST /v1/audits/:auditId/findings/:findingId/corrective-actions': {
    expect: gated(['admin', 'compliance', 'auditor'], READ_T),
    request: (w) => ({
      url: `/v1/audits/${w.audit}/findings/${w.auditFinding}/corrective-actions`,
      body: { ownerId: w.T, dueDate: '2026-12-31', description: 'Matrix action' },
    }),
  },
  'POST /v1/audits/:auditId/corrective-actions/:actionId/progress': {
    // Done is the owner's word: A's procurement and the auditor stand in the audit but own nothing.
    expect: gated(['admin', 'procurement', 'supplier', 'auditor'], {
      ...READ_T,
      partner: 403,
      auditorGranted: 403,
    }),
    request: async (w) => {
      // A fresh open action each time, so every caller meets the same status.
      const action = (
        await api(
          'POST',
          `/v1/audits/${w.audit}/findings/${w.auditFinding}/corrective-actions`,
          tokens.auditorGranted!,
          {
            ownerId: w.T,
            dueDate: '2026-12-31',
            description: `Matrix action ${++fresh}`,
          },
        )
      ).json().id;
      return { url: `/v1/audits/${w.audit}/corrective-actions/${action}/progress`, body: { status: 'done' } };
    },
  },
  'POST /v1/audits/:auditId/conclusion': {
    // Not a JWS: the assigned auditor is authorised (and refused with 400); the audit stays open.
    expect: gated(['auditor'], READ_T),
    request: (w) => ({ url: `/v1/audits/${w.audit}/conclusion`, body: { jws: 'e30.e30.c2ln' } }),
  },
  'POST /v1/plots': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({ url: '/v1/plots', body: plotBody(w) }),
  },
  'GET /v1/plots/:id': { expect: gated(ALL_ROLES, READ_T), request: (w) => ({ url: `/v1/plots/${w.plot}` }) },
  'POST /v1/imports/:kind': {
    // Each row is checked as its own write: a refused row is reported (422) and nothing is written.
    expect: gated(['admin', 'procurement'], {
      ...EVERYONE,
      partner: 'rowRefused',
      proposed: 'rowRefused',
      stranger: 'rowRefused',
    }),
    request: (w) => ({
      url: '/v1/imports/plots',
      body: { rows: [{ ...plotBody(w), geometry: JSON.stringify(square(-1.928421, 6.533262)) }] },
    }),
  },
  'POST /v1/products': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: '/v1/products',
      body: { gtin: '4006381333931', name: 'Cocoa beans', commodity: 'cocoa', organisationId: w.T },
    }),
  },
  'GET /v1/products/:id': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/products/${w.product}` }),
  },
  'POST /v1/events': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: '/v1/events',
      body: {
        type: 'harvest',
        plotId: w.plot,
        season: '2026 light crop',
        eventTime: '2026-06-20T08:00:00Z',
        output: { lot: `T-${++fresh}`, quantity: { value: '10', unit: 'KGM' } },
      },
    }),
  },
  'POST /v1/events/:id/void': {
    // A fresh harvest of T's each time, so an allowed void never meets an already voided event.
    expect: gated(WRITERS, WRITE_T),
    request: async (w) => {
      const harvest = await api('POST', '/v1/events', tokens.own!, {
        type: 'harvest',
        plotId: w.plot,
        season: '2026 light crop',
        eventTime: '2026-06-21T08:00:00Z',
        output: { lot: `V-${++fresh}`, quantity: { value: '10', unit: 'KGM' } },
      });
      return {
        url: `/v1/events/${harvest.json().eventId}/void`,
        body: { reason: 'did_not_occur', explanation: 'matrix: recorded twice' },
      };
    },
  },
  'POST /v1/events/:id/receipt': {
    // T's transfer to K: the receiver K (its users, an admin) confirms; A sees K but may not write for it;
    // T, the sender, cannot see its buyer K (visibility runs downstream) so learns nothing (404).
    expect: gated(WRITERS, {
      ...EVERYONE,
      own: 404,
      partner: 403,
      partnerCompliance: 403,
      auditorGranted: 403,
      proposed: 404,
      stranger: 404,
      strangerSupplier: 404,
      auditorOther: 404,
    }),
    request: (w) => ({
      url: `/v1/events/${w.transfer}/receipt`,
      body: { quantity: { value: '100', unit: 'KGM' } },
    }),
  },
  'GET /v1/batches/:id': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}` }),
  },
  'GET /v1/batches/:id/trace': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/trace` }),
  },
  // EUDR exports read what the trace reads; recording an upstream statement is a write for the holder.
  'GET /v1/batches/:id/eudr/geojson': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/eudr/geojson` }),
  },
  'GET /v1/batches/:id/eudr/statement': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/eudr/statement` }),
  },
  'POST /v1/batches/:id/eudr/upstream-statements': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: `/v1/batches/${w.batch}/eudr/upstream-statements`,
      body: { referenceNumber: `26GH${String(++fresh).padStart(10, '0')}`, verificationNumber: 'KSEDLN4G' },
    }),
  },

  // Audit reports (decision 0023): a lot for whoever may trace it, a supplier for whoever sees it, a
  // brand's chain for the brand's users, its granted auditors and admins (nobody upstream sees a brand).
  'GET /v1/reports/:scope/:id': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/reports/suppliers/${w.T}` }),
  },
  'GET /v1/reports/:scope/:id/pdf': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/reports/lots/${w.batch}/pdf` }),
  },
  'GET /v1/reports/:scope/:id/geojson': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/reports/lots/${w.batch}/geojson` }),
  },
  'GET /v1/reports/:scope/:id/csv/:table': {
    expect: gated(ALL_ROLES, { ...READ_T, own: 404, keeper: 404 }),
    request: (w) => ({ url: `/v1/reports/chains/${w.A}/csv/suppliers` }),
  },

  // Mass balance.
  'GET /v1/findings': { expect: gated(ALL_ROLES, EVERYONE), request: () => ({ url: '/v1/findings' }) },
  // One finding and its thread: whoever sees the organisation it is about.
  'GET /v1/findings/:id': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/findings/${w.finding}` }),
  },
  'POST /v1/findings/:id/resolution': {
    expect: gated(['admin', 'compliance'], READ_T),
    request: (w) => ({
      url: `/v1/findings/${w.finding}/resolution`,
      body: { justification: 'checked on site, yields fine' },
    }),
  },
  'POST /v1/mass-balance/recompute': {
    expect: gated(['admin', 'compliance'], EVERYONE),
    request: () => ({ url: '/v1/mass-balance/recompute' }),
  },
  'GET /v1/batches/:id/mass-balance': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/mass-balance` }),
  },
  'POST /v1/plots/:id/forest-check': {
    // Compliance officers and auditors who may see the plot, and the plot's own side; a buyer's
    // procurement may see it but not run checks on it.
    expect: gated(ALL_ROLES, { ...READ_T, partner: 403 }),
    request: (w) => ({ url: `/v1/plots/${w.plot}/forest-check` }),
  },
  'GET /v1/plots/:id/forest-check': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/plots/${w.plot}/forest-check` }),
  },
  'POST /v1/batches/:id/forest-check': {
    expect: gated(['admin', 'compliance', 'auditor'], READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/forest-check` }),
  },
  'GET /v1/batches/:id/forest-check': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/batches/${w.batch}/forest-check` }),
  },
  'POST /v1/reference/overrides': {
    expect: gated(['admin'], READ_T),
    request: (w) => ({
      url: '/v1/reference/overrides',
      body: {
        commodity: 'cocoa',
        plotId: w.plot,
        plausibleMax: '2000',
        justification: 'irrigated plot, agronomist report 2026-11',
      },
    }),
  },
  'PUT /v1/organisations/:id/custody-model': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: `/v1/organisations/${w.T}/custody-model`,
      body: { model: 'segregated', justification: 'segregated store, audit 2026' },
    }),
  },
  'GET /v1/organisations/:id/site-account': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/site-account` }),
  },
  'GET /v1/organisations/:id/accounting-periods': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/accounting-periods` }),
  },
  'POST /v1/organisations/:id/accounting-periods': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: `/v1/organisations/${w.T}/accounting-periods`,
      body: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
    }),
  },
  'POST /v1/organisations/:id/accounting-periods/:periodId/close': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/accounting-periods/${w.period}/close` }),
  },

  // Evidence: media go to the uploader's own organisation; keys and attestations are T's.
  'POST /v1/evidence': {
    // An operator token names no organisation to upload for.
    expect: gated(WRITERS, { ...EVERYONE, admin: 403 }),
    request: () => ({
      url: '/v1/evidence',
      raw: jpeg(`upload ${++fresh}`),
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  'GET /v1/evidence/:sha256': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/evidence/${w.sha256}` }),
  },
  'GET /v1/evidence/:sha256/content': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/evidence/${w.sha256}/content` }),
  },
  'POST /v1/organisations/:id/keys': {
    // Auditors register their own keys (for their statements): the role gate takes them, T's object
    // check then refuses one that sees T (403) and hides T from one that does not (404).
    expect: gated([...WRITERS, 'auditor'], WRITE_T),
    request: async (w) => {
      const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      return { url: `/v1/organisations/${w.T}/keys`, body: { jwk: await exportJWK(publicKey) } };
    },
  },
  'GET /v1/organisations/:id/keys': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}/keys` }),
  },
  'DELETE /v1/organisations/:id/keys/:kid': {
    expect: gated([...WRITERS, 'auditor'], WRITE_T),
    request: async (w) => {
      const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = (
        await api('POST', `/v1/organisations/${w.T}/keys`, tokens.admin!, { jwk: await exportJWK(publicKey) })
      ).json().kid;
      return { url: `/v1/organisations/${w.T}/keys/${kid}` };
    },
  },
  'POST /v1/attestations': {
    expect: gated(WRITERS, WRITE_T),
    request: async (w) => ({ url: '/v1/attestations', body: { jws: await signT(manifest(w)) } }),
  },
  'POST /v1/attestations/batch': {
    // One refused item does not refuse the batch: the item carries the 403/404.
    expect: gated(WRITERS, {
      ...WRITE_T,
      partner: 'itemRefused',
      proposed: 'itemRefused',
      stranger: 'itemRefused',
      strangerSupplier: 'itemRefused',
    }),
    request: async (w) => ({ url: '/v1/attestations/batch', body: { jws: [await signT(manifest(w))] } }),
  },
  'GET /v1/attestations': {
    expect: gated(ALL_ROLES, READ_T),
    request: (w) => ({ url: `/v1/attestations?subject=plot:${w.plot}` }),
  },
  'POST /v1/attestations/:id/statements': {
    expect: gated(['auditor', 'admin'], READ_T),
    request: (w) => ({
      url: `/v1/attestations/${w.attestation}/statements`,
      body: { jws: 'not.a.signed.statement' },
    }),
  },
  'POST /v1/attestations/:id/withdrawal': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({
      url: `/v1/attestations/${w.attestation}/withdrawal`,
      body: { reason: 'wrong plot photographed' },
    }),
  },

  // Users and tokens: a user's own business (and an admin's).
  'POST /v1/users': {
    expect: gated(['admin'], EVERYONE),
    request: (w) => ({
      url: '/v1/users',
      body: { organisationId: w.T, role: 'supplier', displayName: 'Clerk' },
    }),
  },
  'POST /v1/users/:id/tokens': {
    expect: gated(ALL_ROLES, {
      ...EVERYONE,
      ...Object.fromEntries(CALLERS.map((c) => [c, 404])),
      admin: 'ok',
    }),
    request: (w) => ({ url: `/v1/users/${w.user}/tokens`, body: { ttl: '10m' } }),
  },
  'DELETE /v1/tokens/:jti': {
    expect: gated(ALL_ROLES, {
      ...EVERYONE,
      ...Object.fromEntries(CALLERS.map((c) => [c, 404])),
      admin: 'ok',
    }),
    request: async (w) => {
      const token = (await api('POST', `/v1/users/${w.user}/tokens`, tokens.admin!, { ttl: '10m' })).json();
      return { url: `/v1/tokens/${token.jti}` };
    },
  },

  // Onboarding: brand A and supplier T (T's keeper speaks for T).
  'POST /v1/onboarding': {
    expect: gated(['admin', 'procurement', 'compliance'], { ...EVERYONE, proposed: 404, stranger: 404 }),
    request: (w, caller) => ({
      url: '/v1/onboarding',
      body: { brandId: caller === 'proposed' ? w.B : caller === 'stranger' ? w.C : w.A, supplierId: w.T },
    }),
  },
  'GET /v1/onboarding/:brandId/:supplierId': {
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], READ_T),
    request: (w) => ({ url: `/v1/onboarding/${w.A}/${w.T}` }),
  },
  'POST /v1/onboarding/:brandId/:supplierId/transitions': {
    // invited → under_review is no one's move: the parties get 409, everyone else 404.
    expect: gated(['admin', 'procurement', 'compliance', 'supplier'], READ_T),
    request: (w) => ({
      url: `/v1/onboarding/${w.A}/${w.T}/transitions`,
      body: { to: 'under_review', reason: 'matrix' },
    }),
  },
  // Invitations and self-service (issue 13 item 5, decision 0013). T's keeper K and buyer chain: brand
  // A sees T through K but buys from K, not T, so A's procurement may not invite into T (403).
  'POST /v1/invitations': {
    expect: gated(['admin', 'procurement'], { ...READ_T, partner: 403 }),
    request: (w) => ({ url: '/v1/invitations', body: { organisationId: w.T, displayName: 'Clerk' } }),
  },
  'GET /v1/invitations': {
    // A list: each caller sees the invitations its organisation made or received.
    expect: gated(['admin', 'procurement', 'supplier'], EVERYONE),
    request: (w) => ({ url: `/v1/invitations?organisation=${w.T}` }),
  },
  'POST /v1/invitations/:id/revocation': {
    // An admin's invitation (no inviting organisation): only an admin revokes it; to others it is unseen.
    expect: gated(['admin', 'procurement'], {
      ...(Object.fromEntries(CALLERS.map((c) => [c, 404])) as typeof READ_T),
      admin: 'ok',
    }),
    request: async (w) => {
      const invitation = await api('POST', '/v1/invitations', tokens.admin!, {
        organisationId: w.T,
        displayName: 'Clerk',
      });
      return { url: `/v1/invitations/${invitation.json().id}/revocation` };
    },
  },
  'POST /v1/invitations/redemption': {
    // The token is the credential: whoever holds a pending one redeems it, with or without a bearer.
    expect: PUBLIC,
    request: async (w) => {
      const invitation = await api('POST', '/v1/invitations', tokens.admin!, {
        organisationId: w.T,
        displayName: 'Clerk',
      });
      return { url: '/v1/invitations/redemption', body: { token: invitation.json().token } };
    },
  },
  'PATCH /v1/organisations/:id': {
    expect: gated(WRITERS, WRITE_T),
    request: (w) => ({ url: `/v1/organisations/${w.T}`, body: { name: `Cooperative T ${++fresh}` } }),
  },
  'POST /v1/organisations/:brandId/evidence-requirements': {
    expect: gated(['admin', 'procurement', 'compliance'], { ...EVERYONE, proposed: 403, stranger: 403 }),
    request: (w) => ({
      url: `/v1/organisations/${w.A}/evidence-requirements`,
      body: { commodity: 'cocoa', key: `req_${++fresh}`, description: 'a snapshot', stage: 'annual' },
    }),
  },
};

const manifest = (w: World) => ({
  subject: { kind: 'plot', id: w.plot },
  media: [{ sha256: w.sha256, size: Number(w.size), kind: w.kind }],
  capturedAt: '2026-11-20T09:15:00Z',
  location: { type: 'Point', coordinates: [-1.907812, 6.513901] },
  device: 'phone',
  statement: `drying tables, capture ${++fresh}`,
});

/** Every "METHOD url" the app registers (HEAD routes Fastify adds beside a GET are the GET's). */
async function registeredRoutes(): Promise<string[]> {
  const probe = Fastify();
  const routes: string[] = [];
  probe.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  await probe.register(app, { runtime: t.runtime });
  await probe.ready();
  await probe.close();
  const unique = [...new Set(routes)];
  return unique.filter((r) => !r.startsWith('HEAD ') || !unique.includes(`GET ${r.slice(5)}`));
}

let forestMap: string;

beforeAll(async () => {
  // A forest map over T's plot (64 × 96 pixels of 0.0001°, forest in the western half), for the checks.
  forestMap = await mkdtemp(join(tmpdir(), 'matrix-forest-'));
  await writeFile(
    join(forestMap, 'tile.tif'),
    writeCog({
      west: -1.91,
      north: 6.52,
      pixelWidth: 0.0001,
      pixelHeight: 0.0001,
      width: 64,
      height: 96,
      value: (c) => (c < 32 ? 1 : 0),
    }),
  );
  t = await buildTestApp({
    env: { GROUNDTRUTH_FOREST_MAP: forestMap, GROUNDTRUTH_FOREST_MAP_VERSION: 'matrix' },
  });
  tokens.admin = await t.token('admin', { subject: 'user:matrix-admin' });
  const org = async (name: string, kind: string, extra: object = {}) =>
    (await api('POST', '/v1/organisations', tokens.admin!, { name, kind, country: 'GH', ...extra })).json()
      .id;
  for (const [key, kind] of [
    ['A', 'brand'],
    ['B', 'brand'],
    ['C', 'brand'],
    ['K', 'supplier'],
    ['SB', 'supplier'],
    ['G', 'auditor'],
    ['N', 'auditor'],
  ] as const)
    w[key] = await org(`Org ${key}`, kind);
  w.T = await org('Target Cooperative', 'supplier', { role: 'cooperative', managedBy: w.K });
  for (const [buyer, supplier] of [
    ['A', 'K'],
    ['K', 'T'],
    ['B', 'SB'],
  ])
    await api('POST', '/v1/relationships', tokens.admin!, {
      buyerId: w[buyer!],
      supplierId: w[supplier!],
      commodity: 'cocoa',
    });
  const orgOf: Record<Exclude<Caller, 'anonymous' | 'admin'>, string> = {
    own: w.T!,
    keeper: w.K!,
    partner: w.A!,
    partnerCompliance: w.A!,
    proposed: w.B!,
    stranger: w.C!,
    strangerSupplier: w.SB!,
    auditorGranted: w.G!,
    auditorOther: w.N!,
  };
  for (const [caller, organisationId] of Object.entries(orgOf) as [keyof typeof orgOf, string][])
    tokens[caller] = await t.token(ROLE_OF[caller], { organisationId, subject: `user:matrix-${caller}` });
  await api('POST', `/v1/organisations/${w.A}/auditor-grants`, tokens.partner!, { auditorId: w.G });
  const proposal = await api('POST', '/v1/relationships', tokens.proposed!, {
    buyerId: w.B,
    supplierId: w.T,
    commodity: 'cocoa',
  });
  expect(proposal.json().status).toBe('proposed');

  // T's records, written by T's own user.
  w.plot = (
    await api('POST', '/v1/plots', tokens.own!, { ...plotBody(w), geometry: square(-1.908421, 6.513262) })
  ).json().id;
  // Far more than 2 ha can grow: a finding to resolve.
  w.batch = (
    await api('POST', '/v1/events', tokens.own!, {
      type: 'harvest',
      plotId: w.plot,
      season: '2025/26 main crop',
      eventTime: '2025-12-15T08:00:00Z',
      output: { lot: 'T-M26', quantity: { value: '50000', unit: 'KGM' } },
    })
  ).json().batchIds[0];
  // T sells 100 kg of it to K (accepted K → T): the transfer K confirms receiving.
  w.transfer = (
    await api('POST', '/v1/events', tokens.own!, {
      type: 'transfer',
      fromOrganisationId: w.T,
      toOrganisationId: w.K,
      eventTime: '2026-01-10T08:00:00Z',
      input: { batchId: w.batch, quantity: { value: '100', unit: 'KGM' } },
      output: { lot: 'T-K-1', quantity: { value: '100', unit: 'KGM' } },
    })
  ).json().eventId;
  w.registeredT = String((await api('GET', `/v1/organisations/${w.T}`, tokens.admin!)).json().entryIndex);
  await api('POST', '/v1/mass-balance/recompute', tokens.admin!);
  const findings = (await api('GET', '/v1/findings', tokens.own!)).json() as { id: string }[];
  expect(findings.length).toBeGreaterThan(0);
  w.finding = findings[0]!.id;
  // A stored forest check of T's plot, for the reads.
  await api('POST', `/v1/plots/${w.plot}/forest-check`, tokens.admin!);
  w.contact = (
    await api('POST', `/v1/organisations/${w.T}/contacts`, tokens.own!, { name: 'Kofi Boateng' })
  ).json().id;
  w.product = (
    await api('POST', '/v1/products', tokens.own!, {
      gtin: '4006381333931',
      name: 'Cocoa beans',
      commodity: 'cocoa',
      organisationId: w.T,
    })
  ).json().id;
  // A lot of that product, whose passport credential only T's side may draft and issue.
  w.productBatch = (
    await api('POST', '/v1/events', tokens.own!, {
      type: 'harvest',
      plotId: w.plot,
      season: '2025/26 main crop',
      eventTime: '2025-12-16T08:00:00Z',
      output: { lot: 'T-P1', productId: w.product, quantity: { value: '10', unit: 'KGM' } },
    })
  ).json().batchIds[0];
  w.period = (
    await api('POST', `/v1/organisations/${w.T}/accounting-periods`, tokens.own!, {
      start: '2026-03-01T00:00:00Z',
      end: '2026-04-01T00:00:00Z',
    })
  ).json().id;
  const upload = await t.app.inject({
    method: 'POST',
    url: '/v1/evidence',
    payload: jpeg('a drying table at the cooperative'),
    headers: { authorization: `Bearer ${tokens.own}`, 'content-type': 'application/octet-stream' },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  Object.assign(w, {
    sha256: upload.json().sha256,
    size: String(upload.json().size),
    kind: upload.json().kind,
  });
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = (
    await api('POST', `/v1/organisations/${w.T}/keys`, tokens.own!, { jwk: await exportJWK(publicKey) })
  ).json().kid;
  signT = (payload) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
  w.attestation = (
    await api('POST', '/v1/attestations', tokens.own!, { jws: await signT(manifest(w)) })
  ).json().attestationId;
  await api('POST', '/v1/onboarding', tokens.partner!, { brandId: w.A, supplierId: w.T });
  // An audit of T opened by A's compliance officer and assigned to G, with a finding about T.
  w.audit = (
    await api('POST', '/v1/audits', tokens.partnerCompliance!, {
      brandId: w.A,
      title: 'Matrix audit',
      scope: { kind: 'supplier', organisationId: w.T },
      period: { from: '2026-01-01', to: '2026-06-30' },
    })
  ).json().id;
  await api('POST', `/v1/audits/${w.audit}/assignment`, tokens.partnerCompliance!, {
    auditorId: w.G,
    accessUntil: inDays(30),
  });
  w.auditFinding = (
    await api('POST', `/v1/audits/${w.audit}/findings`, tokens.auditorGranted!, {
      severity: 'major',
      concerns: { kind: 'organisation', id: w.T },
      text: 'Matrix finding',
    })
  ).json().id;
  // T owns an action in it: T's users (and K, which keeps T's records) stand in the audit.
  await api(
    'POST',
    `/v1/audits/${w.audit}/findings/${w.auditFinding}/corrective-actions`,
    tokens.auditorGranted!,
    {
      ownerId: w.T,
      dueDate: '2026-12-31',
      description: 'Matrix action',
    },
  );
  w.user = (
    await api('POST', '/v1/users', tokens.admin!, {
      organisationId: w.T,
      role: 'supplier',
      displayName: 'Cooperative clerk',
    })
  ).json().id;
  // An EPCIS capture by T: its job, and the event it stored.
  w.eventID = `urn:uuid:${randomUUID()}`;
  const captured = await t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: JSON.stringify({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-10-01T09:00:00.000Z',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventID: w.eventID,
            eventTime: '2026-10-01T08:00:00.000+00:00',
            eventTimeZoneOffset: '+00:00',
            epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
            action: 'OBSERVE',
            bizStep: 'shipping',
            disposition: 'in_transit',
            readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
          },
        ],
      },
    }),
    headers: { authorization: `Bearer ${tokens.own}`, 'content-type': 'application/ld+json' },
  });
  expect(captured.statusCode, captured.body).toBe(202);
  w.captureID = captured.json().captureID;
  await api('POST', '/epcis/queries', tokens.own!, { name: 'matrix', query: { EQ_bizStep: 'destroying' } });
  w.subscription = (
    await api('POST', '/epcis/queries/matrix/subscriptions', tokens.own!, SUBSCRIPTION)
  ).json().subscriptionID;
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(forestMap, { recursive: true, force: true });
});

/** EPCIS query routes answer with what the caller can see; only a capture job is its capturer's alone. */
function epcisRow(route: string): Row | undefined {
  const [method, url] = route.split(' ') as [string, string];
  if (method !== 'GET' || !url.startsWith('/epcis/')) return undefined;
  if (url === '/epcis/capture/:captureID')
    return {
      expect: gated(ALL_ROLES, {
        ...READ_T,
        keeper: 404,
        partner: 404,
        partnerCompliance: 404,
        auditorGranted: 404,
      }),
      request: (w) => ({ url: `/epcis/capture/${w.captureID}` }),
    };
  if (url === '/epcis/events/:eventID')
    return {
      expect: gated(ALL_ROLES, READ_T),
      request: (w) => ({ url: `/epcis/events/${encodeURIComponent(w.eventID!)}` }),
    };
  // Listings (events, event types, vocabularies): filtered by visibility, open to every role.
  return {
    expect: gated(ALL_ROLES, EVERYONE),
    request: () => ({
      url: url
        .replace(':eventType', 'ObjectEvent')
        .replace(/:[A-Za-z]+/g, 'urn%3Aepc%3Aid%3Asgtin%3A0614141.107346.2017'),
    }),
  };
}

const rowFor = (route: string): Row | undefined => MATRIX[route] ?? epcisRow(route);

describe('authorisation matrix', () => {
  it('has a row for every registered route (a new route needs one)', async () => {
    const missing = (await registeredRoutes()).filter((route) => !rowFor(route));
    expect(missing).toEqual([]);
  });

  it('has no row for a route that does not exist', async () => {
    const routes = new Set(await registeredRoutes());
    expect(Object.keys(MATRIX).filter((route) => !routes.has(route))).toEqual([]);
  });

  it('answers every route × caller as the matrix says, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of await registeredRoutes()) {
      const row = rowFor(route)!;
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
      // Refusals first, so an allowed write (an erasure, a withdrawal) cannot change what they meet.
      const callers = [...CALLERS].sort(
        (a, b) => Number(row.expect[a] === 'ok') - Number(row.expect[b] === 'ok'),
      );
      for (const caller of callers) {
        const expected = row.expect[caller];
        const request = await row.request(w, caller);
        const before = await ledgerSize();
        const res = await t.app.inject({
          method,
          url: request.url,
          ...(request.raw
            ? { payload: request.raw }
            : request.body !== undefined
              ? { payload: request.body as object }
              : {}),
          headers: {
            ...(request.headers ?? {}),
            ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` }),
          },
        });
        checked++;
        const written = (await ledgerSize()) !== before;
        const status = res.statusCode;
        const say = (why: string) =>
          failures.push(`${route} as ${caller}: ${why} (${status} ${res.body.slice(0, 160)})`);
        if (status >= 500) say('server error');
        else if (expected === 'ok') {
          if ([401, 403, 404].includes(status)) say('refused, expected authorised');
        } else if (expected === 'rowRefused') {
          if (status !== 422 || res.json().rows?.[0]?.status !== 'rejected')
            say('expected the row refused (422)');
          if (written) say('refused but wrote to the ledger');
        } else if (expected === 'itemRefused') {
          if (status !== 200 || ![403, 404].includes(res.json().results?.[0]?.status))
            say('expected the item refused');
          if (written) say('refused but wrote to the ledger');
        } else {
          if (status !== expected) say(`expected ${expected}`);
          if (written) say('refused but wrote to the ledger');
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 600_000);
});
