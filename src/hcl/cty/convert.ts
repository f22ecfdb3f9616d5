import { parseNumber, numberText } from './number.js';
import {
  BOOL,
  DYNAMIC,
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
import { mismatchMessage } from './mismatch.js';
import { unify } from './unify.js';
import { canCollect, FALSE, list, map, nullOf, object, set, str, TRUE, tuple, unknown, Val } from './value.js';

/**
 * cty's convert package: which conversions exist between two types (safe ones always; "unsafe" ones, such
 * as string to number, that can fail for some values) and converting a value. Unifying several types into one
 * that all of them convert to is in unify.ts, the messages for a missing conversion in mismatch.ts. Messages
 * are cty's.
 */

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

export type Conv = (v: Val) => Val;

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

export { BOOL, NUMBER, STRING };
