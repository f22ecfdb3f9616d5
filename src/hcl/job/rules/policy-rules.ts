import type { NomadBlock } from '../nomad-block.js';
import { groupMigrate, groupReschedule, groupRestart, groupUpdate, type Located, type Reschedule } from './effective.js';
import { goDuration, goQuote } from './go-text.js';
import { groupBlock, type GroupView, type JobView } from './job-view.js';
import type { RuleContext } from './rule-context.js';

/** The restart, reschedule, update and migrate checks of `TaskGroup.Validate`, on the values Nomad fills in. */
export function validateGroupPolicies(view: JobView, group: GroupView, ctx: RuleContext): void {
  validateRestart(view, group, ctx);
  validateReschedule(view, group, ctx);
  validateUpdate(view, group, ctx);
  validateMigrate(view, group, ctx);
}

function report(ctx: RuleContext, field: Located<unknown>, summary: string, detail: string): void {
  ctx.error(field.block, field.range, summary, detail);
}

function validateRestart(view: JobView, group: GroupView, ctx: RuleContext): void {
  const r = groupRestart(view, group);
  const mode = r.mode.value;
  if (mode !== 'delay' && mode !== 'fail') report(ctx, r.mode, `Unsupported restart mode: ${goQuote(mode)}`, 'Set mode to "fail" (give up after the attempts) or "delay" (wait for the next interval).');
  if (r.attempts.value === 0 && mode !== 'fail') {
    report(ctx, r.attempts, `Restart policy ${goQuote(mode)} with 0 attempts is ambiguous`, 'With no attempts a task is never restarted; set attempts to 1 or more, or mode = "fail".');
  }
  if (r.interval.value < 5000) report(ctx, r.interval, `Interval can not be less than 5s (got ${goDuration(r.interval.value)})`, 'Set interval to 5s or more.');
  if (r.attempts.value * r.delay.value > r.interval.value) {
    const at = r.attempts.set ? r.attempts : r.delay.set ? r.delay : r.interval;
    report(
      ctx,
      at,
      `Nomad can't restart the TaskGroup ${r.attempts.value} times in an interval of ${goDuration(r.interval.value)} with a delay of ${goDuration(r.delay.value)}`,
      `attempts × delay (${goDuration(r.attempts.value * r.delay.value)}) must fit in the interval; lengthen interval, or lower attempts or delay.`,
    );
  }
}

function validateReschedule(view: JobView, group: GroupView, ctx: RuleContext): void {
  const blocks = [view.job.block('reschedule'), groupBlock(group, 'reschedule')].filter((b): b is NomadBlock => b !== undefined);
  const refusing = ctx.since('1.11.0') ? view.type === 'system' || view.type === 'sysbatch' : view.type === 'system';
  if (refusing) {
    const block = blocks[blocks.length - 1];
    if (block) {
      const summary = ctx.since('1.11.0') ? 'System or sysbatch jobs should not have a reschedule policy' : 'System jobs should not have a reschedule policy';
      ctx.error(block, block.typeRange, summary, `A ${view.type} job runs on every eligible node and is not rescheduled elsewhere; remove the reschedule block.`);
    }
    return;
  }
  const r = groupReschedule(view, group, ctx);
  if (r) checkReschedule(r, ctx);
}

const DELAY_FUNCTIONS = ['constant', 'exponential', 'fibonacci'];

function checkReschedule(r: Reschedule, ctx: RuleContext): void {
  const attempts = r.attempts.value;
  const unlimited = r.unlimited.value;
  if (!(attempts > 0 || unlimited)) return;
  const interval = r.interval.value;
  const delay = r.delay.value;
  const fn = r.delay_function.value;
  const maxDelay = r.max_delay.value;
  if (attempts > 0) {
    if (interval <= 0) report(ctx, r.interval, 'Interval must be a non zero value if Attempts > 0', 'Set interval to the window in which the attempts are counted, e.g. interval = "1h".');
    if (unlimited) {
      const at: Located<unknown> = r.unlimited.set ? r.unlimited : r.attempts;
      const detail = r.unlimited.set ? 'Set unlimited = false to limit the attempts, or remove attempts.' : 'unlimited defaults to true for service jobs; set unlimited = false to limit rescheduling to these attempts.';
      report(ctx, at, `Reschedule Policy with Attempts = ${attempts}, Interval = ${goDuration(interval)}, and Unlimited = true is ambiguous`, detail);
      report(ctx, at, 'If Attempts >0, Unlimited cannot also be set to true', detail);
    }
  }
  let preCheck = true;
  if (delay < 5000) {
    report(ctx, r.delay, `Delay cannot be less than 5s (got ${goDuration(delay)})`, 'Set delay to 5s or more.');
    preCheck = false;
  }
  if (!DELAY_FUNCTIONS.includes(fn)) {
    report(ctx, r.delay_function, `Invalid delay function ${goQuote(fn)}, must be one of ["constant" "exponential" "fibonacci"]`, 'Set delay_function to "constant", "exponential" or "fibonacci".');
    preCheck = false;
  }
  if (fn !== 'constant') {
    if (maxDelay < 5000) {
      report(ctx, r.max_delay, `Max Delay cannot be less than 5s (got ${goDuration(delay)})`, 'Set max_delay to 5s or more.');
      preCheck = false;
    }
    if (maxDelay < delay) {
      report(ctx, r.max_delay, `Max Delay cannot be less than Delay ${goDuration(delay)} (got ${goDuration(maxDelay)})`, 'Set max_delay to at least delay.');
      preCheck = false;
    }
  }
  if (unlimited) return;
  if (interval < 15_000) report(ctx, r.interval, `Interval cannot be less than 15s (got ${goDuration(interval)})`, 'Set interval to 15s or more.');
  if (!preCheck) return;
  const viable = viableAttempts(attempts, interval, delay, fn, maxDelay);
  if (viable.ok) return;
  const at = r.interval.set ? r.interval : r.attempts;
  const base =
    fn === 'constant'
      ? `Nomad can only make ${viable.possible} attempts in ${goDuration(interval)} with initial delay ${goDuration(delay)} and delay function "constant"`
      : `Nomad can only make ${viable.possible} attempts in ${goDuration(interval)} with initial delay ${goDuration(delay)}, delay function ${goQuote(fn)}, and delay ceiling ${goDuration(maxDelay)}`;
  const recommended = Math.round(viable.recommended / 1000) * 1000;
  report(ctx, at, base, `Set the interval to at least ${goDuration(recommended)} to accommodate ${attempts} attempts, or lower attempts.`);
  report(ctx, at, `Set the interval to at least ${goDuration(recommended)} to accommodate ${attempts} attempts`, 'The attempts and their delays must fit in the interval.');
}

/** Nomad's check that the attempts fit in the interval given the delays, and the interval that would do. */
function viableAttempts(attempts: number, interval: number, delay: number, fn: string, maxDelay: number): { ok: boolean; possible: number; recommended: number } {
  let possible = 0;
  let recommended = 0;
  let ok = true;
  if (fn === 'constant') {
    recommended = attempts * delay;
    if (interval < recommended) {
      possible = Math.trunc(interval / delay);
      ok = false;
    }
  } else if (fn === 'exponential') {
    for (let i = 0; i < attempts; i++) {
      let next = 2 ** i * delay;
      if (next > maxDelay) {
        next = maxDelay;
        recommended += next;
      } else recommended = next;
      if (recommended < interval) possible++;
    }
    if (possible < attempts) ok = false;
  } else {
    const slots = [delay, delay];
    let ceiling = false;
    for (let i = 2; i < attempts; i++) {
      let next: number;
      if (ceiling) next = slots[i - 1]! + maxDelay;
      else {
        next = slots[i - 1]! + slots[i - 2]!;
        if (next > maxDelay) {
          next = maxDelay;
          ceiling = true;
        }
      }
      slots.push(next);
    }
    recommended = slots[slots.length - 1]!;
    if (interval < recommended) {
      ok = false;
      const over = slots.findIndex((s) => s > interval);
      if (over >= 0) possible = over;
    }
  }
  return { ok, possible: Math.max(possible, 0), recommended };
}

const HEALTH_CHECKS = ['checks', 'task_states', 'manual'];

function validateUpdate(view: JobView, group: GroupView, ctx: RuleContext): void {
  const u = groupUpdate(view, group, ctx);
  if (!u) return;
  if (view.type !== 'service' && view.type !== 'system') {
    ctx.error(u.block, u.block.typeRange, `Job type ${goQuote(view.type)} does not allow update block`, 'Rolling updates apply to service and system jobs; remove the update block.');
  }
  const d = (f: Located<number>) => goDuration(f.value);
  if (!HEALTH_CHECKS.includes(u.health_check.value)) report(ctx, u.health_check, `Invalid health check given: ${goQuote(u.health_check.value)}`, 'Set health_check to "checks", "task_states" or "manual".');
  if (u.max_parallel.value < 0) report(ctx, u.max_parallel, `Max parallel can not be less than zero: ${u.max_parallel.value} < 0`, 'Set max_parallel to 0 (no rolling updates) or more.');
  if (u.canary.value < 0) report(ctx, u.canary, `Canary count can not be less than zero: ${u.canary.value} < 0`, 'Set canary to 0 or more.');
  if (u.canary.value === 0 && u.auto_promote.value) report(ctx, u.auto_promote, 'Auto Promote requires a Canary count greater than zero', 'auto_promote promotes canaries; set canary to 1 or more, or remove auto_promote.');
  if (u.min_healthy_time.value < 0) report(ctx, u.min_healthy_time, `Minimum healthy time may not be less than zero: ${d(u.min_healthy_time)}`, 'Set min_healthy_time to 0s or more.');
  if (u.healthy_deadline.value <= 0) report(ctx, u.healthy_deadline, `Healthy deadline must be greater than zero: ${d(u.healthy_deadline)}`, 'Set healthy_deadline to a positive duration.');
  if (u.progress_deadline.value < 0) report(ctx, u.progress_deadline, `Progress deadline must be zero or greater: ${d(u.progress_deadline)}`, 'Set progress_deadline to 0s (no deadline) or more.');
  if (u.min_healthy_time.value >= u.healthy_deadline.value) {
    const at = u.min_healthy_time.set ? u.min_healthy_time : u.healthy_deadline;
    report(ctx, at, `Minimum healthy time must be less than healthy deadline: ${d(u.min_healthy_time)} > ${d(u.healthy_deadline)}`, 'Lower min_healthy_time or raise healthy_deadline.');
  }
  if (u.progress_deadline.value !== 0 && u.healthy_deadline.value >= u.progress_deadline.value) {
    const at = u.healthy_deadline.set ? u.healthy_deadline : u.progress_deadline;
    report(ctx, at, `Healthy deadline must be less than progress deadline: ${d(u.healthy_deadline)} > ${d(u.progress_deadline)}`, 'Lower healthy_deadline or raise progress_deadline (or set it to 0s for none).');
  }
  if (u.stagger.value <= 0) report(ctx, u.stagger, `Stagger must be greater than zero: ${d(u.stagger)}`, 'Set stagger to a positive duration.');
}

function validateMigrate(view: JobView, group: GroupView, ctx: RuleContext): void {
  const m = groupMigrate(view, group);
  if (!m) return;
  if (view.type !== 'service') {
    const block = m.blocks[m.blocks.length - 1]!;
    ctx.error(block, block.typeRange, `Job type ${goQuote(view.type)} does not allow migrate block`, 'Migration on node drain applies to service jobs; remove the migrate block.');
    return;
  }
  const max = m.max_parallel;
  if (max.value < 0) report(ctx, max, `MaxParallel must be >= 0 but found ${max.value}`, 'Set max_parallel to 0 or more.');
  const hc = m.health_check.value;
  if (hc === '') {
    if (max.value > 0) report(ctx, m.health_check, 'Missing HealthCheck', 'Set health_check to "checks" or "task_states".');
  } else if (hc !== 'checks' && hc !== 'task_states') report(ctx, m.health_check, `Invalid HealthCheck: ${goQuote(hc)}`, 'Set health_check to "checks" or "task_states".');
  if (m.min_healthy_time.value < 0) report(ctx, m.min_healthy_time, `MinHealthyTime is ${goDuration(m.min_healthy_time.value)} and must be >= 0`, 'Set min_healthy_time to 0s or more.');
  if (m.healthy_deadline.value < 0) report(ctx, m.healthy_deadline, `HealthyDeadline is ${goDuration(m.healthy_deadline.value)} and must be >= 0`, 'Set healthy_deadline to 0s or more.');
  if (m.min_healthy_time.value > m.healthy_deadline.value) {
    const at = m.min_healthy_time.set ? m.min_healthy_time : m.healthy_deadline;
    report(ctx, at, 'MinHealthyTime must be less than HealthyDeadline', 'Lower min_healthy_time or raise healthy_deadline.');
  }
}
