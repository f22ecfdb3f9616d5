import { goJsonQuote } from '../../hcl/functions/text.js';
import { formatGoTime } from './go-time.js';
import { sprintf } from './printf.js';
import { compare, formatNumber, formatValue, isMap, sortedKeys, sprint, truthy, typeName, type Value } from './values.js';

export interface CallContext {
  /** What `env` reads: the task's environment. */
  env: Readonly<Record<string, string>>;
  now(): Date;
}

export interface TemplateFunction {
  min: number;
  max: number;
  call(args: Value[], ctx: CallContext): Value;
}

/** A mismatched argument; reported as Go does, without "error calling". */
export class ArgTypeError extends Error {}

/** Functions that read a Consul, Vault or Nomad API, by the service each needs. */
export const API_FUNCTIONS: Readonly<Record<string, 'Consul' | 'Vault' | 'Nomad'>> = {
  key: 'Consul', keyExists: 'Consul', keyOrDefault: 'Consul', ls: 'Consul', safeLs: 'Consul', tree: 'Consul',
  safeTree: 'Consul', service: 'Consul', services: 'Consul', connect: 'Consul', caRoots: 'Consul', caLeaf: 'Consul',
  node: 'Consul', nodes: 'Consul', datacenters: 'Consul',
  secret: 'Vault', secrets: 'Vault', pkiCert: 'Vault',
  nomadService: 'Nomad', nomadServices: 'Nomad', nomadVar: 'Nomad', nomadVarList: 'Nomad', nomadVarListSafe: 'Nomad',
  nomadVarExists: 'Nomad',
};

/** Functions Nomad's default `function_denylist` turns off, or that would reach outside the task. */
export const DISABLED_FUNCTIONS: ReadonlySet<string> = new Set(['plugin', 'writeToFile', 'executeTemplate', 'file', 'sockaddr']);

function str(v: Value): string {
  if (typeof v !== 'string') throw new ArgTypeError(`wrong type for value; expected string; got ${typeName(v)}`);
  return v;
}

function num(v: Value): number {
  if (typeof v !== 'number') throw new ArgTypeError(`wrong type for value; expected number; got ${typeName(v)}`);
  return v;
}

function strList(v: Value): string[] {
  if (!Array.isArray(v)) throw new ArgTypeError(`wrong type for value; expected []string; got ${typeName(v)}`);
  return v.map(str);
}

const fixed = (n: number, call: TemplateFunction['call']): TemplateFunction => ({ min: n, max: n, call });
const variadic = (min: number, call: TemplateFunction['call']): TemplateFunction => ({ min, max: Infinity, call });
const strings = (f: (...s: string[]) => Value, n = f.length): TemplateFunction => fixed(n, (a) => f(...a.map(str)));

/** consul-template's math helpers take the piped value last: `{{ 5 | subtract 2 }}` is 3. */
function math(op: (a: number, b: number) => number): TemplateFunction {
  return fixed(2, ([b, a]) => {
    const r = op(num(a), num(b));
    if (!Number.isFinite(r)) throw new Error('division by zero');
    return Number.isInteger(num(a)) && Number.isInteger(num(b)) ? Math.trunc(r) : r;
  });
}

function parseGoInt(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function toJson(v: Value): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goJsonQuote(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  return `{${sortedKeys(v)
    .map((k) => `${goJsonQuote(k)}:${toJson(v[k])}`)
    .join(',')}}`;
}

function index(target: Value, keys: Value[]): Value {
  let v = target;
  for (const k of keys) {
    if (Array.isArray(v)) {
      const i = num(k);
      if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new Error(`index out of range: ${formatValue(k)}`);
      v = v[i];
    } else if (isMap(v)) {
      v = Object.prototype.hasOwnProperty.call(v, str(k)) ? v[str(k)] : undefined;
    } else if (v === undefined || v === null) {
      throw new Error('index of untyped nil');
    } else {
      throw new Error(`can't index item of type ${typeName(v)}`);
    }
  }
  return v;
}

const HTML: Record<string, string> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' };

/**
 * Go's template builtins and the consul-template functions that need no outside service. `and` and
 * `or` are listed for parse-time checks; the executor evaluates them lazily itself.
 */
export const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map<string, TemplateFunction>([
  ['and', variadic(1, (a) => a.find((v) => !truthy(v)) ?? a[a.length - 1])],
  ['or', variadic(1, (a) => a.find((v) => truthy(v)) ?? a[a.length - 1])],
  ['not', fixed(1, ([v]) => !truthy(v))],
  ['eq', variadic(2, ([a, ...rest]) => rest.some((b) => compare(a, b, 'eq') === 0))],
  ['ne', fixed(2, ([a, b]) => compare(a, b, 'eq') !== 0)],
  ['lt', fixed(2, ([a, b]) => compare(a, b, 'lt') < 0)],
  ['le', fixed(2, ([a, b]) => compare(a, b, 'le') <= 0)],
  ['gt', fixed(2, ([a, b]) => compare(a, b, 'gt') > 0)],
  ['ge', fixed(2, ([a, b]) => compare(a, b, 'ge') >= 0)],
  ['len', fixed(1, ([v]) => {
    if (typeof v === 'string') return Buffer.byteLength(v);
    if (Array.isArray(v)) return v.length;
    if (isMap(v)) return Object.keys(v).length;
    throw new Error(`len of type ${typeName(v)}`);
  })],
  ['index', variadic(1, ([target, ...keys]) => index(target, keys))],
  ['print', variadic(0, (a) => sprint(a))],
  ['println', variadic(0, (a) => `${a.map(formatValue).join(' ')}\n`)],
  ['printf', variadic(1, ([f, ...a]) => sprintf(str(f), a))],
  ['html', variadic(0, (a) => sprint(a).replace(/[&'<>"\0]/g, (c) => HTML[c]!))],
  ['urlquery', variadic(0, (a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))],
  ['env', fixed(1, ([k], ctx) => ctx.env[str(k)] ?? '')],
  ['envOrDefault', fixed(2, ([k, d], ctx) => {
    const v = ctx.env[str(k)];
    return v === undefined || v === '' ? str(d) : v;
  })],
  ['toUpper', strings((s) => s.toUpperCase())],
  ['toLower', strings((s) => s.toLowerCase())],
  ['toTitle', strings((s) => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase()))],
  ['trimSpace', strings((s) => s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, ''))],
  ['trimPrefix', strings((prefix, s) => (s.startsWith(prefix) ? s.slice(prefix.length) : s))],
  ['trimSuffix', strings((suffix, s) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s))],
  ['split', strings((sep, s) => {
    const t = s.trim();
    return t === '' ? [] : t.split(sep);
  })],
  ['join', fixed(2, ([sep, list]) => strList(list).join(str(sep)))],
  ['replaceAll', strings((from, to, s) => s.split(from).join(to))],
  ['contains', fixed(2, ([v, list]) => (Array.isArray(list) ? list.some((e) => e === v) : false))],
  ['parseInt', strings((s) => parseGoInt(s))],
  ['parseFloat', strings((s) => {
    const n = Number(s);
    if (s.trim() === '' || Number.isNaN(n)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
    return n;
  })],
  ['parseBool', strings((s) => {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
    throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
  })],
  ['parseJSON', strings((s) => JSON.parse(s) as Value)],
  ['toJSON', fixed(1, ([v]) => toJson(v))],
  ['base64Encode', strings((s) => Buffer.from(s, 'utf8').toString('base64'))],
  ['base64Decode', strings((s) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error('illegal base64 data');
    return Buffer.from(s, 'base64').toString('utf8');
  })],
  ['add', math((a, b) => a + b)],
  ['subtract', math((a, b) => a - b)],
  ['multiply', math((a, b) => a * b)],
  ['divide', math((a, b) => a / b)],
  ['modulo', math((a, b) => a % b)],
  ['timestamp', { min: 0, max: 1, call: (a, ctx) => timestamp(ctx.now(), a[0]) }],
]);

/** consul-template's `timestamp`: RFC 3339 in UTC, `"unix"` seconds, or a Go layout. */
function timestamp(now: Date, layout: Value): string {
  if (layout === undefined) return formatGoTime(now, '2006-01-02T15:04:05Z07:00');
  return str(layout) === 'unix' ? String(Math.floor(now.getTime() / 1000)) : formatGoTime(now, str(layout));
}
