import type { Diagnostic } from '../source.js';
import { newObject, type Value } from '../value.js';
import { diagnosticsOf, errorDiag, fail } from './eval-error.js';
import { evaluate } from './expression.js';
import { asBool, conversionProblem } from './primitives.js';
import { Scope, type RootNamespace } from './scope.js';
import type { VariableDecl } from './variables.js';

/**
 * Runs every `validation` block of a variable against its final value and reports each failed
 * rule with its own error message at its condition. Conditions see only `var.<self>` and functions.
 */
export function validateValue(decl: VariableDecl, value: Value, source: string, baseDir: string, diags: Diagnostic[]): void {
  if (decl.validations.length === 0) return;
  const self = newObject([[decl.name, value]]);
  const varRoot: RootNamespace = {
    member: (name, range) => (name === decl.name ? value : fail('Reference to undeclared input variable', `An input variable with the name "${name}" has not been declared.`, range)),
    whole: () => self,
  };
  const scope = new Scope({ roots: new Map([['var', varRoot]]), functions: { baseDir, allowFS: false } });
  for (const rule of decl.validations) {
    const range = rule.condition.range;
    let result: Value;
    try {
      result = evaluate(rule.condition, scope);
    } catch (err) {
      diags.push(...diagnosticsOf(err));
      continue;
    }
    if (result === null) {
      diags.push(errorDiag('Invalid variable validation result', 'Validation condition expression must return either true or false, not null.', range));
      continue;
    }
    const ok = asBool(result);
    if (ok === undefined) {
      const problem = conversionProblem(result, 'bool');
      diags.push(errorDiag('Invalid variable validation result', `Invalid validation condition result value: ${problem}.`, range));
    } else if (!ok) {
      diags.push(errorDiag(`Invalid value for variable "${decl.name}"`, `${rule.errorMessage}\n\nThe value came from ${source}.`, range));
    }
  }
}
