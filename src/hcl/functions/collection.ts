import { convert, ConversionError } from '../cty/convert.js';
import { unify } from '../cty/unify.js';
import { DYNAMIC, friendlyName, listOf, mapOf, objectOf, setOf, STRING, tupleOf, typesEqual, type Type } from '../cty/type.js';
import {
  DYNAMIC_VAL,
  EMPTY_TUPLE_VAL,
  equals,
  FALSE,
  list,
  map,
  object,
  set,
  str,
  TRUE,
  tuple,
  unknown,
  type Val,
} from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { intVal, NUMBER, param, staticType, toInt, type FunctionContext, type FunctionTable } from './spec.js';

/** cty's stdlib functions over lists, tuples, sets, maps and objects (collection.go). */

function whole(v: Val, what: string, argIndex?: number): number {
  try {
    return toInt(v);
  } catch (e) {
    const message = `${what}: ${(e as Error).message}`;
    throw argIndex === undefined ? new CallFailure(message) : new ArgError(argIndex, message);
  }
}

/** Value.Index on a known list, tuple or map with a key that is present. */
function indexOf(c: Val, key: Val): Val {
  if (c.type.kind === 'map' || c.type.kind === 'object') return c.entries.get(key.str)!;
  return c.items[Number(key.num.toBigInt())]!;
}

function hasIndex(c: Val, key: Val): boolean {
  if (c.type.kind === 'map') return c.entries.has(key.str);
  const n = key.num;
  return n.isInt() && !n.isInf && n.sign >= 0 && n.toBigInt()! < BigInt(c.items.length);
}

function lengthOf(c: Val): Val {
  if (!c.isKnown) return unknown(NUMBER);
  return intVal(c.length);
}

function budget(ctx: FunctionContext, count: number): void {
  if (ctx.budget && ctx.range) ctx.budget.elements(count, ctx.range);
}

function flattener(v: Val): { out: Val[]; known: boolean } {
  if (!v.isKnown) return { out: [], known: false };
  const out: Val[] = [];
  let known = true;
  for (const item of v.items) {
    if (item.type.kind === 'any' && !item.isKnown) known = false;
    const k = item.type.kind;
    if (!item.isNull && (k === 'list' || k === 'set' || k === 'tuple')) {
      if (!item.isKnown) {
        known = false;
        continue;
      }
      const inner = flattener(item);
      if (inner.known) out.push(...inner.out);
      else known = false;
    } else {
      out.push(item);
    }
  }
  return { out, known };
}

function mergeType(args: Val[]): Type {
  if (args.length === 0) return objectOf([]);
  const attrs = new Map<string, Type>();
  let first: Type | undefined;
  let matching = true;
  let attrsKnown = true;
  for (const arg of args) {
    let t = arg.type;
    if (t.kind === 'any') return DYNAMIC;
    if (t.kind !== 'map' && t.kind !== 'object') throw new CallFailure(`arguments must be maps or objects, got ${JSON.stringify(friendlyName(t))}`);
    if (t.kind === 'object') {
      if (arg.isNull) t = objectOf([]);
      for (const a of (t as Extract<Type, { kind: 'object' }>).attributes) attrs.set(a.name, a.type);
    } else if (!arg.isNull) {
      if (arg.isKnown) for (const k of arg.entries.keys()) attrs.set(k, t.element);
      else attrsKnown = false;
    }
    if (first === undefined) first = t;
    else if (matching && !typesEqual(t, first)) matching = false;
  }
  if (matching) return first!;
  if (!attrsKnown) return DYNAMIC;
  return objectOf(attrs);
}

function setProductType(args: Val[]): Type {
  if (args.length < 2) throw new CallFailure('at least two arguments are required');
  let listCount = 0;
  const elemTypes = args.map((arg, i) => {
    const t = arg.type;
    if (t.kind === 'set') return t.element;
    if (t.kind === 'list') {
      listCount++;
      return t.element;
    }
    if (t.kind === 'tuple') {
      listCount++;
      if (t.elements.length === 0) return DYNAMIC;
      const u = unify(t.elements, true);
      if (!u) throw new ArgError(i, 'all elements must be of the same type');
      return u.type;
    }
    throw new ArgError(i, 'a set or a list is required');
  });
  return listCount === args.length ? listOf(tupleOf(elemTypes)) : setOf(tupleOf(elemTypes));
}

function setProduct(args: Val[], retType: Type, ctx: FunctionContext): Val {
  const ety = (retType as { element: Type }).element;
  if (args.some((a) => !a.isKnown)) return unknown(retType);
  const lengths = args.map((a) => a.length);
  const total = lengths.reduce((x, y) => x * y, 1);
  budget(ctx, total);
  if (total === 0) return retType.kind === 'list' ? list([], ety) : set([], ety);
  const subTypes = (ety as Extract<Type, { kind: 'tuple' }>).elements;
  const values = args.map((a) => a.items);
  const product: Val[] = [];
  const n = args.map(() => 0);
  for (let i = 0; i < total; i++) {
    product.push(tuple(n.map((k, j) => {
      const v = values[j]![k]!;
      return typesEqual(v.type, subTypes[j]!) ? v : convert(v, subTypes[j]!);
    })));
    for (let j = n.length - 1; j >= 0; j--) {
      n[j]!++;
      if (n[j]! < values[j]!.length) break;
      n[j] = 0;
    }
  }
  return retType.kind === 'list' ? list(product) : set(product);
}

function sliceIndexes(args: Val[]): { start: number; end: number } {
  const length = args[0]!.length;
  const start = whole(args[1]!, 'invalid start index', 1);
  if (start < 0) throw new ArgError(1, 'start index must not be less than zero');
  if (start > length) throw new ArgError(1, 'start index must not be greater than the length of the list');
  const end = whole(args[2]!, 'invalid end index', 2);
  if (end < 0) throw new ArgError(2, 'end index must not be less than zero');
  if (end > length) throw new ArgError(2, 'end index must not be greater than the length of the list');
  if (start > end) throw new ArgError(1, 'start index must not be greater than end index');
  return { start, end };
}

function zipmapType(args: Val[]): Type {
  const [keys, values] = args as [Val, Val];
  const vt = values.type;
  if (vt.kind === 'list') return mapOf(vt.element);
  if (vt.kind === 'tuple') {
    if (!keys.isWhollyKnown) return DYNAMIC;
    if (keys.items.length !== vt.elements.length) {
      throw new CallFailure(`number of keys (${keys.items.length}) does not match number of values (${vt.elements.length})`);
    }
    const attrs = new Map<string, Type>();
    keys.items.forEach((k, i) => {
      if (k.isNull) throw new CallFailure(`keys list has null value at index ${i}`);
      attrs.set(k.str, vt.elements[i]!);
    });
    return objectOf(attrs);
  }
  throw new CallFailure('values argument must be a list or tuple value');
}

export const collectionFunctions: FunctionTable = {
  index: {
    params: [param('collection'), param('key', DYNAMIC, { allowDynamicType: true })],
    type: ([c, key]) => {
      const t = c!.type;
      const kt = key!.type.kind;
      if (t.kind === 'tuple') {
        if (kt !== 'number' && kt !== 'any') throw new CallFailure('key for tuple must be number');
        if (!key!.isKnown) return DYNAMIC;
        const i = whole(key!, 'invalid key for tuple');
        if (i >= t.elements.length || i < 0) throw new CallFailure(`key must be between 0 and ${t.elements.length} inclusive`);
        return t.elements[i]!;
      }
      if (t.kind === 'list') {
        if (kt !== 'number' && kt !== 'any') throw new CallFailure('key for list must be number');
        return t.element;
      }
      if (t.kind === 'map') {
        if (kt !== 'string' && kt !== 'any') throw new CallFailure('key for map must be string');
        return t.element;
      }
      throw new CallFailure('collection must be a list, a map or a tuple');
    },
    impl: ([c, key]) => {
      if (!hasIndex(c!, key!)) throw new CallFailure('invalid index');
      return indexOf(c!, key!);
    },
  },
  length: {
    params: [param('collection', DYNAMIC, { allowDynamicType: true, allowUnknown: true })],
    type: ([c]) => {
      const k = c!.type.kind;
      if (!['tuple', 'list', 'map', 'set', 'any'].includes(k)) throw new CallFailure('collection must be a list, a map or a tuple');
      return NUMBER;
    },
    impl: ([c]) => lengthOf(c!),
  },
  element: {
    params: [param('list'), param('index', NUMBER)],
    type: ([l, index]) => {
      const t = l!.type;
      if (t.kind === 'list') return t.element;
      if (t.kind === 'tuple') {
        if (!index!.isKnown) return DYNAMIC;
        const i = whole(index!, 'invalid index');
        if (t.elements.length === 0) throw new CallFailure('cannot use element function with an empty list');
        const n = t.elements.length;
        return t.elements[((i % n) + n) % n]!;
      }
      throw new CallFailure(`cannot read elements from ${friendlyName(t)}`);
    },
    impl: ([l, index], retType) => {
      const i = whole(index!, 'invalid index');
      if (!l!.isKnown) return unknown(retType);
      const n = l!.items.length;
      if (n === 0) throw new CallFailure('cannot use element function with an empty list');
      return l!.items[((i % n) + n) % n]!;
    },
  },
  coalescelist: {
    params: [],
    varParam: param('vals', DYNAMIC, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
    type: (args) => {
      if (args.length === 0) throw new CallFailure('at least one argument is required');
      for (const a of args) {
        if (!a.isKnown) return DYNAMIC;
        if (a.type.kind !== 'list' && a.type.kind !== 'tuple') throw new CallFailure('coalescelist arguments must be lists or tuples');
      }
      const first = args[0]!.type;
      return args.every((a) => typesEqual(a.type, first)) ? first : DYNAMIC;
    },
    impl: (args, retType) => {
      for (const a of args) {
        if (!a.isKnown) return unknown(retType);
        if (a.isNull) continue;
        if (a.length > 0) return a;
      }
      throw new CallFailure('no non-null arguments');
    },
  },
  compact: {
    params: [param('list', listOf(STRING))],
    type: staticType(listOf(STRING)),
    impl: ([l], retType) => {
      if (!l!.isWhollyKnown) return unknown(retType);
      return list(
        l!.items.filter((v) => !v.isNull && v.str !== ''),
        STRING,
      );
    },
  },
  contains: {
    params: [param('list'), param('value', DYNAMIC, { allowNull: true })],
    type: staticType({ kind: 'bool' }),
    impl: ([l, value]) => {
      const k = l!.type.kind;
      if (k !== 'list' && k !== 'tuple' && k !== 'set') throw new CallFailure('argument must be list, tuple, or set');
      if (l!.length === 0) return FALSE;
      let sawUnknown = false;
      for (const v of l!.items) {
        const eq = equals(value!, v);
        if (!eq.isKnown) sawUnknown = true;
        else if (eq.bool) return TRUE;
      }
      return sawUnknown ? unknown({ kind: 'bool' }) : FALSE;
    },
  },
  distinct: {
    params: [param('list', listOf(DYNAMIC))],
    type: ([l]) => l!.type,
    impl: ([l], retType) => {
      if (!l!.isWhollyKnown) return unknown(retType);
      const out: Val[] = [];
      for (const v of l!.items) if (!out.some((x) => equals(x, v).v === true)) out.push(v);
      return list(out, (retType as { element: Type }).element);
    },
  },
  chunklist: {
    params: [param('list', listOf(DYNAMIC)), param('size', NUMBER)],
    type: ([l]) => listOf(l!.type),
    impl: ([l, sizeArg], _retType, ctx) => {
      const size = whole(sizeArg!, 'invalid size');
      if (size < 0) throw new CallFailure('the size argument must be positive');
      const items = l!.items;
      if (items.length === 0) return list([], l!.type);
      if (size === 0) return list([l!]);
      const out: Val[] = [];
      for (let i = 0; i < items.length; i += size) out.push(list(items.slice(i, i + size)));
      budget(ctx, out.length);
      return list(out);
    },
  },
  flatten: {
    params: [param('list')],
    type: ([l]) => {
      if (!l!.isWhollyKnown) return DYNAMIC;
      const k = l!.type.kind;
      if (k !== 'list' && k !== 'set' && k !== 'tuple') throw new CallFailure('can only flatten lists, sets and tuples');
      const { out, known } = flattener(l!);
      return known ? tupleOf(out.map((v) => v.type)) : DYNAMIC;
    },
    impl: ([l], retType, ctx) => {
      if (l!.length === 0) return EMPTY_TUPLE_VAL;
      const { out, known } = flattener(l!);
      if (!known) return unknown(retType);
      budget(ctx, out.length);
      return tuple(out);
    },
  },
  keys: {
    params: [param('inputMap', DYNAMIC, { allowUnknown: true })],
    type: ([m]) => {
      const t = m!.type;
      if (t.kind === 'map') return listOf(STRING);
      if (t.kind === 'object') return tupleOf(t.attributes.map(() => STRING));
      throw new ArgError(0, 'must have map or object type');
    },
    impl: ([m], retType) => {
      if (m!.type.kind === 'object') return tuple((m!.type as Extract<Type, { kind: 'object' }>).attributes.map((a) => str(a.name)));
      if (!m!.isKnown) return unknown(retType);
      return list([...m!.entries.keys()].map((k) => str(k)), STRING);
    },
  },
  lookup: {
    params: [param('inputMap'), param('key', STRING), param('default')],
    type: ([m, key, def]) => {
      const t = m!.type;
      if (t.kind === 'object') {
        if (!key!.isKnown) return DYNAMIC;
        const attr = t.attributes.find((a) => a.name === key!.str);
        if (attr) return attr.type;
        return def!.type;
      }
      if (t.kind === 'map') {
        try {
          convert(def!, t.element);
        } catch (err) {
          if (err instanceof ConversionError) throw new ArgError(2, 'the default value must have the same type as the map elements');
          throw err;
        }
        return t.element;
      }
      throw new ArgError(0, 'lookup() requires a map as the first argument');
    },
    impl: ([m, key, def], retType) => {
      if (!m!.isWhollyKnown) return unknown(retType);
      const found = m!.entries.get(key!.str);
      if (found !== undefined) return found;
      return convert(def!, retType);
    },
  },
  merge: {
    params: [],
    varParam: param('maps', DYNAMIC, { allowDynamicType: true, allowNull: true }),
    type: mergeType,
    impl: (args, retType) => {
      const out = new Map<string, Val>();
      for (const arg of args) {
        if (arg.isNull) continue;
        for (const [k, v] of arg.entries) {
          out.delete(k);
          out.set(k, v);
        }
      }
      if (retType.kind === 'map') return map(out, retType.element);
      return object(out);
    },
  },
  setproduct: {
    params: [],
    varParam: param('sets', DYNAMIC, { allowUnknown: true }),
    type: setProductType,
    impl: setProduct,
  },
  slice: {
    params: [param('list'), param('start_index', NUMBER), param('end_index', NUMBER)],
    type: (args) => {
      const t = args[0]!.type;
      if (t.kind === 'set') {
        throw new ArgError(0, 'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important');
      }
      if (t.kind !== 'list' && t.kind !== 'tuple') throw new ArgError(0, 'must be a list or tuple value');
      const { start, end } = sliceIndexes(args);
      if (t.kind === 'list') return t;
      return tupleOf(t.elements.slice(start, end));
    },
    impl: (args, retType) => {
      const { start, end } = sliceIndexes(args);
      const items = args[0]!.items.slice(start, end);
      if (retType.kind === 'tuple') return tuple(items);
      return list(items, (retType as { element: Type }).element);
    },
  },
  values: {
    params: [param('mapping')],
    type: ([m]) => {
      const t = m!.type;
      if (t.kind === 'map') return listOf(t.element);
      if (t.kind === 'object') return tupleOf(t.attributes.map((a) => a.type));
      throw new CallFailure('values() requires a map as the first argument');
    },
    impl: ([m], retType) => {
      const vals = [...m!.entries.values()];
      if (retType.kind === 'tuple') return tuple(vals);
      return list(vals, (retType as { element: Type }).element);
    },
  },
  zipmap: {
    params: [param('keys', listOf(STRING)), param('values')],
    type: zipmapType,
    impl: ([keys, values], retType) => {
      if (!keys!.isWhollyKnown) return unknown(retType);
      if (keys!.items.length !== values!.length) {
        throw new CallFailure(`number of keys (${keys!.items.length}) does not match number of values (${values!.length})`);
      }
      const out = new Map<string, Val>();
      keys!.items.forEach((k, i) => {
        out.delete(k.str);
        out.set(k.str, values!.items[i]!);
      });
      if (retType.kind === 'map') return map(out, retType.element);
      return object(out);
    },
  },
};

export { DYNAMIC_VAL };
