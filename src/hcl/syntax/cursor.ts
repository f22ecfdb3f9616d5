import type { Diagnostic, Range } from '../source.js';
import type { LiteralExpr } from './ast.js';
import { LineIndex, T, oppositeBracket, type Token, type TokenList } from './token.js';

const MAX_DIAGNOSTICS = 1000;

/**
 * The parser's position in the token list plus everything the parse functions share: diagnostics, the
 * newline-sensitivity stack, the recovery flag and the nesting depth.
 *
 * Newlines end attributes and object items, but are ignored inside brackets, parentheses and `${ }`; the
 * stack holds whether they are currently visible. Once any recovery has happened, `recovery` stays set for
 * the rest of the parse, which (as in HCL) silences follow-on errors that are most likely noise.
 */
export class Cursor {
  readonly filename: string;
  readonly source: string;
  readonly tokens: TokenList;
  private readonly types: Uint8Array;
  private readonly lines: LineIndex;
  readonly diags: Diagnostic[] = [];
  /**
   * Error events so far, including refusals to nest deeper and errors past the report cap; a sub-parse failed
   * when this grew while it ran.
   */
  errors = 0;
  recovery = false;
  private next = 0;
  private readonly newlineStack: boolean[] = [true];
  private includeNewlines = true;
  private depth = 0;
  private readonly maxDepth: number;
  private toldTooDeep = false;

  constructor(filename: string, source: string, tokens: TokenList, maxDepth: number) {
    this.filename = filename;
    this.source = source;
    this.tokens = tokens;
    this.types = tokens.types;
    this.lines = new LineIndex(source);
    this.maxDepth = maxDepth;
  }

  /** The next token, skipping newlines while they are not significant; the last token is always EOF. */
  peek(): Token {
    const last = this.tokens.length - 1;
    let i = this.next;
    if (i > last) return last;
    if (!this.includeNewlines) {
      const types = this.types;
      while (i < last && types[i] === T.Newline) i++;
    }
    return i;
  }

  read(): Token {
    const i = this.peek();
    this.next = i + 1;
    return i;
  }

  type(tok: Token): T {
    return this.types[tok];
  }

  peekType(): T {
    return this.types[this.peek()];
  }

  start(tok: Token): number {
    return this.tokens.starts[tok];
  }

  end(tok: Token): number {
    return this.tokens.ends[tok];
  }

  /** Length of the token's text, in UTF-16 code units. */
  width(tok: Token): number {
    return this.tokens.ends[tok] - this.tokens.starts[tok];
  }

  /** Whether the token is the identifier `word` (for contextual keywords such as `for`, `in`, `if`). */
  isKeyword(tok: Token, word: string): boolean {
    return this.types[tok] === T.Ident && this.width(tok) === word.length && this.source.startsWith(word, this.tokens.starts[tok]);
  }

  range(tok: Token): Range {
    return this.rangeOf(this.tokens.starts[tok], this.tokens.ends[tok]);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { filename: this.filename, start: this.lines.pos(startOffset), end: this.lines.pos(endOffset) };
  }

  nextRange(): Range {
    return this.range(this.peek());
  }

  /** The range of the token read last (the first token when nothing was read yet). */
  prevRange(): Range {
    const i = this.next === 0 ? 0 : Math.min(this.next, this.tokens.length) - 1;
    return this.range(i);
  }

  text(tok: Token): string {
    return this.source.slice(this.tokens.starts[tok], this.tokens.ends[tok]);
  }

  pushNewlines(include: boolean): void {
    this.newlineStack.push(include);
    this.includeNewlines = include;
  }

  popNewlines(): void {
    if (this.newlineStack.length > 1) this.newlineStack.pop();
    this.includeNewlines = this.newlineStack[this.newlineStack.length - 1];
  }

  error(summary: string, detail: string, range: Range): void {
    this.errors++;
    this.report({ severity: 'error', summary, detail, range });
  }

  /** Keeps the list bounded: a pathological file could otherwise produce one diagnostic per line. */
  private report(d: Diagnostic): void {
    if (this.diags.length < MAX_DIAGNOSTICS) {
      this.diags.push(d);
    } else if (this.diags.length === MAX_DIAGNOSTICS) {
      this.diags.push({
        severity: 'error',
        summary: 'Too many errors',
        detail: `Only the first ${MAX_DIAGNOSTICS} problems in this file are reported.`,
        range: d.range,
      });
    }
  }

  /** Like `error`, but only while no recovery has happened yet (a silenced error does not count as one). */
  softError(summary: string, detail: string, range: Range): void {
    if (!this.recovery) this.error(summary, detail, range);
  }

  placeholder(range: Range): LiteralExpr {
    return { kind: 'Literal', value: null, range };
  }

  /**
   * Steps one nesting level deeper, or reports `Nesting too deep` (once per parse) and refuses. A refused
   * caller returns a placeholder without consuming anything; the callers above then skip the over-deep part
   * by bracket counting, which is a loop rather than recursion.
   */
  enter(at?: Range): boolean {
    if (this.depth >= this.maxDepth) {
      if (!this.toldTooDeep) {
        this.toldTooDeep = true;
        this.report({
          severity: 'error',
          summary: 'Nesting too deep',
          detail: `Blocks, brackets, parentheses, template sequences, operators and attribute or index steps may be nested at most ${this.maxDepth} levels deep; the content nested deeper than that was skipped.`,
          range: at ?? this.nextRange(),
        });
      }
      this.errors++;
      this.recovery = true;
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Skips to just after the token of type `end` that closes the current bracket, counting nested pairs of the
   * same bracket kind, or to EOF. Returns the token it stopped on.
   */
  recover(end: T): Token {
    const start = oppositeBracket(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const tok = this.read();
      let type = this.types[tok];
      if (end === T.TemplateSeqEnd && type === T.TemplateControl) type = T.TemplateInterp;
      if (type === start) {
        nest++;
      } else if (type === end) {
        if (nest < 1) return tok;
        nest--;
      } else if (type === T.EOF) {
        return tok;
      }
    }
  }

  /** Skips past the next bracketed group that opens with `start` (or to EOF). */
  recoverOver(start: T): void {
    for (;;) {
      const type = this.types[this.read()];
      if (type === start || type === T.EOF) break;
    }
    this.recover(oppositeBracket(start));
  }

  /** Skips to the newline that ends the current body item, ignoring newlines inside brackets. */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: T[] = [];
    for (;;) {
      const type: T = this.types[this.read()];
      switch (type) {
        case T.Newline:
          if (open.length === 0) return;
          break;
        case T.EOF:
          return;
        case T.OBrace:
        case T.OBrack:
        case T.OParen:
        case T.OQuote:
        case T.OHeredoc:
        case T.TemplateInterp:
        case T.TemplateControl:
          open.push(type);
          break;
        case T.CBrace:
        case T.CBrack:
        case T.CParen:
        case T.CQuote:
        case T.CHeredoc: {
          const opener = oppositeBracket(type);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case T.TemplateSeqEnd:
          while (open.length > 0 && open[open.length - 1] !== T.TemplateInterp && open[open.length - 1] !== T.TemplateControl) {
            open.pop();
          }
          if (open.length > 0) open.pop();
          break;
      }
    }
  }
}
