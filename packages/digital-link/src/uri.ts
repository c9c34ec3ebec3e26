// GS1 Digital Link URIs for trade items (GS1 Digital Link URI Syntax 1.2+): the path
// `/01/{GTIN}` followed by the key qualifiers `22` (consumer product variant), `10` (batch or lot)
// and `21` (serial number), each at most once and in that order; data attributes such as `17`
// (expiry date) in the query string. Only the uncompressed form is read here.
//
// Values travel percent-encoded and are returned decoded (the npm `digital-link.js` leaves them
// encoded, which is why this is our own). A GTIN-8, -12 or -13 is accepted and padded to 14 digits,
// which is the canonical form.
import { normaliseGtin } from '@groundtruth/quantity';

/** A syntax fault, with where it is: `/01`, `/10`, `?17`, or `/` for the path's shape. */
export class DigitalLinkError extends Error {
  override name = 'DigitalLinkError';
  constructor(
    message: string,
    readonly at: string,
  ) {
    super(message);
  }
}

export interface TradeItemLink {
  /** GTIN-14, check digit verified. */
  gtin: string;
  /** AI 22, consumer product variant. */
  cpv?: string;
  /** AI 10, batch or lot number. */
  lot?: string;
  /** AI 21, serial number. */
  serial?: string;
  /** Data attributes from the query string, by AI (e.g. `17` → `261231`), values decoded. */
  attributes: Record<string, string>;
  /** Every other query parameter (`linkType`, `context`, …), passed on as given. */
  parameters: Record<string, string>;
}

/** The key qualifiers of AI 01, in the only order the syntax allows. */
const QUALIFIERS = [
  { ai: '22', field: 'cpv' },
  { ai: '10', field: 'lot' },
  { ai: '21', field: 'serial' },
] as const;

/**
 * GS1's file-safe character set 82 (GS1 General Specifications §7.11, Figure 7.11-1): what an
 * alphanumeric AI value may hold once decoded. `X..20` values are 1 to 20 of these.
 */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

/** Primary keys other than the GTIN that Digital Link defines; named so their refusal says why. */
const OTHER_PRIMARY_KEYS = new Set([
  '00',
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
  '8013',
  '8017',
  '8018',
]);

/** The pre-1.2 convenience aliases (`/gtin/…`), deprecated by URI Syntax 1.2. */
const ALIASES = new Set(['gtin', 'cpv', 'lot', 'ser', 'sscc', 'gln']);

/**
 * Date attributes: N6 as YYMMDD, where DD may be 00 ("the last day of the month", General
 * Specifications §3.4.x for AIs 11, 13, 15, 16, 17).
 */
const DATE_ATTRIBUTES: Record<string, string> = {
  '11': 'production date',
  '13': 'packaging date',
  '15': 'best before date',
  '16': 'sell by date',
  '17': 'expiration date',
};

function decodeSegment(raw: string, at: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new DigitalLinkError(`${raw} is not valid percent-encoding`, at);
  }
}

function checkAlphanumeric(value: string, at: string, name: string): string {
  if (!CSET82.test(value))
    throw new DigitalLinkError(
      `${name} must be 1 to 20 characters of GS1's character set 82 (letters, digits and !"%&'()*+,-./:;<=>?_)`,
      at,
    );
  return value;
}

function checkDate(value: string, at: string, name: string): string {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  const month = match ? Number(match[2]) : 0;
  const day = match ? Number(match[3]) : 0;
  // Day 00 means the month's last day; otherwise the day must exist in that month (any year's
  // February may have 29 days, since YY alone does not fix the century).
  const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (!match || month < 1 || month > 12 || day > daysIn)
    throw new DigitalLinkError(`${name} must be a date as YYMMDD`, at);
  return value;
}

/**
 * Reads the path and query of a trade-item Digital Link (`/01/…`). Throws DigitalLinkError naming
 * the element at fault. `path` is the URI's path as received (still percent-encoded).
 */
export function parseTradeItemLink(path: string, query: URLSearchParams | string = ''): TradeItemLink {
  const segments = path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const [key, rawGtin, ...rest] = segments;
  if (key !== undefined && ALIASES.has(key))
    throw new DigitalLinkError(`/${key}/ is a deprecated alias: use the AI, e.g. /01/ for a GTIN`, '/');
  if (key !== undefined && OTHER_PRIMARY_KEYS.has(key))
    throw new DigitalLinkError(
      `primary key ${key} is valid Digital Link but this resolver serves GTINs (01)`,
      `/${key}`,
    );
  if (key !== '01') throw new DigitalLinkError('a trade item link begins /01/{GTIN}', '/');
  if (rawGtin === undefined || rawGtin === '') throw new DigitalLinkError('01 needs a GTIN', '/01');
  const gtin = normaliseGtin(decodeSegment(rawGtin, '/01'));
  if (!gtin)
    throw new DigitalLinkError('01 must be a GTIN-8, -12, -13 or -14 with a valid check digit', '/01');

  const link: TradeItemLink = { gtin, attributes: {}, parameters: {} };
  let next = 0; // index into QUALIFIERS of the earliest qualifier still allowed
  for (let i = 0; i < rest.length; i += 2) {
    const ai = rest[i]!;
    const raw = rest[i + 1];
    const position = QUALIFIERS.findIndex((q) => q.ai === ai);
    if (position < 0) {
      throw new DigitalLinkError(
        DATE_ATTRIBUTES[ai] || /^\d{2,4}$/.test(ai)
          ? `AI ${ai} is not a key qualifier of a GTIN: data attributes go in the query string (?${ai}=…)`
          : `${ai} is not a key qualifier of a GTIN (22, 10, 21)`,
        `/${ai}`,
      );
    }
    if (position < next)
      throw new DigitalLinkError(
        `key qualifiers go in the order 22, 10, 21; ${ai} is out of place`,
        `/${ai}`,
      );
    if (raw === undefined || raw === '') throw new DigitalLinkError(`${ai} needs a value`, `/${ai}`);
    const { field } = QUALIFIERS[position]!;
    link[field] = checkAlphanumeric(decodeSegment(raw, `/${ai}`), `/${ai}`, `AI ${ai}`);
    next = position + 1;
  }

  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  for (const [name, value] of params) {
    if (/^\d{2,4}$/.test(name)) {
      if (Object.hasOwn(link.attributes, name))
        throw new DigitalLinkError(`attribute ${name} is given twice`, `?${name}`);
      if (name === '01' || name === '22' || name === '10' || name === '21')
        throw new DigitalLinkError(`${name} belongs in the path, not the query string`, `?${name}`);
      const label = DATE_ATTRIBUTES[name];
      link.attributes[name] = label ? checkDate(value, `?${name}`, `AI ${name} (${label})`) : value;
    } else if (!Object.hasOwn(link.parameters, name)) link.parameters[name] = value;
  }
  return link;
}

/**
 * Percent-encodes a value for a Digital Link path: everything but letters, digits, `-`, `.` and
 * `_` (the unreserved characters of character set 82), with uppercase hex, so the URI is the same
 * whoever writes it and survives a QR code's uppercase-only alphanumeric mode unharmed.
 */
export function encodeValue(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** The canonical path of a trade item link: GTIN-14 and the qualifiers present, in order. */
export function tradeItemPath(link: Pick<TradeItemLink, 'gtin' | 'cpv' | 'lot' | 'serial'>): string {
  const gtin = normaliseGtin(link.gtin);
  if (!gtin) throw new DigitalLinkError('not a GTIN with a valid check digit', '/01');
  let path = `/01/${gtin}`;
  for (const { ai, field } of QUALIFIERS) {
    const value = link[field];
    if (value !== undefined) path += `/${ai}/${encodeValue(checkAlphanumeric(value, `/${ai}`, `AI ${ai}`))}`;
  }
  return path;
}

/** The canonical URI on a resolver at `base` (`https://id.example.com`), attributes sorted by AI. */
export function tradeItemUri(
  base: string,
  link: Pick<TradeItemLink, 'gtin' | 'cpv' | 'lot' | 'serial'> & { attributes?: Record<string, string> },
): string {
  const attributes = Object.entries(link.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const query = attributes.map(([ai, value]) => `${ai}=${encodeValue(value)}`).join('&');
  return `${base.replace(/\/+$/, '')}${tradeItemPath(link)}${query ? `?${query}` : ''}`;
}
