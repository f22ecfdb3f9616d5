import { parseExpression } from '../../../src/hcl/syntax/parser.js';
import { evaluate } from '../../../src/hcl/eval/expression.js';
import { Budget } from '../../../src/hcl/eval/budget.js';
import { diagnosticsOf, errorDiag, EvalError } from '../../../src/hcl/eval/eval-error.js';
import { Scope, type RootNamespace } from '../../../src/hcl/eval/scope.js';
import { numberText } from '../../../src/hcl/cty/number.js';
import { compareNames, typeString } from '../../../src/hcl/cty/type.js';
import { object, type Val } from '../../../src/hcl/cty/value.js';
import type { ConformanceCase, Expected } from '../../../tools/conformance/data.js';

/** The job loader's answer for one case, in the reference's format. */
export interface Actual {
  type?: string;
  value?: unknown;
  null?: boolean;
  errors?: { summary: string; detail?: string; subject?: string }[];
}

/** A value as the reference encodes it: numbers as text, maps and objects as sorted [key, value] pairs. */
export function encode(v: Val): unknown {
  if (!v.isKnown) return { unknown: typeString(v.type) };
  if (v.isNull) return null;
  switch (v.type.kind) {
    case 'string':
      return v.str;
    case 'bool':
      return v.bool;
    case 'number':
      return numberText(v.num);
    case 'list':
    case 'set':
    case 'tuple':
      return v.items.map(encode);
    case 'map':
    case 'object':
      return [...v.entries.keys()].sort(compareNames).map((k) => [k, encode(v.entries.get(k)!)]);
    default:
      return null;
  }
}

/** Builds `local` from the context expressions, in order, as the reference does. */
export function contextScope(context: [string, string][]): Scope {
  const locals = new Map<string, Val>();
  const root: RootNamespace = {
    // Nomad's `local` is an object value, so a missing name is a missing attribute.
    member: (name, range) => {
      const v = locals.get(name);
      if (v === undefined) throw new EvalError([errorDiag('Unsupported attribute', `This object does not have an attribute named "${name}".`, range)]);
      return v;
    },
    whole: () => object(locals),
  };
  const make = () => new Scope({ roots: new Map([['local', root]]), functions: { baseDir: '/nonexistent', allowFS: true }, budget: new Budget() });
  for (const [name, src] of context) {
    const parsed = parseExpression('context.hcl', src);
    if (!parsed.expr) throw new Error(`context ${name} does not parse`);
    locals.set(name, evaluate(parsed.expr, make()));
  }
  return make();
}

export function runCase(expr: string, scope: Scope): Actual {
  const parsed = parseExpression('case.hcl', expr);
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.expr || parseErrors.length > 0) return { errors: parseErrors.map((d) => ({ summary: d.summary, detail: d.detail })) };
  try {
    const v = evaluate(parsed.expr, new Scope({ ...scope.env, budget: new Budget() }));
    const out: Actual = { type: typeString(v.type), value: encode(v) };
    if (v.isNull) out.null = true;
    return out;
  } catch (err) {
    const diags = diagnosticsOf(err);
    return { errors: diags.map((d) => ({ summary: d.summary, detail: d.detail, subject: d.range ? `${d.range.start.line}:${d.range.start.column}` : undefined })) };
  }
}

export function expectedOf(c: ConformanceCase): Expected {
  return c.newer ?? c.expect;
}

/** Same outcome: equal type and value, or both failing with the reference's first summary among ours. */
export function agrees(expected: Expected, actual: Actual): boolean {
  if (expected.errors) {
    if (!actual.errors || actual.errors.length === 0) return false;
    return actual.errors.some((e) => e.summary === expected.errors![0]!.summary);
  }
  if (actual.errors) return false;
  return expected.type === actual.type && JSON.stringify(expected.value ?? null) === JSON.stringify(actual.value ?? null) && !!expected.null === !!actual.null;
}
