// No SQL in route handlers (issue 12, acceptance; decision 0033): a file that registers routes parses
// the request, asks for permission, calls a service or store and shapes the reply; what is read or
// written, and how, lives in the folder's service.ts or store.ts, where it can be read as a whole and
// tested without HTTP.
//
// A route handler file is any TypeScript file under services/api/src that registers a route (see
// route-files.ts).
// SQL in such a file is any of:
//   - a call of .query(), .copyBinary() or .execScript() (the database executor's methods) or .unsafe()
//     (postgres.js's raw text), also when written as an element access (`db['query'](…)`);
//   - a string or template literal holding a statement: SELECT … FROM, INSERT INTO, UPDATE … SET,
//     DELETE FROM, WITH [RECURSIVE] … AS ( (upper case, as every statement in the codebase is written,
//     so prose in route descriptions does not count), also when the statement is split over literals
//     joined with `+`;
//   - a template tagged `sql` (drizzle's), a read of `.orm`, or an import from drizzle-orm.
// Nothing is exempt: the `project:` closures that once wrote an entry's rows from a route's module are
// gone (every entry type has its projector, decision 0031), so SQL in one would count like any other.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_SOURCE, isRouteRegistration, literalText, parse, root, sourceFiles } from './route-files.ts';

const EXECUTOR_METHODS = new Set(['query', 'copyBinary', 'execScript', 'unsafe']);
const STATEMENT =
  /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\bWITH\s+(RECURSIVE\s+)?\w+\s+AS\s*\(/;

interface Finding {
  line: number;
  what: string;
}

/** The text of a `+` chain made only of literals (a statement split over lines), else undefined. */
function joinedText(node: ts.Node): string | undefined {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken)
    return literalText(node);
  const [left, right] = [joinedText(node.left), joinedText(node.right)];
  return left === undefined || right === undefined ? undefined : `${left}${right}`;
}

/** Whether the source registers a route, and every piece of SQL in it. */
export function inspect(fileName: string, text: string): { registersRoutes: boolean; sql: Finding[] } {
  const source = parse(fileName, text);
  let registersRoutes = false;
  const sql: Finding[] = [];
  const found = (node: ts.Node, what: string) =>
    sql.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
  const visit = (node: ts.Node): void => {
    if (isRouteRegistration(node)) registersRoutes = true;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      EXECUTOR_METHODS.has(node.expression.name.text)
    )
      found(node, `.${node.expression.name.text}()`);
    if (
      ts.isCallExpression(node) &&
      ts.isElementAccessExpression(node.expression) &&
      ts.isStringLiteralLike(node.expression.argumentExpression) &&
      EXECUTOR_METHODS.has(node.expression.argumentExpression.text)
    )
      found(node, `['${node.expression.argumentExpression.text}']()`);
    // A statement split over literals: counted once, for the whole chain, where no part says it alone.
    if (
      ts.isBinaryExpression(node) &&
      !(ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)
    ) {
      const joined = joinedText(node);
      const parts: string[] = [];
      const collect = (n: ts.Node): void => {
        if (ts.isBinaryExpression(n)) {
          collect(n.left);
          collect(n.right);
        } else parts.push(literalText(n) ?? '');
      };
      collect(node);
      if (joined !== undefined && STATEMENT.test(joined) && !parts.some((part) => STATEMENT.test(part)))
        found(node, joined.trim().split(/\s+/).slice(0, 4).join(' '));
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql')
      found(node, 'sql`…`');
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'orm') found(node, '.orm');
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      /^drizzle-orm(\/|$)/.test(node.moduleSpecifier.text)
    )
      found(node, `import from ${node.moduleSpecifier.text}`);
    const literal = literalText(node);
    if (literal !== undefined && STATEMENT.test(literal))
      found(node, literal.trim().split(/\s+/).slice(0, 4).join(' '));
    // Template spans are visited through their parent's text above; do not count them twice.
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else for (const span of node.templateSpans) visit(span.expression);
  };
  visit(source);
  return { registersRoutes, sql };
}

describe('route handlers', () => {
  const files = sourceFiles(API_SOURCE).map((path) => ({
    path,
    ...inspect(path, readFileSync(path, 'utf8')),
  }));
  const handlers = files.filter((f) => f.registersRoutes);

  it('are found (a check on the reader itself)', () => {
    const names = handlers.map((f) => relative(API_SOURCE, f.path));
    expect(names).toContain('domains/registry/products/index.ts');
    expect(names).toContain('domains/epcis/query-routes.ts');
    expect(names).toContain('domains/passport/index.ts');
    expect(names).not.toContain('domains/registry/products/store.ts');
    expect(handlers.length).toBeGreaterThan(25);
  });

  it('recognises SQL in every form it counts, inside closures too', () => {
    const sample = `
      import { eq } from 'drizzle-orm';
      r.get('/', { handler: async () => {
        await db.query('SELECT id FROM products WHERE gtin = $1', [gtin]);
        const text = \`UPDATE users SET role = \${role} WHERE id = $1\`;
        await db.orm.select().from(products);
        await db.copyBinary(sql\`x\`);
        await appendRecord(writer, principal, { project: async (tx) => { await tx.query('DELETE FROM contacts'); } });
        await db['query']('SELECT 1');
        const split = 'SELECT id, name ' +
          'FROM organisations WHERE id = $1';
        await client.unsafe(text);
      }});
      r.post('/x', { schema: { description: 'select the rows from the list, then insert into it' } });`;
    const { registersRoutes, sql } = inspect('sample.ts', sample);
    expect(registersRoutes).toBe(true);
    expect(sql.map((f) => f.what)).toEqual([
      'import from drizzle-orm',
      '.query()',
      'SELECT id FROM products',
      'UPDATE users SET role',
      '.orm',
      '.copyBinary()',
      'sql`…`',
      '.query()',
      'DELETE FROM contacts',
      "['query']()",
      'SELECT id, name FROM',
      '.unsafe()',
    ]);
    expect(inspect('map.ts', `cache.get('key'); headers.get(name);`).registersRoutes).toBe(false);
  });

  it('hold no SQL', () => {
    const offences = handlers.flatMap((f) =>
      f.sql.map((s) => `${relative(root, f.path)}:${s.line} ${s.what}`),
    );
    expect(offences).toEqual([]);
  });
});
