import type { ObjectAttribute, Type } from '../types.js';
import type { Value } from '../value.js';

/**
 * Type inference and unification for untyped JS values. Values do not remember whether an array was a
 * list or a tuple, so conversions to `list(any)`, `map(any)` and friends (and functions such as
 * `coalesce` or `setunion`) first infer a structural type and then look for one type every part fits.
 */

export const ANY: Type = { kind: 'any' };
export const STRING: Type = { kind: 'string' };
export const NUMBER: Type = { kind: 'number' };
export const BOOL: Type = { kind: 'bool' };

/** The structural type of a value: arrays are tuples, objects are objects, null fits anything. */
export function typeOf(v: Value): Type {
  if (v === null) return ANY;
  if (typeof v === 'string') return STRING;
  if (typeof v === 'number') return NUMBER;
  if (typeof v === 'boolean') return BOOL;
  if (Array.isArray(v)) return { kind: 'tuple', elements: v.map(typeOf) };
  return {
    kind: 'object',
    attributes: Object.keys(v).map((name) => ({ name, type: typeOf(v[name] ?? null), optional: false })),
  };
}

export function typesEqual(a: Type, b: Type): boolean {
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return b.kind === a.kind && typesEqual(a.element, b.element);
    case 'tuple':
      return b.kind === 'tuple' && a.elements.length === b.elements.length && a.elements.every((t, i) => typesEqual(t, b.elements[i]!));
    case 'object': {
      if (b.kind !== 'object' || a.attributes.length !== b.attributes.length) return false;
      return a.attributes.every((attr) => {
        const other = b.attributes.find((x) => x.name === attr.name);
        return other !== undefined && typesEqual(attr.type, other.type);
      });
    }
    default:
      return a.kind === b.kind;
  }
}

/**
 * The one type all of `types` convert to, following cty's unification: null (any) fits everything,
 * string absorbs number and bool, objects with differing attributes become a map, tuples of differing
 * lengths become a list. Undefined when there is none.
 */
export function unify(types: readonly Type[]): Type | undefined {
  const known = types.filter((t) => t.kind !== 'any');
  if (known.length === 0) return ANY;
  const first = known[0]!;
  if (known.every((t) => typesEqual(t, first))) return first;
  if (known.every(isPrimitive)) {
    return known.some((t) => t.kind === 'string') ? STRING : undefined;
  }
  if (known.every((t) => t.kind === 'object')) return unifyObjects(known as ObjectType[]);
  if (known.every((t) => t.kind === 'tuple')) return unifyTuples(known as TupleType[]);
  if (known.every((t) => t.kind === first.kind && 'element' in t)) {
    const element = unify(known.map((t) => (t as { element: Type }).element));
    return element ? ({ kind: first.kind, element } as Type) : undefined;
  }
  return undefined;
}

type ObjectType = Extract<Type, { kind: 'object' }>;
type TupleType = Extract<Type, { kind: 'tuple' }>;

function isPrimitive(t: Type): boolean {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}

function unifyObjects(objs: ObjectType[]): Type | undefined {
  const names = objs[0]!.attributes.map((a) => a.name).sort();
  const sameNames = objs.every((o) => {
    const theirs = o.attributes.map((a) => a.name).sort();
    return theirs.length === names.length && theirs.every((n, i) => n === names[i]);
  });
  if (sameNames) {
    const attributes: ObjectAttribute[] = [];
    for (const name of names) {
      const t = unify(objs.map((o) => o.attributes.find((a) => a.name === name)!.type));
      if (!t) return undefined;
      attributes.push({ name, type: t, optional: false });
    }
    return { kind: 'object', attributes };
  }
  const element = unify(objs.flatMap((o) => o.attributes.map((a) => a.type)));
  return element ? { kind: 'map', element } : undefined;
}

function unifyTuples(tuples: TupleType[]): Type | undefined {
  const len = tuples[0]!.elements.length;
  if (tuples.every((t) => t.elements.length === len)) {
    const elements: Type[] = [];
    for (let i = 0; i < len; i++) {
      const t = unify(tuples.map((tu) => tu.elements[i]!));
      if (!t) return undefined;
      elements.push(t);
    }
    return { kind: 'tuple', elements };
  }
  const element = unify(tuples.flatMap((t) => t.elements));
  return element ? { kind: 'list', element } : undefined;
}
