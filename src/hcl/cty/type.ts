/**
 * cty's types. The same shape serves as a value's type and as a type constraint (a variable's `type`, a
 * function parameter): `any` is cty's DynamicPseudoType, and object attributes may be optional (with a
 * default) only in constraints.
 */
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
  /** a constant: the evaluator's value model is not needed to read it, only to apply it */
  default?: unknown;
}

export type CollectionType = Extract<Type, { kind: 'list' | 'set' | 'map' }>;
export type TupleType = Extract<Type, { kind: 'tuple' }>;
export type ObjectType = Extract<Type, { kind: 'object' }>;

export const DYNAMIC: Type = Object.freeze({ kind: 'any' });
export const STRING: Type = Object.freeze({ kind: 'string' });
export const NUMBER: Type = Object.freeze({ kind: 'number' });
export const BOOL: Type = Object.freeze({ kind: 'bool' });
export const EMPTY_TUPLE: Type = Object.freeze({ kind: 'tuple', elements: [] });
export const EMPTY_OBJECT: Type = Object.freeze({ kind: 'object', attributes: [] });

export const listOf = (element: Type): Type => ({ kind: 'list', element });
export const setOf = (element: Type): Type => ({ kind: 'set', element });
export const mapOf = (element: Type): Type => ({ kind: 'map', element });
export const tupleOf = (elements: Type[]): Type => ({ kind: 'tuple', elements });

/** An object type from attribute names and types, kept sorted by name (cty's own order). */
export function objectOf(entries: Iterable<readonly [string, Type]>): Type {
  const attributes = [...entries].map(([name, type]) => ({ name, type, optional: false }));
  attributes.sort((a, b) => compareNames(a.name, b.name));
  return { kind: 'object', attributes };
}

/** Go's string order: by UTF-8 bytes, which is code point order. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (an astral code point) sorts after every BMP code point above it in UTF-16.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function isPrimitive(t: Type): boolean {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}

export function isCollection(t: Type): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}

export function attributeType(t: ObjectType, name: string): Type | undefined {
  for (const a of t.attributes) if (a.name === name) return a.type;
  return undefined;
}

/** cty's Type.Equals; optional markers count, as they do in cty. */
export function typesEqual(a: Type, b: Type): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return b.kind === a.kind && typesEqual(a.element, (b as CollectionType).element);
    case 'tuple':
      return b.kind === 'tuple' && a.elements.length === b.elements.length && a.elements.every((t, i) => typesEqual(t, b.elements[i]!));
    case 'object': {
      if (b.kind !== 'object' || a.attributes.length !== b.attributes.length) return false;
      return a.attributes.every((attr) => {
        const other = b.attributes.find((x) => x.name === attr.name);
        return other !== undefined && other.optional === attr.optional && typesEqual(attr.type, other.type);
      });
    }
    default:
      return a.kind === b.kind;
  }
}

/** HasDynamicTypes: whether `any` appears anywhere in the type. */
export function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t.element);
    case 'tuple':
      return t.elements.some(hasDynamic);
    case 'object':
      return t.attributes.some((a) => hasDynamic(a.type));
    default:
      return false;
  }
}

export function withoutOptional(t: Type): Type {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: t.kind, element: withoutOptional(t.element) };
    case 'tuple':
      return { kind: 'tuple', elements: t.elements.map(withoutOptional) };
    case 'object':
      if (!t.attributes.some((a) => a.optional || a.default !== undefined) && !t.attributes.some((a) => hasOptional(a.type))) return t;
      return { kind: 'object', attributes: t.attributes.map((a) => ({ name: a.name, type: withoutOptional(a.type), optional: false })) };
    default:
      return t;
  }
}

function hasOptional(t: Type): boolean {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return hasOptional(t.element);
    case 'tuple':
      return t.elements.some(hasOptional);
    case 'object':
      return t.attributes.some((a) => a.optional || hasOptional(a.type));
    default:
      return false;
  }
}

/** cty's FriendlyName ("list of string", "object", "dynamic"). */
export function friendlyName(t: Type, forConstraint = false): string {
  switch (t.kind) {
    case 'any':
      return forConstraint ? 'any type' : 'dynamic';
    case 'list':
    case 'set':
    case 'map': {
      const element = forConstraint && t.element.kind === 'any' ? 'any single type' : friendlyName(t.element, forConstraint);
      return `${t.kind} of ${element}`;
    }
    default:
      return t.kind;
  }
}

/** FriendlyNameForConstraint ("list of any single type", "any type"). */
export function constraintName(t: Type): string {
  return friendlyName(t, true);
}

/** HCL's TypeString: `list(string)`, `object({a=number,b=bool})`, `tuple([string])`, `any`. */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.element)})`;
    case 'tuple':
      return `tuple([${t.elements.map(typeString).join(',')}])`;
    case 'object': {
      const attrs = [...t.attributes].sort((a, b) => compareNames(a.name, b.name));
      return `object({${attrs.map((a) => `${attrName(a.name)}=${a.optional ? `optional(${typeString(a.type)})` : typeString(a.type)}`).join(',')}})`;
    }
    default:
      return t.kind;
  }
}

/** An attribute name as TypeString writes it: bare when it is an identifier, else quoted. */
function attrName(name: string): string {
  return /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u.test(name) ? name : JSON.stringify(name);
}
