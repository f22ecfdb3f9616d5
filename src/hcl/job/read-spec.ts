import type { EvaluatedAttribute, EvaluatedBlock, EvaluatedBody } from '../eval/evaluated.js';
import { rangeString } from '../eval/eval-error.js';
import { blockPath } from '../eval/paths.js';
import type { Diagnostic, Range } from '../source.js';
import { hclNameSuggestion } from '../../shared/suggest.js';
import { conform, type Conformed } from './conform.js';
import { NomadBlock } from './nomad-block.js';
import { opt, val, type AttrSpec, type BlockSpec, type MapBody, type NestedBlock, type NomadVersion, type Versioned } from './spec/builders.js';
import { availability } from './spec/versions.js';

interface ReadContext {
  /** The Nomad version the job is meant for: fields it does not read are warnings. */
  target: NomadVersion;
  diags: Diagnostic[];
}

/**
 * Reads an evaluated block against the job specification table the way Nomad's decoder does: every
 * argument and nested block checked by name (with HCL's "Did you mean"), labels counted, blocks that
 * may appear once refused twice, required arguments required, and values converted to the types of
 * Nomad's job structs. Fields the targeted Nomad version does not read are warnings naming the version
 * that does. Every problem is reported; what could be read is returned.
 */
export function readSpecBlock(block: EvaluatedBlock, spec: BlockSpec, parentPath: string, target: NomadVersion, diags: Diagnostic[]): NomadBlock {
  const node = newNode(block, parentPath);
  const found: Diagnostic[] = [];
  readBody(node, block.body, spec, { target, diags: found });
  // In the order of the file, not of the walk, which reads a block's arguments before its nested blocks.
  const at = (d: Diagnostic) => d.range?.start.offset ?? 0;
  diags.push(...found.sort((a, b) => at(a) - at(b)));
  return node;
}

function newNode(block: EvaluatedBlock, parentPath: string): NomadBlock {
  const path = blockPath(parentPath, block.type, block.labels);
  return new NomadBlock(block.type, block.labels, block.labelRanges, block.typeRange, block.range, path, block.body);
}

function readBody(node: NomadBlock, body: EvaluatedBody, spec: BlockSpec, ctx: ReadContext): void {
  const attrNames = Object.keys(spec.attrs).sort();
  const blockNames = Object.keys(spec.blocks).sort();
  const byType = new Map<string, EvaluatedBlock[]>();
  const asAttribute = new Map<string, EvaluatedAttribute>();

  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      const attrSpec = spec.attrs[item.name];
      const nested = spec.blocks[item.name];
      if (attrSpec) readAttribute(node, item, attrSpec, ctx);
      else if (nested?.orAttribute) asAttribute.set(item.name, item);
      else unsupportedArgument(node, item, spec, attrNames.filter((n) => !node.attributes.has(n)), ctx);
      continue;
    }
    if (spec.blocks[item.type]) {
      const list = byType.get(item.type);
      if (list) list.push(item);
      else byType.set(item.type, [item]);
    } else {
      unsupportedBlock(node, item, spec, blockNames, ctx);
    }
  }

  for (const [name, attrSpec] of Object.entries(spec.attrs)) {
    if (attrSpec.required && !node.attributes.has(name) && !body.items.some((i) => i.kind === 'Attribute' && i.name === name)) {
      error(ctx, node, 'Missing required argument', `The argument "${name}" is required, but no definition was found.`, node.typeRange);
    }
  }

  for (const [type, attr] of asAttribute) {
    const nested = spec.blocks[type]!;
    const blocks = byType.get(type);
    if (blocks) {
      // Written both ways: Nomad reports it at the block and goes on with the block alone.
      error(ctx, node, `Duplicate ${type} block`, `${type} may not be defined more than once. Another definition is defined at ${rangeString(attr.range)}.`, defRange(blocks[0]!));
      continue;
    }
    readMapAttribute(node, attr, nested, ctx);
  }

  for (const [type, blocks] of byType) {
    const nested = spec.blocks[type]!;
    const labelNames = nested.labels ?? (typeof nested.body === 'object' ? nested.body.labels : undefined) ?? [];
    const labelled = blocks.filter((b) => labelsFit(node, b, labelNames, ctx));
    if (labelled.length === 0) continue;
    checkVersion(node, nested, 'Block type', type, labelled[0]!.typeRange, ctx);
    if (nested.repeat === 'one' && labelled.length > 1) {
      error(ctx, node, `Duplicate ${type} block`, `Only one ${type} block is allowed. Another was defined at ${rangeString(defRange(labelled[0]!))}.`, defRange(labelled[1]!));
      continue;
    }
    // A Go map keyed by label: the last block of a label is the one that counts.
    const kept = nested.repeat === 'by-label' ? labelled.filter((b, i) => !labelled.slice(i + 1).some((later) => later.labels[0] === b.labels[0])) : labelled;
    for (const block of kept) node.add(readNested(node, block, nested.body, ctx));
  }
}

function readNested(parent: NomadBlock, block: EvaluatedBlock, body: BlockSpec | MapBody, ctx: ReadContext): NomadBlock {
  const node = newNode(block, parent.path);
  if (typeof body === 'object') readBody(node, block.body, body, ctx);
  else if (body !== 'any') node.entries = readMapBody(node, block.body, body, ctx);
  return node;
}

/** `meta {}`-style bodies: every item an entry, its value converted; a nested block is a value that fails. */
function readMapBody(node: NomadBlock, body: EvaluatedBody, kind: 'map(string)' | 'map(list(string))', ctx: ReadContext): Record<string, Conformed> {
  const entries: Record<string, Conformed> = Object.create(null);
  const entrySpec = val(kind === 'map(string)' ? 'string' : 'list(string)');
  for (const item of body.items) {
    if (item.kind === 'Block') {
      // Nomad reads nested blocks here as lists of objects, which no entry type takes.
      const wanted = kind === 'map(string)' ? 'string required' : 'list of string required';
      error(ctx, node, 'Unsuitable value type', `Unsuitable value: ${wanted}`, item.typeRange);
      continue;
    }
    const result = conform(item.value, entrySpec);
    if (!result.ok) error(ctx, node, result.summary, result.detail, item.exprRange);
    else if (result.value !== undefined) entries[item.name] = result.value;
  }
  return entries;
}

/** `meta = { ... }`: the map written as an argument. */
function readMapAttribute(node: NomadBlock, attr: EvaluatedAttribute, nested: NestedBlock, ctx: ReadContext): void {
  checkVersion(node, nested, 'Argument', attr.name, attr.nameRange, ctx);
  const result = conform(attr.value, opt('map(string)'));
  if (!result.ok) {
    error(ctx, node, result.summary, result.detail, attr.exprRange);
    return;
  }
  const child = new NomadBlock(attr.name, [], [], attr.nameRange, attr.range, blockPath(node.path, attr.name, []), { items: [], range: attr.range });
  child.entries = (result.value as Record<string, string> | undefined) ?? Object.create(null);
  node.add(child);
}

function readAttribute(node: NomadBlock, attr: EvaluatedAttribute, spec: AttrSpec, ctx: ReadContext): void {
  checkVersion(node, spec, 'Argument', attr.name, attr.nameRange, ctx);
  const result = conform(attr.value, spec);
  if (!result.ok) {
    error(ctx, node, result.summary, result.detail, attr.exprRange);
    return;
  }
  if (result.value === undefined) return;
  node.attributes.set(attr.name, { name: attr.name, value: result.value, range: attr.range, nameRange: attr.nameRange, exprRange: attr.exprRange, source: attr });
}

function labelsFit(node: NomadBlock, block: EvaluatedBlock, names: readonly string[], ctx: ReadContext): boolean {
  const n = block.labels.length;
  if (n > names.length) {
    const detail = names.length === 0 ? `No labels are expected for ${block.type} blocks.` : `Only ${names.length} labels (${names.join(', ')}) are expected for ${block.type} blocks.`;
    error(ctx, node, `Extraneous label for ${block.type}`, detail, block.labelRanges[names.length]!);
    return false;
  }
  if (n < names.length) {
    error(ctx, node, `Missing ${names[n]} for ${block.type}`, `All ${block.type} blocks must have ${names.length} labels (${names.join(', ')}).`, defRange(block));
    return false;
  }
  return true;
}

function unsupportedArgument(node: NomadBlock, attr: EvaluatedAttribute, spec: BlockSpec, unset: readonly string[], ctx: ReadContext): void {
  const suggestion = hclNameSuggestion(attr.name, unset);
  let hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  if (!suggestion && spec.blocks[attr.name]) hint = ` Did you mean to define a block of type "${attr.name}"?`;
  error(ctx, node, 'Unsupported argument', `An argument named "${attr.name}" is not expected here.${hint}`, attr.nameRange);
}

function unsupportedBlock(node: NomadBlock, block: EvaluatedBlock, spec: BlockSpec, names: readonly string[], ctx: ReadContext): void {
  const suggestion = hclNameSuggestion(block.type, names);
  let hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  if (!suggestion && spec.attrs[block.type]) hint = ` Did you mean to define argument "${block.type}"? If so, use the equals sign to assign it a value.`;
  error(ctx, node, 'Unsupported block type', `Blocks of type "${block.type}" are not expected here.${hint}`, block.typeRange);
}

function checkVersion(node: NomadBlock, field: Versioned, kind: 'Argument' | 'Block type', name: string, range: Range, ctx: ReadContext): void {
  const found = availability(field, ctx.target);
  if (found.ok) return;
  const advice = 'Set --nomad-version (or nomad_version in pot-nomad.toml) to the version your cluster runs.';
  const detail =
    'since' in found
      ? `Nomad reads "${name}" from version ${found.since} on; the targeted Nomad ${ctx.target} refuses it. ${advice}`
      : `Nomad read "${name}" until version ${found.until}, which removed it; the targeted Nomad ${ctx.target} refuses it. ${advice}`;
  const summary = 'since' in found ? `${kind} "${name}" needs Nomad ${found.since}` : `${kind} "${name}" was removed in Nomad ${found.until}`;
  ctx.diags.push({ severity: 'warning', summary, detail, range, path: node.path });
}

function error(ctx: ReadContext, node: NomadBlock, summary: string, detail: string, range: Range): void {
  ctx.diags.push({ severity: 'error', summary, detail, range, path: node.path });
}

/** A block's header, its type and labels: where HCL points at a whole block. */
function defRange(block: EvaluatedBlock): Range {
  const last = block.labelRanges[block.labelRanges.length - 1];
  return last ? { filename: block.typeRange.filename, start: block.typeRange.start, end: last.end } : block.typeRange;
}
