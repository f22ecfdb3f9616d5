import type { Expr } from '../syntax/ast.js';
import { isObject, type Value } from '../value.js';
import type { ValueSpan } from './evaluated.js';
import { convert, ConversionError } from '../cty/convert.js';
import { STRING } from '../cty/type.js';
import { literalKey } from './traversal.js';

/**
 * Where each literally written tuple item and object item of a value is, so that a later check
 * ("mount[1] has no `:`") can point at the item rather than the whole attribute. Items that are
 * computed (a `for` result, a function's list) have no place of their own and are left out.
 */
export function valueSpans(expr: Expr, value: Value): ValueSpan[] {
  const out: ValueSpan[] = [];
  walk(expr, value, [], out);
  return out;
}

function walk(expr: Expr, value: Value, path: (string | number)[], out: ValueSpan[]): void {
  while (expr.kind === 'Parens') expr = expr.expr;
  if (expr.kind === 'Tuple' && Array.isArray(value) && value.length === expr.items.length) {
    expr.items.forEach((item, i) => {
      out.push({ path: [...path, i], range: item.range });
      walk(item, value[i]!, [...path, i], out);
    });
  } else if (expr.kind === 'Object' && isObject(value)) {
    for (const item of expr.items) {
      const literal = literalKey(item.key);
      const key = literal === undefined ? undefined : keyText(literal);
      if (key === undefined || !Object.prototype.hasOwnProperty.call(value, key)) continue;
      out.push({ path: [...path, key], range: item.range });
      walk(item.value, value[key]!, [...path, key], out);
    }
  }
}

function keyText(v: import('../cty/value.js').Val): string | undefined {
  try {
    const s = convert(v, STRING);
    return s.isNull || !s.isKnown ? undefined : s.str;
  } catch (err) {
    if (err instanceof ConversionError) return undefined;
    throw err;
  }
}
