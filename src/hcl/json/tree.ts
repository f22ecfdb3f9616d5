import type { Diagnostic, Pos, Range } from '../source.js';
import { LineIndex as SourceLines } from '../syntax/token.js';

/**
 * A JSON document with the position of every value and property name, for HCL's JSON syntax: job files
 * written as `.json` and JSON var files. Strings keep the offset of each decoded character in the file,
 * so that templates inside them point at the right column even after escapes.
 */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

export interface JsonObject {
  kind: 'object';
  members: JsonMember[];
  range: Range;
}

export interface JsonMember {
  name: string;
  nameRange: Range;
  value: JsonNode;
  range: Range;
}

export interface JsonArray {
  kind: 'array';
  items: JsonNode[];
  range: Range;
}

export interface JsonString {
  kind: 'string';
  value: string;
  range: Range;
  /** The file offset of each UTF-16 unit of `value`, and one more for its end. */
  offsets: number[];
}

export interface JsonScalar {
  kind: 'number' | 'bool' | 'null';
  value: number | boolean | null;
  /** a number's source text, which cty parses to more precision than a double has */
  text?: string;
  range: Range;
}

/** Where a position in the file is: line and column from an offset. */
export interface LineIndex {
  pos(offset: number): Pos;
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** Deeper than any job file needs, and shallow enough that the recursive reader cannot exhaust the stack. */
const MAX_DEPTH = 200;

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a JSON document; on a syntax error, one diagnostic at its place and no tree. */
export function parseJson(filename: string, text: string, diags: Diagnostic[]): { root?: JsonNode; lines: LineIndex } {
  const reader = new JsonReader(filename, text);
  try {
    return { root: reader.document(), lines: reader };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = reader.pos(err.offset);
    diags.push({ severity: 'error', summary: 'Invalid JSON', detail: err.message, range: { filename, start: at, end: at } });
    return { lines: reader };
  }
}

class JsonReader implements LineIndex {
  private i = 0;
  private depth = 0;
  private readonly lines: SourceLines;

  constructor(
    readonly filename: string,
    private readonly text: string,
  ) {
    this.lines = new SourceLines(text);
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  pos(offset: number): Pos {
    return this.lines.pos(offset);
  }

  private range(start: number, end: number): Range {
    return { filename: this.filename, start: this.pos(start), end: this.pos(end) };
  }

  document(): JsonNode {
    this.space();
    const root = this.value();
    this.space();
    if (this.i < this.text.length) throw new JsonSyntaxError(this.i, 'Extra characters after the JSON value.');
    return root;
  }

  private value(): JsonNode {
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) throw new JsonSyntaxError(this.i, `Values nested more than ${MAX_DEPTH} levels deep are not accepted.`);
      const node = c === '{' ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (c === '"') return this.string();
    const start = this.i;
    LITERAL.lastIndex = start;
    const m = LITERAL.exec(this.text);
    if (!m) throw new JsonSyntaxError(start, 'Expected a JSON value: an object, an array, a string, a number, true, false or null.');
    this.i += m[0].length;
    const range = this.range(start, this.i);
    if (m[0] === 'null') return { kind: 'null', value: null, range };
    if (m[0] === 'true' || m[0] === 'false') return { kind: 'bool', value: m[0] === 'true', range };
    return { kind: 'number', value: Number(m[0]), text: m[0], range };
  }

  private object(): JsonObject {
    const start = this.i++;
    const members: JsonMember[] = [];
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'object', members, range: this.range(start, this.i) };
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new JsonSyntaxError(this.i, 'Expected a property name in double quotes.');
      const name = this.string();
      this.space();
      if (this.text[this.i] !== ':') throw new JsonSyntaxError(this.i, 'Expected a colon after the property name.');
      this.i++;
      this.space();
      const value = this.value();
      members.push({ name: name.value, nameRange: name.range, value, range: { ...name.range, end: value.range.end } });
      this.space();
      const c = this.text[this.i++];
      if (c === '}') return { kind: 'object', members, range: this.range(start, this.i) };
      if (c !== ',') throw new JsonSyntaxError(this.i - 1, 'Expected a comma or a closing brace.');
    }
  }

  private array(): JsonArray {
    const start = this.i++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'array', items, range: this.range(start, this.i) };
    }
    for (;;) {
      this.space();
      items.push(this.value());
      this.space();
      const c = this.text[this.i++];
      if (c === ']') return { kind: 'array', items, range: this.range(start, this.i) };
      if (c !== ',') throw new JsonSyntaxError(this.i - 1, 'Expected a comma or a closing bracket.');
    }
  }

  private string(): JsonString {
    const start = this.i++;
    let value = '';
    const offsets: number[] = [];
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) throw new JsonSyntaxError(start, 'This string has no closing quote.');
      if (c === '"') break;
      if (c < ' ') throw new JsonSyntaxError(this.i, 'Control characters, newlines among them, must be escaped in JSON strings.');
      if (c !== '\\') {
        offsets.push(this.i);
        value += c;
        this.i++;
        continue;
      }
      const e = this.text[this.i + 1] ?? '';
      if (e in ESCAPES) {
        offsets.push(this.i);
        value += ESCAPES[e];
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
        offsets.push(this.i);
        value += String.fromCharCode(parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        throw new JsonSyntaxError(this.i, `Invalid escape sequence "\\${e}" in a JSON string.`);
      }
    }
    offsets.push(this.i);
    this.i++;
    return { kind: 'string', value, range: this.range(start, this.i), offsets };
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i]!)) this.i++;
  }
}
