/**
 * A small checker for JSON read back from disk: it walks a parsed value and collects the path of every field
 * that is missing or has the wrong type, so that one message can name them all.
 */

export type Test = (value: unknown) => boolean;

export type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Test = (v) => typeof v === 'string';
export const isText: Test = (v) => typeof v === 'string' && v !== '';
export const isBoolean: Test = (v) => typeof v === 'boolean';
export const isTime: Test = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
export const isNumberAtLeast = (min: number): Test => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min;
export const isInteger: Test = (v) => Number.isInteger(v);
export const isIntegerIn = (min: number, max = Number.MAX_SAFE_INTEGER): Test => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
export const isOneOf = (...allowed: readonly string[]): Test => (v) => typeof v === 'string' && allowed.includes(v);

/** How many bad fields a message names before it only counts the rest. */
const NAMED = 5;

export class FieldCheck {
  readonly bad: string[] = [];

  /** A field that must be there and pass `test`. */
  required(obj: Fields, key: string, path: string, test: Test): void {
    if (!test(obj[key])) this.bad.push(join(path, key));
  }

  /** A field that may be absent; when present it must pass `test` (`null` is not absent). */
  optional(obj: Fields, key: string, path: string, test: Test): void {
    if (key in obj && obj[key] !== undefined && !test(obj[key])) this.bad.push(join(path, key));
  }

  /** A nested object that must be there (or may be absent when `optional`); its fields are checked by `each`. */
  object(obj: Fields, key: string, path: string, each: (inner: Fields, path: string) => void, optional = false): void {
    const value = obj[key];
    if (optional && !(key in obj)) return;
    if (!isObject(value)) this.bad.push(join(path, key));
    else each(value, join(path, key));
  }

  /** A list that must be there (or may be absent when `optional`) and whose entries are objects checked by `each`. */
  list(obj: Fields, key: string, path: string, each: (item: Fields, path: string) => void, optional = false): void {
    const value = obj[key];
    if (optional && !(key in obj)) return;
    const at = join(path, key);
    if (!Array.isArray(value)) {
      this.bad.push(at);
      return;
    }
    value.forEach((item, i) => {
      if (isObject(item)) each(item, `${at}[${i}]`);
      else this.bad.push(`${at}[${i}]`);
    });
  }

  /** `"a", "b.c" are missing or invalid`, naming at most five; undefined when nothing was wrong. */
  summary(): string | undefined {
    if (this.bad.length === 0) return undefined;
    const named = this.bad.slice(0, NAMED).map((p) => `"${p}"`).join(', ');
    const rest = this.bad.length - NAMED;
    const more = rest > 0 ? ` and ${rest} more` : '';
    return `${named}${more} ${this.bad.length === 1 ? 'is' : 'are'} missing or invalid`;
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
