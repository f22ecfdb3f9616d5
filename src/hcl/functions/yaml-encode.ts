import { numberText } from '../cty/number.js';
import type { Val } from '../cty/value.js';

/**
 * yamlencode's block style: keys and strings double-quoted, multi-line strings as literal blocks,
 * sequences inside mappings not indented, objects with sorted keys. Long lines are not folded.
 */
export function encodeYaml(v: Val): string {
  if (isBlock(v)) return node(v, 0) + '\n';
  const text = scalar(v, 2);
  // An open-ended plain scalar document gets the explicit document end marker, as go-cty-yaml's emitter writes it.
  const plain = v.isNull || v.type.kind === 'number' || v.type.kind === 'bool';
  return text + (plain ? '\n...\n' : '\n');
}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
    else if (code === 0xfeff || (code >= 0x80 && code <= 0x9f)) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Literal style is used for text with line breaks when every line can be written back verbatim.
 * `indent` is the column its content lines start at.
 */
function literalBlock(s: string, indent: number): string | undefined {
  if (!s.includes('\n') || /[^\n\P{Cc}]|[ \t]\n|\u2028|\u2029/u.test(s)) return undefined;
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? s : s.slice(0, s.length - (trailing === 1 ? 1 : 0));
  const indicator = body.startsWith(' ') || body.startsWith('\n') ? '2' : '';
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

function scalar(v: Val, indent: number): string {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'number':
      return v.num.isInf ? (v.num.neg ? '-.inf' : '.inf') : numberText(v.num);
    case 'string':
      return literalBlock(v.str, indent) ?? quote(v.str);
    case 'map':
    case 'object':
      return '{}';
    default:
      return '[]';
  }
}

const isSequence = (v: Val): boolean => !v.isNull && ['list', 'set', 'tuple'].includes(v.type.kind);
const isMapping = (v: Val): boolean => !v.isNull && (v.type.kind === 'map' || v.type.kind === 'object');
const isBlock = (v: Val): boolean => (isSequence(v) && v.items.length > 0) || (isMapping(v) && v.entries.size > 0);

/** Renders a value whose first line continues the current line (after `- ` or at the start). */
function node(v: Val, indent: number): string {
  const pad = ' '.repeat(indent);
  if (isSequence(v) && v.items.length > 0) {
    return v.items.map((item, i) => (i === 0 ? '' : pad) + '- ' + node(item, indent + 2)).join('\n');
  }
  if (isMapping(v) && v.entries.size > 0) {
    return [...v.entries]
      .map(([k, item], i) => {
        const head = (i === 0 ? '' : pad) + quote(k) + ':';
        if (isSequence(item) && isBlock(item)) return `${head}\n${pad}${node(item, indent)}`;
        if (isBlock(item)) return `${head}\n${pad}  ${node(item, indent + 2)}`;
        return `${head} ${scalar(item, indent + 2)}`;
      })
      .join('\n');
  }
  return scalar(v, indent);
}
