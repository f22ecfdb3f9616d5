import type { Diagnostic } from '../source.js';
import type { Expr } from '../syntax/ast.js';
import type { Val } from '../cty/value.js';
import { Budget } from './budget.js';
import { diagnosticsOf } from './eval-error.js';
import { evaluate } from './expression.js';
import { Scope } from './scope.js';

/**
 * Where Nomad evaluates without any context (variable defaults, var files, `--var` values): no
 * references and no function calls, only literal values and operators.
 */

/** The expression's value, or undefined after reporting why it has none. */
export function constantValue(expr: Expr, diags: Diagnostic[]): Val | undefined {
  try {
    return evaluate(expr, new Scope({ roots: new Map(), budget: new Budget() }));
  } catch (err) {
    diags.push(...diagnosticsOf(err, expr.range));
    return undefined;
  }
}
