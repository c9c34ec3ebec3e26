// PGlite test templates (testing.ts) are one ~40 MB directory per set of migrations: the ones no
// process has used for a day go when a new one is made, the ones in use stay.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneUnusedTemplates } from '../src/testing.ts';

describe('pruning PGlite test templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gt-prune-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const make = (name: string, hoursAgo: number) => {
    const path = join(dir, name);
    mkdirSync(join(path, 'pglite'), { recursive: true });
    writeFileSync(join(path, 'pglite', 'PG_VERSION'), '17');
    const at = new Date(Date.now() - hoursAgo * 3_600_000);
    utimesSync(path, at, at);
    return name;
  };

  it('deletes templates unused for a day and half-made ones an hour old; keeps the rest', () => {
    const unused = make('gt-pglite-template-aaaaaaaaaaaaaaaa', 25);
    const recent = make('gt-pglite-template-bbbbbbbbbbbbbbbb', 23);
    const abandoned = make('gt-pglite-template-cccccccccccccccc.making-x1', 2);
    const making = make('gt-pglite-template-cccccccccccccccc.making-x2', 0.5);
    const other = make('gt-test-dddd', 48);
    pruneUnusedTemplates(dir);
    const left = readdirSync(dir);
    expect(left.sort()).toEqual([making, recent, other].sort());
    for (const gone of [unused, abandoned]) expect(left).not.toContain(gone);
  });
});
