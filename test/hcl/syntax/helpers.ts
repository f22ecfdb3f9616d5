import type { Pos, Range } from '../../../src/hcl/source.js';

/** Position of `offset` in `source`, computed by plain counting (independently of the parser's own line index). */
export function posAt(source: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

export function rangeOf(filename: string, source: string, start: number, end: number): Range {
  return { filename, start: posAt(source, start), end: posAt(source, end) };
}

/**
 * Returns a function giving the range of the `nth` occurrence (0-based) of `needle` in `source`, so that
 * expected ranges in tests read as the text they cover.
 */
export function finder(filename: string, source: string): (needle: string, nth?: number) => Range {
  return (needle, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = source.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
    }
    return rangeOf(filename, source, at, at + needle.length);
  };
}

/** Range of the text from the start of `from` to the end of `to` (both located by `find`). */
export function spanning(a: Range, b: Range): Range {
  return { filename: a.filename, start: a.start, end: b.end };
}
