import { newObject, type Value } from '../value.js';

/** YAML flow style (`[a, b]`, `{k: v}`) and quoted scalars, possibly spread over several lines. */

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** Folds line breaks inside a quoted scalar: one break becomes a space, each blank line a newline. */
function foldBreaks(s: string): string {
  return s.replace(/[ \t]*\n([ \t]*\n)*[ \t]*/g, (m) => {
    const breaks = (m.match(/\n/g) ?? []).length;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

export function unquoteDouble(inner: string): string {
  let out = '';
  const parts = inner.split(/(\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n[ \t]*|[\s\S]))/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      out += foldBreaks(part);
      return;
    }
    const e = part.slice(1);
    if (e.startsWith('\n')) return;
    if (/^[xuU]/.test(e) && e.length > 1) out += String.fromCodePoint(parseInt(e.slice(1), 16));
    else if (ESCAPES[e] !== undefined) out += ESCAPES[e];
    else throw new Error(`found unknown escape character while parsing a quoted scalar`);
  });
  return out;
}

export function parseFlow(text: string): Value {
  const p = new FlowParser(text);
  const v = p.value();
  p.space();
  if (p.pos < text.length) throw new Error('did not find expected <document start>');
  return v;
}

class FlowParser {
  pos = 0;
  constructor(private readonly s: string) {}

  space(): void {
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (c === '#' && (this.pos === 0 || /\s/.test(this.s[this.pos - 1]!))) {
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
      } else if (/\s/.test(c)) this.pos++;
      else break;
    }
  }

  value(): Value {
    this.space();
    const c = this.s[this.pos];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    if (c === '"' || c === "'") return this.quoted();
    return resolvePlain(this.plain());
  }

  private quoted(): string {
    const q = this.s[this.pos]!;
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.s.length) throw new Error('found unexpected end of stream while scanning a quoted scalar');
      const c = this.s[i]!;
      if (q === '"' && c === '\\') i += 2;
      else if (q === "'" && c === "'" && this.s[i + 1] === "'") i += 2;
      else if (c === q) break;
      else i++;
    }
    const inner = this.s.slice(this.pos + 1, i);
    this.pos = i + 1;
    return q === '"' ? unquoteDouble(inner) : foldBreaks(inner).replaceAll("''", "'");
  }

  private plain(): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (',[]{}'.includes(c)) break;
      if (c === ':' && /^[\s,[\]{}]?$/.test(this.s[this.pos + 1] ?? '')) break;
      if (c === '#' && /\s/.test(this.s[this.pos - 1] ?? '')) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos).replace(/\s+/g, ' ').trim();
  }

  private expect(c: string): void {
    this.space();
    if (this.s[this.pos] !== c) throw new Error(`did not find expected ',' or '${c === ':' ? '}' : c}'`);
    this.pos++;
  }

  private seq(): Value[] {
    this.pos++;
    const out: Value[] = [];
    for (;;) {
      this.space();
      if (this.s[this.pos] === ']') break;
      const item = this.value();
      this.space();
      if (this.s[this.pos] === ':') {
        this.pos++;
        out.push(newObject([[keyText(item), this.value()]]));
      } else out.push(item);
      this.space();
      if (this.s[this.pos] !== ',') break;
      this.pos++;
    }
    this.expect(']');
    return out;
  }

  private map(): Value {
    this.pos++;
    const out = newObject();
    for (;;) {
      this.space();
      if (this.s[this.pos] === '}') break;
      const key = keyText(this.value());
      this.space();
      let v: Value = null;
      if (this.s[this.pos] === ':') {
        this.pos++;
        v = this.value();
      }
      if (key in out) throw new Error(`mapping key ${JSON.stringify(key)} already defined`);
      out[key] = v;
      this.space();
      if (this.s[this.pos] !== ',') break;
      this.pos++;
    }
    this.expect('}');
    return out;
  }
}

function keyText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'object') throw new Error('complex mapping keys are not supported');
  return String(v);
}

/** YAML 1.2 core schema resolution of an unquoted scalar. */
export function resolvePlain(text: string): Value {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) throw new Error('NaN cannot be represented');
  return text;
}
