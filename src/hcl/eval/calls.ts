import type { Diagnostic, Range } from '../source.js';
import type { Expr, FunctionCallExpr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { BOOL } from '../cty/type.js';
import { DYNAMIC_VAL, FALSE, TRUE, unknown, type Val } from '../cty/value.js';
import { parseType, TypeExprError } from '../types.js';
import { createRequire } from 'node:module';
import { FunctionCallError } from '../functions/errors.js';
import { closestName } from '../../shared/suggest.js';
import { errorDiag, EvalError, Problems, rangeString, recoverable } from './eval-error.js';
import type { Evaluate, Scope } from './scope.js';

type Library = typeof import('../functions/index.js');

/**
 * The function library is some thirty modules, and most job files call no function, so it is loaded at the
 * first call rather than at start-up. Loading an ES module synchronously needs require(esm) (Node 20.19 and
 * later); an older Node loads the library together with the evaluator.
 */
let loaded: Library | undefined = process.features.require_module ? undefined : await import('../functions/index.js');

function library(): Library {
  return (loaded ??= createRequire(import.meta.url)('../functions/index.js') as Library);
}

/**
 * Function calls as HCL makes them: a final `list...` is expanded first, arity is checked, every argument
 * is evaluated and converted to its parameter's type, then the function runs. `try`, `can` and `convert`
 * live here rather than in the library because they take an argument unevaluated: for `try` and `can` its
 * failure is their input, not an error; for `convert` it is a type constraint.
 */
export function evalCall(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): Val {
  const fnCtx = scope.env.functions;
  if (!fnCtx) fail('Function calls not allowed', 'Functions may not be called here.', expr.range);
  const { callFunction, convertInstead, functionNames, functionSpec, hasFunction, paramAt } = library();
  const special = expr.name === 'try' || expr.name === 'can' || expr.name === 'convert';
  if (!special && !hasFunction(expr.name)) {
    const suggestion = closestName(expr.name, [...functionNames(), 'try', 'can']);
    const instead = convertInstead(expr.name) ?? (suggestion ? `Did you mean "${suggestion}"?` : undefined);
    const hint = instead ? ` ${instead}` : '';
    fail('Call to unknown function', `There is no function named "${expr.name}".${hint}`, expr.nameRange);
  }
  const args = expandFinal(expr, scope, evaluate);
  if (!args) return DYNAMIC_VAL;
  if (expr.name === 'try') return evalTry(expr, args, scope, evaluate);
  if (expr.name === 'can') return evalCan(expr, args, scope, evaluate);
  if (expr.name === 'convert') return evalConvert(expr, args, scope, evaluate);
  const spec = functionSpec(expr.name)!;
  checkArity(expr, spec.params.map((p) => p.name), spec.varParam !== undefined, args);
  const problems = new Problems();
  const values = args.map((arg, i) => {
    const p = paramAt(spec, i)!;
    let v: Val;
    try {
      v = arg.value ?? evaluate(arg.expr, scope);
    } catch (err) {
      problems.add(err);
      v = DYNAMIC_VAL;
    }
    try {
      return convert(v, p.type);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      problems.report(errorDiag('Invalid function argument', `Invalid value for "${p.name}" parameter: ${err.message}.`, startRange(arg.expr)));
      return unknown(p.type);
    }
  });
  problems.throwIfAny();
  try {
    return callFunction(expr.name, values, { ...fnCtx, budget: scope.env.budget, range: expr.range });
  } catch (err) {
    if (!(err instanceof FunctionCallError)) throw err;
    const arg = err.argIndex !== undefined ? args[err.argIndex] : undefined;
    const at = arg ? startRange(arg.expr) : undefined;
    return fail(err.summary, err.detail, at ?? expr.range);
  }
}

/** One argument: its expression, and its value when it came from expanding a final `list...`. */
interface Arg {
  expr: Expr;
  value?: Val;
}

/**
 * HCL's StartRange, where it points an argument's errors: for a quoted string with text or interpolations,
 * its first part (inside the quotes); otherwise where the expression starts.
 */
function startRange(expr: Expr): Range {
  if (expr.kind === 'Template' && !expr.heredoc) {
    const parts = expr.parts.filter((p) => !(p.kind === 'TemplateLiteral' && p.value === ''));
    const first = parts[0];
    if (first && !(parts.length === 1 && first.kind === 'TemplateInterp')) return first.kind === 'TemplateInterp' ? startRange(first.expr) : first.range;
  }
  return expr.range;
}

function fail(summary: string, detail: string, range: Range): never {
  throw new EvalError([errorDiag(summary, detail, range)]);
}

/** `f(a, list...)`: the list's elements become the final arguments; undefined when not known yet. */
function expandFinal(expr: FunctionCallExpr, scope: Scope, evaluate: Evaluate): Arg[] | undefined {
  const plain = expr.args.map((e) => ({ expr: e }));
  if (!expr.expandFinal || expr.args.length === 0) return plain;
  const lastExpr = expr.args[expr.args.length - 1]!;
  const last = evaluate(lastExpr, scope);
  const t = last.type.kind;
  if (t === 'any' || t === 'tuple' || t === 'list' || t === 'set') {
    if (last.isNull) fail('Invalid expanding argument value', 'The expanding argument (indicated by ...) must not be null.', lastExpr.range);
    if (t === 'any' || !last.isKnown) return undefined;
    return [...plain.slice(0, -1), ...last.items.map((value) => ({ expr: lastExpr, value }))];
  }
  return fail('Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.', lastExpr.range);
}

function checkArity(expr: FunctionCallExpr, params: string[], variadic: boolean, args: Arg[]): void {
  if (args.length < params.length) {
    const qualifier = variadic ? ' at least' : '';
    fail(
      'Not enough function arguments',
      `Function "${expr.name}" expects${qualifier} ${params.length} argument(s). Missing value for "${params[args.length]}".`,
      closeParen(expr.range),
    );
  }
  if (!variadic && args.length > params.length) {
    fail('Too many function arguments', `Function "${expr.name}" expects only ${params.length} argument(s).`, startRange(args[params.length]!.expr));
  }
}

function closeParen(r: Range): Range {
  const end = r.end;
  return { filename: r.filename, start: { line: end.line, column: end.column - 1, offset: end.offset - 1 }, end };
}

/** `convert(value, list(string))`: the second argument is a type constraint, read and never evaluated. */
function evalConvert(expr: FunctionCallExpr, args: Arg[], scope: Scope, evaluate: Evaluate): Val {
  checkArity(expr, ['value', 'type'], false, args);
  const [valueArg, typeArg] = args as [Arg, Arg];
  let type;
  try {
    type = parseType(typeArg.expr, { constraint: true });
  } catch (err) {
    if (!(err instanceof TypeExprError)) throw err;
    return fail(err.summary, err.detail, err.range ?? typeArg.expr.range);
  }
  const value = valueArg.value ?? evaluate(valueArg.expr, scope);
  try {
    return convert(value, type);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    return fail('Invalid function argument', `Invalid value for "value" parameter: ${err.message}.`, startRange(valueArg.expr));
  }
}

/** tryfunc's `try`: the first argument that evaluates without errors (and is wholly known). */
function evalTry(expr: FunctionCallExpr, args: Arg[], scope: Scope, evaluate: Evaluate): Val {
  if (args.length === 0) fail('Error in function call', 'Call to function "try" failed: at least one argument is required.', expr.range);
  const failures: Diagnostic[] = [];
  for (const arg of args) {
    let v: Val;
    try {
      v = arg.value ?? evaluate(arg.expr, scope);
    } catch (err) {
      failures.push(...recoverable(err));
      continue;
    }
    return v.isWhollyKnown ? v : DYNAMIC_VAL;
  }
  const lines = failures.map((d) => {
    const at = d.range ? ` (at ${rangeString(d.range)})` : '';
    return `- ${d.summary}${at}\n  ${d.detail ?? ''}\n`;
  });
  return fail(
    'Error in function call',
    `Call to function "try" failed: no expression succeeded:\n${lines.join('')}\nAt least one expression must produce a successful result.`,
    expr.range,
  );
}

function evalCan(expr: FunctionCallExpr, args: Arg[], scope: Scope, evaluate: Evaluate): Val {
  checkArity(expr, ['expression'], false, args);
  const arg = args[0]!;
  try {
    const v = arg.value ?? evaluate(arg.expr, scope);
    return v.isWhollyKnown ? TRUE : unknown(BOOL);
  } catch (err) {
    recoverable(err);
    return FALSE;
  }
}
