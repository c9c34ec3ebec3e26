import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, square, type TestApp } from './helper.ts';

describe('traceability events and trace', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const send = (url: string, token: string, payload?: object) =>
    t.app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      ...(payload ? { payload } : {}),
      headers: { authorization: `Bearer ${token}` },
    });
  const footprint = async () =>
    (
      await t.runtime.db.query<Record<string, string>>(
        'SELECT (SELECT count(*) FROM ledger_entries) AS e, (SELECT count(*) FROM batches) AS b, (SELECT count(*) FROM trace_events) AS ev',
      )
    )[0];
  const record = async (token: string, body: object) => {
    const res = await send('/v1/events', token, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { eventId: string; batchIds: string[] };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    tok.admin = await t.token('admin');
    const org = async (name: string, kind: string, country: string) => {
      const res = await send('/v1/organisations', tok.admin!, { name, kind, country });
      return res.json().id as string;
    };
    ids.brand = await org('Brand', 'brand', 'GB');
    ids.processor = await org('Processor', 'supplier', 'GH');
    ids.coop = await org('Coop', 'supplier', 'GH');
    ids.other = await org('Unrelated', 'supplier', 'CI');
    for (const [buyer, supplier] of [
      ['brand', 'processor'],
      ['processor', 'coop'],
    ]) {
      await send('/v1/relationships', tok.admin!, {
        buyerId: ids[buyer!],
        supplierId: ids[supplier!],
        commodity: 'cocoa',
      });
    }
    tok.coop = await t.token('supplier', { organisationId: ids.coop });
    tok.processor = await t.token('supplier', { organisationId: ids.processor });
    tok.other = await t.token('supplier', { organisationId: ids.other });
    tok.brand = await t.token('compliance', { organisationId: ids.brand });
    for (const [i, lon] of [-1.908421, -1.918421, -1.928421].entries()) {
      const res = await send('/v1/plots', tok.coop!, {
        organisationId: ids.coop,
        commodity: 'cocoa',
        country: 'GH',
        geometry: square(lon, 6.513262),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids[`plot${i}`] = res.json().id;
    }
  });
  afterAll(() => t.close());

  it('records what each batch physically is: defaults where it is evident, refused where it is not', async () => {
    const harvest = await record(tok.coop!, {
      type: 'harvest',
      plotId: ids.plot0,
      season: '2025/26 main crop',
      eventTime: '2025-11-15T08:00:00Z',
      output: { lot: 'MAT-H', quantity: { value: '100', unit: 'KGM' } },
    });
    const batch = async (id: string) => (await send(`/v1/batches/${id}`, tok.coop!)).json();
    expect(await batch(harvest.batchIds[0]!)).toMatchObject({ material: 'cocoa_beans', cocoaContent: null });
    const ground = await record(tok.coop!, {
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: '2025-11-16T08:00:00Z',
      inputs: [{ batchId: harvest.batchIds[0], quantity: { value: '50', unit: 'KGM' } }],
      outputs: [{ lot: 'MAT-L', quantity: { value: '40', unit: 'KGM' }, material: 'cocoa_liquor' }],
    });
    expect((await batch(ground.batchIds[0]!)).material).toBe('cocoa_liquor');
    const before = await footprint();
    const refused: [object, string][] = [
      [
        { lot: 'MAT-X', quantity: { value: '1', unit: 'KGM' }, material: 'coffee_green' },
        '/outputs/0/material',
      ],
      [
        { lot: 'MAT-X', quantity: { value: '1', unit: 'KGM' }, material: 'chocolate' },
        '/outputs/0/cocoaContent',
      ],
      [
        { lot: 'MAT-X', quantity: { value: '1', unit: 'KGM' }, cocoaContent: '0.7' },
        '/outputs/0/cocoaContent',
      ],
    ];
    for (const [output, pointer] of refused) {
      const res = await send('/v1/events', tok.coop!, {
        type: 'transformation',
        organisationId: ids.coop,
        eventTime: '2025-11-16T09:00:00Z',
        inputs: [{ batchId: harvest.batchIds[0], quantity: { value: '1', unit: 'KGM' } }],
        outputs: [output],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].pointer).toBe(pointer);
    }
    // Beans and liquor together: the output must say what it is.
    const mixed = await send('/v1/events', tok.coop!, {
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: '2025-11-17T08:00:00Z',
      inputs: [
        { batchId: harvest.batchIds[0], quantity: { value: '10', unit: 'KGM' } },
        { batchId: ground.batchIds[0], quantity: { value: '10', unit: 'KGM' } },
      ],
      outputs: [{ lot: 'MAT-M', quantity: { value: '20', unit: 'KGM' } }],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].pointer).toBe('/outputs/0/material');
    expect(await footprint()).toEqual(before);
  });

  it('follows harvests, a transfer and a transformation back to the plots, with exact quantities and tiers', async () => {
    const harvests = [];
    for (const [i, kg] of ['812.4', '790.15', '1001.05'].entries()) {
      harvests.push(
        await record(tok.coop!, {
          type: 'harvest',
          plotId: ids[`plot${i}`],
          season: '2025/26 main crop',
          eventTime: '2025-12-15T08:00:00Z',
          output: { lot: `H-${i}`, quantity: { value: kg, unit: 'KGM' } },
        }),
      );
    }
    const pooled = await record(tok.coop!, {
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: '2026-01-10T08:00:00Z',
      inputs: harvests.map((h, i) => ({
        batchId: h.batchIds[0],
        quantity: { value: ['812.4', '790.15', '1001.05'][i], unit: 'KGM' },
      })),
      outputs: [{ lot: 'COOP-POOL-1', quantity: { value: '2.6036', unit: 'TNE' } }],
    });
    const shipped = await record(tok.coop!, {
      type: 'transfer',
      fromOrganisationId: ids.coop,
      toOrganisationId: ids.processor,
      eventTime: '2026-02-01T08:00:00Z',
      input: { batchId: pooled.batchIds[0], quantity: { value: '2.6036', unit: 'TNE' } },
      output: { lot: 'TCP-IN-77', quantity: { value: '2603.6', unit: 'KGM' } },
    });
    const res = await send(`/v1/batches/${shipped.batchIds[0]}/trace`, tok.brand!);
    expect(res.statusCode, res.body).toBe(200);
    const trace = res.json();
    expect(trace.batches).toHaveLength(5);
    expect(trace.events.map((e: { type: string }) => e.type).sort()).toEqual([
      'harvest',
      'harvest',
      'harvest',
      'transfer',
      'transformation',
    ]);
    expect(trace.plots.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.plot0, ids.plot1, ids.plot2].sort(),
    );
    // Tiers from the brand's point of view: processor 1, cooperative and its plots 2.
    expect(trace.plots.every((p: { tier: number }) => p.tier === 2)).toBe(true);
    const received = trace.batches.find((b: { id: string }) => b.id === shipped.batchIds[0]);
    expect(received).toMatchObject({
      organisationId: ids.processor,
      tier: 1,
      quantity: { value: '2603.6', unit: 'KGM', grams: '2603600' },
    });
    const pool = trace.batches.find((b: { lot: string }) => b.lot === 'COOP-POOL-1');
    expect(pool.quantity).toEqual({ value: '2.6036', unit: 'TNE', grams: '2603600' });
    const harvest = trace.events.find(
      (e: { type: string; inputs: { plotId: string }[] }) =>
        e.type === 'harvest' && e.inputs[0]!.plotId === ids.plot1,
    );
    expect(harvest.outputs[0].quantity.value).toBe('790.15');
  });

  it('stops on a cycle in bad data instead of looping', async () => {
    const a = await record(tok.coop!, {
      type: 'harvest',
      plotId: ids.plot0,
      season: 'cycle',
      eventTime: '2026-03-01T08:00:00Z',
      output: { lot: 'CYC-A', quantity: { value: '10', unit: 'KGM' } },
    });
    const b = await record(tok.coop!, {
      type: 'transformation',
      organisationId: ids.coop,
      eventTime: '2026-03-02T08:00:00Z',
      inputs: [{ batchId: a.batchIds[0], quantity: { value: '10', unit: 'KGM' } }],
      outputs: [{ lot: 'CYC-B', quantity: { value: '10', unit: 'KGM' } }],
    });
    // Corrupt the projection directly: make batch A's producing event also consume batch B.
    await t.runtime.db.query(
      "INSERT INTO trace_event_inputs (event_id, position, batch_id, quantity_value, quantity_unit) VALUES ($1, 1, $2, '10', 'KGM')",
      [a.eventId, b.batchIds[0]],
    );
    const res = await send(`/v1/batches/${b.batchIds[0]}/trace`, tok.coop!);
    expect(res.statusCode).toBe(200);
    expect(res.json().batches).toHaveLength(2);
  });

  describe('refused, and nothing written', () => {
    const cases: [string, () => [string, object]][] = [
      [
        'another supplier harvesting the cooperative’s plot',
        () => [
          tok.other!,
          {
            type: 'harvest',
            plotId: ids.plot0,
            season: 's',
            eventTime: '2026-01-01T00:00:00Z',
            output: { lot: 'X1', quantity: { value: '1', unit: 'KGM' } },
          },
        ],
      ],
      [
        'the buyer shipping the cooperative’s batch',
        () => [
          tok.processor!,
          {
            type: 'transfer',
            fromOrganisationId: ids.coop,
            toOrganisationId: ids.processor,
            eventTime: '2026-01-01T00:00:00Z',
            input: { batchId: ids.plot0, quantity: { value: '1', unit: 'KGM' } },
            output: { lot: 'X2', quantity: { value: '1', unit: 'KGM' } },
          },
        ],
      ],
      [
        'a transformation of a batch the organisation does not hold',
        () => [
          tok.processor!,
          {
            type: 'transformation',
            organisationId: ids.processor,
            eventTime: '2026-01-01T00:00:00Z',
            inputs: [{ batchId: ids.someCoopBatch, quantity: { value: '1', unit: 'KGM' } }],
            outputs: [{ lot: 'X3', quantity: { value: '1', unit: 'KGM' } }],
          },
        ],
      ],
      [
        'a negative quantity',
        () => [
          tok.coop!,
          {
            type: 'harvest',
            plotId: ids.plot0,
            season: 's',
            eventTime: '2026-01-01T00:00:00Z',
            output: { lot: 'X4', quantity: { value: '-5', unit: 'KGM' } },
          },
        ],
      ],
      [
        'a float quantity',
        () => [
          tok.coop!,
          {
            type: 'harvest',
            plotId: ids.plot0,
            season: 's',
            eventTime: '2026-01-01T00:00:00Z',
            output: { lot: 'X5', quantity: { value: 5.5, unit: 'KGM' } },
          },
        ],
      ],
      [
        'an unknown unit',
        () => [
          tok.coop!,
          {
            type: 'harvest',
            plotId: ids.plot0,
            season: 's',
            eventTime: '2026-01-01T00:00:00Z',
            output: { lot: 'X6', quantity: { value: '5', unit: 'kg' } },
          },
        ],
      ],
      ['an unknown event type', () => [tok.coop!, { type: 'teleport', plotId: ids.plot0 }]],
      [
        'a duplicate lot',
        () => [
          tok.coop!,
          {
            type: 'harvest',
            plotId: ids.plot0,
            season: 's',
            eventTime: '2026-01-01T00:00:00Z',
            output: { lot: 'H-0', quantity: { value: '5', unit: 'KGM' } },
          },
        ],
      ],
    ];
    beforeAll(async () => {
      const [row] = await t.runtime.db.query<{ id: string }>(
        'SELECT id FROM batches WHERE organisation_id = $1 LIMIT 1',
        [ids.coop],
      );
      ids.someCoopBatch = row?.id ?? ids.plot0!;
    });
    for (const [name, make] of cases) {
      it(name, async () => {
        const before = await footprint();
        const [token, body] = make();
        const res = await send('/v1/events', token, body);
        expect([400, 403, 404, 409]).toContain(res.statusCode);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(await footprint()).toEqual(before);
      });
    }
  });

  it('registers products by GTIN, normalised to 14 digits, and refuses a bad check digit or a duplicate', async () => {
    const ok = await send('/v1/products', tok.admin!, {
      gtin: '4006381333931',
      name: 'Dark chocolate 70%',
      commodity: 'cocoa',
      organisationId: ids.brand,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().gtin).toBe('04006381333931');
    const bad = await send('/v1/products', tok.admin!, {
      gtin: '4006381333932',
      name: 'X',
      commodity: 'cocoa',
      organisationId: ids.brand,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/gtin');
    const again = await send('/v1/products', tok.admin!, {
      gtin: '04006381333931',
      name: 'X',
      commodity: 'cocoa',
      organisationId: ids.brand,
    });
    expect(again.statusCode).toBe(409);
  });
});
