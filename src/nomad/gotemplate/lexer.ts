import { templateError, type Position } from './errors.js';

export type TokenKind =
  | 'text'
  | 'open'
  | 'close'
  | 'keyword'
  | 'ident'
  | 'field'
  | 'variable'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'declare'
  | 'assign'
  | 'eof';

export interface Token extends Position {
  kind: TokenKind;
  /** The source text; for `text` the text after trimming, for `field` the name without the dot. */
  text: string;
  /** Decoded value of `string`, `number` and `bool` tokens. */
  value?: string | number | boolean;
  /** Whether whitespace came right before the token inside an action (`$x .f` versus `$x.f`). */
  spaced: boolean;
}

export interface Delimiters {
  left: string;
  right: string;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const SPACE = new Set([' ', '\t', '\r', '\n']);
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.has(c);
const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);

/**
 * Splits a template into text and action tokens the way Go's text/template lexer does: `{{-` and
 * `-}}` trim the neighbouring whitespace, comment actions vanish, and actions may span lines.
 */
export function lex(input: string, delims: Delimiters): Token[] {
  return new Lexer(input, delims).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly lineStarts: number[] = [0];
  private spaced = false;
  private parens = 0;

  constructor(
    private readonly input: string,
    private readonly delims: Delimiters,
  ) {
    for (let i = 0; i < input.length; i++) if (input[i] === '\n') this.lineStarts.push(i + 1);
  }

  run(): Token[] {
    let trimNext = false;
    while (this.pos <= this.input.length) {
      const at = this.input.indexOf(this.delims.left, this.pos);
      const end = at === -1 ? this.input.length : at;
      let text = this.input.slice(this.pos, end);
      if (trimNext) {
        const trimmed = text.replace(/^[ \t\r\n]+/, '');
        this.pos += text.length - trimmed.length;
        text = trimmed;
      }
      const trimLeft = at !== -1 && this.input[at + this.delims.left.length] === '-' && isSpace(this.input[at + this.delims.left.length + 1]);
      if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
      if (text !== '') this.emit('text', text, this.pos);
      if (at === -1) break;
      this.pos = at + this.delims.left.length + (trimLeft ? 2 : 0);
      trimNext = this.input.startsWith('/*', this.pos) ? this.comment(at) : this.action(at);
    }
    this.emit('eof', '', this.input.length);
    return this.tokens;
  }

  /** Returns whether the closing delimiter asked for the following whitespace to be trimmed. */
  private comment(openAt: number): boolean {
    const close = this.input.indexOf('*/', this.pos + 2);
    if (close === -1) throw templateError('unclosed comment', this.position(openAt));
    this.pos = close + 2;
    const trim = this.atRightDelim();
    if (trim === undefined) throw templateError('comment ends before closing delimiter', this.position(this.pos));
    this.pos += (trim ? 2 : 0) + this.delims.right.length;
    return trim;
  }

  private action(openAt: number): boolean {
    this.emit('open', this.delims.left, openAt);
    this.parens = 0;
    this.spaced = false;
    for (;;) {
      const trim = this.atRightDelim();
      if (trim !== undefined) {
        if (this.parens > 0) throw templateError('unclosed left paren', this.position(this.pos));
        this.emit('close', this.delims.right, this.pos);
        this.pos += (trim ? 2 : 0) + this.delims.right.length;
        return trim;
      }
      const c = this.input[this.pos];
      if (c === undefined) throw templateError('unclosed action', this.position(openAt));
      if (isSpace(c)) {
        this.pos++;
        this.spaced = true;
        continue;
      }
      this.token(c);
      this.spaced = false;
    }
  }

  /** `true` for ` -}}`, `false` for `}}`, undefined when not at a closing delimiter. */
  private atRightDelim(): boolean | undefined {
    const s = this.input;
    if (isSpace(s[this.pos]) && s[this.pos + 1] === '-' && s.startsWith(this.delims.right, this.pos + 2)) return true;
    if (s.startsWith(this.delims.right, this.pos)) return false;
    return undefined;
  }

  private token(c: string): void {
    const start = this.pos;
    const s = this.input;
    switch (c) {
      case '|':
        this.pos++;
        return this.emit('pipe', '|', start);
      case ',':
        this.pos++;
        return this.emit('comma', ',', start);
      case '=':
        this.pos++;
        return this.emit('assign', '=', start);
      case ':':
        if (s[this.pos + 1] !== '=') throw templateError('expected :=', this.position(start));
        this.pos += 2;
        return this.emit('declare', ':=', start);
      case '(':
        this.pos++;
        this.parens++;
        return this.emit('lparen', '(', start);
      case ')':
        this.pos++;
        if (--this.parens < 0) throw templateError('unexpected right paren', this.position(start));
        return this.emit('rparen', ')', start);
      case '"':
        return this.quoted(start);
      case '`': {
        const close = s.indexOf('`', start + 1);
        if (close === -1) throw templateError('unterminated raw quoted string', this.position(start));
        this.pos = close + 1;
        return this.emit('string', s.slice(start, this.pos), start, s.slice(start + 1, close));
      }
      case "'":
        return this.char(start);
      case '$':
      case '.': {
        if (c === '.' && /[0-9]/.test(s[start + 1] ?? '')) return this.number(start);
        this.pos++;
        while (isAlnum(s[this.pos])) this.pos++;
        const name = s.slice(start + 1, this.pos);
        if (c === '.') return name === '' ? this.emit('dot', '.', start) : this.emit('field', name, start);
        return this.emit('variable', s.slice(start, this.pos), start);
      }
    }
    if (c === '+' || c === '-' || /[0-9]/.test(c)) return this.number(start);
    if (isAlnum(c)) {
      while (isAlnum(s[this.pos])) this.pos++;
      const word = s.slice(start, this.pos);
      if (word === 'true' || word === 'false') return this.emit('bool', word, start, word === 'true');
      if (word === 'nil') return this.emit('nil', word, start);
      return this.emit(KEYWORDS.has(word) ? 'keyword' : 'ident', word, start);
    }
    throw templateError(`unrecognized character in action: ${JSON.stringify(c)}`, this.position(start));
  }

  private number(start: number): void {
    const m = /[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)/y;
    m.lastIndex = start;
    const text = m.exec(this.input)?.[0] ?? '';
    this.pos = start + text.length;
    const digits = text.replace(/_/g, '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const body = digits.replace(/^[+-]/, '');
    const value = /^0[0-7]+$/.test(body) ? parseInt(body, 8) : Number(body);
    if (body === '' || body === '.' || Number.isNaN(value) || isAlnum(this.input[this.pos]) || this.input[this.pos] === '.') {
      while (isAlnum(this.input[this.pos]) || this.input[this.pos] === '.') this.pos++;
      throw templateError(`bad number syntax: "${this.input.slice(start, this.pos)}"`, this.position(start));
    }
    this.emit('number', text, start, sign * value);
  }

  private quoted(start: number): void {
    let out = '';
    let i = start + 1;
    const s = this.input;
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n') throw templateError('unterminated quoted string', this.position(start));
      if (c === '"') break;
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const [decoded, next] = this.escape(i, '"');
      out += decoded;
      i = next;
    }
    this.pos = i + 1;
    this.emit('string', s.slice(start, this.pos), start, out);
  }

  private char(start: number): void {
    const s = this.input;
    let value: string;
    let i = start + 1;
    if (s[i] === '\\') [value, i] = this.escape(i, "'");
    else {
      const cp = s.codePointAt(i);
      if (cp === undefined || s[i] === '\n' || s[i] === "'") throw templateError('unterminated character constant', this.position(start));
      value = String.fromCodePoint(cp);
      i += value.length;
    }
    if (s[i] !== "'") throw templateError('unterminated character constant', this.position(start));
    this.pos = i + 1;
    this.emit('number', s.slice(start, this.pos), start, value.codePointAt(0)!);
  }

  /** Decodes one backslash escape of a Go string or rune literal starting at `i`. */
  private escape(i: number, quote: string): [string, number] {
    const s = this.input;
    const c = s[i + 1];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (c !== undefined && c in simple) return [simple[c]!, i + 2];
    if (c === quote) return [quote, i + 2];
    const hex = { x: 2, u: 4, U: 8 }[c ?? ''];
    if (hex !== undefined) {
      const digits = s.slice(i + 2, i + 2 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw templateError('invalid escape in quoted string', this.position(i));
      const n = parseInt(digits, 16);
      if (n > 0x10ffff) throw templateError('invalid escape in quoted string', this.position(i));
      return [String.fromCodePoint(n), i + 2 + hex];
    }
    const octal = s.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal)) return [String.fromCharCode(parseInt(octal, 8)), i + 4];
    throw templateError('invalid escape in quoted string', this.position(i));
  }

  private emit(kind: TokenKind, text: string, offset: number, value?: string | number | boolean): void {
    const t: Token = { kind, text, ...this.position(offset), spaced: this.spaced };
    if (value !== undefined) t.value = value;
    this.tokens.push(t);
  }

  private position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}
