// The published contract: /openapi.json validates as OpenAPI 3.1 with no dangling reference, documents
// every operation fully, its examples fit its schemas, the generated client types are current, and real
// responses — a sample across the API, some through the generated typed client — match it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient } from '@groundtruth/client';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../../../packages/evidence/test/fixtures.ts';
import { clientTypesFor, GENERATED_CLIENT_TYPES } from '../scripts/openapi-document.ts';
import { EXAMPLE_IDS, REQUEST_EXAMPLES } from '../src/openapi-examples.ts';
import { type CheckedResponse, createContract, type OpenApiDocument } from './contract.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];
/** Writes that take no body at all. */
const NO_BODY = new Set([
  'recomputeMassBalance',
  'closeAccountingPeriod',
  'revokeInvitation',
  'auditLedger',
  'checkPlotForest',
  'checkBatchForest',
]);
/** Client errors answered with something other than a problem: an import's 422 is its full report. */
const NOT_PROBLEMS = new Set(['importRecords 422']);
const GS1_EXAMPLE = join(
  import.meta.dirname,
  '../../../schemas/vendor/gs1/epcis-2.0/examples/Example_9.6.1-ObjectEvent.jsonld',
);

let t: TestApp;
let document: OpenApiDocument;
let contract: ReturnType<typeof createContract>;
const checked: CheckedResponse[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  document = (await t.app.inject('/openapi.json')).json();
  contract = createContract(document);
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      (item as OpenApiDocument)[method] ? [{ path, method, op: (item as OpenApiDocument)[method] }] : [],
    ),
  );

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  return out;
}

describe('/openapi.json', () => {
  it('validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has no dangling reference: every $ref names a published component', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(300);
    const dangling = refs.filter((ref) => {
      const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
      return !match || !(match[1]! in document.components.schemas);
    });
    expect(dangling).toEqual([]);
    // The named wire types are there under their own names.
    for (const name of ['Organisation', 'NewOrganisationInput', 'Plot', 'Problem', 'ImportReport'])
      expect(document.components.schemas[name], name).toBeDefined();
  });

  it('gives every operation a summary, its request body and its responses, problems as RFC 9457', () => {
    const gaps: string[] = [];
    for (const { path, method, op } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!op.summary) gaps.push(`${name}: no summary`);
      const success = Object.entries(op.responses as Record<string, OpenApiDocument>).filter(([s]) =>
        s.startsWith('2'),
      );
      if (!success.some(([status, r]) => r.content || status === '204' || status === '202'))
        gaps.push(`${name}: no success response body`);
      if (['post', 'put', 'patch'].includes(method) && !op.requestBody && !NO_BODY.has(op.operationId))
        gaps.push(`${name}: no request body`);
      for (const [status, response] of Object.entries(op.responses as Record<string, OpenApiDocument>)) {
        if (Number(status) < 400 || NOT_PROBLEMS.has(`${op.operationId} ${status}`)) continue;
        const problem = response.content?.['application/problem+json']?.schema?.$ref;
        if (problem !== '#/components/schemas/Problem') gaps.push(`${name} ${status}: not a Problem`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('documents the binary download and the raw uploads', () => {
    const content = document.paths['/v1/evidence/{sha256}/content'].get;
    expect(content.responses['200'].content['application/octet-stream'].schema).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(content.responses['404'].content['application/problem+json']).toBeDefined();
    // Media may be sent with their own type since the upload content-types work (decision 0012).
    expect(Object.keys(document.paths['/v1/evidence'].post.requestBody.content)).toEqual([
      'application/octet-stream',
      'image/jpeg',
      'image/png',
      'image/heic',
      'image/heif',
      'video/mp4',
      'video/quicktime',
      'model/gltf-binary',
      'model/x-ply',
      'application/x-ply',
      'model/x-spz',
      'model/x-splat',
      'model/x-ksplat',
    ]);
    expect(Object.keys(document.paths['/v1/imports/{kind}'].post.requestBody.content).sort()).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('documents both EPCIS bindings: XML capture bodies and XML query answers (decision 0029)', () => {
    const answersEvents = operations().filter(
      (o) =>
        o.op.responses['200']?.content?.['application/json']?.schema?.$ref ===
        '#/components/schemas/EPCISQueryDocument',
    );
    const ids = answersEvents.map((o) => o.op.operationId as string);
    expect(ids).toEqual(
      expect.arrayContaining(['epcisEvents', 'epcisEvent', 'epcisEventTypesEvents', 'epcisQueryEvents']),
    );
    // Every route that answers an EPCISQueryDocument negotiates the XML binding (xml-binding.ts).
    for (const { op } of answersEvents)
      expect(Object.keys(op.responses['200'].content), op.operationId).toEqual([
        'application/json',
        'application/xml',
      ]);
    expect(Object.keys(document.paths['/epcis/capture'].post.requestBody.content)).toEqual([
      'application/json',
      'application/ld+json',
      'application/xml',
      'text/xml',
    ]);
  });

  it('has examples for the main writes, each valid against its request schema', () => {
    const byId = new Map(operations().map((o) => [o.op.operationId as string, o]));
    for (const operationId of [
      'registerOrganisation',
      'declareRelationship',
      'mapPlot',
      'registerProduct',
      'recordTraceEvent',
      'importRecords',
    ])
      expect(REQUEST_EXAMPLES[operationId], operationId).toBeDefined();
    for (const [operationId, byMediaType] of Object.entries(REQUEST_EXAMPLES)) {
      const entry = byId.get(operationId);
      expect(entry, operationId).toBeDefined();
      for (const [mediaType, examples] of Object.entries(byMediaType)) {
        const media = entry!.op.requestBody.content[mediaType];
        expect(media?.examples, `${operationId} ${mediaType}`).toEqual(examples);
        if (!mediaType.endsWith('json')) continue;
        for (const [name, example] of Object.entries(examples)) {
          const pointer = [
            'paths',
            entry!.path,
            entry!.method,
            'requestBody',
            'content',
            mediaType,
            'schema',
          ];
          expect(contract.validateAt(pointer, example.value), `${operationId}/${name}`).toEqual([]);
        }
      }
    }
    // The check can fail: a plot without its commodity does not fit.
    const { commodity: _dropped, ...broken } = REQUEST_EXAMPLES.mapPlot!['application/json']!.polygon!
      .value as Record<string, unknown>;
    expect(
      contract.validateAt(
        ['paths', '/v1/plots', 'post', 'requestBody', 'content', 'application/json', 'schema'],
        broken,
      ),
    ).not.toEqual([]);
  });

  it('matches the committed client types (pnpm --filter @groundtruth/api generate:client)', async () => {
    expect(readFileSync(GENERATED_CLIENT_TYPES, 'utf8')).toBe(
      await clientTypesFor(document as Parameters<typeof clientTypesFor>[0]),
    );
  });
});

describe('real responses match the contract', () => {
  const ids: Record<string, string> = {};
  let admin: string;
  let auditor: string;

  async function send(options: InjectOptions & { method: string; url: string }, token?: string) {
    const response: LightMyRequestResponse = await t.app.inject({
      ...options,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    });
    checked.push(contract.check(options.method, options.url, response));
    return response;
  }
  const post = (url: string, payload: unknown, token = admin) =>
    send({ method: 'POST', url, payload: payload as object }, token);
  const get = (url: string, token = admin) => send({ method: 'GET', url }, token);

  /** An example as published, with its placeholder ids replaced by this database's. */
  const realised = (operationId: string, name: string, mediaType = 'application/json') => {
    let text = JSON.stringify(REQUEST_EXAMPLES[operationId]![mediaType]![name]!.value);
    for (const [key, placeholder] of Object.entries(EXAMPLE_IDS))
      if (ids[key]) text = text.replaceAll(placeholder, ids[key]);
    return JSON.parse(text);
  };

  beforeAll(async () => {
    admin = await t.token('admin');
    auditor = await t.token('auditor');
  });

  it('the published examples work as requests, and their answers fit', async () => {
    ids.brand = (await post('/v1/organisations', realised('registerOrganisation', 'brand'))).json().id;
    const coop = await post('/v1/organisations', realised('registerOrganisation', 'cooperative'));
    expect(coop.statusCode, coop.body).toBe(201);
    ids.cooperative = coop.json().id;
    ids.processor = (
      await post('/v1/organisations', { name: 'Abidjan Cocoa Processing', kind: 'supplier', country: 'CI' })
    ).json().id;
    expect(
      (await post('/v1/relationships', { ...realised('declareRelationship', 'supplier') })).statusCode,
    ).toBe(201);
    for (const [buyer, supplier] of [
      ['brand', 'processor'],
      ['processor', 'cooperative'],
    ] as const)
      await post('/v1/relationships', { buyerId: ids[buyer], supplierId: ids[supplier], commodity: 'cocoa' });
    const plot = await post('/v1/plots', realised('mapPlot', 'polygon'));
    expect(plot.statusCode, plot.body).toBe(201);
    ids.plot = plot.json().id;
    expect((await post('/v1/plots', realised('mapPlot', 'point'))).statusCode).toBe(201);
    const product = await post('/v1/products', realised('registerProduct', 'product'));
    expect(product.statusCode, product.body).toBe(201);
    const harvest = await post('/v1/events', realised('recordTraceEvent', 'harvest'));
    expect(harvest.statusCode, harvest.body).toBe(201);
    ids.batch = harvest.json().batchIds[0];
    const transfer = await post('/v1/events', realised('recordTraceEvent', 'transfer'));
    expect(transfer.statusCode, transfer.body).toBe(201);
    const csv = await send(
      {
        method: 'POST',
        url: '/v1/imports/plots',
        payload: realised('importRecords', 'frenchExcel', 'text/csv'),
        headers: { 'content-type': 'text/csv' },
      },
      admin,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json().csv).toEqual({ delimiter: ';', decimalComma: true, ignoredColumns: [] });
    const json = await post('/v1/imports/plots', realised('importRecords', 'plots'));
    expect(json.statusCode, json.body).toBe(200);
    expect((await post('/v1/users', realised('createUser', 'procurement'))).statusCode).toBe(201);
    const invitation = await post('/v1/invitations', realised('inviteSupplierUser', 'cooperativeClerk'));
    expect(invitation.statusCode, invitation.body).toBe(201);
    const updated = await send(
      {
        method: 'PATCH',
        url: `/v1/organisations/${ids.cooperative}`,
        payload: realised('updateOrganisation', 'renameAndLei') as object,
      },
      admin,
    );
    expect(updated.statusCode, updated.body).toBe(200);
    const key = await post(
      `/v1/organisations/${ids.cooperative}/keys`,
      realised('registerSigningKey', 'ed25519'),
    );
    expect(key.statusCode, key.body).toBe(201);
    expect(
      (await post(`/v1/organisations/${ids.cooperative}/contacts`, realised('addContact', 'farmer')))
        .statusCode,
    ).toBe(201);
  });

  it('reads, ledger proofs, text and binary bodies, and problems', async () => {
    for (const url of [
      `/v1/organisations/${ids.brand}`,
      `/v1/organisations/${ids.brand}/supply-chain`,
      `/v1/plots/${ids.plot}`,
      `/v1/batches/${ids.batch}`,
      `/v1/batches/${ids.batch}/trace`,
      `/v1/batches/${ids.batch}/mass-balance`,
      '/v1/findings',
      '/v1/reference',
      '/v1/ledger/checkpoint',
      '/v1/ledger/key',
      '/v1/ledger/proofs/inclusion?index=0&treeSize=3',
      '/v1/ledger/proofs/consistency?from=1&to=3',
      '/v1/ledger/checkpoints?from=0&limit=5',
      '/v1/imports/plots/template.csv',
    ])
      expect((await get(url)).statusCode, url).toBe(200);
    expect((await get('/v1/ledger/entries?start=0&limit=3', auditor)).statusCode).toBe(200);
    // Problems: not found, invalid, unauthenticated, forbidden.
    expect((await get('/v1/plots/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await post('/v1/plots', { commodity: 'cocoa' })).statusCode).toBe(400);
    expect((await send({ method: 'GET', url: `/v1/plots/${ids.plot}` })).statusCode).toBe(401);
    expect((await send({ method: 'POST', url: '/v1/mass-balance/recompute' }, auditor)).statusCode).toBe(403);
    // Bytes in, bytes out.
    const supplier = await t.token('supplier', { organisationId: ids.cooperative });
    const bytes = jpeg('a drying table in Soubré');
    const upload = await send(
      {
        method: 'POST',
        url: '/v1/evidence',
        payload: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      },
      supplier,
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const download = await get(`/v1/evidence/${upload.json().sha256}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.equals(bytes)).toBe(true);
    // EPCIS: capture GS1's example, then query it.
    const capture = await send(
      {
        method: 'POST',
        url: '/epcis/capture',
        payload: readFileSync(GS1_EXAMPLE, 'utf8'),
        headers: { 'content-type': 'application/ld+json' },
      },
      supplier,
    );
    expect(capture.statusCode, capture.body).toBe(202);
    expect((await get('/epcis/events?perPage=2', supplier)).statusCode).toBe(200);
  });

  it('a response that breaks the contract is caught', async () => {
    const response = await get(`/v1/plots/${ids.plot}`);
    const tampered = { ...response, json: () => ({ ...response.json(), areaHectares: 12 }) };
    expect(() => contract.check('GET', `/v1/plots/${ids.plot}`, tampered as LightMyRequestResponse)).toThrow(
      /areaHectares|must be string/,
    );
    expect(() => contract.check('GET', '/v1/nowhere', response)).toThrow(/no path/);
  });

  it('the generated typed client talks to the API (openapi-fetch)', async () => {
    const viaInject = async (request: Request) => {
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const response = await t.app.inject({
        method: request.method as 'GET',
        url: url.pathname + url.search,
        headers,
        ...(body ? { payload: body } : {}),
      });
      checked.push(contract.check(request.method, url.pathname + url.search, response));
      return new Response(response.statusCode === 204 ? null : new Uint8Array(response.rawPayload), {
        status: response.statusCode,
        headers: response.headers as Record<string, string>,
      });
    };
    const api = createApiClient({ baseUrl: 'http://groundtruth.test', token: admin, fetch: viaInject });
    const plot = await api.GET('/v1/plots/{id}', { params: { path: { id: ids.plot! } } });
    expect(plot.data?.commodity).toBe('cocoa');
    const created = await api.POST('/v1/organisations', {
      body: { name: 'Typed Client Farm', kind: 'supplier', country: 'GH', role: 'farm' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.name).toBe('Typed Client Farm');
    const missing = await api.GET('/v1/organisations/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.error?.status).toBe(404);
  });

  afterAll(() => {
    // A sample across the API, not a handful: distinct operations and statuses seen.
    const operationsSeen = new Set(checked.map((c) => c.operationId));
    expect(operationsSeen.size).toBeGreaterThanOrEqual(25);
    const statuses = new Set(checked.map((c) => c.status));
    for (const status of ['200', '201', '202', '400', '401', '403', '404'])
      expect(statuses).toContain(status);
  });
});
