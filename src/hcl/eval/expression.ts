import type { ConditionalExpr, Expr, ObjectExpr, SplatExpr } from '../syntax/ast.js';
import { newObject, type Value } from '../value.js';
import { evalCall } from './calls.js';
import { collectAll, fail } from './eval-error.js';
import { evalFor } from './for.js';
import { condition, evalBinary, evalUnary } from './operators.js';
import { asString, conversionProblem } from './primitives.js';
import { SPLAT_ELEMENT, type Scope } from './scope.js';
import { evalTemplate } from './template.js';
import { evalReference } from './traversal.js';

/**
 * Evaluates one expression to a value, or throws an EvalError carrying every problem found in it.
 * Sibling sub-expressions are all evaluated so that one run reports all their errors.
 */
export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'Literal':
      return expr.value;
    case 'Template':
      return evalTemplate(expr, scope, evaluate);
    case 'Variable':
    case 'GetAttr':
    case 'Index':
      return evalReference(expr, scope, evaluate);
    case 'Splat':
      return evalSplat(expr, scope);
    case 'AnonSymbol': {
      const element = scope.lookup(SPLAT_ELEMENT);
      if (element === undefined) throw new Error('splat element used outside a splat');
      return element;
    }
    case 'FunctionCall':
      return evalCall(expr, scope, evaluate);
    case 'Conditional':
      return evalConditional(expr, scope);
    case 'BinaryOp':
      return evalBinary(expr, scope, evaluate);
    case 'UnaryOp':
      return evalUnary(expr, scope, evaluate);
    case 'Tuple':
      return collectAll(expr.items.map((item) => () => evaluate(item, scope)));
    case 'Object':
      return evalObject(expr, scope);
    case 'For':
      return evalFor(expr, scope, evaluate);
    case 'Parens':
      return evaluate(expr.expr, scope);
  }
}

/** Only the chosen branch is evaluated; the branches need not have compatible types. */
function evalConditional(expr: ConditionalExpr, scope: Scope): Value {
  const chosen = condition(evaluate(expr.condition, scope), expr.condition) ? expr.then : expr.else;
  return evaluate(chosen, scope);
}

function evalObject(expr: ObjectExpr, scope: Scope): Value {
  const entries = collectAll(
    expr.items.map((item) => () => {
      const [k, v] = collectAll([() => evaluate(item.key, scope), () => evaluate(item.value, scope)]) as [Value, Value];
      if (k === null) fail('Null value as key', "Can't use a null value as a key.", item.key.range);
      const problem = conversionProblem(k, 'string');
      if (problem !== undefined) fail('Incorrect key type', `Can't use this value as a key: ${problem}.`, item.key.range);
      return [asString(k)!, v] as const;
    }),
  );
  return newObject(entries);
}

/** A null source gives an empty tuple; a single non-list value is treated as a one-element list. */
function evalSplat(expr: SplatExpr, scope: Scope): Value {
  const source = evaluate(expr.source, scope);
  if (source === null) return [];
  const elements = Array.isArray(source) ? source : [source];
  return collectAll(elements.map((element) => () => evaluate(expr.each, scope.child([[SPLAT_ELEMENT, element]]))));
}
