/**
 * Nomad's `hclspec.Spec` for one of our schemas: an `Object` whose attributes are `Attr`s, wrapped in a
 * `Default` with a `Literal` when the field has a default. The agent decodes the user's block with it and
 * applies the defaults before the msgpack payload is built, so the driver sees them as ordinary values.
 */
import { hclTypeName, type Field, type FieldType, type Schema } from '../driver/schema.js';

export interface AttrMsg {
  name: string;
  type: string;
  required: boolean;
}

export type SpecMsg =
  | { object: { attributes: Record<string, SpecMsg> } }
  | { Attr: AttrMsg }
  | { default: { primary: SpecMsg; default: SpecMsg } }
  | { literal: { value: string } };

export function specFromSchema(schema: Schema): SpecMsg {
  const attributes: Record<string, SpecMsg> = {};
  for (const field of schema.fields) attributes[field.name] = fieldSpec(field);
  return { object: { attributes } };
}

function fieldSpec(field: Field): SpecMsg {
  // The name is implied by the object key, except inside a Default, where it must be spelled out; always
  // spelling it keeps both cases alike.
  const attr: SpecMsg = { Attr: { name: field.name, type: hclTypeName(field.type), required: field.required } };
  if (field.default === undefined) return attr;
  return { default: { primary: attr, default: { literal: { value: hclLiteral(field.default, field.type, field.name) } } } };
}

/** The HCL expression Nomad evaluates for a `Literal`; its value keeps the expression's own type. */
export function hclLiteral(value: NonNullable<Field['default']>, type: FieldType, fieldName: string): string {
  const mismatch = (): Error =>
    new Error(`default of schema field "${fieldName}" does not match its type ${hclTypeName(type)}`);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw mismatch();
      return hclString(value);
    case 'bool':
      if (typeof value !== 'boolean') throw mismatch();
      return String(value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch();
      return String(value);
    case 'list':
      if (!Array.isArray(value) || type.of.kind !== 'string') throw mismatch();
      return `[${value.map(hclString).join(', ')}]`;
    case 'map':
      throw mismatch();
  }
}

/** A quoted HCL string: JSON-like escapes, plus `$${` and `%%{` so template markers stay literal. */
export function hclString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}
