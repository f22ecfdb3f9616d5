import type { Range } from '../source.js';
import type { Attribute, Block, Body, BodyItem } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './expression.js';
import { decodeQuoted } from './string-literal.js';
import { T, hclRangeString, rangeBetween, type Token } from './token.js';

const NEEDS_ITEM = 'An argument or block definition is required here.';
const NEEDS_ITEM_EQUALS =
  'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.';
const UNCLOSED_BLOCK =
  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/**
 * Attributes and blocks up to the `end` token (`}` for a block, EOF for the file), in source order.
 * `startRange` is the opening brace (or the start of the file) and begins the body's range.
 */
export function parseBody(p: Cursor, end: T.CBrace | T.EOF, startRange: Range): Body {
  const items: BodyItem[] = [];
  const attributes = new Map<string, Attribute>();
  let endRange: Range;
  for (;;) {
    const next = p.peek();
    if (p.type(next) === end) {
      endRange = p.range(p.read());
      break;
    }
    if (p.type(next) === T.Newline) {
      p.read();
      continue;
    }
    if (p.type(next) === T.Ident) {
      const item = parseBodyItem(p);
      if (item === undefined) continue;
      if (item.kind === 'Block') {
        items.push(item);
        continue;
      }
      const existing = attributes.get(item.name);
      if (existing) {
        p.error('Attribute redefined',
          `The argument ${JSON.stringify(item.name)} was already set at ${hclRangeString(existing.nameRange)}. Each argument may be set only once.`,
          item.nameRange);
      } else {
        attributes.set(item.name, item);
        items.push(item);
      }
      continue;
    }
    const bad = p.read();
    if (!p.recovery) {
      if (p.type(bad) === T.OQuote) {
        p.error('Invalid argument name', 'Argument names must not be quoted.', p.range(bad));
      } else if (p.type(bad) === T.EOF) {
        if (end === T.CBrace) p.error('Unclosed configuration block', UNCLOSED_BLOCK, startRange);
        else p.error('Unclosed configuration body', 'Found end of file before the end of this configuration body.', startRange);
      } else {
        p.error('Argument or block definition required', NEEDS_ITEM, p.range(bad));
      }
    }
    endRange = p.prevRange();
    p.recover(end);
    break;
  }
  return { kind: 'Body', items, range: rangeBetween(startRange, endRange) };
}

function parseBodyItem(p: Cursor): BodyItem | undefined {
  const ident = p.read();
  const next = p.peekType();
  if (next === T.Equal) return finishAttribute(p, ident, false);
  if (next === T.OQuote || next === T.OBrace || next === T.Ident) return finishBlock(p, ident);
  p.recoverAfterBodyItem();
  p.error('Argument or block definition required', NEEDS_ITEM_EQUALS, p.range(ident));
  return undefined;
}

function finishAttribute(p: Cursor, ident: Token, singleLine: boolean): Attribute {
  p.read(); // `=`
  const mark = p.errors;
  const expr = parseExpression(p);
  let endRange = p.prevRange();
  if (p.recovery && p.errors > mark) {
    p.recoverAfterBodyItem();
  } else if (!singleLine) {
    const end = p.peek();
    if (p.type(end) === T.Newline || p.type(end) === T.EOF) {
      p.read();
    } else {
      if (!p.recovery) {
        const detail = 'An argument definition must end with a newline.';
        if (p.type(end) === T.Comma) {
          p.error('Unexpected comma after argument', `Argument definitions must be separated by newlines, not commas. ${detail}`,
            p.range(end));
        } else {
          p.error('Missing newline after argument', detail, p.range(end));
        }
      }
      endRange = p.prevRange();
      p.recoverAfterBodyItem();
    }
  }
  const nameRange = p.range(ident);
  return { kind: 'Attribute', name: p.text(ident), nameRange, expr, range: rangeBetween(nameRange, endRange) };
}

/** A block label written as a quoted string: escapes are decoded, template sequences are errors. */
function parseQuotedLabel(p: Cursor): { value: string; range: Range } {
  const open = p.read();
  let value = '';
  let endRange: Range;
  for (;;) {
    const tok = p.read();
    if (p.type(tok) === T.CQuote) {
      endRange = p.range(tok);
      break;
    }
    if (p.type(tok) === T.QuotedLit) {
      value += decodeQuoted(p, tok);
    } else if (p.type(tok) === T.TemplateInterp || p.type(tok) === T.TemplateControl) {
      const which = p.type(tok) === T.TemplateInterp ? '$' : '%';
      p.error('Invalid string literal',
        `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
        p.range(tok));
      // Marks the hole so that a partial result is never mistaken for the real label.
      value += `${which}{ ... }`;
      p.recover(T.TemplateSeqEnd);
    } else if (p.type(tok) === T.EOF) {
      p.error('Unterminated string literal', 'Unable to find the closing quote mark before the end of the file.', p.range(tok));
      endRange = p.range(tok);
      break;
    } else {
      p.error('Invalid string literal', 'This item is not valid in a string literal.', p.range(tok));
      p.recover(T.CQuote);
      endRange = p.range(tok);
      break;
    }
  }
  return { value, range: rangeBetween(p.range(open), endRange) };
}

function finishBlock(p: Cursor, ident: Token): Block {
  const typeRange = p.range(ident);
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  let oBrace: Token | undefined;
  while (oBrace === undefined) {
    const tok = p.peek();
    if (p.type(tok) === T.OBrace) {
      oBrace = p.read();
    } else if (p.type(tok) === T.OQuote) {
      const label = parseQuotedLabel(p);
      labels.push(label.value);
      labelRanges.push(label.range);
    } else if (p.type(tok) === T.Ident) {
      p.read();
      labels.push(p.text(tok));
      labelRanges.push(p.range(tok));
    } else {
      if (p.type(tok) === T.Equal) {
        p.error('Invalid block definition',
          'The equals sign "=" indicates an argument definition, and must not be used when defining a block.', p.range(tok));
      } else if (p.type(tok) === T.Newline) {
        p.error('Invalid block definition',
          'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
          p.range(tok));
      } else {
        p.softError('Invalid block definition', 'Either a quoted string block label or an opening brace ("{") is expected here.',
          p.range(tok));
      }
      p.recoverAfterBodyItem();
      const lastRange = labelRanges.length > 0 ? labelRanges[labelRanges.length - 1] : typeRange;
      return {
        kind: 'Block', type: p.text(ident), typeRange, labels, labelRanges,
        body: { kind: 'Body', items: [], range: typeRange },
        range: rangeBetween(typeRange, lastRange),
      };
    }
  }

  const oBraceRange = p.range(oBrace);
  let body: Body;
  if (!p.enter(typeRange)) {
    const close = p.recover(T.CBrace);
    body = { kind: 'Body', items: [], range: rangeBetween(oBraceRange, p.range(close)) };
  } else {
    const next = p.peekType();
    if (next === T.Newline || next === T.EOF || next === T.CBrace) {
      body = parseBody(p, T.CBrace, oBraceRange);
    } else {
      body = finishOneLineBody(p, oBrace);
    }
    p.leave();
  }
  const cBraceRange = p.prevRange();
  const eol = p.peek();
  if (p.type(eol) === T.Newline || p.type(eol) === T.EOF) {
    p.read();
  } else {
    p.softError('Missing newline after block definition', 'A block definition must end with a newline.', p.range(eol));
    p.recoverAfterBodyItem();
  }
  return {
    kind: 'Block', type: p.text(ident), typeRange, labels, labelRanges, body,
    range: rangeBetween(typeRange, cBraceRange),
  };
}

/** `name { arg = value }`: a block holding exactly one argument, all on one line. */
function finishOneLineBody(p: Cursor, oBrace: Token): Body {
  const attr = parseOneLineAttribute(p);
  const close = p.peek();
  if (p.type(close) === T.CBrace) {
    p.read();
  } else {
    if (p.type(close) === T.Comma) {
      p.error('Invalid single-argument block definition',
        'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
        p.range(close));
    } else if (p.type(close) === T.Newline) {
      p.error('Invalid single-argument block definition',
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
        p.range(close));
    } else if (p.type(close) === T.EOF) {
      p.softError('Unclosed configuration block', UNCLOSED_BLOCK, p.range(oBrace));
    } else {
      p.softError('Invalid single-argument block definition',
        'A single-line block definition must end with a closing brace immediately after its single argument definition.',
        p.range(close));
    }
    p.recover(T.CBrace);
  }
  return { kind: 'Body', items: attr ? [attr] : [], range: rangeBetween(p.range(oBrace), p.prevRange()) };
}

function parseOneLineAttribute(p: Cursor): Attribute | undefined {
  const ident = p.read();
  if (p.type(ident) !== T.Ident) {
    p.recoverAfterBodyItem();
    p.error('Argument or block definition required', NEEDS_ITEM, p.range(ident));
    return undefined;
  }
  const next = p.peek();
  if (p.type(next) === T.Equal) return finishAttribute(p, ident, true);
  p.recoverAfterBodyItem();
  if (p.type(next) === T.OQuote || p.type(next) === T.OBrace || p.type(next) === T.Ident) {
    p.error('Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(p.text(ident))}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      rangeBetween(p.range(ident), p.range(next)));
  } else {
    p.error('Argument or block definition required', NEEDS_ITEM_EQUALS, p.range(ident));
  }
  return undefined;
}
