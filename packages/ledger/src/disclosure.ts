// Selective disclosure of entry fields, after SD-JWT (RFC 9901): a confidential field leaves the
// entry body and is replaced by a salted digest in the `_sd` array of the object that held it.
//
//   disclosure = base64url( UTF-8( RFC 8785 JSON of [salt, name, value] ) )
//   digest     = base64url( SHA-256( ASCII(disclosure) ) )          (`_sd_alg: "sha-256"`)
//   salt       = base64url of 16 bytes from a cryptographic random source (128 bits)
//
// This is SD-JWT's disclosure format exactly; the entry body plays the role of the JWT payload, with
// `_sd_alg` at its top level. Anyone holding a disclosure checks it by hashing it and finding the
// digest in the logged entry: no key and no server needed. Array elements are never committed one
// by one here (SD-JWT's `{"...": digest}`), only object properties, at any depth.
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

export const SD_ALG = 'sha-256';
/** 128 bits, as RFC 9901 §9.3 recommends at least. */
export const SALT_BYTES = 16;

type JsonObject = { [key: string]: JsonValue };

export class DisclosureError extends Error {
  override name = 'DisclosureError';
}

const BINARY_CHUNK = 0x2000;

type NodeBufferLike = Uint8Array & { toString(enc: 'base64url', start?: number, end?: number): string };
type NodeBuffer = {
  from(b: ArrayBuffer, offset?: number, length?: number): NodeBufferLike;
  from(text: string, enc: 'utf8' | 'latin1'): NodeBufferLike;
  allocUnsafe(size: number): NodeBufferLike & { write(text: string, offset: number, enc: 'utf8'): number };
};
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/**
 * base64url without padding. Node's Buffer where there is one (six times faster than the portable
 * path on a 1 KiB disclosure, and the writer encodes one per confidential field); else `btoa`
 * (browsers, Node ≥ 16); else the package's own encoder. All three give the same characters.
 */
export function toBase64Url(bytes: Uint8Array): string {
  if (NodeBuffer)
    return NodeBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength).toString(
      'base64url',
    );
  return portableBase64Url(bytes);
}

/** The encoder a browser uses: exported so that Node's tests check it too. */
export function portableBase64Url(bytes: Uint8Array): string {
  let b64: string;
  if (typeof globalThis.btoa === 'function') {
    let binary = '';
    for (let i = 0; i < bytes.length; i += BINARY_CHUNK)
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + BINARY_CHUNK) as unknown as number[]);
    b64 = globalThis.btoa(binary);
  } else b64 = toBase64(bytes);
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url without padding (RFC 4648 §5, as RFC 9901 uses it); undefined if malformed. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}

/** A SHA-256 function: @noble/hashes by default; a Node caller may pass node:crypto for speed. */
export type Sha256Bytes = (data: Uint8Array) => Uint8Array;

/**
 * A disclosure's digest from the disclosure string, as disclosureDigest computes it: what a
 * commitment needs of SHA-256. A Node caller passes node:crypto's `hash('sha256', d, 'base64url')`,
 * which goes from string to digest string in one call, without the three buffers in between.
 */
export type DisclosureDigester = (disclosure: string) => string;

/**
 * Where Buffer exists, a disclosure's JSON is written into this scratch space and encoded from there:
 * no buffer per committed field. Most disclosures (a quantity, a name) are well under it.
 */
const SCRATCH_BYTES = 4096;
const scratch = NodeBuffer?.allocUnsafe(SCRATCH_BYTES);

/** base64url without padding of a string's UTF-8 bytes (Buffer's one-step path where there is one). */
function utf8ToBase64Url(text: string): string {
  // At most three UTF-8 bytes per UTF-16 code unit: a text this short always fits whole.
  if (scratch && text.length * 3 <= SCRATCH_BYTES)
    return scratch.toString('base64url', 0, scratch.write(text, 0, 'utf8'));
  return NodeBuffer ? NodeBuffer.from(text, 'utf8').toString('base64url') : toBase64Url(utf8.encode(text));
}

/** The digest of a disclosure string, as it appears in an `_sd` array. */
export function disclosureDigest(disclosure: string, hash: Sha256Bytes = sha256): string {
  // A disclosure is base64url, hence ASCII: its UTF-8 bytes are its characters, and Latin-1 is the
  // cheapest way to get them where Buffer exists.
  return toBase64Url(hash(NodeBuffer ? NodeBuffer.from(disclosure, 'latin1') : utf8.encode(disclosure)));
}

export interface Disclosure {
  /** Where the value sat in the body, e.g. `geometry` or `outputs.0.quantity`. */
  path: string;
  /** The disclosure string itself: what is stored, handed out and hashed. */
  disclosure: string;
  digest: string;
}

export interface DecodedDisclosure {
  salt: string;
  name: string;
  value: JsonValue;
}

/** Parses a disclosure string, refusing anything that is not `[salt, name, value]`. */
export function decodeDisclosure(disclosure: string): DecodedDisclosure {
  const raw = fromBase64Url(disclosure);
  if (!raw) throw new DisclosureError('a disclosure must be base64url without padding');
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(raw));
  } catch {
    throw new DisclosureError('a disclosure must be base64url of UTF-8 JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3)
    throw new DisclosureError('a disclosure of an object property is [salt, name, value]');
  const [salt, name, value] = parsed as [unknown, unknown, JsonValue];
  if (typeof salt !== 'string' || typeof name !== 'string')
    throw new DisclosureError('a disclosure’s salt and name must be strings');
  // RFC 9901 §7.1: these names cannot be disclosed.
  if (name === '_sd' || name === '_sd_alg' || name === '...')
    throw new DisclosureError(`a disclosure may not name ${name}`);
  return { salt, name, value };
}

export type RandomBytes = (length: number) => Uint8Array;

/**
 * Web Crypto's generator (present in Node ≥ 19 and every browser, so no node: import is needed),
 * drawn 4 KiB at a time: one call per salt costs more than the rest of a commitment.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
/** The pool as a Node Buffer (same memory), where there is Buffer: salts are encoded straight from it. */
let poolBuffer: NodeBufferLike | undefined;
let poolAt = 0;

/** Where the next `length` pool bytes start, refilling the pool first if they do not fit. */
function drawFromPool(length: number): number {
  if (poolAt + length > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    poolBuffer = NodeBuffer?.from(pool.buffer as ArrayBuffer);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += length;
  return at;
}

export const cryptoRandomBytes: RandomBytes = (length) => {
  if (length > POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  const at = drawFromPool(length);
  // A copy: bytes handed out are never shared with later callers.
  return pool.slice(at, at + length);
};

/**
 * A salt drawn with `random`, as base64url. With the default generator under Node the pool's bytes
 * are encoded where they lie: no 16-byte copy and no Buffer wrapper per salt, which the garbage
 * collector otherwise pays for once per committed field. The characters are the same either way.
 */
function drawSalt(random: RandomBytes): string {
  if (random !== cryptoRandomBytes) return toBase64Url(random(SALT_BYTES));
  const at = drawFromPool(SALT_BYTES);
  return poolBuffer
    ? poolBuffer.toString('base64url', at, at + SALT_BYTES)
    : toBase64Url(pool.slice(at, at + SALT_BYTES));
}

/** A path into an entry body: property names separated by dots, `*` for every element of an array. */
export type FieldPath = string;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Throws if any object in `value` holds a reserved key; the pointer is built only then. */
function checkNoReservedKeys(value: JsonValue, at: () => string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkNoReservedKeys(value[i]!, () => `${at()}/${i}`);
    return;
  }
  for (const key in value) {
    if (key === '_sd' || key === '_sd_alg' || key === '...')
      throw new DisclosureError(`an entry body may not itself hold ${key} (at ${at()}/${key})`);
    const member = value[key]!;
    if (member !== null && typeof member === 'object') checkNoReservedKeys(member, () => `${at()}/${key}`);
  }
}

/**
 * The policy's paths as a tree: at each step, whether the field there is committed, and which paths
 * go deeper. Built once per paths array (policies are constant tables) rather than per entry.
 */
interface PathNode {
  /** The pattern that commits this field (`inputs.*.quantity`), if one does. */
  commit: string | undefined;
  /** Where that pattern comes in the order disclosures are returned (deepest first, then by pattern). */
  rank: number;
  /** The field's name as JSON, as every disclosure of it writes it (computed once per policy). */
  nameJson: string;
  children: Map<string, PathNode>;
}

const UNSTORABLE_SEGMENT = /[~\u0000-\u001f]/;
const pathTrees = new WeakMap<readonly FieldPath[], PathNode>();

function pathTree(paths: readonly FieldPath[]): PathNode {
  let root = pathTrees.get(paths);
  if (root) return root;
  root = { commit: undefined, rank: 0, nameJson: '', children: new Map() };
  // The order of disclosures is decided here, once per policy, not per entry: deepest pattern first,
  // then by pattern (as the writer has always stored them).
  const depth = (p: string) => p.split('.').length;
  const ranked = [...new Set(paths)].sort((x, y) => depth(y) - depth(x) || x.localeCompare(y));
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('.')) {
      // Stores join an entry's paths with `~` (SD-JWT's separator) and a batch's rows with a control
      // character, so no path may hold either.
      if (segment === '' || UNSTORABLE_SEGMENT.test(segment))
        throw new DisclosureError(
          `a committed path needs non-empty segments without "~" or control characters: ${JSON.stringify(path)}`,
        );
      let child = node.children.get(segment);
      if (!child) {
        child = { commit: undefined, rank: 0, nameJson: canonicalJson(segment), children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.commit = path;
    node.rank = ranked.indexOf(path);
  }
  pathTrees.set(paths, root);
  return root;
}

interface Committing {
  random: RandomBytes;
  digest: DisclosureDigester;
  found: { disclosure: Disclosure; rank: number; order: number }[];
}

/**
 * The value with the fields its path tree commits replaced by digests; the value itself if none.
 * `at` is the dotted path of the value with a trailing dot (empty at the root): strings are built
 * only for the fields committed, since most of a body is walked past.
 */
function commitValue(value: JsonValue, node: PathNode, at: string, c: Committing, root = false): JsonValue {
  if (Array.isArray(value)) {
    const each = node.children.get('*');
    if (!each) return value;
    let copy: JsonValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const committed = commitValue(value[i]!, each, `${at}${i}.`, c);
      if (committed !== value[i]) {
        copy ??= value.slice();
        copy[i] = committed;
      }
    }
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let replaced: Map<string, JsonValue> | undefined;
  let digests: string[] | undefined;
  for (const [key, child] of node.children) {
    if (key === '*' || !Object.hasOwn(value, key)) continue;
    // Deeper paths first, so a committed object may itself hold digests.
    const inner = child.children.size > 0 ? commitValue(value[key]!, child, `${at}${key}.`, c) : value[key]!;
    if (child.commit !== undefined) {
      const salt = drawSalt(c.random);
      // canonicalJson([salt, key, inner]), written out: a salt is base64url, which JSON never escapes.
      const disclosure = utf8ToBase64Url(`["${salt}",${child.nameJson},${canonicalJson(inner)}]`);
      const digest = c.digest(disclosure);
      digests ??= [];
      digests.push(digest);
      c.found.push({
        disclosure: { path: at + key, disclosure, digest },
        rank: child.rank,
        order: c.found.length,
      });
    } else if (inner !== value[key]) {
      replaced ??= new Map();
      replaced.set(key, inner);
    }
  }
  if (digests === undefined && replaced === undefined) return value;
  // A new object built member by member: no `delete`, which would slow every later read of it.
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    if (node.children.get(key)?.commit !== undefined) continue;
    const member = replaced?.get(key) ?? value[key]!;
    // An own `__proto__` member (JSON.parse makes one) must stay a member, not become the prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: member, enumerable: true, writable: true });
    else out[key] = member;
  }
  // Sorted, so the order of the digests tells nothing about the order of the fields (RFC 9901 §4.2.4.1).
  if (digests !== undefined) out._sd = digests.sort();
  // Something was committed, so the body's root declares the digests' algorithm.
  if (root) out._sd_alg = SD_ALG;
  return out;
}

/**
 * Commits the fields at `paths` of a body: each becomes a disclosure and a digest in the `_sd` of
 * its object. Deeper paths are committed first, so a committed object may itself hold digests.
 * Returns a new body (sharing the parts that do not change); the input is not changed. Disclosures
 * come deepest pattern first, then by pattern, then in document order.
 */
export function commitFields(
  body: JsonObject,
  paths: readonly FieldPath[],
  random: RandomBytes = cryptoRandomBytes,
  digest: DisclosureDigester = disclosureDigest,
): { body: JsonObject; disclosures: Disclosure[] } {
  checkNoReservedKeys(body, () => '');
  if (paths.length === 0) return { body, disclosures: [] };
  const c: Committing = { random, digest, found: [] };
  const out = commitValue(body, pathTree(paths), '', c, true) as JsonObject;
  if (c.found.length === 0) return { body, disclosures: [] };
  const disclosures =
    c.found.length === 1
      ? [c.found[0]!.disclosure]
      : c.found.sort((x, y) => x.rank - y.rank || x.order - y.order).map((f) => f.disclosure);
  return { body: out, disclosures };
}

export interface RevealedBody {
  /** The body with every disclosed field back in place and `_sd`/`_sd_alg` removed. */
  body: JsonObject;
  /** Path of each disclosed field, in the order the disclosures were given. */
  disclosed: string[];
  /** How many digests stayed undisclosed. */
  undisclosed: number;
}

/**
 * Checks disclosures against a logged body, as an SD-JWT verifier does (RFC 9901 §7.1): each one's
 * digest must occur exactly once in an `_sd` array of the body (or of a disclosed value), its name
 * must not clash with a clear property there, and no disclosure may be left over or repeated.
 * Throws DisclosureError on any mismatch; returns the body as far as it is disclosed.
 */
export function revealBody(body: JsonObject, disclosures: readonly string[]): RevealedBody {
  const byDigest = new Map<string, { decoded: DecodedDisclosure; order: number }>();
  disclosures.forEach((d, order) => {
    const digest = disclosureDigest(d);
    if (byDigest.has(digest)) throw new DisclosureError('the same disclosure was given twice');
    byDigest.set(digest, { decoded: decodeDisclosure(d), order });
  });
  const hasDigests = JSON.stringify(body).includes('"_sd"');
  if ((hasDigests || disclosures.length > 0) && body._sd_alg !== SD_ALG)
    throw new DisclosureError(`the body must declare _sd_alg "${SD_ALG}"`);
  const seen = new Set<string>();
  const paths: { path: string; order: number }[] = [];
  let undisclosed = 0;

  const walk = (value: JsonValue, at: string[]): JsonValue => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...at, String(i)]));
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '_sd' || (key === '_sd_alg' && at.length === 0)) continue;
      out[key] = walk(v, [...at, key]);
    }
    if (value._sd === undefined) return out;
    if (!Array.isArray(value._sd) || value._sd.some((d) => typeof d !== 'string'))
      throw new DisclosureError('_sd must be an array of digests');
    for (const digest of value._sd as string[]) {
      if (seen.has(digest)) throw new DisclosureError('a digest occurs twice in the body');
      seen.add(digest);
      const found = byDigest.get(digest);
      if (!found) {
        undisclosed++;
        continue;
      }
      const { name, value: disclosed } = found.decoded;
      if (Object.hasOwn(out, name))
        throw new DisclosureError(`disclosed ${name} clashes with a property in the clear`);
      out[name] = walk(disclosed, [...at, name]);
      paths.push({ path: [...at, name].join('.'), order: found.order });
    }
    return out;
  };
  const revealed = walk(body, []) as JsonObject;
  for (const digest of byDigest.keys()) {
    if (!seen.has(digest)) throw new DisclosureError('a disclosure matches no digest of this entry');
  }
  return {
    body: revealed,
    disclosed: paths.sort((a, b) => a.order - b.order).map((p) => p.path),
    undisclosed,
  };
}
