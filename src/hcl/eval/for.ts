import type { Diagnostic, Range } from '../source.js';
import type { ForExpr } from '../syntax/ast.js';
import { isObject, newObject, typeName, type Value } from '../value.js';
import { collectAll, diagnosticsOf, EvalError, fail } from './eval-error.js';
import { asBool, asString, conversionProblem, sortedKeys } from './primitives.js';
import type { Evaluate, Scope } from './scope.js';

export interface Element {
  key: Value;
  value: Value;
}

/** Lists, tuples and sets give their index as key; maps and objects their keys, sorted as cty does. */
export function elementsOf(collection: Value): Element[] | undefined {
  if (Array.isArray(collection)) return collection.map((value, key) => ({ key, value }));
  if (isObject(collection)) return sortedKeys(collection).map((key) => ({ key, value: collection[key]! }));
  return undefined;
}

/** The collection of a `for` expression or `%{ for }` directive, with HCL's messages. */
export function forElements(collection: Value, range: Range): Element[] {
  if (collection === null) {
    fail('Iteration over null value', "A null value cannot be used as the collection in a 'for' expression.", range);
  }
  const elements = elementsOf(collection);
  if (!elements) {
    fail(
      'Iteration over non-iterable value',
      `A value of type ${typeName(collection)} cannot be used as the collection in a 'for' expression.`,
      range,
    );
  }
  return elements;
}

export function bindingsFor(keyVar: string | undefined, valueVar: string, e: Element): [string, Value][] {
  const b: [string, Value][] = [[valueVar, e.value]];
  if (keyVar !== undefined) b.push([keyVar, e.key]);
  return b;
}

export function evalFor(expr: ForExpr, scope: Scope, evaluate: Evaluate): Value {
  const elements = forElements(evaluate(expr.collection, scope), expr.collection.range);
  const diags: Diagnostic[] = [];
  let failed = false;
  const tuple: Value[] = [];
  const object = new Map<string, Value[]>();
  for (const element of elements) {
    const inner = scope.child(bindingsFor(expr.keyVar, expr.valueVar, element));
    try {
      if (expr.condition && !forCondition(evaluate(expr.condition, inner), expr.condition.range)) continue;
      if (!expr.keyExpr) {
        tuple.push(evaluate(expr.valueExpr, inner));
        continue;
      }
      const keyExpr = expr.keyExpr;
      const [k, v] = collectAll([() => evaluate(keyExpr, inner), () => evaluate(expr.valueExpr, inner)]) as [Value, Value];
      if (k === null) fail('Invalid object key', "Key expression in 'for' expression must not produce a null value.", keyExpr.range);
      const problem = conversionProblem(k, 'string');
      if (problem !== undefined) fail('Invalid object key', `The key expression produced an invalid result: ${problem}.`, keyExpr.range);
      const key = asString(k)!;
      const group = object.get(key);
      if (group && !expr.group) {
        fail(
          'Duplicate object key',
          `Two different items produced the key "${key}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          keyExpr.range,
        );
      }
      if (group) group.push(v);
      else object.set(key, [v]);
    } catch (err) {
      diags.push(...diagnosticsOf(err));
      failed = true;
    }
  }
  if (failed) throw new EvalError(diags);
  if (!expr.keyExpr) return tuple;
  return newObject([...object].map(([k, vs]) => [k, expr.group ? vs : vs[0]!] as const));
}

function forCondition(v: Value, range: Range): boolean {
  if (v === null) fail('Condition is null', "The value of the 'if' clause must not be null.", range);
  const problem = conversionProblem(v, 'bool');
  if (problem !== undefined) fail("Invalid 'for' condition", `The 'if' clause value is invalid: ${problem}.`, range);
  return asBool(v)!;
}
