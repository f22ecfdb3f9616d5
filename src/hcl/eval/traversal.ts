import type { Range } from '../source.js';
import type { Expr, GetAttrExpr, IndexExpr, VariableExpr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { parseNumber } from '../cty/number.js';
import { friendlyName, NUMBER, STRING } from '../cty/type.js';
import { bool, DYNAMIC_VAL, num, str, unknown, type Val } from '../cty/value.js';
import { collectAll, errorDiag, EvalError } from './eval-error.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * Name lookups and the attribute/index steps after them. A chain of `.name`, `[<literal>]` and
 * legacy `.0` steps from a bare name is one traversal, as in HCL: it is resolved as a whole, which
 * is what lets an unknown root such as `attr.kernel.name` be kept verbatim for the client.
 */

type Step = { name: string; node: GetAttrExpr } | { key: Val; node: IndexExpr };

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
  const member = first === undefined ? undefined : 'name' in first ? first.name : keyName(first.key);
  return { root: t.root, member, range: expr.range };
}

function keyName(key: Val): string | undefined {
  try {
    const s = convert(key, STRING);
    return s.isKnown && !s.isNull ? s.str : undefined;
  } catch (err) {
    if (err instanceof ConversionError) return undefined;
    throw err;
  }
}

/** The value of a key that is written as a constant (`0`, `"PATH"`), else undefined. */
export function literalKey(e: Expr): Val | undefined {
  if (e.kind === 'Literal') {
    if (e.value === null) return undefined;
    if (typeof e.value === 'boolean') return bool(e.value);
    return num(parseNumber(e.text ?? String(e.value))!);
  }
  if (e.kind !== 'Template') return undefined;
  let text = '';
  for (const part of e.parts) {
    if (part.kind !== 'TemplateLiteral') return undefined;
    text += part.value;
  }
  return str(text);
}

export function evalReference(expr: VariableExpr | GetAttrExpr | IndexExpr, scope: Scope, evaluate: Evaluate): Val {
  const t = staticTraversal(expr);
  if (t) return resolveTraversal(t, expr, scope);
  if (expr.kind === 'Index') {
    const [object, key] = collectAll([() => evaluate(expr.object, scope), () => evaluate(expr.key, scope)]);
    return index(object!, key!, stepRange(expr));
  }
  if (expr.kind === 'GetAttr') return getAttr(evaluate(expr.object, scope), expr.name, stepRange(expr));
  throw new Error('a bare name is always a traversal');
}

function resolveTraversal(t: Traversal, whole: Expr, scope: Scope): Val {
  const { root, steps } = t;
  const bound = scope.lookup(root.name);
  if (bound !== undefined) return applySteps(bound, steps);
  const ns = scope.env.roots.get(root.name);
  if (ns) {
    const [first, ...rest] = steps;
    if (!first) return ns.whole(root.range);
    const name = 'name' in first ? first.name : keyName(first.key);
    if (name === undefined) {
      fail('Invalid index', 'The given key does not identify an element in this collection value: string required.', stepRange(first.node));
    }
    // `var.x` and `local.x` are named as a whole in their own messages ("Reference to undeclared ...").
    return applySteps(ns.member(name, first.node.range), rest);
  }
  const source = scope.env.runtimeSource;
  if (source !== undefined) {
    // The client interpolates these at run time, so the reference is kept exactly as written.
    return str('${' + source.slice(root.range.start.offset, whole.range.end.offset) + '}');
  }
  if (scope.env.roots.size > 0) fail('Unknown variable', `There is no variable named "${root.name}".`, root.range);
  return fail('Variables not allowed', 'Variables may not be used here.', root.range);
}

function applySteps(start: Val, steps: readonly Step[]): Val {
  let v = start;
  for (const step of steps) v = 'name' in step ? getAttr(v, step.name, stepRange(step.node)) : index(v, step.key, stepRange(step.node));
  return v;
}

/** Where one step is written (`.name`, `[key]`): HCL reports a failed step there, not at the whole chain. */
function stepRange(node: GetAttrExpr | IndexExpr): Range {
  return { filename: node.range.filename, start: node.object.range.end, end: node.range.end };
}

function fail(summary: string, detail: string, range: Range): never {
  throw new EvalError([errorDiag(summary, detail, range)]);
}

/** hcl.GetAttr. */
export function getAttr(object: Val, name: string, range: Range): Val {
  if (object.isNull) fail('Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.', range);
  const t = object.type;
  switch (t.kind) {
    case 'object': {
      const attr = t.attributes.find((a) => a.name === name);
      if (!attr) fail('Unsupported attribute', `This object does not have an attribute named ${JSON.stringify(name)}.`, range);
      if (!object.isKnown) return unknown(attr.type);
      return object.entries.get(name)!;
    }
    case 'map': {
      if (!object.isKnown) return unknown(t.element);
      const v = object.entries.get(name);
      if (v === undefined) fail('Missing map element', `This map does not have an element with the key ${JSON.stringify(name)}.`, range);
      return v;
    }
    case 'any':
      return DYNAMIC_VAL;
    case 'list':
      if (t.element.kind === 'object') {
        const has = t.element.attributes.some((a) => a.name === name);
        fail(
          'Unsupported attribute',
          has
            ? `Can't access attributes on a list of objects. Did you mean to access attribute ${JSON.stringify(name)} for a specific element of the list, or across all elements of the list?`
            : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?",
          range,
        );
      }
      break;
    case 'set':
      if (t.element.kind === 'object') {
        fail('Unsupported attribute', "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", range);
      }
      break;
    case 'string':
    case 'number':
    case 'bool':
      fail('Unsupported attribute', `Can't access attributes on a primitive-typed value (${friendlyName(t)}).`, range);
  }
  return fail('Unsupported attribute', 'This value does not have any attributes.', range);
}

const NOT_FOUND = 'The given key does not identify an element in this collection value';

/** hcl.Index. */
export function index(collection: Val, key: Val, range: Range): Val {
  if (collection.isNull) fail('Attempt to index null value', 'This value is null, so it does not have any indices.', range);
  if (key.isNull) fail('Invalid index', "Can't use a null value as an indexing key.", range);
  const t = collection.type;
  if (key.type.kind === 'any' || t.kind === 'any') return DYNAMIC_VAL;
  switch (t.kind) {
    case 'list':
    case 'tuple':
    case 'map': {
      let k: Val;
      try {
        k = convert(key, t.kind === 'map' ? STRING : NUMBER);
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        return fail('Invalid index', `${NOT_FOUND}: ${err.message}.`, range);
      }
      if (!collection.isKnown || !k.isKnown) return t.kind === 'tuple' ? DYNAMIC_VAL : unknown((t as { element: typeof t }).element);
      if (t.kind === 'map') {
        const v = collection.entries.get(k.str);
        if (v === undefined) fail('Invalid index', `${NOT_FOUND}.`, range);
        return v;
      }
      const n = k.num;
      const items = collection.items;
      if (n.isInt() && !n.isInf && n.sign >= 0 && n.toBigInt()! < BigInt(items.length)) return items[Number(n.toBigInt())]!;
      if (!n.isInt()) fail('Invalid index', `${NOT_FOUND}: indexing a sequence requires a whole number, but the given index has a fractional part.`, range);
      if (n.sign < 0) fail('Invalid index', `${NOT_FOUND}: a negative number is not a valid index for a sequence.`, range);
      if (items.length === 0) fail('Invalid index', `${NOT_FOUND}: the collection has no elements.`, range);
      return fail('Invalid index', `${NOT_FOUND}: the given index is greater than or equal to the length of the collection.`, range);
    }
    case 'object': {
      const wasNumber = key.type.kind === 'number';
      let k: Val;
      try {
        k = convert(key, STRING);
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        return fail('Invalid index', `${NOT_FOUND}: ${err.message}.`, range);
      }
      if (!collection.isKnown || !k.isKnown) return DYNAMIC_VAL;
      const v = collection.entries.get(k.str);
      if (v === undefined) {
        const hint = wasNumber ? ' An object only supports looking up attributes by name, not by numeric index.' : '';
        fail('Invalid index', `${NOT_FOUND}.${hint}`, range);
      }
      return v;
    }
    case 'set':
      return fail(
        'Invalid index',
        "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
        range,
      );
    default:
      return fail('Invalid index', 'This value does not have any indices.', range);
  }
}
