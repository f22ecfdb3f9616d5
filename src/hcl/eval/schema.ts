import type { Diagnostic, Range } from '../source.js';
import type { Attribute, Block, Body } from '../syntax/ast.js';
import { closestName } from '../../shared/suggest.js';
import { errorDiag } from './eval-error.js';

/** The fixed schemas of the blocks this module interprets itself (variable, locals, dynamic, ...). */
export interface BodySchema {
  attributes: readonly string[];
  blocks: readonly string[];
  required?: readonly string[];
}

export interface BodyContent {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

/** Splits a body by a schema, reporting unexpected and missing items the way HCL does. */
export function bodyContent(body: Body, schema: BodySchema, owner: Block, diags: Diagnostic[]): BodyContent {
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      if (schema.attributes.includes(item.name)) attributes.set(item.name, item);
      else diags.push(unexpected('argument', item.name, item.nameRange, schema.attributes));
    } else if (schema.blocks.includes(item.type)) {
      blocks.push(item);
    } else {
      diags.push(unexpected('block', item.type, item.typeRange, schema.blocks));
    }
  }
  for (const name of schema.required ?? []) {
    if (!attributes.has(name)) {
      diags.push(errorDiag('Missing required argument', `The argument "${name}" is required, but no definition was found.`, defRange(owner)));
    }
  }
  return { attributes, blocks };
}

/** A body that may only hold `name = value` pairs (locals, variables, var files). */
export function justAttributes(body: Body, diags: Diagnostic[]): Attribute[] {
  const out: Attribute[] = [];
  for (const item of body.items) {
    if (item.kind === 'Attribute') out.push(item);
    else diags.push(errorDiag(`Unexpected "${item.type}" block`, 'Blocks are not allowed here.', item.typeRange));
  }
  return out;
}

export function unexpected(what: 'argument' | 'block', name: string, range: Range, known: readonly string[]): Diagnostic {
  const suggestion = closestName(name, known);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  return what === 'argument'
    ? errorDiag('Unsupported argument', `An argument named "${name}" is not expected here.${hint}`, range)
    : errorDiag('Unsupported block type', `Blocks of type "${name}" are not expected here.${hint}`, range);
}

/** Checks a block's labels against the names it needs, e.g. `["name"]` for `job "x"`. */
export function checkLabels(block: Block, names: readonly string[], diags: Diagnostic[]): boolean {
  const n = block.labels.length;
  if (n < names.length) {
    diags.push(
      errorDiag(
        `Missing ${names[n]} for ${block.type}`,
        `All ${block.type} blocks must have ${names.length} labels (${names.join(', ')}).`,
        defRange(block),
      ),
    );
    return false;
  }
  if (n > names.length) {
    const detail = names.length === 0
      ? `No labels are expected for ${block.type} blocks.`
      : `Only ${names.length} labels (${names.join(', ')}) are expected for ${block.type} blocks.`;
    diags.push(errorDiag(`Extraneous label for ${block.type}`, detail, block.labelRanges[names.length]));
    return false;
  }
  return true;
}

/** A block's header: its type and labels, up to the opening brace. */
export function defRange(block: Block): Range {
  const last = block.labelRanges[block.labelRanges.length - 1];
  return last ? { filename: block.typeRange.filename, start: block.typeRange.start, end: last.end } : block.typeRange;
}
