import { BigFloat } from './bigfloat.js';
import { formatBigFloat } from './decimal.js';
import { numbersEqual } from './number.js';
import {
  BOOL,
  compareNames,
  DYNAMIC,
  hasDynamic,
  isPrimitive,
  NUMBER,
  objectOf,
  STRING,
  tupleOf,
  typesEqual,
  type ObjectType,
  type Type,
} from './type.js';

/**
 * A cty value: a type and a payload. The payload is a string (NFC), a boolean, a BigFloat, the elements of
 * a list, set or tuple (a set's in cty's iteration order, without duplicates), or the entries of a map or
 * object (sorted by key); `null` for a null value, `undefined` for an unknown one. Values never change.
 */
export class Val {
  private constructor(
    readonly type: Type,
    readonly v: string | boolean | BigFloat | readonly Val[] | ReadonlyMap<string, Val> | null | undefined,
  ) {}

  static make(type: Type, v: Val['v']): Val {
    return new Val(type, v);
  }

  get isNull(): boolean {
    return this.v === null;
  }

  get isKnown(): boolean {
    return this.v !== undefined;
  }

  /** IsWhollyKnown: known, and every nested value known too. */
  get isWhollyKnown(): boolean {
    if (this.v === undefined) return false;
    if (this.v === null || typeof this.v !== 'object' || this.v instanceof BigFloat) return true;
    for (const e of this.elementValues()) if (!e.isWhollyKnown) return false;
    return true;
  }

  get str(): string {
    return this.v as string;
  }

  get bool(): boolean {
    return this.v as boolean;
  }

  get num(): BigFloat {
    return this.v as BigFloat;
  }

  /** Elements of a list, set or tuple. */
  get items(): readonly Val[] {
    return this.v as readonly Val[];
  }

  /** Entries of a map or object, sorted by key. */
  get entries(): ReadonlyMap<string, Val> {
    return this.v as ReadonlyMap<string, Val>;
  }

  elementValues(): Val[] {
    if (Array.isArray(this.v)) return [...(this.v as readonly Val[])];
    if (this.v instanceof Map) return [...(this.v as ReadonlyMap<string, Val>).values()];
    return [];
  }

  /** LengthInt of a known collection or structure. */
  get length(): number {
    if (Array.isArray(this.v)) return (this.v as readonly Val[]).length;
    return (this.v as ReadonlyMap<string, Val>).size;
  }
}

export const DYNAMIC_VAL = Val.make(DYNAMIC, undefined);
export const NULL_DYNAMIC = Val.make(DYNAMIC, null);
export const TRUE = Val.make(BOOL, true);
export const FALSE = Val.make(BOOL, false);
export const EMPTY_TUPLE_VAL = Val.make(tupleOf([]), []);

export function unknown(type: Type): Val {
  return type.kind === 'any' ? DYNAMIC_VAL : Val.make(type, undefined);
}

export function nullOf(type: Type): Val {
  return type.kind === 'any' ? NULL_DYNAMIC : Val.make(type, null);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** cty.StringVal: strings are kept in Unicode normal form C. */
export function str(s: string): Val {
  return Val.make(STRING, NON_ASCII.test(s) ? s.normalize('NFC') : s);
}

export function normalize(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

export function bool(b: boolean): Val {
  return b ? TRUE : FALSE;
}

export function num(n: BigFloat): Val {
  return Val.make(NUMBER, n);
}

export function tuple(items: readonly Val[]): Val {
  return Val.make(tupleOf(items.map((v) => v.type)), [...items]);
}

export function object(entries: Iterable<readonly [string, Val]>): Val {
  const sorted = [...normalizedEntries(entries)].sort((a, b) => compareNames(a[0], b[0]));
  return Val.make(objectOf(sorted.map(([k, v]) => [k, v.type] as const)), new Map(sorted));
}

function* normalizedEntries(entries: Iterable<readonly [string, Val]>): Iterable<[string, Val]> {
  const seen = new Map<string, Val>();
  for (const [k, v] of entries) seen.set(normalize(k), v);
  yield* seen;
}

/** The element type ListVal and friends infer: the first that is not `any`. */
function commonElementType(items: readonly Val[]): Type {
  let t: Type = DYNAMIC;
  for (const item of items) {
    if (t.kind === 'any') t = item.type;
    else if (item.type.kind !== 'any' && !typesEqual(t, item.type)) throw new Error('inconsistent collection element types');
  }
  return t;
}

/** Whether ListVal / SetVal / MapVal would accept these elements (all of one type, `any` aside). */
export function canCollect(items: readonly Val[]): boolean {
  let t: Type = DYNAMIC;
  for (const item of items) {
    if (t.kind === 'any') t = item.type;
    else if (item.type.kind !== 'any' && !typesEqual(t, item.type)) return false;
  }
  return true;
}

export function list(items: readonly Val[], elementType?: Type): Val {
  const element = items.length === 0 ? elementType ?? DYNAMIC : commonElementType(items);
  return Val.make({ kind: 'list', element }, [...items]);
}

export function map(entries: Iterable<readonly [string, Val]>, elementType?: Type): Val {
  const sorted = [...normalizedEntries(entries)].sort((a, b) => compareNames(a[0], b[0]));
  const element = sorted.length === 0 ? elementType ?? DYNAMIC : commonElementType(sorted.map((e) => e[1]));
  return Val.make({ kind: 'map', element }, new Map(sorted));
}

/** cty.SetVal: duplicates dropped (cty's Equals), ordered as cty iterates a set. */
export function set(items: readonly Val[], elementType?: Type): Val {
  const element = items.length === 0 ? elementType ?? DYNAMIC : commonElementType(items);
  return Val.make({ kind: 'set', element }, setOrder(items, element));
}

interface SetEntry {
  value: Val;
  hash: string;
  bucket: number;
  seq: number;
}

function setOrder(items: readonly Val[], element: Type): Val[] {
  const entries: SetEntry[] = [];
  const byHash = new Map<string, SetEntry[]>();
  for (const value of items) {
    const hash = hashString(value);
    const same = byHash.get(hash) ?? [];
    if (same.some((e) => equivalent(e.value, value))) continue;
    const entry = { value, hash, bucket: crc32(hash), seq: entries.length };
    same.push(entry);
    byHash.set(hash, same);
    entries.push(entry);
  }
  // Buckets in hash order, each in insertion order; then a stable sort by cty's ordering rules.
  entries.sort((a, b) => a.bucket - b.bucket || a.seq - b.seq);
  entries.sort((a, b) => (setLess(a, b, element) ? -1 : setLess(b, a, element) ? 1 : 0));
  return entries.map((e) => e.value);
}

/** setRules.Equivalent: Equals is known and true. */
function equivalent(a: Val, b: Val): boolean {
  const eq = equals(Val.make(a.type, a.v), Val.make(a.type, b.v));
  return eq.v === true;
}

function setLess(x: SetEntry, y: SetEntry, element: Type): boolean {
  const a = x.value;
  const b = y.value;
  if (rawEquals(a, b)) return false;
  if (b.isNull && !a.isNull) return true;
  if (a.isNull) return false;
  if (a.isKnown && !b.isKnown) return true;
  if (!a.isKnown) return false;
  switch (element.kind) {
    case 'string':
      return compareNames(a.str, b.str) < 0;
    case 'bool':
      return b.bool || !a.bool;
    case 'number':
      return a.num.cmp(b.num) < 0;
    default:
      return compareNames(x.hash, y.hash) < 0;
  }
}

/** The text cty hashes a set element by (makeSetHashBytes). */
export function hashString(v: Val): string {
  if (!v.isKnown) return '?';
  if (v.isNull) return '~';
  const t = v.type;
  switch (t.kind) {
    case 'number':
      return formatBigFloat(v.num, 'g', 10);
    case 'bool':
      return v.bool ? 'T' : 'F';
    case 'string':
      return goQuote(v.str);
    case 'map':
      return '{' + [...v.entries].map(([k, e]) => `${goQuote(k)}:${hashString(e)};`).join('') + '}';
    case 'list':
    case 'set':
      return '[' + v.items.map((e) => hashString(e) + ';').join('') + ']';
    case 'object':
      return '<' + [...v.entries.values()].map((e) => hashString(e) + ';').join('') + '>';
    case 'tuple':
      return '<' + v.items.map((e) => hashString(e) + ';').join('') + '>';
    default:
      return '?';
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x80 && c >= 0x20 && c !== 0x7f) out += ch;
    else if (c >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

let crcTable: Uint32Array | undefined;

function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of Buffer.from(s, 'utf8')) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * cty's Value.Equals: a bool, unknown when either side is unknown or has `any` in its type where the types
 * could still agree. Different types are never equal (`1 == "1"` is false); nulls equal only nulls.
 */
export function equals(a: Val, b: Val): Val {
  if (a.isNull && b.isKnown && !b.isNull) return FALSE;
  if (b.isNull && a.isKnown && !a.isNull) return FALSE;
  if (!a.isKnown || !b.isKnown) {
    if (!a.isKnown && !b.isKnown) return unknown(BOOL);
    const [known, other] = a.isKnown ? [a, b] : [b, a];
    if (known.isNull || hasDynamic(other.type)) return unknown(BOOL);
    return typesEqual(known.type, other.type) ? unknown(BOOL) : FALSE;
  }
  if (a.isNull && b.isNull) return TRUE;
  if (a.isNull || b.isNull) return FALSE;
  if (!hasWhollyKnownType(a) || !hasWhollyKnownType(b)) {
    if (!conforms(a.type, b.type) && !conforms(b.type, a.type)) return FALSE;
    return unknown(BOOL);
  }
  if (!typesEqual(a.type, b.type)) return FALSE;
  const t = a.type;
  switch (t.kind) {
    case 'number':
      return bool(numbersEqual(a.num, b.num));
    case 'bool':
    case 'string':
      return bool(a.v === b.v);
    case 'object':
    case 'map': {
      if (a.entries.size !== b.entries.size) return FALSE;
      for (const [k, av] of a.entries) {
        const bv = b.entries.get(k);
        if (bv === undefined) return FALSE;
        const eq = equals(av, bv);
        if (!eq.isKnown) return unknown(BOOL);
        if (eq.v === false) return FALSE;
      }
      return TRUE;
    }
    case 'tuple':
    case 'list': {
      if (a.items.length !== b.items.length) return FALSE;
      for (let i = 0; i < a.items.length; i++) {
        const eq = equals(a.items[i]!, b.items[i]!);
        if (!eq.isKnown) return unknown(BOOL);
        if (eq.v === false) return FALSE;
      }
      return TRUE;
    }
    case 'set': {
      const has = (s: Val, x: Val) => s.items.some((y) => hashString(y) === hashString(x) && equivalent(y, x));
      for (const x of a.items) if (!x.isKnown) return unknown(BOOL);
      for (const x of b.items) if (!x.isKnown) return unknown(BOOL);
      return bool(a.items.every((x) => has(b, x)) && b.items.every((x) => has(a, x)));
    }
    default:
      return TRUE;
  }
}

/** HasWhollyKnownType: no unknown value of unknown type anywhere inside (a null counts as known). */
function hasWhollyKnownType(v: Val): boolean {
  if (v.isNull) return true;
  if (!v.isKnown) return !hasDynamic(v.type);
  if (Array.isArray(v.v) || v.v instanceof Map) return v.elementValues().every(hasWhollyKnownType);
  return true;
}

/** Type.TestConformance: whether `given` fits `want`, `any` in `want` matching anything. */
export function conforms(given: Type, want: Type): boolean {
  if (want.kind === 'any') return true;
  switch (want.kind) {
    case 'list':
    case 'set':
    case 'map':
      return given.kind === want.kind && conforms(given.element, want.element);
    case 'tuple':
      return given.kind === 'tuple' && given.elements.length === want.elements.length && given.elements.every((t, i) => conforms(t, want.elements[i]!));
    case 'object':
      return (
        given.kind === 'object' &&
        given.attributes.length === want.attributes.length &&
        want.attributes.every((a) => {
          const g = given.attributes.find((x) => x.name === a.name);
          return g !== undefined && conforms(g.type, a.type);
        })
      );
    default:
      return given.kind === want.kind;
  }
}

/** cty's RawEquals: same type, same payload, unknowns equal to unknowns. */
export function rawEquals(a: Val, b: Val): boolean {
  if (!typesEqual(a.type, b.type)) return false;
  if (!a.isKnown || !b.isKnown) return !a.isKnown && !b.isKnown;
  if (a.isNull || b.isNull) return a.isNull && b.isNull;
  const t = a.type;
  if (isPrimitive(t) || t.kind === 'any') return equals(a, b).v === true;
  if (t.kind === 'object' || t.kind === 'map') {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, av] of a.entries) {
      const bv = b.entries.get(k);
      if (bv === undefined || !rawEquals(av, bv)) return false;
    }
    return true;
  }
  if (a.items.length !== b.items.length) return false;
  return a.items.every((x, i) => rawEquals(x, b.items[i]!));
}

export function attr(o: Val, name: string): Val | undefined {
  return o.entries.get(name);
}

export function objectAttrType(t: ObjectType, name: string): Type | undefined {
  return t.attributes.find((a) => a.name === name)?.type;
}
