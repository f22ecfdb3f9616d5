import { BigFloat, floatNumber } from '../cty/number.js';
import { friendlyName, NUMBER } from '../cty/type.js';
import { num, type Val } from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { goPow } from './go-math.js';
import { intVal, param, staticType, toInt, type FunctionSpec, type FunctionTable } from './spec.js';

/** cty's number functions (number.go). */

const numParam = param('num', NUMBER);
const numberType = staticType(NUMBER);

/** NumberFloatVal of a NaN panics in Go; the function call reports the panic. */
function fromFloat(d: number): Val {
  if (Number.isNaN(d)) throw new CallFailure('panic in function implementation: Float.SetFloat64(NaN)');
  return num(floatNumber(d));
}

function integerPart(f: BigFloat, roundUp: boolean): Val {
  if (f.isInf) return num(f);
  const i = f.toBigInt()!;
  const exact = f.isInt();
  let r = i;
  if (!exact && roundUp && !f.neg) r = i + 1n;
  if (!exact && !roundUp && f.neg) r = i - 1n;
  return num(BigFloat.fromBigInt(r, f.prec));
}

function extreme(max: boolean): FunctionSpec {
  return {
    params: [],
    varParam: param('numbers', NUMBER, { allowDynamicType: true }),
    type: numberType,
    impl: (args) => {
      if (args.length === 0) throw new CallFailure('must pass at least one number');
      let best = num(BigFloat.inf(max, 53));
      for (const a of args) if (max ? a.num.cmp(best.num) > 0 : a.num.cmp(best.num) < 0) best = a;
      return best;
    },
  };
}

/** Digit values as Go's big.Int reads them: 0-9, a-z, then A-Z (case-insensitive up to base 36). */
function digitValue(code: number, base: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return code - 65 + (base <= 36 ? 10 : 36);
  return Infinity;
}

function parseint(numberArg: Val, baseArg: Val): Val {
  let base: number;
  try {
    base = toInt(baseArg);
  } catch (e) {
    throw new ArgError(1, (e as Error).message);
  }
  if (base < 2 || base > 62) throw new ArgError(1, 'base must be a whole number between 2 and 62 inclusive');
  const text = numberArg.str;
  const failure = new ArgError(0, `cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
  const m = /^([+-]?)(.+)$/s.exec(text);
  if (!m) throw failure;
  let result = 0n;
  for (let i = 0; i < m[2]!.length; i++) {
    const d = digitValue(m[2]!.charCodeAt(i), base);
    if (d >= base) throw failure;
    result = result * BigInt(base) + BigInt(d);
  }
  return num(BigFloat.fromBigInt(m[1] === '-' ? -result : result));
}

function float(v: Val): number {
  return v.num.toFloat64();
}

export const numericFunctions: FunctionTable = {
  abs: {
    params: [param('num', NUMBER, { allowDynamicType: true })],
    type: numberType,
    impl: ([n]) => num(n!.num.abs()),
  },
  ceil: { params: [numParam], type: numberType, impl: ([n]) => integerPart(n!.num, true) },
  floor: { params: [numParam], type: numberType, impl: ([n]) => integerPart(n!.num, false) },
  log: {
    params: [numParam, param('base', NUMBER)],
    type: numberType,
    impl: ([n, b]) => fromFloat(Math.log(float(n!)) / Math.log(float(b!))),
  },
  pow: {
    params: [numParam, param('power', NUMBER)],
    type: numberType,
    impl: ([n, p]) => fromFloat(goPow(float(n!), float(p!))),
  },
  signum: {
    params: [numParam],
    type: numberType,
    impl: ([n]) => {
      const i = toInt(n!);
      return intVal(i < 0 ? -1 : i > 0 ? 1 : 0);
    },
  },
  max: extreme(true),
  min: extreme(false),
  parseint: {
    params: [param('number'), param('base', NUMBER)],
    type: ([n]) => {
      if (n!.type.kind !== 'string') throw new ArgError(0, `first argument must be a string, not ${friendlyName(n!.type)}`);
      return NUMBER;
    },
    impl: ([n, b]) => parseint(n!, b!),
  },
};

