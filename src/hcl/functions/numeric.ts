import { friendlyName } from '../types.js';
import type { Value } from '../value.js';
import { ArgError, CallFailure } from './errors.js';
import { ANY, NUMBER, param, wholeNumber, type FunctionSpec, type FunctionTable } from './spec.js';
import { typeOf } from './type-unify.js';

const num = param('num', NUMBER);

function unary(fn: (n: number) => number): FunctionSpec {
  return { params: [num], impl: ([n]) => fn(n as number) };
}

function extreme(pick: (a: number, b: number) => number): FunctionSpec {
  return {
    params: [],
    varParam: param('numbers', NUMBER),
    impl: (args) => {
      if (args.length === 0) throw new CallFailure('must pass at least one number');
      return (args as number[]).reduce(pick);
    },
  };
}

/** Digit values as Go's big.Int reads them: 0-9, a-z, then A-Z (case-insensitive up to base 36). */
function digitValue(c: string, base: number): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return code - 65 + (base <= 36 ? 10 : 36);
  return Infinity;
}

function parseint(numberArg: Value, baseArg: number): number {
  if (typeof numberArg !== 'string') {
    throw new ArgError(0, `first argument must be a string, not ${friendlyName(typeOf(numberArg))}`);
  }
  let base: number;
  try {
    base = wholeNumber(baseArg);
  } catch (e) {
    throw new ArgError(1, (e as Error).message);
  }
  if (base < 2 || base > 62) throw new ArgError(1, 'base must be a whole number between 2 and 62 inclusive');
  const failure = new ArgError(0, `cannot parse ${JSON.stringify(numberArg)} as a base ${base} integer`);
  const m = /^([+-]?)(.+)$/s.exec(numberArg);
  if (!m) throw failure;
  let result = 0n;
  for (const c of m[2]!) {
    const d = digitValue(c, base);
    if (d >= base) throw failure;
    result = result * BigInt(base) + BigInt(d);
  }
  return Number(m[1] === '-' ? -result : result);
}

function signum(n: number): number {
  const whole = wholeNumber(n);
  return whole < 0 ? -1 : whole > 0 ? 1 : 0;
}

export const numericFunctions: FunctionTable = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary(signum),
  log: { params: [num, param('base', NUMBER)], impl: ([n, b]) => Math.log(n as number) / Math.log(b as number) },
  pow: { params: [num, param('power', NUMBER)], impl: ([n, p]) => Math.pow(n as number, p as number) },
  max: extreme((a, b) => Math.max(a, b)),
  min: extreme((a, b) => Math.min(a, b)),
  parseint: {
    params: [param('number', ANY), param('base', NUMBER)],
    impl: ([n, b]) => parseint(n!, b as number),
  },
};
