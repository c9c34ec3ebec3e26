import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

describe('auditor grants', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    Object.assign(
      ids,
      await t.seedOrganisations(
        {
          brand: 'brand',
          otherBrand: 'brand',
          supplier: 'supplier',
          otherSupplier: 'supplier',
          auditor: 'auditor',
        },
        [
          ['brand', 'supplier'],
          ['otherBrand', 'otherSupplier'],
        ],
      ),
    );
    tok.auditor = await t.token('auditor', { organisationId: ids.auditor });
    tok.compliance = await t.token('compliance', { organisationId: ids.brand });
    tok.otherCompliance = await t.token('compliance', { organisationId: ids.otherBrand });
  });
  afterAll(() => t.close());

  it('lets an auditor read a brand’s chain only while the brand grants it', async () => {
    expect((await call('GET', `/v1/organisations/${ids.supplier}`, tok.auditor!)).statusCode).toBe(404);
    const granted = await call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, tok.compliance!, {
      auditorId: ids.auditor,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect((await call('GET', `/v1/organisations/${ids.supplier}`, tok.auditor!)).statusCode).toBe(200);
    expect((await call('GET', `/v1/organisations/${ids.otherSupplier}`, tok.auditor!)).statusCode).toBe(404);
    expect(
      (
        await call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, tok.compliance!, {
          auditorId: ids.auditor,
        })
      ).statusCode,
    ).toBe(409);
    // Read-only: the auditor cannot write into the chain it sees.
    expect(
      (
        await call('POST', '/v1/plots', tok.auditor!, {
          organisationId: ids.supplier,
          commodity: 'cocoa',
          country: 'GH',
          geometry: { type: 'Point', coordinates: [-1.908421, 6.513262] },
          declaredAreaHectares: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call('DELETE', `/v1/organisations/${ids.brand}/auditor-grants/${ids.auditor}`, tok.compliance!))
        .statusCode,
    ).toBe(204);
    expect((await call('GET', `/v1/organisations/${ids.supplier}`, tok.auditor!)).statusCode).toBe(404);
  });

  it('refuses grants by another brand, and of non-auditors', async () => {
    expect(
      (
        await call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, tok.otherCompliance!, {
          auditorId: ids.auditor,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call('POST', `/v1/organisations/${ids.brand}/auditor-grants`, tok.compliance!, {
          auditorId: ids.supplier,
        })
      ).statusCode,
    ).toBe(400);
  });
});
