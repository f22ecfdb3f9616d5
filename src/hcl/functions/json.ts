import { numberText, parseNumber } from '../cty/number.js';
import { typesEqual } from '../cty/type.js';
import { bool, NULL_DYNAMIC, num, object, str, tuple, type Val } from '../cty/value.js';

/**
 * cty's JSON: encoding writes object keys sorted, numbers in plain decimal and strings as Go's
 * encoding/json does; decoding gives objects and tuples (not maps and lists) with numbers parsed to
 * cty's precision, and Go's decoder's error messages.
 */

export class JsonError extends Error {}

/** Go's encoding/json string quoting: HTML-safe, control characters escaped, bad UTF-16 replaced. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** cty/json Marshal of a known value. */
export function encodeJson(v: Val): string {
  if (!v.isKnown) throw new JsonError('value is not known');
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string':
      return goJsonString(v.str);
    case 'number':
      if (v.num.isInf) throw new JsonError('cannot serialize infinity as JSON');
      return numberText(v.num);
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      return '[' + v.items.map(encodeJson).join(',') + ']';
    case 'map':
    case 'object':
      return '{' + [...v.entries].map(([k, e]) => goJsonString(k) + ':' + encodeJson(e)).join(',') + '}';
    default:
      throw new JsonError('cannot JSON-serialize dynamic');
  }
}

/** Go's %q for one character, as its JSON errors print them. */
export function quoteChar(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };
  if (named[c]) return `'${named[c]}'`;
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** cty's jsondecode: ImpliedType, then Unmarshal to it. */
export function decodeJson(text: string): Val {
  const p = new Parser(text);
  p.skipSpace();
  if (p.pos >= text.length) throw new JsonError('EOF');
  const v = p.value();
  p.skipSpace();
  if (p.pos < text.length && text[p.pos] !== ']' && text[p.pos] !== '}') throw new JsonError('extraneous data after JSON object');
  return v;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  /** The next token's first character; input ending between tokens is Go's plain EOF. */
  private peek(): string {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new JsonError('EOF');
    return c;
  }

  private bad(c: string, context: string): never {
    throw new JsonError(`invalid character ${quoteChar(c)}${context ? ` ${context}` : ''}`);
  }

  value(): Val {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return str(this.string());
    if (c === '-' || (c >= '0' && c <= '9')) return num(parseNumber(this.number())!);
    for (const [word, val] of [
      ['true', bool(true)],
      ['false', bool(false)],
      ['null', NULL_DYNAMIC],
    ] as const) {
      if (c === word[0]) {
        for (let i = 1; i < word.length; i++) {
          const got = this.text[this.pos + i];
          if (got === undefined) throw new JsonError('unexpected EOF');
          if (got !== word[i]) this.bad(got, `in literal ${word} (expecting '${word[i]}')`);
        }
        this.pos += word.length;
        return val;
      }
    }
    return this.bad(c, 'looking for beginning of value');
  }

  private object(): Val {
    this.pos++;
    const out = new Map<string, Val>();
    if (this.peek() === '}') {
      this.pos++;
      return object(out);
    }
    // Go's decoder names no context for the first key, only for a key after a comma.
    for (let first = true; ; first = false) {
      const k = this.peek();
      if (k !== '"') this.bad(k, first ? '' : 'looking for beginning of object key string');
      const key = this.string();
      const colon = this.peek();
      if (colon !== ':') this.bad(colon, 'after object key');
      this.pos++;
      const value = this.value();
      const existing = out.get(key);
      if (existing && !typesEqual(existing.type, value.type)) throw new JsonError(`duplicate ${JSON.stringify(key)} property in JSON object`);
      out.set(key, value);
      const sep = this.peek();
      this.pos++;
      if (sep === '}') return object(out);
      if (sep !== ',') this.bad(sep, 'after object key:value pair');
    }
  }

  private array(): Val {
    this.pos++;
    const out: Val[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return tuple(out);
    }
    for (;;) {
      out.push(this.value());
      const sep = this.peek();
      this.pos++;
      if (sep === ']') return tuple(out);
      if (sep !== ',') this.bad(sep, 'after array element');
    }
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = this.text[i];
      if (c === undefined) throw new JsonError('unexpected EOF');
      if (c === '"') break;
      if (c === '\\') {
        const e = this.text[i + 1];
        if (e === undefined) throw new JsonError('unexpected EOF');
        if (!'"\\/bfnrtu'.includes(e)) this.bad(e, 'in string escape code');
        if (e === 'u' && !/^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) {
          this.bad(this.text[i + 2] ?? '"', 'in \\u hexadecimal character escape');
        }
        i += e === 'u' ? 6 : 2;
        continue;
      }
      if (c < ' ') this.bad(c, 'in string literal');
      i++;
    }
    this.pos = i + 1;
    return (JSON.parse(this.text.slice(start, i + 1)) as string).replace(LONE_SURROGATE, '\ufffd');
  }

  private number(): string {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m || m[0] === '-') {
      const c = this.text[this.pos + 1];
      if (c === undefined) throw new JsonError('unexpected EOF');
      this.bad(c, 'in numeric literal');
    }
    this.pos += m[0].length;
    return m[0];
  }
}
