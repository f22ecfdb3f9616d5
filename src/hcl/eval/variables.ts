import type { Diagnostic, Range } from '../source.js';
import type { Attribute, Block, Expr } from '../syntax/ast.js';
import { parseType, TypeExprError, type Type } from '../types.js';
import { convert, ConversionError } from '../cty/convert.js';
import type { Val } from '../cty/value.js';
import { constantValue } from './constant.js';
import { errorDiag } from './eval-error.js';
import { referencesIn } from './references.js';
import { bodyContent, checkLabels, defRange, justAttributes } from './schema.js';

/** An input variable as declared by a `variable "x" {}` block or a `variables {}` entry. */
export interface VariableDecl {
  name: string;
  /** the block header, or the `x = ...` entry */
  range: Range;
  type?: Type;
  /** present when a default is written; failed when it could not be evaluated or converted */
  default?: { value: Val; range: Range } | { failed: true };
  description?: string;
  sensitive?: boolean;
  validations: Validation[];
}

export interface Validation {
  condition: Expr;
  errorMessage: string;
}

const VARIABLE_SCHEMA = { attributes: ['type', 'default', 'description', 'sensitive'], blocks: ['validation'] };
const VALIDATION_SCHEMA = { attributes: ['condition', 'error_message'], blocks: [], required: ['condition', 'error_message'] };
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** Reads every declaration, in file order; a name declared twice keeps its first declaration. */
export function declareVariables(blocks: readonly Block[], diags: Diagnostic[]): Map<string, VariableDecl> {
  const decls = new Map<string, VariableDecl>();
  const add = (decl: VariableDecl, nameRange: Range) => {
    const first = decls.get(decl.name);
    if (first) {
      diags.push(errorDiag('Duplicate variable', `Duplicate ${decl.name} variable definition found.`, nameRange));
    } else {
      decls.set(decl.name, decl);
    }
  };
  for (const block of blocks) {
    if (block.type === 'variable') {
      add(variableBlock(block, diags), block.labelRanges[0]!);
    } else {
      for (const attr of justAttributes(block.body, diags)) add(variablesEntry(attr, diags), attr.nameRange);
    }
  }
  return decls;
}

function variablesEntry(attr: Attribute, diags: Diagnostic[]): VariableDecl {
  const value = constantValue(attr.expr, diags);
  const decl: VariableDecl = { name: attr.name, range: attr.range, validations: [] };
  decl.default = value === undefined ? { failed: true } : { value, range: attr.expr.range };
  return decl;
}

function variableBlock(block: Block, diags: Diagnostic[]): VariableDecl {
  const name = block.labels[0]!;
  if (!IDENTIFIER.test(name)) {
    diags.push(
      errorDiag(
        'Invalid variable name',
        'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.',
        block.labelRanges[0],
      ),
    );
  }
  const decl: VariableDecl = { name, range: defRange(block), validations: [] };
  const content = bodyContent(block.body, VARIABLE_SCHEMA, block, diags);
  const attr = (n: string) => content.attributes.get(n);

  const typeAttr = attr('type');
  if (typeAttr) {
    try {
      decl.type = parseType(typeAttr.expr, { constraint: false });
    } catch (err) {
      if (!(err instanceof TypeExprError)) throw err;
      diags.push(errorDiag(err.summary, err.detail, err.range ?? typeAttr.expr.range));
    }
  }
  const description = attr('description');
  if (description) decl.description = constantOfKind(description, 'string', diags)?.str;
  const sensitive = attr('sensitive');
  if (sensitive) decl.sensitive = constantOfKind(sensitive, 'bool', diags)?.bool;

  const def = attr('default');
  if (def) decl.default = defaultValue(def, decl.type, diags);

  for (const v of content.blocks) {
    if (!checkLabels(v, [], diags)) continue;
    const validation = validationBlock(name, v, diags);
    if (validation) decl.validations.push(validation);
  }
  return decl;
}

function defaultValue(def: Attribute, type: Type | undefined, diags: Diagnostic[]): VariableDecl['default'] {
  const value = constantValue(def.expr, diags);
  if (value === undefined) return { failed: true };
  if (!type) return { value, range: def.expr.range };
  try {
    return { value: convert(value, type), range: def.expr.range };
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    diags.push(
      errorDiag(
        'Invalid default value for variable',
        `This default value is not compatible with the variable's type constraint: ${err.message}.`,
        def.expr.range,
      ),
    );
    return { failed: true };
  }
}

function constantOfKind(attr: Attribute, kind: 'string' | 'bool', diags: Diagnostic[]): Val | undefined {
  const value = constantValue(attr.expr, diags);
  if (value === undefined || (value.type.kind === kind && !value.isNull && value.isKnown)) return value;
  const want = kind === 'string' ? 'string' : 'bool';
  diags.push(errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${attr.name}": ${want} required.`, attr.expr.range));
  return undefined;
}

/** A condition may look at the variable itself and nothing else, like Nomad's. */
function validationBlock(varName: string, block: Block, diags: Diagnostic[]): Validation | undefined {
  const content = bodyContent(block.body, VALIDATION_SCHEMA, block, diags);
  const condition = content.attributes.get('condition');
  const message = content.attributes.get('error_message');
  let ok = condition !== undefined && message !== undefined;
  if (condition) {
    let selfRefs = 0;
    for (const ref of referencesIn(condition.expr)) {
      if (ref.root === 'var' && ref.member === varName) {
        selfRefs++;
        continue;
      }
      ok = false;
      diags.push(
        errorDiag(
          'Invalid reference in variable validation',
          `The condition for variable "${varName}" can only refer to the variable itself, using var.${varName}.`,
          ref.range,
        ),
      );
    }
    if (selfRefs === 0) {
      ok = false;
      diags.push(
        errorDiag(
          'Invalid variable validation condition',
          `The condition for variable "${varName}" must refer to var.${varName} in order to test incoming values.`,
          condition.expr.range,
        ),
      );
    }
  }
  let errorMessage: string | undefined;
  if (message) {
    errorMessage = constantOfKind(message, 'string', diags)?.str;
    if (errorMessage === undefined) ok = false;
    else if (!looksLikeSentences(errorMessage)) {
      ok = false;
      const detail = errorMessage === ''
        ? 'An empty string is not a valid nor useful error message.'
        : 'Validation error message must be at least one full sentence starting with an uppercase letter ( if the alphabet permits it ) and ending with a period or question mark.';
      diags.push(errorDiag('Invalid validation error message', detail, message.expr.range));
    }
  }
  return ok ? { condition: condition!.expr, errorMessage: errorMessage! } : undefined;
}

function looksLikeSentences(s: string): boolean {
  const chars = [...s];
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (first === undefined || last === undefined) return false;
  if (/\p{L}/u.test(first) && !/\p{Lu}/u.test(first)) return false;
  return last === '.' || last === '?' || last === '!';
}
