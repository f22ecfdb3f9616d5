import type { Diagnostic, Range } from '../source.js';

/**
 * Thrown while evaluating one expression. It carries every diagnostic found in that expression; an
 * empty list means the expression depends on something that already failed and was reported once,
 * so nothing new should be said about it.
 */
export class EvalError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join('; ') || 'depends on a value that failed to evaluate');
    this.name = 'EvalError';
    this.diagnostics = diagnostics;
  }
}

export function errorDiag(summary: string, detail: string | undefined, range: Range | undefined): Diagnostic {
  const d: Diagnostic = { severity: 'error', summary };
  if (detail !== undefined) d.detail = detail;
  if (range !== undefined) d.range = range;
  return d;
}

/** Shorthand for the common case of one problem at one place. */
export function fail(summary: string, detail: string | undefined, range: Range | undefined): never {
  throw new EvalError([errorDiag(summary, detail, range)]);
}

/** The error for expressions that go beyond the evaluation budget; `try`, `can` and HCL's error recovery do not catch it. */
export class BudgetExceeded extends EvalError {}

/**
 * The diagnostics of a failure that evaluation may carry on from (HCL goes on with an unknown value);
 * the budget running out is not one of them.
 */
export function recoverable(err: unknown): Diagnostic[] {
  if (err instanceof BudgetExceeded) throw err;
  return diagnosticsOf(err);
}

/**
 * Problems of sibling expressions collected while evaluation goes on. A failure with no diagnostics of its
 * own (it depends on something already reported) still counts as a failure.
 */
export class Problems {
  readonly diags: Diagnostic[] = [];
  failed = false;

  add(err: unknown): void {
    this.diags.push(...recoverable(err));
    this.failed = true;
  }

  report(...diags: Diagnostic[]): void {
    this.diags.push(...diags);
    this.failed = true;
  }

  throwIfAny(): void {
    if (this.failed) throw new EvalError(this.diags);
  }
}

/**
 * The diagnostics of an evaluation failure; other exceptions are bugs and are rethrown. `whole` is the
 * top-level expression being evaluated: the budget running out is reported there, at the expression
 * written in the file, rather than at whichever inner part happened to be evaluated last.
 */
export function diagnosticsOf(err: unknown, whole?: Range): Diagnostic[] {
  if (err instanceof BudgetExceeded && whole) return err.diagnostics.map((d) => ({ ...d, range: whole }));
  if (err instanceof EvalError) return err.diagnostics;
  throw err;
}

/**
 * Runs every step even when earlier ones fail, so one run reports all the problems of sibling
 * expressions (tuple items, function arguments, both operands); throws them together at the end.
 */
export function collectAll<T>(steps: readonly (() => T)[]): T[] {
  const results: T[] = [];
  const diags: Diagnostic[] = [];
  let failed = false;
  for (const step of steps) {
    try {
      results.push(step());
    } catch (err) {
      diags.push(...recoverable(err));
      failed = true;
    }
  }
  if (failed) throw new EvalError(diags);
  return results;
}

/** `file:3,5-12` or `file:3,5-4,2`, the way HCL names a place inside a diagnostic's detail. */
export function rangeString(r: Range): string {
  const end = r.start.line === r.end.line ? `${r.end.column}` : `${r.end.line},${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${end}`;
}
