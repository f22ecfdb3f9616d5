import type { Diagnostic } from '../source.js';
import type { SplatExpr } from '../syntax/ast.js';
import { DYNAMIC, listOf, tupleOf, type Type } from '../cty/type.js';
import { canCollect, DYNAMIC_VAL, EMPTY_TUPLE_VAL, list, tuple, unknown, type Val } from '../cty/value.js';
import { errorDiag, EvalError, Problems, recoverable } from './eval-error.js';
import { SPLAT_ELEMENT, type Evaluate, type Scope } from './scope.js';

/**
 * `source[*].each`: a list or set gives a list, a tuple a tuple; any other value is taken as a one-element
 * tuple, and a null one as an empty tuple, as HCL does.
 */
export function evalSplat(expr: SplatExpr, scope: Scope, evaluate: Evaluate): Val {
  let source = evaluate(expr.source, scope);
  let sourceType = source.type;
  const autoUpgrade = !['tuple', 'list', 'set'].includes(sourceType.kind);
  if (source.isNull) {
    if (autoUpgrade) return EMPTY_TUPLE_VAL;
    throw new EvalError([
      errorDiag('Splat of null value', 'Splat expressions (with the * symbol) cannot be applied to null sequences.', expr.source.range),
    ]);
  }
  if (sourceType.kind === 'any') return DYNAMIC_VAL;
  if (autoUpgrade) {
    source = tuple([source]);
    sourceType = source.type;
  }
  const each = (item: Val): Val => evaluate(expr.each, scope.child([[SPLAT_ELEMENT, item]]));
  const resultType = (): { type: Type; diags: Diagnostic[] } => {
    const diags: Diagnostic[] = [];
    const probe = (t: Type): Type => {
      try {
        return each(unknown(t)).type;
      } catch (err) {
        diags.push(...recoverable(err));
        return DYNAMIC;
      }
    };
    if (sourceType.kind === 'list' || sourceType.kind === 'set') return { type: listOf(probe(sourceType.element)), diags };
    if (sourceType.kind === 'tuple') return { type: tupleOf(sourceType.elements.map(probe)), diags };
    return { type: DYNAMIC, diags };
  };
  if (!source.isKnown) {
    const { type, diags } = resultType();
    if (diags.length > 0) throw new EvalError(diags);
    return unknown(type);
  }
  const problems = new Problems();
  const values: Val[] = [];
  for (const item of source.items) {
    try {
      values.push(each(item));
    } catch (err) {
      problems.add(err);
      values.push(DYNAMIC_VAL);
    }
  }
  problems.throwIfAny();
  if (sourceType.kind === 'list' || sourceType.kind === 'set') {
    if (values.length === 0) {
      const { type, diags: typeDiags } = resultType();
      if (typeDiags.length > 0) throw new EvalError(typeDiags);
      return list([], (type as { element: Type }).element);
    }
    if (!canCollect(values)) throw new EvalError([errorDiag('Inconsistent list element types', 'The splat results have differing types, which a list cannot hold.', expr.range)]);
    return list(values);
  }
  return tuple(values);
}
