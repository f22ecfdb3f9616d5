import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Budget } from '../../../src/hcl/eval/budget.js';
import { BudgetExceeded, EvalError } from '../../../src/hcl/eval/eval-error.js';
import type { Range } from '../../../src/hcl/source.js';
import { errorsOf, messages, run } from './helpers.js';

// With no prelude the expression is on line 3, starting at column 7: `  x = <expr>`.

describe('the evaluation budget', () => {
  it('stops nested for expressions over ranges at the expression written in the file', () => {
    const r = run('locals {\n  grid = [for a in range(1000) : [for b in range(1000) : a * b]]\n}\njob "j" {\n  x = length(local.grid)\n}\n');
    assert.deepEqual(messages(r.diagnostics), [
      '2:10: Evaluation budget exceeded; Evaluating this expression took more than 1,000,000 steps, far beyond what a job file needs; nested "for" expressions or functions over large collections are the usual cause.',
    ]);
  });

  it('refuses a setproduct of ranges before building it', () => {
    assert.deepEqual(errorsOf('setproduct(range(1000), range(1000))'), [
      "3:7: Value too large; This expression produces a collection of 1,000,000 elements; a job file's values are limited to 100,000.",
    ]);
  });

  it('refuses strings beyond its size, from padding, indentation or replacement', () => {
    const tooLong = "Value too large; This expression produces a string of 50,000,001 characters; a job file's strings are limited to 16,777,216.";
    assert.deepEqual(errorsOf('format("%50000001s", "x")'), [`3:7: ${tooLong}`]);
    assert.deepEqual(errorsOf('indent(50000000, "a\\nb")'), [`3:7: ${tooLong.replace('50,000,001', '50,000,003')}`]);
  });

  it('cannot be caught by try or can', () => {
    assert.deepEqual(errorsOf('try(setproduct(range(1000), range(1000)), "fallback")'), [
      "3:7: Value too large; This expression produces a collection of 1,000,000 elements; a job file's values are limited to 100,000.",
    ]);
    assert.deepEqual(errorsOf('can(setproduct(range(1000), range(1000)))'), [
      "3:7: Value too large; This expression produces a collection of 1,000,000 elements; a job file's values are limited to 100,000.",
    ]);
  });

  it('counts steps and, once exceeded, fails everything after quietly', () => {
    const range: Range = { filename: 'f.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
    const budget = new Budget({ steps: 3, elements: 10, stringLength: 10 });
    budget.step(range, 3);
    assert.throws(() => budget.step(range), (e: unknown) => e instanceof BudgetExceeded && e.diagnostics[0]!.summary === 'Evaluation budget exceeded');
    assert.throws(() => budget.string(1, range), (e: unknown) => e instanceof EvalError && !(e instanceof BudgetExceeded) && e.diagnostics.length === 0);
  });

  it('leaves a real job file far below it', () => {
    const r = run(`locals {\n  ports = { for i, name in ["http", "admin", "metrics"] : name => 8000 + i }\n}\njob "j" {\n  x = [for name, port in local.ports : "\${name}:\${port}"]\n  y = setproduct(["a", "b"], range(3))\n}\n`);
    assert.deepEqual(messages(r.diagnostics), []);
  });
});
