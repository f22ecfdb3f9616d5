import { convert, ConversionError } from '../../../src/hcl/cty/convert.js';
import { fromPlain, toPlain } from '../../../src/hcl/cty/plain.js';
import { callFunction as callCty, FunctionCallError, functionSpec, paramAt, type FunctionContext } from '../../../src/hcl/functions/index.js';
import type { Value } from '../../../src/hcl/value.js';

/**
 * Calls a function the way HCL does from plain values: each argument (a literal's value: arrays are tuples,
 * objects are objects) is converted to its parameter's type, then the function runs; the result comes back
 * as a plain value.
 */
export function callFunction(name: string, args: Value[], ctx: FunctionContext): Value {
  const spec = functionSpec(name);
  if (!spec) return toPlain(callCty(name, [], ctx));
  const params = spec.params;
  if (args.length < params.length) {
    const qualifier = spec.varParam ? ' at least' : '';
    throw new FunctionCallError(
      'Not enough function arguments',
      `Function "${name}" expects${qualifier} ${params.length} argument(s). Missing value for "${params[args.length]!.name}".`,
    );
  }
  if (!spec.varParam && args.length > params.length) {
    throw new FunctionCallError('Too many function arguments', `Function "${name}" expects only ${params.length} argument(s).`);
  }
  const values = args.map((arg, i) => {
    const p = paramAt(spec, i)!;
    try {
      return convert(fromPlain(arg), p.type);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      throw new FunctionCallError('Invalid function argument', `Invalid value for "${p.name}" parameter: ${err.message}.`, i);
    }
  });
  return toPlain(callCty(name, values, ctx));
}
