import type { Range } from '../source.js';

/**
 * The syntax tree of an HCL2 native-syntax file. Every node keeps its source range, and bodies keep
 * their items in declaration order: both matter for Nomad (positions for errors, order for allocations).
 */

export interface File {
  filename: string;
  /** The file's text, kept so that unevaluated expressions can be echoed back as `${<source>}`. */
  source: string;
  body: Body;
}

export interface Body {
  kind: 'Body';
  /** Attributes and blocks in the order they appear. */
  items: BodyItem[];
  range: Range;
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  kind: 'Attribute';
  name: string;
  nameRange: Range;
  expr: Expr;
  range: Range;
}

export interface Block {
  kind: 'Block';
  type: string;
  typeRange: Range;
  /** Label values, already unquoted. Labels are literal strings or bare identifiers, never templates. */
  labels: string[];
  labelRanges: Range[];
  body: Body;
  range: Range;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParensExpr;

/** A number, `true`/`false`, `null`. Strings are always TemplateExpr, even without interpolation. */
export interface LiteralExpr {
  kind: 'Literal';
  value: number | boolean | null;
  /** a number's source text: cty parses it to 512 bits, more than a double holds */
  text?: string;
  range: Range;
}

/**
 * A quoted string or heredoc. `parts` hold literal text with `$${`/`%%{` escapes already turned into
 * `${`/`%{`, interpolations and directives. Strip markers (`~`) are applied by the parser.
 */
export interface TemplateExpr {
  kind: 'Template';
  parts: TemplatePart[];
  heredoc: boolean;
  range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterp | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  kind: 'TemplateLiteral';
  value: string;
  range: Range;
}

export interface TemplateInterp {
  kind: 'TemplateInterp';
  expr: Expr;
  range: Range;
}

export interface TemplateIf {
  kind: 'TemplateIf';
  condition: Expr;
  then: TemplatePart[];
  else: TemplatePart[];
  range: Range;
}

export interface TemplateFor {
  kind: 'TemplateFor';
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  body: TemplatePart[];
  range: Range;
}

/** A bare name such as `var`, `local`, `NOMAD_ALLOC_ID`, `attr`, or a `for` iterator. */
export interface VariableExpr {
  kind: 'Variable';
  name: string;
  range: Range;
}

/** `object.name` */
export interface GetAttrExpr {
  kind: 'GetAttr';
  object: Expr;
  name: string;
  range: Range;
}

/** `object[key]`, and the legacy `object.0` form (key is then a number literal). */
export interface IndexExpr {
  kind: 'Index';
  object: Expr;
  key: Expr;
  range: Range;
}

/** `source[*].each` or `source.*.each`; `each` refers to the current element as AnonSymbolExpr. */
export interface SplatExpr {
  kind: 'Splat';
  source: Expr;
  each: Expr;
  /** true for the attribute-only splat `.*`, false for the full splat `[*]` */
  attrOnly: boolean;
  range: Range;
}

/** The current element inside a splat's `each` expression. */
export interface AnonSymbolExpr {
  kind: 'AnonSymbol';
  range: Range;
}

export interface FunctionCallExpr {
  kind: 'FunctionCall';
  name: string;
  nameRange: Range;
  args: Expr[];
  /** `f(a, list...)`: the last argument is expanded into separate arguments. */
  expandFinal: boolean;
  range: Range;
}

export interface ConditionalExpr {
  kind: 'Conditional';
  condition: Expr;
  then: Expr;
  else: Expr;
  range: Range;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryOpExpr {
  kind: 'BinaryOp';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  range: Range;
}

export interface UnaryOpExpr {
  kind: 'UnaryOp';
  op: '!' | '-';
  operand: Expr;
  range: Range;
}

export interface TupleExpr {
  kind: 'Tuple';
  items: Expr[];
  range: Range;
}

export interface ObjectItem {
  /**
   * The key. A bare identifier key (`http = "80"`) is a TemplateExpr holding that literal name;
   * `(expr)` or a quoted string is evaluated.
   */
  key: Expr;
  /** true when the key was written as a bare identifier. */
  bareKey: boolean;
  value: Expr;
  range: Range;
}

export interface ObjectExpr {
  kind: 'Object';
  items: ObjectItem[];
  range: Range;
}

/** `[for k, v in coll : expr if cond]` and `{for k, v in coll : kexpr => vexpr... if cond}` */
export interface ForExpr {
  kind: 'For';
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  keyExpr?: Expr;
  valueExpr: Expr;
  condition?: Expr;
  /** `...` after the value expression in an object `for`: values with the same key are grouped into lists. */
  group: boolean;
  range: Range;
}

export interface ParensExpr {
  kind: 'Parens';
  expr: Expr;
  range: Range;
}
