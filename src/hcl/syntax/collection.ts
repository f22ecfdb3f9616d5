import type { Expr, ForExpr, ObjectItem, TemplateExpr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './expression.js';
import { T, rangeBetween, type Token } from './token.js';

/** `[a, b, c]` (newlines ignored, trailing comma allowed) or a tuple `for` expression. */
export function parseTuple(p: Cursor): Expr {
  const open = p.read();
  p.pushNewlines(false);
  if (p.isKeyword(p.peek(), 'for')) {
    const expr = finishFor(p, open);
    p.popNewlines();
    return expr;
  }
  const items: Expr[] = [];
  let close: Token;
  for (;;) {
    if (p.peekType() === T.CBrack) {
      close = p.read();
      break;
    }
    const mark = p.errors;
    items.push(parseExpression(p));
    if (p.recovery && p.errors > mark) {
      close = p.recover(T.CBrack);
      break;
    }
    const next = p.peek();
    if (p.type(next) === T.CBrack) {
      close = p.read();
      break;
    }
    if (p.type(next) !== T.Comma) {
      if (p.type(next) === T.EOF) {
        p.softError('Unterminated tuple constructor expression',
          'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
          p.range(open));
      } else {
        p.softError('Missing item separator', 'Expected a comma to mark the beginning of the next item.', p.range(next));
      }
      close = p.recover(T.CBrack);
      break;
    }
    p.read();
  }
  p.popNewlines();
  return { kind: 'Tuple', items, range: rangeBetween(p.range(open), p.range(close)) };
}

/** A bare identifier (or `true`/`false`/`null` written as one) used as an object key names itself. */
function bareKey(p: Cursor, key: Expr): TemplateExpr | undefined {
  let name: string;
  if (key.kind === 'Variable') {
    name = key.name;
  } else if (key.kind === 'Literal' && typeof key.value !== 'number') {
    name = p.source.slice(key.range.start.offset, key.range.end.offset);
    if (name !== 'true' && name !== 'false' && name !== 'null') return undefined;
  } else {
    return undefined;
  }
  return {
    kind: 'Template',
    parts: [{ kind: 'TemplateLiteral', value: name, range: key.range }],
    heredoc: false,
    range: key.range,
  };
}

/** `{ k = v, k2: v2 }` with items separated by commas or newlines, or an object `for` expression. */
export function parseObject(p: Cursor): Expr {
  const open = p.read();
  p.pushNewlines(false);
  const isFor = p.isKeyword(p.peek(), 'for');
  p.popNewlines();
  if (isFor) return finishFor(p, open);

  p.pushNewlines(true);
  const items: ObjectItem[] = [];
  let close: Token;
  for (;;) {
    let next = p.peek();
    if (p.type(next) === T.Newline) {
      p.read();
      continue;
    }
    if (p.type(next) === T.CBrace) {
      close = p.read();
      break;
    }
    let mark = p.errors;
    const rawKey = parseExpression(p);
    if (p.recovery && p.errors > mark) {
      close = p.recover(T.CBrace);
      break;
    }
    const literalKey = bareKey(p, rawKey);
    next = p.peek();
    if (p.type(next) !== T.Equal && p.type(next) !== T.Colon) {
      if (p.type(next) === T.Newline || p.type(next) === T.Comma) {
        p.softError('Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").', p.range(next));
      } else if (p.type(next) === T.Ident) {
        p.softError('Missing key/value separator',
          'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
          p.range(next));
      } else if (p.type(next) === T.EOF) {
        p.softError('Unterminated object constructor expression',
          'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          p.range(open));
      } else {
        p.softError('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.',
          p.range(next));
      }
      close = p.recover(T.CBrace);
      break;
    }
    p.read();
    mark = p.errors;
    const value = parseExpression(p);
    items.push({
      key: literalKey ?? rawKey,
      bareKey: literalKey !== undefined,
      value,
      range: rangeBetween(rawKey.range, value.range),
    });
    if (p.recovery && p.errors > mark) {
      close = p.recover(T.CBrace);
      break;
    }
    next = p.peek();
    if (p.type(next) === T.CBrace) {
      close = p.read();
      break;
    }
    if (p.type(next) !== T.Comma && p.type(next) !== T.Newline) {
      if (p.type(next) === T.EOF) {
        p.softError('Unterminated object constructor expression',
          'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          p.range(open));
      } else {
        p.softError('Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.',
          p.range(next));
      }
      close = p.recover(T.CBrace);
      break;
    }
    p.read();
  }
  p.popNewlines();
  return { kind: 'Object', items, range: rangeBetween(p.range(open), p.range(close)) };
}

/** The rest of `[for ...]` or `{for ...}`, with the `for` keyword next. */
function finishFor(p: Cursor, open: Token): Expr {
  p.pushNewlines(false);
  const expr = finishForInner(p, open);
  p.popNewlines();
  return expr;
}

function finishForInner(p: Cursor, open: Token): Expr {
  p.read(); // `for`
  const makeObject = p.type(open) === T.OBrace;
  const closeType = makeObject ? T.CBrace : T.CBrack;
  const openRange = p.range(open);
  const fail = (detail: string | undefined): Expr => {
    if (detail !== undefined) p.softError("Invalid 'for' expression", detail, p.nextRange());
    const close = p.recover(closeType);
    return p.placeholder(rangeBetween(openRange, p.range(close)));
  };

  if (p.peekType() !== T.Ident) return fail("For expression requires variable name after 'for'.");
  let valueVar = p.text(p.read());
  let keyVar: string | undefined;
  if (p.peekType() === T.Comma) {
    p.read();
    keyVar = valueVar;
    if (p.peekType() !== T.Ident) return fail('For expression requires value variable name after comma.');
    valueVar = p.text(p.read());
  }
  if (!p.isKeyword(p.peek(), 'in')) return fail("For expression requires the 'in' keyword after its name declarations.");
  p.read();

  let mark = p.errors;
  const collection = parseExpression(p);
  if (p.recovery && p.errors > mark) return fail(undefined);
  if (p.peekType() !== T.Colon) return fail('For expression requires a colon after the collection expression.');
  p.read();

  mark = p.errors;
  let valueExpr = parseExpression(p);
  let keyExpr: Expr | undefined;
  if (p.peekType() === T.FatArrow) {
    p.read();
    keyExpr = valueExpr;
    valueExpr = parseExpression(p);
  }
  if (p.recovery && p.errors > mark) return fail(undefined);

  let ellipsis: Token | undefined;
  if (p.peekType() === T.Ellipsis) ellipsis = p.read();

  let condition: Expr | undefined;
  if (p.isKeyword(p.peek(), 'if')) {
    p.read();
    mark = p.errors;
    condition = parseExpression(p);
    if (p.recovery && p.errors > mark) return fail(undefined);
  }

  let close: Token;
  if (p.peekType() === closeType) {
    close = p.read();
  } else {
    p.softError("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", p.nextRange());
    close = p.recover(closeType);
  }

  if (!makeObject) {
    if (keyExpr) p.error("Invalid 'for' expression", 'Key expression is not valid when building a tuple.', keyExpr.range);
    if (ellipsis) p.error("Invalid 'for' expression", 'Grouping ellipsis (...) cannot be used when building a tuple.', p.range(ellipsis));
  } else if (!keyExpr) {
    p.error("Invalid 'for' expression", 'Key expression is required when building an object.', valueExpr.range);
  }

  const result: ForExpr = {
    kind: 'For',
    valueVar,
    collection,
    valueExpr,
    group: ellipsis !== undefined,
    range: rangeBetween(openRange, p.range(close)),
  };
  if (keyVar !== undefined) result.keyVar = keyVar;
  if (keyExpr !== undefined) result.keyExpr = keyExpr;
  if (condition !== undefined) result.condition = condition;
  return result;
}
