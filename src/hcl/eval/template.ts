import type { Range } from '../source.js';
import type { TemplateExpr, TemplatePart } from '../syntax/ast.js';
import type { Value } from '../value.js';
import { collectAll, fail } from './eval-error.js';
import { bindingsFor, forElements } from './for.js';
import { condition } from './operators.js';
import { asString, conversionProblem } from './primitives.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * Quoted strings and heredocs. Literal parts already have `$${`/`%%{` unescaped by the parser, so
 * they are copied as they are and never interpolated again.
 */
export function evalTemplate(expr: TemplateExpr, scope: Scope, evaluate: Evaluate): Value {
  const parts = expr.parts.filter((p) => !(p.kind === 'TemplateLiteral' && p.value === ''));
  const only = parts.length === 1 ? parts[0]! : undefined;
  // "${x}" alone yields x itself, unconverted: a list stays a list, a number a number.
  if (only?.kind === 'TemplateInterp') return evaluate(only.expr, scope);
  return render(expr.parts, scope, evaluate);
}

function render(parts: readonly TemplatePart[], scope: Scope, evaluate: Evaluate): string {
  return collectAll(parts.map((p) => () => renderPart(p, scope, evaluate))).join('');
}

function renderPart(part: TemplatePart, scope: Scope, evaluate: Evaluate): string {
  switch (part.kind) {
    case 'TemplateLiteral':
      return part.value;
    case 'TemplateInterp':
      return interpolation(evaluate(part.expr, scope), part.expr.range);
    case 'TemplateIf':
      return render(condition(evaluate(part.condition, scope), part.condition) ? part.then : part.else, scope, evaluate);
    case 'TemplateFor': {
      const elements = forElements(evaluate(part.collection, scope), part.collection.range);
      const inner = (e: (typeof elements)[number]) => scope.child(bindingsFor(part.keyVar, part.valueVar, e));
      return collectAll(elements.map((e) => () => render(part.body, inner(e), evaluate))).join('');
    }
  }
}

function interpolation(v: Value, range: Range): string {
  if (v === null) {
    fail('Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.', range);
  }
  const problem = conversionProblem(v, 'string');
  if (problem !== undefined) {
    fail('Invalid template interpolation value', `Cannot include the given value in a string template: ${problem}.`, range);
  }
  return asString(v)!;
}
