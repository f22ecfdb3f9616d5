import type { Diagnostic, Range } from '../source.js';
import type { ConditionalExpr, Expr } from '../syntax/ast.js';
import { convert, ConversionError, getConversion } from '../cty/convert.js';
import { unify } from '../cty/unify.js';
import { BOOL, compareNames, DYNAMIC, friendlyName, isCollection, typesEqual, type Type } from '../cty/type.js';
import { DYNAMIC_VAL, rawEquals, NULL_DYNAMIC, unknown, type Val } from '../cty/value.js';
import { recoverable, errorDiag, EvalError } from './eval-error.js';
import type { Evaluate, Scope } from './scope.js';

interface Outcome {
  value: Val;
  diags: Diagnostic[];
  /** the expression failed (its diagnostics may have been reported elsewhere already) */
  failed: boolean;
}

/** Evaluates without throwing: a failed expression is an unknown value of unknown type, as in HCL. */
export function attempt(expr: Expr, scope: Scope, evaluate: Evaluate): Outcome {
  try {
    return { value: evaluate(expr, scope), diags: [], failed: false };
  } catch (err) {
    return { value: DYNAMIC_VAL, diags: recoverable(err), failed: true };
  }
}

/**
 * `c ? a : b` as HCL evaluates it: both results are evaluated and their types unified (a literal null takes
 * the other's type), so `true ? 1 : {}` fails and `true ? [1] : ["a"]` gives strings; only the chosen
 * result's own errors are reported.
 */
export function evalConditional(expr: ConditionalExpr, scope: Scope, evaluate: Evaluate): Val {
  return conditionalValue(
    expr.condition,
    (s) => evaluate(expr.then, s),
    (s) => evaluate(expr.else, s),
    { then: expr.then.range, else: expr.else.range },
    scope,
    evaluate,
  );
}

function attemptWith(fn: (s: Scope) => Val, scope: Scope): Outcome {
  try {
    return { value: fn(scope), diags: [], failed: false };
  } catch (err) {
    return { value: DYNAMIC_VAL, diags: recoverable(err), failed: true };
  }
}

/** A conditional over two results computed by functions (a `%{ if }` directive's are templates). */
export function conditionalValue(
  condition: Expr,
  thenFn: (s: Scope) => Val,
  elseFn: (s: Scope) => Val,
  ranges: { then: Range; else: Range },
  scope: Scope,
  evaluate: Evaluate,
): Val {
  const t = attemptWith(thenFn, scope);
  const f = attemptWith(elseFn, scope);
  let resultType: Type = DYNAMIC;
  let convs: [((v: Val) => Val) | undefined, ((v: Val) => Val) | undefined] = [undefined, undefined];
  if (rawEquals(t.value, NULL_DYNAMIC)) {
    resultType = f.value.type;
    convs = [getConversion(DYNAMIC, resultType, true), undefined];
  } else if (rawEquals(f.value, NULL_DYNAMIC)) {
    resultType = t.value.type;
    convs = [undefined, getConversion(DYNAMIC, resultType, true)];
  } else if (t.value.type.kind !== 'any' && f.value.type.kind !== 'any') {
    const unified = unify([t.value.type, f.value.type], true);
    if (!unified) {
      const detail = `The true and false result expressions must have consistent types. ${describeMismatch(t.value.type, f.value.type)}.`;
      throw new EvalError([errorDiag('Inconsistent conditional result types', detail, between(ranges.then, ranges.else))]);
    }
    resultType = unified.type;
    convs = [unified.convs[0], unified.convs[1]];
  }
  const c = attempt(condition, scope, evaluate);
  if (c.failed) throw new EvalError(c.diags);
  if (c.value.isNull) {
    throw new EvalError([errorDiag('Null condition', 'The condition value is null. Conditions must either be true or false.', condition.range)]);
  }
  if (!c.value.isKnown) return unknown(resultType);
  let cond: Val;
  try {
    cond = convert(c.value, BOOL);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    throw new EvalError([errorDiag('Incorrect condition type', 'The condition expression must be of type bool.', condition.range)]);
  }
  if (!cond.isKnown) return unknown(resultType);
  const chosen = cond.bool ? t : f;
  if (chosen.failed) throw new EvalError(chosen.diags);
  const conv = cond.bool ? convs[0] : convs[1];
  if (!conv) return chosen.value;
  try {
    return conv(chosen.value);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    const which = cond.bool ? 'true' : 'false';
    throw new EvalError([errorDiag('Inconsistent conditional result types', `The ${which} result value has the wrong type: ${err.message}.`, cond.bool ? ranges.then : ranges.else)]);
  }
}

function between(a: Range, b: Range): Range {
  return { filename: a.filename, start: a.start, end: b.end };
}

function describeMismatch(trueTy: Type, falseTy: Type): string {
  if (trueTy.kind === 'object' && falseTy.kind === 'object') {
    const trueAttrs = trueTy.attributes.map((a) => a.name).sort(compareNames);
    const falseAttrs = falseTy.attributes.map((a) => a.name).sort(compareNames);
    for (const name of trueAttrs) {
      const fa = falseTy.attributes.find((a) => a.name === name);
      if (!fa) return `The 'true' value includes object attribute ${JSON.stringify(name)}, which is absent in the 'false' value`;
      const ta = trueTy.attributes.find((a) => a.name === name)!;
      if (!typesEqual(ta.type, fa.type)) return `Type mismatch for object attribute ${JSON.stringify(name)}: ${describeMismatch(ta.type, fa.type)}`;
    }
    for (const name of falseAttrs) {
      if (!trueAttrs.includes(name)) return `The 'false' value includes object attribute ${JSON.stringify(name)}, which is absent in the 'true' value`;
    }
  } else if (trueTy.kind === 'tuple' && falseTy.kind === 'tuple') {
    if (trueTy.elements.length !== falseTy.elements.length) {
      return `The 'true' tuple has length ${trueTy.elements.length}, but the 'false' tuple has length ${falseTy.elements.length}`;
    }
    for (let i = 0; i < trueTy.elements.length; i++) {
      if (!typesEqual(trueTy.elements[i]!, falseTy.elements[i]!)) {
        return `Type mismatch for tuple element ${i}: ${describeMismatch(trueTy.elements[i]!, falseTy.elements[i]!)}`;
      }
    }
  } else if (isCollection(trueTy) && isCollection(falseTy) && trueTy.kind === falseTy.kind) {
    const te = trueTy.element;
    const fe = falseTy.element;
    if ((te.kind === 'object' && fe.kind === 'object') || (te.kind === 'tuple' && fe.kind === 'tuple')) {
      return `Mismatched ${trueTy.kind} element types: ${describeMismatch(te, fe)}`;
    }
  }
  const trueName = friendlyName(trueTy);
  const falseName = friendlyName(falseTy);
  if (trueName === falseName) {
    return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  }
  return `The 'true' value is ${trueName}, but the 'false' value is ${falseName}`;
}
