import type { Diagnostic, Range } from '../source.js';
import type { Block, Body, Expr } from '../syntax/ast.js';
import { convert, ConversionError } from '../cty/convert.js';
import { friendlyName, STRING } from '../cty/type.js';
import { object, type Val } from '../cty/value.js';
import { diagnosticsOf, errorDiag, EvalError, fail } from './eval-error.js';
import type { EvaluatedBlock, EvaluatedBody } from './evaluated.js';
import { evaluate } from './expression.js';
import { elementsOf, type Element } from './for.js';
import { blockPath, withPath } from './paths.js';
import { bodyContent, checkLabels, defRange } from './schema.js';
import type { Scope } from './scope.js';

type BodyEvaluator = (body: Body, scope: Scope, path: string, diags: Diagnostic[]) => EvaluatedBody;

const DYNAMIC_SCHEMA = { attributes: ['for_each', 'labels', 'iterator'], blocks: ['content'], required: ['for_each'] };

/**
 * Expands `dynamic "type" { for_each, labels, iterator, content {} }` into one `type` block per
 * element, each evaluated with the iterator (default: the block type) bound to `{ key, value }`.
 * Nested dynamic blocks expand the same way when their content body is evaluated.
 */
export function expandDynamic(block: Block, scope: Scope, path: string, diags: Diagnostic[], evalBody: BodyEvaluator): EvaluatedBlock[] {
  const local: Diagnostic[] = [];
  const report = () => diags.push(...withPath(local, path));
  const spec = readSpec(block, scope, local);
  if (!spec) {
    report();
    return [];
  }
  const blocks: EvaluatedBlock[] = [];
  for (const element of spec.elements) {
    const iterator = object([
      ['key', element.key],
      ['value', element.value],
    ]);
    const inner = scope.child([[spec.iterator, iterator]]);
    let labels: string[];
    try {
      labels = spec.labelExprs.map((e) => dynamicLabel(evaluate(e, inner), e.range));
    } catch (err) {
      local.push(...diagnosticsOf(err, block.range));
      continue;
    }
    blocks.push({
      kind: 'Block',
      type: spec.type,
      typeRange: block.labelRanges[0]!,
      labels,
      labelRanges: spec.labelExprs.map((e) => e.range),
      body: evalBody(spec.content.body, inner, blockPath(path, spec.type, labels), diags),
      range: block.range,
    });
  }
  report();
  return blocks;
}

interface DynamicSpec {
  type: string;
  elements: Element[];
  iterator: string;
  labelExprs: Expr[];
  content: Block;
}

function readSpec(block: Block, scope: Scope, diags: Diagnostic[]): DynamicSpec | undefined {
  if (!checkLabels(block, ['type'], diags)) return undefined;
  const before = diags.length;
  const content = bodyContent(block.body, DYNAMIC_SCHEMA, block, diags);
  const forEach = content.attributes.get('for_each');
  const iteratorAttr = content.attributes.get('iterator');
  const labelsAttr = content.attributes.get('labels');

  let iterator = block.labels[0]!;
  if (iteratorAttr) {
    const e = unwrap(iteratorAttr.expr);
    if (e.kind === 'Variable') iterator = e.name;
    else diags.push(errorDiag('Invalid dynamic iterator name', 'Dynamic iterator must be a single variable name.', iteratorAttr.expr.range));
  }
  let labelExprs: Expr[] = [];
  if (labelsAttr) {
    const e = unwrap(labelsAttr.expr);
    if (e.kind === 'Tuple') labelExprs = e.items;
    else diags.push(errorDiag('Invalid expression', 'A static list expression is required.', labelsAttr.expr.range));
  }
  const bodies = content.blocks;
  if (bodies.length === 0) {
    diags.push(
      errorDiag(
        'Missing dynamic content block',
        'A dynamic block must have a nested block of type "content" to describe the body of each generated block.',
        defRange(block),
      ),
    );
  } else if (bodies.length > 1) {
    diags.push(errorDiag('Extraneous dynamic content block', 'Only one nested content block is allowed for each dynamic block.', defRange(bodies[1]!)));
  } else {
    checkLabels(bodies[0]!, [], diags);
  }
  if (!forEach || diags.length > before) return undefined;

  let elements: Element[];
  try {
    elements = forEachElements(evaluate(forEach.expr, scope), forEach.expr.range);
  } catch (err) {
    diags.push(...diagnosticsOf(err, forEach.expr.range));
    return undefined;
  }
  return { type: block.labels[0]!, elements, iterator, labelExprs, content: bodies[0]! };
}

function forEachElements(collection: Val, range: Range): Element[] {
  const elements = elementsOf(collection);
  if (!elements && collection.type.kind !== 'any') {
    fail('Invalid dynamic for_each value', `Cannot use a ${friendlyName(collection.type)} value in for_each. An iterable collection is required.`, range);
  }
  if (collection.isNull) fail('Invalid dynamic for_each value', 'Cannot use a null value in for_each.', range);
  if (!elements || !collection.isKnown) return [];
  return elements;
}

function dynamicLabel(v: Val, range: Range): string {
  let label: Val;
  try {
    label = convert(v, STRING);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    return fail('Invalid dynamic block label', `Cannot use this value as a dynamic block label: ${err.message}.`, range);
  }
  if (label.isNull) throw new EvalError([errorDiag('Invalid dynamic block label', 'Cannot use a null value as a dynamic block label.', range)]);
  if (!label.isKnown) {
    fail('Invalid dynamic block label', 'This value is not yet known. Dynamic block labels must be immediately-known values.', range);
  }
  return label.str;
}

function unwrap(e: Expr): Expr {
  return e.kind === 'Parens' ? unwrap(e.expr) : e;
}
