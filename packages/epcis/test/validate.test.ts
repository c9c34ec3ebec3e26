// Schema validation errors as JSON Pointers with one plain message per field, and a capture document
// split into the issues each event owns and those of the document as a whole. GS1's schema for the
// cases it produces; small schemas of our own for the message forms GS1's schema never triggers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSchemaValidator,
  type EpcisSchemaValidator,
  readCaptureDocument,
  termListsFromSchema,
  valueAt,
} from '../src/index.ts';

const GS1_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0');
const schema = JSON.parse(readFileSync(join(GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8'));
// GS1's schema is compiled on first use inside a test, not at import: a broken compiler or reader then
// fails the tests one by one instead of failing to load the file (which a mutation run's test runner
// does not count as a failed test).
let compiled: EpcisSchemaValidator | undefined;
const gs1 = () => {
  compiled ??= createSchemaValidator(schema);
  return compiled;
};
const gs1Terms = () => termListsFromSchema(schema);

const event = {
  type: 'ObjectEvent',
  eventTime: '2026-10-01T08:00:00Z',
  eventTimeZoneOffset: '+00:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  action: 'OBSERVE',
};
const header = {
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
  schemaVersion: '2.0',
  creationDate: '2026-10-01T09:00:00Z',
};
const doc = (events: unknown[]) => ({ ...header, type: 'EPCISDocument', epcisBody: { eventList: events } });
const EVENTS = '/epcisBody/eventList';
/** Ten distinct CBV 2.0 dispositions (a list of them must not repeat one). */
const TEN_DISPOSITIONS = [
  'active',
  'container_closed',
  'damaged',
  'destroyed',
  'dispensed',
  'disposed',
  'encoded',
  'expired',
  'in_progress',
  'in_transit',
];

describe('valueAt', () => {
  const document = { a: { 'b/c': [10, { 'd~e': 'x' }] }, n: null };

  it('follows RFC 6901 pointers, with ~1 for / and ~0 for ~', () => {
    expect(valueAt(document, '')).toBe(document);
    // RFC 6901 §5: "/" is the member named "", not the whole document
    expect(valueAt({ '': 0, a: 1 }, '/')).toBe(0);
    expect(valueAt(document, '/')).toBeUndefined();
    expect(valueAt(document, '/a/b~1c/0')).toBe(10);
    expect(valueAt(document, '/a/b~1c/1/d~0e')).toBe('x');
    // ~01 is ~1 unescaped once: the key "~1", not "/"
    expect(valueAt({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).toBe('tilde-one');
  });

  it('is undefined past a scalar, null or a missing key', () => {
    expect(valueAt(document, '/a/b~1c/0/x')).toBeUndefined();
    expect(valueAt(document, '/n/x')).toBeUndefined();
    expect(valueAt(document, '/missing/x')).toBeUndefined();
    expect(valueAt('text', '/length')).toBeUndefined();
  });
});

describe('createSchemaValidator', () => {
  it('keeps the schema it was built from, and finds nothing wrong with a valid document', () => {
    expect(gs1().schema).toBe(schema);
    expect(gs1().validate(doc([event]))).toEqual([]);
  });

  it('says what is missing, what is not allowed and what is malformed, at the field', () => {
    const { action: _action, ...withoutAction } = event;
    expect(
      gs1().validate(doc([withoutAction, { ...event, eventTime: 'soon' }, { ...event, readPoint: 'x' }])),
    ).toEqual([
      { pointer: `${EVENTS}/0`, detail: 'is missing required property "action"' },
      { pointer: `${EVENTS}/1/eventTime`, detail: 'must be a valid date-time' },
      { pointer: `${EVENTS}/2/readPoint`, detail: 'must be object' },
    ]);
  });

  it('joins the distinct messages of one field, and marks a failed choice without repeating its branches', () => {
    expect(gs1().validate(doc([{ ...event, action: 'JUMP' }]))).toEqual([
      { pointer: `${EVENTS}/0`, detail: 'does not match any of the forms the schema allows' },
      {
        pointer: `${EVENTS}/0/action`,
        detail:
          'must be one of "OBSERVE", "ADD", "DELETE"; must match pattern "^OBSERVE$"; ' +
          'must match pattern "^DELETE$"; must match pattern "^ADD$"',
      },
    ]);
  });

  it('gives a vocabulary field one line, quoting the value (cut at 80 characters, on a code point boundary)', () => {
    const issues = gs1().validate(
      doc([
        { ...event, bizStep: 'flying' },
        { ...event, bizStep: 5 },
        { ...event, bizStep: 'x'.repeat(81) },
        { ...event, bizStep: 'x'.repeat(80) },
        { ...event, bizStep: `${'x'.repeat(76)}\u{1F600}yyyy` },
        // a pair before the cut is kept whole
        { ...event, bizStep: `\u{1F600}${'x'.repeat(80)}` },
        { ...event, persistentDisposition: { set: ['flying'] } },
        { ...event, persistentDisposition: { set: [...TEN_DISPOSITIONS, 'flying'] } },
      ]),
    );
    const own = 'terms of your own must be URIs in your own namespace';
    expect(issues).toEqual([
      { pointer: `${EVENTS}/0/bizStep`, detail: `"flying" is not a bizStep term defined by CBV 2.0; ${own}` },
      { pointer: `${EVENTS}/1/bizStep`, detail: 'must be a CBV 2.0 bizStep term or a URI' },
      {
        pointer: `${EVENTS}/2/bizStep`,
        detail: `"${'x'.repeat(77)}..." is not a bizStep term defined by CBV 2.0; ${own}`,
      },
      {
        pointer: `${EVENTS}/3/bizStep`,
        detail: `"${'x'.repeat(80)}" is not a bizStep term defined by CBV 2.0; ${own}`,
      },
      {
        pointer: `${EVENTS}/4/bizStep`,
        detail: `"${'x'.repeat(76)}..." is not a bizStep term defined by CBV 2.0; ${own}`,
      },
      {
        pointer: `${EVENTS}/5/bizStep`,
        detail: `"\u{1F600}${'x'.repeat(75)}..." is not a bizStep term defined by CBV 2.0; ${own}`,
      },
      // the field a pointer names, past array positions
      {
        pointer: `${EVENTS}/6/persistentDisposition/set/0`,
        detail: `"flying" is not a set term defined by CBV 2.0; ${own}`,
      },
      {
        pointer: `${EVENTS}/7/persistentDisposition/set/10`,
        detail: `"flying" is not a set term defined by CBV 2.0; ${own}`,
      },
    ]);
  });

  it('orders issues by pointer', () => {
    const pointers = gs1()
      .validate(
        doc([
          { ...event, eventTime: 'soon', action: 'JUMP', readPoint: 'x' },
          { ...event, bizStep: 5 },
        ]),
      )
      .map((issue) => issue.pointer);
    expect(pointers).toEqual([...pointers].sort());
    expect(pointers).toEqual([
      `${EVENTS}/0`,
      `${EVENTS}/0/action`,
      `${EVENTS}/0/eventTime`,
      `${EVENTS}/0/readPoint`,
      `${EVENTS}/1/bizStep`,
    ]);
  });

  describe('messages GS1’s schema does not produce', () => {
    it('compiles a schema with keywords ajv does not know (annotations of a newer release)', () => {
      const annotated = createSchemaValidator({ type: 'object', 'x-gs1-note': 'annotation' });
      expect(annotated.validate({})).toEqual([]);
    });

    it('names an unexpected property, and falls back on ajv’s message', () => {
      const strict = createSchemaValidator({
        type: 'object',
        properties: { n: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      });
      expect(strict.validate({ n: 0, extra: 1 })).toEqual([
        { pointer: '', detail: 'has unexpected property "extra"' },
        { pointer: '/n', detail: 'must be >= 1' },
      ]);
      expect(strict.validate({ n: 2 })).toEqual([]);
    });

    it('drops an if/then failure, which only repeats the errors inside its then', () => {
      const conditional = createSchemaValidator({
        type: 'object',
        if: { properties: { kind: { const: 'a' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then` keyword, not a thenable
        then: { required: ['a'] },
      });
      expect(conditional.validate({ kind: 'a' })).toEqual([
        { pointer: '', detail: 'is missing required property "a"' },
      ]);
    });

    it('keeps what was said at a pointer when a failed anyOf there comes after it', () => {
      const both = createSchemaValidator({
        type: 'object',
        required: ['a'],
        anyOf: [{ required: ['b'] }, { required: ['c'] }],
      });
      expect(both.validate({})).toEqual([
        {
          pointer: '',
          detail:
            'is missing required property "b"; is missing required property "c"; is missing required property "a"',
        },
      ]);
    });

    it('knows a vocabulary by its enum branch, at any position of the anyOf, and names the root "value"', () => {
      // As in GS1's schema, the vocabulary's first branch is itself a reference, so ajv compiles the
      // vocabulary on its own and reports schema paths relative to it.
      const vocabulary = {
        anyOf: [
          { $ref: '#/definitions/uri' },
          ...Array(9).fill({ type: 'string', format: 'uri' }),
          { enum: ['a', 'b'] },
        ],
      };
      const rootTerm = createSchemaValidator({
        $ref: '#/definitions/v',
        definitions: { v: vocabulary, uri: { type: 'string', format: 'uri' } },
      });
      expect(rootTerm.validate(5)).toEqual([
        { pointer: '', detail: 'must be a CBV 2.0 value term or a URI' },
      ]);
      expect(rootTerm.validate('a')).toEqual([]);
      // an enum in an anyOf further down a schema is no vocabulary branch either
      const nested = createSchemaValidator({
        type: 'object',
        properties: { k: { anyOf: [{ type: 'number' }, { enum: ['x'] }] } },
      });
      expect(nested.validate({ k: 'y' })).toEqual([
        { pointer: '/k', detail: 'must be number; must be one of "x"' },
      ]);
      // an enum that is no vocabulary branch keeps the allowed values
      const plainEnum = createSchemaValidator({ type: 'object', properties: { k: { enum: ['x', 1] } } });
      expect(plainEnum.validate({ k: 'y' })).toEqual([{ pointer: '/k', detail: 'must be one of "x", 1' }]);
    });

    it('reports a failed oneOf by itself where nothing else is said at its pointer', () => {
      const choice = createSchemaValidator({
        type: 'object',
        properties: { v: { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] } },
      });
      const issues = choice.validate({ v: 'x' });
      expect(issues).toEqual([
        { pointer: '/v', detail: 'does not match any of the forms the schema allows' },
      ]);
    });
  });
});

describe('readCaptureDocument', () => {
  it('refuses anything but an object, and a document that is no EPCIS document', () => {
    expect(readCaptureDocument('text', gs1(), gs1Terms())).toEqual({
      context: undefined,
      documentIssues: [{ pointer: '', detail: 'must be a JSON object' }],
      events: [],
    });
    for (const value of [null, [doc([event])]])
      expect(readCaptureDocument(value, gs1(), gs1Terms()).documentIssues).toEqual([
        { pointer: '', detail: 'must be a JSON object' },
      ]);
    expect(readCaptureDocument({ '@context': 'c', type: 'Invoice' }, gs1(), gs1Terms())).toEqual({
      context: 'c',
      documentIssues: [{ pointer: '/type', detail: 'must be "EPCISDocument" or "EPCISQueryDocument"' }],
      events: [],
    });
  });

  it('reads the events of an EPCISDocument with their positions, pointers and context', () => {
    const read = readCaptureDocument(doc([event, event]), gs1(), gs1Terms());
    expect(read.context).toEqual(header['@context']);
    expect(read.documentIssues).toEqual([]);
    expect(read.events).toEqual([
      { position: 0, pointer: `${EVENTS}/0`, event, issues: [] },
      { position: 1, pointer: `${EVENTS}/1`, event, issues: [] },
    ]);
  });

  it('reads the events of an EPCISQueryDocument, and points into its results', () => {
    const queryDocument = {
      ...header,
      type: 'EPCISQueryDocument',
      epcisBody: {
        queryResults: {
          queryName: 'SimpleEventQuery',
          resultsBody: { eventList: [event, { ...event, bizStep: 'cbv:BizStep-flying' }] },
        },
      },
    };
    const read = readCaptureDocument(queryDocument, gs1(), gs1Terms());
    const at = '/epcisBody/queryResults/resultsBody/eventList';
    expect(read.documentIssues).toEqual([]);
    expect(read.events.map((e) => [e.pointer, e.issues])).toEqual([
      [`${at}/0`, []],
      [
        `${at}/1`,
        [
          {
            pointer: `${at}/1/bizStep`,
            detail:
              '"cbv:BizStep-flying" is in GS1\'s namespace but is not a bizStep term of CBV 2.0; terms of your own must be URIs in your own namespace',
          },
        ],
      ],
    ]);
  });

  it('gives each event the schema, vocabulary and quantity issues under its pointer', () => {
    const read = readCaptureDocument(
      doc([
        event,
        { ...event, eventTime: 'soon' },
        { ...event, bizStep: 'https://ref.gs1.org/cbv/BizStep-flying' },
        { ...event, quantityList: [{ epcClass: 'urn:epc:class:x', quantity: 2e9, uom: 'KGM' }] },
      ]),
      gs1(),
      gs1Terms(),
    );
    expect(read.documentIssues).toEqual([]);
    expect(read.events.map((e) => e.issues.map((i) => i.pointer))).toEqual([
      [],
      [`${EVENTS}/1/eventTime`],
      [`${EVENTS}/2/bizStep`],
      [`${EVENTS}/3/quantityList/0/quantity`],
    ]);
  });

  it('gives an issue to the event at its position, past the ninth', () => {
    const events = [...Array(10).fill(event), { ...event, eventTime: 'soon' }];
    const read = readCaptureDocument(doc(events), gs1(), gs1Terms());
    expect(read.events.map((e) => e.issues.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(read.events[10]!.issues[0]!.pointer).toBe(`${EVENTS}/10/eventTime`);
  });

  it('keeps a non-object event in its place, as an empty event with the schema’s complaint', () => {
    const read = readCaptureDocument(doc([event, 'not an event']), gs1(), gs1Terms());
    expect(read.events[1]).toMatchObject({ position: 1, pointer: `${EVENTS}/1`, event: {} });
    expect(read.events[1]!.issues.map((i) => i.pointer)).toEqual([`${EVENTS}/1`]);
    expect(read.events[0]!.issues).toEqual([]);
  });

  it('keeps issues outside the event list, or at the list itself, for the document', () => {
    const { schemaVersion: _dropped, ...headless } = doc([event]);
    const read = readCaptureDocument(headless, gs1(), gs1Terms());
    expect(read.documentIssues.map((i) => i.pointer)).toEqual(['']);
    expect(read.events.map((e) => e.issues)).toEqual([[]]);

    const notAList = readCaptureDocument({ ...doc([]), epcisBody: { eventList: {} } }, gs1(), gs1Terms());
    expect(notAList.events).toEqual([]);
    expect(notAList.documentIssues.map((i) => i.pointer)).toEqual([EVENTS]);

    const noBody = readCaptureDocument(
      { ...header, type: 'EPCISDocument', epcisBody: 'x' },
      gs1(),
      gs1Terms(),
    );
    expect(noBody.events).toEqual([]);
    expect(noBody.documentIssues.map((i) => i.pointer)).toEqual(['/epcisBody']);
  });
});
