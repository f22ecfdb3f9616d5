import type { Expr, ObjectExpr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { parseNumber } from '../cty/number.js';
import { STRING } from '../cty/type.js';
import { bool, DYNAMIC_VAL, NULL_DYNAMIC, num, object, str, tuple, type Val } from '../cty/value.js';
import { evalCall } from './calls.js';
import { evalConditional } from './conditional.js';
import { collectAll, errorDiag, EvalError } from './eval-error.js';
import { evalFor } from './for.js';
import { evalBinary, evalUnary } from './operators.js';
import { SPLAT_ELEMENT, type Scope } from './scope.js';
import { evalSplat } from './splat.js';
import { evalTemplate } from './template.js';
import { evalReference } from './traversal.js';

/**
 * Evaluates one expression to a cty value, as HCL's hclsyntax does, or throws an EvalError carrying every
 * problem found in it. Sibling sub-expressions are all evaluated so that one run reports all their errors.
 */
export function evaluate(expr: Expr, scope: Scope): Val {
  scope.env.budget?.step(expr.range);
  switch (expr.kind) {
    case 'Literal':
      return literal(expr.value, expr.text);
    case 'Template':
      return evalTemplate(expr, scope, evaluate);
    case 'Variable':
    case 'GetAttr':
    case 'Index':
      return evalReference(expr, scope, evaluate);
    case 'Splat':
      return evalSplat(expr, scope, evaluate);
    case 'AnonSymbol': {
      const element = scope.lookup(SPLAT_ELEMENT);
      return element ?? DYNAMIC_VAL;
    }
    case 'FunctionCall':
      return evalCall(expr, scope, evaluate);
    case 'Conditional':
      return evalConditional(expr, scope, evaluate);
    case 'BinaryOp':
      return evalBinary(expr, scope, evaluate);
    case 'UnaryOp':
      return evalUnary(expr, scope, evaluate);
    case 'Tuple': {
      const items = collectAll(expr.items.map((item) => () => evaluate(item, scope)));
      scope.env.budget?.elements(items.length, expr.range);
      return tuple(items);
    }
    case 'Object':
      return evalObject(expr, scope);
    case 'For':
      return evalFor(expr, scope, evaluate);
    case 'Parens':
      return evaluate(expr.expr, scope);
  }
}

function literal(value: number | boolean | null, text: string | undefined): Val {
  if (value === null) return NULL_DYNAMIC;
  if (typeof value === 'boolean') return bool(value);
  return num(parseNumber(text ?? String(value))!);
}

function evalObject(expr: ObjectExpr, scope: Scope): Val {
  const entries = collectAll(
    expr.items.map((item) => () => {
      const [k, v] = collectAll([() => evaluate(item.key, scope), () => evaluate(item.value, scope)]) as [Val, Val];
      if (k.isNull) throw new EvalError([errorDiag('Null value as key', "Can't use a null value as a key.", item.value.range)]);
      let key: Val;
      try {
        key = convert(k, STRING);
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        throw new EvalError([errorDiag('Incorrect key type', `Can't use this value as a key: ${err.message}.`, item.key.range)]);
      }
      if (!key.isKnown) return undefined;
      return [key.str, v] as const;
    }),
  );
  if (entries.some((e) => e === undefined)) return DYNAMIC_VAL;
  scope.env.budget?.elements(entries.length, expr.range);
  return object(entries as (readonly [string, Val])[]);
}

export { str };
