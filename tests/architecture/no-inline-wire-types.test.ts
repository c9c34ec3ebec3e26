// Wire types live in the wire contract, not in route files (issue 12, item 6; decision 0034 as amended
// on 5 December 2026). The params, querystrings, headers, bodies and replies a route declares are imported
// from @groundtruth/schemas (schemas/src/), where they are named, exported, published as JSON Schemas
// and, when they carry an id, as OpenAPI components. A route file (route-files.ts) that builds an
// object schema itself — a call of z.object, z.strictObject or z.looseObject anywhere in the file —
// defines a wire type inline. Every route file has been converted: none may define one.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_SOURCE, isRouteRegistration, parse, sourceFiles } from './route-files.ts';

const OBJECT_CONSTRUCTORS = new Set(['object', 'strictObject', 'looseObject']);

/** Whether the source registers a route, and the line of each object schema it builds. */
export function inspect(fileName: string, text: string): { registersRoutes: boolean; objects: number[] } {
  const source = parse(fileName, text);
  let registersRoutes = false;
  const objects: number[] = [];
  const visit = (node: ts.Node): void => {
    if (isRouteRegistration(node)) registersRoutes = true;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'z' &&
      OBJECT_CONSTRUCTORS.has(node.expression.name.text)
    )
      objects.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { registersRoutes, objects };
}

describe('route files', () => {
  const routeFiles = sourceFiles(API_SOURCE)
    .map((path) => ({ name: relative(API_SOURCE, path), ...inspect(path, readFileSync(path, 'utf8')) }))
    .filter((f) => f.registersRoutes);

  it('are found, and every object schema in one is (a check on the reader itself)', () => {
    const names = routeFiles.map((f) => f.name);
    expect(names).toContain('domains/registry/organisations/index.ts');
    expect(names).toContain('domains/epcis/query-routes.ts');
    expect(routeFiles.length).toBeGreaterThan(25);
    const sample = `
      const Params = z.object({ id: Uuid });
      r.get('/:id', { schema: { params: Params, response: { 200: z.array(z.strictObject({ a: z.string() })) } } });
      r.post('/', { schema: { body: z.looseObject({}), querystring: Query.extend({}) } });
      const shape = { object: 1 }; shape.object; other.object({});`;
    expect(inspect('sample.ts', sample)).toEqual({ registersRoutes: true, objects: [2, 3, 4] });
  });

  it('all import their wire types from @groundtruth/schemas: none defines one', () => {
    const inline = routeFiles
      .filter((f) => f.objects.length > 0)
      .map((f) => `${f.name}:${f.objects.join(',')}`);
    expect(inline).toEqual([]);
  });
});
