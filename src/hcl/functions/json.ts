import { newObject, type Value } from '../value.js';
import { numberToString } from './number-text.js';
import { sortedKeys } from './spec.js';
import { goJsonQuote } from './text.js';

/** cty's JSON encoding: object keys sorted, numbers in plain decimal, Go's HTML-safe string escapes. */
export function encodeJson(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonQuote(v);
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(encodeJson).join(',') + ']';
  return '{' + sortedKeys(v).map((k) => goJsonQuote(k) + ':' + encodeJson(v[k]!)).join(',') + '}';
}

export class JsonSyntaxError extends Error {}

/** Go's %q for one character, as its JSON errors print them. */
export function quoteChar(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/** Parses JSON with the error wording of Go's decoder (as cty reports it). */
export function decodeJson(text: string): Value {
  const p = new Parser(text);
  p.skipSpace();
  if (p.pos >= text.length) throw new JsonSyntaxError('EOF');
  const v = p.value();
  p.skipSpace();
  if (p.pos < text.length) throw new JsonSyntaxError('extraneous data after JSON object');
  return v;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  private peek(): string {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
    return c;
  }

  private bad(c: string, context: string): never {
    throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  }

  value(): Value {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, val] of [['true', true], ['false', false], ['null', null]] as const) {
      if (c === word[0]) {
        for (let i = 1; i < word.length; i++) {
          const got = this.text[this.pos + i];
          if (got === undefined) throw new JsonSyntaxError('unexpected EOF');
          if (got !== word[i]) this.bad(got, `in literal ${word} (expecting '${word[i]}')`);
        }
        this.pos += word.length;
        return val;
      }
    }
    return this.bad(c, 'looking for beginning of value');
  }

  private object(): Value {
    this.pos++;
    const out = newObject();
    if (this.peek() === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      const k = this.peek();
      if (k !== '"') this.bad(k, 'looking for beginning of object key string');
      const key = this.string();
      const colon = this.peek();
      if (colon !== ':') this.bad(colon, 'after object key');
      this.pos++;
      if (key in out) throw new JsonSyntaxError(`duplicate "${key}" property in JSON object`);
      out[key] = this.value();
      const sep = this.peek();
      this.pos++;
      if (sep === '}') return out;
      if (sep !== ',') this.bad(sep, 'after object key:value pair');
    }
  }

  private array(): Value {
    this.pos++;
    const out: Value[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      const sep = this.peek();
      this.pos++;
      if (sep === ']') return out;
      if (sep !== ',') this.bad(sep, 'after array element');
    }
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = this.text[i];
      if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
      if (c === '"') break;
      if (c === '\\') {
        const e = this.text[i + 1];
        if (e === undefined) throw new JsonSyntaxError('unexpected EOF');
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
    return JSON.parse(this.text.slice(start, i + 1)) as string;
  }

  private number(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m || m[0] === '-') {
      const c = this.text[this.pos + 1];
      if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
      this.bad(c, 'in numeric literal');
    }
    this.pos += m[0].length;
    return Number(m[0]);
  }
}
