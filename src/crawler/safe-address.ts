import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The crawler fetches addresses an adapter (written by a user) names and that pages redirect to. Without
 * a check, `http://127.0.0.1:8080/` or `http://169.254.169.254/` reaches the server's own network (SSRF).
 * Every connection the crawler opens is checked *after* DNS resolution (so a public name pointing inside
 * is caught, and a redirect is checked like the first request): loopback, private, link-local, carrier
 * NAT, multicast, reserved and cloud-metadata addresses are refused unless allow-listed
 * (KETENPLEIN_CRAWLER_ALLOWED_ADDRESSES, for tests against a local site).
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach IPv4 internals
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local, with fd00:ec2::254 (AWS metadata)
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** An IPv4 address hidden in IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  // The URL parser writes it in hex: [::ffff:7f00:1].
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [Number.parseInt(hex[1], 16), Number.parseInt(hex[2], 16)];
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 'ipv4' };
  }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export class AddressAllowList {
  private readonly list = new BlockList();
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [net, prefix] = entry.split('/');
      const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
      if (!isIP(net)) throw new Error(`KETENPLEIN_CRAWLER_ALLOWED_ADDRESSES: not an address: "${entry}"`);
      if (prefix === undefined) this.list.addAddress(net, family);
      else this.list.addSubnet(net, Number(prefix), family);
    }
  }
  has(address: string): boolean {
    const { address: plain, family } = unmapped(address);
    return this.list.check(plain, family);
  }
}

export function allowListFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KETENPLEIN_CRAWLER_ALLOWED_ADDRESSES ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Whether the crawler may connect to this IP address. */
export function mayConnect(address: string, allowed: AddressAllowList): boolean {
  if (allowed.has(address)) return true;
  const { address: plain, family } = unmapped(address);
  return !INTERNAL.check(plain, family);
}

export class BlockedAddress extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, an internal address the crawler may not reach`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request: resolves as usual, then refuses when any resolved address is internal
 * (a name with one public and one internal address is refused whole, so the connection cannot pick the
 * internal one).
 */
export function guardedLookup(allowed: AddressAllowList) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((entry) => !mayConnect(entry.address, allowed));
      if (bad) return callback(new BlockedAddress(hostname, bad.address), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** For a URL whose host is an IP literal (no lookup happens for those): the same check, up front. */
export function literalAddressProblem(url: URL, allowed: AddressAllowList): BlockedAddress | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host)) return null;
  return mayConnect(host, allowed) ? null : new BlockedAddress(host, host);
}
