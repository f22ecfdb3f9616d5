import type { Diagnostic, Pos, Range } from '../source.js';
import { newObject, type Value } from '../value.js';
import { errorDiag, rangeString } from './eval-error.js';

/** One top-level `"name": value` of a JSON var file, with where it is written. */
export interface JsonMember {
  name: string;
  nameRange: Range;
  value: Value;
  valueRange: Range;
  range: Range;
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON object, keeping the positions of its top-level members so that problems with a value
 * point into the var file. Values are taken literally, as HCL's JSON syntax does without a context.
 */
export function parseJsonMembers(filename: string, text: string, diags: Diagnostic[]): JsonMember[] {
  const reader = new JsonReader(filename, text);
  try {
    return reader.document(diags);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = reader.pos(err.offset);
    diags.push(errorDiag('Invalid JSON', err.message, { filename, start: at, end: at }));
    return [];
  }
}

class JsonReader {
  private i = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly filename: string,
    private readonly text: string,
  ) {
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') this.lineStarts.push(k + 1);
  }

  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1, offset };
  }

  private range(start: number, end: number): Range {
    return { filename: this.filename, start: this.pos(start), end: this.pos(end) };
  }

  document(diags: Diagnostic[]): JsonMember[] {
    this.space();
    if (this.text[this.i] !== '{') {
      throw new JsonSyntaxError(this.i, 'The root value of a JSON var file must be an object of variable names and values.');
    }
    const members: JsonMember[] = [];
    this.members((name, nameStart, nameEnd) => {
      const valueStart = this.i;
      const value = this.value();
      const member = {
        name,
        nameRange: this.range(nameStart, nameEnd),
        value,
        valueRange: this.range(valueStart, this.i),
        range: this.range(nameStart, this.i),
      };
      const first = members.find((m) => m.name === name);
      if (first) {
        diags.push(
          errorDiag('Duplicate argument', `The argument "${name}" was already set at ${rangeString(first.nameRange)}.`, member.nameRange),
        );
      } else {
        members.push(member);
      }
    });
    this.space();
    if (this.i < this.text.length) throw new JsonSyntaxError(this.i, 'Unexpected text after the JSON object.');
    return members;
  }

  private members(onMember: (name: string, nameStart: number, nameEnd: number) => void): void {
    this.i++; // {
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new JsonSyntaxError(this.i, 'Expected a property name in double quotes.');
      const nameStart = this.i;
      const name = this.string();
      const nameEnd = this.i;
      this.space();
      if (this.text[this.i] !== ':') throw new JsonSyntaxError(this.i, 'Expected a colon after the property name.');
      this.i++;
      this.space();
      onMember(name, nameStart, nameEnd);
      this.space();
      const c = this.text[this.i++];
      if (c === '}') return;
      if (c !== ',') throw new JsonSyntaxError(this.i - 1, 'Expected a comma or a closing brace.');
    }
  }

  private value(): Value {
    const c = this.text[this.i];
    if (c === '{') {
      const o = newObject();
      this.members((name) => {
        o[name] = this.value();
      });
      return o;
    }
    if (c === '[') {
      this.i++;
      const items: Value[] = [];
      this.space();
      if (this.text[this.i] === ']') {
        this.i++;
        return items;
      }
      for (;;) {
        this.space();
        items.push(this.value());
        this.space();
        const d = this.text[this.i++];
        if (d === ']') return items;
        if (d !== ',') throw new JsonSyntaxError(this.i - 1, 'Expected a comma or a closing bracket.');
      }
    }
    if (c === '"') return this.string();
    const m = this.match(LITERAL);
    if (!m) throw new JsonSyntaxError(this.i, 'Expected a JSON value.');
    this.i += m[0].length;
    return JSON.parse(m[0]) as Value;
  }

  private string(): string {
    const m = this.match(STRING);
    if (!m) throw new JsonSyntaxError(this.i, 'Invalid string literal.');
    this.i += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    return re.exec(this.text);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i]!)) this.i++;
  }
}
