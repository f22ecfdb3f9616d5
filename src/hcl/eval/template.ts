import type { Diagnostic, Range } from '../source.js';
import type { TemplateExpr, TemplatePart } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { STRING, tupleOf } from '../cty/type.js';
import { str, unknown, Val } from '../cty/value.js';
import { errorDiag, Problems } from './eval-error.js';
import { conditionalValue } from './conditional.js';
import { forValues } from './for.js';
import type { Evaluate, Scope } from './scope.js';

/**
 * Quoted strings and heredocs. A template that is one interpolation and nothing else yields that value
 * unconverted (a list stays a list, null stays null); any other is a string. `%{ if }` is a conditional
 * and `%{ for }` a `for` expression joined into text, as HCL's parser makes them.
 */
export function evalTemplate(expr: TemplateExpr, scope: Scope, evaluate: Evaluate): Val {
  const parts = expr.parts.filter((p) => !(p.kind === 'TemplateLiteral' && p.value === ''));
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only?.kind === 'TemplateInterp') return evaluate(only.expr, scope);
  return render(expr.parts, scope, evaluate, expr.range);
}

function render(parts: readonly TemplatePart[], scope: Scope, evaluate: Evaluate, range: Range): Val {
  let text = '';
  let known = true;
  const problems = new Problems();
  for (const part of parts) {
    let v: Val;
    let at: Range;
    try {
      [v, at] = partValue(part, scope, evaluate, range);
    } catch (err) {
      problems.add(err);
      continue;
    }
    if (v.isNull) {
      problems.report(errorDiag('Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.', at));
      continue;
    }
    if (!v.isKnown) {
      known = false;
      continue;
    }
    try {
      text += convert(v, STRING).str;
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      problems.report(errorDiag('Invalid template interpolation value', `Cannot include the given value in a string template: ${err.message}.`, at));
      continue;
    }
    scope.env.budget?.string(text.length, range);
  }
  problems.throwIfAny();
  return known ? str(text) : unknown(STRING);
}

function partValue(part: TemplatePart, scope: Scope, evaluate: Evaluate, range: Range): [Val, Range] {
  switch (part.kind) {
    case 'TemplateLiteral':
      return [str(part.value), part.range];
    case 'TemplateInterp':
      return [evaluate(part.expr, scope), part.expr.range];
    case 'TemplateIf':
      return [
        conditionalValue(
          part.condition,
          (s) => render(part.then, s, evaluate, part.range),
          (s) => render(part.else, s, evaluate, part.range),
          { then: part.range, else: part.range },
          scope,
          evaluate,
        ),
        part.range,
      ];
    case 'TemplateFor':
      return [joinIterations(part, scope, evaluate, range), part.range];
  }
}

/** HCL's TemplateJoinExpr over the tuple a `for` expression makes of the directive's body. */
function joinIterations(part: Extract<TemplatePart, { kind: 'TemplateFor' }>, scope: Scope, evaluate: Evaluate, range: Range): Val {
  const results = forValues(part.collection, part.keyVar, part.valueVar, (inner) => render(part.body, inner, evaluate, part.range), scope, evaluate);
  if (!results) return unknown(STRING);
  let text = '';
  for (const v of results) {
    if (!v.isKnown) return unknown(STRING);
    text += v.str;
    scope.env.budget?.string(text.length, range);
  }
  return str(text);
}

export { tupleOf };
