// Which files of the API register routes, for the architecture tests that hold route files to a rule
// (no SQL, no inline wire types). A route file is any TypeScript file under services/api/src that
// calls .get/.post/.put/.patch/.delete/.head/.options/.all/.route with a path (a string starting with
// '/', or the empty string) as the first argument, or .route with an object that has a `url`.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const root = resolve(import.meta.dirname, '../..');
export const API_SOURCE = join(root, 'services/api/src');

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route']);

/** The text of a string or template literal (template spans as ` $ `), else undefined. */
export function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' $ ');
  return undefined;
}

function isRoutePath(node: ts.Expression | undefined): boolean {
  if (!node) return false;
  const text = literalText(node);
  if (text !== undefined) return text === '' || text.startsWith('/');
  return (
    ts.isObjectLiteralExpression(node) &&
    node.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'url')
  );
}

/** Whether a call registers a route: `<x>.get('/…', …)`, `<x>.route({ url, … })` and the like. */
export function isRouteRegistration(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ROUTE_METHODS.has(node.expression.name.text) &&
    isRoutePath(node.arguments[0])
  );
}

export const parse = (fileName: string, text: string) =>
  ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** Every TypeScript source file under a folder (declaration files aside). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}
