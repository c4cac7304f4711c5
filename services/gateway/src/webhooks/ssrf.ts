import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Server-side request forgery checks for webhook URLs: https only, and every address the host
 * resolves to must be public (not loopback, private, link-local, unique-local, carrier-grade NAT,
 * multicast, reserved or unspecified: no cloud metadata endpoint, no service inside the cluster).
 * The allow-list (WEBHOOK_ALLOWED_TARGETS: host names, IP addresses or CIDR ranges) permits
 * such a target, over http too — for tests and for receivers deliberately inside the network.
 * The check runs when a webhook is registered and again at every delivery, where the connection is
 * made to the very address that was checked (no second DNS answer can slip in: DNS rebinding).
 */
export class TargetPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      if (entry.includes("/")) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) this.ranges.push([ipaddr.parse(entry), ipaddr.parse(entry).kind() === "ipv4" ? 32 : 128]);
      else this.hosts.add(entry.toLowerCase());
    }
  }

  /** Parses one WEBHOOK_ALLOWED_TARGETS entry; false when it is neither a host, an address nor a range. */
  static validEntry(entry: string): boolean {
    if (entry.includes("/")) {
      try {
        ipaddr.parseCIDR(entry);
        return true;
      } catch {
        return false;
      }
    }
    return ipaddr.isValid(entry) || /^[a-z0-9]([a-z0-9.-]{0,252})$/i.test(entry);
  }

  private addressAllowed(a: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    const addr = a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
    for (const [net, bits] of this.ranges) if (addr.kind() === net.kind() && addr.match(net, bits)) return true;
    return false;
  }

  private hostAllowed(host: string): boolean {
    return this.hosts.has(host.toLowerCase());
  }

  /** Why this address may not be a target, or undefined when it may. */
  private refusal(address: string, hostAllowed: boolean): string | undefined {
    const parsed = ipaddr.process(address);
    if (hostAllowed || this.addressAllowed(parsed)) return undefined;
    const range = parsed.range();
    return range === "unicast" ? undefined : `${address} is a ${range} address`;
  }

  /**
   * Checks a URL (and resolves its host); returns the addresses to connect to, or throws a
   * TargetRefused naming the reason.
   */
  async check(raw: string): Promise<{ url: URL; addresses: { address: string; family: number }[] }> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new TargetRefused("is not a URL");
    }
    if (url.username || url.password) throw new TargetRefused("must not carry a user name or password");
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const literal = ipaddr.isValid(host);
    const allowedByName = !literal && this.hostAllowed(host);
    const allowedByAddress = literal && this.addressAllowed(ipaddr.process(host));
    const allowListed = allowedByName || allowedByAddress;
    if (url.protocol !== "https:" && !(url.protocol === "http:" && allowListed)) throw new TargetRefused("must be https (http only for targets in WEBHOOK_ALLOWED_TARGETS)");
    let addresses: { address: string; family: number }[];
    if (literal) addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv4" ? 4 : 6 }];
    else {
      try {
        addresses = await dnsLookup(host, { all: true, verbatim: true });
      } catch {
        throw new TargetRefused(`its host ${host} does not resolve`);
      }
    }
    if (addresses.length === 0) throw new TargetRefused(`its host ${host} does not resolve`);
    for (const a of addresses) {
      const why = this.refusal(a.address, allowedByName);
      if (why) throw new TargetRefused(`${why} (loopback, private, link-local and other non-public addresses need WEBHOOK_ALLOWED_TARGETS)`);
    }
    return { url, addresses };
  }

  /** A `lookup` for http.request that answers only with the checked addresses. */
  static pinnedLookup(addresses: readonly { address: string; family: number }[]): LookupFunction {
    return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
      if (options?.all) cb(null, addresses);
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    }) as unknown as LookupFunction;
  }
}

export class TargetRefused extends Error {
  override name = "TargetRefused";
}
