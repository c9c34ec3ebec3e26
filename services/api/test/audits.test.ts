// The audit workflow (decision 0024) through the API, on the database under test: the round trip
// open → assign → finding → corrective action → signed conclusion appends exactly its entries, the
// auditor's grant reads only the scope and ends when the audit closes, every refusal writes nothing,
// bad input is a 400 naming the field, and a conclusion not signed by the auditor's own key is refused.
import { decodeEntry } from '@groundtruth/ledger';
import { verifyCompactJws } from '@groundtruth/verify';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openedEntry, square, type TestApp } from './helper.ts';

let t: TestApp;
const ids: Record<string, string> = {};
const tok: Record<string, string> = {};
const signers: Record<string, { sign: (payload: object) => Promise<string>; jwk: JWK; kid: string }> = {};

const call = (method: 'GET' | 'POST', url: string, token: string, body?: object) =>
  t.call(method, url, token, body);
async function ok(method: 'GET' | 'POST', url: string, token: string, body?: object) {
  const res = await call(method, url, token, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** The ledger's size and every audit table's row count: what a refusal must leave as it was. */
async function footprint() {
  const [row] = await t.runtime.db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM ledger_entries) AS entries, (SELECT count(*) FROM audits) AS audits,
       (SELECT count(*) FROM audit_findings) AS findings, (SELECT count(*) FROM audit_corrective_actions) AS actions,
       (SELECT count(*) FROM auditor_grants) AS grants,
       (SELECT string_agg(id::text || status || coalesce(auditor_id::text, ''), ',' ORDER BY id) FROM audits) AS statuses,
       (SELECT string_agg(id::text || status, ',' ORDER BY id) FROM audit_corrective_actions) AS action_statuses`,
  );
  return row!;
}

/** The types and subjects of the entries appended since `from`, in log order. */
async function entriesSince(from: number) {
  const rows = await t.runtime.db.query<{ idx: string; data: Uint8Array }>(
    'SELECT idx, data FROM ledger_entries WHERE idx >= $1 ORDER BY idx',
    [String(from)],
  );
  return rows.map((r) => ({ index: Number(r.idx), ...decodeEntry(new Uint8Array(r.data)) }));
}
const ledgerSize = async () => Number((await footprint()).entries);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function openAudit(scope: object, token = tok.compliance!) {
  return (
    await ok('POST', '/v1/audits', token, {
      brandId: ids.A,
      title: 'Labour practices at the cooperative',
      scope,
      period: { from: '2026-01-01', to: '2026-06-30' },
    })
  ).id as string;
}
async function assigned(scope: object, auditor = ids.G!) {
  const id = await openAudit(scope);
  await ok('POST', `/v1/audits/${id}/assignment`, tok.compliance!, {
    auditorId: auditor,
    accessUntil: inDays(30),
  });
  return id;
}
const conclusion = (audit: string, findings: string[]) => ({
  audit,
  verdict: 'conforming_with_findings',
  summary: 'Wages paid late in March; paid in full since.',
  findings,
});

beforeAll(async () => {
  t = await buildTestApp();
  tok.admin = await t.token('admin');
  // Brand A buys from exporter K, which buys from cooperative T; brand B buys from S. G and N audit.
  Object.assign(
    ids,
    await t.seedOrganisations(
      { A: 'brand', B: 'brand', K: 'supplier', T: 'supplier', S: 'supplier', G: 'auditor', N: 'auditor' },
      [
        ['A', 'K'],
        ['K', 'T'],
        ['B', 'S'],
      ],
    ),
  );
  tok.compliance = await t.token('compliance', { organisationId: ids.A, subject: 'user:a-compliance' });
  tok.procurement = await t.token('procurement', { organisationId: ids.A, subject: 'user:a-procurement' });
  tok.otherCompliance = await t.token('compliance', { organisationId: ids.B, subject: 'user:b-compliance' });
  tok.G = await t.token('auditor', { organisationId: ids.G, subject: 'user:g-auditor' });
  tok.N = await t.token('auditor', { organisationId: ids.N, subject: 'user:n-auditor' });
  tok.T = await t.token('supplier', { organisationId: ids.T, subject: 'user:t-clerk' });
  tok.K = await t.token('supplier', { organisationId: ids.K, subject: 'user:k-clerk' });
  tok.S = await t.token('supplier', { organisationId: ids.S, subject: 'user:s-clerk' });

  ids.plot = (
    await ok('POST', '/v1/plots', tok.T!, {
      organisationId: ids.T,
      commodity: 'cocoa',
      country: 'GH',
      geometry: square(-1.908421, 6.513262),
    })
  ).id;
  ids.lot = (
    await ok('POST', '/v1/events', tok.T!, {
      type: 'harvest',
      plotId: ids.plot,
      season: '2025/26 main crop',
      eventTime: '2025-12-15T08:00:00Z',
      output: { lot: 'T-A1', quantity: { value: '800', unit: 'KGM' } },
    })
  ).batchIds[0];
  ids.otherPlot = (
    await ok('POST', '/v1/plots', tok.S!, {
      organisationId: ids.S,
      commodity: 'cocoa',
      country: 'CI',
      geometry: square(-5.508421, 7.513262),
    })
  ).id;
  // Each auditor registers its own signing key (Ed25519).
  for (const org of ['G', 'N']) {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = (await ok('POST', `/v1/organisations/${ids[org]}/keys`, tok[org]!, { jwk })).kid;
    signers[org] = {
      jwk,
      kid,
      sign: (payload) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader({ alg: 'EdDSA', kid })
          .sign(privateKey),
    };
  }
}, 120_000);
afterAll(() => t.close());

describe('audit workflow', () => {
  describe('round trip', () => {
    it('open → assign → finding → corrective action → signed conclusion appends exactly its entries', async () => {
      const before = await ledgerSize();
      const audit = await openAudit({ kind: 'lot', batchId: ids.lot });
      // Before the assignment G sees nothing of T's.
      expect((await call('GET', `/v1/organisations/${ids.T}`, tok.G!)).statusCode).toBe(404);
      await ok('POST', `/v1/audits/${audit}/assignment`, tok.compliance!, {
        auditorId: ids.G,
        accessUntil: inDays(30),
      });
      // The grant reads the scope (the lot's holder T and upstream of it), not the rest of A's chain.
      expect((await call('GET', `/v1/organisations/${ids.T}`, tok.G!)).statusCode).toBe(200);
      expect((await call('GET', `/v1/plots/${ids.plot}`, tok.G!)).statusCode).toBe(200);
      expect((await call('GET', `/v1/organisations/${ids.K}`, tok.G!)).statusCode).toBe(404);
      expect((await call('GET', `/v1/organisations/${ids.S}`, tok.G!)).statusCode).toBe(404);

      const finding = (
        await ok('POST', `/v1/audits/${audit}/findings`, tok.G!, {
          severity: 'major',
          concerns: { kind: 'plot', id: ids.plot },
          text: 'Pickers were paid six weeks late in March.',
        })
      ).id;
      const action = (
        await ok('POST', `/v1/audits/${audit}/findings/${finding}/corrective-actions`, tok.compliance!, {
          ownerId: ids.T,
          dueDate: '2026-09-30',
          description: 'Pay wages within the month worked; show the payroll.',
        })
      ).id;
      // The owner sees its action (and only the finding it answers) and reports it done; G verifies.
      const asOwner = await ok('GET', `/v1/audits/${audit}`, tok.T!);
      expect(asOwner.findings.map((f: { id: string }) => f.id)).toEqual([finding]);
      await ok('POST', `/v1/audits/${audit}/corrective-actions/${action}/progress`, tok.T!, {
        status: 'done',
        note: 'Payroll for April to June attached.',
      });
      await ok('POST', `/v1/audits/${audit}/corrective-actions/${action}/progress`, tok.G!, {
        status: 'verified',
      });
      const jws = await signers.G!.sign(conclusion(audit, [finding]));
      const concluded = await ok('POST', `/v1/audits/${audit}/conclusion`, tok.G!, { jws });
      expect(concluded.verdict).toBe('conforming_with_findings');

      const entries = await entriesSince(before);
      expect(entries.map((e) => e.type)).toEqual([
        'audit.opened',
        'audit.assigned',
        'audit.finding_recorded',
        'audit.corrective_action_set',
        'audit.corrective_action_progressed',
        'audit.corrective_action_progressed',
        'audit.concluded',
      ]);
      expect(new Set(entries.map((e) => e.subject))).toEqual(new Set([`audit:${audit}`]));
      expect(entries.map((e) => e.actor)).toEqual([
        'user:a-compliance',
        'user:a-compliance',
        'user:g-auditor',
        'user:a-compliance',
        'user:t-clerk',
        'user:g-auditor',
        'user:g-auditor',
      ]);
      // What was found is committed in the public log, and opens for the owner with the disclosures.
      expect(JSON.stringify(entries[2]!.body)).not.toContain('six weeks');
      expect((await openedEntry(t, entries[2]!.index)).body).toMatchObject({
        severity: 'major',
        concerns: `plot:${ids.plot}`,
        text: 'Pickers were paid six weeks late in March.',
      });
      expect((await openedEntry(t, entries[5]!.index)).body).toMatchObject({
        from: 'done',
        status: 'verified',
      });
      // The conclusion entry carries the JWS: anyone holding the disclosure re-verifies it offline with
      // the auditor's key as its own `key.registered` entry logged it.
      const logged = (await openedEntry(t, entries[6]!.index)).body;
      expect(logged).toMatchObject({ auditor: `organisation:${ids.G}`, kid: signers.G!.kid, jws });
      const [keyEntry] = await t.runtime.db.query<{ entry_index: string }>(
        'SELECT entry_index FROM organisation_keys WHERE kid = $1',
        [signers.G!.kid],
      );
      const registered = (await openedEntry(t, Number(keyEntry!.entry_index))).body;
      const verified = await verifyCompactJws(
        logged.jws as string,
        registered.jwk as Record<string, unknown>,
      );
      expect(verified.payload).toEqual(conclusion(audit, [finding]));

      const view = await ok('GET', `/v1/audits/${audit}`, tok.compliance!);
      expect(view).toMatchObject({
        status: 'concluded',
        auditorId: ids.G,
        conclusion: {
          verdict: 'conforming_with_findings',
          kid: signers.G!.kid,
          jws,
          entryIndex: entries[6]!.index,
        },
        findings: [{ id: finding, correctiveActions: [{ id: action, status: 'verified', ownerId: ids.T }] }],
      });

      // Closing ended the grant at once: G reads nothing of T's any more.
      expect((await call('GET', `/v1/organisations/${ids.T}`, tok.G!)).statusCode).toBe(404);
      expect((await call('GET', `/v1/plots/${ids.plot}`, tok.G!)).statusCode).toBe(404);
      const [grant] = await t.runtime.db.query<{ revoked_at: unknown }>(
        'SELECT revoked_at FROM auditor_grants WHERE audit_id = $1',
        [audit],
      );
      expect(grant!.revoked_at).not.toBeNull();

      // And nothing more is written to the closed audit, by anyone.
      const closed = await footprint();
      const attempts = [
        call('POST', `/v1/audits/${audit}/findings`, tok.G!, {
          severity: 'minor',
          concerns: { kind: 'organisation', id: ids.T },
          text: 'An afterthought.',
        }),
        call('POST', `/v1/audits/${audit}/findings/${finding}/corrective-actions`, tok.compliance!, {
          ownerId: ids.T,
          dueDate: '2026-12-31',
          description: 'Another action.',
        }),
        call('POST', `/v1/audits/${audit}/corrective-actions/${action}/progress`, tok.G!, {
          status: 'rejected',
        }),
        call('POST', `/v1/audits/${audit}/assignment`, tok.compliance!, {
          auditorId: ids.N,
          accessUntil: inDays(5),
        }),
        call('POST', `/v1/audits/${audit}/conclusion`, tok.G!, { jws }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.statusCode, res.body).toBe(409);
      expect(await footprint()).toEqual(closed);
    });

    it('ends the auditor’s access when its time is up, before any conclusion', async () => {
      const audit = await openAudit({ kind: 'supplier', organisationId: ids.T });
      await ok('POST', `/v1/audits/${audit}/assignment`, tok.compliance!, {
        auditorId: ids.N,
        accessUntil: new Date(Date.now() + 1500).toISOString(),
      });
      expect((await call('GET', `/v1/organisations/${ids.T}`, tok.N!)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await call('GET', `/v1/organisations/${ids.T}`, tok.N!)).statusCode).toBe(404);
      const before = await footprint();
      const late = await call('POST', `/v1/audits/${audit}/findings`, tok.N!, {
        severity: 'minor',
        concerns: { kind: 'organisation', id: ids.T },
        text: 'Too late.',
      });
      expect(late.statusCode, late.body).toBe(409);
      expect(await footprint()).toEqual(before);
    });

    it('concludes once under concurrent conclusions', async () => {
      const audit = await assigned({ kind: 'chain' });
      const jws = await signers.G!.sign(conclusion(audit, []));
      const before = await ledgerSize();
      const results = await Promise.all(
        [1, 2, 3].map(() => call('POST', `/v1/audits/${audit}/conclusion`, tok.G!, { jws })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      expect((await entriesSince(before)).map((e) => e.type)).toEqual(['audit.concluded']);
    });
  });

  describe('authorisation', () => {
    it('refuses each step to whoever may not take it, and writes nothing', async () => {
      const audit = await assigned({ kind: 'supplier', organisationId: ids.K });
      const finding = (
        await ok('POST', `/v1/audits/${audit}/findings`, tok.G!, {
          severity: 'critical',
          concerns: { kind: 'organisation', id: ids.T },
          text: 'No grievance mechanism.',
        })
      ).id;
      const action = (
        await ok('POST', `/v1/audits/${audit}/findings/${finding}/corrective-actions`, tok.G!, {
          ownerId: ids.T,
          dueDate: '2026-10-31',
          description: 'Set up a grievance mechanism.',
        })
      ).id;
      const unknown = '7d4f6a0e-1b2c-4d3e-8f9a-0b1c2d3e4f50';
      const findingBody = { severity: 'minor', concerns: { kind: 'organisation', id: ids.T }, text: 'x' };
      const actionBody = { ownerId: ids.T, dueDate: '2026-10-31', description: 'y' };
      const openBody = {
        brandId: ids.A,
        title: 'z',
        scope: { kind: 'chain' },
        period: { from: '2026-01-01', to: '2026-02-01' },
      };
      const cases: [string, 'GET' | 'POST', string, string, object | undefined, number][] = [
        ['another brand opens an audit for A', 'POST', '/v1/audits', tok.otherCompliance!, openBody, 404],
        ['A’s procurement opens one', 'POST', '/v1/audits', tok.procurement!, openBody, 403],
        ['an auditor opens one', 'POST', '/v1/audits', tok.G!, openBody, 403],
        ['another brand reads the audit', 'GET', `/v1/audits/${audit}`, tok.otherCompliance!, undefined, 404],
        ['an unassigned auditor reads it', 'GET', `/v1/audits/${audit}`, tok.N!, undefined, 404],
        ['a supplier without actions reads it', 'GET', `/v1/audits/${audit}`, tok.S!, undefined, 404],
        [
          'anyone reads an audit that does not exist',
          'GET',
          `/v1/audits/${unknown}`,
          tok.compliance!,
          undefined,
          404,
        ],
        [
          'another brand assigns it',
          'POST',
          `/v1/audits/${audit}/assignment`,
          tok.otherCompliance!,
          { auditorId: ids.N, accessUntil: inDays(3) },
          404,
        ],
        [
          'the auditor re-assigns it',
          'POST',
          `/v1/audits/${audit}/assignment`,
          tok.G!,
          { auditorId: ids.N, accessUntil: inDays(3) },
          403,
        ],
        [
          'the brand records a finding',
          'POST',
          `/v1/audits/${audit}/findings`,
          tok.compliance!,
          findingBody,
          403,
        ],
        [
          'an unassigned auditor records one',
          'POST',
          `/v1/audits/${audit}/findings`,
          tok.N!,
          findingBody,
          404,
        ],
        [
          'the owner sets an action',
          'POST',
          `/v1/audits/${audit}/findings/${finding}/corrective-actions`,
          tok.T!,
          actionBody,
          403,
        ],
        [
          'an unassigned auditor sets one',
          'POST',
          `/v1/audits/${audit}/findings/${finding}/corrective-actions`,
          tok.N!,
          actionBody,
          404,
        ],
        [
          'an action on a finding of no such audit',
          'POST',
          `/v1/audits/${audit}/findings/${unknown}/corrective-actions`,
          tok.G!,
          actionBody,
          404,
        ],
        [
          'the auditor reports the action done',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.G!,
          { status: 'done' },
          403,
        ],
        [
          'the owner reports its action done (allowed)',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.T!,
          { status: 'done' },
          200,
        ],
        [
          'the owner verifies its own action',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.T!,
          { status: 'verified' },
          403,
        ],
        [
          'a supplier that owns nothing reports it done',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.S!,
          { status: 'done' },
          404,
        ],
        [
          'K (in scope, not the owner) reports it done',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.K!,
          { status: 'done' },
          404,
        ],
        [
          'the owner reports it done twice',
          'POST',
          `/v1/audits/${audit}/corrective-actions/${action}/progress`,
          tok.T!,
          { status: 'done' },
          409,
        ],
        [
          'the brand concludes',
          'POST',
          `/v1/audits/${audit}/conclusion`,
          tok.compliance!,
          { jws: 'a.b.c' },
          403,
        ],
        [
          'an unassigned auditor concludes',
          'POST',
          `/v1/audits/${audit}/conclusion`,
          tok.N!,
          { jws: 'a.b.c' },
          404,
        ],
      ];
      const failures: string[] = [];
      for (const [what, method, url, token, body, status] of cases) {
        const before = await footprint();
        const res = await call(method, url, token, body);
        if (res.statusCode !== status)
          failures.push(`${what}: ${res.statusCode}, expected ${status} (${res.body})`);
        if (status >= 400 && JSON.stringify(await footprint()) !== JSON.stringify(before))
          failures.push(`${what}: refused but wrote`);
        if (status >= 400 && !res.headers['content-type']?.toString().startsWith('application/problem+json'))
          failures.push(`${what}: not a problem document`);
      }
      expect(failures).toEqual([]);
    });

    it('lists to each caller only the audits it stands in', async () => {
      const mine = (await ok('GET', '/v1/audits', tok.compliance!)) as { id: string; brandId: string }[];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((a) => a.brandId === ids.A)).toBe(true);
      expect(await ok('GET', '/v1/audits', tok.otherCompliance!)).toEqual([]);
      expect(await ok('GET', '/v1/audits', tok.S!)).toEqual([]);
      const owned = (await ok('GET', '/v1/audits', tok.T!)) as {
        findings: { correctiveActions: { ownerId: string }[] }[];
      }[];
      expect(owned.length).toBeGreaterThan(0);
      for (const a of owned)
        for (const f of a.findings) for (const c of f.correctiveActions) expect(c.ownerId).toBe(ids.T);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the field, and writes nothing', async () => {
      const audit = await assigned({ kind: 'supplier', organisationId: ids.T });
      const finding = (
        await ok('POST', `/v1/audits/${audit}/findings`, tok.G!, {
          severity: 'minor',
          concerns: { kind: 'plot', id: ids.plot },
          text: 'Boundary not walked.',
        })
      ).id;
      const open = (over: object) => ({
        brandId: ids.A,
        title: 'An audit',
        scope: { kind: 'chain' },
        period: { from: '2026-01-01', to: '2026-03-31' },
        ...over,
      });
      const cases: [string, string, string, object, string][] = [
        [
          'period ends first',
          '/v1/audits',
          tok.compliance!,
          open({ period: { from: '2026-03-01', to: '2026-02-01' } }),
          '/period/to',
        ],
        [
          'no such date',
          '/v1/audits',
          tok.compliance!,
          open({ period: { from: '2026-02-30', to: '2026-03-01' } }),
          '/period/from',
        ],
        ['unknown scope', '/v1/audits', tok.compliance!, open({ scope: { kind: 'planet' } }), '/scope/kind'],
        ['empty title', '/v1/audits', tok.compliance!, open({ title: ' ' }), '/title'],
        [
          'a supplier outside the chain',
          '/v1/audits',
          tok.compliance!,
          open({ scope: { kind: 'supplier', organisationId: ids.S } }),
          '/scope/organisationId',
        ],
        [
          'a lot that is not in the chain',
          '/v1/audits',
          tok.compliance!,
          open({ scope: { kind: 'lot', batchId: ids.otherPlot } }),
          '/scope/batchId',
        ],
        [
          'access already over',
          `/v1/audits/${await openAudit({ kind: 'chain' })}/assignment`,
          tok.compliance!,
          { auditorId: ids.G, accessUntil: '2020-01-01T00:00:00Z' },
          '/accessUntil',
        ],
        [
          'access for years',
          `/v1/audits/${await openAudit({ kind: 'chain' })}/assignment`,
          tok.compliance!,
          { auditorId: ids.G, accessUntil: inDays(800) },
          '/accessUntil',
        ],
        [
          'assigned to a supplier',
          `/v1/audits/${await openAudit({ kind: 'chain' })}/assignment`,
          tok.compliance!,
          { auditorId: ids.T, accessUntil: inDays(3) },
          '/auditorId',
        ],
        [
          'a finding outside the scope',
          `/v1/audits/${audit}/findings`,
          tok.G!,
          { severity: 'minor', concerns: { kind: 'plot', id: ids.otherPlot }, text: 'x' },
          '/concerns/id',
        ],
        [
          'an unknown severity',
          `/v1/audits/${audit}/findings`,
          tok.G!,
          { severity: 'dire', concerns: { kind: 'plot', id: ids.plot }, text: 'x' },
          '/severity',
        ],
        [
          'an owner outside the scope',
          `/v1/audits/${audit}/findings/${finding}/corrective-actions`,
          tok.G!,
          { ownerId: ids.K, dueDate: '2026-10-01', description: 'x' },
          '/ownerId',
        ],
        [
          'a due date that is not a date',
          `/v1/audits/${audit}/findings/${finding}/corrective-actions`,
          tok.G!,
          { ownerId: ids.T, dueDate: 'soon', description: 'x' },
          '/dueDate',
        ],
      ];
      const failures: string[] = [];
      for (const [what, url, token, body, pointer] of cases) {
        const before = await footprint();
        const res = await call('POST', url, token, body);
        const pointers = (res.json().errors ?? []).map((e: { pointer: string }) => e.pointer);
        if (res.statusCode !== 400 || !pointers.includes(pointer))
          failures.push(`${what}: ${res.statusCode} ${JSON.stringify(pointers)}, expected 400 at ${pointer}`);
        if (JSON.stringify(await footprint()) !== JSON.stringify(before)) failures.push(`${what}: wrote`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe('signed conclusion', () => {
    it('refuses a forged signature, another organisation’s key, an unknown key and a payload that does not fit', async () => {
      const audit = await assigned({ kind: 'lot', batchId: ids.lot });
      const finding = (
        await ok('POST', `/v1/audits/${audit}/findings`, tok.G!, {
          severity: 'minor',
          concerns: { kind: 'batch', id: ids.lot },
          text: 'Lot weights rounded.',
        })
      ).id;
      const good = conclusion(audit, [finding]);
      const genuine = await signers.G!.sign(good);
      const [head, body, signature] = genuine.split('.') as [string, string, string];
      // Swap in another payload under G's signature; flip a signature bit.
      const forgedPayload = `${head}.${Buffer.from(JSON.stringify({ ...good, verdict: 'conforming' })).toString('base64url')}.${signature}`;
      const flipped = Buffer.from(signature, 'base64url');
      flipped[0] = flipped[0]! ^ 1;
      const badSignature = `${head}.${body}.${flipped.toString('base64url')}`;
      const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const unregistered = await new CompactSign(new TextEncoder().encode(JSON.stringify(good)))
        .setProtectedHeader({ alg: 'EdDSA', kid: 'not-registered' })
        .sign(stranger.privateKey);
      // N's own key, correctly signed: a valid signature, but not the assigned auditor's.
      const byN = await signers.N!.sign(good);
      // G's key, impersonated: N's signature under G's kid.
      const impersonated = await new CompactSign(new TextEncoder().encode(JSON.stringify(good)))
        .setProtectedHeader({ alg: 'EdDSA', kid: signers.G!.kid })
        .sign(stranger.privateKey);
      const cases: [string, string, string][] = [
        ['not a JWS', 'not-a-jws', '/jws'],
        ['a payload swapped under the signature', forgedPayload, '/jws'],
        ['a flipped signature bit', badSignature, '/jws'],
        ['an unregistered key', unregistered, '/jws'],
        ['another auditor’s registered key', byN, '/jws'],
        ['another key under the auditor’s kid', impersonated, '/jws'],
        ['another audit named', await signers.G!.sign(conclusion(ids.lot!, [finding])), '/jws/payload/audit'],
        ['a finding left out', await signers.G!.sign(conclusion(audit, [])), '/jws/payload/findings'],
        ['an unknown verdict', await signers.G!.sign({ ...good, verdict: 'fine' }), '/jws/payload/verdict'],
      ];
      const failures: string[] = [];
      for (const [what, jws, pointer] of cases) {
        const before = await footprint();
        const res = await call('POST', `/v1/audits/${audit}/conclusion`, tok.G!, { jws });
        const pointers = (res.json().errors ?? []).map((e: { pointer: string }) => e.pointer);
        if (res.statusCode !== 400 || !pointers.includes(pointer))
          failures.push(`${what}: ${res.statusCode} ${JSON.stringify(pointers)} (${res.json().detail})`);
        if (JSON.stringify(await footprint()) !== JSON.stringify(before)) failures.push(`${what}: wrote`);
      }
      expect(failures).toEqual([]);
      // The audit is still open, and the genuine conclusion closes it.
      expect(
        (await call('POST', `/v1/audits/${audit}/conclusion`, tok.G!, { jws: genuine })).statusCode,
      ).toBe(201);
    });

    it('refuses a key its auditor revoked', async () => {
      const audit = await assigned({ kind: 'chain' }, ids.N);
      const jws = await signers.N!.sign(conclusion(audit, []));
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/v1/organisations/${ids.N}/keys/${signers.N!.kid}`,
        headers: { authorization: `Bearer ${tok.N}` },
      });
      expect(revoked.statusCode, revoked.body).toBe(204);
      const before = await footprint();
      const res = await call('POST', `/v1/audits/${audit}/conclusion`, tok.N!, { jws });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().detail).toContain('revoked');
      expect(await footprint()).toEqual(before);
    });
  });

  describe('lot statement', () => {
    it('summarises the lot for the MSA and CSDDD areas and says what the data does not cover', async () => {
      const statement = await ok(
        'GET',
        `/v1/audits/lot-statements/${ids.lot}?asOf=2026-11-01`,
        tok.compliance!,
      );
      expect(statement).toMatchObject({
        batchId: ids.lot,
        lot: 'T-A1',
        holderId: ids.T,
        supplyChainMapping: { deepestTier: 0, organisations: 1, plots: 1 },
        traceability: { tracedShare: 1, untracedShare: 0 },
      });
      // The lot's audits that A opened: the round trip's (concluded, one verified action), the
      // signature test's (concluded), and the supplier audit of T (assigned to N, expired) and K's chain.
      const concluded = statement.audits.filter((a: { status: string }) => a.status === 'concluded');
      expect(concluded.length).toBeGreaterThanOrEqual(2);
      expect(concluded.map((a: { verdict: string }) => a.verdict)).toContain('conforming_with_findings');
      expect(statement.correctiveActions.verified).toBeGreaterThanOrEqual(1);
      const area = (regime: string, name: string) =>
        statement.reportingAreas.find(
          (a: { regime: string; area: string }) => a.regime === regime && a.area.startsWith(name),
        );
      expect(area('UK Modern Slavery Act s.54', 'training')).toMatchObject({ coverage: 'not_covered' });
      expect(area('UK Modern Slavery Act s.54', 'policies')).toMatchObject({ coverage: 'not_covered' });
      expect(area('UK Modern Slavery Act s.54', 'due diligence')).toMatchObject({ coverage: 'partial' });
      expect(area('CSDDD', 'Art. 12')).toMatchObject({ coverage: 'not_covered' });
      expect(area('CSDDD', 'Art. 15')).toMatchObject({ coverage: 'partial' });
      expect(statement.reportingAreas).toHaveLength(16);
      // Another brand's officer cannot see the lot at all.
      expect(
        (await call('GET', `/v1/audits/lot-statements/${ids.lot}`, tok.otherCompliance!)).statusCode,
      ).toBe(404);
      // Another brand's audits are not listed to this one: B sees none of A's.
    });
  });
});
