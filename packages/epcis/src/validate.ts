// Validation of EPCIS 2.0 documents against GS1's published JSON Schema (draft-07), with errors as
// JSON Pointers into the submitted document. The schema is GS1's file, loaded as given: we do not keep
// our own copy of it, so a newer GS1 release is a configuration change, not a code change.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) into the validated document. */
  pointer: string;
  detail: string;
}

export type JsonObject = Record<string, unknown>;

// ajv-formats is CommonJS with an ES default; under NodeNext its default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ??
  formatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface EpcisSchemaValidator {
  /** Problems with the whole document or event; empty when it is valid. */
  validate(value: unknown): ValidationIssue[];
  /** The schema the validator was built from (the CBV term lists are read from it). */
  readonly schema: JsonObject;
}

export function createSchemaValidator(schema: JsonObject): EpcisSchemaValidator {
  // allErrors: a client fixing a document wants every problem at once, not one per round trip.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const check: ValidateFunction = ajv.compile(schema);
  const fieldOwners = eventFieldOwners(schema);
  return {
    schema,
    validate(value) {
      if (check(value)) return [];
      return describeErrors(value, check.errors ?? [], fieldOwners);
    },
  };
}

/** The value at a JSON Pointer, or undefined. `/` names the member "" (RFC 6901 §5), not the whole. */
export function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

// Vocabulary fields are `anyOf: [a URI outside GS1's namespace, a CBV bare word]`; ajv reports both
// branches' failures and the anyOf itself, which reads as noise. One line per field says it plainly.
// (ajv gives schema paths relative to the referenced definition, so the enum branch is what marks them.)
const isVocabularyBranch = (error: ErrorObject) =>
  error.keyword === 'enum' && /^#\/anyOf\/\d+\/enum$/.test(error.schemaPath);

/** The field a pointer names, skipping array positions: /…/persistentDisposition/set/0 → set. */
function fieldOf(pointer: string): string {
  const keys = pointer.split('/').filter((k) => k !== '' && !/^\d+$/.test(k));
  return keys.at(-1) ?? 'value';
}

const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];

/** For each event-specific field name, the event types whose definition in the schema lists it. */
function eventFieldOwners(schema: JsonObject): Map<string, string[]> {
  const definitions = (schema.definitions ?? {}) as Record<string, { allOf?: unknown[] }>;
  const owners = new Map<string, string[]>();
  for (const type of EVENT_TYPES) {
    for (const part of definitions[type]?.allOf ?? []) {
      const branches = (part as { propertyNames?: { anyOf?: { enum?: unknown[] }[] } }).propertyNames?.anyOf;
      for (const name of (branches ?? []).flatMap((b) => b.enum ?? [])) {
        if (typeof name === 'string') owners.set(name, [...(owners.get(name) ?? []), type]);
      }
    }
  }
  return owners;
}

/** What a property name's failed alternatives are reported as (a missing field is not one of them). */
const BRANCH_KEYWORDS = new Set(['anyOf', 'enum', 'format', 'pattern']);

function describeErrors(
  document: unknown,
  errors: ErrorObject[],
  fieldOwners: Map<string, string[]>,
): ValidationIssue[] {
  const byPointer = new Map<string, string[]>();
  const vocabularyAt = new Map<string, string>();
  // A field name the event type does not allow: ajv reports the name's failed branches (among them
  // the enum of standard names, which would read as a vocabulary error) at the event itself, then
  // `propertyNames` once. Only the last is kept, said of the field and the rule.
  const namesRefusedAt = new Set(
    errors.filter((e) => e.keyword === 'propertyNames').map((e) => e.instancePath),
  );
  for (const error of errors) {
    // `if`/`then` failures only repeat what the errors inside the `then` branch already say.
    if (error.keyword === 'if') continue;
    if (
      error.propertyName !== undefined ||
      (BRANCH_KEYWORDS.has(error.keyword) && namesRefusedAt.has(error.instancePath))
    )
      continue;
    if (error.keyword === 'propertyNames') {
      const name = String((error.params as { propertyName?: unknown }).propertyName);
      const at = `${error.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      byPointer.set(at, [
        ...(byPointer.get(at) ?? []),
        fieldNotAllowed(document, error.instancePath, name, fieldOwners),
      ]);
      continue;
    }
    const pointer = error.instancePath || '';
    if (isVocabularyBranch(error)) {
      vocabularyAt.set(pointer, fieldOf(pointer));
      continue;
    }
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      if (!byPointer.has(pointer)) byPointer.set(pointer, []);
      continue;
    }
    const list = byPointer.get(pointer) ?? [];
    list.push(messageOf(error));
    byPointer.set(pointer, list);
  }
  const issues: ValidationIssue[] = [];
  for (const [pointer, vocabulary] of vocabularyAt) {
    byPointer.delete(pointer);
    const value = valueAt(document, pointer);
    issues.push({
      pointer,
      detail:
        typeof value === 'string'
          ? `"${clip(value)}" is not a ${vocabulary} term defined by CBV 2.0; terms of your own must be URIs in your own namespace`
          : `must be a CBV 2.0 ${vocabulary} term or a URI`,
    });
  }
  for (const [pointer, messages] of byPointer) {
    const unique = [...new Set(messages)];
    issues.push({
      pointer,
      detail: unique.length > 0 ? unique.join('; ') : 'does not match any of the forms the schema allows',
    });
  }
  return issues.sort((a, b) => a.pointer.localeCompare(b.pointer));
}

/**
 * Why a field may not stand where it does: the event types whose standard fields include it (read from
 * the schema), and the rule for extension fields.
 */
function fieldNotAllowed(
  document: unknown,
  pointer: string,
  name: string,
  fieldOwners: Map<string, string[]>,
): string {
  const owner = valueAt(document, pointer) as { type?: unknown } | undefined;
  const type = typeof owner?.type === 'string' ? owner.type : undefined;
  const allowedOn = fieldOwners.get(name) ?? [];
  const where =
    allowedOn.length > 0
      ? `EPCIS 2.0 allows "${name}" on ${allowedOn.join(', ')} only`
      : `"${name}" is not a standard EPCIS 2.0 field`;
  return `${type ? `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${clip(type)}` : 'this object'} may not carry "${clip(name)}": ${where}; an extension field must be named by a URI or a prefix declared in @context (ext:${clip(name)})`;
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `is missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `has unexpected property "${String(params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

// Cut on a code point boundary: half a surrogate pair in a message would be ill-formed text.
const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77).replace(/[\uD800-\uDBFF]$/, '')}...` : s);
