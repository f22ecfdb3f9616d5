import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { goDuration, goQuote } from './go-text.js';
import { headerRange, type RuleContext } from './rule-context.js';

/** A check's name as Nomad fills it in: `service: "<service>" check` when not set. */
export function checkName(check: NomadBlock, service: string): string {
  return check.string('name') || `service: ${goQuote(service)} check`;
}

/** Check types that need a port. The comparison is case-sensitive, as in Nomad. */
export function requiresPort(check: NomadBlock): boolean {
  return ['grpc', 'http', 'tcp'].includes(check.string('type') ?? '');
}

interface Problem {
  summary: string;
  detail: string;
  range: Range;
}

/**
 * The checks of a service as `Service.Validate` sees them: each must have a port to use, and pass the
 * rules of its provider. Consul and Nomad take different check types and options.
 */
export function validateChecks(service: NomadBlock, name: string, provider: string, ctx: RuleContext): void {
  const sidecar = service.block('connect')?.block('sidecar_service') !== undefined;
  const servicePort = service.string('port') ?? '';
  const serviceOnUpdate = service.string('on_update') ?? '';
  for (const check of service.blocks('check')) {
    const cname = checkName(check, name);
    if (servicePort === '' && (check.string('port') ?? '') === '' && requiresPort(check)) {
      ctx.error(check, headerRange(check), `Check ${cname} invalid: check requires a port but neither check nor service ${goQuote(name)} have a port`, `A ${check.string('type')} check connects to a port; set port = "<label>" in the check or the service.`);
      continue;
    }
    if (provider === 'consul' && check.string('type') === 'tcp' && sidecar) {
      ctx.error(check, ctx.rangeOf(check, 'type'), `Check ${cname} invalid: tcp checks are not valid for Connect enabled services`, 'A Connect service listens only inside its network namespace; use an http or grpc check with expose = true.');
      continue;
    }
    const onUpdate = check.string('on_update') || serviceOnUpdate;
    const problem = commonProblem(check, service, onUpdate, provider === 'nomad' ? ['tcp', 'http'] : ['grpc', 'tcp', 'http', 'script'], ctx) ?? (provider === 'nomad' ? nomadProblem(check, onUpdate, service, ctx) : consulProblem(check, ctx));
    if (problem) ctx.error(check, problem.range, problem.summary, problem.detail);
  }
}

/** The check_restart that applies: the service's merged with the check's own. */
function checkRestart(check: NomadBlock, service: NomadBlock): { limit: number; grace: number; ignoreWarnings: boolean; at: NomadBlock } | undefined {
  const own = check.block('check_restart');
  const inherited = service.block('check_restart');
  if (!own && !inherited) return undefined;
  const limit = own && (own.number('limit') ?? 0) > 0 ? own.number('limit')! : (inherited?.number('limit') ?? own?.number('limit') ?? 0);
  const grace = own?.duration('grace') ?? inherited?.duration('grace') ?? 1000;
  const ignoreWarnings = own?.bool('ignore_warnings') === true || inherited?.bool('ignore_warnings') === true;
  return { limit, grace, ignoreWarnings, at: own ?? inherited! };
}

function commonProblem(check: NomadBlock, service: NomadBlock, onUpdate: string, allowed: string[], ctx: RuleContext): Problem | undefined {
  const type = (check.string('type') ?? '').toLowerCase();
  const at = (arg: string) => ctx.rangeOf(check, arg);
  if (!allowed.includes(type)) return { summary: `invalid check type (${goQuote(type)}), must be one of ${allowed.join(', ')}`, detail: `Set type to one of ${allowed.map((t) => `"${t}"`).join(', ')}.`, range: at('type') };
  if (type === 'http') {
    const path = check.string('path') ?? '';
    if (path === '') return { summary: 'http type must have http path', detail: 'Set path to the URL path to request, e.g. path = "/health".', range: at('path') };
    const url = urlProblem(path);
    if (url === 'invalid') return { summary: 'http type must have valid http path', detail: `${goQuote(path)} is not a valid URL path.`, range: at('path') };
    if (url === 'absolute') return { summary: 'http type must have relative http path', detail: 'Give only the path, e.g. "/health"; the address comes from the service.', range: at('path') };
  } else if (type === 'script' && (check.string('command') ?? '') === '') {
    return { summary: 'script type must have a valid script path', detail: 'Set command to the program the check runs.', range: at('command') };
  }
  const interval = check.duration('interval') ?? 0;
  if (interval === 0) return { summary: 'missing required value interval. Interval cannot be less than 1s', detail: 'Set interval, e.g. interval = "10s".', range: at('interval') };
  if (interval < 1000) return { summary: `interval (${goDuration(interval)}) cannot be lower than 1s`, detail: 'Set interval to 1s or more.', range: at('interval') };
  const timeout = check.duration('timeout') ?? 0;
  if (timeout === 0) return { summary: 'missing required value timeout. Timeout cannot be less than 1s', detail: 'Set timeout, e.g. timeout = "2s".', range: at('timeout') };
  if (timeout < 1000) return { summary: `timeout (${goDuration(timeout)}) is lower than required minimum timeout 1s`, detail: 'Set timeout to 1s or more.', range: at('timeout') };
  const status = check.string('initial_status') ?? '';
  if (!['', 'passing', 'warning', 'critical'].includes(status)) {
    return { summary: `invalid initial check state (${status}), must be one of "passing", "warning", "critical" or empty`, detail: 'Set initial_status to "passing", "warning" or "critical", or leave it out.', range: at('initial_status') };
  }
  const mode = check.string('address_mode') ?? '';
  const modes = ['', 'host', 'driver', 'alloc', ...(ctx.since('1.10.4') ? ['alloc_ipv6'] : [])];
  if (mode === 'auto') return { summary: `invalid address_mode ${goQuote(mode)} - auto only valid for services`, detail: 'A check\'s address_mode is "host", "driver" or "alloc"; leave it out to use the service\'s address.', range: at('address_mode') };
  if (!modes.includes(mode)) return { summary: `invalid address_mode ${goQuote(mode)}`, detail: `Set address_mode to one of ${modes.filter(Boolean).map((m) => `"${m}"`).join(', ')}.`, range: at('address_mode') };
  const onUpdateRange = check.attribute('on_update') ? at('on_update') : ctx.rangeOf(service, 'on_update');
  if (!['', 'ignore', 'require_healthy', 'ignore_warnings'].includes(onUpdate)) {
    return { summary: `on_update must be "require_healthy", "ignore_warnings", or "ignore"; got ${goQuote(onUpdate)}`, detail: 'Set on_update to "require_healthy", "ignore_warnings" or "ignore".', range: onUpdateRange };
  }
  const restart = checkRestart(check, service);
  if (restart) {
    if (onUpdate === 'ignore') return { summary: 'on_update value "ignore" is not compatible with check_restart', detail: 'A check that is ignored during updates cannot restart the task; remove check_restart or change on_update.', range: onUpdateRange };
    if (!restart.ignoreWarnings && onUpdate === 'ignore_warnings') {
      return { summary: 'on_update value "ignore_warnings" not supported with check_restart ignore_warnings value "false"', detail: 'Set ignore_warnings = true in check_restart, or change on_update.', range: onUpdateRange };
    }
    if (restart.limit < 0) return { summary: `limit must be greater than or equal to 0 but found ${restart.limit}`, detail: 'Set limit to 0 (never restart) or more.', range: ctx.rangeOf(restart.at, 'limit') };
    if (restart.grace < 0) return { summary: `grace period must be greater than or equal to 0 but found ${Math.round(restart.grace * 1e6)}`, detail: 'Set grace to 0s or more.', range: ctx.rangeOf(restart.at, 'grace') };
  }
  return undefined;
}

function consulProblem(check: NomadBlock, ctx: RuleContext): Problem | undefined {
  const type = (check.string('type') ?? '').toLowerCase();
  const rawType = check.string('type') ?? '';
  if (check.bool('expose') === true && type !== 'grpc' && type !== 'http') {
    return { summary: 'expose may only be set on HTTP or gRPC checks', detail: 'Remove expose, or use an http or grpc check.', range: ctx.rangeOf(check, 'expose') };
  }
  const counters = ['success_before_passing', 'failures_before_critical', ...(ctx.since('1.7.3') ? ['failures_before_warning'] : [])];
  for (const counter of counters) {
    if ((check.number(counter) ?? 0) > 0 && !['tcp', 'http', 'grpc'].includes(rawType)) {
      return { summary: `${counter} not supported for check of type ${goQuote(rawType)}`, detail: `${counter} applies to tcp, http and grpc checks only.`, range: ctx.rangeOf(check, counter) };
    }
  }
  const notes = check.string('notes') ?? '';
  if (ctx.since('1.8.1') && Buffer.byteLength(notes) > 255) return { summary: 'notes must not be longer than 255 characters', detail: 'Shorten notes to 255 bytes at most.', range: ctx.rangeOf(check, 'notes') };
  return undefined;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];

function nomadProblem(check: NomadBlock, onUpdate: string, service: NomadBlock, ctx: RuleContext): Problem | undefined {
  const consulOnly = (arg: string, summary: string): Problem => ({ summary, detail: `Remove ${arg}, or use provider = "consul".`, range: ctx.rangeOf(check, arg) });
  if (check.bool('expose') === true) return consulOnly('expose', 'expose may only be set for Consul service checks');
  if (onUpdate === 'ignore_warnings') return consulOnly('on_update', 'on_update may only be set to ignore_warnings for Consul service checks');
  if (checkRestart(check, service)?.ignoreWarnings) return consulOnly('check_restart', 'ignore_warnings on check_restart only supported for Consul service checks');
  if (check.string('address_mode') === 'driver') return consulOnly('address_mode', 'address_mode = driver may only be set for Consul service checks');
  const method = check.string('method') ?? '';
  if (check.string('type') === 'http' && method !== '' && !HTTP_METHODS.includes(method.toUpperCase())) {
    return { summary: `method type ${goQuote(method)} not supported in Nomad http check`, detail: `Use one of ${HTTP_METHODS.join(', ')}.`, range: ctx.rangeOf(check, 'method') };
  }
  if ((check.number('success_before_passing') ?? 0) > 0) return consulOnly('success_before_passing', 'success_before_passing may only be set for Consul service checks');
  if ((check.number('failures_before_critical') ?? 0) > 0) return consulOnly('failures_before_critical', 'failures_before_critical may only be set for Consul service checks');
  if (ctx.since('1.7.3') && (check.number('failures_before_warning') ?? 0) > 0) return consulOnly('failures_before_warning', 'failures_before_warning may only be set for Consul service checks');
  if ((check.string('tls_server_name') ?? '') !== '') return consulOnly('tls_server_name', 'tls_server_name may only be set for Consul service checks');
  if (ctx.since('1.6.2') && !ctx.since('1.9.6') && check.bool('tls_skip_verify') === true) return consulOnly('tls_skip_verify', 'tls_skip_verify may only be set for Consul service checks');
  return undefined;
}

/** How Go's url.Parse takes a check path: invalid, absolute (with a scheme), or fine. */
function urlProblem(path: string): 'invalid' | 'absolute' | undefined {
  if (/[\x00-\x1f\x7f]/.test(path)) return 'invalid';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(path);
  if (path.startsWith(':')) return 'invalid';
  const rest = path.replace(/#.*$/s, '');
  if (/%(?![0-9a-fA-F]{2})/.test(rest.replace(/\?.*$/s, ''))) return 'invalid';
  if (scheme) return 'absolute';
  const firstSegment = rest.replace(/\?.*$/s, '').split('/')[0]!;
  if (firstSegment.includes(':')) return 'invalid';
  return undefined;
}
