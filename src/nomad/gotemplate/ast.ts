import type { Position } from './errors.js';

/** The parse tree of a Go text/template, reduced to what pot-nomad executes. */
export type Node = TextNode | ActionNode | BranchNode | TemplateCallNode | LoopControlNode;

export interface TextNode {
  type: 'text';
  text: string;
}

export interface ActionNode {
  type: 'action';
  pipe: Pipeline;
  at: Position;
}

/** `if`, `range` and `with`: run `list` or `elseList` depending on the pipeline's value. */
export interface BranchNode {
  type: 'if' | 'range' | 'with';
  pipe: Pipeline;
  list: Node[];
  elseList: Node[];
  at: Position;
}

export interface TemplateCallNode {
  type: 'template';
  name: string;
  pipe?: Pipeline;
  at: Position;
}

export interface LoopControlNode {
  type: 'break' | 'continue';
  at: Position;
}

export interface Pipeline {
  /** Variables declared (`:=`) or assigned (`=`) by the pipeline. */
  vars: string[];
  assign: boolean;
  commands: Command[];
  at: Position;
}

export interface Command {
  args: Operand[];
  at: Position;
}

export type Operand = (
  | { type: 'ident'; name: string }
  | { type: 'field' }
  | { type: 'variable'; name: string }
  | { type: 'dot' }
  | { type: 'nil' }
  | { type: 'bool'; value: boolean }
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'pipe'; pipe: Pipeline }
) & { at: Position; chain: string[] };

export interface ParsedTemplate {
  root: Node[];
  defines: Map<string, Node[]>;
}
