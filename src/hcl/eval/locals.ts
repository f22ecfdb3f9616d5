import type { Diagnostic, Range } from '../source.js';
import type { Attribute, Block } from '../syntax/ast.js';
import { object, type Val } from '../cty/value.js';
import { closestName } from '../../shared/suggest.js';
import { diagnosticsOf, errorDiag, EvalError, fail, rangeString } from './eval-error.js';
import { evaluate } from './expression.js';
import { justAttributes } from './schema.js';
import type { RootNamespace, Scope } from './scope.js';

interface Local {
  attr: Attribute;
  state: 'pending' | 'evaluating' | 'done' | 'failed';
  value?: Val;
}

/**
 * `local.x`. Locals are evaluated on first use, so they may be written in any order across any
 * number of `locals` blocks; a local that reaches itself again is a cycle. Each local's problems
 * are reported once, and uses of a failed local add nothing further.
 */
export class Locals implements RootNamespace {
  private readonly locals = new Map<string, Local>();
  private readonly evaluating: string[] = [];
  private scope: Scope | undefined;

  constructor(
    blocks: readonly Block[],
    private readonly diags: Diagnostic[],
  ) {
    for (const block of blocks) {
      for (const attr of justAttributes(block.body, diags)) {
        const first = this.locals.get(attr.name);
        if (first) {
          diags.push(
            errorDiag(
              'Duplicate value in locals',
              `Duplicate ${attr.name} definition found; it was first defined at ${rangeString(first.attr.nameRange)}.`,
              attr.nameRange,
            ),
          );
        } else {
          this.locals.set(attr.name, { attr, state: 'pending' });
        }
      }
    }
  }

  /** Evaluates every local in declaration order, in `scope` (which holds this namespace as `local`). */
  evaluateAll(scope: Scope): void {
    this.scope = scope;
    for (const [name, local] of this.locals) if (local.state === 'pending') this.run(name, local);
  }

  member(name: string, range: Range): Val {
    const local = this.locals.get(name);
    if (!local) {
      const suggestion = closestName(name, this.locals.keys());
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      fail('Reference to undeclared local value', `A local value with the name "${name}" has not been declared.${hint}`, range);
    }
    if (local.state === 'evaluating') {
      const chain = [...this.evaluating.slice(this.evaluating.indexOf(name)), name].map((n) => `local.${n}`).join(' → ');
      fail('Circular reference in locals', `The local value "${name}" depends on itself: ${chain}.`, range);
    }
    if (local.state === 'pending') this.run(name, local);
    if (local.state === 'failed') throw new EvalError([]);
    return local.value!;
  }

  whole(range: Range): Val {
    return object([...this.locals.keys()].map((name) => [name, this.member(name, range)] as const));
  }

  private run(name: string, local: Local): void {
    if (!this.scope) throw new Error('locals used before evaluateAll');
    local.state = 'evaluating';
    this.evaluating.push(name);
    try {
      local.value = evaluate(local.attr.expr, this.scope);
      local.state = 'done';
    } catch (err) {
      this.diags.push(...diagnosticsOf(err, local.attr.expr.range));
      local.state = 'failed';
    } finally {
      this.evaluating.pop();
    }
  }
}
