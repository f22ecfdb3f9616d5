import type { Diagnostic } from '../source.js';
import type { Expr, FunctionCallExpr } from '../syntax/ast.js';
import type { Value } from '../value.js';
import { ConversionError, convert, parseType, TypeExprError, type Type } from '../types.js';
import { callFunction, convertInstead, FunctionCallError, functionNames, hasFunction } from '../functions/index.js';
import { closestName } from '../../shared/suggest.js';
import { collectAll, diagnosticsOf, fail, rangeString } from './eval-error.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * Function calls. `try`, `can` and `convert` live here rather than in the library because they take
 * an argument unevaluated: for `try` and `can` its failure is their input, not an error; for
 * `convert` it is a type constraint.
 */
export function evalCall(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): Value {
  const fnCtx = scope.env.functions;
  if (!fnCtx) fail('Function calls not allowed', 'Functions may not be called here.', expr.range);
  if (expr.name === 'try' || expr.name === 'can') {
    if (expr.expandFinal) {
      fail(
        'Invalid expanding argument value',
        `The expanding argument (indicated by ...) can't be used with "${expr.name}", which evaluates its arguments one at a time.`,
        expr.args[expr.args.length - 1]!.range,
      );
    }
    return expr.name === 'try' ? evalTry(expr, scope, evaluate) : evalCan(expr, scope, evaluate);
  }
  if (expr.name === 'convert' && !expr.expandFinal) return evalConvert(expr, scope, evaluate);
  if (!hasFunction(expr.name)) {
    const suggestion = closestName(expr.name, [...functionNames(), 'try', 'can']);
    const instead = convertInstead(expr.name) ?? (suggestion ? `Did you mean "${suggestion}"?` : undefined);
    const hint = instead ? ` ${instead}` : '';
    fail('Call to unknown function', `There is no function named "${expr.name}".${hint}`, expr.nameRange);
  }
  const values = collectAll(expr.args.map((a) => () => evaluate(a, scope)));
  const { args, argExprs } = expandFinal(expr, values);
  try {
    return callFunction(expr.name, args, fnCtx);
  } catch (err) {
    if (err instanceof FunctionCallError) {
      const at = err.argIndex !== undefined ? argExprs[err.argIndex] : undefined;
      fail(err.summary, err.detail, (at ?? expr).range);
    }
    const message = err instanceof Error ? err.message : String(err);
    return fail('Error in function call', `Call to function "${expr.name}" failed: ${message}.`, expr.range);
  }
}

/** `convert(value, list(string))`: the second argument is a type constraint, read and never evaluated. */
function evalConvert(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): Value {
  if (expr.args.length !== 2) {
    const summary = expr.args.length < 2 ? 'Not enough function arguments' : 'Too many function arguments';
    fail(summary, 'Function "convert" expects 2 argument(s): a value and a type.', expr.range);
  }
  const [valueExpr, typeExpr] = expr.args as [Expr, Expr];
  let type: Type;
  try {
    type = parseType(typeExpr);
  } catch (err) {
    if (!(err instanceof TypeExprError)) throw err;
    return fail(err.summary, err.detail, err.range ?? typeExpr.range);
  }
  const value = evaluate(valueExpr, scope);
  try {
    return convert(value, type);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    return fail('Invalid function argument', `Invalid value for "value" parameter: ${err.message}.`, valueExpr.range);
  }
}

/** `f(a, list...)`: the list's elements become the final arguments, all pointing at `list...`. */
function expandFinal(expr: FunctionCallExpr, values: Value[]): { args: Value[]; argExprs: Expr[] } {
  if (!expr.expandFinal || values.length === 0) return { args: values, argExprs: expr.args };
  const last = values[values.length - 1]!;
  const lastExpr = expr.args[expr.args.length - 1]!;
  if (last === null) {
    fail('Invalid expanding argument value', 'The expanding argument (indicated by ...) must not be null.', lastExpr.range);
  }
  if (!Array.isArray(last)) {
    fail(
      'Invalid expanding argument value',
      'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
      lastExpr.range,
    );
  }
  return {
    args: [...values.slice(0, -1), ...last],
    argExprs: [...expr.args.slice(0, -1), ...last.map(() => lastExpr)],
  };
}

function evalTry(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): Value {
  if (expr.args.length === 0) {
    fail('Not enough function arguments', 'Function "try" expects at least one argument.', expr.range);
  }
  const failures: Diagnostic[] = [];
  for (const arg of expr.args) {
    try {
      return evaluate(arg, scope);
    } catch (err) {
      failures.push(...diagnosticsOf(err));
    }
  }
  const lines = failures.map((d) => {
    const at = d.range ? ` (at ${rangeString(d.range)})` : '';
    return `- ${d.summary}${at}${d.detail ? `\n  ${d.detail}` : ''}`;
  });
  return fail(
    'Error in function call',
    `Call to function "try" failed: no expression succeeded:\n${lines.join('\n')}\n\nAt least one expression must produce a successful result.`,
    expr.range,
  );
}

function evalCan(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): boolean {
  if (expr.args.length !== 1) {
    const summary = expr.args.length === 0 ? 'Not enough function arguments' : 'Too many function arguments';
    fail(summary, 'Function "can" expects exactly 1 argument.', expr.range);
  }
  try {
    evaluate(expr.args[0]!, scope);
    return true;
  } catch (err) {
    diagnosticsOf(err);
    return false;
  }
}
