import { cronError } from './cron-spec.js';
import { goList, goQuote } from './go-text.js';
import type { JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';

/** The periodic and parameterized checks of `Job.Validate`; both need a batch or sysbatch job. */
export function validateSchedulingKinds(view: JobView, ctx: RuleContext): void {
  validatePeriodic(view, ctx);
  validateParameterized(view, ctx);
}

function validatePeriodic(view: JobView, ctx: RuleContext): void {
  const p = view.job.block('periodic');
  if (!p || p.bool('enabled') === false) return;
  if (view.type !== 'batch' && view.type !== 'sysbatch') {
    ctx.error(p, headerRange(p), 'Periodic can only be used with "batch" or "sysbatch" scheduler', `A periodic job launches a run on a schedule; set type = "batch" (now ${goQuote(view.type)}).`);
  }
  const cron = p.string('cron') ?? '';
  const crons = ctx.since('1.6.2') ? (p.strings('crons') ?? []) : [];
  if (ctx.since('1.6.2') && cron !== '' && crons.length > 0) ctx.error(p, ctx.rangeOf(p, 'crons'), 'Only cron or crons may be used', 'Keep crons (a list) and remove cron.');
  if (cron === '' && crons.length === 0) ctx.error(p, headerRange(p), 'Must specify a spec', 'Set crons = ["<cron expression>"], e.g. crons = ["*/15 * * * *"].');
  const zone = p.string('time_zone') || 'UTC';
  const zoneProblem = timeZoneProblem(zone);
  if (zoneProblem) ctx.error(p, ctx.rangeOf(p, 'time_zone'), `Invalid time zone ${goQuote(zone)}: ${zoneProblem}`, 'Use an IANA time zone name such as "Europe/Berlin" or "UTC".');
  if (cron !== '') {
    const err = cronError(cron);
    if (err) ctx.error(p, ctx.rangeOf(p, 'cron'), `Invalid cron spec ${goQuote(cron)}: ${err}`, 'Write a cron expression of 5 to 7 fields, e.g. "*/15 * * * *".');
  }
  for (const spec of crons) {
    const err = cronError(spec);
    if (err) ctx.error(p, ctx.rangeOf(p, 'crons'), `Invalid cron spec ${goQuote(spec)}: ${err}`, 'Write each cron expression with 5 to 7 fields, e.g. "*/15 * * * *".');
  }
}

/**
 * Go's time.LoadLocation error for a zone name, or undefined. Node's time zone database stands in for
 * the system's; like Go on a case-sensitive file system, the name's case must match.
 */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === 'UTC' || zone === 'Local') return undefined;
  if (zone.includes('..') || zone.startsWith('/') || zone.startsWith('\\')) return 'time: invalid location name';
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) return `unknown time zone ${zone}`;
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

function validateParameterized(view: JobView, ctx: RuleContext): void {
  const p = view.job.block('parameterized');
  if (!p) return;
  if (view.type !== 'batch' && view.type !== 'sysbatch') {
    ctx.error(p, headerRange(p), 'Parameterized job can only be used with "batch" or "sysbatch" scheduler', `A parameterized job runs when dispatched; set type = "batch" (now ${goQuote(view.type)}).`);
  }
  const payload = p.string('payload') || 'optional';
  if (!['optional', 'required', 'forbidden'].includes(payload)) {
    ctx.error(p, ctx.rangeOf(p, 'payload'), `Unknown payload requirement: ${goQuote(payload)}`, 'Set payload to "optional", "required" or "forbidden".');
  }
  const optional = new Set(p.strings('meta_optional') ?? []);
  const both = [...new Set(p.strings('meta_required') ?? [])].filter((k) => optional.has(k));
  if (both.length > 0) {
    ctx.error(p, ctx.rangeOf(p, 'meta_optional'), `Required and optional meta keys should be disjoint. Following keys exist in both: ${goList(both)}`, 'List each meta key as required or optional, not both.');
  }
}
