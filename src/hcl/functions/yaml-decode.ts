import { newObject, type Value, type ValueObject } from '../value.js';
import { parseFlow, resolvePlain, unquoteDouble } from './yaml-flow.js';

/**
 * The YAML that job files embed in practice: block mappings and sequences, flow collections, plain,
 * quoted and block (`|`, `>`) scalars, comments and a single document. Anchors, aliases, tags and
 * complex keys are refused with a clear error.
 */

export class YamlError extends Error {}

interface Line {
  indent: number;
  text: string;
  no: number;
}

export function decodeYaml(src: string): Value {
  try {
    return decodeDocument(src);
  } catch (e) {
    if (e instanceof YamlError || !(e instanceof Error)) throw e;
    throw new YamlError(`yaml: ${e.message}`);
  }
}

function decodeDocument(src: string): Value {
  const raw = src.replace(/\r\n?/g, '\n').split('\n');
  const lines: Line[] = [];
  let started = false;
  let ended = false;
  raw.forEach((text, i) => {
    const blank = isBlank(text);
    if (!started && text.startsWith('%')) {
      if (!/^%(YAML|TAG)(\s|$)/.test(text)) throw new YamlError('found unknown directive name');
      return;
    }
    if (/^---(\s|$)/.test(text)) {
      if (started) throw new YamlError(`yaml: line ${i + 1}: multiple documents are not supported`);
      started = true;
      const rest = text.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) lines.push(makeLine(' '.repeat(4) + rest, i + 1));
      return;
    }
    if (/^\.\.\.(\s|$)/.test(text)) {
      ended = true;
      return;
    }
    if (ended && !blank) throw new YamlError(`yaml: line ${i + 1}: multiple documents are not supported`);
    if (!blank) started = true;
    lines.push(makeLine(text, i + 1));
  });
  const p = new BlockParser(lines);
  const v = p.block(0);
  p.skipBlank();
  if (p.pos < lines.length) p.fail('did not find expected <document start>');
  return v;
}

function makeLine(text: string, no: number): Line {
  const indent = /^ */.exec(text)![0].length;
  if (text[indent] === '\t' && !isBlank(text)) throw new YamlError(`yaml: line ${no}: found character that cannot start any token`);
  return { indent, text, no };
}

function isBlank(text: string): boolean {
  const t = text.trim();
  return t === '' || t.startsWith('#');
}

/** Cuts a trailing ` # comment` that is outside quotes. */
export function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(text[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

/** The offset of the `:` that ends a mapping key on this line, or -1. */
function keyColon(text: string): number {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && i === 0) quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#' && i > 0 && /\s/.test(text[i - 1]!)) return -1;
    else if (c === ':' && depth === 0 && (i + 1 === text.length || /\s/.test(text[i + 1]!))) return i;
  }
  return -1;
}

class BlockParser {
  pos = 0;
  constructor(private readonly lines: Line[]) {}

  fail(message: string, line = this.lines[Math.min(this.pos, this.lines.length - 1)]): never {
    throw new YamlError(`yaml: line ${line?.no ?? 1}: ${message}`);
  }

  skipBlank(): void {
    while (this.pos < this.lines.length && isBlank(this.lines[this.pos]!.text)) this.pos++;
  }

  private current(): Line | undefined {
    this.skipBlank();
    return this.lines[this.pos];
  }

  /** A node whose lines are indented at least `min`. */
  block(min: number): Value {
    const line = this.current();
    if (!line || line.indent < min) return null;
    const content = line.text.slice(line.indent);
    if (/^-(\s|$)/.test(content)) return this.sequence(line.indent);
    if (content.startsWith('? ')) this.fail('complex mapping keys are not supported');
    if (keyColon(content) >= 0) return this.mapping(line.indent);
    this.pos++;
    return this.inline(stripComment(content), line, line.indent);
  }

  private sequence(indent: number): Value[] {
    const items: Value[] = [];
    for (let line = this.current(); line && line.indent === indent; line = this.current()) {
      const content = line.text.slice(indent);
      if (!/^-(\s|$)/.test(content)) break;
      const rest = content.slice(1);
      const restTrimmed = stripComment(rest.trimStart());
      if (restTrimmed === '') {
        this.pos++;
        items.push(this.block(indent + 1));
        continue;
      }
      // Re-read the rest of the line as if it started a new line at its own column.
      const column = indent + 1 + (rest.length - rest.trimStart().length);
      this.lines[this.pos] = { indent: column, text: ' '.repeat(column) + rest.trimStart(), no: line.no };
      items.push(this.block(column));
    }
    const after = this.current();
    if (after && after.indent > indent) this.fail('bad indentation of a sequence entry', after);
    return items;
  }

  private mapping(indent: number): ValueObject {
    const out = newObject();
    for (let line = this.current(); line && line.indent === indent; line = this.current()) {
      const content = line.text.slice(indent);
      const colon = keyColon(content);
      if (colon < 0) this.fail('could not find expected \':\'', line);
      const key = this.key(content.slice(0, colon).trim(), line);
      if (key in out) this.fail(`mapping key ${JSON.stringify(key)} already defined`, line);
      const rest = stripComment(content.slice(colon + 1).trim());
      this.pos++;
      if (rest === '') {
        const next = this.current();
        if (next && next.indent === indent && /^-(\s|$)/.test(next.text.slice(indent))) out[key] = this.sequence(indent);
        else out[key] = this.block(indent + 1);
      } else {
        out[key] = this.inline(rest, line, indent);
      }
    }
    const after = this.current();
    if (after && after.indent > indent) this.fail('mapping values are not allowed in this context', after);
    return out;
  }

  private key(text: string, line: Line): string {
    if (text.startsWith('"')) return unquoteDouble(text.slice(1, -1));
    if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
    if (/^[&*!]/.test(text)) this.fail('anchors, aliases and tags are not supported', line);
    const v = resolvePlain(text);
    return v === null ? 'null' : String(v);
  }

  /** A value that starts on `line` after a key or dash; it may continue on more-indented lines. */
  private inline(text: string, line: Line, parentIndent: number): Value {
    if (/^[&*!]/.test(text)) this.fail('anchors, aliases and tags are not supported', line);
    if (/^[|>]/.test(text)) return this.blockScalar(text, line, parentIndent);
    let full = text;
    const continues = (): boolean => {
      const next = this.lines[this.pos];
      return next !== undefined && (isBlank(next.text) ? false : next.indent > parentIndent);
    };
    if (/^["'[{]/.test(text)) {
      while (!flowComplete(full) && this.pos < this.lines.length) {
        const next = this.lines[this.pos++]!;
        full += '\n' + (text[0] === '"' || text[0] === "'" ? next.text : stripComment(next.text));
      }
      try {
        return parseFlow(full);
      } catch (e) {
        return this.fail((e as Error).message, line);
      }
    }
    while (continues()) full += ' ' + stripComment(this.lines[this.pos++]!.text.trim());
    return resolvePlain(full);
  }

  private blockScalar(header: string, line: Line, parentIndent: number): string {
    const m = /^([|>])([1-9]?)([+-]?)([1-9]?)$/.exec(header);
    if (!m) this.fail('invalid block scalar header', line);
    const explicit = Number(m[2] || m[4] || 0);
    const body: string[] = [];
    let indent = explicit ? parentIndent + explicit : -1;
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos]!;
      const blank = l.text.trim() === '';
      if (!blank) {
        if (indent < 0) indent = l.indent;
        if (l.indent < indent || indent <= parentIndent) break;
      }
      body.push(blank ? '' : l.text.slice(indent));
      this.pos++;
    }
    let end = body.length;
    while (end > 0 && body[end - 1] === '') end--;
    const trailing = body.length - end;
    const content = body.slice(0, end);
    let text = m[1] === '|' ? content.join('\n') : fold(content);
    if (content.length > 0 && m[3] !== '-') text += '\n';
    if (m[3] === '+') text += '\n'.repeat(trailing);
    return text;
  }
}

function fold(lines: string[]): string {
  let out = '';
  lines.forEach((l, i) => {
    if (i === 0) return void (out = l);
    const prev = lines[i - 1]!;
    const literalish = l.startsWith(' ') || prev.startsWith(' ') || l === '' || prev === '';
    out += (literalish ? '\n' : ' ') + l;
  });
  return out;
}

function flowComplete(text: string): boolean {
  const c = text[0];
  if (c === '"') return /^"(?:[^"\\]|\\[\s\S])*"/.test(text);
  if (c === "'") return /^'(?:[^']|'')*'/.test(text);
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
  }
  return depth <= 0;
}
