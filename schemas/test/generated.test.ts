import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../src/generate.ts';

describe('schemas/json', () => {
  it('holds exactly the JSON Schemas generated from the zod schemas (run `pnpm --filter @groundtruth/schemas generate`)', () => {
    const dir = join(import.meta.dirname, '..', 'json');
    const generated = generatedSchemas();
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });
});
