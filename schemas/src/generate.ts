// Writes the JSON Schema (draft 2020-12) of every named wire type into schemas/json/, and the ledger
// entry catalogue into docs/entries.md. `pnpm --filter @groundtruth/schemas generate`;
// test/generated.test.ts and test/entries-catalogue.test.ts fail when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_POLICIES } from '@groundtruth/ledger';
import { z } from 'zod';
import { entryCatalogue } from './entries/catalogue.ts';
import { ENTRY_DEFINITIONS } from './entries/index.ts';
import * as wire from './index.ts';

export function generatedSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of Object.values(wire)) {
    if (!(value instanceof z.ZodType)) continue;
    const id = z.globalRegistry.get(value)?.id;
    if (!id) continue;
    const schema = z.toJSONSchema(value, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
    out.set(`${id}.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return out;
}

/** docs/entries.md as it should be now. */
export const generatedEntryCatalogue = (): string => entryCatalogue(ENTRY_DEFINITIONS, ENTRY_POLICIES);

export const ENTRY_CATALOGUE_PATH = join(import.meta.dirname, '..', '..', 'docs', 'entries.md');

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '..', 'json');
  for (const [file, text] of generatedSchemas()) writeFileSync(join(dir, file), text);
  console.log(`wrote ${generatedSchemas().size} schemas to ${dir}`);
  writeFileSync(ENTRY_CATALOGUE_PATH, generatedEntryCatalogue());
  console.log(`wrote the catalogue of ${ENTRY_DEFINITIONS.length} entry types to ${ENTRY_CATALOGUE_PATH}`);
}
