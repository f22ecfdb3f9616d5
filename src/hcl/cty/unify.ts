import { getConversion, type Conv } from './convert.js';
import { DYNAMIC, isPrimitive, listOf, mapOf, objectOf, tupleOf, typesEqual, type ObjectType, type Type } from './type.js';
import { DYNAMIC_VAL, type Val } from './value.js';

// cty's convert.Unify: the one type several types all convert to (conditionals, collection literals, `for`).

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
