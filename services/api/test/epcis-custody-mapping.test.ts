// The pure EPCIS → custody mapping of decision 0025 (custody-mapping.ts): which events state custody
// facts and which do not, the identifiers it reads (LGTIN in both spellings, Groundtruth's URNs,
// party and site GLNs), quantities as exact decimals, Groundtruth's extension under whatever prefix
// the document binds to its namespace, and the inverse of the read direction (decision 0016): every
// native fact served as EPCIS maps back to the same fact.
import { gs1CheckDigit } from '@groundtruth/quantity';
import { describe, expect, it } from 'vitest';
import { classRefOf, custodyFromEpcis, partyRefOf } from '../src/domains/epcis/custody-mapping.ts';
import { type NativeFact, nativeToEpcis } from '../src/domains/epcis/native-mapping.ts';

const ORG_A = '5a0e2c4d-6f8a-4b1c-9d3e-7f0a1b2c3d4e';
const ORG_B = '6b1f3d5e-7a9b-4c2d-8e4f-8a1b2c3d4e5f';
const PLOT = '0c3d5e7f-9a1b-4c2d-8e3f-5a6b7c8d9e0f';
const BATCH_1 = '1b9e7d52-3c0a-4f3e-8e7a-2d9c4b6a1f00';
const BATCH_2 = '7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b';
const EVENT = '9d2f4b6c-1e3a-4c5d-8f7a-0b1c2d3e4f5a';
// GS1's example company prefix 0614141: item reference 107346 (indicator digit 1), location 00001.
const GTIN = `1061414107346${gs1CheckDigit('1061414107346')}`;
const GLN = `061414100001${gs1CheckDigit('061414100001')}`;
const at = '2026-10-01T08:00:00.000Z';

describe('custodyFromEpcis', () => {
  describe('#identifiers', () => {
    it('reads an LGTIN as EPC URN and as GS1 Digital Link, and Groundtruth’s lot and batch URNs', () => {
      expect(classRefOf('urn:epc:class:lgtin:0614141.107346.L%2F1')).toEqual({ gtin: GTIN, lot: 'L/1' });
      expect(classRefOf(`https://id.gs1.org/01/${GTIN}/10/L-1`)).toEqual({ gtin: GTIN, lot: 'L-1' });
      expect(classRefOf(`https://example.com/01/${GTIN}/10/L-1`)).toEqual({ gtin: GTIN, lot: 'L-1' });
      expect(classRefOf('urn:groundtruth:lot:GH-001%20M')).toEqual({ lot: 'GH-001 M', gtin: null });
      expect(classRefOf(`urn:groundtruth:batch:${BATCH_1.toUpperCase()}`)).toEqual({ batchId: BATCH_1 });
      expect(typeof classRefOf('urn:epc:idpat:sgtin:0614141.107346.*')).toBe('string');
      expect(typeof classRefOf(`https://id.gs1.org/01/${GTIN}`)).toBe('string');
    });

    it('reads a party GLN, a site GLN and Groundtruth’s organisation URN as parties', () => {
      expect(partyRefOf(`https://id.gs1.org/417/${GLN}`)).toEqual({ gln: GLN });
      expect(partyRefOf('urn:epc:id:pgln:0614141.00001')).toEqual({ gln: GLN });
      expect(partyRefOf('urn:epc:id:sgln:0614141.00001.0')).toEqual({ gln: GLN });
      expect(partyRefOf(`urn:groundtruth:organisation:${ORG_A}`)).toEqual({ organisationId: ORG_A });
      expect(partyRefOf('https://example.com/parties/1')).toBeNull();
    });
  });

  describe('#kinds', () => {
    const shipping = (extra: Record<string, unknown> = {}) => ({
      type: 'ObjectEvent',
      eventTime: at,
      action: 'OBSERVE',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
      quantityList: [{ epcClass: `urn:groundtruth:batch:${BATCH_1}`, quantity: 1000.5, uom: 'KGM' }],
      sourceList: [
        { type: 'urn:epcglobal:cbv:sdt:owning_party', source: `urn:groundtruth:organisation:${ORG_A}` },
      ],
      destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${GLN}` }],
      ...extra,
    });

    it('maps shipping between owners to a transfer, in any CBV spelling, with exact quantities', () => {
      expect(custodyFromEpcis(shipping())).toEqual({
        maps: true,
        fact: {
          kind: 'transfer',
          eventTime: at,
          from: { organisationId: ORG_A },
          to: { gln: GLN },
          input: {
            class: { batchId: BATCH_1 },
            quantity: { value: '1000.5', unit: 'KGM' },
            pointer: '/quantityList/0',
            lotData: {},
          },
          receivedAs: null,
        },
      });
    });

    it('maps receiving to a receipt, ADD at a plot to a harvest, DELETE to a loss, TransformationEvent to a transformation', () => {
      const receiving = custodyFromEpcis(shipping({ bizStep: 'receiving' }));
      expect(receiving.maps === true && receiving.fact.kind).toBe('receipt');
      const harvest = custodyFromEpcis(
        {
          type: 'ObjectEvent',
          eventTime: at,
          action: 'ADD',
          quantityList: [{ epcClass: 'urn:groundtruth:lot:H-1', quantity: 12 }],
          readPoint: { id: `urn:groundtruth:plot:${PLOT}` },
          ilmd: {
            'x:season': '2026 main crop',
            'x:lotData': { 'urn:groundtruth:lot:H-1': { 'x:description': 'beans' } },
          },
        },
        // The document binds its own prefix to Groundtruth's namespace.
        ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { x: 'urn:groundtruth:epcis:' }],
      );
      expect(harvest).toMatchObject({
        maps: true,
        fact: {
          kind: 'harvest',
          plotId: PLOT,
          season: '2026 main crop',
          owner: null,
          // A quantity without uom counts instances: UN/CEFACT H87, piece.
          output: {
            class: { lot: 'H-1', gtin: null },
            quantity: { value: '12', unit: 'H87' },
            lotData: { description: 'beans' },
          },
        },
      });
      const loss = custodyFromEpcis({ ...shipping(), action: 'DELETE', bizStep: undefined });
      expect(loss.maps === true && loss.fact.kind).toBe('loss');
      const transformation = custodyFromEpcis({
        type: 'TransformationEvent',
        eventTime: at,
        inputQuantityList: [{ epcClass: `urn:groundtruth:batch:${BATCH_1}`, quantity: 10, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: `urn:epc:class:lgtin:0614141.107346.N1`, quantity: 8, uom: 'KGM' }],
        bizLocation: { id: 'urn:epc:id:sgln:0614141.00001.0' },
      });
      expect(transformation).toMatchObject({
        maps: true,
        fact: { kind: 'transformation', site: { gln: GLN }, outputs: [{ class: { gtin: GTIN, lot: 'N1' } }] },
      });
    });

    it('leaves observations, packing and other parties’ classes alone', () => {
      const cases = [
        {
          type: 'ObjectEvent',
          eventTime: at,
          action: 'OBSERVE',
          epcList: ['urn:epc:id:sgtin:0614141.107346.1'],
        },
        {
          type: 'AggregationEvent',
          eventTime: at,
          action: 'ADD',
          parentID: 'urn:epc:id:sscc:0614141.1234567890',
        },
        shipping({ quantityList: [{ epcClass: 'urn:epc:idpat:sgtin:0614141.107346.*', quantity: 1 }] }),
        shipping({ sourceList: [], destinationList: [] }),
        {
          type: 'ObjectEvent',
          eventTime: at,
          action: 'ADD',
          quantityList: [{ epcClass: 'urn:groundtruth:lot:X', quantity: 1 }],
        },
      ];
      for (const event of cases) expect(custodyFromEpcis(event).maps, JSON.stringify(event)).toBe(false);
    });

    it('reads an error declaration as a void of the declared event, whose custody the capture looks up', () => {
      const declared = custodyFromEpcis(
        {
          ...shipping({ 'gt:event': `urn:uuid:${EVENT.toUpperCase()}`, eventID: 'urn:uuid:0000' }),
          errorDeclaration: {
            declarationTime: at,
            reason: 'urn:epcglobal:cbv:er:did_not_occur',
            correctiveEventIDs: ['ni:///sha-256;ab?ver=CBV2.0'],
            'gt:explanation': 'never left the yard',
          },
        },
        [{ gt: 'urn:groundtruth:epcis:' }],
      );
      expect(declared).toEqual({
        maps: true,
        fact: {
          kind: 'void',
          eventTime: at,
          eventId: 'urn:uuid:0000',
          nativeEventId: EVENT,
          reason: 'did_not_occur',
          correctiveEventIds: ['ni:///sha-256;ab?ver=CBV2.0'],
          explanation: 'never left the yard',
        },
      });
    });

    it('refuses a custody fact it cannot read exactly, naming the field', () => {
      expect(
        custodyFromEpcis(
          shipping({ quantityList: [{ epcClass: `urn:groundtruth:batch:${BATCH_1}`, quantity: 1e21 }] }),
        ),
      ).toEqual({
        maps: 'refused',
        issues: [{ pointer: '/quantityList/0/quantity', detail: expect.stringMatching(/decimal/) }],
      });
      const twoLots = shipping({
        quantityList: [
          { epcClass: `urn:groundtruth:batch:${BATCH_1}`, quantity: 1 },
          { epcClass: `urn:groundtruth:batch:${BATCH_2}`, quantity: 1 },
        ],
      });
      expect(custodyFromEpcis(twoLots)).toMatchObject({
        maps: 'refused',
        issues: [{ pointer: '/quantityList' }],
      });
      // A party named some other way is the capture's to refuse, once it knows the lot is Groundtruth's.
      expect(
        custodyFromEpcis(
          shipping({ sourceList: [{ type: 'owning_party', source: 'https://example.com/p' }] }),
        ),
      ).toMatchObject({
        maps: true,
        fact: { from: { unknown: 'https://example.com/p' } },
      });
    });
  });

  describe('#lotData', () => {
    const LGTIN = 'urn:epc:class:lgtin:0614141.107346.N1';
    const transformation = (lotData: unknown) => ({
      type: 'TransformationEvent',
      eventTime: at,
      inputQuantityList: [{ epcClass: `urn:groundtruth:batch:${BATCH_1}`, quantity: 10, uom: 'KGM' }],
      outputQuantityList: [
        { epcClass: LGTIN, quantity: 8, uom: 'KGM' },
        { epcClass: 'urn:groundtruth:lot:SHELLS-1', quantity: 2, uom: 'KGM' },
      ],
      ilmd: { 'gt:lotData': lotData },
    });
    const context = [{ gt: 'urn:groundtruth:epcis:' }];
    const lotDataOfOutputs = (lotData: unknown) => {
      const mapping = custodyFromEpcis(transformation(lotData), context);
      if (mapping.maps !== true || mapping.fact.kind !== 'transformation')
        throw new Error(JSON.stringify(mapping));
      return mapping.fact.outputs.map((o) => o.lotData);
    };

    it('reads one entry per lot, matched by epcClass in canonical form (the XML binding’s repeated element)', () => {
      expect(
        lotDataOfOutputs([
          { 'gt:epcClass': 'urn:groundtruth:lot:SHELLS-1', 'gt:material': 'cocoa_shells' },
          // The Digital Link of the output's EPC URN names the same lot.
          {
            'gt:epcClass': `https://id.gs1.org/01/${GTIN}/10/N1`,
            'gt:material': 'cocoa_nibs',
            'gt:description': 'nibs, roasted',
            'gt:cocoaContent': '100',
          },
        ]),
      ).toEqual([
        { material: 'cocoa_nibs', description: 'nibs, roasted', cocoaContent: '100' },
        { material: 'cocoa_shells' },
      ]);
      // One element read back from XML is one object, not a list of one.
      expect(lotDataOfOutputs({ 'gt:epcClass': LGTIN, 'gt:material': 'cocoa_nibs' })).toEqual([
        { material: 'cocoa_nibs' },
        {},
      ]);
    });

    it('still reads the first form, a map keyed by epcClass as written', () => {
      expect(lotDataOfOutputs({ [LGTIN]: { 'gt:material': 'cocoa_nibs' } })).toEqual([
        { material: 'cocoa_nibs' },
        {},
      ]);
    });

    it('refuses an entry that names no lot, rather than make one without its material', () => {
      for (const [lotData, pointer] of [
        [[{ 'gt:epcClass': LGTIN }, { 'gt:material': 'cocoa_shells' }], '/ilmd/gt:lotData/1'],
        [{ 'gt:material': 'cocoa_shells' }, '/ilmd/gt:lotData'],
      ] as const)
        expect(custodyFromEpcis(transformation(lotData), context)).toEqual({
          maps: 'refused',
          issues: [{ pointer, detail: expect.stringContaining('epcClass') }],
        });
    });
  });

  describe('#inverse of the read direction (decision 0016)', () => {
    const party = (id: string, gln: string | null = null) => ({ id, gln });
    const lot = (batchId: string, value: string, gtin: string | null = null) => ({
      batchId,
      lot: 'NIBS-1',
      gtin,
      quantity: { value, unit: 'KGM' },
    });
    const base = { entryIndex: 7, eventTime: at };
    const facts: NativeFact[] = [
      {
        ...base,
        kind: 'harvest',
        eventId: EVENT,
        organisation: party(ORG_A),
        plotId: PLOT,
        output: lot(BATCH_1, '1000'),
      },
      {
        ...base,
        kind: 'transfer',
        eventId: EVENT,
        from: party(ORG_A),
        to: party(ORG_B, GLN),
        input: lot(BATCH_1, '999.5'),
        output: lot(BATCH_2, '999.5', GTIN),
      },
      {
        ...base,
        kind: 'receipt',
        transferId: EVENT,
        from: party(ORG_A),
        to: party(ORG_B, GLN),
        received: lot(BATCH_2, '990'),
      },
      {
        ...base,
        kind: 'transformation',
        eventId: EVENT,
        organisation: party(ORG_B),
        inputs: [lot(BATCH_2, '500')],
        outputs: [lot(BATCH_1, '400.25', GTIN)],
      },
      { ...base, kind: 'loss', eventId: EVENT, organisation: party(ORG_B), input: lot(BATCH_2, '5') },
    ];
    const classOf = (l: ReturnType<typeof lot>) =>
      l.gtin ? { gtin: l.gtin, lot: l.lot } : { batchId: l.batchId };
    const partyOf = (p: ReturnType<typeof party>) => (p.gln ? { gln: p.gln } : { organisationId: p.id });

    it('maps every native fact, served as EPCIS, back to the same fact', () => {
      for (const fact of facts) {
        const mapped = custodyFromEpcis(nativeToEpcis(fact));
        expect(mapped.maps, fact.kind).toBe(true);
        if (mapped.maps !== true) continue;
        const m = mapped.fact;
        expect(m.kind).toBe(fact.kind);
        expect(m.eventTime).toBe(fact.eventTime);
        if (fact.kind === 'harvest' && m.kind === 'harvest') {
          expect(m.plotId).toBe(fact.plotId);
          expect(m.owner).toEqual(partyOf(fact.organisation));
          expect([m.output.class, m.output.quantity]).toEqual([classOf(fact.output), fact.output.quantity]);
        } else if (fact.kind === 'transfer' && m.kind === 'transfer') {
          expect([m.from, m.to]).toEqual([partyOf(fact.from), partyOf(fact.to)]);
          expect([m.input.class, m.input.quantity]).toEqual([classOf(fact.input), fact.input.quantity]);
          expect([m.receivedAs?.class, m.receivedAs?.quantity]).toEqual([
            classOf(fact.output),
            fact.output.quantity,
          ]);
        } else if (fact.kind === 'receipt' && m.kind === 'receipt') {
          expect([m.from, m.to, m.confirms]).toEqual([partyOf(fact.from), partyOf(fact.to), fact.transferId]);
          expect([m.received.class, m.received.quantity]).toEqual([
            classOf(fact.received),
            fact.received.quantity,
          ]);
        } else if (fact.kind === 'transformation' && m.kind === 'transformation') {
          expect(m.inputs.map((i) => [i.class, i.quantity])).toEqual(
            fact.inputs.map((i) => [classOf(i), i.quantity]),
          );
          expect(m.outputs.map((i) => [i.class, i.quantity])).toEqual(
            fact.outputs.map((i) => [classOf(i), i.quantity]),
          );
        } else if (fact.kind === 'loss' && m.kind === 'loss') {
          expect([m.input.class, m.input.quantity]).toEqual([classOf(fact.input), fact.input.quantity]);
        } else throw new Error(`${fact.kind} came back as ${m.kind}`);
      }
    });
  });
});
