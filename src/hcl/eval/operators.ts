import type { BinaryOpExpr, Expr, UnaryOpExpr } from '../syntax/ast.js';
import type { Value } from '../value.js';
import { collectAll, errorDiag, EvalError, fail } from './eval-error.js';
import { asBool, asNumber, conversionProblem, valuesEqual } from './primitives.js';
import type { Evaluate, Scope } from './scope.js';

/** HCL's operators: operands are converted to the operator's type first, with HCL's own messages. */

type Side = 'left' | 'right' | 'unary';

function operand(v: Value, kind: 'number' | 'bool', side: Side, expr: BinaryOpExpr | UnaryOpExpr, at: Expr): Value {
  if (v === null) fail('Operation failed', 'Error during operation: argument must not be null.', expr.range);
  const problem = conversionProblem(v, kind);
  if (problem !== undefined) fail('Invalid operand', `Unsuitable value for ${side} operand: ${problem}.`, at.range);
  return v;
}

const num = (v: Value, side: Side, expr: BinaryOpExpr | UnaryOpExpr, at: Expr): number => asNumber(operand(v, 'number', side, expr, at))!;
const bool = (v: Value, side: Side, expr: BinaryOpExpr | UnaryOpExpr, at: Expr): boolean => asBool(operand(v, 'bool', side, expr, at))!;

export function evalBinary(expr: BinaryOpExpr, scope: Scope, evaluate: Evaluate): Value {
  if (expr.op === '&&' || expr.op === '||') return evalLogical(expr, scope, evaluate);
  const [l, r] = collectAll([() => evaluate(expr.left, scope), () => evaluate(expr.right, scope)]) as [Value, Value];
  if (expr.op === '==') return valuesEqual(l, r);
  if (expr.op === '!=') return !valuesEqual(l, r);
  const [a, b] = collectAll([
    () => num(l, 'left', expr, expr.left),
    () => num(r, 'right', expr, expr.right),
  ]) as [number, number];
  switch (expr.op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) fail('Operation failed', "Error during operation: can't divide by zero.", expr.range);
      return a / b;
    case '%':
      if (b === 0) fail('Operation failed', "Error during operation: can't use modulo by zero.", expr.range);
      return a % b;
  }
}

/** `&&` and `||` stop at a left operand that decides the result, so `x != null && x.y` is safe. */
function evalLogical(expr: BinaryOpExpr, scope: Scope, evaluate: Evaluate): boolean {
  const left = bool(evaluate(expr.left, scope), 'left', expr, expr.left);
  if (expr.op === '&&' ? !left : left) return left;
  return bool(evaluate(expr.right, scope), 'right', expr, expr.right);
}

export function evalUnary(expr: UnaryOpExpr, scope: Scope, evaluate: Evaluate): Value {
  const v = evaluate(expr.operand, scope);
  if (expr.op === '!') return !bool(v, 'unary', expr, expr.operand);
  return -num(v, 'unary', expr, expr.operand);
}

/** A condition (`?:`, `%{ if }`): HCL's wording for null and non-bool results. */
export function condition(v: Value, at: Expr): boolean {
  if (v === null) {
    throw new EvalError([errorDiag('Null condition', 'The condition value is null. Conditions must either be true or false.', at.range)]);
  }
  const b = asBool(v);
  if (b === undefined) fail('Incorrect condition type', 'The condition expression must be of type bool.', at.range);
  return b;
}
