// Hostile input at the edge and poison already in the database, on both databases (issue 10, items 3
// and 4). A quantity no real lot reaches is refused with a pointer; one that got in before the bound
// existed (written here by direct SQL, as old data would be) is reported as UNEVALUABLE_RECORD while
// everything else is still judged. NUL, lone surrogates, 1e309, deep nesting and bytes that are not
// UTF-8 are refused with 400 and the field's pointer, and nothing is written.
import { CanonicalJsonError } from '@groundtruth/ledger';
import { AttestationManifest, AuditConclusion, AuditorStatement, PublicJwk } from '@groundtruth/schemas';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import appPlugin from '../src/app.ts';
import errorsPlugin from '../src/plugins/errors.ts';
import { buildTestApp, square, type TestApp } from './helper.ts';

let t: TestApp;
let ids: Record<string, string>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  ids = await t.seedOrganisations({ brand: 'brand', coop: 'supplier', trader: 'supplier' }, [
    ['brand', 'trader'],
    ['trader', 'coop'],
  ]);
  tok.admin = await t.token('admin');
  tok.coop = await t.token('supplier', { organisationId: ids.coop });
  tok.trader = await t.token('supplier', { organisationId: ids.trader });
  tok.procurement = await t.token('procurement', { organisationId: ids.brand });
  tok.compliance = await t.token('compliance', { organisationId: ids.brand });
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]!.n);
/** What every refusal must leave untouched: the ledger and the projections written with it. */
const TABLES = [
  'ledger_entries',
  'organisations',
  'contacts',
  'users',
  'plots',
  'products',
  'trace_events',
  'batches',
  'epcis_events',
  'epcis_capture_jobs',
];
const snapshot = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await count(n)])));

// Longitudes with six significant decimals (EUDR precision), one plot each.
const LONGITUDES = [-1.908421, -1.921597, -1.934768, -1.947932, -1.961126, -1.974284];
let plotCounter = 0;
async function newPlot(token = tok.coop!) {
  const res = await t.call('POST', '/v1/plots', token, {
    organisationId: ids.coop,
    commodity: 'cocoa',
    country: 'GH',
    geometry: square(LONGITUDES[plotCounter++]!, 6.513262),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; areaHectares: string };
}
const harvest = (
  plotId: string,
  lot: string,
  value: string,
  unit = 'KGM',
  eventTime = '2026-01-10T08:00:00Z',
) =>
  t.call('POST', '/v1/events', tok.coop!, {
    type: 'harvest',
    plotId,
    season: '2025/26 main crop',
    eventTime,
    output: { lot, quantity: { value, unit } },
  });

describe('quantities at the edge', () => {
  it('refuses a harvest of 999999999999999999999999 TNE with 400 and the pointer, writing nothing', async () => {
    const plot = await newPlot();
    const before = await snapshot();
    const res = await harvest(plot.id, 'POISON-1', '999999999999999999999999', 'TNE');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([
      { in: 'body', pointer: '/output/quantity/value', detail: expect.stringContaining('1000000000000 g') },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('bounds each unit family: 10^6 t of mass, 10^6 m³ of volume, 10^9 pieces, on every quantity of an event', async () => {
    const plot = await newPlot();
    const before = await snapshot();
    for (const [value, unit] of [
      ['1000000.000000001', 'TNE'],
      ['1000000001', 'KGM'],
      ['2204622621.9', 'LBR'], // 10^6 t is 2,204,622,621.85 lb
      ['1000000000000001', 'MGM'],
      ['1000000000.1', 'LTR'],
      ['1000001', 'MTQ'],
      ['1000000001', 'H87'],
    ])
      expect((await harvest(plot.id, `BIG-${unit}`, value!, unit)).statusCode, `${value} ${unit}`).toBe(400);
    expect(await snapshot()).toEqual(before);

    // The bound itself is accepted, so no real lot is refused by it.
    const atBound = await harvest(plot.id, 'AT-BOUND', '1000000', 'TNE');
    expect(atBound.statusCode, atBound.body).toBe(201);
    const [batchId] = atBound.json().batchIds as string[];
    // A transformation's second output and a consumed quantity are checked as well.
    const transform = await t.call('POST', '/v1/events', tok.coop!, {
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: '2026-01-11T08:00:00Z',
      inputs: [{ batchId, quantity: { value: '1000001', unit: 'TNE' } }],
      outputs: [
        { lot: 'NIBS-1', quantity: { value: '10', unit: 'KGM' }, material: 'cocoa_nibs' },
        { lot: 'NIBS-2', quantity: { value: '1000000001', unit: 'KGM' }, material: 'cocoa_nibs' },
      ],
    });
    expect(transform.statusCode).toBe(400);
    expect(
      transform
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/inputs/0/quantity/value', '/outputs/1/quantity/value']);
  });
});

describe('an absurd mass already in the database', () => {
  // Ledger entries are append-only, so a mass accepted before the bound existed stays. Written here by
  // direct SQL into the projections the engine reads, bypassing the edge check as old data would.
  const POISON_GRAMS = '999999999999999999999999000000';
  let plotId: string;
  let poisonBatch: string;
  let goodBatch: string;
  let transferEvent: string;
  let shippedBatch: string;

  beforeAll(async () => {
    const plot = await newPlot();
    plotId = plot.id;
    const good = await harvest(plotId, 'GOOD-1', '100');
    expect(good.statusCode, good.body).toBe(201);
    goodBatch = good.json().batchIds[0];
    const poison = await harvest(plotId, 'POISON-OLD', '10', 'KGM', '2026-01-11T08:00:00Z');
    expect(poison.statusCode, poison.body).toBe(201);
    poisonBatch = poison.json().batchIds[0];
    await t.runtime.db.query(
      `UPDATE batches SET quantity_value = '999999999999999999999999', quantity_unit = 'TNE', mass_grams = $2
        WHERE id = $1`,
      [poisonBatch, POISON_GRAMS],
    );
    // A transfer whose consumed quantity is absurd as well.
    const transfer = await t.call('POST', '/v1/events', tok.coop!, {
      type: 'transfer',
      fromOrganisationId: ids.coop,
      toOrganisationId: ids.trader,
      eventTime: '2026-01-12T08:00:00Z',
      input: { batchId: goodBatch, quantity: { value: '100', unit: 'KGM' } },
      output: { lot: 'SHIPPED-1', quantity: { value: '100', unit: 'KGM' } },
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    transferEvent = transfer.json().eventId;
    shippedBatch = transfer.json().batchIds[0];
    await t.runtime.db.query('UPDATE trace_event_inputs SET mass_grams = $2 WHERE event_id = $1', [
      transferEvent,
      POISON_GRAMS,
    ]);
  });

  const findings = async (query: string) => {
    const res = await t.call('GET', `/v1/findings?${query}`, tok.admin!);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      rule: string;
      severity: string;
      subject: { kind: string; id: string };
      numbers: Record<string, unknown>;
      message: string;
      organisationId: string;
    }[];
  };

  it('recomputes, reporting each such record as UNEVALUABLE_RECORD with what it says', async () => {
    const run = await t.call('POST', '/v1/mass-balance/recompute', tok.admin!);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().findings.UNEVALUABLE_RECORD).toBe(2);
    const found = await findings('rule=UNEVALUABLE_RECORD');
    expect(found.map((f) => `${f.subject.kind}:${f.subject.id}`).sort()).toEqual(
      [`batch:${poisonBatch}`, `event:${transferEvent}`].sort(),
    );
    for (const f of found) {
      expect(f.severity).toBe('error');
      expect(f.organisationId).toBe(ids.coop);
      expect(f.numbers).toEqual({ grams: POISON_GRAMS, maxGrams: '1000000000000' });
      expect(f.message).toContain(POISON_GRAMS);
    }
    // The poison weighs nothing in the balance: the plot's 100 kg are judged alone, and pass.
    expect((await findings(`subjectId=${plotId}`)).filter((f) => f.rule !== 'UNEVALUABLE_RECORD')).toEqual(
      [],
    );
  });

  it('answers the poisoned batch’s and its neighbours’ breakdowns', async () => {
    const own = await t.call('GET', `/v1/batches/${poisonBatch}/mass-balance`, tok.admin!);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      grams: POISON_GRAMS,
      baseEquivalentGrams: null,
      tracedShare: 0,
      untracedGrams: POISON_GRAMS,
      unevaluable: [{ subject: { kind: 'batch', id: poisonBatch }, grams: POISON_GRAMS }],
    });
    const shipped = await t.call('GET', `/v1/batches/${shippedBatch}/mass-balance`, tok.admin!);
    expect(shipped.statusCode, shipped.body).toBe(200);
    // Nothing passes as traced through a quantity that cannot be weighed, and its conservation is not judged.
    expect(shipped.json()).toMatchObject({ grams: '100000', tracedShare: 0, conversions: [] });
    expect(shipped.json().unevaluable).toMatchObject([{ subject: { kind: 'event', id: transferEvent } }]);
    // The harvest total the plot check shows leaves the poison out.
    expect(shipped.json().plots).toMatchObject([{ plotId, harvestedGrams: '100000' }]);
  });

  it('answers the site accounts of the grower and the buyer', async () => {
    for (const org of [ids.coop, ids.trader]) {
      const res = await t.call('GET', `/v1/organisations/${org}/site-account`, tok.admin!);
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('still finds an over-yield harvest on that plot, at once and on the next recompute', async () => {
    const plot = (
      await t.runtime.db.query<{ area: string }>(
        'SELECT area_hectares::text AS area FROM plots WHERE id = $1',
        [plotId],
      )
    )[0]!;
    // Three times what 1,900 kg/ha could grow on the plot.
    const kg = String(Math.round(Number(plot.area) * 1900 * 3));
    const late = await harvest(plotId, 'LATE-OVER', kg, 'KGM', '2026-02-01T08:00:00Z');
    expect(late.statusCode, late.body).toBe(201);
    const yieldRules = (fs: { rule: string }[]) =>
      fs.map((f) => f.rule).filter((r) => r === 'OVER_YIELD' || r === 'IMPOSSIBLE_YIELD');
    const incremental = await findings(`subjectId=${plotId}`);
    expect(yieldRules(incremental)).toHaveLength(1);
    const harvested = Number(incremental.find((f) => yieldRules([f]).length)!.numbers.harvestedGrams);
    expect(harvested).toBe(100_000 + Number(kg) * 1000);
    expect((await t.call('POST', '/v1/mass-balance/recompute', tok.admin!)).statusCode).toBe(200);
    const recomputed = await findings(`subjectId=${plotId}`);
    expect(yieldRules(recomputed)).toHaveLength(1);
    expect(recomputed.find((f) => yieldRules([f]).length)!.numbers.harvestedGrams).toBe(
      incremental.find((f) => yieldRules([f]).length)!.numbers.harvestedGrams,
    );
    expect(await findings(`rule=UNEVALUABLE_RECORD`)).toHaveLength(2);
  });
});

/** Unsafe text in three spellings: NUL, a lone high surrogate, a lone low surrogate. */
const UNSAFE = { nul: 'ab\u0000c', high: 'abc\ud800', low: '\udc00abc' };

describe('text no column can hold', () => {
  const cases = (): {
    what: string;
    url: string;
    token: () => string;
    body: (bad: string) => object;
    pointer: string;
  }[] => [
    {
      what: 'organisation name',
      url: '/v1/organisations',
      token: () => tok.admin!,
      body: (bad) => ({ name: bad, kind: 'supplier', country: 'GH' }),
      pointer: '/name',
    },
    {
      what: 'organisation identifier',
      url: '/v1/organisations',
      token: () => tok.admin!,
      body: (bad) => ({
        name: 'ok',
        kind: 'supplier',
        country: 'GH',
        identifiers: { nationalRegistration: bad },
      }),
      pointer: '/identifiers/nationalRegistration',
    },
    {
      what: 'contact name',
      url: `/v1/organisations/${ids.coop}/contacts`,
      token: () => tok.coop!,
      body: (bad) => ({ name: bad, email: 'a@example.com' }),
      pointer: '/name',
    },
    {
      what: 'user display name',
      url: '/v1/users',
      token: () => tok.admin!,
      body: (bad) => ({ role: 'supplier', organisationId: ids.coop, displayName: bad }),
      pointer: '/displayName',
    },
    {
      what: 'plot name',
      url: '/v1/plots',
      token: () => tok.coop!,
      body: (bad) => ({
        organisationId: ids.coop,
        name: bad,
        commodity: 'cocoa',
        country: 'GH',
        geometry: square(-2.5, 6.1),
      }),
      pointer: '/name',
    },
    {
      what: 'product name',
      url: '/v1/products',
      token: () => tok.procurement!,
      body: (bad) => ({ gtin: '09506000134352', name: bad, commodity: 'cocoa', organisationId: ids.brand }),
      pointer: '/name',
    },
    {
      what: 'harvest season',
      url: '/v1/events',
      token: () => tok.coop!,
      body: (bad) => ({
        type: 'harvest',
        plotId: '00000000-0000-4000-8000-000000000000',
        season: bad,
        eventTime: '2026-01-10T08:00:00Z',
        output: { lot: 'L1', quantity: { value: '1', unit: 'KGM' } },
      }),
      pointer: '/season',
    },
    {
      what: 'JSON import row',
      url: '/v1/imports/suppliers',
      token: () => tok.procurement!,
      body: (bad) => ({
        rows: [
          { name: 'fine', country: 'GH' },
          { name: bad, country: 'GH' },
        ],
      }),
      pointer: '/rows/1/name',
    },
    {
      what: 'member name of an EPCIS extension',
      url: '/epcis/capture',
      token: () => tok.coop!,
      body: (bad) => ({ type: 'EPCISDocument', epcisBody: { eventList: [{ 'ex:note': { [bad]: 1 } }] } }),
      pointer: `/epcisBody/eventList/0/ex:note/${'__KEY__'}`,
    },
  ];

  it('is refused with 400 and the field’s pointer on every registry, traceability and import route, writing nothing', async () => {
    const before = await snapshot();
    for (const c of cases()) {
      for (const [kind, bad] of Object.entries(UNSAFE)) {
        const res = await t.call('POST', c.url, c.token(), c.body(bad));
        expect(res.statusCode, `${c.what} with ${kind}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const pointer = c.pointer.replace('__KEY__', bad.replace(/~/g, '~0').replace(/\//g, '~1'));
        expect(res.json().errors, `${c.what} with ${kind}`).toContainEqual(
          expect.objectContaining({ in: 'body', pointer }),
        );
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is refused in a query string and a path, with the parameter named', async () => {
    const query = await t.app.inject({
      method: 'GET',
      url: '/v1/findings?subjectId=ab%00c',
      headers: { authorization: `Bearer ${tok.admin}` },
    });
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/subjectId' })]);
    const path = await t.app.inject({
      method: 'GET',
      url: '/epcis/events/ab%00c',
      headers: { authorization: `Bearer ${tok.admin}` },
    });
    expect(path.statusCode, path.body).toBe(400);
    // Percent-encoded bytes that are not UTF-8 (CESU-8 of U+D800) never become a stored U+FFFD.
    for (const [url, pointer] of [
      ['/v1/findings?subjectId=ab%ED%A0%80', '/subjectId'],
      ['/v1/findings?status=open&subjectId=%F0%9F', '/subjectId'],
      ['/epcis/events/ab%ED%A0%80', undefined],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${tok.admin}` },
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (pointer) expect(res.json().errors).toEqual([expect.objectContaining({ in: 'query', pointer })]);
    }
  });

  it('is refused in a CSV import with the row and column, writing nothing', async () => {
    const before = await snapshot();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/suppliers?mode=per-row',
      payload: `name,country\nGood Coop,GH\nBad\u0000Coop,GH\n`,
      headers: { authorization: `Bearer ${tok.procurement}`, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/rows/1/name' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('is never stored as U+FFFD: a body that is not UTF-8 is refused', async () => {
    const before = await snapshot();
    const bytes = Buffer.concat([
      Buffer.from('{"name":"ab'),
      Buffer.from([0xed, 0xa0, 0x80]), // CESU-8 spelling of U+D800: not UTF-8
      Buffer.from('","kind":"supplier","country":"GH"}'),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/organisations',
      payload: bytes,
      headers: { authorization: `Bearer ${tok.admin}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(await snapshot()).toEqual(before);
    // Well-formed text outside the BMP is kept exactly.
    const emoji = await t.call('POST', '/v1/organisations', tok.admin!, {
      name: 'Coopérative 🍫 𝒜',
      kind: 'supplier',
      country: 'CI',
    });
    expect(emoji.statusCode, emoji.body).toBe(201);
    const [row] = await t.runtime.db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [
      emoji.json().id,
    ]);
    expect(row!.name).toBe('Coopérative 🍫 𝒜');
  });
});

describe('EPCIS documents the ledger cannot encode', () => {
  const capture = (payload: string) =>
    t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload,
      headers: { authorization: `Bearer ${tok.coop}`, 'content-type': 'application/ld+json' },
    });
  const documentWith = (extension: string) =>
    `{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://example.com/ex#"}],` +
    `"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-10-01T09:00:00.000Z","epcisBody":{"eventList":[` +
    `{"type":"ObjectEvent","eventTime":"2026-10-01T08:00:00.000+00:00","eventTimeZoneOffset":"+00:00",` +
    `"epcList":["urn:epc:id:sgtin:0614141.107346.2017"],"action":"OBSERVE","ex:data":${extension}}]}}`;

  it('refuses an extension nested deeper than 64 levels with 400 and its pointer, writing nothing', async () => {
    const before = await snapshot();
    // The event object sits at depth 3 and ex:data's value at 4; 60 nested "a" put "b"'s value at 65.
    const deep = `${'{"a":'.repeat(60)}{"b":1}${'}'.repeat(60)}`;
    const res = await capture(documentWith(deep));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        in: 'body',
        pointer: `/epcisBody/eventList/0/ex:data${'/a'.repeat(60)}/b`,
        detail: expect.stringContaining('64'),
      }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses 1e309 (a number beyond a double) with 400 and its pointer, writing nothing', async () => {
    const before = await snapshot();
    const res = await capture(documentWith('{"reading":1e309,"low":-1e400}'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/epcisBody/eventList/0/ex:data/reading',
      '/epcisBody/eventList/0/ex:data/low',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses text no column can hold, as written in JSON escapes', async () => {
    for (const escaped of ['"ab\\u0000c"', '"abc\\ud800"', '"\\udc00abc"']) {
      const res = await capture(documentWith(`{"note":${escaped}}`));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ pointer: '/epcisBody/eventList/0/ex:data/note' }),
      ]);
    }
  });
});

describe('the error handler', () => {
  it('answers a CanonicalJsonError with 400 problem+json, not 500', async () => {
    const app = Fastify();
    await app.register(errorsPlugin);
    app.get('/canonical', async () => {
      throw new CanonicalJsonError('lone surrogate in string', '$.body.name');
    });
    const res = await app.inject({ method: 'GET', url: '/canonical' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toContain('lone surrogate');
    await app.close();
  });
});

/** Every string schema reachable from a zod schema, with where it sits. */
function stringLeaves(
  schema: unknown,
  at: string,
  out: { at: string; leaf: z.ZodType }[],
  seen = new Set<unknown>(),
) {
  if (!(schema instanceof z.ZodType) || seen.has(schema)) return out;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (child: unknown, where: string) => stringLeaves(child, where, out, seen);
  switch (def.type) {
    case 'string':
      out.push({ at, leaf: schema });
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>))
        walk(child, `${at}/${key}`);
      if (def.catchall) walk(def.catchall, `${at}/*`);
      break;
    case 'array':
      walk(def.element, `${at}/0`);
      break;
    case 'union':
      for (const option of def.options as unknown[]) walk(option, at);
      break;
    case 'intersection':
      walk(def.left, at);
      walk(def.right, at);
      break;
    case 'pipe':
      walk(def.in, at);
      walk(def.out, at);
      break;
    case 'record':
      walk(def.keyType, `${at}/<key>`);
      walk(def.valueType, `${at}/*`);
      break;
    case 'tuple':
      for (const [i, item] of (def.items as unknown[]).entries()) walk(item, `${at}/${i}`);
      break;
    case 'lazy':
      walk((def.getter as () => unknown)(), at);
      break;
    default:
      if (def.innerType) walk(def.innerType, at); // optional, nullable, default, readonly, catch…
  }
  return out;
}

describe('every string field of every input schema', () => {
  it('refuses NUL and lone surrogates, on every route and in what signed payloads carry', async () => {
    // The route table as Fastify builds it, so a route added later with a plain z.string() fails here.
    const server = Fastify();
    const routes: { name: string; schema: Record<string, unknown> }[] = [];
    server.addHook('onRoute', (route) => {
      if (route.schema)
        routes.push({
          name: `${route.method} ${route.url}`,
          schema: route.schema as Record<string, unknown>,
        });
    });
    await server.register(appPlugin, { runtime: t.runtime });
    await server.ready();
    await server.close();
    expect(routes.length).toBeGreaterThan(50);

    const inputs: { where: string; schema: unknown }[] = [
      ...routes.flatMap((r) =>
        (['body', 'querystring', 'params', 'headers'] as const).map((part) => ({
          where: `${r.name} ${part}`,
          schema: r.schema[part],
        })),
      ),
      // Parsed from JWS payloads by the evidence service, not by a route schema.
      { where: 'AttestationManifest', schema: AttestationManifest },
      { where: 'AuditorStatement', schema: AuditorStatement },
      { where: 'AuditConclusion', schema: AuditConclusion },
      { where: 'PublicJwk', schema: PublicJwk },
    ];
    const unchecked: string[] = [];
    let leaves = 0;
    for (const { where, schema } of inputs) {
      for (const { at, leaf } of stringLeaves(schema, '', [])) {
        // The raw CSV text of an import: checked cell by cell once parsed (tested above), so that the
        // refusal can name the row and column.
        if (where === 'POST /v1/imports/:kind body' && at === '') continue;
        leaves++;
        for (const bad of Object.values(UNSAFE))
          if (leaf.safeParse(bad).success)
            unchecked.push(`${where} ${at || '/'} accepts ${JSON.stringify(bad)}`);
      }
    }
    expect(leaves).toBeGreaterThan(60);
    expect(unchecked).toEqual([]);
  });
});
