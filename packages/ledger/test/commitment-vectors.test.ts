// Pinned bytes of committed entries and their disclosures, recorded from the writer before its
// commitment path was sped up (decision 0011, amendment of stop 23). Salts come from a fixed
// sequence, so every byte is determined: a faster path that changed one byte of an entry, a
// disclosure, a digest or their order would fail here, whichever SHA-256 the caller passes.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  commitEntry,
  commitFields,
  cryptoRandomBytes,
  type DisclosureDigester,
  decodeDisclosure,
  disclosureDigest,
  ENTRY_POLICIES,
  type EntryEnvelope,
  encodeEntry,
  fromBase64Url,
  type RandomBytes,
  type Sha256Bytes,
  toBase64Url,
  utf8,
} from '../src/index.ts';

/** Byte i of the n-th draw of length L is (n·L + 7i + 3) mod 256: a fixed, non-trivial salt sequence. */
function fixedRandom(): RandomBytes {
  let n = 0;
  return (length) => {
    const out = Uint8Array.from({ length }, (_, i) => (n * length + i * 7 + 3) & 0xff);
    n++;
    return out;
  };
}

const nodeSha256: Sha256Bytes = (data) => {
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};

// The three ways a caller can have disclosures hashed: the package's portable default, a SHA-256
// function handed to disclosureDigest, and node:crypto straight from the string (the writer's way).
const digesters: [string, DisclosureDigester | undefined][] = [
  ['the portable SHA-256', undefined],
  ['node:crypto over bytes', (d) => disclosureDigest(d, nodeSha256)],
  ['node:crypto over the string', (d) => hash('sha256', d, 'base64url')],
];

const ORG = 'organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11';
// Three service shapes: quantities inside arrays, many top-level fields with non-ASCII text and
// exponent numbers, and text that JSON must escape.
const ENTRIES: EntryEnvelope[] = [
  {
    type: 'event.transfer',
    version: 1,
    at: '2026-12-04T10:00:00Z',
    actor: 'user:7',
    subject: 'batch:b1',
    body: {
      event: 'transfer',
      organisation: ORG,
      eventTime: '2026-06-01T00:00:00.000Z',
      inputs: [
        { batch: 'batch:a', quantity: { value: '1250.5', unit: 'KGM' } },
        { batch: 'batch:b', quantity: { value: '3', unit: 'TNE' } },
      ],
      outputs: [
        {
          batch: 'batch:c',
          organisation: ORG,
          lot: 'LOT-1',
          quantity: { value: '4250.5', unit: 'KGM' },
          material: 'cocoa_beans',
        },
      ],
    },
  },
  {
    type: 'plot.mapped',
    version: 1,
    at: '2026-12-04T10:00:01Z',
    actor: 'user:7',
    subject: 'plot:p1',
    body: {
      organisation: ORG,
      name: 'Kofi’s farm — “Nkwanta” 🌳',
      country: 'GH',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-1.9, 6.5],
            [-1.8, 6.5],
            [-1.8, 6.6],
            [-1.9, 6.5],
          ],
        ],
      },
      areaHectares: 12.25,
      declaredAreaHectares: 1e21,
      findings: [],
      commodity: 'cocoa',
    },
  },
  {
    type: 'organisation.registered',
    version: 1,
    at: '2026-12-04T10:00:02Z',
    actor: 'system',
    subject: ORG,
    body: {
      name: 'Ab\\c "quoted"\u2028\u0001',
      country: 'CI',
      identifiers: { duns: '123', __proto__x: -0 },
      kind: 'cooperative',
    },
  },
];

/** Leaf bytes (as text) and [path, disclosure, digest] of each entry above, in the order returned. */
const PINNED: { data: string; disclosures: [string, string, string][] }[] = [
  {
    data: '{"actor":"user:7","at":"2026-12-04T10:00:00Z","body":{"_sd_alg":"sha-256","event":"transfer","eventTime":"2026-06-01T00:00:00.000Z","inputs":[{"_sd":["EiYuVf3aZHpNtw8-xjmM1jiDlgfcSezApl__UsO_a3k"],"batch":"batch:a"},{"_sd":["BCfNaUbIrrWBKjmG9xznlQY8-dXFR7JBuOfC4Sy0aNU"],"batch":"batch:b"}],"organisation":"organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11","outputs":[{"_sd":["CIZW3iz-I2AUnYSFB_jWiYsbeFNdszEb3XmfEC1zFQE"],"batch":"batch:c","lot":"LOT-1","material":"cocoa_beans","organisation":"organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11"}]},"subject":"batch:b1","type":"event.transfer","version":1}',
    disclosures: [
      [
        'inputs.0.quantity',
        'WyJBd29SR0I4bUxUUTdRa2xRVjE1bGJBIiwicXVhbnRpdHkiLHsidW5pdCI6IktHTSIsInZhbHVlIjoiMTI1MC41In1d',
        'EiYuVf3aZHpNtw8-xjmM1jiDlgfcSezApl__UsO_a3k',
      ],
      [
        'inputs.1.quantity',
        'WyJFeG9oS0M4MlBVUkxVbGxnWjI1MWZBIiwicXVhbnRpdHkiLHsidW5pdCI6IlRORSIsInZhbHVlIjoiMyJ9XQ',
        'BCfNaUbIrrWBKjmG9xznlQY8-dXFR7JBuOfC4Sy0aNU',
      ],
      [
        'outputs.0.quantity',
        'WyJJeW94T0Q5R1RWUmJZbWx3ZDM2RmpBIiwicXVhbnRpdHkiLHsidW5pdCI6IktHTSIsInZhbHVlIjoiNDI1MC41In1d',
        'CIZW3iz-I2AUnYSFB_jWiYsbeFNdszEb3XmfEC1zFQE',
      ],
    ],
  },
  {
    data: '{"actor":"user:7","at":"2026-12-04T10:00:01Z","body":{"_sd":["5GbAIp4dHVUewIyKoYI4ZPXW6_SX8EvQYr3v0z8kfLY","MgIpiykS3j_PSFdtl3Mr4wMGDaBOiC4RuXJ-h2BL6Ew","Y1CW64DVfdc7IPgqT1vs0m9RflSYRSblpo9MgO-xfCo","Y5er2p_XPpTRo8Raoj3S5BfIiQSvn92SF9FK-9jH7_g","fVdFndzUsse04udls3RvHN7d1a0Umxll7xM1nEYzs0g","wDJM60wOFW4OFGnSKr4QVXHHvOQlUQZUpcbjrDDAaOI"],"_sd_alg":"sha-256","commodity":"cocoa","organisation":"organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11"},"subject":"plot:p1","type":"plot.mapped","version":1}',
    disclosures: [
      [
        'areaHectares',
        'WyJZMnB4ZUgtR2paU2JvcW13dDc3RnpBIiwiYXJlYUhlY3RhcmVzIiwxMi4yNV0',
        'Y1CW64DVfdc7IPgqT1vs0m9RflSYRSblpo9MgO-xfCo',
      ],
      [
        'country',
        'WyJRMHBSV0Y5bWJYUjdnb21RbDU2bHJBIiwiY291bnRyeSIsIkdIIl0',
        'MgIpiykS3j_PSFdtl3Mr4wMGDaBOiC4RuXJ-h2BL6Ew',
      ],
      [
        'declaredAreaHectares',
        'WyJjM3FCaUktV25hU3Jzcm5BeDg3VjNBIiwiZGVjbGFyZWRBcmVhSGVjdGFyZXMiLDFlKzIxXQ',
        '5GbAIp4dHVUewIyKoYI4ZPXW6_SX8EvQYr3v0z8kfLY',
      ],
      [
        'findings',
        'WyJnNHFSbUotbXJiUzd3c25RMTk3bDdBIiwiZmluZGluZ3MiLFtdXQ',
        'fVdFndzUsse04udls3RvHN7d1a0Umxll7xM1nEYzs0g',
      ],
      [
        'geometry',
        'WyJVMXBoYUc5MmZZU0xrcG1ncDY2MXZBIiwiZ2VvbWV0cnkiLHsiY29vcmRpbmF0ZXMiOltbWy0xLjksNi41XSxbLTEuOCw2LjVdLFstMS44LDYuNl0sWy0xLjksNi41XV1dLCJ0eXBlIjoiUG9seWdvbiJ9XQ',
        'Y5er2p_XPpTRo8Raoj3S5BfIiQSvn92SF9FK-9jH7_g',
      ],
      [
        'name',
        'WyJNenBCU0U5V1hXUnJjbm1BaDQ2Vm5BIiwibmFtZSIsIktvZmnigJlzIGZhcm0g4oCUIOKAnE5rd2FudGHigJ0g8J-MsyJd',
        'wDJM60wOFW4OFGnSKr4QVXHHvOQlUQZUpcbjrDDAaOI',
      ],
    ],
  },
  {
    data: '{"actor":"system","at":"2026-12-04T10:00:02Z","body":{"_sd":["1ja1aI-_9_ZyEoJ0ciCPO1S3o_gX9w480I521hB9uKw","7FZa1b65P_i2N4NlmXC1rGRF5cnHEtMra8h1yrgNH9M","y7g09Sy8f4X76p9t5f1VLES0tz2MMj2O5FW62n8UpEA"],"_sd_alg":"sha-256","kind":"cooperative"},"subject":"organisation:0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11","type":"organisation.registered","version":1}',
    disclosures: [
      [
        'country',
        'WyJvNnF4dUxfR3pkVGI0dW53OV80RkRBIiwiY291bnRyeSIsIkNJIl0',
        '7FZa1b65P_i2N4NlmXC1rGRF5cnHEtMra8h1yrgNH9M',
      ],
      [
        'identifiers',
        'WyJzN3JCeU1fVzNlVHI4dmtBQnc0VkhBIiwiaWRlbnRpZmllcnMiLHsiX19wcm90b19feCI6MCwiZHVucyI6IjEyMyJ9XQ',
        '1ja1aI-_9_ZyEoJ0ciCPO1S3o_gX9w480I521hB9uKw',
      ],
      [
        'name',
        'WyJrNXFocUstMnZjVEwwdG5nNS03MV9BIiwibmFtZSIsIkFiXFxjIFwicXVvdGVkXCLigKhcdTAwMDEiXQ',
        'y7g09Sy8f4X76p9t5f1VLES0tz2MMj2O5FW62n8UpEA',
      ],
    ],
  },
];

const NESTED_BODY = JSON.parse(
  '{"a":{"b":"inner","c":[1,{"d":"x"}]},"list":[{"q":1},{"q":"two"},{"p":3}],"e":"é","__proto__":1}',
);
const NESTED_PINNED = {
  body: '{"list":[{"_sd":["eU6dKacdeQa9vEs4bQDaVxW55CNlOuJBq0-rXG3EhYU"]},{"_sd":["JCjfZvTTEMLjLJrPJ2GTxpKVbs55wRtMAOMyOQXOYnU"]},{"p":3}],"__proto__":1,"_sd":["kzjxOt3oepXjhkTtR8WZQnFE7OrAKbyN8LhjwCg3F-8","uuLGkv2iA7W_Mk4QziDa1IVygjGxPz0uJOKafEt6BrM"],"_sd_alg":"sha-256"}',
  disclosures: [
    [
      'list.0.q',
      'WyJJeW94T0Q5R1RWUmJZbWx3ZDM2RmpBIiwicSIsMV0',
      'eU6dKacdeQa9vEs4bQDaVxW55CNlOuJBq0-rXG3EhYU',
    ],
    [
      'list.1.q',
      'WyJNenBCU0U5V1hXUnJjbm1BaDQ2Vm5BIiwicSIsInR3byJd',
      'JCjfZvTTEMLjLJrPJ2GTxpKVbs55wRtMAOMyOQXOYnU',
    ],
    [
      'a.b',
      'WyJBd29SR0I4bUxUUTdRa2xRVjE1bGJBIiwiYiIsImlubmVyIl0',
      'sGeOt4opbpKx1ByhI0CEiH2Sg1PNA45qv7Yjx_4fpQU',
    ],
    [
      'a',
      'WyJFeG9oS0M4MlBVUkxVbGxnWjI1MWZBIiwiYSIseyJfc2QiOlsic0dlT3Q0b3BicEt4MUJ5aEkwQ0VpSDJTZzFQTkE0NXF2N1lqeF80ZnBRVSJdLCJjIjpbMSx7ImQiOiJ4In1dfV0',
      'kzjxOt3oepXjhkTtR8WZQnFE7OrAKbyN8LhjwCg3F-8',
    ],
    ['e', 'WyJRMHBSV0Y5bWJYUjdnb21RbDU2bHJBIiwiZSIsIsOpIl0', 'uuLGkv2iA7W_Mk4QziDa1IVygjGxPz0uJOKafEt6BrM'],
  ] as [string, string, string][],
};

describe('commitment vectors', () => {
  for (const [name, digest] of digesters) {
    it(`gives the pinned entry bytes and disclosures with ${name}`, () => {
      const random = fixedRandom();
      ENTRIES.forEach((clear, i) => {
        const { entry, disclosures, owner } = commitEntry(clear, ENTRY_POLICIES, random, digest);
        expect(utf8.decode(encodeEntry(entry)), clear.type).toBe(PINNED[i]!.data);
        expect(disclosures.map((d) => [d.path, d.disclosure, d.digest])).toEqual(PINNED[i]!.disclosures);
        for (const d of disclosures) expect(disclosureDigest(d.disclosure)).toBe(d.digest);
        expect(owner).toBe('0b9a4a0e-6f4b-4c39-9a43-2d6f0d4b8f11');
      });
    });

    it(`gives the pinned nested commitments (a committed object holding a digest) with ${name}`, () => {
      const { body, disclosures } = commitFields(
        NESTED_BODY,
        ['a', 'a.b', 'list.*.q', 'e'],
        fixedRandom(),
        digest,
      );
      expect(JSON.stringify(body)).toBe(NESTED_PINNED.body);
      expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
      expect(disclosures.map((d) => [d.path, d.disclosure, d.digest])).toEqual(NESTED_PINNED.disclosures);
    });
  }
});

describe('salts from the default generator', () => {
  it('are 16 fresh bytes each, never shared with bytes cryptoRandomBytes hands out', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      // Interleaved, so the salt encoded in place and the copied bytes come from the same pool.
      const [disclosure] = commitFields({ a: i }, ['a']).disclosures;
      const salt = decodeDisclosure(disclosure!.disclosure).salt;
      expect(fromBase64Url(salt)).toHaveLength(16);
      seen.add(salt);
      seen.add(toBase64Url(cryptoRandomBytes(16)));
    }
    expect(seen.size).toBe(1200);
  });
});
