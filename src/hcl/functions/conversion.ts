import { convert, ConversionError, friendlyName, type Type } from '../types.js';
import type { Value } from '../value.js';
import { ArgError } from './errors.js';
import { ANY, BOOL, listOf, NUMBER, param, setOf, STRING, type FunctionSpec, type FunctionTable } from './spec.js';
import { typeOf } from './type-unify.js';

/** The explicit conversions tostring(), tolist() and friends, with cty's wording for their failures. */
function toFunction(want: Type): FunctionSpec {
  return {
    params: [param('v', ANY, true)],
    impl: ([v]) => {
      try {
        return convert(v!, want);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        throw new ArgError(0, explain(v!, want));
      }
    },
  };
}

function explain(v: Value, want: Type): string {
  if (typeof v === 'string' && want.kind === 'bool') {
    return `cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed`;
  }
  if (typeof v === 'string' && want.kind === 'number') {
    return `cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`;
  }
  return `cannot convert ${friendlyName(typeOf(v))} to ${friendlyName(want)}`;
}

export const conversionFunctions: FunctionTable = {
  tostring: toFunction(STRING),
  tonumber: toFunction(NUMBER),
  tobool: toFunction(BOOL),
  tolist: toFunction(listOf(ANY)),
  toset: toFunction(setOf(ANY)),
  tomap: toFunction({ kind: 'map', element: ANY }),
  // The second argument is a type expression, which only the evaluator can read: it parses it with
  // parseType() and calls types.convert() itself. Reaching this implementation means it was not.
  convert: {
    params: [param('value', ANY, true), param('type', ANY, true)],
    impl: () => {
      throw new ArgError(1, 'must be a type expression, such as list(string)');
    },
  },
};
