import type { Range } from '../../source.js';
import { compileRe2 } from '../../functions/re2.js';
import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { semverConstraintError, versionConstraintError } from './version-constraint.js';

/** A constraint or affinity as Nomad's decoder builds it from the block, each part with its place. */
interface Placement {
  block: NomadBlock;
  ltarget: string;
  rtarget: string;
  operand: string;
  ltargetRange: Range;
  rtargetRange: Range;
  operandRange: Range;
}

/**
 * Nomad's decoder reads `attribute`, `value` and `operator`, then lets the shorthand arguments override
 * them in a fixed order; the last one set wins. `set_contains_all`, `set_contains_any`, `is_set` and
 * `is_not_set` are accepted in a constraint block but have no effect there.
 */
function readConstraint(block: NomadBlock, ctx: RuleContext): Placement {
  const p = base(block, ctx);
  for (const op of ['version', 'semver', 'regexp', 'set_contains']) shorthand(p, block, op, ctx);
  const hosts = block.bool('distinct_hosts');
  if (hosts !== undefined) {
    p.operand = 'distinct_hosts';
    p.rtarget = String(hosts);
    p.operandRange = p.rtargetRange = ctx.rangeOf(block, 'distinct_hosts');
  }
  const property = block.string('distinct_property');
  if (property) {
    p.operand = 'distinct_property';
    p.ltarget = property;
    p.operandRange = p.ltargetRange = ctx.rangeOf(block, 'distinct_property');
  }
  if (p.operand === '') p.operand = '=';
  return p;
}

function readAffinity(block: NomadBlock, ctx: RuleContext): Placement {
  const p = base(block, ctx);
  for (const op of ['version', 'semver', 'regexp', 'set_contains_any', 'set_contains_all', 'set_contains']) shorthand(p, block, op, ctx);
  if (p.operand === '') p.operand = '=';
  return p;
}

function base(block: NomadBlock, ctx: RuleContext): Placement {
  return {
    block,
    ltarget: block.string('attribute') ?? '',
    rtarget: block.string('value') ?? '',
    operand: block.string('operator') ?? '',
    ltargetRange: ctx.rangeOf(block, 'attribute'),
    rtargetRange: ctx.rangeOf(block, 'value'),
    operandRange: ctx.rangeOf(block, 'operator'),
  };
}

function shorthand(p: Placement, block: NomadBlock, op: string, ctx: RuleContext): void {
  const value = block.string(op);
  if (!value) return;
  p.operand = op;
  p.rtarget = value;
  p.operandRange = p.rtargetRange = ctx.rangeOf(block, op);
}

const COMPARISONS = ['=', '==', 'is', '!=', 'not', '<', '<=', '>', '>='];
const SET_OPERATORS = ['set_contains', 'set_contains_all', 'set_contains_any'];
const EXACT_TARGETS = ['${node.unique.id}', '${node.datacenter}', '${node.unique.name}', '${node.class}', '${node.pool}'];
const TARGET_PREFIXES = ['${attr.', '${device.', '${meta.'];

/** Where a constraint applies; the task and device levels refuse some operators. */
export type ConstraintLevel = 'job' | 'group' | 'task' | 'device';

export function validateConstraints(blocks: readonly NomadBlock[], level: ConstraintLevel, ctx: RuleContext): void {
  for (const [index, block] of blocks.entries()) {
    const c = readConstraint(block, ctx);
    const distinct = c.operand === 'distinct_hosts' || c.operand === 'distinct_property';
    if (level === 'device' && distinct) {
      ctx.error(block, c.operandRange, `using unsupported operand ${goQuote(c.operand)}`, `A device constraint selects among a node's devices; ${c.operand} applies to nodes, so put it in the group's constraints.`);
      continue;
    }
    validateConstraint(c, ctx);
    if (level === 'task' && distinct) {
      ctx.error(block, c.operandRange, `Constraint ${index + 1} has disallowed Operand at task level: ${c.operand}`, `${c.operand} spreads whole allocations across nodes, so it belongs in the group's or the job's constraints, not a task's.`);
    }
  }
}

function validateConstraint(c: Placement, ctx: RuleContext): void {
  const { block } = c;
  const fix = (what: string) => `${what} (${describe(c)}).`;
  let requireLtarget = true;
  if (c.operand === 'distinct_hosts') requireLtarget = false;
  else if (SET_OPERATORS.includes(c.operand)) {
    if (c.rtarget === '') ctx.error(block, c.rtargetRange, 'Set contains constraint requires an RTarget', fix('Set value to the comma-separated items the attribute must contain'));
  } else if (c.operand === 'regexp') regexpError(c, ctx);
  else if (c.operand === 'version') {
    const err = versionConstraintError(c.rtarget, ctx.since('1.11.1'));
    if (err) ctx.error(block, c.rtargetRange, `Version constraint is invalid: ${err}`, 'Write a version constraint such as ">= 1.2.0, < 2.0" or "~> 1.4".');
  } else if (c.operand === 'semver') {
    const err = semverConstraintError(c.rtarget);
    if (err) ctx.error(block, c.rtargetRange, `Semver constraint is invalid: ${err}`, 'Write a semver constraint such as ">= 1.2.0, < 2.0.0" (no "~>").');
  } else if (c.operand === 'distinct_property') {
    if (c.rtarget !== '') distinctCount(c, ctx);
  } else if (c.operand === 'is_set' || c.operand === 'is_not_set') {
    if (c.rtarget !== '') ctx.error(block, c.rtargetRange, `Operator ${goQuote(c.operand)} does not support an RTarget`, `Remove value: ${c.operand} only checks whether the attribute exists.`);
  } else if (COMPARISONS.includes(c.operand)) {
    if (c.rtarget === '') ctx.error(block, c.rtargetRange, `Operator ${goQuote(c.operand)} requires an RTarget`, fix('Set value to what the attribute is compared with'));
  } else {
    ctx.error(block, c.operandRange, `Unknown constraint type ${goQuote(c.operand)}`, `Use one of ${[...COMPARISONS, 'regexp', 'version', 'semver', ...SET_OPERATORS, 'distinct_hosts', 'distinct_property', 'is_set', 'is_not_set'].map((o) => `"${o}"`).join(', ')}.`);
  }
  if (!requireLtarget) return;
  if (!ctx.since('1.11.2')) {
    if (c.ltarget === '') ctx.error(block, c.ltargetRange, 'No LTarget provided but is required by constraint', fix('Set attribute to the node attribute to test, e.g. attribute = "${attr.kernel.name}"'));
    return;
  }
  if (c.ltarget === '') ctx.error(block, c.ltargetRange, 'no attribute provided but is required by operator', fix('Set attribute to the node attribute to test, e.g. attribute = "${attr.kernel.name}"'));
  else {
    const problem = attributeProblem(c.ltarget);
    if (problem) ctx.error(block, c.ltargetRange, problem, 'A constraint attribute is a literal, or one of ${node.unique.id}, ${node.datacenter}, ${node.unique.name}, ${node.class}, ${node.pool}, or starts with ${attr., ${device. or ${meta..');
  }
}

function attributeProblem(target: string): string | undefined {
  if (!target.startsWith('$')) return undefined;
  if (!target.startsWith('${')) return `attribute ${goQuote(target)} is missing an opening brace`;
  if (!target.endsWith('}')) return `attribute ${goQuote(target)} is missing a closing brace`;
  if (EXACT_TARGETS.includes(target) || TARGET_PREFIXES.some((p) => target.startsWith(p))) return undefined;
  return `unsupported attribute ${goQuote(target)}`;
}

function regexpError(c: Placement, ctx: RuleContext): void {
  try {
    compileRe2(c.rtarget);
  } catch (e) {
    ctx.error(c.block, c.rtargetRange, `Regular expression failed to compile: ${(e as Error).message}`, 'The value of a regexp operator is a Go (RE2) regular expression.');
  }
}


function distinctCount(c: Placement, ctx: RuleContext): void {
  const valid = /^[0-9]+$/.test(c.rtarget) && BigInt(c.rtarget) < 2n ** 64n;
  if (!valid) {
    const reason = /^[0-9]+$/.test(c.rtarget) ? 'value out of range' : 'invalid syntax';
    ctx.error(c.block, c.rtargetRange, `Failed to convert RTarget ${goQuote(c.rtarget)} to uint64: strconv.ParseUint: parsing ${goQuote(c.rtarget)}: ${reason}`, 'The value of distinct_property is how many allocations may share a value of the property: a whole number of 1 or more.');
  } else if (BigInt(c.rtarget) < 1n) {
    ctx.error(c.block, c.rtargetRange, `Distinct Property must have an allowed count of 1 or greater: ${c.rtarget} < 1`, 'Set value to 1 or more, or leave it out for 1.');
  }
}

function describe(c: Placement): string {
  return `attribute ${goQuote(c.ltarget)}, operator ${goQuote(c.operand)}, value ${goQuote(c.rtarget)}`;
}

/** The affinity's weight as Nomad keeps it: the number truncated to a Go int8, 50 when not set. */
function affinityWeight(block: NomadBlock): number {
  const w = block.number('weight');
  if (w === undefined) return 50;
  let n = BigInt(Math.trunc(Math.max(Math.min(w, 9.2e18), -9.2e18)));
  n = ((n % 256n) + 256n) % 256n;
  return Number(n > 127n ? n - 256n : n);
}

export function validateAffinities(blocks: readonly NomadBlock[], ctx: RuleContext): void {
  for (const block of blocks) {
    const a = readAffinity(block, ctx);
    if (SET_OPERATORS.includes(a.operand)) {
      if (a.rtarget === '') ctx.error(block, a.rtargetRange, 'Set contains operators require an RTarget', 'Set value to the comma-separated items the attribute should contain.');
    } else if (a.operand === 'regexp') regexpError(a, ctx);
    else if (a.operand === 'version') {
      const err = versionConstraintError(a.rtarget, ctx.since('1.11.1'));
      if (err) ctx.error(block, a.rtargetRange, `Version affinity is invalid: ${err}`, 'Write a version constraint such as ">= 1.2.0, < 2.0" or "~> 1.4".');
    } else if (a.operand === 'semver') {
      const err = semverConstraintError(a.rtarget);
      if (err) ctx.error(block, a.rtargetRange, `Semver affinity is invalid: ${err}`, 'Write a semver constraint such as ">= 1.2.0, < 2.0.0" (no "~>").');
    } else if (COMPARISONS.includes(a.operand)) {
      if (a.rtarget === '') ctx.error(block, a.rtargetRange, `Operator ${goQuote(a.operand)} requires an RTarget`, 'Set value to what the attribute is compared with.');
    } else {
      ctx.error(block, a.operandRange, `Unknown affinity operator ${goQuote(a.operand)}`, `Use one of ${[...COMPARISONS, 'regexp', 'version', 'semver', ...SET_OPERATORS].map((o) => `"${o}"`).join(', ')}.`);
    }
    if (a.ltarget === '') ctx.error(block, a.ltargetRange, 'No LTarget provided but is required', 'Set attribute to the node attribute to test, e.g. attribute = "${node.datacenter}".');
    const weight = affinityWeight(block);
    const weightRange = ctx.rangeOf(block, 'weight');
    if (weight === 0) ctx.error(block, weightRange, 'Affinity weight cannot be zero', 'Use a whole number from -100 to 100 other than 0: positive to prefer matching nodes, negative to avoid them.');
    if (weight > 100 || weight < -100) ctx.error(block, weightRange, 'Affinity weight must be within the range [-100,100]', `The weight is kept as ${weight}; use a whole number from -100 to 100.`);
  }
}

export function validateSpreads(blocks: readonly NomadBlock[], ctx: RuleContext): void {
  for (const block of blocks) {
    if ((block.string('attribute') ?? '') === '') ctx.error(block, ctx.rangeOf(block, 'attribute'), 'Missing spread attribute', 'Set attribute to the node attribute to spread over, e.g. attribute = "${node.datacenter}".');
    const weight = block.number('weight') ?? 50;
    if (weight <= 0 || weight > 100) ctx.error(block, ctx.rangeOf(block, 'weight'), 'Spread block must have a positive weight from 0 to 100', 'Use a whole number from 1 to 100, or leave weight out for 50.');
    const seen = new Set<string>();
    let sum = 0;
    for (const target of block.blocks('target')) {
      if (seen.has(target.label)) ctx.error(target, headerRange(target), `Spread target value ${goQuote(target.label)} already defined`, 'Each target of a spread names a different value.');
      seen.add(target.label);
      const percent = target.number('percent') ?? 0;
      if (percent > 100) ctx.error(target, ctx.rangeOf(target, 'percent'), `Spread target percentage for value ${goQuote(target.label)} must be between 0 and 100`, 'Use a percentage from 0 to 100.');
      sum += percent;
    }
    if (sum > 100) ctx.error(block, headerRange(block), `Sum of spread target percentages must not be greater than 100%; got ${sum}%`, 'Lower the targets\' percentages so that they add up to 100 at most.');
  }
}
