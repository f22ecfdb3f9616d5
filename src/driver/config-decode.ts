import { closestName } from '../shared/suggest.js';
import type { ConfigIssue } from './errors.js';
import { hclTypeName, type Field, type FieldType, type Schema } from './schema.js';

/** A decoded config value, shaped by its field type. */
export type Decoded = string | number | boolean | Decoded[] | { [key: string]: Decoded };

/**
 * Decodes a raw config object (from a job file or from Nomad's msgpack) against a schema: unknown keys
 * (with a suggestion), missing required fields, and wrong types are reported as issues; defaults are
 * applied. Conversions follow HCL's: numbers and bools become strings where a string is wanted.
 */
export function decodeWithSchema(schema: Schema, raw: Readonly<Record<string, unknown>>): { values: Record<string, Decoded>; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const values: Record<string, Decoded> = {};
  const names = schema.fields.map((f) => f.name);
  for (const key of Object.keys(raw)) {
    if (names.includes(key)) continue;
    const suggestion = closestName(key, names);
    issues.push({
      path: [key],
      severity: 'error',
      message: suggestion
        ? `unknown option; did you mean "${suggestion}"?`
        : `unknown option; the options are ${names.join(', ')}`,
    });
  }
  for (const field of schema.fields) {
    const v = raw[field.name];
    if (v === undefined || v === null) {
      if (field.default !== undefined) values[field.name] = field.default;
      else if (field.required) issues.push({ path: [field.name], severity: 'error', message: `is required (${field.doc.replace(/\.$/, '')}); for example ${field.example}` });
      continue;
    }
    const converted = convert(v, field.type, [field.name], issues, field);
    if (converted !== undefined) values[field.name] = converted;
  }
  return { values, issues };
}

function convert(v: unknown, type: FieldType, path: (string | number)[], issues: ConfigIssue[], field: Field): Decoded | undefined {
  const wrong = (): undefined => {
    issues.push({ path, severity: 'error', message: `must be ${describe(type)}, not ${describeValue(v)}; for example ${field.example}` });
    return undefined;
  };
  switch (type.kind) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return wrong();
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return wrong();
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return wrong();
    case 'list': {
      // A single map where a list of maps is wanted is the attribute form `port_map = { ... }`,
      // which Nomad accepts as a list of one.
      const items = Array.isArray(v) ? v : type.of.kind === 'map' && isPlainObject(v) ? [v] : undefined;
      if (!items) return wrong();
      const out: Decoded[] = [];
      items.forEach((item, i) => {
        const c = convert(item, type.of, Array.isArray(v) ? [...path, i] : path, issues, field);
        if (c !== undefined) out.push(c);
      });
      return out;
    }
    case 'map': {
      if (!isPlainObject(v)) return wrong();
      const out: { [key: string]: Decoded } = {};
      for (const [k, item] of Object.entries(v)) {
        const c = convert(item, type.of, [...path, k], issues, field);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(type: FieldType): string {
  switch (type.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'bool':
      return 'true or false';
    default:
      return `a ${hclTypeName(type).replace(/\(/g, ' of ').replace(/\)/g, '')}`;
  }
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v === 'boolean' ? 'the bool' : 'the number'} ${String(v)}`;
}
