import type { Diagnostic, Range } from '../source.js';
import type { Body, Expr, File } from './ast.js';
import { parseBody } from './body.js';
import { Cursor } from './cursor.js';
import { parseExpression as parseExpr } from './expression.js';
import { checkInvalidTokens } from './invalid-tokens.js';
import { lex } from './lexer.js';
import { T } from './token.js';

export interface ParseLimits {
  /** Largest accepted input, in UTF-8 bytes. Default 4 MiB. */
  maxBytes?: number;
  /**
   * Deepest accepted nesting of blocks, brackets, parentheses and template sequences; each binary operator and
   * each attribute or index step also nests its left side one level deeper. Default 256.
   */
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;

function positiveLimit(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function fileStart(filename: string): Range {
  const pos = { line: 1, column: 1, offset: 0 };
  return { filename, start: pos, end: pos };
}

/** One diagnostic when the input is over the size limit, else undefined. */
function sizeDiagnostic(filename: string, source: string, maxBytes: number): Diagnostic | undefined {
  // Every UTF-16 code unit is at least one UTF-8 byte and at most three.
  if (source.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return {
    severity: 'error',
    summary: 'File too large',
    detail: `This file is ${bytes} bytes long, more than the ${maxBytes} bytes that are accepted.`,
    range: fileStart(filename),
  };
}

/** Parsing is written not to throw; this turns anything unforeseen (such as a stack overflow) into a diagnostic. */
function unexpectedFailure(filename: string, err: unknown): Diagnostic {
  if (err instanceof RangeError) {
    return {
      severity: 'error',
      summary: 'Nesting too deep',
      detail: 'This file nests blocks or expressions too deeply to be parsed.',
      range: fileStart(filename),
    };
  }
  return {
    severity: 'error',
    summary: 'Failed to parse',
    detail: err instanceof Error ? err.message : String(err),
    range: fileStart(filename),
  };
}

function emptyBody(filename: string): Body {
  return { kind: 'Body', items: [], range: fileStart(filename) };
}

/** Parses a whole HCL native-syntax file. Never throws; on errors the body holds whatever could be parsed. */
export function parseFile(filename: string, source: string, limits?: ParseLimits): { file: File; diagnostics: Diagnostic[] } {
  const text = typeof source === 'string' ? source : String(source ?? '');
  const maxBytes = positiveLimit(limits?.maxBytes, DEFAULT_MAX_BYTES);
  const maxDepth = positiveLimit(limits?.maxDepth, DEFAULT_MAX_DEPTH);
  const tooBig = sizeDiagnostic(filename, text, maxBytes);
  if (tooBig) return { file: { filename, source: text, body: emptyBody(filename) }, diagnostics: [tooBig] };
  try {
    const tokens = lex(text);
    const p = new Cursor(filename, text, tokens, maxDepth);
    checkInvalidTokens(p);
    const body = parseBody(p, T.EOF, fileStart(filename));
    return { file: { filename, source: text, body }, diagnostics: p.diags };
  } catch (err) {
    return { file: { filename, source: text, body: emptyBody(filename) }, diagnostics: [unexpectedFailure(filename, err)] };
  }
}

/**
 * Parses a standalone expression (newlines are insignificant, as inside parentheses). `expr` is missing only
 * when the input was refused outright; otherwise it is the best-effort tree, with placeholders where it failed.
 */
export function parseExpression(filename: string, source: string, limits?: ParseLimits): { expr?: Expr; diagnostics: Diagnostic[] } {
  const text = typeof source === 'string' ? source : String(source ?? '');
  const maxBytes = positiveLimit(limits?.maxBytes, DEFAULT_MAX_BYTES);
  const maxDepth = positiveLimit(limits?.maxDepth, DEFAULT_MAX_DEPTH);
  const tooBig = sizeDiagnostic(filename, text, maxBytes);
  if (tooBig) return { diagnostics: [tooBig] };
  try {
    const tokens = lex(text);
    const p = new Cursor(filename, text, tokens, maxDepth);
    checkInvalidTokens(p);
    p.pushNewlines(false);
    const expr = parseExpr(p);
    const next = p.peek();
    if (p.type(next) !== T.EOF && !p.recovery) {
      p.error('Extra characters after expression', 'An expression was successfully parsed, but extra characters were found after it.',
        p.range(next));
    }
    p.popNewlines();
    return { expr, diagnostics: p.diags };
  } catch (err) {
    return { diagnostics: [unexpectedFailure(filename, err)] };
  }
}
