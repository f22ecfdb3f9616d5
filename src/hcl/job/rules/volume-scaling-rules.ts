import type { Range } from '../../source.js';
import { rangeString } from '../../eval/eval-error.js';
import type { NomadBlock } from '../nomad-block.js';
import { groupCount, groupUpdate } from './effective.js';
import { goQuote } from './go-text.js';
import { groupBlocks, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';

/**
 * `VolumeRequest.Validate` for the group's volumes. Nomad passes on only host and csi volumes; a volume
 * of another type is dropped silently (and a mount of it refused as undefined).
 */
export function validateVolumes(view: JobView, group: GroupView, ctx: RuleContext): void {
  const count = groupCount(group);
  const canaries = groupUpdate(view, group, ctx)?.canary.value ?? 0;
  for (const v of groupBlocks(group, 'volume')) {
    const type = v.string('type') ?? '';
    if (type !== 'host' && type !== 'csi') continue;
    const err = (arg: string, summary: string, detail: string) => ctx.error(v, arg === '' ? headerRange(v) : ctx.rangeOf(v, arg), summary, detail);
    const access = v.string('access_mode') ?? '';
    const attachment = v.string('attachment_mode') ?? '';
    const readOnly = v.bool('read_only') === true;
    const perAlloc = v.bool('per_alloc') === true;
    const options = v.block('mount_options');
    if ((v.string('source') ?? '') === '') err('source', 'volume has an empty source', 'Set source to the host volume or CSI volume ID to mount.');
    if (perAlloc) {
      if (view.type === 'system' || view.type === 'sysbatch') err('per_alloc', 'volume cannot be per_alloc for system or sysbatch jobs', 'Remove per_alloc.');
      if (canaries > 0) err('per_alloc', 'volume cannot be per_alloc when canaries are in use', 'Remove per_alloc, or set the update block\'s canary to 0.');
      if (ctx.since('1.10.0') && v.bool('sticky') === true) err('sticky', 'volume cannot be per_alloc and sticky at the same time', 'Keep per_alloc or sticky.');
    }
    if (type === 'host') {
      if (!ctx.since('1.10.0')) {
        if (attachment !== '') err('attachment_mode', 'host volumes cannot have an attachment mode', 'Remove attachment_mode; it applies to CSI volumes.');
        if (access !== '') err('access_mode', 'host volumes cannot have an access mode', 'Remove access_mode; it applies to CSI volumes.');
      }
      if (options) ctx.error(options, headerRange(options), 'host volumes cannot have mount options', 'Remove mount_options; they apply to CSI volumes.');
      if (ctx.since('1.10.0')) {
        if (access === 'single-node-reader-only') {
          if (!readOnly) err('read_only', `${access} volumes must be read-only`, 'Set read_only = true.');
        } else if (!['', 'single-node-writer', 'single-node-single-writer', 'single-node-multi-writer'].includes(access)) {
          const shown = ctx.since('1.11.1') ? access : '%!s(MISSING)';
          err('access_mode', `host volumes cannot be mounted with ${shown} access mode`, 'Use "single-node-reader-only", "single-node-writer", "single-node-single-writer" or "single-node-multi-writer".');
        }
      }
      continue;
    }
    if (attachment === '') err('attachment_mode', 'CSI volumes must have an attachment mode', 'Set attachment_mode to "file-system" or "block-device".');
    else if (attachment === 'block-device' && options) ctx.error(options, headerRange(options), 'block devices cannot have mount options', 'Remove mount_options, or use attachment_mode = "file-system".');
    const one = count > 1 && !perAlloc;
    if (access === '') err('access_mode', 'CSI volumes must have an access mode', 'Set access_mode, e.g. "single-node-writer".');
    else if (access === 'single-node-reader-only') {
      if (!readOnly) err('read_only', `${access} volumes must be read-only`, 'Set read_only = true.');
      if (one) err('access_mode', `volume with ${access} access mode allows only one reader`, 'Set per_alloc = true, count = 1, or a multi-node access mode.');
    } else if (access === 'single-node-writer') {
      if (one) err('access_mode', `volume with ${access} access mode allows only one reader or writer`, 'Set per_alloc = true, count = 1, or a multi-node access mode.');
    } else if (access === 'multi-node-reader-only') {
      if (!readOnly) err('read_only', `${access} volumes must be read-only`, 'Set read_only = true.');
    } else if (access === 'multi-node-single-writer') {
      if (!readOnly && one) err('access_mode', `volume with ${access} access mode allows only one writer`, 'Set read_only = true, per_alloc = true, or count = 1.');
    }
  }
}

/**
 * The group's `scaling` block: Nomad's decoder requires `max` unless the type is horizontal with max
 * set, refuses other types, then `ScalingPolicy.Validate` and the group's count against min and max.
 */
export function validateGroupScaling(view: JobView, group: GroupView, ctx: RuleContext): void {
  const scaling = groupBlocks(group, 'scaling')[0];
  if (!scaling) return;
  const type = scaling.string('type') || 'horizontal';
  const max = scaling.number('max');
  if (max === undefined) ctx.error(scaling, scaling.typeRange, 'Missing required argument', 'The argument "max" is required, but no definition was found.');
  if (type !== 'horizontal' && scaling.attribute('type')) {
    ctx.error(scaling, ctx.rangeOf(scaling, 'type'), 'Invalid group scaling type', `task group scaling policy had invalid type: ${goQuote(type)}`);
    return;
  }
  if (max === undefined) return;
  const count = groupCount(group);
  const min = scaling.number('min') ?? count;
  const at = (arg: string) => ctx.rangeOf(scaling, arg);
  if (max < 0) ctx.error(scaling, at('max'), 'maximum count must be specified and non-negative', 'Set max to the largest count the autoscaler may set.');
  else if (max < min) ctx.error(scaling, at('max'), 'maximum count must not be less than minimum count', `Set max to ${min} or more, or lower min.`);
  if (min < 0) ctx.error(scaling, at('min'), 'minimum count must be specified and non-negative', 'Set min to 0 or more.');
  const countAt = group.group?.attribute('count') ? ctx.rangeOf(group.group, 'count') : at('max');
  if (max < count) ctx.error(scaling, countAt, 'Scaling policy invalid: task group count must not be greater than maximum count in scaling policy', `count is ${count} and the scaling block's max is ${max}.`);
  const multiregionZero = view.job.block('multiregion') !== undefined && count === 0 && (view.job.string('region') ?? 'global') === 'global';
  if (count < min && !multiregionZero) ctx.error(scaling, countAt, 'Scaling policy invalid: task group count must not be less than minimum count in scaling policy', `count is ${count} and the scaling block's min is ${min}.`);
}

/** A task's `scaling "cpu"` and `scaling "mem"` blocks, as Nomad's decoder reads them. */
export function validateTaskScaling(task: NomadBlock, ctx: RuleContext): void {
  const seen = new Map<string, NomadBlock>();
  for (const s of task.blocks('scaling')) {
    const label = s.label.toLowerCase();
    const expected = label === 'cpu' ? 'vertical_cpu' : label === 'mem' ? 'vertical_mem' : undefined;
    if (!expected) {
      ctx.error(s, headerRange(s), 'Invalid scaling policy name', 'scaling policy name must be "cpu" or "mem"');
      continue;
    }
    const prev = seen.get(label);
    if (prev) {
      ctx.error(s, defRange(s), `Duplicate scaling ${goQuote(label)} block`, `Only one scaling ${label} block is allowed. Another was defined at ${rangeString(defRange(prev))}.`);
      continue;
    }
    seen.set(label, s);
    const type = s.string('type') ?? '';
    if (type !== '' && type !== expected) ctx.error(s, ctx.rangeOf(s, 'type'), 'Invalid scaling policy type', `Invalid policy type, expected ${goQuote(type)} but found ${goQuote(expected)}`);
  }
}

/** A block's header, its type and labels, where HCL points at a whole block. */
function defRange(block: NomadBlock): Range {
  const last = block.labelRanges[block.labelRanges.length - 1];
  return last ? { filename: block.typeRange.filename, start: block.typeRange.start, end: last.end } : block.typeRange;
}
