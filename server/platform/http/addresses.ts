import { BlockList, isIP } from 'node:net';

/**
 * A comma-separated list of addresses and CIDR ranges, as the configuration gives them
 * (`ENLACE_METRICS_ALLOW`, `ENLACE_TRUSTED_PROXIES`): the entries, or the first one that is not
 * an IPv4 or IPv6 address with an optional prefix length within its family's bits.
 */
export function parseAddresses(value: string): { entries: string[] } | { invalid: string } {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const width = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= width);
    if (family === 0 || !validBits || rest.length > 0) return { invalid: entry };
  }
  return { entries };
}

/** The entries of a list the configuration has already checked (`loadConfig`). */
export function addressEntries(value: string): string[] {
  const parsed = parseAddresses(value);
  if ('invalid' in parsed) throw new Error('address list not validated by the configuration');
  return parsed.entries;
}

/** Whether an address (IPv4-mapped IPv6 as its IPv4) is one of the entries, through a node:net BlockList. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (given) => {
    const address = given.startsWith('::ffff:') && isIP(given.slice(7)) === 4 ? given.slice(7) : given;
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
