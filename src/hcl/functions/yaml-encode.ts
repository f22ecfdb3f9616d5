import { isObject, type Value } from '../value.js';
import { numberToString } from './number-text.js';
import { sortedKeys } from './spec.js';

/**
 * yamlencode's block style: keys and strings double-quoted, multi-line strings as literal blocks,
 * sequences inside mappings not indented, objects with sorted keys. Long lines are not folded.
 */
export function encodeYaml(v: Value): string {
  return (isBlock(v) ? node(v, 0) : scalar(v, 2)) + '\n';
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

function scalar(v: Value, indent: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? numberToString(v) : v > 0 ? '.inf' : '-.inf';
  if (typeof v === 'string') return literalBlock(v, indent) ?? quote(v);
  return Array.isArray(v) ? '[]' : '{}';
}

const isBlock = (v: Value): boolean => (Array.isArray(v) && v.length > 0) || (isObject(v) && Object.keys(v).length > 0);

/** Renders a value whose first line continues the current line (after `- ` or at the start). */
function node(v: Value, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v) && v.length > 0) {
    return v.map((item, i) => (i === 0 ? '' : pad) + '- ' + node(item, indent + 2)).join('\n');
  }
  if (isObject(v) && Object.keys(v).length > 0) {
    return sortedKeys(v)
      .map((k, i) => {
        const item = v[k]!;
        const head = (i === 0 ? '' : pad) + quote(k) + ':';
        if (Array.isArray(item) && isBlock(item)) return `${head}\n${pad}${node(item, indent)}`;
        if (isBlock(item)) return `${head}\n${pad}  ${node(item, indent + 2)}`;
        return `${head} ${scalar(item, indent + 2)}`;
      })
      .join('\n');
  }
  return scalar(v, indent);
}
