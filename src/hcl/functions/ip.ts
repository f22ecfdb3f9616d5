/**
 * IP prefixes as Go's net package reads and prints them, with addresses held as BigInt so that IPv4
 * and IPv6 share one arithmetic.
 */

export interface Prefix {
  /** the network address (host bits cleared) */
  base: bigint;
  length: number;
  /** 32 or 128 */
  bits: number;
}

export class IpSyntaxError extends Error {}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0') || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(p);
  }
  return out;
}

function parseIPv6(s: string): bigint | undefined {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    // An embedded IPv4 tail ("::ffff:10.0.0.1") stands for the last two groups.
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt('0x' + g));
    }
    return out;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const given = [...head, ...rest];
  const missing = 8 - given.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<bigint>(Math.max(0, missing)).fill(0n), ...rest];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function maskOf(length: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - length)) - 1n);
}

/** net.ParseCIDR: "10.0.0.5/16" → the 10.0.0.0/16 network. */
export function parseCidr(s: string): Prefix {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const lenText = slash < 0 ? '' : s.slice(slash + 1);
  let ip = parseIPv4(addr);
  let bits = 32;
  if (ip === undefined) {
    ip = parseIPv6(addr);
    bits = 128;
  }
  const length = /^\d+$/.test(lenText) ? Number(lenText) : -1;
  if (ip === undefined || length < 0 || length > bits) throw new IpSyntaxError(`invalid CIDR address: ${s}`);
  return { base: ip & maskOf(length, bits), length, bits };
}

export function formatIp(ip: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((sh) => String((ip >> sh) & 0xffn)).join('.');
  if (ip >> 32n === 0xffffn) return formatIp(ip & 0xffffffffn, 32);
  const groups = Array.from({ length: 8 }, (_, i) => (ip >> BigInt(112 - 16 * i)) & 0xffffn);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

export function formatPrefix(p: Prefix): string {
  return `${formatIp(p.base, p.bits)}/${p.length}`;
}
