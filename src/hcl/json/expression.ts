import type { Diagnostic, Range } from '../source.js';
import type { Expr, TemplateExpr } from '../syntax/ast.js';
import { parseExpression } from '../syntax/parser.js';
import type { JsonNode, JsonString, LineIndex } from './tree.js';

/**
 * Expressions in HCL's JSON syntax: a string is a template (`"${var.port}"`), other JSON values are
 * what they say, and object keys are templates too. Where HCL wants a keyword or a type (`iterator`, a
 * variable's `type`), the string is read as a native-syntax expression instead.
 */
export function jsonExpression(node: JsonNode, lines: LineIndex, diags: Diagnostic[]): Expr {
  switch (node.kind) {
    case 'string':
      return jsonTemplate(node, lines, diags);
    case 'array':
      return { kind: 'Tuple', items: node.items.map((item) => jsonExpression(item, lines, diags)), range: node.range };
    case 'object':
      return {
        kind: 'Object',
        items: node.members.map((m) => ({
          key: literalTemplate(m.name, m.nameRange),
          bareKey: false,
          value: jsonExpression(m.value, lines, diags),
          range: m.range,
        })),
        range: node.range,
      };
    default:
      return node.text === undefined ? { kind: 'Literal', value: node.value, range: node.range } : { kind: 'Literal', value: node.value, text: node.text, range: node.range };
  }
}

/** A string read as a native-syntax expression: `"list(string)"`, `"port"`. */
export function jsonNativeExpression(node: JsonString, lines: LineIndex, diags: Diagnostic[]): Expr {
  const parsed = parseExpression(node.range.filename, node.value);
  const remap = remapper(node, 0, lines);
  diags.push(...parsed.diagnostics.map((d) => remap(d)));
  return parsed.expr ? remap(parsed.expr) : literalTemplate(node.value, node.range);
}

function jsonTemplate(node: JsonString, lines: LineIndex, diags: Diagnostic[]): Expr {
  if (!node.value.includes('${') && !node.value.includes('%{')) return literalTemplate(node.value, node.range);
  // The native parser reads templates inside heredocs without escapes, as HCL reads a JSON string's
  // template; the marker only has to differ from every line of the text.
  let marker = 'JSON';
  while (node.value.split('\n').some((line) => line.trim() === marker)) marker += '_';
  const header = `<<${marker}\n`;
  const parsed = parseExpression(node.range.filename, `${header}${node.value}\n${marker}\n`);
  const remap = remapper(node, header.length, lines);
  diags.push(...parsed.diagnostics.map((d) => remap(d)));
  if (!parsed.expr || parsed.expr.kind !== 'Template') return literalTemplate(node.value, node.range);
  const template = remap(parsed.expr) as TemplateExpr;
  return { kind: 'Template', parts: withoutFinalNewline(template.parts), heredoc: false, range: node.range };
}

/** The heredoc's own newline before its end marker is not part of the JSON string. */
function withoutFinalNewline(parts: TemplateExpr['parts']): TemplateExpr['parts'] {
  const last = parts[parts.length - 1];
  if (!last || last.kind !== 'TemplateLiteral' || !last.value.endsWith('\n')) return parts;
  const value = last.value.slice(0, -1);
  return value === '' ? parts.slice(0, -1) : [...parts.slice(0, -1), { ...last, value }];
}

function literalTemplate(value: string, range: Range): TemplateExpr {
  return { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value, range }], heredoc: false, range };
}

/**
 * Moves every range of a tree parsed from a string's text (after `shift` characters of wrapping) to
 * where that text is in the JSON file, escapes accounted for. Returns copies; the parsed tree is not
 * shared with anything else.
 */
function remapper(node: JsonString, shift: number, lines: LineIndex): <T>(tree: T) => T {
  const toFile = (offset: number): number => {
    const k = Math.min(Math.max(offset - shift, 0), node.offsets.length - 1);
    return node.offsets[k]!;
  };
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    if (isRange(o)) {
      return { filename: node.range.filename, start: lines.pos(toFile(o.start.offset)), end: lines.pos(toFile(o.end.offset)) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = visit(v);
    return out;
  };
  return <T>(tree: T) => visit(tree) as T;
}

function isRange(o: Record<string, unknown>): o is Range & Record<string, unknown> {
  return typeof o.filename === 'string' && typeof o.start === 'object' && typeof o.end === 'object' && o.start !== null && 'offset' in (o.start as object);
}
