import type { Range } from '../source.js';
import type { Cursor } from './cursor.js';
import type { Token } from './token.js';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** The range of `text[from, to)` inside the token. */
function subRange(p: Cursor, tok: Token, from: number, to: number): Range {
  const base = p.start(tok);
  return p.rangeOf(base + from, base + to);
}

/**
 * The value of literal text inside a quoted string: backslash escapes (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`)
 * and the template escapes `$${` and `%%{` are decoded; bad escapes are reported and kept as written.
 */
export function decodeQuoted(p: Cursor, tok: Token): string {
  const text = p.text(tok);
  if (text.indexOf('\\') < 0 && text.indexOf('$${') < 0 && text.indexOf('%%{') < 0) return text;
  const len = text.length;
  let out = '';
  let seg = 0;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      out += text.slice(seg, i);
      const sel = text.charCodeAt(i + 1);
      switch (sel) {
        case 110: out += '\n'; i += 2; break;
        case 114: out += '\r'; i += 2; break;
        case 116: out += '\t'; i += 2; break;
        case 34: out += '"'; i += 2; break;
        case 92: out += '\\'; i += 2; break;
        case 117: // u
        case 85: { // U
          const want = sel === 117 ? 4 : 8;
          let j = i + 2;
          while (j < i + 2 + want && isHex(text.charCodeAt(j))) j++;
          if (j - (i + 2) !== want) {
            p.error('Invalid escape sequence',
              sel === 117
                ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
                : 'The \\U escape sequence must be followed by eight hexadecimal digits.',
              subRange(p, tok, i, j));
            out += text.slice(i, j);
          } else {
            const cp = parseInt(text.slice(i + 2, j), 16);
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
              p.error('Invalid escape sequence',
                `Cannot encode character U+${cp.toString(16).padStart(4, '0')} in UTF-8.`, subRange(p, tok, i, j));
              out += text.slice(i, j);
            } else {
              out += String.fromCodePoint(cp);
            }
          }
          i = j;
          break;
        }
        default: {
          const cp = text.codePointAt(i + 1) as number;
          const width = cp > 0xffff ? 2 : 1;
          const symbol = text.slice(i + 1, i + 1 + width);
          p.error('Invalid escape sequence', `The symbol ${JSON.stringify(symbol)} is not a valid escape sequence selector.`,
            subRange(p, tok, i, i + 1 + width));
          out += symbol;
          i += 1 + width;
        }
      }
      seg = i;
    } else if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      out += text.slice(seg, i) + (c === 36 ? '${' : '%{');
      i += 3;
      seg = i;
    } else {
      i++;
    }
  }
  return out + text.slice(seg);
}

/** The value of literal text inside a heredoc: only `$${` and `%%{` are escapes there. */
export function decodeHeredoc(text: string): string {
  if (text.indexOf('$${') < 0 && text.indexOf('%%{') < 0) return text;
  let out = '';
  let seg = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      out += text.slice(seg, i) + (c === 36 ? '${' : '%{');
      i += 3;
      seg = i;
    } else {
      i++;
    }
  }
  return out + text.slice(seg);
}
