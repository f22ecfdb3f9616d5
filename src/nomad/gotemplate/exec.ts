import type { Command, Node, Operand, ParsedTemplate, Pipeline } from './ast.js';
import { templateError, type Position } from './errors.js';
import { ArgTypeError, FUNCTIONS, type CallContext } from './functions.js';
import { formatValue, isMap, sortedKeys, truthy, typeName, type Value } from './values.js';

export interface ExecOptions {
  /** The template's dot; consul-template runs templates with none. */
  data?: Value;
  call: CallContext;
  /** Applied to literal text between actions (runtime `${...}` references). */
  text?: (s: string) => string;
}

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Runs a parsed template and returns its output; errors carry the position of the failing action. */
export function execute(t: ParsedTemplate, opts: ExecOptions): string {
  return new Executor(t, opts).run();
}

interface Variable {
  name: string;
  value: Value;
}

const MAX_DEPTH = 100;

class Executor {
  private out = '';
  private vars: Variable[] = [];
  private depth = 0;

  constructor(
    private readonly t: ParsedTemplate,
    private readonly opts: ExecOptions,
  ) {}

  run(): string {
    const dot = this.opts.data;
    this.vars = [{ name: '$', value: dot }];
    this.walk(this.t.root, dot);
    return this.out;
  }

  private walk(nodes: readonly Node[], dot: Value): void {
    for (const node of nodes) this.node(node, dot);
  }

  private scoped(fn: () => void): void {
    const mark = this.vars.length;
    try {
      fn();
    } finally {
      this.vars.length = mark;
    }
  }

  private node(node: Node, dot: Value): void {
    switch (node.type) {
      case 'text':
        this.out += this.opts.text ? this.opts.text(node.text) : node.text;
        return;
      case 'action': {
        const v = this.pipeline(node.pipe, dot);
        if (node.pipe.vars.length === 0) this.out += formatValue(v);
        return;
      }
      case 'if':
      case 'with':
        return this.scoped(() => {
          const v = this.pipeline(node.pipe, dot);
          if (truthy(v)) this.walk(node.list, node.type === 'with' ? v : dot);
          else this.walk(node.elseList, dot);
        });
      case 'range':
        return this.scoped(() => this.range(node.pipe, node.list, node.elseList, dot));
      case 'template': {
        const body = this.t.defines.get(node.name);
        if (!body) throw templateError(`no such template "${node.name}"`, node.at);
        if (++this.depth > MAX_DEPTH) throw templateError(`exceeded maximum template depth (${MAX_DEPTH})`, node.at);
        const inner = node.pipe ? this.pipeline(node.pipe, dot) : undefined;
        const saved = this.vars;
        this.vars = [{ name: '$', value: inner }];
        try {
          this.walk(body, inner);
        } finally {
          this.vars = saved;
          this.depth--;
        }
        return;
      }
      case 'break':
      case 'continue':
        throw new LoopSignal(node.type);
    }
  }

  private range(pipe: Pipeline, list: readonly Node[], elseList: readonly Node[], dot: Value): void {
    const v = this.commands(pipe, dot);
    let items: [Value, Value][];
    if (Array.isArray(v)) items = v.map((e, i) => [i, e]);
    else if (isMap(v)) items = sortedKeys(v).map((k) => [k, v[k]]);
    else if (typeof v === 'number' && Number.isInteger(v)) {
      if (pipe.vars.length > 1) throw templateError(`can't use ${v} to iterate over more than one variable`, pipe.at);
      items = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    } else if (v === undefined || v === null) items = [];
    else throw templateError(`range can't iterate over ${formatValue(v)}`, pipe.at);
    if (items.length === 0) return this.walk(elseList, dot);
    for (const [key, elem] of items) {
      const mark = this.vars.length;
      if (pipe.vars.length === 1) this.setVar(pipe.vars[0]!, elem, pipe.assign);
      if (pipe.vars.length === 2) {
        this.setVar(pipe.vars[0]!, key, pipe.assign);
        this.setVar(pipe.vars[1]!, elem, pipe.assign);
      }
      try {
        this.walk(list, elem);
      } catch (e) {
        if (!(e instanceof LoopSignal)) throw e;
        if (e.kind === 'break') break;
      } finally {
        this.vars.length = mark;
      }
    }
  }

  private setVar(name: string, value: Value, assign: boolean): void {
    if (!assign) {
      this.vars.push({ name, value });
      return;
    }
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
  }

  private pipeline(pipe: Pipeline, dot: Value): Value {
    const v = this.commands(pipe, dot);
    for (const name of pipe.vars) this.setVar(name, v, pipe.assign);
    return v;
  }

  private commands(pipe: Pipeline, dot: Value): Value {
    let value: Value;
    pipe.commands.forEach((cmd, i) => {
      value = this.command(cmd, dot, i > 0 ? { value } : undefined);
    });
    return value;
  }

  private command(cmd: Command, dot: Value, piped?: { value: Value }): Value {
    const [first, ...rest] = cmd.args as [Operand, ...Operand[]];
    if (first.type === 'ident') {
      const result = this.call(first.name, rest, dot, piped, first.at);
      return this.chain(result, first.chain, first.at);
    }
    if (rest.length > 0 || piped) throw templateError(`can't give argument to non-function ${describe(first)}`, first.at);
    return this.operand(first, dot);
  }

  private call(name: string, args: readonly Operand[], dot: Value, piped: { value: Value } | undefined, at: Position): Value {
    const fn = FUNCTIONS.get(name)!;
    const count = args.length + (piped ? 1 : 0);
    if (count < fn.min || count > fn.max) {
      const want = fn.min === fn.max ? `${fn.min}` : `at least ${fn.min}`;
      throw templateError(`wrong number of args for ${name}: want ${want} got ${count}`, at);
    }
    if (name === 'and' || name === 'or') {
      // Go stops at the first argument that decides the result, so later ones may be unsafe to run.
      let v: Value;
      for (const a of args) {
        v = this.operand(a, dot);
        if (truthy(v) === (name === 'or')) return v;
      }
      return piped ? piped.value : v;
    }
    const values = args.map((a) => this.operand(a, dot));
    if (piped) values.push(piped.value);
    try {
      return fn.call(values, this.opts.call);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw templateError(e instanceof ArgTypeError ? msg : `error calling ${name}: ${msg}`, at);
    }
  }

  private operand(op: Operand, dot: Value): Value {
    let v: Value;
    switch (op.type) {
      case 'ident':
        v = this.call(op.name, [], dot, undefined, op.at);
        break;
      case 'field':
        v = dot;
        break;
      case 'variable':
        v = this.vars.findLast((x) => x.name === op.name)?.value;
        break;
      case 'dot':
        v = dot;
        break;
      case 'nil':
        v = null;
        break;
      case 'pipe':
        v = this.scopedValue(() => this.pipeline(op.pipe, dot));
        break;
      default:
        v = op.value;
    }
    return this.chain(v, op.chain, op.at);
  }

  private scopedValue(fn: () => Value): Value {
    const mark = this.vars.length;
    try {
      return fn();
    } finally {
      this.vars.length = mark;
    }
  }

  private chain(v: Value, names: readonly string[], at: Position): Value {
    let cur = v;
    for (const name of names) {
      if (isMap(cur)) cur = Object.prototype.hasOwnProperty.call(cur, name) ? cur[name] : undefined;
      else if (cur === undefined || cur === null) throw templateError(`nil data; no entry for key "${name}"`, at);
      else throw templateError(`can't evaluate field ${name} in type ${typeName(cur)}`, at);
    }
    return cur;
  }
}

function describe(op: Operand): string {
  switch (op.type) {
    case 'string':
      return JSON.stringify(op.value);
    case 'number':
    case 'bool':
      return String(op.value);
    case 'field':
      return `.${op.chain.join('.')}`;
    case 'variable':
      return op.name + op.chain.map((c) => `.${c}`).join('');
    default:
      return op.type;
  }
}
