import { convert, friendlyName } from '../types.js';
import { isObject, newObject, type Value } from '../value.js';
import { ArgError, CallFailure } from './errors.js';
import { ANY, listOf, param, sortedKeys, STRING, type FunctionTable } from './spec.js';
import { typeOf, unify } from './type-unify.js';

/** Maps and objects, plus the coalescing functions. */

function keys(m: Value): Value {
  if (!isObject(m)) throw new ArgError(0, 'must have map or object type');
  return sortedKeys(m);
}

function values(m: Value): Value {
  if (!isObject(m)) throw new CallFailure('values() requires a map as the first argument');
  return sortedKeys(m).map((k) => m[k]!);
}

function lookup(args: Value[]): Value {
  const [m, key, ...defaults] = args as [Value, string, ...Value[]];
  if (defaults.length > 1) throw new CallFailure(`lookup() takes two or three arguments, got ${args.length}`);
  if (!isObject(m)) throw new ArgError(0, 'lookup() requires a map as the first argument');
  if (key in m) return m[key]!;
  if (defaults.length === 1) return defaults[0]!;
  throw new CallFailure(`lookup failed to find key ${JSON.stringify(key)}`);
}

function merge(maps: Value[]): Value {
  let allNull = true;
  const out = newObject();
  for (const m of maps) {
    if (m === null) continue;
    if (!isObject(m)) throw new CallFailure(`arguments must be maps or objects, got ${JSON.stringify(friendlyName(typeOf(m)))}`);
    allNull = false;
    for (const k of Object.keys(m)) out[k] = m[k]!;
  }
  return allNull && maps.length > 0 ? null : out;
}

function zipmap(keyList: Value[], vals: Value): Value {
  if (!Array.isArray(vals)) throw new CallFailure('values argument must be a list or tuple value');
  if (keyList.length !== vals.length) {
    throw new CallFailure(`number of keys (${keyList.length}) does not match number of values (${vals.length})`);
  }
  const out = newObject();
  keyList.forEach((k, i) => {
    if (k === null) throw new CallFailure(`keys list has null value at index ${i}`);
    out[k as string] = vals[i]!;
  });
  return out;
}

/** First non-null argument, after converting all of them to their common type (nulls only are skipped). */
function coalesce(vals: Value[]): Value {
  const common = unify(vals.map(typeOf));
  if (!common) throw new CallFailure('all arguments must have the same type');
  for (const v of vals) if (v !== null) return convert(v, common);
  throw new CallFailure('no non-null arguments');
}

function coalescelist(vals: Value[]): Value {
  if (vals.length === 0) throw new CallFailure('at least one argument is required');
  if (vals.some((v) => v !== null && !Array.isArray(v))) throw new CallFailure('coalescelist arguments must be lists or tuples');
  for (const v of vals) if (Array.isArray(v) && v.length > 0) return v;
  throw new CallFailure('no non-null arguments');
}

export const mapFunctions: FunctionTable = {
  keys: { params: [param('inputMap', ANY)], impl: ([m]) => keys(m!) },
  values: { params: [param('values', ANY)], impl: ([m]) => values(m!) },
  lookup: { params: [param('inputMap', ANY), param('key', STRING)], varParam: param('default', ANY, true), impl: lookup },
  merge: { params: [], varParam: param('maps', ANY, true), impl: merge },
  zipmap: {
    params: [param('keys', listOf(STRING)), param('values', ANY)],
    impl: ([k, v]) => zipmap(k as Value[], v!),
  },
  coalesce: { params: [], varParam: param('vals', ANY, true), impl: coalesce },
  coalescelist: { params: [], varParam: param('vals', ANY, true), impl: coalescelist },
};
