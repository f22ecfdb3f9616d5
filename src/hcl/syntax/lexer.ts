import { T, TokenList } from './token.js';

/**
 * Turns HCL native-syntax source into a flat token list, ending with one EOF token.
 *
 * Quoted strings and heredocs are scanned as runs of template tokens (literal text, `${`/`%{` openers and the
 * `}` that closes them), with the same boundaries as HCL's own scanner wherever they change the result (heredoc
 * lines, escapes, strip markers), so that the parser can recover and report exactly as HCL does. The scanner is
 * iterative (an explicit mode stack), so no input can exhaust the call stack here. Positions are computed
 * later from offsets (see `LineIndex`).
 */
export function lex(source: string): TokenList {
  return new Lexer(source).run();
}

const enum Mode {
  Main,
  String,
  Heredoc,
}

interface HeredocState {
  marker: string;
  startOfLine: boolean;
}

const ID_START = /\p{ID_Start}/u;
const ID_CONTINUE = /\p{ID_Continue}/u;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentContinue(c: number): boolean {
  return isAsciiIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

class Lexer {
  private readonly src: string;
  private readonly tokens: TokenList;
  private pos = 0;
  private readonly modes: Mode[] = [Mode.Main];
  private readonly heredocs: HeredocState[] = [];
  private braces = 0;
  private readonly retBraces: number[] = [];

  constructor(src: string) {
    this.src = src;
    // Typical sources hold a token every five or six characters.
    this.tokens = new TokenList((src.length >> 2) + 16);
    // A UTF-8 byte order mark is not part of the text.
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): TokenList {
    const len = this.src.length;
    while (this.pos < len) {
      const mode = this.modes[this.modes.length - 1];
      if (mode === Mode.Main) this.scanMain();
      else if (mode === Mode.String) this.scanString();
      else this.scanHeredoc();
    }
    this.emit(T.EOF, len, len);
    return this.tokens;
  }

  private emit(type: T, start: number, end: number): void {
    this.tokens.push(type, start, end);
    this.pos = end;
  }

  private at(i: number): number {
    return this.src.charCodeAt(i); // NaN past the end, which matches nothing below
  }

  private scanMain(): void {
    const i = this.pos;
    const c = this.at(i);
    const n = this.at(i + 1);
    switch (c) {
      case 32: // space
      case 9: // tab
        this.pos = i + 1;
        return;
      case 10:
        return this.emit(T.Newline, i, i + 1);
      case 13:
        if (n === 10) return this.emit(T.Newline, i, i + 2);
        return this.emit(T.Invalid, i, i + 1);
      case 35: // #
        return this.lineComment(i);
      case 47: // /
        if (n === 47) return this.lineComment(i);
        if (n === 42) {
          const close = this.src.indexOf('*/', i + 2);
          if (close >= 0) {
            this.pos = close + 2;
            return;
          }
        }
        return this.emit(T.Slash, i, i + 1);
      case 34: // "
        this.emit(T.OQuote, i, i + 1);
        this.modes.push(Mode.String);
        return;
      case 60: // <
        if (n === 60 && this.heredocOpener(i)) return;
        if (n === 61) return this.emit(T.Lte, i, i + 2);
        return this.emit(T.Lt, i, i + 1);
      case 62: // >
        if (n === 61) return this.emit(T.Gte, i, i + 2);
        return this.emit(T.Gt, i, i + 1);
      case 61: // =
        if (n === 61) return this.emit(T.EqualOp, i, i + 2);
        if (n === 62) return this.emit(T.FatArrow, i, i + 2);
        return this.emit(T.Equal, i, i + 1);
      case 33: // !
        if (n === 61) return this.emit(T.NotEqual, i, i + 2);
        return this.emit(T.Bang, i, i + 1);
      case 38: // &
        if (n === 38) return this.emit(T.And, i, i + 2);
        return this.emit(T.BitwiseAnd, i, i + 1);
      case 124: // |
        if (n === 124) return this.emit(T.Or, i, i + 2);
        return this.emit(T.BitwiseOr, i, i + 1);
      case 58: // :
        if (n === 58) return this.emit(T.DoubleColon, i, i + 2);
        return this.emit(T.Colon, i, i + 1);
      case 46: // .
        if (n === 46 && this.at(i + 2) === 46) return this.emit(T.Ellipsis, i, i + 3);
        return this.emit(T.Dot, i, i + 1);
      case 123: // {
        this.braces++;
        return this.emit(T.OBrace, i, i + 1);
      case 125: // }
        return this.closeBrace(i, 1, false);
      case 126: // ~
        if (n === 125) return this.closeBrace(i, 2, true);
        return this.emit(T.BitwiseNot, i, i + 1);
      case 91: return this.emit(T.OBrack, i, i + 1);
      case 93: return this.emit(T.CBrack, i, i + 1);
      case 40: return this.emit(T.OParen, i, i + 1);
      case 41: return this.emit(T.CParen, i, i + 1);
      case 44: return this.emit(T.Comma, i, i + 1);
      case 42: return this.emit(T.Star, i, i + 1);
      case 37: return this.emit(T.Percent, i, i + 1);
      case 43: return this.emit(T.Plus, i, i + 1);
      case 45: return this.emit(T.Minus, i, i + 1);
      case 63: return this.emit(T.Question, i, i + 1);
      case 94: return this.emit(T.BitwiseXor, i, i + 1);
      case 59: return this.emit(T.Semicolon, i, i + 1);
      case 96: return this.emit(T.Backtick, i, i + 1);
      case 39: return this.emit(T.Apostrophe, i, i + 1);
    }
    if (isDigit(c)) return this.emit(T.NumberLit, i, this.numberEnd(i));
    const identEnd = this.identEnd(i);
    if (identEnd > i) return this.emit(T.Ident, i, identEnd);
    return this.emit(T.Invalid, i, i + this.codePointLength(i));
  }

  private codePointLength(i: number): number {
    const c = this.at(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.at(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return 1;
  }

  /** The end of an identifier starting at `i`, or `i` when none starts there. */
  private identEnd(i: number): number {
    const src = this.src;
    const c = src.charCodeAt(i);
    if (isAsciiIdentStart(c)) {
      i++;
    } else if (c >= 128) {
      const cp = src.codePointAt(i) as number;
      if (!ID_START.test(String.fromCodePoint(cp))) return i;
      i += cp > 0xffff ? 2 : 1;
    } else {
      return i;
    }
    for (;;) {
      const d = src.charCodeAt(i);
      if (isAsciiIdentContinue(d)) {
        i++;
      } else if (d >= 128) {
        const cp = src.codePointAt(i) as number;
        if (!ID_CONTINUE.test(String.fromCodePoint(cp))) return i;
        i += cp > 0xffff ? 2 : 1;
      } else {
        return i;
      }
    }
  }

  /** Digits, dots and exponents, as HCL's scanner takes them; a trailing dot is left for the next token. */
  private numberEnd(i: number): number {
    let j = i + 1;
    let lastGood = j;
    for (;;) {
      const c = this.at(j);
      if (isDigit(c)) {
        j++;
        lastGood = j;
      } else if (c === 46) {
        j++;
      } else if (c === 101 || c === 69) {
        let k = j + 1;
        const s = this.at(k);
        if (s === 43 || s === 45) k++;
        if (!isDigit(this.at(k))) break;
        j = k + 1;
        lastGood = j;
      } else {
        break;
      }
    }
    return lastGood;
  }

  private lineComment(i: number): void {
    const nl = this.src.indexOf('\n', i);
    if (nl < 0) {
      this.pos = this.src.length;
      return;
    }
    // A line comment stands for the newline that ends it.
    this.emit(T.Newline, i, nl + 1);
  }

  private heredocOpener(i: number): boolean {
    let j = i + 2;
    if (this.at(j) === 45) j++;
    const identEnd = this.identEnd(j);
    if (identEnd === j) return false;
    let end: number;
    if (this.at(identEnd) === 10) end = identEnd + 1;
    else if (this.at(identEnd) === 13 && this.at(identEnd + 1) === 10) end = identEnd + 2;
    else return false;
    this.emit(T.OHeredoc, i, end);
    this.heredocs.push({ marker: this.src.slice(j, identEnd), startOfLine: true });
    this.modes.push(Mode.Heredoc);
    return true;
  }

  private closeBrace(i: number, width: number, eatsWhitespace: boolean): void {
    const rb = this.retBraces;
    if (rb.length > 0 && rb[rb.length - 1] === this.braces) {
      this.emit(T.TemplateSeqEnd, i, i + width);
      this.braces--;
      rb.pop();
      this.modes.pop();
      return;
    }
    // A stray `~}` still comes out as a sequence end so that the parser can say what is wrong with it.
    this.emit(eatsWhitespace ? T.TemplateSeqEnd : T.CBrace, i, i + width);
    this.braces--;
  }

  /** `${`, `${~`, `%{` or `%{~` at `i`: enter an interpolation or directive. */
  private templateOpener(i: number, type: T): void {
    const width = this.at(i + 2) === 126 ? 3 : 2;
    this.emit(type, i, i + width);
    this.braces++;
    this.retBraces.push(this.braces);
    const hd = this.heredocs.length;
    if (hd > 0) this.heredocs[hd - 1].startOfLine = false;
    this.modes.push(Mode.Main);
  }

  private scanString(): void {
    const i = this.pos;
    const c = this.at(i);
    const n = this.at(i + 1);
    if (c === 34) {
      this.emit(T.CQuote, i, i + 1);
      this.modes.pop();
      return;
    }
    if (c === 36 && n === 123) return this.templateOpener(i, T.TemplateInterp);
    if (c === 37 && n === 123) return this.templateOpener(i, T.TemplateControl);
    if (c === 10 || c === 13) {
      let j = i + 1;
      for (let d = this.at(j); d === 10 || d === 13; d = this.at(++j));
      return this.emit(T.QuotedNewline, i, j);
    }
    if (c === 92 && (n === 10 || n === 13 || Number.isNaN(n))) return this.emit(T.Invalid, i, i + 1);
    let j = i;
    for (;;) {
      const d = this.at(j);
      if (d === 34 || d === 10 || d === 13 || Number.isNaN(d)) break;
      if (d === 92) {
        const e = this.at(j + 1);
        if (e === 10 || e === 13 || Number.isNaN(e)) break;
        j += 2;
      } else if (d === 36 || d === 37) {
        const e = this.at(j + 1);
        if (e === 123) break;
        j += e === d && this.at(j + 2) === 123 ? 3 : 1;
      } else {
        j++;
      }
    }
    this.emit(T.QuotedLit, i, j);
  }

  private scanHeredoc(): void {
    const src = this.src;
    const i = this.pos;
    const doc = this.heredocs[this.heredocs.length - 1];
    if (doc.startOfLine) {
      const nl = src.indexOf('\n', i);
      if (nl >= 0 && src.slice(i, nl).trim() === doc.marker) {
        const contentEnd = nl > i && src.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.emit(T.CHeredoc, i, contentEnd);
        this.emit(T.Newline, contentEnd, nl + 1);
        this.heredocs.pop();
        this.modes.pop();
        return;
      }
    }
    const c = this.at(i);
    const n = this.at(i + 1);
    if (c === 36 && n === 123) return this.templateOpener(i, T.TemplateInterp);
    if (c === 37 && n === 123) return this.templateOpener(i, T.TemplateControl);
    let j = i;
    for (;;) {
      const d = this.at(j);
      if (Number.isNaN(d)) break;
      if (d === 10) {
        this.emit(T.StringLit, i, j + 1);
        doc.startOfLine = true;
        return;
      }
      if (d === 36 || d === 37) {
        const e = this.at(j + 1);
        if (e === 123) break;
        j += e === d && this.at(j + 2) === 123 ? 3 : 1;
      } else {
        j++;
      }
    }
    doc.startOfLine = false;
    this.emit(T.StringLit, i, j);
  }
}
