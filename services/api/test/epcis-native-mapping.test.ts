// The pure mapping of decision 0016 (no database): which identifiers a batch and an organisation get,
// and that every kind of native fact becomes an event GS1's schema accepts, with a hash ID, and an
// error declaration hashes as the event it declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalEpc, createSchemaValidator, eventHashId } from '@groundtruth/epcis';
import { describe, expect, it } from 'vitest';
import {
  batchClass,
  type NativeFact,
  nativeEventId,
  nativeToEpcis,
  partyId,
  voidToEpcis,
  withHashId,
} from '../src/domains/epcis/native-mapping.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const validator = createSchemaValidator(
  JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')),
);
const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const batchId = '1b9e7d52-3c0a-4f3e-8e7a-2d9c4b6a1f00';

describe('batch classes', () => {
  it('are LGTINs as Digital Link URIs when the batch has a GTIN and a lot GS1 can carry', () => {
    expect(batchClass({ batchId, lot: 'NIBS-1', gtin: '04006381333931' })).toBe(
      'https://id.gs1.org/01/04006381333931/10/NIBS-1',
    );
    // Characters of set 82 that a URI path must escape are percent-encoded; the hash's canonical form
    // of the class is the same LGTIN.
    const odd = batchClass({ batchId, lot: "A/B'%1", gtin: '04006381333931' });
    expect(odd).toBe('https://id.gs1.org/01/04006381333931/10/A%2FB%27%251');
    expect(canonicalEpc(odd)).toMatch(/^https:\/\/id\.gs1\.org\/01\/04006381333931\/10\//);
  });

  it('are Groundtruth URNs otherwise: no GTIN, a lot beyond set 82 or longer than 20', () => {
    const urn = `urn:groundtruth:batch:${batchId}`;
    expect(batchClass({ batchId, lot: 'NIBS-1', gtin: null })).toBe(urn);
    expect(batchClass({ batchId, lot: 'LOT #7', gtin: '04006381333931' })).toBe(urn);
    expect(batchClass({ batchId, lot: 'X'.repeat(21), gtin: '04006381333931' })).toBe(urn);
  });
});

describe('parties', () => {
  it('are party GLNs when the organisation has a GLN, else Groundtruth URNs', () => {
    expect(partyId({ id: batchId, gln: '0614141000012' })).toBe('https://id.gs1.org/417/0614141000012');
    expect(partyId({ id: batchId, gln: null })).toBe(`urn:groundtruth:organisation:${batchId}`);
  });
});

const lot = (n: number, gtin: string | null = null) => ({
  batchId: `00000000-0000-4000-8000-00000000000${n}`,
  lot: `L-${n}`,
  gtin,
  quantity: { value: `${n}00.5`, unit: 'KGM' },
});
const coop = { id: '00000000-0000-4000-8000-0000000000c0', gln: null };
const exporter = { id: '00000000-0000-4000-8000-0000000000e0', gln: '0614141000012' };
const base = {
  entryIndex: 7,
  eventTime: '2026-10-01T10:00:00+02:00',
  eventId: '6f1c0a4e-8d1e-4c57-9a55-0f4d8f2b7c11',
};
const FACTS: NativeFact[] = [
  {
    ...base,
    kind: 'harvest',
    organisation: coop,
    plotId: '0c3d5e7f-9a1b-4c2d-8e3f-5a6b7c8d9e0f',
    output: lot(1),
  },
  { ...base, kind: 'transfer', from: coop, to: exporter, input: lot(1), output: lot(2) },
  {
    ...base,
    kind: 'transformation',
    organisation: exporter,
    inputs: [lot(2), lot(3)],
    outputs: [lot(4, '04006381333931')],
  },
  { ...base, kind: 'loss', organisation: exporter, input: lot(4) },
  {
    kind: 'receipt',
    entryIndex: 9,
    eventTime: base.eventTime,
    transferId: base.eventId,
    from: coop,
    to: exporter,
    received: lot(2),
  },
];

describe('each kind of fact', () => {
  for (const fact of FACTS) {
    it(`${fact.kind}: a schema-valid EPCIS event in UTC, with its ledger entry and its hash ID as eventID`, () => {
      const event = withHashId(nativeToEpcis(fact));
      const document = {
        '@context': [EPCIS_CONTEXT],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: '2026-12-04T00:00:00.000Z',
        epcisBody: { eventList: [event] },
      };
      expect(validator.validate(document)).toEqual([]);
      expect(event['gt:event']).toBe(nativeEventId(fact));
      expect(event.eventID).toBe(eventHashId(nativeToEpcis(fact)));
      expect(event.eventTime).toBe('2026-10-01T08:00:00.000Z');
      expect(event.eventTimeZoneOffset).toBe('+00:00');
      expect(event['gt:entryIndex']).toBe(fact.entryIndex);
      expect(event.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
      // Served with its eventID, the event still hashes to it.
      expect(eventHashId(event)).toBe(event.eventID);
    });
  }

  it('a void: the event again with an error declaration, the same hash ID, schema-valid', () => {
    const voided = FACTS[3]!;
    const declaration = voidToEpcis({
      entryIndex: 12,
      voided,
      declarationTime: '2026-10-02T09:00:00Z',
      reason: 'did_not_occur',
      correctiveEventIds: ['urn:uuid:9d2f4b6c-1e3a-4c5d-8f7a-0b1c2d3e4f5a'],
    });
    expect(declaration.errorDeclaration).toEqual({
      declarationTime: '2026-10-02T09:00:00.000Z',
      reason: 'did_not_occur',
      correctiveEventIDs: ['urn:uuid:9d2f4b6c-1e3a-4c5d-8f7a-0b1c2d3e4f5a'],
      'gt:entryIndex': 12,
    });
    const { errorDeclaration: _e, ...rest } = declaration;
    expect(rest).toEqual(nativeToEpcis(voided));
    expect(withHashId(declaration).eventID).toBe(withHashId(nativeToEpcis(voided)).eventID);
    const document = {
      '@context': [EPCIS_CONTEXT],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-12-04T00:00:00.000Z',
      epcisBody: { eventList: [withHashId(declaration)] },
    };
    expect(validator.validate(document)).toEqual([]);
  });

  it('the extension changes the hash: the ledger entry is part of what the hash commits to', () => {
    const fact = FACTS[0]!;
    expect(eventHashId(nativeToEpcis({ ...fact, entryIndex: 8 }))).not.toBe(eventHashId(nativeToEpcis(fact)));
  });
});
