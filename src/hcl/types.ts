import type { Range } from './source.js';
import type { Expr, ObjectExpr } from './syntax/ast.js';
import { isObject, newObject, type Value, type ValueObject } from './value.js';
import { numberToString } from './functions/number-text.js';
import { typeOf, unify } from './functions/type-unify.js';
import { compareStrings } from './functions/text.js';

/** A type constraint, as written in a `variable` block's `type` or a function's parameter. */
export type Type =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'list'; element: Type }
  | { kind: 'set'; element: Type }
  | { kind: 'map'; element: Type }
  | { kind: 'tuple'; elements: Type[] }
  | { kind: 'object'; attributes: ObjectAttribute[] };

export interface ObjectAttribute {
  name: string;
  type: Type;
  /** declared with `optional(...)`: may be absent, and then takes `default` (or null) */
  optional: boolean;
  default?: Value;
}

/** A `type = ...` expression that is not a valid type constraint. */
export class TypeExprError extends Error {
  readonly summary = 'Invalid type specification';
  readonly detail: string;
  readonly range?: Range;
  constructor(detail: string, range?: Range) {
    super(`Invalid type specification; ${detail}`);
    this.name = 'TypeExprError';
    this.detail = detail;
    this.range = range;
  }
}

/** A value that does not fit a type; `path` leads to the offending element or attribute. */
export class ConversionError extends Error {
  readonly path: (string | number)[];
  constructor(message: string, path: (string | number)[] = []) {
    super(message);
    this.name = 'ConversionError';
    this.path = path;
  }
}

const PRIMITIVES = new Set(['string', 'number', 'bool', 'any']);
const COLLECTIONS = new Set(['list', 'set', 'map']);

export function parseType(expr: Expr): Type {
  return parseTypeIn(expr, false).type;
}

interface ParsedAttr {
  type: Type;
  optional: boolean;
  default?: Value;
}

function parseTypeIn(expr: Expr, inObjectAttr: boolean): ParsedAttr {
  if (expr.kind === 'Parens') return parseTypeIn(expr.expr, inObjectAttr);
  if (expr.kind === 'Variable') {
    if (PRIMITIVES.has(expr.name)) return { type: { kind: expr.name } as Type, optional: false };
    if (COLLECTIONS.has(expr.name)) {
      throw new TypeExprError(`The ${expr.name} type constructor requires one argument specifying the element type.`, expr.range);
    }
    if (expr.name === 'object') throw new TypeExprError(OBJECT_ARG, expr.range);
    if (expr.name === 'tuple') throw new TypeExprError(TUPLE_ARG, expr.range);
    if (expr.name === 'optional') throw new TypeExprError(OPTIONAL_ONLY, expr.range);
    throw new TypeExprError(`The keyword "${expr.name}" is not a valid type specifier.`, expr.range);
  }
  if (expr.kind !== 'FunctionCall') {
    throw new TypeExprError(
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
      expr.range,
    );
  }
  const { name, args, range } = expr;
  if (PRIMITIVES.has(name)) {
    throw new TypeExprError(`Primitive type keyword "${name}" does not expect arguments.`, range);
  }
  if (COLLECTIONS.has(name)) {
    if (args.length !== 1) {
      throw new TypeExprError(`The ${name} type constructor requires one argument specifying the element type.`, range);
    }
    return { type: { kind: name, element: parseType(args[0]!) } as Type, optional: false };
  }
  if (name === 'tuple') {
    const list = args.length === 1 ? args[0]! : undefined;
    if (!list || list.kind !== 'Tuple') throw new TypeExprError(TUPLE_ARG, range);
    return { type: { kind: 'tuple', elements: list.items.map(parseType) }, optional: false };
  }
  if (name === 'object') {
    const obj = args.length === 1 ? args[0]! : undefined;
    if (!obj || obj.kind !== 'Object') throw new TypeExprError(OBJECT_ARG, range);
    return { type: parseObjectType(obj), optional: false };
  }
  if (name === 'optional') {
    if (!inObjectAttr) throw new TypeExprError(OPTIONAL_ONLY, range);
    if (args.length < 1 || args.length > 2) {
      throw new TypeExprError('Optional attribute modifier expects at most two arguments: the attribute type, and a default value.', range);
    }
    const type = parseType(args[0]!);
    if (args.length === 1) return { type, optional: true };
    const raw = constantValue(args[1]!);
    try {
      return { type, optional: true, default: convert(raw, type) };
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      throw new TypeExprError(`Invalid default value for optional attribute: ${e.message}.`, args[1]!.range);
    }
  }
  throw new TypeExprError(`Keyword "${name}" is not a valid type constructor.`, expr.nameRange);
}

const OBJECT_ARG = 'The object type constructor requires one argument specifying the attribute types as a map.';
const TUPLE_ARG = 'The tuple type constructor requires one argument specifying the element types as a list.';
const OPTIONAL_ONLY = 'Keyword "optional" is valid only as a modifier for object type attributes.';

function parseObjectType(obj: ObjectExpr): Type {
  const attributes: ObjectAttribute[] = [];
  for (const item of obj.items) {
    const name = item.bareKey ? literalText(item.key) : undefined;
    if (name === undefined) throw new TypeExprError('Object constructor map keys must be attribute names.', item.key.range);
    if (attributes.some((a) => a.name === name)) {
      throw new TypeExprError(`Attribute "${name}" is defined more than once.`, item.key.range);
    }
    const parsed = parseTypeIn(item.value, true);
    const attr: ObjectAttribute = { name, type: parsed.type, optional: parsed.optional };
    if (parsed.default !== undefined) attr.default = parsed.default;
    attributes.push(attr);
  }
  return { kind: 'object', attributes };
}

function literalText(expr: Expr): string | undefined {
  if (expr.kind !== 'Template') return undefined;
  let out = '';
  for (const part of expr.parts) {
    if (part.kind !== 'TemplateLiteral') return undefined;
    out += part.value;
  }
  return out;
}

/** Default values of optional attributes are constants: there is no scope to evaluate them in. */
function constantValue(expr: Expr): Value {
  switch (expr.kind) {
    case 'Literal':
      return expr.value;
    case 'Parens':
      return constantValue(expr.expr);
    case 'Template': {
      const text = literalText(expr);
      if (text !== undefined) return text;
      break;
    }
    case 'UnaryOp': {
      const v = constantValue(expr.operand);
      if (expr.op === '-' && typeof v === 'number') return -v;
      if (expr.op === '!' && typeof v === 'boolean') return !v;
      break;
    }
    case 'Tuple':
      return expr.items.map(constantValue);
    case 'Object': {
      const out = newObject();
      for (const item of expr.items) {
        const key = item.bareKey ? literalText(item.key) : constantValue(item.key);
        if (typeof key !== 'string') break;
        out[key] = constantValue(item.value);
      }
      if (Object.keys(out).length === expr.items.length) return out;
      break;
    }
  }
  throw new TypeExprError('Default values of optional attributes must be constant values.', expr.range);
}

/** HCL's spelling of a type: `list(string)`, `object({name=string,port=number})`. */
export function formatType(type: Type): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${formatType(type.element)})`;
    case 'tuple':
      return `tuple([${type.elements.map(formatType).join(',')}])`;
    case 'object': {
      const attrs = [...type.attributes].sort((a, b) => compareStrings(a.name, b.name));
      const parts = attrs.map((a) => `${a.name}=${a.optional ? `optional(${formatType(a.type)})` : formatType(a.type)}`);
      return `object({${parts.join(',')}})`;
    }
    default:
      return type.kind;
  }
}

export function isComplex(type: Type): boolean {
  return !PRIMITIVES.has(type.kind);
}

/** How cty names a type in "... required" messages. */
export function friendlyName(type: Type): string {
  switch (type.kind) {
    case 'any':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${type.element.kind === 'any' ? 'any single type' : friendlyName(type.element)}`;
    default:
      return type.kind;
  }
}

interface Step {
  key: string | number;
  label: string;
}

/** Converts a value to a type the way cty does for variables and function arguments. */
export function convert(value: Value, type: Type): Value {
  return convertAt(value, type, []);
}

function fail(message: string, path: Step[]): never {
  const where = path.map((s) => s.label + ': ').join('');
  throw new ConversionError(where + message, path.map((s) => s.key));
}

function convertAt(v: Value, type: Type, path: Step[]): Value {
  if (v === null || type.kind === 'any') return v;
  switch (type.kind) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return numberToString(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return fail('string required', path);
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'string') {
        if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
        return fail('a number is required', path);
      }
      return fail('number required', path);
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') return stringToBool(v, path);
      return fail('bool required', path);
    case 'list':
    case 'set': {
      if (!Array.isArray(v)) return fail(`${friendlyName(type)} required`, path);
      const element = type.element.kind === 'any' ? unify(v.map(typeOf)) : type.element;
      if (!element) return fail(`all ${type.kind} elements must have the same type`, path);
      const items = v.map((item, i) => convertAt(item, element, [...path, { key: i, label: `element ${i}` }]));
      return type.kind === 'set' ? toSetOrder(items) : items;
    }
    case 'map': {
      if (!isObject(v)) return fail(`${friendlyName(type)} required`, path);
      const keys = Object.keys(v);
      const element = type.element.kind === 'any' ? unify(keys.map((k) => typeOf(v[k]!))) : type.element;
      if (!element) return fail('all map element values must have the same type', path);
      return newObject(keys.map((k) => [k, convertAt(v[k]!, element, [...path, { key: k, label: `element ${JSON.stringify(k)}` }])]));
    }
    case 'tuple':
      if (!Array.isArray(v) || v.length !== type.elements.length) return fail('tuple required', path);
      return type.elements.map((t, i) => convertAt(v[i]!, t, [...path, { key: i, label: `element ${i}` }]));
    case 'object':
      if (!isObject(v)) return fail('object required', path);
      return convertObject(v, type.attributes, path);
  }
}

function stringToBool(v: string, path: Step[]): boolean {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'false') return fail(`a bool is required; to convert from string, use lowercase "${lower}"`, path);
  return fail('a bool is required', path);
}

function convertObject(v: ValueObject, attributes: ObjectAttribute[], path: Step[]): ValueObject {
  const missing = attributes.filter((a) => !a.optional && !(a.name in v)).map((a) => a.name).sort();
  if (missing.length === 1) fail(`attribute ${JSON.stringify(missing[0])} is required`, path);
  if (missing.length > 1) {
    const quoted = missing.map((m) => JSON.stringify(m));
    const list = quoted.length === 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
    fail(`attributes ${list} are required`, path);
  }
  const out = newObject();
  for (const attr of attributes) {
    const given = attr.name in v ? v[attr.name]! : null;
    const raw = given === null && attr.default !== undefined ? attr.default : given;
    out[attr.name] = convertAt(raw, attr.type, [...path, { key: attr.name, label: `attribute ${JSON.stringify(attr.name)}` }]);
  }
  return out;
}

/** Sets have no duplicates and cty iterates primitive sets in sorted order. */
function toSetOrder(items: Value[]): Value[] {
  const unique: Value[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = JSON.stringify(item, (_k, x: unknown) => (isObject(x as Value) ? sortedEntries(x as ValueObject) : x));
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(item);
    }
  }
  if (unique.every((x) => typeof x === 'string')) return (unique as string[]).sort(compareStrings);
  if (unique.every((x) => typeof x === 'number')) return (unique as number[]).sort((a, b) => a - b);
  if (unique.every((x) => typeof x === 'boolean')) return (unique as boolean[]).sort((a, b) => Number(a) - Number(b));
  return unique;
}

function sortedEntries(o: ValueObject): [string, Value][] {
  return Object.keys(o).sort().map((k) => [k, o[k]!]);
}
