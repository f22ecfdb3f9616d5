import type { Range } from './source.js';
import type { Expr } from './syntax/ast.js';
import type { Value } from './value.js';
import { convert as convertVal, ConversionError } from './cty/convert.js';
import { fromPlain, toPlain } from './cty/plain.js';
import { constraintName, DYNAMIC, isPrimitive, objectOf, typeString, type ObjectAttribute, type Type } from './cty/type.js';

export type { ObjectAttribute, Type } from './cty/type.js';
export { ConversionError } from './cty/convert.js';

/** A `type = ...` expression that is not a valid type. */
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

export interface TypeOptions {
  /**
   * A type constraint (convert's second argument) may use `any` and `optional(...)`; an exact type (a
   * variable's `type`, which Nomad reads with typeexpr.Type) may not.
   */
  constraint: boolean;
}

/** HCL's typeexpr: a type keyword or constructor call, with HCL's messages for anything else. */
export function parseType(expr: Expr, opts: TypeOptions): Type {
  return getType(expr, opts.constraint);
}

function keyword(expr: Expr): string | undefined {
  const e = expr.kind === 'Parens' ? undefined : expr;
  return e?.kind === 'Variable' ? e.name : undefined;
}

function getType(expr: Expr, constraint: boolean): Type {
  const kw = keyword(expr);
  switch (kw) {
    case 'bool':
    case 'string':
    case 'number':
      return { kind: kw };
    case 'any':
      if (constraint) return DYNAMIC;
      throw new TypeExprError(`The keyword "any" cannot be used in this type specification: an exact type is required.`, expr.range);
    case 'list':
    case 'map':
    case 'set':
      throw new TypeExprError(`The ${kw} type constructor requires one argument specifying the element type.`, expr.range);
    case 'object':
      throw new TypeExprError(OBJECT_ARG, expr.range);
    case 'tuple':
      throw new TypeExprError(TUPLE_ARG, expr.range);
    case undefined:
      break;
    default:
      throw new TypeExprError(`The keyword "${kw}" is not a valid type specification.`, expr.range);
  }
  if (expr.kind !== 'FunctionCall') {
    throw new TypeExprError(
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
      expr.range,
    );
  }
  const { name, args, range } = expr;
  if (name === 'bool' || name === 'string' || name === 'number') {
    throw new TypeExprError(`Primitive type keyword "${name}" does not expect arguments.`, range);
  }
  if (name === 'any') throw new TypeExprError(`Type constraint keyword "any" does not expect arguments.`, range);
  if (args.length !== 1) {
    const subject = args.length > 1 ? { filename: range.filename, start: args[1]!.range.start, end: args[args.length - 1]!.range.end } : range;
    if (name === 'list' || name === 'set' || name === 'map') {
      throw new TypeExprError(`The ${name} type constructor requires one argument specifying the element type.`, subject);
    }
    if (name === 'object') throw new TypeExprError(OBJECT_ARG, subject);
    if (name === 'tuple') throw new TypeExprError(TUPLE_ARG, subject);
  }
  switch (name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, element: getType(args[0]!, constraint) };
    case 'object':
      return objectType(args[0]!, constraint, expr.range);
    case 'tuple': {
      const list = args[0]!;
      if (list.kind !== 'Tuple') throw new TypeExprError('Tuple type constructor requires a list of element types.', list.range);
      return { kind: 'tuple', elements: list.items.map((e) => getType(e, constraint)) };
    }
    case 'optional':
      throw new TypeExprError('Keyword "optional" is valid only as a modifier for object type attributes.', expr.nameRange);
    default:
      throw new TypeExprError(`Keyword "${name}" is not a valid type constructor.`, range);
  }
}

const OBJECT_ARG = 'The object type constructor requires one argument specifying the attribute types and values as a map.';
const TUPLE_ARG = 'The tuple type constructor requires one argument specifying the element types as a list.';

function objectType(arg: Expr, constraint: boolean, context: Range): Type {
  if (arg.kind !== 'Object') {
    throw new TypeExprError('Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.', arg.range);
  }
  void context;
  const attrs: [string, Type, boolean][] = [];
  for (const item of arg.items) {
    const name = item.bareKey ? literalText(item.key) : keyword(item.key);
    if (name === undefined) throw new TypeExprError('Object constructor map keys must be attribute names.', item.key.range);
    if (attrs.some((a) => a[0] === name)) throw new TypeExprError('Object constructor map keys must be unique.', item.key.range);
    let typeExpr = item.value;
    let optional = false;
    if (typeExpr.kind === 'FunctionCall' && typeExpr.name === 'optional') {
      if (typeExpr.args.length < 1) throw new TypeExprError('Optional attribute modifier requires the attribute type as its argument.', typeExpr.range);
      if (!constraint) throw new TypeExprError('Optional attribute modifier is only for type constraints, not for exact types.', typeExpr.nameRange);
      if (typeExpr.args.length !== 1) throw new TypeExprError('Optional attribute modifier expects only one argument: the attribute type.', typeExpr.range);
      optional = true;
      typeExpr = typeExpr.args[0]!;
    }
    attrs.push([name, getType(typeExpr, constraint), optional]);
  }
  const t = objectOf(attrs.map(([n, ty]) => [n, ty] as const));
  const attributes: ObjectAttribute[] = (t as Extract<Type, { kind: 'object' }>).attributes.map((a) => ({
    ...a,
    optional: attrs.find((x) => x[0] === a.name)![2],
  }));
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

/** HCL's spelling of a type: `list(string)`, `object({name=string,port=number})`. */
export function formatType(type: Type): string {
  return typeString(type);
}

export function isComplex(type: Type): boolean {
  return !isPrimitive(type) && type.kind !== 'any';
}

/** How cty names a type in "... required" messages ("list of string", "any type"). */
export function friendlyName(type: Type): string {
  return constraintName(type);
}

/**
 * cty's conversion of a plain value (as the job decoder holds them) to a type: strings from numbers and
 * bools, numbers and bools from strings, lists and sets from tuples, maps from objects. Throws a
 * ConversionError with cty's message.
 */
export function convert(value: Value, type: Type): Value {
  return toPlain(convertVal(fromPlain(value), type));
}

export { ConversionError as CtyConversionError };
