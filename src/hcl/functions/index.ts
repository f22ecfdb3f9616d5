import { convert, ConversionError } from '../types.js';
import type { Value } from '../value.js';
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { ArgError, CallFailure, FunctionCallError } from './errors.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { hashFunctions } from './hash.js';
import { mapFunctions } from './map.js';
import { networkFunctions } from './network.js';
import { numericFunctions } from './numeric.js';
import { setFunctions } from './set.js';
import type { FunctionContext, FunctionSpec, Param } from './spec.js';
import { stringFunctions } from './string.js';

export { FunctionCallError } from './errors.js';
export { convertInstead } from './conversion.js';
export type { FunctionContext } from './spec.js';

/**
 * Nomad's jobspec function table. `can` and `try` are not here: they need their arguments unevaluated,
 * so the evaluator provides them. `convert` is listed, but its second argument is a type expression
 * that the evaluator must read with parseType() and apply with types.convert().
 */
const TABLE: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...stringFunctions,
    ...formatFunctions,
    ...collectionFunctions,
    ...mapFunctions,
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

function invalidArg(p: Param, index: number, why: string): FunctionCallError {
  return new FunctionCallError('Invalid function argument', `Invalid value for "${p.name}" parameter: ${why}.`, index);
}

function checkArity(name: string, spec: FunctionSpec, count: number): void {
  const { params, varParam } = spec;
  if (count < params.length) {
    const qualifier = varParam ? ' at least' : '';
    throw new FunctionCallError(
      'Not enough function arguments',
      `Function "${name}" expects${qualifier} ${params.length} argument(s). Missing value for "${params[count]!.name}".`,
    );
  }
  if (!varParam && count > params.length) {
    throw new FunctionCallError('Too many function arguments', `Function "${name}" expects only ${params.length} argument(s).`);
  }
}

/** Calls a function the way HCL does: arity, then argument conversion, then the implementation. */
export function callFunction(name: string, args: Value[], ctx: FunctionContext): Value {
  const spec = TABLE.get(name);
  if (!spec) throw new FunctionCallError('Call to unknown function', `There is no function named "${name}".`);
  checkArity(name, spec, args.length);
  const paramAt = (i: number): Param => spec.params[i] ?? spec.varParam!;
  const converted = args.map((arg, i) => {
    const p = paramAt(i);
    if (arg === null) {
      if (!p.allowNull) throw invalidArg(p, i, 'argument must not be null');
      return null;
    }
    try {
      return convert(arg, p.type);
    } catch (e) {
      if (e instanceof ConversionError) throw invalidArg(p, i, e.message);
      throw e;
    }
  });
  if (spec.fs && !ctx.allowFS) {
    throw new FunctionCallError('Error in function call', `Call to function "${name}" failed: filesystem function "${name}" is disabled.`);
  }
  try {
    return spec.impl(converted, ctx);
  } catch (e) {
    if (e instanceof ArgError) throw invalidArg(paramAt(e.index), e.index, e.message);
    if (e instanceof CallFailure || e instanceof ConversionError) {
      throw new FunctionCallError('Error in function call', `Call to function "${name}" failed: ${e.message}.`);
    }
    throw e;
  }
}
