import type { Pos, Range } from '../source.js';

/** Token kinds produced by the lexer. Numeric so that comparisons in the parser's hot loops stay cheap. */
export const enum T {
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  OQuote,
  CQuote,
  OHeredoc,
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  Lt,
  Lte,
  Gt,
  Gte,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  DoubleColon,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  TemplateInterp,
  TemplateControl,
  TemplateSeqEnd,
  /** Literal text inside a quoted string; may hold backslash escapes. */
  QuotedLit,
  /** Literal text inside a heredoc; no backslash escapes. */
  StringLit,
  NumberLit,
  Ident,
  Newline,
  EOF,
  // Recognised only so that the parser and the lexer can explain what is wrong with them.
  BitwiseAnd,
  BitwiseOr,
  BitwiseNot,
  BitwiseXor,
  Apostrophe,
  Backtick,
  Semicolon,
  Invalid,
  QuotedNewline,
  /** Never produced; stands for "no opposite bracket". */
  Nil,
}

/** A token is its index in a `TokenList`; the parser never holds token objects. */
export type Token = number;

/**
 * All tokens of one source, as parallel typed arrays: a 4 MiB input can hold millions of tokens, and one
 * object per token would cost far more memory and garbage-collection time than the parse itself.
 */
export class TokenList {
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const cap = Math.max(16, capacity);
    this.types = new Uint8Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
  }

  push(type: T, start: number, end: number): void {
    if (this.length === this.types.length) this.grow();
    const i = this.length++;
    this.types[i] = type;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  private grow(): void {
    const cap = this.types.length * 2;
    const types = new Uint8Array(cap);
    types.set(this.types);
    const starts = new Int32Array(cap);
    starts.set(this.starts);
    const ends = new Int32Array(cap);
    ends.set(this.ends);
    this.types = types;
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Offsets to line/column positions. Lines break at `\n`; columns count UTF-16 code units from 1. Lookups are
 * mostly in increasing order, so the last line found is tried first before a binary search.
 */
export class LineIndex {
  private readonly lineStarts: Int32Array;
  private last = 0;

  constructor(source: string) {
    const starts: number[] = [source.charCodeAt(0) === 0xfeff ? 1 : 0];
    for (let nl = source.indexOf('\n'); nl >= 0; nl = source.indexOf('\n', nl + 1)) starts.push(nl + 1);
    this.lineStarts = Int32Array.from(starts);
  }

  pos(offset: number): Pos {
    const ls = this.lineStarts;
    let i = this.last;
    if (!(ls[i] <= offset && (i + 1 === ls.length || ls[i + 1] > offset))) {
      let lo = 0;
      let hi = ls.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ls[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
      this.last = i;
    }
    return { line: i + 1, column: offset - ls[i] + 1, offset };
  }
}

/** The range from the start of `a` to the end of `b`. */
export function rangeBetween(a: Range, b: Range): Range {
  return { filename: a.filename, start: a.start, end: b.end };
}

/** A zero-width range at the end of `r`. */
export function rangeAtEnd(r: Range): Range {
  return { filename: r.filename, start: r.end, end: r.end };
}

/** HCL's own textual form of a range (`file:line,col-col` or `file:line,col-line,col`), used inside details. */
export function hclRangeString(r: Range): string {
  if (r.start.line === r.end.line) {
    return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  }
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

/** The closing kind for an opening bracket and vice versa; `T.Nil` for anything else. */
export function oppositeBracket(type: T): T {
  switch (type) {
    case T.OBrace: return T.CBrace;
    case T.OBrack: return T.CBrack;
    case T.OParen: return T.CParen;
    case T.OQuote: return T.CQuote;
    case T.OHeredoc: return T.CHeredoc;
    case T.CBrace: return T.OBrace;
    case T.CBrack: return T.OBrack;
    case T.CParen: return T.OParen;
    case T.CQuote: return T.OQuote;
    case T.CHeredoc: return T.OHeredoc;
    case T.TemplateInterp: return T.TemplateSeqEnd;
    case T.TemplateControl: return T.TemplateSeqEnd;
    case T.TemplateSeqEnd: return T.TemplateInterp;
    default: return T.Nil;
  }
}
