import type { BinaryOpExpr, Expr, UnaryOpExpr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { add, divide, modulo, multiply, NumberOpError, subtract } from '../cty/number.js';
import { BOOL, DYNAMIC, NUMBER, type Type } from '../cty/type.js';
import { bool, equals, num, unknown, type Val } from '../cty/value.js';
import type { Diagnostic } from '../source.js';
import { errorDiag, EvalError } from './eval-error.js';
import { attempt } from './conditional.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * HCL's operators: both operands are always evaluated and converted to the operator's parameter type, then
 * the cty function behind the operator runs (so `&&` and `||` take bools only and do not short-circuit).
 */

const OPERAND_TYPE: Record<BinaryOpExpr['op'], Type> = {
  '||': BOOL,
  '&&': BOOL,
  '==': DYNAMIC,
  '!=': DYNAMIC,
  '<': NUMBER,
  '<=': NUMBER,
  '>': NUMBER,
  '>=': NUMBER,
  '+': NUMBER,
  '-': NUMBER,
  '*': NUMBER,
  '/': NUMBER,
  '%': NUMBER,
};

const RESULT_TYPE: Record<BinaryOpExpr['op'], Type> = { ...OPERAND_TYPE, '==': BOOL, '!=': BOOL, '<': BOOL, '<=': BOOL, '>': BOOL, '>=': BOOL };

function operand(v: Val, type: Type, side: string, at: Expr, diags: Diagnostic[]): Val {
  try {
    return convert(v, type);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    diags.push(errorDiag('Invalid operand', `Unsuitable value for ${side} operand: ${err.message}.`, at.range));
    return unknown(type);
  }
}

function failed(message: string, expr: Expr): never {
  throw new EvalError([errorDiag('Operation failed', `Error during operation: ${message}.`, expr.range)]);
}

export function evalBinary(expr: BinaryOpExpr, scope: Scope, evaluate: Evaluate): Val {
  const l = attempt(expr.left, scope, evaluate);
  const r = attempt(expr.right, scope, evaluate);
  const diags = [...l.diags, ...r.diags];
  const type = OPERAND_TYPE[expr.op];
  const a = operand(l.value, type, 'left', expr.left, diags);
  const b = operand(r.value, type, 'right', expr.right, diags);
  if (l.failed || r.failed || diags.length > 0) throw new EvalError(diags);
  if (expr.op === '==' || expr.op === '!=') {
    const eq = equals(a, b);
    return expr.op === '==' || !eq.isKnown ? eq : bool(!eq.bool);
  }
  if (a.isNull || b.isNull) failed('argument must not be null', expr);
  if (!a.isKnown || !b.isKnown) return unknown(RESULT_TYPE[expr.op]);
  if (expr.op === '&&') return bool(a.bool && b.bool);
  if (expr.op === '||') return bool(a.bool || b.bool);
  const x = a.num;
  const y = b.num;
  try {
    switch (expr.op) {
      case '<':
        return bool(x.cmp(y) < 0);
      case '<=':
        return bool(x.cmp(y) <= 0);
      case '>':
        return bool(x.cmp(y) > 0);
      case '>=':
        return bool(x.cmp(y) >= 0);
      case '+':
        return num(add(x, y));
      case '-':
        return num(subtract(x, y));
      case '*':
        return num(multiply(x, y));
      case '/':
        return num(divide(x, y));
      case '%':
        return num(modulo(x, y));
    }
  } catch (err) {
    if (err instanceof NumberOpError) failed(err.message, expr);
    throw err;
  }
}

export function evalUnary(expr: UnaryOpExpr, scope: Scope, evaluate: Evaluate): Val {
  const v = evaluate(expr.operand, scope);
  const type = expr.op === '!' ? BOOL : NUMBER;
  const diags: Diagnostic[] = [];
  const a = operand(v, type, 'unary', expr.operand, diags);
  if (diags.length > 0) throw new EvalError(diags);
  if (a.isNull) failed('argument must not be null', expr);
  if (!a.isKnown) return unknown(type);
  return expr.op === '!' ? bool(!a.bool) : num(a.num.neg_());
}
