import { parseJson, type JsonNode } from '../json/tree.js';
import type { Diagnostic, Range } from '../source.js';
import { newObject, type Value } from '../value.js';
import { errorDiag, rangeString } from './eval-error.js';

/** One top-level `"name": value` of a JSON var file, with where it is written. */
export interface JsonMember {
  name: string;
  nameRange: Range;
  value: Value;
  valueRange: Range;
  range: Range;
}

/**
 * Reads a JSON var file: an object of variable names and values, with the positions of its members so
 * that problems with a value point into the var file. Values are taken literally, as HCL's JSON syntax
 * does without a context.
 */
export function parseJsonMembers(filename: string, text: string, diags: Diagnostic[]): JsonMember[] {
  const { root } = parseJson(filename, text, diags);
  if (!root) return [];
  if (root.kind !== 'object') {
    diags.push(errorDiag('Invalid JSON', 'The root value of a JSON var file must be an object of variable names and values.', root.range));
    return [];
  }
  const members: JsonMember[] = [];
  for (const m of root.members) {
    const first = members.find((f) => f.name === m.name);
    if (first) {
      diags.push(errorDiag('Duplicate argument', `The argument "${m.name}" was already set at ${rangeString(first.nameRange)}.`, m.nameRange));
      continue;
    }
    members.push({ name: m.name, nameRange: m.nameRange, value: jsonValue(m.value), valueRange: m.value.range, range: m.range });
  }
  return members;
}

function jsonValue(node: JsonNode): Value {
  switch (node.kind) {
    case 'object':
      return newObject(node.members.map((m) => [m.name, jsonValue(m.value)] as const));
    case 'array':
      return node.items.map(jsonValue);
    default:
      return node.value;
  }
}
