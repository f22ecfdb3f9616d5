import type { NomadBlock } from '../nomad-block.js';
import { effective, type Disk, type Located } from './effective.js';
import { goQuote } from './go-text.js';
import { validateAffinities, validateConstraints } from './placement-rules.js';
import { headerRange, type RuleContext } from './rule-context.js';

export interface ResourceValues {
  cpu: Located<number>;
  cores: Located<number>;
  memory: Located<number>;
  memoryMax: Located<number>;
  secrets: Located<number>;
  /** The resources block, if the task has one. */
  block: NomadBlock | undefined;
}

/**
 * A task's resources as Nomad's API fills them in: 100 MHz of CPU unless `cores` is set, 300 MB of
 * memory. `disk` in a task's resources is not passed on by Nomad at all, so it is never checked.
 */
export function taskResources(task: NomadBlock): ResourceValues {
  const block = task.block('resources');
  const coresSet = block?.number('cores') !== undefined;
  const e = effective({ cpu: coresSet ? 0 : 100, cores: 0, memory: 300, memory_max: 0, secrets: 0 }, [block], task);
  return { cpu: e.cpu, cores: e.cores, memory: e.memory, memoryMax: e.memory_max, secrets: e.secrets, block };
}

/** `Resources.Validate`. */
export function validateResources(r: ResourceValues, ctx: RuleContext): void {
  const report = (f: Located<number>, summary: string, detail: string) => ctx.error(f.block, f.range, summary, detail);
  if (r.cores.value > 0 && r.cpu.value > 0) {
    report(r.cpu.set ? r.cpu : r.cores, "Task can only ask for 'cpu' or 'cores' resource, not both.", 'cpu reserves MHz shared with other tasks, cores reserves whole cores; keep one of them.');
  }
  if (ctx.since('2.0.5') && r.cores.value < 0) report(r.cores, `cores value (${r.cores.value}) cannot be negative`, 'Set cores to the number of whole cores to reserve, 1 or more.');
  if (r.cpu.value < 1 && r.cores.value === 0) report(r.cpu, `minimum CPU value is 1; got ${r.cpu.value}`, 'cpu is in MHz; use 1 or more (the default is 100), or set cores instead.');
  if (r.memory.value < 10) report(r.memory, `minimum MemoryMB value is 10; got ${r.memory.value}`, 'memory is in MB; use 10 or more (the default is 300).');
  const devices = r.block?.blocks('device') ?? [];
  for (const device of devices) {
    validateConstraints(device.blocks('constraint'), 'device', ctx);
    validateAffinities(device.blocks('affinity'), ctx);
  }
  const numa = r.block?.block('numa');
  if (numa && ctx.since('1.11.1')) {
    for (const wanted of numa.strings('devices') ?? []) {
      if (!devices.some((d) => d.label === wanted)) {
        ctx.error(numa, ctx.rangeOf(numa, 'devices'), `numa device ${goQuote(wanted)} not requested as task resource`, `Add device "${wanted}" {} to the task's resources, or remove it from numa's devices.`);
      }
    }
  }
  const affinity = numa?.string('affinity') || 'none';
  if (numa && ctx.since('1.9.0') && !['none', 'prefer', 'require'].includes(affinity)) {
    ctx.error(numa, ctx.rangeOf(numa, 'affinity'), 'numa affinity must be one of none, prefer, or require', 'Set affinity to "none", "prefer" or "require".');
  }
  const max = r.memoryMax.value;
  const unlimited = ctx.since('1.7.3') && max === -1;
  if (max !== 0 && !unlimited && max < r.memory.value) {
    const detail = ctx.since('1.7.3')
      ? 'memory_max is the most memory the task may use, in MB; set it above memory, or to -1 for no limit.'
      : `memory_max is the most memory the task may use, in MB; set it above memory. Nomad reads -1 as "no limit" from version 1.7.3 on; the targeted ${ctx.target} does not.`;
    report(r.memoryMax, `MemoryMaxMB value (${max}) should be larger than MemoryMB value (${r.memory.value})`, detail);
  }
  if (ctx.since('1.8.3')) {
    if (r.secrets.value > r.memory.value) report(r.secrets, `SecretsMB value (${r.secrets.value}) cannot be larger than MemoryMB value (${r.memory.value})`, 'The secrets directory is held in memory; make it smaller than memory.');
    if (r.secrets.value < 0) report(r.secrets, `SecretsMB value (${r.secrets.value}) cannot be negative`, 'Set secrets to 0 or more MB.');
  }
}

export interface LogValues {
  files: Located<number>;
  size: Located<number>;
}

/** A task's log rotation as Nomad fills it in: 10 files of 10 MB. */
export function taskLogs(task: NomadBlock): LogValues {
  const e = effective({ max_files: 10, max_file_size: 10 }, [task.block('logs')], task);
  return { files: e.max_files, size: e.max_file_size };
}

/** `LogConfig.Validate`: at least one file of 1 MB, and all of them smaller than the group's disk. */
export function validateLogs(logs: LogValues, disk: Disk, ctx: RuleContext, home?: NomadBlock): void {
  const { files, size } = logs;
  if (files.value < 1) ctx.error(files.block, files.range, `minimum number of files is 1; got ${files.value}`, 'Set max_files to 1 or more.');
  if (size.value < 1) ctx.error(size.block, size.range, `minimum file size is 1MB; got ${size.value}`, 'Set max_file_size to 1 or more (MB).');
  const usage = files.value * size.value;
  if (disk.size.value <= usage) {
    const at = files.set || size.set ? (size.set ? size : files) : home ? { block: home, range: headerRange(home) } : disk.size;
    const who = home ? `The task Nomad adds for this ${home.type} keeps` : 'The task keeps';
    const detail = `${who} up to max_files × max_file_size = ${usage} MB of logs in the group's ephemeral disk of ${disk.size.value} MB${disk.size.set ? '' : ' (the default)'}; lower them or raise ephemeral_disk { size = ... }.`;
    ctx.error(at.block, at.range, `log storage (${usage} MB) must be less than requested disk capacity (${disk.size.value} MB)`, detail);
  }
}

