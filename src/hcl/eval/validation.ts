import type { Diagnostic } from '../source.js';
import { convert, ConversionError } from '../cty/convert.js';
import { BOOL } from '../cty/type.js';
import { object, type Val } from '../cty/value.js';
import { diagnosticsOf, errorDiag, fail } from './eval-error.js';
import { evaluate } from './expression.js';
import { Scope, type RootNamespace } from './scope.js';
import type { VariableDecl } from './variables.js';

/**
 * Runs every `validation` block of a variable against its final value and reports each failed
 * rule with its own error message at its condition. Conditions see only `var.<self>` and functions.
 */
export function validateValue(decl: VariableDecl, value: Val, source: string, baseDir: string, diags: Diagnostic[]): void {
  if (decl.validations.length === 0) return;
  const self = object([[decl.name, value]]);
  const varRoot: RootNamespace = {
    member: (name, range) => (name === decl.name ? value : fail('Reference to undeclared input variable', `An input variable with the name "${name}" has not been declared.`, range)),
    whole: () => self,
  };
  const scope = new Scope({ roots: new Map([['var', varRoot]]), functions: { baseDir, allowFS: false } });
  for (const rule of decl.validations) {
    const range = rule.condition.range;
    let result: Val;
    try {
      result = evaluate(rule.condition, scope);
    } catch (err) {
      diags.push(...diagnosticsOf(err, rule.condition.range));
      continue;
    }
    if (!result.isKnown) continue;
    if (result.isNull) {
      diags.push(errorDiag('Invalid variable validation result', 'Validation condition expression must return either true or false, not null.', range));
      continue;
    }
    let ok: Val;
    try {
      ok = convert(result, BOOL);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      diags.push(errorDiag('Invalid variable validation result', `Invalid validation condition result value: ${err.message}.`, range));
      continue;
    }
    if (!ok.bool) {
      diags.push(errorDiag(`Invalid value for variable "${decl.name}"`, `${rule.errorMessage}\n\nThe value came from ${source}.`, range));
    }
  }
}
