import type { Range } from '../source.js';
import type { Value } from '../value.js';

/**
 * A job file after evaluation: every attribute holds its value, dynamic blocks are expanded in place,
 * and positions and declaration order are kept for the decoder and its error messages.
 */

/** Where a literally written tuple item or object item (recursively) of an attribute's value is. */
export interface ValueSpan {
  path: (string | number)[];
  range: Range;
}

export interface EvaluatedAttribute {
  kind: 'Attribute';
  name: string;
  nameRange: Range;
  value: Value;
  range: Range;
  exprRange: Range;
  spans: ValueSpan[];
}

export interface EvaluatedBlock {
  kind: 'Block';
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  body: EvaluatedBody;
  range: Range;
}

export interface EvaluatedBody {
  items: (EvaluatedAttribute | EvaluatedBlock)[];
  range: Range;
}
