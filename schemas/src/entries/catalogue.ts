// The entry catalogue (docs/entries.md): every entry type and version, its body fields with their
// types, which of them the type's disclosure policy commits, and the routes that write it. Generated
// from the definitions and ENTRY_POLICIES; test/entries-catalogue.test.ts fails when the file is stale.
import { z } from 'zod';
import type { EntryDefinition } from './define.ts';

/** What the catalogue needs of a disclosure policy (ENTRY_POLICIES in @groundtruth/ledger). */
export interface CataloguePolicy {
  owner: string | null;
  confidential: readonly string[];
  publishedOnEntry?: boolean;
}

interface JsonSchemaNode {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
  $ref?: string;
}

interface FieldRow {
  path: string;
  types: string[];
  optional: boolean;
  notes: string[];
}

// The descriptions of define.ts's building blocks: the type column says them already.
const GENERIC_NOTES =
  /^(decimal string|RFC 3339 date-time|YYYY-MM-DD|uuid|ledger index|compact JWS|RFC 7638 thumbprint|.* reference)$/;
const REFERENCE = /^\^\(([a-z_|]+)\):\[0-9a-f\]\{8\}/;

function leafLabel(node: JsonSchemaNode): string {
  if (node.$ref) return 'JSON';
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const labels = types.map((type) => {
    if (type !== 'string') return type === 'object' && node.additionalProperties ? 'map' : type;
    const reference = node.pattern && REFERENCE.exec(node.pattern);
    if (reference) return `${reference[1]!.split('|').join(' \\| ')} ref`;
    if (node.format === 'date-time') return 'date-time';
    if (node.format) return node.format;
    if (node.pattern === '^-?\\d+(\\.\\d+)?$') return 'decimal string';
    return 'string';
  });
  return labels.length > 0 ? labels.join(' \\| ') : 'JSON';
}

/** The fields of an object node, depth first; array elements are `*`, union variants merged. */
function collect(node: JsonSchemaNode, prefix: string, rows: Map<string, FieldRow>, optional = false): void {
  const variants = node.anyOf ?? [node];
  for (const variant of variants) {
    if (!variant.properties) continue;
    for (const [name, child] of Object.entries(variant.properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      // Required only where every variant of a union requires it.
      const childOptional =
        optional || variants.some((v) => !v.properties || !(v.required ?? []).includes(name));
      addRow(rows, path, child, childOptional);
    }
  }
}

function addRow(rows: Map<string, FieldRow>, path: string, node: JsonSchemaNode, optional: boolean): void {
  const row = rows.get(path) ?? { path, types: [], optional: false, notes: [] };
  rows.set(path, row);
  row.optional ||= optional;
  if (node.description && !GENERIC_NOTES.test(node.description) && !row.notes.includes(node.description))
    row.notes.push(node.description);
  const alternatives = node.anyOf ?? [node];
  for (const alternative of alternatives) {
    let label: string;
    if (alternative.type === 'array' && alternative.items) {
      const item = alternative.items;
      const itemIsObject = item.properties || item.anyOf?.some((v) => v.properties);
      label = `array of ${itemIsObject ? 'object' : leafLabel(item)}`;
      if (itemIsObject) collect(item, `${path}.*`, rows);
    } else if (alternative.properties) {
      label = 'object';
      collect(alternative, path, rows);
    } else label = leafLabel(alternative);
    if (!row.types.includes(label)) row.types.push(label);
  }
}

/** Whether a body field is committed under a policy path: the path itself, or inside it. */
function confidentialUnder(path: string, policyPaths: readonly string[]): string | undefined {
  const segments = path.split('.');
  return policyPaths.find((policyPath) => {
    const wanted = policyPath.split('.');
    return wanted.length <= segments.length && wanted.every((w, i) => w === segments[i]);
  });
}

export function entryFields(definition: EntryDefinition): FieldRow[] {
  const schema = z.toJSONSchema(definition.body, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  const rows = new Map<string, FieldRow>();
  collect(schema, '', rows);
  return [...rows.values()];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The catalogue as Markdown, types in alphabetical order, versions ascending. */
export function entryCatalogue(
  definitions: readonly EntryDefinition[],
  policies: Readonly<Record<string, CataloguePolicy>>,
): string {
  const sorted = [...definitions].sort((a, b) =>
    a.type === b.type ? a.version - b.version : a.type < b.type ? -1 : 1,
  );
  const out: string[] = [
    '# Ledger entry catalogue',
    '',
    '<!-- Generated by `pnpm --filter @groundtruth/schemas generate` from schemas/src/entries and ENTRY_POLICIES',
    '     (packages/ledger/src/entry-policy.ts). Do not edit: schemas/test/entries-catalogue.test.ts fails when stale. -->',
    '',
    'Every entry the service appends to the log, one section per type and version. The body is shown in the',
    'clear, as the service builds it; the ledger writer refuses a body that does not match its schema, and an',
    'entry type or version without one (docs/decisions/0028-typed-entries.md). Fields marked *committed* are',
    'logged only as salted digests under the type’s disclosure policy; their disclosures are kept beside the',
    'log for the owner and whom it shares them with (docs/decisions/0011-selective-disclosure.md). Every',
    'entry also carries `type`, `version`, `at` (record time), `actor` and `subject` in its envelope.',
    '',
    '| type | version | committed fields | written by |',
    '|---|---|---|---|',
  ];
  for (const d of sorted) {
    const policy = policies[d.type];
    const committed = policy ? policy.confidential.map((p) => `\`${p}\``).join(', ') || '—' : 'no policy';
    out.push(
      `| [\`${d.type}\`](#${anchor(d)}) | ${d.version} | ${committed} | ${d.writtenBy.map(cell).join('; ')} |`,
    );
  }
  for (const d of sorted) {
    const policy = policies[d.type];
    out.push('', `## ${d.type} v${d.version}`, '', d.description, '');
    out.push(`- Written by: ${d.writtenBy.map((w) => `\`${w}\``).join(', ')}`);
    if (!policy)
      out.push('- Disclosure policy: **none** (the writer refuses it until ENTRY_POLICIES has a row)');
    else {
      const owner = policy.owner === null ? 'none (administrators only)' : `\`${policy.owner}\``;
      out.push(
        `- Owner of its disclosures: ${owner}${policy.publishedOnEntry ? '; committed fields published as logged' : ''}`,
      );
    }
    out.push('', '| field | type | required | committed | notes |', '|---|---|---|---|---|');
    for (const row of entryFields(d)) {
      const under = policy ? confidentialUnder(row.path, policy.confidential) : undefined;
      const committed = under === undefined ? '' : under === row.path ? 'committed' : `inside \`${under}\``;
      out.push(
        `| \`${row.path}\` | ${row.types.join(' \\| ')} | ${row.optional ? 'optional' : 'yes'} | ${committed} | ${cell(row.notes.join('; '))} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function anchor(d: EntryDefinition): string {
  return `${d.type}-v${d.version}`.replace(/[^a-z0-9_ -]/g, '').replace(/ /g, '-');
}
