import type { Range } from '../source.js';
import type { BinaryOperator, Expr, FunctionCallExpr, LiteralExpr } from './ast.js';
import { parseObject, parseTuple } from './collection.js';
import type { Cursor } from './cursor.js';
import { parseTemplateExpr } from './template.js';
import { T, rangeBetween, type Token } from './token.js';

/**
 * Expressions, following HCL's grammar and precedence: `?:` below `||` < `&&` < `== !=` < `< <= > >=` < `+ -`
 * < `* / %`, binary operators left-associative, unary `-`/`!` binding tighter than any of them but looser than
 * traversals (`-a.b` is `-(a.b)`).
 */
export function parseExpression(p: Cursor): Expr {
  if (!p.enter()) return p.placeholder(p.nextRange());
  const expr = parseConditional(p);
  p.leave();
  return expr;
}

function parseConditional(p: Cursor): Expr {
  let mark = p.errors;
  const cond = parseBinary(p, 1);
  if (p.recovery && p.errors > mark) return cond;
  if (p.peekType() !== T.Question) return cond;
  p.read();
  mark = p.errors;
  const thenExpr = parseExpression(p);
  if (p.recovery && p.errors > mark) return cond;
  const colon = p.peek();
  if (p.type(colon) !== T.Colon) {
    p.error('Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.', p.range(colon));
    return cond;
  }
  p.read();
  mark = p.errors;
  const elseExpr = parseExpression(p);
  if (p.recovery && p.errors > mark) return cond;
  return { kind: 'Conditional', condition: cond, then: thenExpr, else: elseExpr, range: rangeBetween(cond.range, elseExpr.range) };
}

function binaryOperator(type: T): BinaryOperator | undefined {
  switch (type) {
    case T.Or: return '||';
    case T.And: return '&&';
    case T.EqualOp: return '==';
    case T.NotEqual: return '!=';
    case T.Lt: return '<';
    case T.Lte: return '<=';
    case T.Gt: return '>';
    case T.Gte: return '>=';
    case T.Plus: return '+';
    case T.Minus: return '-';
    case T.Star: return '*';
    case T.Slash: return '/';
    case T.Percent: return '%';
    default: return undefined;
  }
}

const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

/**
 * Precedence climbing: only operators at `minPrec` or tighter are taken at this level. Each operator taken
 * here nests the tree one level deeper on the left, and evaluation recurses that deep, so it counts as a
 * nesting level.
 */
function parseBinary(p: Cursor, minPrec: number): Expr {
  const mark = p.errors;
  let lhs = parseTermWithTraversals(p);
  if (p.recovery && p.errors > mark) return lhs;
  let levels = 0;
  for (;;) {
    const op = binaryOperator(p.peekType());
    if (op === undefined) break;
    const prec = PRECEDENCE[op];
    if (prec < minPrec || !p.enter()) break;
    levels++;
    p.read();
    const rhsMark = p.errors;
    const rhs = parseBinary(p, prec + 1);
    if (p.recovery && p.errors > rhsMark) break;
    lhs = { kind: 'BinaryOp', op, left: lhs, right: rhs, range: rangeBetween(lhs.range, rhs.range) };
  }
  for (; levels > 0; levels--) p.leave();
  return lhs;
}

function parseTermWithTraversals(p: Cursor): Expr {
  return parseTraversals(p, parseTerm(p));
}

const NUMBER_SYNTAX = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** The value of a number token, or null (after reporting it) when the token is not a well-formed number. */
function numberValue(p: Cursor, tok: Token): number | null {
  const text = p.text(tok);
  if (!NUMBER_SYNTAX.test(text)) {
    p.error('Invalid number literal', 'Failed to recognize the value of this number literal.', p.range(tok));
    return null;
  }
  return Number(text);
}

function numberLiteral(p: Cursor, tok: Token): LiteralExpr {
  const value = numberValue(p, tok);
  return value === null ? { kind: 'Literal', value, range: p.range(tok) } : { kind: 'Literal', value, text: p.text(tok), range: p.range(tok) };
}

function parseTerm(p: Cursor): Expr {
  const start = p.peek();
  switch (p.type(start)) {
    case T.OParen: {
      const open = p.read();
      p.pushNewlines(false);
      const mark = p.errors;
      const expr = parseExpression(p);
      if (p.errors > mark) {
        p.recover(T.CParen);
        p.popNewlines();
        return expr;
      }
      const close = p.peek();
      if (p.type(close) !== T.CParen) {
        p.error('Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.', p.range(close));
        p.recovery = true;
      }
      const cParen = p.read();
      p.popNewlines();
      return { kind: 'Parens', expr, range: rangeBetween(p.range(open), p.range(cParen)) };
    }
    case T.NumberLit:
      return numberLiteral(p, p.read());
    case T.Ident: {
      const tok = p.read();
      const next = p.peekType();
      if (next === T.OParen || next === T.DoubleColon) return finishFunctionCall(p, tok);
      const name = p.text(tok);
      const range = p.range(tok);
      if (name === 'true') return { kind: 'Literal', value: true, range };
      if (name === 'false') return { kind: 'Literal', value: false, range };
      if (name === 'null') return { kind: 'Literal', value: null, range };
      return { kind: 'Variable', name, range };
    }
    case T.OQuote:
    case T.OHeredoc:
      return parseTemplateExpr(p);
    case T.Minus:
    case T.Bang: {
      const tok = p.read();
      if (!p.enter()) return p.placeholder(p.range(tok));
      const operand = parseTermWithTraversals(p);
      p.leave();
      return {
        kind: 'UnaryOp',
        op: p.type(start) === T.Minus ? '-' : '!',
        operand,
        range: rangeBetween(p.range(tok), operand.range),
      };
    }
    case T.OBrack:
      return parseTuple(p);
    case T.OBrace:
      return parseObject(p);
    default:
      if (p.type(start) === T.EOF) {
        p.softError('Missing expression', 'Expected the start of an expression, but found the end of the file.', p.range(start));
      } else {
        p.softError('Invalid expression', 'Expected the start of an expression, but found an invalid expression token.', p.range(start));
      }
      p.recovery = true;
      return p.placeholder(p.range(start));
  }
}

function legacyIndexKey(p: Cursor, numTok: Token, splat: boolean): LiteralExpr {
  const text = p.text(numTok);
  const dot = text.indexOf('.');
  if (dot >= 0) {
    const pair = `[${text.slice(0, dot)}][${text.slice(dot + 1)}]`;
    p.error('Invalid legacy index syntax',
      splat
        ? `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like ${pair}.`
        : `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like ${pair}.`,
      p.range(numTok));
    return p.placeholder(p.range(numTok));
  }
  return numberLiteral(p, numTok);
}

/**
 * `.name`, `.0`, `[key]`, `.*` and `[*]` steps after a term. Like an operator, each step nests the tree one level
 * deeper (a full splat counts its own level, for the steps it applies to each element).
 */
function parseTraversals(p: Cursor, from: Expr): Expr {
  let ret = from;
  let levels = 0;
  for (;;) {
    const next = p.peek();
    if (p.type(next) === T.Dot) {
      if (!p.enter(p.range(next))) break;
      levels++;
      const dot = p.read();
      const attr = p.peek();
      if (p.type(attr) === T.Ident) {
        p.read();
        ret = { kind: 'GetAttr', object: ret, name: p.text(attr), range: rangeBetween(ret.range, p.range(attr)) };
      } else if (p.type(attr) === T.NumberLit) {
        p.read();
        const key = legacyIndexKey(p, attr, false);
        ret = { kind: 'Index', object: ret, key, range: rangeBetween(ret.range, key.range) };
      } else if (p.type(attr) === T.Star) {
        ret = finishAttrSplat(p, ret, dot);
      } else {
        p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.range(attr));
        p.recovery = true;
      }
    } else if (p.type(next) === T.OBrack) {
      const open = p.read();
      if (p.peekType() === T.Star) {
        p.read();
        let close = p.read();
        if (p.type(close) !== T.CBrack && !p.recovery) {
          p.error('Missing close bracket on splat index',
            'The star for a full splat operator must be immediately followed by a closing bracket ("]").', p.range(close));
          close = p.recover(T.CBrack);
        }
        const anon: Expr = { kind: 'AnonSymbol', range: rangeBetween(p.range(open), p.range(close)) };
        let each: Expr = anon;
        if (p.enter()) {
          each = parseTraversals(p, anon);
          p.leave();
        }
        ret = { kind: 'Splat', source: ret, each, attrOnly: false, range: rangeBetween(ret.range, each.range) };
      } else {
        if (!p.enter(p.range(open))) {
          p.recover(T.CBrack);
          break;
        }
        levels++;
        p.pushNewlines(false);
        const mark = p.errors;
        const key = parseExpression(p);
        let close: Token;
        if (p.recovery && p.errors > mark) {
          close = p.recover(T.CBrack);
        } else {
          close = p.read();
          if (p.type(close) !== T.CBrack && !p.recovery) {
            p.error('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', p.range(close));
            close = p.recover(T.CBrack);
          }
        }
        p.popNewlines();
        ret = { kind: 'Index', object: ret, key, range: rangeBetween(ret.range, p.range(close)) };
      }
    } else {
      break;
    }
  }
  for (; levels > 0; levels--) p.leave();
  return ret;
}

/** `.*` followed by any number of `.name` / `.0` steps, which apply to each element. */
function finishAttrSplat(p: Cursor, source: Expr, dot: Token): Expr {
  const marker = p.read();
  const markerRange = rangeBetween(p.range(dot), p.range(marker));
  let each: Expr = { kind: 'AnonSymbol', range: markerRange };
  let levels = 0;
  while (p.peekType() === T.Dot) {
    if (!p.enter()) break;
    levels++;
    p.read();
    const step = p.peek();
    if (p.type(step) === T.NumberLit) {
      p.read();
      const key = legacyIndexKey(p, step, true);
      each = { kind: 'Index', object: each, key, range: rangeBetween(each.range, key.range) };
      continue;
    }
    if (p.type(step) !== T.Ident) {
      if (p.type(step) === T.Star) {
        p.softError('Nested splat expression not allowed',
          'A splat expression (*) cannot be used inside another attribute-only splat expression.', p.range(step));
      } else {
        p.softError('Invalid attribute name', 'An attribute name is required after a dot.', p.range(step));
      }
      p.recovery = true;
      break;
    }
    p.read();
    each = { kind: 'GetAttr', object: each, name: p.text(step), range: rangeBetween(each.range, p.range(step)) };
  }
  for (; levels > 0; levels--) p.leave();
  return { kind: 'Splat', source, each, attrOnly: true, range: rangeBetween(source.range, each.range) };
}

function finishFunctionCall(p: Cursor, nameTok: Token): Expr {
  let open = p.read();
  let name = p.text(nameTok);
  let nameEnd: Token = nameTok;
  const nameStart = p.range(nameTok);
  while (p.type(open) === T.DoubleColon) {
    const part = p.read();
    if (p.type(part) !== T.Ident) {
      p.error('Missing function name', 'Function scope resolution symbol :: must be followed by a function name in this scope.',
        p.range(part));
      p.recoverOver(T.OParen);
      return p.placeholder(rangeBetween(nameStart, p.range(part)));
    }
    name += `::${p.text(part)}`;
    nameEnd = part;
    open = p.read();
  }
  const nameRange: Range = rangeBetween(nameStart, p.range(nameEnd));
  if (p.type(open) !== T.OParen) {
    p.error('Missing open parenthesis', 'Function selector must be followed by an open parenthesis to begin the function call.',
      p.range(open));
    p.recoverOver(T.OParen);
    return p.placeholder(rangeBetween(nameStart, p.range(open)));
  }
  const args: Expr[] = [];
  let expandFinal = false;
  let close: Token | undefined;
  p.pushNewlines(false);
  for (;;) {
    if (p.peekType() === T.CParen) {
      close = p.read();
      break;
    }
    const mark = p.errors;
    args.push(parseExpression(p));
    if (p.recovery && p.errors > mark) {
      const found = p.recover(T.CParen);
      if (p.type(found) === T.CParen) close = found;
      break;
    }
    const sep = p.read();
    if (p.type(sep) === T.CParen) {
      close = sep;
      break;
    }
    if (p.type(sep) === T.Ellipsis) {
      expandFinal = true;
      if (p.peekType() !== T.CParen) {
        p.softError('Missing closing parenthesis',
          'An expanded function argument (with ...) must be immediately followed by closing parentheses.', p.range(sep));
        close = p.recover(T.CParen);
      } else {
        close = p.read();
      }
      break;
    }
    if (p.type(sep) !== T.Comma) {
      if (p.type(sep) === T.EOF) {
        p.error('Unterminated function call',
          'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
          rangeBetween(nameStart, p.range(open)));
      } else {
        p.error('Missing argument separator', 'A comma is required to separate each function argument from the next.', p.range(sep));
      }
      close = p.recover(T.CParen);
      break;
    }
    if (p.peekType() === T.CParen) {
      close = p.read();
      break;
    }
  }
  p.popNewlines();
  const call: FunctionCallExpr = {
    kind: 'FunctionCall',
    name,
    nameRange,
    args,
    expandFinal,
    range: rangeBetween(nameStart, close ? p.range(close) : p.prevRange()),
  };
  return call;
}
