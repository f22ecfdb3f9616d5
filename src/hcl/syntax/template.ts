import type { Range } from '../source.js';
import type { Expr, TemplateExpr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './expression.js';
import { decodeHeredoc, decodeQuoted } from './string-literal.js';
import { buildTemplateParts, flushHeredoc, meldLiterals, type RawPart } from './template-tree.js';
import { T, rangeAtEnd, rangeBetween, type Token } from './token.js';

/** A quoted string or heredoc, with the opening `"` or `<<EOF` next. */
export function parseTemplateExpr(p: Cursor): TemplateExpr {
  const open = p.read();
  const heredoc = p.type(open) === T.OHeredoc;
  const openRange = p.range(open);
  const raw = collectParts(p, heredoc ? T.CHeredoc : T.CQuote, openRange);
  if (heredoc && p.source.charCodeAt(p.start(open) + 2) === 45) flushHeredoc(raw);
  const parts = buildTemplateParts(p, meldLiterals(raw));
  return { kind: 'Template', parts, heredoc, range: rangeBetween(openRange, p.prevRange()) };
}

const trimStart = (s: string): string => s.replace(/^\s+/u, '');
const trimEnd = (s: string): string => s.replace(/\s+$/u, '');

const DIRECTIVE_KEYWORDS = ['if', 'for', 'else', 'endif', 'endfor'];

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Reads template tokens up to the closing `end` token into a flat list of literals, interpolations and
 * directive markers, applying escapes and strip markers (`~`) on the way.
 */
function collectParts(p: Cursor, end: T, openRange: Range): RawPart[] {
  const parts: RawPart[] = [];
  const startRange = p.nextRange();
  let ltrimNext = false;
  let nextCanTrimPrev = false;
  let endRange: Range;
  const trimPrevious = (opener: Token, canTrimPrev: boolean): void => {
    const last = parts[parts.length - 1];
    if (canTrimPrev && p.width(opener) === 3 && last !== undefined && last.k === 'lit') {
      last.value = trimEnd(last.value);
    }
  };
  const closeSequence = (): void => {
    const close = p.read();
    if (p.width(close) === 2) ltrimNext = true; // `~}`
  };

  for (;;) {
    const next = p.read();
    if (p.type(next) === end) {
      endRange = p.range(next);
      break;
    }
    const ltrim = ltrimNext;
    ltrimNext = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;

    if (p.type(next) === T.QuotedLit || p.type(next) === T.StringLit) {
      let value = p.type(next) === T.QuotedLit ? decodeQuoted(p, next) : decodeHeredoc(p.text(next));
      if (ltrim) value = trimStart(value);
      parts.push({ k: 'lit', value, range: p.range(next) });
      nextCanTrimPrev = true;
    } else if (p.type(next) === T.TemplateInterp) {
      trimPrevious(next, canTrimPrev);
      p.pushNewlines(false);
      const expr = parseExpression(p);
      const close = p.peek();
      if (p.type(close) !== T.TemplateSeqEnd) {
        if (!p.recovery) reportBadInterpEnd(p, close, end, startRange);
        p.recover(T.TemplateSeqEnd);
      } else {
        closeSequence();
      }
      p.popNewlines();
      parts.push({ k: 'interp', expr, range: rangeBetween(p.range(next), p.range(close)) });
    } else if (p.type(next) === T.TemplateControl) {
      trimPrevious(next, canTrimPrev);
      p.pushNewlines(false);
      const ok = collectDirective(p, next, parts);
      if (ok) {
        const close = p.peek();
        if (p.type(close) !== T.TemplateSeqEnd) {
          p.softError(`Extra characters in ${ok} marker`, 'Expected a closing brace to end the sequence, but found extra characters.',
            p.range(close));
          p.recover(T.TemplateSeqEnd);
        } else {
          closeSequence();
        }
      } else {
        p.recover(T.TemplateSeqEnd);
      }
      p.popNewlines();
    } else {
      p.softError('Unterminated template string', 'No closing marker was found for the string.', p.range(next));
      endRange = p.range(p.recover(end));
      break;
    }
  }

  if (parts.length === 0) parts.push({ k: 'lit', value: '', range: rangeAtEnd(openRange) });
  parts.push({ k: 'end', range: endRange });
  return parts;
}

function reportBadInterpEnd(p: Cursor, close: Token, end: T, startRange: Range): void {
  if (p.type(close) === T.EOF) {
    p.error('Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
      startRange);
  } else if (p.type(close) === T.Colon) {
    p.error('Extra characters after interpolation expression',
      'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
      p.range(close));
  } else if ((p.type(close) === T.CQuote || p.type(close) === T.OQuote) && end === T.CQuote) {
    p.error('Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
      startRange);
  } else {
    p.error('Extra characters after interpolation expression',
      'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
      p.range(close));
  }
}

/**
 * The inside of a `%{ ... }` directive up to (not including) its closing brace. Returns the keyword when the
 * directive was understood, or undefined after reporting why not (the caller then skips the sequence).
 */
function collectDirective(p: Cursor, opener: Token, parts: RawPart[]): string | undefined {
  const kw = p.peek();
  if (p.type(kw) !== T.Ident) {
    p.softError('Invalid template directive',
      'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.', p.range(kw));
    return undefined;
  }
  p.read();
  const word = p.text(kw);
  const openerRange = p.range(opener);
  const upToNext = (): Range => rangeBetween(openerRange, p.nextRange());
  if (word === 'if') {
    const condition = parseExpression(p);
    parts.push({ k: 'if', condition, range: upToNext() });
  } else if (word === 'else' || word === 'endif' || word === 'endfor') {
    parts.push({ k: word, range: upToNext() });
  } else if (word === 'for') {
    if (p.peekType() !== T.Ident) {
      p.softError("Invalid 'for' directive", "For directive requires variable name after 'for'.", p.nextRange());
      return undefined;
    }
    let valueVar = p.text(p.read());
    let keyVar: string | undefined;
    if (p.peekType() === T.Comma) {
      p.read();
      keyVar = valueVar;
      if (p.peekType() !== T.Ident) {
        p.softError("Invalid 'for' directive", 'For directive requires value variable name after comma.', p.nextRange());
        return undefined;
      }
      valueVar = p.text(p.read());
    }
    const inTok = p.peek();
    if (!p.isKeyword(inTok, 'in')) {
      p.softError("Invalid 'for' directive", "For directive requires 'in' keyword after names.", p.nextRange());
      return undefined;
    }
    p.read();
    const collection: Expr = parseExpression(p);
    parts.push({ k: 'for', keyVar, valueVar, collection, range: upToNext() });
  } else {
    const suggestion = DIRECTIVE_KEYWORDS.find((s) => levenshtein(word, s) < 3);
    p.softError('Invalid template control keyword',
      `${JSON.stringify(word)} is not a valid template control keyword.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''}`,
      p.range(kw));
    return undefined;
  }
  return word;
}
