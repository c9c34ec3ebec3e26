// GS1 CBV 2.0 §8.9 "EPCIS Event Hash ID": a canonical pre-hash string of one EPCIS 2.0 event, hashed
// with SHA-256 and named as an RFC 6920 `ni` URI. JSON/JSON-LD binding only. Pure and browser-safe.
//
// Where CBV 2.0's prose leaves a detail open, this follows what GS1's reference implementation
// (github.com/RalphTro/epcis-event-hash-generator, expected outputs under tests/examples/expected/CBV2.0)
// produces, because hash IDs are only useful if every implementation computes the same one:
// - a bizTransaction/source/destination entry is written `type=…` first, then `bizTransaction=…`
//   (the reference's README rule 13 reads as the opposite order; its expected outputs put type first);
// - the GS1 Web Vocabulary prefix `gs1:` and bare measurement/alert types expand to
//   `https://ref.gs1.org/voc/` (README rule 15 says `https://gs1.org/voc/`; the outputs use ref.gs1.org);
// - sensor elements are written without a `sensorElementList` key, and user extensions inside
//   readPoint, bizLocation and sensor elements follow ilmd, each under its field-name path;
// - bare CBV words are expanded by the field they sit in (bizStep → BizStep-, …); the reference instead
//   runs JSON-LD expansion and then rewrites any string equal to the tail of an expanded CBV URI,
//   which can also rewrite an extension value that happens to equal a CBV word. Not reproduced.
import { gs1CheckDigit } from '@groundtruth/quantity';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** A JSON-LD `@context` value as found in an EPCIS document: an IRI, a term map, or a list of both. */
export type JsonLdContext = string | JsonLdContextMap | ReadonlyArray<string | JsonLdContextMap>;
export type JsonLdContextMap = { readonly [term: string]: unknown };

type Json = Record<string, unknown>;

const CBV = 'https://ref.gs1.org/cbv/';
const GS1_VOC = 'https://ref.gs1.org/voc/';

/** Prefixes every EPCIS 2.0 document may use without declaring them (the standard EPCIS context). */
const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  gs1: GS1_VOC,
  cbv: CBV,
  epcis: 'https://ref.gs1.org/epcis/',
  cbvmda: 'urn:epcglobal:cbv:mda',
};

/** Fields not hashed at all (CBV 2.0 §8.9: they are not part of the canonical property order). */
const EXCLUDED_EVENT_FIELDS = new Set([
  'type',
  'eventID',
  'recordTime',
  'errorDeclaration',
  'certificationInfo',
  '@context',
]);
/** Annotations that are no part of an event's content. */
const IGNORED_KEYS = new Set(['comment', 'rdfs:comment', '#text']);

const SENSOR_METADATA_ORDER = [
  'time',
  'startTime',
  'endTime',
  'deviceID',
  'deviceMetadata',
  'rawData',
  'dataProcessingMethod',
  'bizRules',
] as const;
const SENSOR_REPORT_ORDER = [
  'type',
  'exception',
  'deviceID',
  'deviceMetadata',
  'rawData',
  'dataProcessingMethod',
  'time',
  'microorganism',
  'chemicalSubstance',
  'value',
  'component',
  'stringValue',
  'booleanValue',
  'hexBinaryValue',
  'uriValue',
  'minValue',
  'maxValue',
  'meanValue',
  'sDev',
  'percRank',
  'percValue',
  'uom',
  'coordinateReferenceSystem',
] as const;
const QUANTITY_ELEMENT_ORDER = ['epcClass', 'quantity', 'uom'] as const;
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];

/** The namespace IRI for each prefix: the standard ones, then those the document's context declares. */
function prefixTable(...contexts: unknown[]): Map<string, string> {
  const table = new Map(Object.entries(STANDARD_PREFIXES));
  const addMap = (map: unknown) => {
    if (!isObject(map)) return;
    for (const [term, definition] of Object.entries(map)) {
      if (term.startsWith('@')) continue;
      const iri =
        typeof definition === 'string' ? definition : isObject(definition) ? definition['@id'] : undefined;
      if (typeof iri === 'string') table.set(term, iri);
    }
  };
  for (const context of contexts) {
    if (Array.isArray(context)) context.forEach(addMap);
    else addMap(context);
  }
  // EPCIS 2.0's own context binds gs1: to the Web Vocabulary; a document cannot rebind it for hashing.
  table.set('gs1', GS1_VOC);
  return table;
}

interface Canon {
  prefixes: Map<string, string>;
}

/** A user-defined key as `{namespace IRI}localName`, or unchanged if its prefix is not declared. */
function expandKey(key: string, { prefixes }: Canon): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const iri = prefixes.get(key.slice(0, colon));
  return iri === undefined ? key : `{${iri}}${key.slice(colon + 1)}`;
}

/** CURIEs in GS1's own namespaces are written as full URIs; a user's CURIEs are kept as written. */
function expandCurieValue(value: string, { prefixes }: Canon): string {
  const colon = value.indexOf(':');
  if (colon < 0) return value;
  const iri = prefixes.get(value.slice(0, colon));
  if (iri === undefined || !/^https:\/\/(?:ref\.)?gs1\.org/.test(iri)) return value;
  return iri + value.slice(colon + 1);
}

const CBV_URN_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['urn:epcglobal:cbv:bizstep:', `${CBV}BizStep-`],
  ['urn:epcglobal:cbv:disp:', `${CBV}Disp-`],
  ['urn:epcglobal:cbv:btt:', `${CBV}BTT-`],
  ['urn:epcglobal:cbv:sdt:', `${CBV}SDT-`],
  ['urn:epcglobal:cbv:er:', `${CBV}ER-`],
];

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/**
 * A value in canonical form (CBV 2.0 §8.9 rules 5–7, 14–18): trimmed; CBV URNs as CBV Web URIs;
 * numbers without trailing zeros; EPC URIs and GS1 Digital Link URIs as constrained canonical
 * Digital Link URIs. `bareTermIri` is the IRI prefix a bare-word vocabulary value expands with.
 */
function canonicalValue(raw: string, canon: Canon, bareTermIri?: string): string {
  let text = expandCurieValue(raw, canon).trim();
  if (bareTermIri !== undefined && text !== '' && !text.includes(':')) text = bareTermIri + text;
  for (const [urn, uri] of CBV_URN_PREFIXES) {
    if (text.startsWith(urn)) {
      text = uri + text.slice(urn.length);
      break;
    }
  }
  text = canonicalNumber(text) ?? text;
  return canonicalDigitalLink(text) ?? text;
}

// --- numbers (rule 6) ---------------------------------------------------------------------------

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal number written without leading or trailing zeros, or undefined if `text` is no number. */
function canonicalNumber(text: string): string | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = m;
  if (whole === '' && fraction === '') return undefined;
  // value = sign · digits · 10^exponent, digits without a decimal point
  let digits = whole + fraction;
  let exponent = Number(exponentText ?? 0) - fraction.length;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10_000) return undefined;
  digits = digits.replace(/^0+/, '');
  const negative = sign === '-';
  if (digits === '') return negative ? '-0' : '0';
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  if (exponent < 0) {
    // drop zeros after the decimal point
    const drop = Math.min(trailingZeros, -exponent);
    digits = digits.slice(0, digits.length - drop);
    exponent += drop;
  }
  let plain: string;
  if (exponent >= 0) {
    // An integer. The reference (Python's Decimal) writes one given with a positive exponent in
    // scientific notation, e.g. 1E+3; a decimal given without an exponent is written plainly.
    if (exponentText !== undefined && Number(exponentText) - fraction.length > 0) {
      const adjusted = exponent + digits.length - 1;
      plain = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}E+${adjusted}` : `${digits}E+${adjusted}`;
    } else {
      plain = digits + '0'.repeat(exponent);
    }
  } else {
    const point = digits.length + exponent;
    plain =
      point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${plain}` : plain;
}

// --- timestamps (rules 8, 9) --------------------------------------------------------------------

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;

/**
 * A dateTime in UTC at millisecond precision, `YYYY-MM-DDTHH:MM:SS.sssZ`. Digits beyond the
 * millisecond are rounded half up (on the first six fractional digits, as the reference does).
 * A timestamp without an offset is taken as UTC. Text that is no timestamp is returned unchanged.
 */
function canonicalTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return text.trim();
  const [, y, mo, d, h, mi, s = '0', fraction = '', , offsetSign, offsetH = '0', offsetM = '0'] = m;
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  const millis = Math.floor(micros / 1000) + (micros % 1000 >= 500 ? 1 : 0);
  const offsetMinutes = offsetSign
    ? (offsetSign === '-' ? -1 : 1) * (Number(offsetH) * 60 + Number(offsetM))
    : 0;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi) - offsetMinutes, Number(s), millis);
  if (Number.isNaN(date.getTime())) return text.trim();
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return text.trim();
  return date.toISOString();
}

// --- GS1 identifiers (rules 17, 18) ---------------------------------------------------------------

/** The digits followed by their GS1 mod-10 check digit (General Specifications §7.9.1). */
const withCheckDigit = (digits: string) => digits + gs1CheckDigit(digits);

/** GS1 Digital Link 1.2 table 7-1: characters of an EPC URI component that a DL URI percent-encodes. */
function percentEncode(component: string): string {
  return component.replace(/[!()*+,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// EPC Tag Data Standard: one character of a serial, lot or reference in an EPC URI (GS1 AI
// encodable character set 82, with the characters a URI reserves written as %-escapes).
const EPC_CHAR =
  "(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])";
const CPI_CHAR = '(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])';
const epcChars = (min: number, max: number) => new RegExp(`^${EPC_CHAR}{${min},${max}}$`);

/** Company prefix plus reference: all digits, the prefix 6–12 long, the two `total` digits together. */
function splitDigits(companyPrefix: string, reference: string, total: number): boolean {
  return (
    /^\d{6,12}$/.test(companyPrefix) &&
    /^\d*$/.test(reference) &&
    companyPrefix.length + reference.length === total
  );
}

/** GTIN-14 from an SGTIN/LGTIN/ITIP/UPUI company prefix and item reference (indicator digit first). */
const gtin = (companyPrefix: string, itemReference: string) =>
  withCheckDigit(itemReference.slice(0, 1) + companyPrefix + itemReference.slice(1));

type EpcConverter = (parts: string[]) => string | undefined;

/** EPC URI schemes (TDS 2.x) and the canonical Digital Link path each converts to. */
const EPC_ID_SCHEMES: Record<string, EpcConverter> = {
  sgtin: ([cp = '', ir = '', serial = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, ir, 13) && epcChars(1, 20).test(serial)
      ? `/01/${gtin(cp, ir)}/21/${percentEncode(serial)}`
      : undefined,
  sscc: ([cp = '', sr = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, sr, 17)
      ? `/00/${withCheckDigit(sr.slice(0, 1) + cp + sr.slice(1))}`
      : undefined,
  sgln: ([cp = '', lr = '', ext = '', ...rest]) => {
    if (rest.length > 0 || !splitDigits(cp, lr, 12) || !epcChars(1, 20).test(ext)) return undefined;
    const gln = withCheckDigit(cp + lr);
    return ext === '0' ? `/414/${gln}` : `/414/${gln}/254/${percentEncode(ext)}`;
  },
  grai: ([cp = '', at = '', serial = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, at, 12) && epcChars(1, 16).test(serial)
      ? `/8003/${withCheckDigit(`0${cp}${at}`)}${percentEncode(serial)}`
      : undefined,
  giai: ([cp = '', ...rest]) => {
    const ar = rest.join('.');
    return /^\d{6,12}$/.test(cp) && epcChars(1, 30 - cp.length).test(ar)
      ? `/8004/${cp}${percentEncode(ar)}`
      : undefined;
  },
  gsrn: ([cp = '', sr = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, sr, 17) ? `/8018/${withCheckDigit(cp + sr)}` : undefined,
  gsrnp: ([cp = '', sr = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, sr, 17) ? `/8017/${withCheckDigit(cp + sr)}` : undefined,
  gdti: ([cp = '', dt = '', ...rest]) => {
    const serial = rest.join('.');
    return splitDigits(cp, dt, 12) && epcChars(1, 17).test(serial)
      ? `/253/${withCheckDigit(cp + dt)}${percentEncode(serial)}`
      : undefined;
  },
  cpi: ([cp = '', ref = '', serial = '', ...rest]) =>
    rest.length === 0 &&
    /^\d{6,12}$/.test(cp) &&
    new RegExp(`^${CPI_CHAR}{1,${30 - cp.length}}$`).test(ref) &&
    /^\d{1,12}$/.test(serial)
      ? `/8010/${percentEncode(cp + ref)}/8011/${serial}`
      : undefined,
  sgcn: ([cp = '', cr = '', serial = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, cr, 12) && /^\d{1,12}$/.test(serial)
      ? `/255/${withCheckDigit(cp + cr)}${serial}`
      : undefined,
  ginc: ([cp = '', ...rest]) => {
    const ref = rest.join('.');
    return /^\d{6,12}$/.test(cp) && epcChars(1, 30 - cp.length).test(ref)
      ? `/401/${cp}${percentEncode(ref)}`
      : undefined;
  },
  gsin: ([cp = '', sr = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, sr, 16) ? `/402/${withCheckDigit(cp + sr)}` : undefined,
  itip: ([cp = '', ir = '', piece = '', total = '', serial = '', ...rest]) =>
    rest.length === 0 &&
    splitDigits(cp, ir, 13) &&
    /^\d{2}$/.test(piece) &&
    /^\d{2}$/.test(total) &&
    epcChars(1, 20).test(serial)
      ? `/8006/${gtin(cp, ir)}${piece}${total}/21/${percentEncode(serial)}`
      : undefined,
  upui: ([cp = '', ir = '', ...rest]) => {
    const tpx = rest.join('.');
    return splitDigits(cp, ir, 13) && epcChars(1, 28).test(tpx)
      ? `/01/${gtin(cp, ir)}/235/${percentEncode(tpx)}`
      : undefined;
  },
  pgln: ([cp = '', pr = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, pr, 12) ? `/417/${withCheckDigit(cp + pr)}` : undefined,
};

const EPC_CLASS_SCHEMES: Record<string, EpcConverter> = {
  lgtin: ([cp = '', ir = '', lot = '', ...rest]) =>
    rest.length === 0 && splitDigits(cp, ir, 13) && epcChars(1, 20).test(lot)
      ? `/01/${gtin(cp, ir)}/10/${percentEncode(lot)}`
      : undefined,
};

/** EPC pattern URIs name a class of objects: the Digital Link URI of the class, without serial. */
const EPC_PATTERN_SCHEMES: Record<string, EpcConverter> = {
  sgtin: ([cp = '', ir = '', star, ...rest]) =>
    star === '*' && rest.length === 0 && splitDigits(cp, ir, 13) ? `/01/${gtin(cp, ir)}` : undefined,
  grai: ([cp = '', at = '', star, ...rest]) =>
    star === '*' && rest.length === 0 && splitDigits(cp, at, 12)
      ? `/8003/${withCheckDigit(`0${cp}${at}`)}`
      : undefined,
  gdti: ([cp = '', dt = '', star, ...rest]) =>
    star === '*' && rest.length === 0 && splitDigits(cp, dt, 12)
      ? `/253/${withCheckDigit(cp + dt)}`
      : undefined,
  sgcn: ([cp = '', cr = '', star, ...rest]) =>
    star === '*' && rest.length === 0 && splitDigits(cp, cr, 12)
      ? `/255/${withCheckDigit(cp + cr)}`
      : undefined,
  cpi: ([cp = '', ref = '', star, ...rest]) =>
    star === '*' &&
    rest.length === 0 &&
    /^\d{6,12}$/.test(cp) &&
    new RegExp(`^${CPI_CHAR}{1,${30 - cp.length}}$`).test(ref)
      ? `/8010/${percentEncode(cp + ref)}`
      : undefined,
  itip: ([cp = '', ir = '', piece = '', total = '', star, ...rest]) =>
    star === '*' &&
    rest.length === 0 &&
    splitDigits(cp, ir, 13) &&
    /^\d{2}$/.test(piece) &&
    /^\d{2}$/.test(total)
      ? `/8006/${gtin(cp, ir)}${piece}${total}`
      : undefined,
  upui: ([cp = '', ir = '', star, ...rest]) =>
    star === '*' && rest.length === 0 && splitDigits(cp, ir, 13) ? `/01/${gtin(cp, ir)}` : undefined,
};

const ID_GS1 = 'https://id.gs1.org';

function epcUriToDigitalLink(uri: string): string | undefined {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(uri);
  if (!m) return undefined;
  const [, kind, scheme = '', body = ''] = m;
  const schemes = kind === 'id' ? EPC_ID_SCHEMES : kind === 'class' ? EPC_CLASS_SCHEMES : EPC_PATTERN_SCHEMES;
  const convert = Object.hasOwn(schemes, scheme) ? schemes[scheme] : undefined;
  const path = convert?.(body.split('.'));
  return path === undefined ? undefined : ID_GS1 + path;
}

// GS1 Digital Link URI Syntax 1.2: primary keys (numeric AI or legacy short name) a path may start with.
const DL_PRIMARY_KEYS =
  '01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai';
const DL_URI = new RegExp(`^https?:[^?#]*/(?:${DL_PRIMARY_KEYS})/\\d{4}[^/]`);
const DL_SHORT_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['gtin', '01'],
  ['itip', '8006'],
  ['cpid', '8010'],
  ['gln', '414'],
  ['party', '417'],
  ['gsrnp', '8017'],
  ['gsrn', '8018'],
  ['gcn', '255'],
  ['sscc', '00'],
  ['gdti', '253'],
  ['ginc', '401'],
  ['gsin', '402'],
  ['grai', '8003'],
  ['giai', '8004'],
  ['cpv', '22'],
  ['lot', '10'],
  ['ser', '21'],
];
/** The order in which the reference looks for a primary key when it replaces a custom domain. */
const DL_DOMAIN_KEYS = [
  '00',
  '01',
  '253',
  '255',
  '401',
  '402',
  '414',
  '417',
  '8003',
  '8004',
  '8006',
  '8010',
  '8017',
  '8018',
];
const CANONICAL_DL_START =
  /^https:\/\/id\.gs1\.org\/(?:01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)\/\d{4}[^/]/;
/** Characters the reference accepts in an alphanumeric key or qualifier of a canonical DL URI. */
const DL_C = `["'\\-.0-9;-?A-Z_a-z]`;
const dl = (path: string) => new RegExp(`^https://id\\.gs1\\.org/${path}$`);
/** Rule 18 (III): the only key/qualifier combinations a constrained canonical DL URI may have. */
const CONSTRAINED_DL = [
  dl('00/\\d{18}'),
  dl(`01/\\d{14}/21/${DL_C}{0,20}`),
  dl(`01/\\d{14}/10/${DL_C}{0,20}`),
  dl('01/\\d{14}'),
  dl(`01/\\d{14}/235/${DL_C}{0,28}`),
  dl(`253/\\d{13}${DL_C}{0,17}`),
  dl('255/\\d{13}\\d{0,12}'),
  dl(`401/${DL_C}{0,30}`),
  dl('402/\\d{17}'),
  dl('414/\\d{13}'),
  dl(`414/\\d{13}/254/${DL_C}{0,20}`),
  dl('417/\\d{13}'),
  dl(`8003/\\d{14}${DL_C}{0,16}`),
  dl(`8004/${DL_C}{0,30}`),
  dl(`8006/\\d{18}/21/${DL_C}{0,20}`),
  dl(`8006/\\d{18}/10/${DL_C}{0,20}`),
  dl('8006/\\d{18}'),
  dl('8010/[#\\-/0-9A-Z]{0,30}/8011/\\d{0,12}'),
  dl('8010/[#\\-/0-9A-Z]{0,30}'),
  dl('8017/\\d{18}'),
  dl('8018/\\d{18}'),
];

/** Rule 18: a GS1 Digital Link URI on id.gs1.org, without query string, CPV or lot beside a serial. */
function constrainDigitalLink(uri: string): string | undefined {
  if (!DL_URI.test(uri)) return undefined;
  let result = uri.split('?', 1)[0] ?? uri;
  for (const [name, ai] of DL_SHORT_NAMES) result = result.replaceAll(`/${name}/`, `/${ai}/`);
  if (!CANONICAL_DL_START.test(result)) {
    const key = DL_DOMAIN_KEYS.find((ai) => result.includes(`/${ai}/`));
    if (key !== undefined) result = ID_GS1 + result.slice(result.indexOf(`/${key}/`));
  }
  // GTIN-8, -12 and -13 are written as GTIN-14
  const gtinDigits = /^https:\/\/id\.gs1\.org\/01\/(\d+)/.exec(result)?.[1]?.length;
  if (gtinDigits !== undefined && gtinDigits < 14) {
    const padding = gtinDigits === 13 ? 1 : gtinDigits === 12 ? 2 : gtinDigits >= 8 ? 6 : 0;
    result = result.replace('/01/', `/01/${'0'.repeat(padding)}`);
  }
  // a consumer product variant (AI 22) is no part of the identity of an object
  const cpv =
    /^(https:\/\/id\.gs1\.org\/(?:8006\/\d{18}|01\/\d{14}))\/22\/([/"'\-.0-9;-?A-Z_a-z]{0,20})$/.exec(result);
  if (cpv) {
    const afterCpv = cpv[2] ?? '';
    const slash = afterCpv.indexOf('/');
    result = (cpv[1] ?? '') + (slash < 0 ? '' : afterCpv.slice(slash));
  }
  // only the finest level of identification: a serial makes the lot redundant
  const lotAndSerial = new RegExp(
    `^(https://id\\.gs1\\.org/(?:8006/\\d{18}|01/\\d{14}))/10/${DL_C}{0,20}(/21/${DL_C}{0,20})$`,
  ).exec(result);
  if (lotAndSerial) result = (lotAndSerial[1] ?? '') + (lotAndSerial[2] ?? '');
  return CONSTRAINED_DL.some((pattern) => pattern.test(result)) ? result : undefined;
}

/**
 * An EPC or EPC class as the constrained canonical GS1 Digital Link URI (CBV 2.0 §8.9 rules 14–18),
 * whichever of the two forms EPCIS 2.0 allows it was written in; anything else as it is. Two spellings
 * of the same identifier have the same canonical form.
 */
export function canonicalEpc(uri: string): string {
  return canonicalDigitalLink(uri.trim()) ?? uri;
}

/** The constrained canonical GS1 Digital Link URI for an EPC URI or DL URI, else undefined. */
function canonicalDigitalLink(uri: string): string | undefined {
  if (!uri.includes('.')) return undefined;
  return epcUriToDigitalLink(uri) ?? constrainDigitalLink(uri);
}

// --- the pre-hash string ---------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Sort by Unicode code point, as rules 10–12 require (JavaScript's default compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done ? (r.done ? 0 : -1) : 1;
    const diff = (l.value.codePointAt(0) ?? 0) - (r.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}
const sorted = (parts: string[]) => parts.sort(byCodePoint);

/** The reference treats every standard field whose name mentions a time, bar the offset, as a timestamp. */
const isTimestampField = (key: string) => /time/i.test(key) && !/offset/i.test(key);

/** `key=value` for a standard field, or '' if the field is absent or empty. */
function keyValue(key: string, value: unknown, canon: Canon, bareTermIri?: string): string {
  const text = scalarText(value);
  if (text === undefined) return '';
  const normalised = isTimestampField(key)
    ? canonicalTimestamp(text)
    : canonicalValue(text, canon, bareTermIri);
  return normalised === '' ? '' : `${key}=${normalised}`;
}

/** Fields of an object in the given order, concatenated. */
function ordered(object: Json, order: readonly string[], canon: Canon, bareTerms: Json = {}): string {
  return order
    .map((key) => {
      const bare = bareTerms[key];
      return keyValue(key, object[key], canon, typeof bare === 'string' ? bare : undefined);
    })
    .join('');
}

/** `name` followed by its sorted non-empty parts, or '' if there are none. */
function group(name: string, parts: string[]): string {
  const present = parts.filter((part) => part !== '');
  return present.length === 0 ? '' : name + sorted(present).join('');
}

function epcList(name: string, value: unknown, canon: Canon): string {
  return group(
    name,
    asArray(value).map((epc) => keyValue('epc', epc, canon)),
  );
}

function quantityList(name: string, value: unknown, canon: Canon): string {
  return group(
    name,
    asArray(value)
      .filter(isObject)
      .map((element) => group('quantityElement', [ordered(element, QUANTITY_ELEMENT_ORDER, canon)])),
  );
}

/** bizTransactionList, sourceList, destinationList: each entry `type=…` then its identifier. */
function typedList(name: string, idKey: string, value: unknown, canon: Canon, typeIri: string): string {
  return group(
    name,
    asArray(value)
      .filter(isObject)
      .map((entry) => keyValue('type', entry.type, canon, typeIri) + keyValue(idKey, entry[idKey], canon)),
  );
}

function location(name: string, value: unknown, canon: Canon): string {
  return isObject(value) ? group(name, [keyValue('id', value.id, canon)]) : '';
}

const SENSOR_REPORT_BARE_TERMS = { type: GS1_VOC, exception: GS1_VOC, component: `${CBV}Comp-` };

function sensorElements(value: unknown, canon: Canon): string {
  return sorted(
    asArray(value)
      .filter(isObject)
      .map((element) => {
        const metadata = isObject(element.sensorMetadata)
          ? group('sensorMetadata', [ordered(element.sensorMetadata, SENSOR_METADATA_ORDER, canon)])
          : '';
        const reports = asArray(element.sensorReport)
          .filter(isObject)
          .map((report) =>
            group('sensorReport', [ordered(report, SENSOR_REPORT_ORDER, canon, SENSOR_REPORT_BARE_TERMS)]),
          );
        const content = metadata + sorted(reports.filter((r) => r !== '')).join('');
        return content === '' ? '' : `sensorElement${content}`;
      })
      .filter((element) => element !== ''),
  ).join('');
}

function persistentDisposition(value: unknown, canon: Canon): string {
  if (!isObject(value)) return '';
  const disp = `${CBV}Disp-`;
  const entries = (key: string) =>
    sorted(asArray(value[key]).map((v) => keyValue(key, v, canon, disp))).join('');
  const content = entries('set') + entries('unset');
  return content === '' ? '' : `persistentDisposition${content}`;
}

/** User-extension content (rules 19–21): `{namespace}name=value`, nested content sorted per level. */
function extensionEntries(key: string, value: unknown, canon: Canon): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => extensionEntries(key, item, canon));
  const name = expandKey(key, canon);
  if (isObject(value)) return [name + extensionContent(value, canon)];
  const text = scalarText(value)?.trim() ?? '';
  return [text === '' ? name : `${name}=${canonicalValue(text, canon)}`];
}

function extensionContent(object: Json, canon: Canon, skip: ReadonlySet<string> = new Set()): string {
  const entries = Object.entries(object)
    .filter(
      ([key, value]) =>
        value !== undefined && !skip.has(key) && !IGNORED_KEYS.has(key) && !key.startsWith('@'),
    )
    .flatMap(([key, value]) => extensionEntries(key, value, canon));
  return sorted(entries).join('');
}

const SENSOR_METADATA_KEYS = new Set<string>(SENSOR_METADATA_ORDER);
const SENSOR_REPORT_KEYS = new Set<string>(SENSOR_REPORT_ORDER);
const SENSOR_ELEMENT_KEYS = new Set(['sensorMetadata', 'sensorReport']);
const LOCATION_KEYS = new Set(['id']);
const QUANTITY_ELEMENT_KEYS = new Set<string>(QUANTITY_ELEMENT_ORDER);

/** User extensions inside standard fields (rule 21), each under the path of standard field names. */
function fieldExtensions(event: Json, canon: Canon): string {
  const parts: string[] = [];
  for (const name of QUANTITY_LISTS) {
    const elements = asArray(event[name])
      .filter(isObject)
      .map((element) => extensionContent(element, canon, QUANTITY_ELEMENT_KEYS))
      .filter((content) => content !== '')
      .map((content) => `quantityElement${content}`);
    if (elements.length > 0) parts.push(name + sorted(elements).join(''));
  }
  for (const name of ['readPoint', 'bizLocation']) {
    const value = event[name];
    const content = isObject(value) ? extensionContent(value, canon, LOCATION_KEYS) : '';
    if (content !== '') parts.push(name + content);
  }
  const elements = asArray(event.sensorElementList)
    .filter(isObject)
    .map((element) => {
      const metadata = isObject(element.sensorMetadata)
        ? extensionContent(element.sensorMetadata, canon, SENSOR_METADATA_KEYS)
        : '';
      const reports = asArray(element.sensorReport)
        .filter(isObject)
        .map((report) => extensionContent(report, canon, SENSOR_REPORT_KEYS))
        .filter((content) => content !== '')
        .map((content) => `sensorReport${content}`);
      const content =
        (metadata === '' ? '' : `sensorMetadata${metadata}`) +
        sorted(reports).join('') +
        extensionContent(element, canon, SENSOR_ELEMENT_KEYS);
      return content === '' ? '' : `sensorElement${content}`;
    })
    .filter((element) => element !== '');
  parts.push(sorted(elements).join(''));
  return parts.join('');
}

/** Event fields with a place in the canonical property order (CBV 2.0 §8.9, sequence 1–24); the rest are user extensions. */
const STANDARD_EVENT_FIELDS = new Set([
  'eventTime',
  'eventTimeZoneOffset',
  'epcList',
  'parentID',
  'inputEPCList',
  'childEPCs',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'action',
  'transformationID',
  'bizStep',
  'disposition',
  'persistentDisposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'ilmd',
]);

/**
 * The canonical pre-hash string of an EPCIS 2.0 event (CBV 2.0 §8.9), given as parsed JSON-LD.
 * `context` is the enclosing document's `@context`; its prefixes name the namespaces of user
 * extension fields (e.g. `example:myField` → `{http://ns.example.com/epcis/}myField`).
 */
export function preHashString(event: Record<string, unknown>, context?: JsonLdContext): string {
  const canon: Canon = { prefixes: prefixTable(context, event['@context']) };
  const type = scalarText(event.type) ?? '';
  const standard = [
    `eventType=${type}`,
    keyValue('eventTime', event.eventTime, canon),
    keyValue('eventTimeZoneOffset', event.eventTimeZoneOffset, canon),
    epcList('epcList', event.epcList, canon),
    keyValue('parentID', event.parentID, canon),
    epcList('inputEPCList', event.inputEPCList, canon),
    epcList('childEPCs', event.childEPCs, canon),
    quantityList('quantityList', event.quantityList, canon),
    quantityList('childQuantityList', event.childQuantityList, canon),
    quantityList('inputQuantityList', event.inputQuantityList, canon),
    epcList('outputEPCList', event.outputEPCList, canon),
    quantityList('outputQuantityList', event.outputQuantityList, canon),
    keyValue('action', event.action, canon),
    keyValue('transformationID', event.transformationID, canon),
    keyValue('bizStep', event.bizStep, canon, `${CBV}BizStep-`),
    keyValue('disposition', event.disposition, canon, `${CBV}Disp-`),
    persistentDisposition(event.persistentDisposition, canon),
    location('readPoint', event.readPoint, canon),
    location('bizLocation', event.bizLocation, canon),
    typedList('bizTransactionList', 'bizTransaction', event.bizTransactionList, canon, `${CBV}BTT-`),
    typedList('sourceList', 'source', event.sourceList, canon, `${CBV}SDT-`),
    typedList('destinationList', 'destination', event.destinationList, canon, `${CBV}SDT-`),
    sensorElements(event.sensorElementList, canon),
  ];
  const ilmd = isObject(event.ilmd) ? `ilmd${extensionContent(event.ilmd, canon)}` : '';
  const eventExtensions = extensionContent(
    event,
    canon,
    new Set([...EXCLUDED_EVENT_FIELDS, ...STANDARD_EVENT_FIELDS]),
  );
  return standard.join('') + ilmd + fieldExtensions(event, canon) + eventExtensions;
}

/** The event's hash ID: `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920 named information, CBV 2.0 §8.9). */
export function eventHashId(event: Record<string, unknown>, context?: JsonLdContext): string {
  const digest = sha256(new TextEncoder().encode(preHashString(event, context)));
  return `ni:///sha-256;${bytesToHex(digest)}?ver=CBV2.0`;
}
