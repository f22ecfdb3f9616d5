import type { Range } from '../source.js';
import type { Expr, GetAttrExpr, IndexExpr, VariableExpr } from '../syntax/ast.js';
import { isObject, typeName, type Value } from '../value.js';
import { collectAll, fail } from './eval-error.js';
import { asNumber, asString, conversionProblem } from './primitives.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * Name lookups and the attribute/index steps after them. A chain of `.name`, `[<literal>]` and
 * legacy `.0` steps from a bare name is one traversal, as in HCL: it is resolved as a whole, which
 * is what lets an unknown root such as `attr.kernel.name` be kept verbatim for the client.
 */

type Step = { name: string; node: GetAttrExpr } | { key: Value; node: IndexExpr };

interface Traversal {
  root: VariableExpr;
  steps: Step[];
}

function staticTraversal(expr: Expr): Traversal | undefined {
  const steps: Step[] = [];
  for (let e = expr; ; ) {
    if (e.kind === 'Variable') return { root: e, steps: steps.reverse() };
    if (e.kind === 'GetAttr') {
      steps.push({ name: e.name, node: e });
      e = e.object;
    } else if (e.kind === 'Index') {
      const key = literalKey(e.key);
      if (key === undefined) return undefined;
      steps.push({ key, node: e });
      e = e.object;
    } else {
      return undefined;
    }
  }
}

/** The root name of a static traversal and the name its first step selects (`var.x` → var, x). */
export function referenceOf(expr: Expr): { root: VariableExpr; member?: string; range: Range } | undefined {
  const t = staticTraversal(expr);
  if (!t) return undefined;
  const first = t.steps[0];
  const member = first === undefined ? undefined : 'name' in first ? first.name : asString(first.key);
  return { root: t.root, member, range: expr.range };
}

/** The value of a key that is written as a constant (`0`, `"PATH"`), else undefined. */
export function literalKey(e: Expr): Value | undefined {
  if (e.kind === 'Literal') return e.value;
  if (e.kind !== 'Template') return undefined;
  let text = '';
  for (const part of e.parts) {
    if (part.kind !== 'TemplateLiteral') return undefined;
    text += part.value;
  }
  return text;
}

export function evalReference(expr: VariableExpr | GetAttrExpr | IndexExpr, scope: Scope, evaluate: Evaluate): Value {
  const t = staticTraversal(expr);
  if (t) return resolveTraversal(t, expr, scope);
  if (expr.kind === 'Index') {
    const [object, key] = collectAll([() => evaluate(expr.object, scope), () => evaluate(expr.key, scope)]);
    return index(object!, key!, expr.range);
  }
  if (expr.kind === 'GetAttr') return getAttr(evaluate(expr.object, scope), expr.name, expr.range);
  throw new Error('a bare name is always a traversal');
}

function resolveTraversal(t: Traversal, whole: Expr, scope: Scope): Value {
  const { root, steps } = t;
  const bound = scope.lookup(root.name);
  if (bound !== undefined) return applySteps(bound, steps);
  const ns = scope.env.roots.get(root.name);
  if (ns) {
    const [first, ...rest] = steps;
    if (!first) return ns.whole(root.range);
    const name = 'name' in first ? first.name : asString(first.key);
    if (name === undefined) {
      fail('Invalid index', 'The given key does not identify an element in this collection value: string required.', first.node.range);
    }
    return applySteps(ns.member(name, first.node.range), rest);
  }
  const source = scope.env.runtimeSource;
  if (source !== undefined) {
    // The client interpolates these at run time, so the reference is kept exactly as written.
    return '${' + source.slice(root.range.start.offset, whole.range.end.offset) + '}';
  }
  if (scope.env.roots.size > 0) fail('Unknown variable', `There is no variable named "${root.name}".`, root.range);
  return fail('Variables not allowed', 'Variables may not be used here.', root.range);
}

function applySteps(start: Value, steps: readonly Step[]): Value {
  let v = start;
  for (const step of steps) v = 'name' in step ? getAttr(v, step.name, step.node.range) : index(v, step.key, step.node.range);
  return v;
}

export function getAttr(object: Value, name: string, range: Range): Value {
  if (object === null) {
    fail('Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.', range);
  }
  if (isObject(object)) {
    if (Object.prototype.hasOwnProperty.call(object, name)) return object[name]!;
    fail('Unsupported attribute', `This object does not have an attribute named "${name}".`, range);
  }
  if (Array.isArray(object)) {
    fail(
      'Unsupported attribute',
      `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list?`,
      range,
    );
  }
  return fail('Unsupported attribute', `Can't access attributes on a primitive-typed value (${typeName(object)}).`, range);
}

export function index(collection: Value, key: Value, range: Range): Value {
  const notFound = (why?: string): never =>
    fail('Invalid index', `The given key does not identify an element in this collection value${why ? `: ${why}` : ''}.`, range);
  if (collection === null) fail('Attempt to index null value', 'This value is null, so it does not have any indices.', range);
  if (key === null) fail('Invalid index', "Can't use a null value as an indexing key.", range);
  if (Array.isArray(collection)) {
    const n = asNumber(key);
    if (n === undefined) return notFound(conversionProblem(key, 'number'));
    if (n < 0) return notFound('a negative number is not a valid index for a sequence');
    if (!Number.isInteger(n)) return notFound('a whole number is required');
    if (n >= collection.length) return notFound('the given index is greater than or equal to the length of the collection');
    return collection[n]!;
  }
  if (isObject(collection)) {
    const k = asString(key);
    if (k === undefined) return notFound(conversionProblem(key, 'string'));
    if (!Object.prototype.hasOwnProperty.call(collection, k)) return notFound();
    return collection[k]!;
  }
  return fail('Invalid index', 'This value does not have any indices.', range);
}
