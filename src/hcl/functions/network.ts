import { listOf } from '../cty/type.js';
import { list, str, type Val } from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { formatIp, formatPrefix, IpSyntaxError, maskOf, parseCidr, type Prefix } from './ip.js';
import { NUMBER, param, staticType, STRING, toInt, type FunctionTable } from './spec.js';

/** The cidr* functions, with go-cidr's arithmetic and messages. */

function parse(prefix: string, argIndex?: number): Prefix {
  try {
    return parseCidr(prefix);
  } catch (e) {
    if (!(e instanceof IpSyntaxError)) throw e;
    const message = `invalid CIDR expression: ${e.message}`;
    throw argIndex === undefined ? new CallFailure(message) : new ArgError(argIndex, message);
  }
}

const hostMask = (length: number, bits: number): bigint => (1n << BigInt(bits - length)) - 1n;

function cidrhost(prefix: string, hostnum: Val): string {
  const num = toInt(hostnum);
  const p = parse(prefix);
  const max = hostMask(p.length, p.bits);
  let offset = BigInt(num);
  let magnitude = offset;
  if (num < 0) {
    magnitude = -offset - 1n;
    offset = max - magnitude;
  }
  if (magnitude > max) throw new CallFailure(`prefix of ${p.length} does not accommodate a host numbered ${num}`);
  return formatIp(p.base | offset, p.bits);
}

function cidrsubnet(prefix: string, newbitsArg: Val, netnumArg: Val): string {
  const newbits = toInt(newbitsArg);
  const netnum = toInt(netnumArg);
  const p = parse(prefix);
  if (newbits > 32) throw new CallFailure('may not extend prefix by more than 32 bits');
  const length = p.length + newbits;
  if (length > p.bits) throw new CallFailure(`insufficient address space to extend prefix of ${p.length} by ${newbits}`);
  if (netnum < 0 || BigInt(netnum) > (1n << BigInt(newbits)) - 1n) {
    throw new CallFailure(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  return formatPrefix({ base: p.base | (BigInt(netnum) << BigInt(p.bits - length)), length, bits: p.bits });
}

function cidrsubnets(args: Val[]): Val {
  const [prefixVal, ...newbits] = args as [Val, ...Val[]];
  const network = parse(prefixVal.str, 0);
  if (newbits.length === 0) return list([], STRING);
  const size = 1n << BigInt(network.bits);
  const lengths = newbits.map((n, i) => {
    let bits: number;
    try {
      bits = toInt(n);
    } catch (e) {
      throw new ArgError(i + 1, (e as Error).message);
    }
    if (bits < 1) throw new ArgError(i + 1, 'must extend prefix by at least one bit');
    if (bits > 32) throw new ArgError(i + 1, 'may not extend prefix by more than 32 bits');
    const length = bits + network.length;
    if (length > network.bits) {
      const protocol = network.bits === 32 ? 'IPv4' : 'IPv6';
      throw new ArgError(i + 1, `would extend prefix to ${length} bits, which is too long for an ${protocol} address`);
    }
    return length;
  });
  // Start just before the network, then allocate each subnet right after the previous one.
  let current: Prefix = {
    base: ((network.base - 1n + size) % size) & maskOf(lengths[0]!, network.bits),
    length: lengths[0]!,
    bits: network.bits,
  };
  return list(lengths.map((length, i) => {
    const currentLast = current.base | hostMask(current.length, current.bits);
    const containing = currentLast & maskOf(length, network.bits);
    const after = ((containing | hostMask(length, network.bits)) + 1n) % size;
    const next: Prefix = { base: after & maskOf(length, network.bits), length, bits: network.bits };
    const inside = (next.base & maskOf(network.length, network.bits)) === network.base;
    if (after === 0n || !inside) {
      throw new ArgError(
        i + 1,
        `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatPrefix(current)}`,
      );
    }
    current = next;
    return str(formatPrefix(next));
  }));
}

const stringType = staticType(STRING);

export const networkFunctions: FunctionTable = {
  cidrhost: {
    params: [param('prefix', STRING), param('hostnum', NUMBER)],
    type: stringType,
    impl: ([p, n]) => str(cidrhost(p!.str, n!)),
  },
  cidrnetmask: {
    params: [param('prefix', STRING)],
    type: stringType,
    impl: ([p]) => {
      const parsed = parse(p!.str);
      return str(formatIp(maskOf(parsed.length, parsed.bits), parsed.bits));
    },
  },
  cidrsubnet: {
    params: [param('prefix', STRING), param('newbits', NUMBER), param('netnum', NUMBER)],
    type: stringType,
    impl: ([p, b, n]) => str(cidrsubnet(p!.str, b!, n!)),
  },
  cidrsubnets: { params: [param('prefix', STRING)], varParam: param('newbits', NUMBER), type: staticType(listOf(STRING)), impl: cidrsubnets },
};
