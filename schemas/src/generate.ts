// Writes the JSON Schema (draft 2020-12) of every named wire type into schemas/json/.
// `pnpm --filter @groundtruth/schemas generate`; test/generated.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '..', 'json');
  for (const [file, text] of generatedSchemas()) writeFileSync(join(dir, file), text);
  console.log(`wrote ${generatedSchemas().size} schemas to ${dir}`);
}
