import { rangeString } from '../eval/eval-error.js';
import type { Diagnostic, Range } from '../source.js';
import type { Attribute, Block, Body, BodyItem } from '../syntax/ast.js';
import { jsonExpression, jsonNativeExpression } from './expression.js';
import type { JsonMember, JsonNode, JsonObject, LineIndex } from './tree.js';

/**
 * What a body may hold, for HCL's JSON syntax, where a property is a block or an argument only by what
 * the reader expects: the nested block types with their number of labels, and the arguments that hold
 * a keyword or a type rather than a value. A property that is neither is an argument.
 */
export interface JsonSchema {
  block(type: string): { labels: number; body: (labels: readonly string[]) => JsonSchema } | undefined;
  native?: readonly string[];
}

/** A body whose properties are all arguments: `locals`, `meta`, a task's `config`. */
export const ATTRIBUTES_ONLY: JsonSchema = { block: () => undefined };

interface Context {
  lines: LineIndex;
  diags: Diagnostic[];
}

/** Turns a JSON object into a body of the native syntax tree, read with `schema`. */
export function jsonBody(node: JsonObject, schema: JsonSchema, lines: LineIndex, diags: Diagnostic[]): Body {
  return toBody(node, schema, { lines, diags });
}

function toBody(node: JsonObject, schema: JsonSchema, ctx: Context): Body {
  const items: BodyItem[] = [];
  const seen = new Map<string, Range>();
  for (const member of node.members) {
    // HCL's JSON syntax keeps "//" properties for comments.
    if (member.name === '//') continue;
    const nested = schema.block(member.name);
    if (nested) {
      items.push(...blocks(member, member.value, [], [], nested, ctx));
      continue;
    }
    const first = seen.get(member.name);
    if (first) {
      error(ctx, 'Duplicate argument', `The argument "${member.name}" was already set at ${rangeString(first)}. Each argument may be set only once.`, member.nameRange);
      continue;
    }
    seen.set(member.name, member.nameRange);
    items.push(attribute(member, schema, ctx));
  }
  return { kind: 'Body', items, range: node.range };
}

function attribute(member: JsonMember, schema: JsonSchema, ctx: Context): Attribute {
  const native = member.value.kind === 'string' && (schema.native ?? []).includes(member.name);
  const expr = native && member.value.kind === 'string' ? jsonNativeExpression(member.value, ctx.lines, ctx.diags) : jsonExpression(member.value, ctx.lines, ctx.diags);
  return { kind: 'Attribute', name: member.name, nameRange: member.nameRange, expr, range: member.range };
}

/**
 * One property holding blocks: labels are nested object keys (`"group": {"web": {...}}`), and an array
 * holds several blocks at that point (`"check": [{...}, {...}]`).
 */
function blocks(
  member: JsonMember,
  value: JsonNode,
  labels: string[],
  labelRanges: Range[],
  nested: NonNullable<ReturnType<JsonSchema['block']>>,
  ctx: Context,
): Block[] {
  if (value.kind === 'array') return value.items.flatMap((item) => blocks(member, item, labels, labelRanges, nested, ctx));
  if (value.kind !== 'object') {
    const what = labels.length < nested.labels ? `one property per "${member.name}" block label` : `the contents of one or more "${member.name}" blocks`;
    error(ctx, 'Incorrect JSON value type', `Either a JSON object or a JSON array of objects is required, holding ${what}.`, value.range);
    return [];
  }
  if (labels.length < nested.labels) {
    return value.members.flatMap((m) => blocks(member, m.value, [...labels, m.name], [...labelRanges, m.nameRange], nested, ctx));
  }
  const body = toBody(value, nested.body(labels), ctx);
  return [{ kind: 'Block', type: member.name, typeRange: member.nameRange, labels, labelRanges, body, range: { ...member.nameRange, end: value.range.end } }];
}

function error(ctx: Context, summary: string, detail: string, range: Range): void {
  ctx.diags.push({ severity: 'error', summary, detail, range });
}
