// What a webhook subscription may point at, how its deliveries are signed and when they are retried
// (decision 0026). Pure: no sockets, no DNS; the dispatcher (webhook-delivery.ts) applies these.
import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** Whether loopback targets are allowed: only in test and development configurations. */
export interface TargetPolicy {
  allowLoopback: boolean;
}

// One list per family: Node's BlockList matches an IPv4 address against IPv6 rules as if IPv4-mapped,
// so a single list holding ::ffff:0:0/96 would refuse every IPv4 address.
const LOOPBACK = { ipv4: new BlockList(), ipv6: new BlockList() };
LOOPBACK.ipv4.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.ipv6.addAddress('::1', 'ipv6');

// Addresses a subscriber's URL must never reach (server-side request forgery): the ones that are not
// globally reachable in IANA's IPv4 and IPv6 special-purpose registries (RFC 6890 and updates), and
// those that embed or translate to an IPv4 address (mapped, NAT64, 6to4, Teredo) so a private address
// cannot come back in disguise.
const FORBIDDEN = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including cloud metadata services (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the limited broadcast address
] as const)
  FORBIDDEN.ipv4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  FORBIDDEN.ipv6.addSubnet(network, prefix, 'ipv6');

/** Why a webhook may not connect to this IP address, or undefined when it may. */
export function forbiddenAddress(address: string, policy: TargetPolicy): string | undefined {
  const version = isIP(address);
  if (version === 0) return `${address} is not an IP address`;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (policy.allowLoopback && LOOPBACK[family].check(address, family)) return undefined;
  if (FORBIDDEN[family].check(address, family))
    return `${address} is a private, loopback, link-local or otherwise non-public address`;
  return undefined;
}

/** A URL's host without IPv6 brackets: what DNS resolves or what is an address already. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why a subscription's `dest` is refused before any lookup, or undefined: HTTPS only (plain HTTP only
 * to a loopback address when loopback is allowed), no credentials in the URL, no fragment, and an IP
 * literal must itself be allowed.
 */
export function destProblem(dest: string, policy: TargetPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(dest);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials: the signature authenticates us';
  if (url.hash) return 'must not have a fragment';
  const host = hostOf(url);
  const literal = isIP(host) !== 0;
  if (literal) {
    const reason = forbiddenAddress(host, policy);
    if (reason) return `must reach a public address: ${reason}`;
  }
  if (url.protocol === 'https:') return undefined;
  const family = isIP(host) === 4 ? 'ipv4' : 'ipv6';
  if (url.protocol === 'http:' && policy.allowLoopback && literal && LOOPBACK[family].check(host, family))
    return undefined;
  return 'must be an https:// URL';
}

/** GS1-Signature header value: `sha256=` and the lowercase hex HMAC-SHA256 of the body under the secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * How long to wait before attempt `attempt + 1` after `attempt` failed: exponential from `baseMs`,
 * capped at `capMs`, with the upper half jittered so subscribers that failed together do not all retry
 * at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number, random: number): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
