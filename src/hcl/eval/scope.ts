import type { Range } from '../source.js';
import type { Expr } from '../syntax/ast.js';
import type { Val } from '../cty/value.js';
import type { Budget } from './budget.js';

/** A named root such as `var` or `local`: `member` resolves `var.x`, `whole` a bare `var`. */
export interface RootNamespace {
  member(name: string, range: Range): Val;
  whole(range: Range): Val;
}

/** What is shared by every expression evaluated in one context. */
export interface EvalEnv {
  /** Roots such as `var` and `local`; empty where no references are allowed (defaults, var files). */
  roots: ReadonlyMap<string, RootNamespace>;
  /**
   * Text of the file the expressions come from, when references to unknown roots are to be kept for
   * the client to interpolate at run time (Nomad's UnknownVariable hook); absent elsewhere.
   */
  runtimeSource?: string;
  /** Whether function calls are allowed, and what file functions may see. */
  functions?: { baseDir: string; allowFS: boolean };
  /** Limits on the work and the size of values; shared by everything evaluated for one file. */
  budget?: Budget;
}

/**
 * Names bound by `for` expressions, template `for` directives, splats and dynamic-block iterators,
 * innermost first, on top of one evaluation environment.
 */
export class Scope {
  constructor(
    readonly env: EvalEnv,
    private readonly names: ReadonlyMap<string, Val> = new Map(),
    private readonly parent?: Scope,
  ) {}

  child(bindings: Iterable<readonly [string, Val]>): Scope {
    return new Scope(this.env, new Map(bindings), this);
  }

  lookup(name: string): Val | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.names.has(name)) return s.names.get(name);
    }
    return undefined;
  }
}

/** The element a splat's `each` expression refers to; a name no HCL identifier can spell. */
export const SPLAT_ELEMENT = ' splat element';

export type Evaluate = (expr: Expr, scope: Scope) => Val;
