import { conforms, DYNAMIC_VAL, unknown, type Val } from '../cty/value.js';
import { ConversionError } from '../cty/convert.js';
import { NumberOpError } from '../cty/number.js';
import type { Type } from '../cty/type.js';
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { ArgError, CallFailure, FunctionCallError } from './errors.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { hashFunctions } from './hash.js';
import { generalFunctions } from './general.js';
import { networkFunctions } from './network.js';
import { numericFunctions } from './numeric.js';
import { sequenceFunctions } from './sequence.js';
import { setFunctions } from './set.js';
import type { FunctionContext, FunctionSpec, Param } from './spec.js';
import { stringFunctions } from './string.js';

export { FunctionCallError } from './errors.js';
export { convertInstead } from './conversion.js';
export type { FunctionContext, FunctionSpec, Param } from './spec.js';

/**
 * Nomad's jobspec function table. `can` and `try` are not here: they need their arguments unevaluated,
 * so the evaluator provides them. `convert` is listed, but its second argument is a type expression
 * that the evaluator reads itself.
 */
const TABLE: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...stringFunctions,
    ...formatFunctions,
    ...collectionFunctions,
    ...sequenceFunctions,
    ...generalFunctions,
    ...setFunctions,
    ...numericFunctions,
    ...encodingFunctions,
    ...hashFunctions,
    ...datetimeFunctions,
    ...networkFunctions,
    ...filesystemFunctions,
    ...conversionFunctions,
  }),
);

export function hasFunction(name: string): boolean {
  return TABLE.has(name);
}

export function functionNames(): string[] {
  return [...TABLE.keys()].sort();
}

export function functionSpec(name: string): FunctionSpec | undefined {
  return TABLE.get(name);
}

/** The parameter an argument position takes. */
export function paramAt(spec: FunctionSpec, i: number): Param | undefined {
  return spec.params[i] ?? spec.varParam;
}

/**
 * cty's Function.Call on arguments already converted to their parameters' types: null and dynamic
 * arguments first, then the result type, then an unknown result for unknown arguments, then the
 * implementation. Failures are FunctionCallErrors with HCL's wording.
 */
export function callFunction(name: string, args: Val[], ctx: FunctionContext): Val {
  const spec = TABLE.get(name);
  if (!spec) throw new FunctionCallError('Call to unknown function', `There is no function named "${name}".`);
  const fail = (err: unknown): never => {
    if (err instanceof ArgError) {
      const p = paramAt(spec, err.index);
      if (p && err.index < args.length) throw new FunctionCallError('Invalid function argument', `Invalid value for "${p.name}" parameter: ${err.message}.`, err.index);
      if (p) throw new FunctionCallError('Invalid function argument', `Invalid value for "${p.name}" parameter: ${err.message}.`);
    }
    if (err instanceof ArgError || err instanceof CallFailure || err instanceof ConversionError || err instanceof NumberOpError) {
      throw new FunctionCallError('Error in function call', `Call to function "${name}" failed: ${err.message}.`);
    }
    throw err;
  };
  let retType: Type;
  try {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const p = paramAt(spec, i)!;
      if (arg.isNull && !p.allowNull) throw new ArgError(i, 'argument must not be null');
      if (arg.type.kind === 'any') {
        if (!p.allowDynamicType) return DYNAMIC_VAL;
      } else if (!conforms(arg.type, p.type)) {
        throw new ArgError(i, `${p.type.kind} required`);
      }
    }
    if (spec.fs && !ctx.allowFS) throw new CallFailure('filesystem function disabled');
    retType = spec.type(args);
  } catch (err) {
    return fail(err);
  }
  if (args.some((arg, i) => !arg.isKnown && !paramAt(spec, i)!.allowUnknown)) return unknown(retType);
  try {
    return spec.impl(args, retType, ctx);
  } catch (err) {
    return fail(err);
  }
}
