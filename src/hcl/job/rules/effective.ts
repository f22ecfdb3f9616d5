import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { groupBlock, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';

/**
 * The values Nomad validates are not only what the file says: its API fills in defaults (by job type)
 * and merges the job's update, reschedule and migrate blocks into every group before validation.
 * These functions compute those effective values, each with the place that decided it: the argument
 * that set it, or the block that took the default.
 */

export interface Located<T> {
  value: T;
  /** The block whose path is reported. */
  block: NomadBlock;
  range: Range;
  /** Whether the file sets it (rather than a default). */
  set: boolean;
}

type Scalar = string | number | boolean;
export type Effective<T extends Record<string, Scalar>> = { [K in keyof T]: Located<T[K]> };

/**
 * Each field from the innermost layer that sets it, else the default; durations are milliseconds.
 * `fallback` is where a default is reported when no layer block exists.
 */
export function effective<T extends Record<string, Scalar>>(defaults: T, layers: readonly (NomadBlock | undefined)[], fallback: NomadBlock): Effective<T> {
  const present = layers.filter((l): l is NomadBlock => l !== undefined);
  const home = present[present.length - 1] ?? fallback;
  const out: Record<string, Located<Scalar>> = {};
  for (const [name, dflt] of Object.entries(defaults)) {
    const from = [...present].reverse().find((b) => typeof b.attribute(name)?.value === typeof dflt);
    out[name] = from
      ? { value: from.attribute(name)!.value as Scalar, block: from, range: from.attribute(name)!.exprRange, set: true }
      : { value: dflt, block: home, range: headerRange(home), set: false };
  }
  return out as Effective<T>;
}

/** An optional value: the innermost layer that sets it, or undefined. */
export function optional<T extends Scalar>(layers: readonly (NomadBlock | undefined)[], name: string, kind: 'string' | 'number' | 'boolean'): Located<T> | undefined {
  const from = [...layers].reverse().find((b) => b !== undefined && typeof b.attribute(name)?.value === kind);
  if (!from) return undefined;
  const attr = from.attribute(name)!;
  return { value: attr.value as T, block: from, range: attr.exprRange, set: true };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RESTART_SERVICE = { attempts: 2, interval: 30 * MINUTE, delay: 15_000, mode: 'fail', render_templates: false };
export const RESTART_BATCH = { attempts: 3, interval: 24 * HOUR, delay: 15_000, mode: 'fail', render_templates: false };
export type Restart = Effective<typeof RESTART_SERVICE>;

/** The group's restart policy: the defaults of the job type, overridden by the group's `restart`. */
export function groupRestart(view: JobView, group: GroupView): Restart {
  const defaults = view.type === 'service' || view.type === 'system' ? RESTART_SERVICE : RESTART_BATCH;
  return effective(defaults, [groupBlock(group, 'restart')], group.block);
}

const RESCHEDULE_SERVICE = { attempts: 0, interval: 0, delay: 30_000, delay_function: 'exponential', max_delay: HOUR, unlimited: true };
const RESCHEDULE_BATCH = { attempts: 1, interval: 24 * HOUR, delay: 5000, delay_function: 'constant', max_delay: 0, unlimited: false };
const RESCHEDULE_NONE = { attempts: 0, interval: 0, delay: 0, delay_function: '', max_delay: 0, unlimited: false };
export type Reschedule = Effective<typeof RESCHEDULE_SERVICE> & { blocks: NomadBlock[] };

/**
 * The group's reschedule policy: the job's `reschedule` merged with the group's, with the defaults of
 * the job type; undefined where Nomad leaves it unset (system jobs, and sysbatch jobs from 1.11 on).
 */
export function groupReschedule(view: JobView, group: GroupView, ctx: RuleContext): Reschedule | undefined {
  const blocks = [view.job.block('reschedule'), groupBlock(group, 'reschedule')].filter((b): b is NomadBlock => b !== undefined);
  const noDefault = view.type === 'system' || (ctx.since('1.11.0') && view.type === 'sysbatch');
  if (blocks.length === 0 && noDefault) return undefined;
  const defaults = view.type === 'service' ? RESCHEDULE_SERVICE : view.type === 'batch' ? RESCHEDULE_BATCH : RESCHEDULE_NONE;
  return { ...effective(defaults, blocks, group.block), blocks };
}

const UPDATE_DEFAULTS = {
  stagger: 30_000,
  max_parallel: 1,
  health_check: 'checks',
  min_healthy_time: 10_000,
  healthy_deadline: 5 * MINUTE,
  progress_deadline: 10 * MINUTE,
  auto_revert: false,
  auto_promote: false,
  canary: 0,
};
export type Update = Effective<typeof UPDATE_DEFAULTS> & { block: NomadBlock };

/**
 * The group's update strategy: the job's `update` (a default one for service jobs, and for system jobs
 * from 1.11 on) merged with the group's; undefined when neither applies.
 */
export function groupUpdate(view: JobView, group: GroupView, ctx: RuleContext): Update | undefined {
  const own = groupBlock(group, 'update');
  const fromJob = view.job.block('update');
  const jobDefault = view.type === 'service' || (ctx.since('1.11.0') && view.type === 'system');
  const jobHas = fromJob !== undefined || jobDefault;
  const layers = [fromJob, own];
  if (!own) {
    if (!jobHas) return undefined;
    // A job-level update whose every value is zero is "empty" and not inherited.
    const eff = effective(UPDATE_DEFAULTS, [fromJob], group.block);
    if (Object.values(eff).every((f) => f.value === 0 || f.value === '' || f.value === false)) return undefined;
  }
  const eff = effective(UPDATE_DEFAULTS, layers, group.block);
  return { ...eff, block: own ?? fromJob ?? group.block };
}

const MIGRATE_DEFAULTS = { max_parallel: 1, health_check: 'checks', min_healthy_time: 10_000, healthy_deadline: 5 * MINUTE };
export type Migrate = Effective<typeof MIGRATE_DEFAULTS> & { blocks: NomadBlock[] };

/** The group's migrate strategy: the job's merged with the group's; the default for service jobs. */
export function groupMigrate(view: JobView, group: GroupView): Migrate | undefined {
  const blocks = [view.job.block('migrate'), groupBlock(group, 'migrate')].filter((b): b is NomadBlock => b !== undefined);
  if (blocks.length === 0 && view.type !== 'service') return undefined;
  return { ...effective(MIGRATE_DEFAULTS, blocks, group.block), blocks };
}

export type Disk = Effective<{ size: number; sticky: boolean; migrate: boolean }>;

export function groupDisk(group: GroupView): Disk {
  return effective({ size: 300, sticky: false, migrate: false }, [groupBlock(group, 'ephemeral_disk')], group.block);
}

/** The group's count: as set, else the scaling block's minimum, else 1. */
export function groupCount(group: GroupView): number {
  return group.group?.number('count') ?? group.group?.block('scaling')?.number('min') ?? 1;
}
