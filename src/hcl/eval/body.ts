import type { Diagnostic } from '../source.js';
import type { Attribute, Block, Body } from '../syntax/ast.js';
import { diagnosticsOf, errorDiag, EvalError } from './eval-error.js';
import { toPlain } from '../cty/plain.js';
import type { EvaluatedAttribute, EvaluatedBlock, EvaluatedBody } from './evaluated.js';
import { evaluate } from './expression.js';
import { expandDynamic } from './dynamic.js';
import type { Scope } from './scope.js';
import { blockPath, withPath } from './paths.js';
import { valueSpans } from './spans.js';

/**
 * Evaluates a body inside the job: every attribute eagerly (config, env, meta and template bodies
 * alike), every block recursively, `dynamic` blocks expanded where they stand. An attribute that
 * fails is left out and its problems are reported, so one run reports them all.
 */
export function evaluateBody(body: Body, scope: Scope, path: string, diags: Diagnostic[]): EvaluatedBody {
  const items: (EvaluatedAttribute | EvaluatedBlock)[] = [];
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      const attr = evaluateAttribute(item, scope, path, diags);
      if (attr) items.push(attr);
    } else if (item.type === 'dynamic') {
      items.push(...expandDynamic(item, scope, path, diags, evaluateBody));
    } else {
      items.push(evaluateBlock(item, scope, path, diags));
    }
  }
  return { items, range: body.range };
}

export function evaluateBlock(block: Block, scope: Scope, parentPath: string, diags: Diagnostic[]): EvaluatedBlock {
  const path = blockPath(parentPath, block.type, block.labels);
  return {
    kind: 'Block',
    type: block.type,
    typeRange: block.typeRange,
    labels: block.labels,
    labelRanges: block.labelRanges,
    body: evaluateBody(block.body, scope, path, diags),
    range: block.range,
  };
}

function evaluateAttribute(attr: Attribute, scope: Scope, path: string, diags: Diagnostic[]): EvaluatedAttribute | undefined {
  try {
    const val = evaluate(attr.expr, scope);
    if (!val.isWhollyKnown) {
      // Nomad decodes into Go values, which cannot hold an unknown (a comparison with `any` in its type, say).
      throw new EvalError([errorDiag('Unsuitable value type', 'Unsuitable value: value must be known', attr.expr.range)]);
    }
    const value = toPlain(val);
    return {
      kind: 'Attribute',
      name: attr.name,
      nameRange: attr.nameRange,
      value,
      range: attr.range,
      exprRange: attr.expr.range,
      spans: valueSpans(attr.expr, value),
    };
  } catch (err) {
    diags.push(...withPath(diagnosticsOf(err, attr.expr.range), path));
    return undefined;
  }
}
