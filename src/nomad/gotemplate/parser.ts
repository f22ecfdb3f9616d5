import type { BranchNode, Command, Node, Operand, ParsedTemplate, Pipeline } from './ast.js';
import { templateError, type Position } from './errors.js';
import type { Token } from './lexer.js';

/** Called for every function name used; throws when the name cannot be used here. */
export type FunctionCheck = (name: string, at: Position) => void;

type Ending = { kind: 'end' | 'else' | 'eof'; token: Token };

/**
 * Builds the parse tree from the lexer's tokens with Go's rules: variables must be declared before
 * use and are scoped to their control structure, functions must exist, `break`/`continue` only
 * appear inside `range`, and `{{else if}}` chains share one `{{end}}`.
 */
export function parse(tokens: readonly Token[], checkFunction: FunctionCheck): ParsedTemplate {
  return new Parser(tokens, checkFunction).run();
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly tokens: readonly Token[],
    private readonly checkFunction: FunctionCheck,
  ) {}

  run(): ParsedTemplate {
    const { nodes, ending } = this.list(true);
    if (ending.kind !== 'eof') throw templateError(`unexpected {{${ending.kind}}}`, ending.token);
    return { root: nodes, defines: this.defines };
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private expect(kind: Token['kind'], context: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw unexpected(t, context);
    return t;
  }

  private list(topLevel = false): { nodes: Node[]; ending: Ending } {
    const nodes: Node[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') return { nodes, ending: { kind: 'eof', token: t } };
      if (t.kind === 'text') {
        nodes.push({ type: 'text', text: t.text });
        continue;
      }
      const head = this.peek();
      if (head.kind === 'keyword') {
        if (head.text === 'end' || head.text === 'else') {
          this.next();
          if (head.text === 'end') this.expect('close', 'end');
          return { nodes, ending: { kind: head.text, token: head } };
        }
        const node = this.keyword(this.next(), topLevel);
        if (node) nodes.push(node);
        continue;
      }
      const pipe = this.pipeline('command', 'close');
      nodes.push({ type: 'action', pipe, at: pipe.at });
    }
  }

  private keyword(t: Token, topLevel: boolean): Node | undefined {
    switch (t.text) {
      case 'if':
      case 'range':
      case 'with':
        return this.control(t.text, t);
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) throw templateError(`{{${t.text}}} outside {{range}}`, t);
        this.expect('close', t.text);
        return { type: t.text, at: t };
      case 'template': {
        const name = this.expect('string', 'template clause');
        const pipe = this.peek().kind === 'close' ? undefined : this.pipeline('template', 'close');
        if (!pipe) this.next();
        return pipe ? { type: 'template', name: String(name.value), pipe, at: t } : { type: 'template', name: String(name.value), at: t };
      }
      case 'define':
      case 'block': {
        if (t.text === 'define' && !topLevel) throw templateError('unexpected "define" in command', t);
        const name = String(this.expect('string', `${t.text} clause`).value);
        const pipe = t.text === 'block' ? this.pipeline('block', 'close') : (this.expect('close', 'define clause'), undefined);
        const saved = this.vars;
        this.vars = ['$'];
        const { nodes, ending } = this.list();
        this.vars = saved;
        if (ending.kind !== 'end') throw templateError(`unexpected ${ending.kind === 'eof' ? 'EOF' : '{{else}}'} in ${t.text}`, ending.token);
        this.defines.set(name, nodes);
        return pipe ? { type: 'template', name, pipe, at: t } : undefined;
      }
    }
    throw templateError(`unexpected keyword "${t.text}"`, t);
  }

  private control(kind: BranchNode['type'], t: Token): BranchNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'close');
    if (kind === 'range') this.rangeDepth++;
    const body = this.list();
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] = [];
    if (body.ending.kind === 'else') {
      const chained = this.peek();
      if (chained.kind === 'keyword' && chained.text === kind && kind !== 'range') {
        // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the outer {{end}}.
        this.next();
        elseList = [this.control(kind, chained)];
      } else {
        this.expect('close', 'else');
        const alt = this.list();
        if (alt.ending.kind !== 'end') throw templateError(`expected end; found ${alt.ending.kind === 'eof' ? 'EOF' : '{{else}}'}`, alt.ending.token);
        elseList = alt.nodes;
      }
    } else if (body.ending.kind !== 'end') {
      throw templateError(`unexpected EOF: {{${kind}}} has no {{end}}`, t);
    }
    this.vars.length = mark;
    return { type: kind, pipe, list: body.nodes, elseList, at: t };
  }

  private pipeline(context: string, end: 'close' | 'rparen'): Pipeline {
    const at: Position = this.peek();
    const pipe: Pipeline = { vars: [], assign: false, commands: [], at: { line: at.line, column: at.column } };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.peek();
      if (t.kind === end) {
        this.next();
        break;
      }
      if (t.kind === 'eof' || t.kind === 'close' || t.kind === 'rparen') throw unexpected(t, context);
      pipe.commands.push(this.command(end));
    }
    if (pipe.commands.length === 0) throw templateError(`missing value for ${context}`, at);
    pipe.commands.forEach((cmd, n) => {
      const first = cmd.args[0]!;
      if (n === 0 && first.type === 'nil') throw templateError('nil is not a command', first.at);
      if (n > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
        throw templateError(`non executable command in pipeline stage ${n + 1}`, first.at);
      }
    });
    return pipe;
  }

  private declarations(pipe: Pipeline, context: string): void {
    const v = this.peek();
    const after = this.tokens[this.i + 1]!;
    if (v.kind !== 'variable') return;
    if (after.kind === 'comma' && context === 'range') {
      const second = this.tokens[this.i + 2]!;
      const op = this.tokens[this.i + 3]!;
      if (second.kind !== 'variable' || (op.kind !== 'declare' && op.kind !== 'assign')) throw unexpected(after, 'range');
      this.i += 4;
      this.declare(pipe, [v, second], op.kind === 'assign');
      return;
    }
    if (after.kind !== 'declare' && after.kind !== 'assign') return;
    this.i += 2;
    this.declare(pipe, [v], after.kind === 'assign');
  }

  private declare(pipe: Pipeline, names: Token[], assign: boolean): void {
    pipe.assign = assign;
    for (const n of names) {
      if (assign && !this.vars.includes(n.text)) throw templateError(`undefined variable "${n.text}"`, n);
      pipe.vars.push(n.text);
      if (!assign) this.vars.push(n.text);
    }
  }

  private command(end: 'close' | 'rparen'): Command {
    const args: Operand[] = [];
    const at: Position = this.peek();
    for (;;) {
      args.push(this.operand());
      const t = this.peek();
      if (t.kind === end) break;
      if (t.kind === 'pipe') {
        this.next();
        if (this.peek().kind === end || this.peek().kind === 'pipe') throw templateError('missing command', this.peek());
        break;
      }
      if (!t.spaced) throw unexpected(t, 'operand');
    }
    return { args, at: { line: at.line, column: at.column } };
  }

  private operand(): Operand {
    const t = this.next();
    const at = { line: t.line, column: t.column };
    let op: Operand;
    switch (t.kind) {
      case 'ident':
        this.checkFunction(t.text, t);
        op = { type: 'ident', name: t.text, at, chain: [] };
        break;
      case 'field':
        op = { type: 'field', at, chain: [t.text] };
        break;
      case 'variable':
        if (!this.vars.includes(t.text)) throw templateError(`undefined variable "${t.text}"`, t);
        op = { type: 'variable', name: t.text, at, chain: [] };
        break;
      case 'dot':
        op = { type: 'dot', at, chain: [] };
        break;
      case 'nil':
        op = { type: 'nil', at, chain: [] };
        break;
      case 'bool':
        op = { type: 'bool', value: t.value === true, at, chain: [] };
        break;
      case 'number':
        op = { type: 'number', value: Number(t.value), at, chain: [] };
        break;
      case 'string':
        op = { type: 'string', value: String(t.value), at, chain: [] };
        break;
      case 'lparen':
        op = { type: 'pipe', pipe: this.pipeline('parenthesized pipeline', 'rparen'), at, chain: [] };
        break;
      default:
        throw unexpected(t, 'operand');
    }
    while (this.peek().kind === 'field' && !this.peek().spaced) {
      const f = this.next();
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(op.type)) throw templateError(`unexpected . after term "${t.text}"`, f);
      op.chain.push(f.text);
    }
    return op;
  }
}

function unexpected(t: Token, context: string): Error {
  const what = t.kind === 'eof' ? 'EOF' : t.kind === 'close' ? `"${t.text}"` : `"${t.text}"`;
  return templateError(`unexpected ${what} in ${context}`, t);
}
