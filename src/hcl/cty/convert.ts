import { parseNumber, numberText } from './number.js';
import {
  BOOL,
  compareNames,
  constraintName,
  DYNAMIC,
  friendlyName,
  hasDynamic,
  isCollection,
  isPrimitive,
  listOf,
  mapOf,
  NUMBER,
  objectOf,
  setOf,
  STRING,
  tupleOf,
  typesEqual,
  withoutOptional,
  type ObjectType,
  type Type,
} from './type.js';
import { canCollect, FALSE, list, map, nullOf, object, set, str, TRUE, tuple, unknown, Val, DYNAMIC_VAL } from './value.js';

/**
 * cty's convert package: which conversions exist between two types (safe ones always; "unsafe" ones, such
 * as string to number, that can fail for some values), converting a value, and unifying several types into
 * one that all of them convert to. Messages are cty's.
 */

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

type Conv = (v: Val) => Val;

/** convert.Convert: `v` as type `want`, or a ConversionError saying why not. */
export function convert(v: Val, want: Type): Val {
  if (typesEqual(v.type, withoutOptional(want))) return v;
  const conv = getConversion(v.type, want, true);
  if (!conv) throw new ConversionError(mismatchMessage(v.type, want));
  return conv(v);
}

export function canConvert(from: Type, to: Type, unsafe = true): boolean {
  return getConversion(from, to, unsafe) !== undefined;
}

export function getConversion(from: Type, to: Type, unsafe: boolean): Conv | undefined {
  const conv = knownConversion(from, to, unsafe);
  if (!conv) return undefined;
  return (v) => {
    if (to.kind === 'any') return v;
    if (!v.isKnown) return unknown(dynamicReplace(v.type, withoutOptional(to)));
    if (v.isNull) return nullOf(dynamicReplace(v.type, withoutOptional(to)));
    return conv(v);
  };
}

function knownConversion(from: Type, to: Type, unsafe: boolean): Conv | undefined {
  if (to.kind === 'any') return (v) => v;
  if (unsafe && from.kind === 'any') {
    return (v) => convert(v, to);
  }
  if (isPrimitive(from) && isPrimitive(to)) return primitiveConversion(from, to, unsafe);
  if (to.kind === 'object' && from.kind === 'object') return objectToObject(from, to, unsafe);
  if (to.kind === 'tuple' && from.kind === 'tuple') return tupleToTuple(from, to, unsafe);
  if (to.kind === 'list' && (from.kind === 'list' || from.kind === 'set')) {
    if (typesEqual(from.element, to.element)) return collectionToList(to.element, undefined);
    const conv = getConversion(from.element, to.element, unsafe);
    return conv ? collectionToList(to.element, conv) : undefined;
  }
  if (to.kind === 'set' && (from.kind === 'list' || from.kind === 'set')) {
    if (from.kind === 'list' && !unsafe) return undefined;
    const conv = getConversion(from.element, to.element, unsafe);
    if (typesEqual(from.element, to.element)) return collectionToSet(to.element, undefined);
    return conv ? collectionToSet(to.element, conv) : undefined;
  }
  if (to.kind === 'map' && from.kind === 'map') {
    const conv = getConversion(from.element, to.element, unsafe);
    return conv ? collectionToMap(to.element, conv) : undefined;
  }
  if (to.kind === 'list' && from.kind === 'tuple') return tupleToSequence(from.elements, to.element, unsafe, 'list');
  if (to.kind === 'set' && from.kind === 'tuple') return tupleToSequence(from.elements, to.element, unsafe, 'set');
  if (to.kind === 'map' && from.kind === 'object') return objectToMap(from, to.element, unsafe);
  if (to.kind === 'object' && from.kind === 'map') return unsafe ? mapToObject(from.element, to, unsafe) : undefined;
  return undefined;
}

function primitiveConversion(from: Type, to: Type, unsafe: boolean): Conv | undefined {
  if (from.kind === to.kind) return (v) => v;
  if (to.kind === 'string' && from.kind === 'number') return (v) => str(numberText(v.num));
  if (to.kind === 'string' && from.kind === 'bool') return (v) => str(v.bool ? 'true' : 'false');
  if (!unsafe || from.kind !== 'string') return undefined;
  if (to.kind === 'number') {
    return (v) => {
      const n = parseNumber(v.str);
      if (!n) throw new ConversionError('a number is required');
      return Val.make(NUMBER, n);
    };
  }
  return (v) => {
    const s = v.str;
    if (s === 'true' || s === '1') return TRUE;
    if (s === 'false' || s === '0') return FALSE;
    const lower = goToLower(s);
    if (lower === 'true' || lower === 'false') throw new ConversionError(`a bool is required; to convert from string, use lowercase "${lower}"`);
    throw new ConversionError('a bool is required');
  };
}

function goToLower(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += [...l].length === 1 ? l : ch;
  }
  return out;
}

function nullWithoutOptional(v: Val): Val {
  return v.isNull ? nullOf(withoutOptional(v.type)) : v;
}

function collectionToList(element: Type, conv: Conv | undefined): Conv {
  return (v) => {
    const elems = v.items.map((e) => nullWithoutOptional(conv ? conv(e) : e));
    if (elems.length === 0) return list([], element.kind === 'any' ? elementOf(v.type) : withoutOptional(element));
    if (!canCollect(elems)) throw new ConversionError('element types must all match for conversion to list');
    return list(elems);
  };
}

function collectionToSet(element: Type, conv: Conv | undefined): Conv {
  return (v) => {
    const elems = v.items.map((e) => nullWithoutOptional(conv ? conv(e) : e));
    if (elems.length === 0) return set([], element.kind === 'any' ? elementOf(v.type) : withoutOptional(element));
    if (!canCollect(elems)) throw new ConversionError('element types must all match for conversion to set');
    return set(elems);
  };
}

function elementOf(t: Type): Type {
  return isCollection(t) ? t.element : DYNAMIC;
}

function collectionToMap(element: Type, conv: Conv): Conv {
  return (v) => {
    let elems = new Map<string, Val>();
    for (const [k, e] of v.entries) elems.set(k, conv(e));
    if (elems.size === 0) return map([], element.kind === 'any' ? elementOf(v.type) : withoutOptional(element));
    if (isCollection(element) || element.kind === 'object') elems = unifyElements(elems, false);
    if (!canCollect([...elems.values()])) throw new ConversionError('element types must all match for conversion to map');
    return map(elems);
  };
}

function tupleToSequence(elementTypes: Type[], target: Type, unsafe: boolean, kind: 'list' | 'set'): Conv | undefined {
  if (elementTypes.length === 0) {
    const empty = withoutOptional(target);
    return () => (kind === 'list' ? list([], empty) : set([], empty));
  }
  let element = target;
  if (element.kind === 'any') {
    const unified = unify(elementTypes, unsafe);
    if (!unified) return undefined;
    element = unified.type;
    if (element.kind === 'any' && !elementTypes.every((t) => t.kind === 'any')) return undefined;
  }
  const convs: (Conv | undefined)[] = [];
  for (const t of elementTypes) {
    if (typesEqual(t, element)) {
      convs.push(undefined);
      continue;
    }
    const conv = getConversion(t, element, unsafe);
    if (!conv) return undefined;
    convs.push(conv);
  }
  return (v) => {
    if (kind === 'set') {
      const elems = v.items.map((e, i) => nullWithoutOptional(convs[i] ? convs[i]!(e) : e));
      if (!canCollect(elems)) throw new ConversionError('element types must all match for conversion to set');
      return set(elems);
    }
    const elems = unifyList(v.items.map((e, i) => (convs[i] ? convs[i]!(e) : e)), unsafe);
    if (!canCollect(elems)) throw new ConversionError('element types must all match for conversion to list');
    return list(elems);
  };
}

function objectToMap(from: ObjectType, target: Type, unsafe: boolean): Conv | undefined {
  if (from.attributes.length === 0) {
    const empty = withoutOptional(target);
    return () => map([], empty);
  }
  let element = target;
  if (element.kind === 'any') {
    const unified = unify(
      from.attributes.map((a) => a.type),
      unsafe,
    );
    if (!unified) return undefined;
    element = unified.type;
  }
  const convs = new Map<string, Conv>();
  for (const a of from.attributes) {
    if (typesEqual(a.type, element)) continue;
    const conv = getConversion(a.type, element, unsafe);
    if (!conv) return undefined;
    convs.set(a.name, conv);
  }
  return (v) => {
    let elems = new Map<string, Val>();
    for (const [k, e] of v.entries) {
      const conv = convs.get(k);
      elems.set(k, conv ? conv(e) : e);
    }
    if (isCollection(element) || element.kind === 'object') elems = unifyElements(elems, unsafe);
    if (!canCollect([...elems.values()])) throw new ConversionError('attribute types must all match for conversion to map');
    return map(elems);
  };
}

function mapToObject(element: Type, to: ObjectType, unsafe: boolean): Conv | undefined {
  const convs = new Map<string, Conv | undefined>();
  for (const a of to.attributes) {
    if (typesEqual(a.type, element)) {
      convs.set(a.name, undefined);
      continue;
    }
    const conv = getConversion(element, a.type, unsafe);
    if (!conv) {
      if (a.optional && unsafe) continue;
      return undefined;
    }
    convs.set(a.name, conv);
  }
  return (v) => {
    const out = new Map<string, Val>();
    for (const [k, e] of v.entries) {
      const attr = to.attributes.find((a) => a.name === k);
      if (!attr) continue;
      let value = e;
      if (convs.has(k)) {
        const conv = convs.get(k);
        if (conv) value = conv(e);
      } else {
        throw new ConversionError(`map element type is incompatible with attribute ${JSON.stringify(k)}: ${mismatchMessage(e.type, attr.type)}`);
      }
      out.set(k, nullWithoutOptional(value));
    }
    for (const a of to.attributes) {
      if (out.has(a.name)) continue;
      if (!a.optional) throw new ConversionError(`map has no element for required attribute ${JSON.stringify(a.name)}`);
      out.set(a.name, nullOf(a.type));
    }
    return object(out);
  };
}

function objectToObject(from: ObjectType, to: ObjectType, unsafe: boolean): Conv | undefined {
  const convs = new Map<string, Conv | undefined>();
  for (const a of to.attributes) {
    const inAttr = from.attributes.find((x) => x.name === a.name);
    if (!inAttr) {
      if (a.optional) continue;
      return undefined;
    }
    if (typesEqual(inAttr.type, a.type)) {
      convs.set(a.name, undefined);
      continue;
    }
    const conv = getConversion(inAttr.type, a.type, unsafe);
    if (!conv) return undefined;
    convs.set(a.name, conv);
  }
  return (v) => {
    const out = new Map<string, Val>();
    for (const [k, e] of v.entries) {
      if (!convs.has(k)) continue;
      const conv = convs.get(k);
      out.set(k, nullWithoutOptional(conv ? conv(e) : e));
    }
    for (const a of to.attributes) if (a.optional && !out.has(a.name)) out.set(a.name, nullOf(withoutOptional(a.type)));
    return object(out);
  };
}

function tupleToTuple(from: Extract<Type, { kind: 'tuple' }>, to: Extract<Type, { kind: 'tuple' }>, unsafe: boolean): Conv | undefined {
  if (from.elements.length !== to.elements.length) return undefined;
  const convs: (Conv | undefined)[] = [];
  for (let i = 0; i < to.elements.length; i++) {
    if (typesEqual(from.elements[i]!, to.elements[i]!)) {
      convs.push(undefined);
      continue;
    }
    const conv = getConversion(from.elements[i]!, to.elements[i]!, unsafe);
    if (!conv) return undefined;
    convs.push(conv);
  }
  return (v) => tuple(v.items.map((e, i) => (convs[i] ? convs[i]!(e) : e)));
}

function unifyElements(elems: Map<string, Val>, unsafe: boolean): Map<string, Val> {
  const unified = unify(
    [...elems.values()].map((e) => e.type),
    unsafe,
  );
  if (!unified) throw new ConversionError('cannot find a common base type for all elements');
  const out = new Map<string, Val>();
  for (const [k, e] of elems) {
    if (typesEqual(e.type, unified.type)) out.set(k, e);
    else out.set(k, getConversion(e.type, unified.type, unsafe)!(e));
  }
  return out;
}

function unifyList(elems: Val[], unsafe: boolean): Val[] {
  const unified = unify(
    elems.map((e) => e.type),
    unsafe,
  );
  if (!unified) throw new ConversionError('cannot find a common base type for all elements');
  return elems.map((e) => (typesEqual(e.type, unified.type) ? e : getConversion(e.type, unified.type, unsafe)!(e)));
}

/** How the target type is filled in for a null or unknown value (dynamicReplace). */
function dynamicReplace(from: Type, to: Type): Type {
  if (from.kind === 'any') return to;
  switch (to.kind) {
    case 'any':
      return from;
    case 'string':
    case 'number':
    case 'bool':
      return to;
    case 'map':
      if (from.kind === 'map') return mapOf(dynamicReplace(from.element, to.element));
      if (from.kind === 'object') return mapOf(dynamicReplace(unify(from.attributes.map((a) => a.type), true)?.type ?? DYNAMIC, to.element));
      return to;
    case 'object': {
      const attrs: [string, Type][] = [];
      for (const a of to.attributes) {
        if (from.kind === 'map') attrs.push([a.name, dynamicReplace(from.element, a.type)]);
        else if (from.kind === 'object') {
          const f = from.attributes.find((x) => x.name === a.name);
          attrs.push([a.name, f ? dynamicReplace(f.type, a.type) : a.type]);
        }
      }
      return objectOf(attrs);
    }
    case 'set':
    case 'list': {
      const ctor = to.kind === 'set' ? setOf : listOf;
      if (from.kind === 'set' || from.kind === 'list') return ctor(dynamicReplace(from.element, to.element));
      if (from.kind === 'tuple') return ctor(dynamicReplace(unify(from.elements, true)?.type ?? DYNAMIC, to.element));
      return to;
    }
    case 'tuple':
      return tupleOf(to.elements.map((t, i) => dynamicReplace(from.kind === 'tuple' ? from.elements[i] ?? DYNAMIC : DYNAMIC, t)));
  }
}

export interface Unified {
  type: Type;
  /** one per input type; undefined where that type is the result already */
  convs: (Conv | undefined)[];
}

/** convert.Unify / UnifyUnsafe: the one type every given type converts to, with the conversions. */
export function unify(types: readonly Type[], unsafe: boolean): Unified | undefined {
  if (types.length === 0) return undefined;
  const count = (k: Type['kind']) => types.filter((t) => t.kind === k).length;
  const maps = count('map');
  const lists = count('list');
  const sets = count('set');
  const objects = count('object');
  const tuples = count('tuple');
  const dynamics = count('any');
  const n = types.length;
  if (maps > 0 && maps + dynamics === n) return unifyCollections('map', types, unsafe, dynamics > 0);
  if (maps > 0 && maps + objects + dynamics === n) {
    const u = unifyStructuralAs('map', types, unsafe);
    if (u) return u;
  } else if (lists > 0 && lists + dynamics === n) return unifyCollections('list', types, unsafe, dynamics > 0);
  else if (lists > 0 && lists + tuples + dynamics === n) {
    const u = unifyStructuralAs('list', types, unsafe);
    if (u) return u;
  } else if (sets > 0 && sets + dynamics === n) return unifyCollections('set', types, unsafe, dynamics > 0);
  else if (objects > 0 && objects + dynamics === n) return unifyObjects(types, unsafe, dynamics > 0);
  else if (tuples > 0 && tuples + dynamics === n) return unifyTuples(types, unsafe, dynamics > 0);
  else if (objects > 0 && tuples > 0) return undefined;

  for (const wantIndex of sortTypes(types)) {
    const want = types[wantIndex]!;
    const convs: (Conv | undefined)[] = [];
    let ok = true;
    for (let i = 0; i < n; i++) {
      if (i === wantIndex || typesEqual(types[i]!, want)) {
        convs.push(undefined);
        continue;
      }
      const conv = getConversion(types[i]!, want, unsafe);
      if (!conv) {
        ok = false;
        break;
      }
      convs.push(conv);
    }
    if (ok) return { type: want, convs };
  }
  return undefined;
}

/** Converting every type to `target`, or undefined if one cannot be. */
function convsTo(types: readonly Type[], target: Type, unsafe: boolean): (Conv | undefined)[] | undefined {
  const convs: (Conv | undefined)[] = [];
  for (const t of types) {
    if (typesEqual(t, target)) {
      convs.push(undefined);
      continue;
    }
    const conv = getConversion(t, target, unsafe);
    if (!conv) return undefined;
    convs.push(conv);
  }
  return convs;
}

const ALL_DYNAMIC = (types: readonly Type[]): Unified => ({ type: DYNAMIC, convs: types.map(() => () => DYNAMIC_VAL) });

function unifyCollections(kind: 'map' | 'list' | 'set', types: readonly Type[], unsafe: boolean, hasDynamicType: boolean): Unified | undefined {
  if (hasDynamicType) return ALL_DYNAMIC(types);
  const element = unify(
    types.map((t) => (t as { element: Type }).element),
    unsafe,
  );
  if (!element) return undefined;
  const target: Type = { kind, element: element.type };
  const convs = convsTo(types, target, unsafe);
  return convs ? { type: target, convs } : undefined;
}

/** unifyObjectsAsMaps / unifyTuplesAsList: the structural types become the collection first. */
function unifyStructuralAs(kind: 'map' | 'list', types: readonly Type[], unsafe: boolean): Unified | undefined {
  const structural = kind === 'map' ? 'object' : 'tuple';
  const indexes = types.flatMap((t, i) => (t.kind === structural ? [i] : []));
  const inner = kind === 'map' ? unifyObjectsToMap(indexes.map((i) => types[i]!), unsafe) : unifyTuplesToList(indexes.map((i) => types[i]!), unsafe);
  if (!inner || inner.type.kind !== kind) return undefined;
  const replaced = types.map((t, i) => (indexes.includes(i) ? inner.type : t));
  const outer = unify(replaced, unsafe);
  if (!outer || outer.type.kind !== kind) return undefined;
  const convs = outer.convs.map((conv, i) => {
    const k = indexes.indexOf(i);
    if (k < 0) return conv;
    const first = inner.convs[k];
    if (!conv) return first;
    // cty applies the second conversion to the original value, as written.
    return (v: Val) => {
      if (first) first(v);
      return conv(v);
    };
  });
  return { type: outer.type, convs };
}

function unifyObjects(types: readonly Type[], unsafe: boolean, hasDynamicType: boolean): Unified | undefined {
  if (hasDynamicType) return ALL_DYNAMIC(types);
  const objs = types as ObjectType[];
  const first = objs[0]!.attributes.map((a) => a.name);
  for (const o of objs.slice(1)) {
    if (o.attributes.length !== first.length || !o.attributes.every((a) => first.includes(a.name))) return unifyObjectsToMap(types, unsafe);
  }
  const attrs: [string, Type][] = [];
  for (const name of first) {
    const u = unify(
      objs.map((o) => o.attributes.find((a) => a.name === name)!.type),
      unsafe,
    );
    if (!u) return undefined;
    attrs.push([name, u.type]);
  }
  const target = objectOf(attrs);
  const convs = convsTo(types, target, unsafe);
  return convs ? { type: target, convs } : unifyObjectsToMap(types, unsafe);
}

function unifyObjectsToMap(types: readonly Type[], unsafe: boolean): Unified | undefined {
  const attrTypes = (types as ObjectType[]).flatMap((o) => o.attributes.map((a) => a.type));
  const element = unify(attrTypes, unsafe);
  if (!element) return undefined;
  const target = mapOf(element.type);
  const convs = convsTo(types, target, unsafe);
  return convs ? { type: target, convs } : undefined;
}

function unifyTuples(types: readonly Type[], unsafe: boolean, hasDynamicType: boolean): Unified | undefined {
  if (hasDynamicType) return ALL_DYNAMIC(types);
  const tuples = types as Extract<Type, { kind: 'tuple' }>[];
  const len = tuples[0]!.elements.length;
  if (tuples.some((t) => t.elements.length !== len)) return unifyTuplesToList(types, unsafe);
  const elements: Type[] = [];
  for (let i = 0; i < len; i++) {
    const u = unify(
      tuples.map((t) => t.elements[i]!),
      unsafe,
    );
    if (!u) return undefined;
    elements.push(u.type);
  }
  const target = tupleOf(elements);
  const convs = convsTo(types, target, unsafe);
  return convs ? { type: target, convs } : unifyTuplesToList(types, unsafe);
}

function unifyTuplesToList(types: readonly Type[], unsafe: boolean): Unified | undefined {
  const elementTypes = (types as Extract<Type, { kind: 'tuple' }>[]).flatMap((t) => t.elements);
  const element = unify(elementTypes, unsafe);
  if (!element) return undefined;
  const target = listOf(element.type);
  const convs = convsTo(types, target, unsafe);
  return convs ? { type: target, convs } : undefined;
}

/** sortTypes: the candidates in order of preference (the most general first), by a topological sort. */
function sortTypes(types: readonly Type[]): number[] {
  const n = types.length;
  const edges: number[][] = types.map(() => []);
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = compareTypes(types[i]!, types[j]!);
      if (c < 0) edges[i]!.push(j);
      else if (c > 0) edges[j]!.push(i);
    }
  }
  const inDegree = new Array<number>(n).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDegree[i] === 0) queue.push(i);
  const result: number[] = [];
  while (queue.length > 0) {
    const i = queue.shift()!;
    result.push(i);
    for (const j of edges[i]!) {
      inDegree[j]!--;
      if (inDegree[j] === 0) queue.push(j);
    }
  }
  return result;
}

function compareTypes(a0: Type, b0: Type): number {
  let a = a0;
  let b = b0;
  if (a.kind === 'any' || b.kind === 'any') {
    if (a.kind !== 'any') return -1;
    if (b.kind !== 'any') return 1;
    return 0;
  }
  if (isPrimitive(a) && isPrimitive(b) && (a.kind === 'string' || b.kind === 'string')) {
    if (a.kind !== 'string') return 1;
    if (b.kind !== 'string') return -1;
    return 0;
  }
  if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'set' && b.kind === 'set') || (a.kind === 'map' && b.kind === 'map')) {
    return compareTypes(a.element, (b as { element: Type }).element);
  }
  let swap = 1;
  if (
    (a.kind === 'tuple' && b.kind === 'list') ||
    (a.kind === 'object' && b.kind === 'map') ||
    (a.kind === 'set' && b.kind === 'tuple') ||
    (a.kind === 'set' && b.kind === 'list')
  ) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.kind === 'set' && (a.kind === 'tuple' || a.kind === 'list')) return -1 * swap;
  if (a.kind === 'list' && b.kind === 'tuple') return -1 * swap;
  if (a.kind === 'map' && b.kind === 'object') return -1 * swap;
  const pairs: [Type, Type][] | undefined =
    a.kind === 'object' && b.kind === 'object'
      ? a.attributes.length === b.attributes.length && a.attributes.every((x) => b.attributes.some((y) => y.name === x.name))
        ? a.attributes.map((x) => [x.type, (b as ObjectType).attributes.find((y) => y.name === x.name)!.type])
        : undefined
      : a.kind === 'tuple' && b.kind === 'tuple' && a.elements.length === b.elements.length
        ? a.elements.map((x, i) => [x, (b as Extract<Type, { kind: 'tuple' }>).elements[i]!])
        : undefined;
  if (!pairs) return 0;
  let aSuper = false;
  let bSuper = false;
  for (const [x, y] of pairs) {
    const c = compareTypes(x, y);
    if (c < 0) aSuper = true;
    else if (c > 0) bSuper = true;
  }
  if (aSuper && bSuper) return 0;
  if (aSuper) return -1 * swap;
  if (bSuper) return swap;
  return 0;
}

/** convert.MismatchMessage: why `got` does not convert to `want`, as cty says it. */
export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === 'object' && want.kind === 'object') return mismatchObjects(got, want);
  if (got.kind === 'tuple' && want.kind === 'list' && want.element.kind === 'any') return 'all list elements must have the same type';
  if (got.kind === 'tuple' && want.kind === 'set' && want.element.kind === 'any') return 'all set elements must have the same type';
  if (got.kind === 'object' && want.kind === 'map' && want.element.kind === 'any') return 'all map elements must have the same type';
  if ((got.kind === 'tuple' || got.kind === 'object') && isCollection(want)) return mismatchFromStructural(got, want);
  if (isCollection(got) && isCollection(want)) return mismatchFromCollections(got, want);
  if (!likelyToConfuse(got, want)) return `${friendlyName(want)} required, but have ${friendlyName(got)}`;
  return `${constraintName(want)} required`;
}

function mismatchObjects(got: ObjectType, want: ObjectType): string {
  const missing: string[] = [];
  let unsafeMismatch = '';
  let safeMismatch = '';
  for (const a of want.attributes) {
    const g = got.attributes.find((x) => x.name === a.name);
    if (!g) {
      if (!a.optional) missing.push(a.name);
      continue;
    }
    if (typesEqual(g.type, a.type) || unsafeMismatch) continue;
    if (!getConversion(g.type, a.type, true)) unsafeMismatch = `attribute ${JSON.stringify(a.name)}: ${mismatchMessage(g.type, a.type)}`;
    if (safeMismatch) continue;
    if (!getConversion(g.type, a.type, false)) safeMismatch = `attribute ${JSON.stringify(a.name)}: ${mismatchMessage(g.type, a.type)}`;
  }
  if (missing.length > 0) {
    missing.sort(compareNames);
    const q = missing.map((m) => JSON.stringify(m));
    if (q.length === 1) return `attribute ${q[0]} is required`;
    if (q.length === 2) return `attributes ${q[0]} and ${q[1]} are required`;
    return `attributes ${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]} are required`;
  }
  return unsafeMismatch || safeMismatch || 'incorrect object attributes';
}

function mismatchFromStructural(got: Type, want: Extract<Type, { kind: 'list' | 'set' | 'map' }>): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind !== 'tuple') return `${constraintName(want)} required`;
  if (want.kind === 'map' && got.kind !== 'object') return `${constraintName(want)} required`;
  const wantElement = want.element;
  if (got.kind === 'tuple') {
    for (let i = 0; i < got.elements.length; i++) {
      const g = got.elements[i]!;
      if (typesEqual(g, wantElement) || getConversion(g, wantElement, true)) continue;
      return `element ${i}: ${mismatchMessage(g, wantElement)}`;
    }
    return `all elements must be ${constraintName(wantElement)}`;
  }
  if (got.kind === 'object') {
    for (const a of got.attributes) {
      if (typesEqual(a.type, wantElement) || getConversion(a.type, wantElement, true)) continue;
      return `element ${JSON.stringify(a.name)}: ${mismatchMessage(a.type, wantElement)}`;
    }
    return `all elements must be ${constraintName(wantElement)}`;
  }
  return `${constraintName(want)} required`;
}

function mismatchFromCollections(got: Extract<Type, { kind: 'list' | 'set' | 'map' }>, want: Extract<Type, { kind: 'list' | 'set' | 'map' }>): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind === 'map') return `${constraintName(want)} required`;
  if (want.kind === 'map' && got.kind !== 'map') return `${constraintName(want)} required`;
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.element, want.element)}`;
}

function likelyToConfuse(got: Type, want: Type): boolean {
  if (isPrimitive(got) !== isPrimitive(want)) return false;
  if (want.kind === 'string') return false;
  if ((want.kind === 'bool' && got.kind === 'number') || (got.kind === 'bool' && want.kind === 'number')) return false;
  if (isCollection(got) && isCollection(want) && !hasDynamic(got.element) && hasDynamic(want.element)) return false;
  if (got.kind === 'tuple' && want.kind === 'object') return false;
  return true;
}

export { BOOL, NUMBER, STRING };
