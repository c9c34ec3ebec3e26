// The entry definitions against the disclosure policies, the check the ledger writer runs with them,
// and the generated catalogue (docs/decisions/0028-typed-entries.md).
import { readFileSync } from 'node:fs';
import { ENTRY_POLICIES } from '@groundtruth/ledger';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENTRY_CATALOGUE_PATH, generatedEntryCatalogue } from '../src/generate.ts';
import {
  defineEntry,
  ENTRY_DEFINITIONS,
  EntryBodyError,
  entryBodyChecker,
  entryCatalogue,
  entryRegistry,
  ref,
} from '../src/index.ts';

const ORGANISATION = 'organisation:5f0c3f0e-3a7b-4d6e-9a43-0d6f0d4b8f22';
const BATCH = 'batch:0b7e9d4c-1f2a-4c3b-8d5e-6f7a8b9c0d1e';

describe('ENTRY_DEFINITIONS', () => {
  it('defines every entry type that has a disclosure policy, and no type without one', () => {
    const defined = [...new Set(ENTRY_DEFINITIONS.map((d) => d.type))].sort();
    expect(defined).toEqual(Object.keys(ENTRY_POLICIES).sort());
  });

  it('defines each type and version once', () => {
    expect(entryRegistry(ENTRY_DEFINITIONS).size).toBe(ENTRY_DEFINITIONS.length);
    expect(() => entryRegistry([...ENTRY_DEFINITIONS, ENTRY_DEFINITIONS[0]!])).toThrow(
      `entry ${ENTRY_DEFINITIONS[0]!.type} version 1 is defined twice`,
    );
  });

  it('names a confidential field of each policy that the body has', () => {
    // A policy path the schema does not know would commit nothing: a field renamed on one side only.
    for (const definition of ENTRY_DEFINITIONS) {
      const catalogue = entryCatalogue([definition], ENTRY_POLICIES);
      for (const path of ENTRY_POLICIES[definition.type]!.confidential)
        expect(catalogue, `${definition.type}: ${path}`).toContain(`| \`${path}\` |`);
    }
  });
});

describe('entryBodyChecker', () => {
  const check = entryBodyChecker();
  const transfer = (edit: (body: Record<string, unknown>) => void = () => {}) => {
    const body: Record<string, unknown> = {
      event: 'transfer',
      organisation: ORGANISATION,
      eventTime: '2026-11-23T08:00:00Z',
      inputs: [{ batch: BATCH, quantity: { value: '100', unit: 'KGM' } }],
      outputs: [
        {
          batch: BATCH,
          organisation: ORGANISATION,
          lot: 'L1',
          quantity: { value: '100', unit: 'KGM' },
          material: 'cocoa_beans',
        },
      ],
    };
    edit(body);
    return { type: 'event.transfer', version: 1, body };
  };

  it('accepts a body that fits its type', () => {
    expect(() => check(transfer())).not.toThrow();
  });

  it('names the type, the version and the path of the first misfit, down into arrays', () => {
    const misfit = transfer((body) => {
      (body.outputs as { quantity: { value: unknown } }[])[0]!.quantity.value = 100;
    });
    expect(() => check(misfit)).toThrow(
      /^entry type event\.transfer version 1: body\.outputs\.0\.quantity\.value: /,
    );
    try {
      check(misfit);
    } catch (error) {
      expect(error).toBeInstanceOf(EntryBodyError);
      expect(error).toMatchObject({ entryType: 'event.transfer', version: 1 });
      expect((error as EntryBodyError).issues.map((i) => i.path)).toEqual(['outputs.0.quantity.value']);
    }
  });

  it('refuses a missing field, an unknown field and a reference of the wrong kind', () => {
    expect(() => check(transfer((body) => delete body.eventTime))).toThrow(/body\.eventTime: /);
    expect(() => check(transfer((body) => (body.description = 'x')))).toThrow(/description/);
    expect(() => check(transfer((body) => (body.organisation = BATCH)))).toThrow(
      /body\.organisation: must be organisation:<uuid>/,
    );
  });

  it('refuses an unknown type, and a known type at a version it does not define', () => {
    expect(() => check({ type: 'epcis.named_query', version: 1, body: {} })).toThrow(
      'entry type epcis.named_query version 1 has no body schema: define it in schemas/src/entries',
    );
    expect(() => check({ ...transfer(), version: 2 })).toThrow(
      'entry type event.transfer version 2 has no body schema',
    );
  });

  it('checks the definitions it is given, so tests can add their own types', () => {
    const sample = defineEntry({
      type: 'test.sample',
      version: 1,
      description: 'A test entry.',
      body: z.object({ about: ref('batch') }).strict(),
      writtenBy: ['tests'],
    });
    const withSample = entryBodyChecker([...ENTRY_DEFINITIONS, sample]);
    expect(() => withSample({ type: 'test.sample', version: 1, body: { about: BATCH } })).not.toThrow();
    expect(() => check({ type: 'test.sample', version: 1, body: { about: BATCH } })).toThrow(
      /no body schema/,
    );
  });
});

describe('docs/entries.md', () => {
  it('is the catalogue generated from the definitions and ENTRY_POLICIES (run `pnpm --filter @groundtruth/schemas generate`)', () => {
    expect(readFileSync(ENTRY_CATALOGUE_PATH, 'utf8')).toBe(generatedEntryCatalogue());
  });

  it('marks the fields a policy commits, and those inside them', () => {
    const definition = ENTRY_DEFINITIONS.find((d) => d.type === 'event.received')!;
    const lines = entryCatalogue([definition], {
      'event.received': { owner: 'organisation', confidential: ['sent'] },
    })
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const row = (path: string) => lines.find((line) => line.startsWith(`| \`${path}\` |`))!;
    expect(row('sent')).toContain('| committed |');
    expect(row('sent.value')).toContain('| inside `sent` |');
    expect(row('quantity')).not.toContain('committed');
    expect(row('note')).toMatch(/\| string \| optional \|/);
  });
});
