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
  return {
    schema,
    validate(value) {
      if (check(value)) return [];
      return describeErrors(value, check.errors ?? []);
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

function describeErrors(document: unknown, errors: ErrorObject[]): ValidationIssue[] {
  const byPointer = new Map<string, string[]>();
  const vocabularyAt = new Map<string, string>();
  for (const error of errors) {
    // `if`/`then` failures only repeat what the errors inside the `then` branch already say.
    if (error.keyword === 'if') continue;
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
