import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address may not be a webhook target; null when it is a public unicast address. */
export type BlockedReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'shared'
  | 'reserved'
  | 'multicast'
  | 'not-an-address';

const V4_RANGES: [string, number, BlockedReason][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.169.254', 32, 'metadata'],
  ['169.254.170.2', 32, 'metadata'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6_RANGES: [string, number, BlockedReason][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fd00:ec2::254', 128, 'metadata'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['2001::', 23, 'reserved'],
  ['::', 96, 'reserved'],
];

/** One BlockList per reason, checked in the order above (the most specific first). */
function blockLists(
  ranges: [string, number, BlockedReason][],
  family: 'ipv4' | 'ipv6',
): [BlockList, BlockedReason][] {
  return ranges.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, reason];
  });
}

const V4_LISTS = blockLists(V4_RANGES, 'ipv4');
const V6_LISTS = blockLists(V6_RANGES, 'ipv6');

/** The 16 bytes of an IPv6 address (with or without a dotted IPv4 tail), or null. */
export function ipv6Bytes(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.split('%')[0].toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1].split('.').map(Number));
    text = text.slice(0, -dotted[1].length) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').filter(Boolean) : []);
  const left = groups(head);
  const right = groups(rest);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  if (all.length !== 8) return null;
  const bytes = all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one that a stack may route to:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4
 * (2002:AABB:CCDD::/16).
 */
export function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  if (!bytes) return null;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const v4 = (from: number) => bytes.slice(from, from + 4).join('.');
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12);
  if (zeros(0, 12) && !zeros(12, 16)) return v4(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) {
    if (zeros(4, 12)) return v4(12);
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2);
  return null;
}

/**
 * Why this address may not receive webhooks (loopback, private, link-local, cloud metadata,
 * unspecified, multicast, reserved, or an IPv6 form of one of those), or null when it may.
 */
export function blockedReason(address: string): BlockedReason | null {
  if (isIPv4(address)) {
    if (address === '255.255.255.255') return 'reserved';
    return V4_LISTS.find(([list]) => list.check(address, 'ipv4'))?.[1] ?? null;
  }
  if (!isIPv6(address)) return 'not-an-address';
  const plain = address.split('%')[0];
  const [[unspecified], [loopback]] = V6_LISTS;
  // ::1 and :: would otherwise read as IPv4-compatible forms of 0.0.0.x.
  if (unspecified.check(plain, 'ipv6')) return 'unspecified';
  if (loopback.check(plain, 'ipv6')) return 'loopback';
  const embedded = embeddedIpv4(plain);
  if (embedded) return blockedReason(embedded);
  return V6_LISTS.find(([list]) => list.check(plain, 'ipv6'))?.[1] ?? null;
}
