// Wire types live in the wire contract, not in route files (issue 12, item 6; decision 0034 as amended
// on 5 December 2026). The params, querystrings, headers, bodies and replies a route declares are imported
// from @groundtruth/schemas (schemas/src/), where they are named, exported, published as JSON Schemas
// and, when they carry an id, as OpenAPI components. A route file (route-files.ts) that builds an
// object schema itself — a call of z.object, z.strictObject or z.looseObject anywhere in the file —
// defines a wire type inline.
//
// The domains not yet converted are listed with the most inline object schemas their route files may
// hold. The list can only shrink: a domain whose route files no longer define any must leave it, and
// none may define more than its number.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_SOURCE, isRouteRegistration, parse, sourceFiles } from './route-files.ts';

/** Folders under services/api/src whose route files still define wire types, with how many at most. */
const NOT_YET_CONVERTED: Record<string, number> = {
  'domains/evidence/': 19,
  'domains/massbalance/mass-balance/': 20,
};

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
  const pendingFolder = (name: string) => Object.keys(NOT_YET_CONVERTED).find((f) => name.startsWith(f));

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

  it('import their wire types from @groundtruth/schemas instead of defining them', () => {
    const inline = routeFiles
      .filter((f) => f.objects.length > 0 && !pendingFolder(f.name))
      .map((f) => `${f.name}:${f.objects.join(',')}`);
    expect(inline).toEqual([]);
  });

  it('of the domains not yet converted define no more wire types than listed, and the list only shrinks', () => {
    const counted = Object.fromEntries(
      Object.keys(NOT_YET_CONVERTED).map((folder) => [
        folder,
        routeFiles.filter((f) => f.name.startsWith(folder)).reduce((n, f) => n + f.objects.length, 0),
      ]),
    );
    for (const [folder, most] of Object.entries(NOT_YET_CONVERTED)) {
      expect(counted[folder], `${folder} defines more inline wire types than listed`).toBeLessThanOrEqual(
        most,
      );
      expect(counted[folder], `${folder} defines none: remove it from NOT_YET_CONVERTED`).toBeGreaterThan(0);
    }
  });
});
