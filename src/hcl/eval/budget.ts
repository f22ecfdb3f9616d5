import type { Range } from '../source.js';
import { BudgetExceeded, EvalError, errorDiag } from './eval-error.js';

/**
 * Bounds on the work one job file's expressions may do. Nomad has none, so a nested `for` over ranges or a
 * `setproduct` of large sets runs for minutes there; here it stops within a second with an error at the
 * expression that went over. Real job files stay far below: the seed job takes a few hundred steps.
 */
export const LIMITS = {
  /** expressions evaluated, plus elements produced by functions and `for` expressions */
  steps: 1_000_000,
  /** elements of one list, set, tuple, map or object */
  elements: 100_000,
  /** characters of one string */
  stringLength: 16 * 1024 * 1024,
};

export class Budget {
  private steps = 0;
  private exhausted = false;

  constructor(private readonly limits: typeof LIMITS = LIMITS) {}

  /** One unit of work while evaluating the expression at `range`. */
  step(range: Range, count = 1): void {
    this.ensureLeft();
    this.steps += count;
    if (this.steps > this.limits.steps) {
      this.exceeded(
        'Evaluation budget exceeded',
        `Evaluating this expression took more than ${n(this.limits.steps)} steps, far beyond what a job file needs; nested "for" expressions or functions over large collections are the usual cause.`,
        range,
      );
    }
  }

  /** A collection of `count` elements is about to be made by the expression at `range`. */
  elements(count: number, range: Range): void {
    this.ensureLeft();
    if (count > this.limits.elements) {
      this.exceeded('Value too large', `This expression produces a collection of ${n(count)} elements; a job file's values are limited to ${n(this.limits.elements)}.`, range);
    }
    this.step(range, count);
  }

  /** A string of `length` characters is about to be made by the expression at `range`. */
  string(length: number, range: Range): void {
    this.ensureLeft();
    if (length > this.limits.stringLength) {
      this.exceeded('Value too large', `This expression produces a string of ${n(length)} characters; a job file's strings are limited to ${n(this.limits.stringLength)}.`, range);
    }
  }

  /** Once the budget is gone, everything after fails quietly: the one problem has been reported. */
  private ensureLeft(): void {
    if (this.exhausted) throw new EvalError([]);
  }

  private exceeded(summary: string, detail: string, range: Range): never {
    this.exhausted = true;
    throw new BudgetExceeded([errorDiag(summary, detail, range)]);
  }
}

const n = (x: number): string => x.toLocaleString('en-US');
