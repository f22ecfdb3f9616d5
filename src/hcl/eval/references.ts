import type { Range } from '../source.js';
import type { Expr, TemplatePart } from '../syntax/ast.js';
import { referenceOf } from './traversal.js';

export interface Reference {
  root: string;
  /** The name the first step selects, e.g. `x` in `var.x` or `var["x"]`. */
  member?: string;
  range: Range;
}

/**
 * Every reference an expression makes to a name it does not bind itself (names bound by its own
 * `for` expressions and template `for` directives are not references), without evaluating it.
 */
export function referencesIn(expr: Expr): Reference[] {
  const out: Reference[] = [];
  walk(expr, new Set(), out);
  return out;
}

function walk(expr: Expr, bound: ReadonlySet<string>, out: Reference[]): void {
  const recurse = (e: Expr, b: ReadonlySet<string> = bound) => walk(e, b, out);
  switch (expr.kind) {
    case 'Variable':
    case 'GetAttr':
    case 'Index': {
      const ref = referenceOf(expr);
      if (ref) {
        if (!bound.has(ref.root.name)) out.push({ root: ref.root.name, member: ref.member, range: ref.range });
      } else if (expr.kind === 'Index') {
        recurse(expr.object);
        recurse(expr.key);
      } else if (expr.kind === 'GetAttr') {
        recurse(expr.object);
      }
      return;
    }
    case 'Template':
      walkParts(expr.parts, bound, out);
      return;
    case 'Splat':
      recurse(expr.source);
      recurse(expr.each);
      return;
    case 'FunctionCall':
      // convert's second argument is a type such as list(string), not a reference to `string`.
      (expr.name === 'convert' ? expr.args.slice(0, 1) : expr.args).forEach((a) => recurse(a));
      return;
    case 'Conditional':
      [expr.condition, expr.then, expr.else].forEach((e) => recurse(e));
      return;
    case 'BinaryOp':
      recurse(expr.left);
      recurse(expr.right);
      return;
    case 'UnaryOp':
      recurse(expr.operand);
      return;
    case 'Tuple':
      expr.items.forEach((e) => recurse(e));
      return;
    case 'Object':
      for (const item of expr.items) {
        recurse(item.key);
        recurse(item.value);
      }
      return;
    case 'For': {
      recurse(expr.collection);
      const inner = withNames(bound, expr.keyVar, expr.valueVar);
      for (const e of [expr.keyExpr, expr.valueExpr, expr.condition]) if (e) recurse(e, inner);
      return;
    }
    case 'Parens':
      recurse(expr.expr);
      return;
    case 'Literal':
    case 'AnonSymbol':
      return;
  }
}

function walkParts(parts: readonly TemplatePart[], bound: ReadonlySet<string>, out: Reference[]): void {
  for (const part of parts) {
    if (part.kind === 'TemplateInterp') walk(part.expr, bound, out);
    else if (part.kind === 'TemplateIf') {
      walk(part.condition, bound, out);
      walkParts(part.then, bound, out);
      walkParts(part.else, bound, out);
    } else if (part.kind === 'TemplateFor') {
      walk(part.collection, bound, out);
      walkParts(part.body, withNames(bound, part.keyVar, part.valueVar), out);
    }
  }
}

function withNames(bound: ReadonlySet<string>, ...names: (string | undefined)[]): Set<string> {
  const s = new Set(bound);
  for (const n of names) if (n !== undefined) s.add(n);
  return s;
}
