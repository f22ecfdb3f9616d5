import type { Diagnostic, Range } from '../source.js';
import type { Expr, ForExpr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { intNumber } from '../cty/number.js';
import { BOOL, friendlyName, STRING } from '../cty/type.js';
import { DYNAMIC_VAL, num, object, str, tuple, type Val } from '../cty/value.js';
import { errorDiag, EvalError, Problems } from './eval-error.js';
import { attempt } from './conditional.js';
import type { Evaluate, Scope } from './scope.js';

export interface Element {
  key: Val;
  value: Val;
}

/**
 * cty's ElementIterator: lists and tuples give their index as key, sets the element itself, maps and
 * objects their keys in order. Undefined for a value that cannot be iterated.
 */
export function elementsOf(collection: Val): Element[] | undefined {
  const t = collection.type;
  switch (t.kind) {
    case 'list':
    case 'tuple':
      return collection.items.map((value, i) => ({ key: num(intNumber(i)), value }));
    case 'set':
      return collection.items.map((value) => ({ key: value, value }));
    case 'map':
    case 'object':
      return [...collection.entries].map(([k, value]) => ({ key: str(k), value }));
    default:
      return undefined;
  }
}

export function canIterate(v: Val): boolean {
  return ['list', 'tuple', 'set', 'map', 'object'].includes(v.type.kind);
}

export function bindingsFor(keyVar: string | undefined, valueVar: string, key: Val, value: Val): [string, Val][] {
  const b: [string, Val][] = [[valueVar, value]];
  if (keyVar !== undefined) b.push([keyVar, key]);
  return b;
}

interface Iteration {
  elements: Element[];
}

/** The collection of a `for` expression or `%{ for }` directive; undefined when it is not known yet. */
function iteration(collectionExpr: Expr, scope: Scope, evaluate: Evaluate): Iteration | undefined {
  const collection = evaluate(collectionExpr, scope);
  const range = collectionExpr.range;
  if (collection.isNull) fail('Iteration over null value', "A null value cannot be used as the collection in a 'for' expression.", range);
  if (collection.type.kind === 'any') return undefined;
  if (!canIterate(collection)) {
    fail(
      'Iteration over non-iterable value',
      `A value of type ${friendlyName(collection.type)} cannot be used as the collection in a 'for' expression.`,
      range,
    );
  }
  if (!collection.isKnown) return undefined;
  return { elements: elementsOf(collection)! };
}

function fail(summary: string, detail: string, range: Range): never {
  throw new EvalError([errorDiag(summary, detail, range)]);
}

/** A `%{ for }` directive's results, one per element; undefined when not known. */
export function forValues(
  collectionExpr: Expr,
  keyVar: string | undefined,
  valueVar: string,
  body: (inner: Scope) => Val,
  scope: Scope,
  evaluate: Evaluate,
): Val[] | undefined {
  const it = iteration(collectionExpr, scope, evaluate);
  if (!it) return undefined;
  const problems = new Problems();
  const out: Val[] = [];
  for (const e of it.elements) {
    try {
      out.push(body(scope.child(bindingsFor(keyVar, valueVar, e.key, e.value))));
    } catch (err) {
      problems.add(err);
      out.push(DYNAMIC_VAL);
    }
  }
  problems.throwIfAny();
  return out;
}

export function evalFor(expr: ForExpr, scope: Scope, evaluate: Evaluate): Val {
  const it = iteration(expr.collection, scope, evaluate);
  if (!it) return DYNAMIC_VAL;
  if (expr.condition) precheckCondition(expr, expr.condition, scope, evaluate);
  const diags: Diagnostic[] = [];
  let failed = false;
  let known = true;
  const tupleItems: Val[] = [];
  const groups = new Map<string, Val[]>();
  const keyRange = expr.keyExpr?.range;
  for (const e of it.elements) {
    const inner = scope.child(bindingsFor(expr.keyVar, expr.valueVar, e.key, e.value));
    if (expr.condition) {
      const c = attempt(expr.condition, inner, evaluate);
      diags.push(...c.diags);
      failed ||= c.failed;
      if (c.value.isNull) {
        if (known) diags.push(errorDiag("Invalid 'for' condition", "The value of the 'if' clause must not be null.", expr.condition.range));
        known = false;
        continue;
      }
      let include: Val;
      try {
        include = convert(c.value, BOOL);
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        if (known) diags.push(errorDiag("Invalid 'for' condition", `The 'if' clause value is invalid: ${err.message}.`, expr.condition.range));
        known = false;
        continue;
      }
      if (!include.isKnown) {
        known = false;
        continue;
      }
      if (!include.bool) continue;
    }
    if (!expr.keyExpr) {
      const v = attempt(expr.valueExpr, inner, evaluate);
      diags.push(...v.diags);
      failed ||= v.failed;
      tupleItems.push(v.value);
      continue;
    }
    const k = attempt(expr.keyExpr, inner, evaluate);
    diags.push(...k.diags);
    failed ||= k.failed;
    if (k.value.isNull) {
      if (known) diags.push(errorDiag('Invalid object key', "Key expression in 'for' expression must not produce a null value.", keyRange));
      known = false;
      continue;
    }
    if (!k.value.isKnown) {
      known = false;
      continue;
    }
    let key: string;
    try {
      key = convert(k.value, STRING).str;
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      if (known) diags.push(errorDiag('Invalid object key', `The key expression produced an invalid result: ${err.message}.`, keyRange));
      known = false;
      continue;
    }
    const v = attempt(expr.valueExpr, inner, evaluate);
    diags.push(...v.diags);
    failed ||= v.failed;
    const group = groups.get(key);
    if (group && !expr.group) {
      diags.push(
        errorDiag(
          'Duplicate object key',
          `Two different items produced the key ${JSON.stringify(key)} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          keyRange,
        ),
      );
    } else if (group) {
      group.push(v.value);
    } else {
      groups.set(key, [v.value]);
    }
  }
  if (failed || diags.length > 0) throw new EvalError(diags);
  if (!known) return DYNAMIC_VAL;
  if (!expr.keyExpr) {
    scope.env.budget?.elements(tupleItems.length, expr.range);
    return tuple(tupleItems);
  }
  scope.env.budget?.elements(groups.size, expr.range);
  return object([...groups].map(([k, vs]) => [k, expr.group ? tuple(vs) : vs[0]!] as const));
}

/** HCL checks the `if` clause once with unknown key and value, so a clause of the wrong type fails even for no elements. */
function precheckCondition(expr: ForExpr, condition: Expr, scope: Scope, evaluate: Evaluate): void {
  const probe = scope.child(bindingsFor(expr.keyVar, expr.valueVar, DYNAMIC_VAL, DYNAMIC_VAL));
  const c = attempt(condition, probe, evaluate);
  if (c.value.isNull) {
    throw new EvalError([...c.diags, errorDiag('Condition is null', "The value of the 'if' clause must not be null.", condition.range)]);
  }
  try {
    convert(c.value, BOOL);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    throw new EvalError([...c.diags, errorDiag("Invalid 'for' condition", `The 'if' clause value is invalid: ${err.message}.`, condition.range)]);
  }
  if (c.failed) throw new EvalError(c.diags);
}
