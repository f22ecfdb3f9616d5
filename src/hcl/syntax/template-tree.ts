import type { Range } from '../source.js';
import type { Expr, TemplateLiteral, TemplatePart } from './ast.js';
import type { Cursor } from './cursor.js';
import { hclRangeString, rangeBetween } from './token.js';

/** One flat item of a template before directives are paired up into `if`/`for` nodes. */
export type RawPart =
  | { k: 'lit'; value: string; range: Range }
  | { k: 'interp'; expr: Expr; range: Range }
  | { k: 'if'; condition: Expr; range: Range }
  | { k: 'for'; keyVar: string | undefined; valueVar: string; collection: Expr; range: Range }
  | { k: 'else' | 'endif' | 'endfor'; range: Range }
  | { k: 'end'; range: Range };

/**
 * `<<-` heredocs: removes from every line-leading literal the smallest indentation found on any line. Lines
 * that are blank do not count; a line that starts with an interpolation counts as unindented.
 */
export function flushHeredoc(parts: RawPart[]): void {
  let minSpaces = Infinity;
  let lineStart = true;
  const adjust: Array<RawPart & { k: 'lit' }> = [];
  for (const part of parts) {
    if (part.k === 'end') break;
    if (lineStart) {
      lineStart = false;
      let spaces = 0;
      if (part.k === 'lit') {
        const trimmed = part.value.replace(/^\s+/u, '');
        if (trimmed.length === 0 && part.value.endsWith('\n')) {
          spaces = Infinity;
        } else {
          spaces = part.value.length - trimmed.length;
          adjust.push(part);
        }
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (part.k === 'lit' && part.value.endsWith('\n')) lineStart = true;
  }
  if (minSpaces === Infinity || minSpaces === 0) return;
  for (const lit of adjust) {
    lit.value = lit.value.slice(minSpaces);
    const start = lit.range.start;
    lit.range = {
      filename: lit.range.filename,
      start: { line: start.line, column: start.column + minSpaces, offset: start.offset + minSpaces },
      end: lit.range.end,
    };
  }
}

/** Joins runs of adjacent literals into one, after all trimming is done. */
export function meldLiterals(parts: RawPart[]): RawPart[] {
  const out: RawPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.k === 'lit' && last !== undefined && last.k === 'lit') {
      out[out.length - 1] = { k: 'lit', value: last.value + part.value, range: rangeBetween(last.range, part.range) };
    } else {
      out.push(part);
    }
  }
  return out;
}

function placeholderPart(range: Range): TemplateLiteral {
  return { kind: 'TemplateLiteral', value: '', range };
}

/** Pairs directive markers into `TemplateIf`/`TemplateFor` nodes and reports unbalanced ones. */
export function buildTemplateParts(p: Cursor, raw: RawPart[]): TemplatePart[] {
  const builder = new TreeBuilder(p, raw);
  const parts: TemplatePart[] = [];
  while (builder.peek().k !== 'end') parts.push(builder.part());
  return parts;
}

class TreeBuilder {
  private i = 0;
  /** Set once over-deep directives were skipped; the enclosing ones then end quietly. */
  private aborted = false;
  constructor(private readonly p: Cursor, private readonly raw: RawPart[]) {}

  peek(): RawPart {
    return this.raw[this.i];
  }

  private read(): RawPart {
    const part = this.raw[this.i];
    if (part.k !== 'end') this.i++;
    return part;
  }

  /** Skips the rest of the template; used when directives nest deeper than allowed. */
  private skipAll(): void {
    this.aborted = true;
    while (this.read().k !== 'end');
  }

  part(): TemplatePart {
    const part = this.peek();
    switch (part.k) {
      case 'lit':
        this.read();
        return { kind: 'TemplateLiteral', value: part.value, range: part.range };
      case 'interp':
        this.read();
        return { kind: 'TemplateInterp', expr: part.expr, range: part.range };
      case 'if':
      case 'for': {
        if (!this.p.enter(part.range)) {
          this.skipAll();
          return placeholderPart(part.range);
        }
        const built = part.k === 'if' ? this.ifDirective(part) : this.forDirective(part);
        this.p.leave();
        return built;
      }
      case 'end':
        // Callers check for the end first; kept so that the switch is total.
        this.p.error('Unexpected end of template', 'The control directives within this template are unbalanced.', part.range);
        return placeholderPart(part.range);
      default:
        this.read();
        this.p.error(`Unexpected ${part.k} directive`, 'The control directives within this template are unbalanced.', part.range);
        return placeholderPart(part.range);
    }
  }

  private ifDirective(open: RawPart & { k: 'if' }): TemplatePart {
    this.read();
    const thenParts: TemplatePart[] = [];
    const elseParts: TemplatePart[] = [];
    let current = thenParts;
    const where = hclRangeString(open.range);
    for (;;) {
      const next = this.peek();
      if (next.k === 'end') {
        if (this.aborted) return placeholderPart(next.range);
        this.p.error('Unexpected end of template', `The if directive at ${where} is missing its corresponding endif directive.`, next.range);
        return placeholderPart(next.range);
      }
      if (next.k === 'else' || next.k === 'endif' || next.k === 'endfor') {
        this.read();
        if (next.k === 'endif') {
          return { kind: 'TemplateIf', condition: open.condition, then: thenParts, else: elseParts, range: rangeBetween(open.range, next.range) };
        }
        if (next.k === 'else' && current === thenParts) {
          current = elseParts;
          continue;
        }
        if (next.k === 'else') {
          this.p.error('Unexpected else directive', `Already in the else clause for the if started at ${where}.`, next.range);
        } else {
          this.p.error('Unexpected endfor directive', `Expecting an endif directive for the if started at ${where}.`, next.range);
        }
        return placeholderPart(next.range);
      }
      current.push(this.part());
    }
  }

  private forDirective(open: RawPart & { k: 'for' }): TemplatePart {
    this.read();
    const body: TemplatePart[] = [];
    const where = hclRangeString(open.range);
    for (;;) {
      const next = this.peek();
      if (next.k === 'end') {
        if (this.aborted) return placeholderPart(next.range);
        this.p.error('Unexpected end of template', `The for directive at ${where} is missing its corresponding endfor directive.`, next.range);
        return placeholderPart(next.range);
      }
      if (next.k === 'else' || next.k === 'endif' || next.k === 'endfor') {
        this.read();
        if (next.k === 'endfor') {
          const node: TemplatePart = {
            kind: 'TemplateFor',
            valueVar: open.valueVar,
            collection: open.collection,
            body,
            range: rangeBetween(open.range, next.range),
          };
          if (open.keyVar !== undefined) node.keyVar = open.keyVar;
          return node;
        }
        if (next.k === 'else') {
          this.p.error('Unexpected else directive', 'An else clause is not expected for a for directive.', next.range);
        } else {
          this.p.error('Unexpected endif directive',
            `Expecting an endfor directive corresponding to the for directive at ${where}.`, next.range);
        }
        return placeholderPart(next.range);
      }
      body.push(this.part());
    }
  }
}
