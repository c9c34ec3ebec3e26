// No import cycles (issue 12, item 8): modules that import each other, directly or round a loop,
// cannot be understood, tested or moved one at a time. This reads every TypeScript source file of
// the workspace's packages, schemas and services, follows relative imports and `@groundtruth/*`
// package imports (to the package's src/index.ts), and fails naming each cycle it finds.
// Type-only imports count too: they tie the files' meanings together just the same.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SOURCE_ROOTS = ['packages', 'services', 'schemas'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'test' || name === 'generated' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && path.includes(`${join('', 'src')}`))
      out.push(path);
  }
  return out;
}

/** Where each workspace package's public index lives, by its name. */
function packageIndexes(): Map<string, string> {
  const indexes = new Map<string, string>();
  for (const top of SOURCE_ROOTS) {
    const base = join(root, top);
    const dirs = existsSync(join(base, 'package.json'))
      ? [base]
      : readdirSync(base).map((d) => join(base, d));
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      const index = join(dir, 'src/index.ts');
      if (existsSync(index)) indexes.set(name, index);
    }
  }
  return indexes;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string, indexes: Map<string, string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (existsSync(target) && statSync(target).isFile()) out.push(target);
    } else {
      const index = indexes.get(spec);
      if (index) out.push(index);
    }
  }
  return out;
}

/** Tarjan's strongly connected components; every component of more than one file is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the module graph', () => {
  const indexes = packageIndexes();
  const files = SOURCE_ROOTS.flatMap((top) => sourceFiles(join(root, top)));
  const graph = new Map(files.map((f) => [f, importsOf(f, indexes)]));

  it('reads the workspace (a sanity check on the reader itself)', () => {
    expect(indexes.has('@groundtruth/ledger')).toBe(true);
    expect(files.length).toBeGreaterThan(100);
    const app = join(root, 'services/api/src/app.ts');
    expect(graph.get(app)).toContain(join(root, 'services/api/src/plugins/errors.ts'));
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((c) => c.map((f) => relative(root, f)))).toEqual([]);
  });
});
