import type { NomadBlock } from '../nomad-block.js';
import { checkName, validateChecks } from './check-rules.js';
import { connectPorts, connectTasks } from './connect-hook.js';
import { validateConnectBlock } from './connect-rules.js';
import { goList, goQuote } from './go-text.js';
import { networkPorts } from './network-rules.js';
import { groupBlocks, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { connectServiceName, serviceName, withPlaceholders } from './service-names.js';

const NAME = /^(?:[a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])$/i;
const KINDS = ['', 'api-gateway', 'ingress-gateway', 'mesh-gateway', 'terminating-gateway'];

/**
 * `Service.Validate`, for group and task services alike: the name, address mode, on_update, the
 * provider and what each provider allows. Returns whether the service passed.
 */
function validateService(view: JobView, group: GroupView, task: NomadBlock | undefined, service: NomadBlock, ctx: RuleContext): boolean {
  const before = ctx.errorCount;
  const connect = service.block('connect');
  const name = connect && !task ? connectServiceName(view, group, service) : serviceName(view, group, task, service);
  if (!NAME.test(withPlaceholders(name, 'ENV-VAR'))) {
    ctx.error(
      service,
      ctx.rangeOf(service, 'name'),
      `Service name must be valid per RFC 1123 and can contain only alphanumeric characters or dashes and must be no longer than 63 characters: ${goQuote(name)}`,
      'Use letters, digits and dashes, starting and ending with a letter or digit, e.g. name = "web-api".',
    );
  }
  const mode = service.string('address_mode') ?? 'auto';
  const modes = ['host', 'driver', 'alloc', ...(ctx.since('1.10.4') ? ['alloc_ipv6'] : [])];
  if (modes.includes(mode)) {
    if ((service.string('address') ?? '') !== '') ctx.error(service, ctx.rangeOf(service, 'address'), 'Service address_mode must be "auto" if address is set', 'Remove address_mode (or set it to "auto") when setting address.');
  } else if (mode !== '' && mode !== 'auto') {
    ctx.error(service, ctx.rangeOf(service, 'address_mode'), `Service address_mode must be "auto", "host", or "driver"; not ${goQuote(mode)}`, `Set address_mode to one of "auto", ${modes.map((m) => `"${m}"`).join(', ')}.`);
  }
  const onUpdate = service.string('on_update') ?? '';
  if (!['', 'ignore', 'require_healthy', 'ignore_warnings'].includes(onUpdate)) {
    ctx.error(service, ctx.rangeOf(service, 'on_update'), `Service on_update must be "require_healthy", "ignore_warnings", or "ignore"; not ${goQuote(onUpdate)}`, 'Set on_update to "require_healthy", "ignore_warnings" or "ignore".');
  }
  const provider = service.string('provider') || 'consul';
  if (provider === 'consul') {
    validateChecks(service, name, provider, ctx);
    const kind = service.string('kind') ?? '';
    if (ctx.since('1.10.3') && !KINDS.includes(kind)) ctx.error(service, ctx.rangeOf(service, 'kind'), `Service ${name} kind must be one of consul service kind or empty`, `Set kind to one of ${KINDS.filter(Boolean).map((k) => `"${k}"`).join(', ')}, or leave it out.`);
    if (connect) {
      validateConnectBlock(connect, groupBlocks(group, 'network')[0]?.string('mode'), ctx);
      const native = connect.bool('native') === true;
      // With a network, Nomad's Connect hook has named the task already, or refused the job.
      const hooked = groupBlocks(group, 'network').length > 0;
      if (native && (service.string('task') ?? '') === '' && !task && !hooked) {
        ctx.error(service, headerRange(service), `Service ${name} is Connect Native and requires setting the task`, 'Set task = "<task name>" to the task that implements the service.');
      }
      if (native && ctx.since('1.9.2') && (service.string('port') ?? '') === '') ctx.error(service, headerRange(service), `Service ${name} is Connect Native and requires setting the port`, 'Set port to the label of the port the service listens on.');
    }
  } else if (provider === 'nomad') {
    validateChecks(service, name, provider, ctx);
    if (connect) ctx.error(connect, headerRange(connect), 'Service with provider nomad cannot include Connect blocks', 'Consul Connect needs provider = "consul"; remove the connect block or the provider.');
  } else {
    ctx.error(service, ctx.rangeOf(service, 'provider'), `Service provider must be "consul", or "nomad"; not ${goQuote(provider)}`, 'Set provider to "consul" (the default) or "nomad".');
  }
  const identity = service.block('identity');
  if (identity && ctx.since('1.7.0') && (identity.strings('aud') ?? []).length === 0) {
    ctx.error(identity, headerRange(identity), 'Service identity must provide at least one target aud value', 'Set aud to the audiences the identity is for, e.g. aud = ["consul.io"].');
  }
  return ctx.errorCount === before;
}

/**
 * The group-wide service checks of `TaskGroup.validateServices`: group services valid, services
 * unique by name, task and port, one provider for the whole group, checks naming existing tasks.
 * Group services may use any port value here, a label, a number or an interpolation such as
 * `${NOMAD_PORT_api}`: Nomad resolves it when it registers the service, not at submission.
 */
export function validateGroupServices(view: JobView, group: GroupView, ctx: RuleContext): void {
  const taskNames = new Set([...group.tasks.map((t) => t.label), ...connectTasks(view, group).map((t) => t.name)]);
  const ids = new Map<string, NomadBlock>();
  const duplicates = new Set<string>();
  const providers = new Map<string, NomadBlock>();
  const track = (id: string, service: NomadBlock) => {
    if (ids.has(id)) duplicates.add(id);
    else ids.set(id, service);
    const provider = service.string('provider') || 'consul';
    if (!providers.has(provider)) providers.set(provider, service);
  };
  for (const task of group.tasks) {
    for (const service of task.blocks('service')) {
      const name = serviceName(view, group, task, service);
      const own = service.string('task') ?? '';
      if (own !== '' && own !== task.label) ctx.error(service, ctx.rangeOf(service, 'task'), `Service ${name} is invalid: may only specify task the service belongs to, got ${goQuote(own)}`, `A service inside task "${task.label}" belongs to it; remove task or set it to "${task.label}".`);
      track(`${task.label}->${name}${portSuffix(service)}`, service);
    }
  }
  for (const service of groupBlocks(group, 'service')) {
    const name = service.block('connect') ? connectServiceName(view, group, service) : serviceName(view, group, undefined, service);
    track(`group->${name}${portSuffix(service)}`, service);
    if (!validateService(view, group, undefined, service, ctx)) continue;
    if (service.string('address_mode') === 'driver') {
      ctx.error(service, ctx.rangeOf(service, 'address_mode'), `service ${goQuote(name)} cannot use address_mode="driver", only services defined in a "task" block can use this mode`, 'Use address_mode = "alloc" or "host" here, or move the service into its task.');
    }
    for (const check of service.blocks('check')) {
      const checkTask = check.string('task') || service.string('task') || '';
      if (checkTask === '') continue;
      if (check.string('address_mode') === 'driver') {
        ctx.error(check, ctx.rangeOf(check, 'address_mode'), `Check ${goQuote(name)} invalid: cannot use address_mode="driver", only checks defined in a "task" service block can use this mode`, 'Use address_mode = "alloc" or "host" here, or move the service into its task.');
      }
      if (!taskNames.has(checkTask)) {
        ctx.error(check, check.attribute('task') ? ctx.rangeOf(check, 'task') : ctx.rangeOf(service, 'task'), `Check ${checkName(check, name)} invalid: refers to non-existent task ${checkTask}`, `Group "${group.name}" has no task "${checkTask}"; name one of ${[...taskNames].map((t) => `"${t}"`).join(', ') || 'its tasks'}.`);
      }
    }
  }
  if (duplicates.size > 0) {
    const first = ids.get([...duplicates].sort()[0]!)!;
    ctx.error(first, headerRange(first), `Services are not unique: ${goList([...duplicates].sort())}`, 'Services of a group need different names (or ports); rename one of them.');
  }
  if (providers.size > 1) {
    const second = [...providers.values()][1]!;
    ctx.error(second, ctx.rangeOf(second, 'provider'), 'Multiple service providers used: task group services must use the same provider', 'Use the same provider ("consul" or "nomad") for every service of the group.');
  }
  for (const service of groupBlocks(group, 'service')) {
    if ((service.string('task') ?? '') !== '') continue;
    for (const check of service.blocks('check')) {
      if (check.string('type') === 'script' && (check.string('task') ?? '') === '') {
        const name = serviceName(view, group, undefined, service);
        ctx.error(check, ctx.rangeOf(check, 'type'), `Service [${group.name}]->${name} or Check ${checkName(check, name)} must specify task parameter`, 'A script check of a group service runs inside a task; set task = "<task name>" in the check or the service.');
      }
    }
  }
}

function portSuffix(service: NomadBlock): string {
  const port = service.string('port') ?? '';
  return port === '' ? '' : `:${port}`;
}

/**
 * The service checks of `Task.Validate`: each service valid, no group-only address modes or connect
 * blocks, no duplicates, and every port label it or its checks use defined by the group's first
 * network (with the ports Nomad adds for Consul Connect) or the task's own legacy network.
 */
export function validateTaskServices(view: JobView, group: GroupView, task: NomadBlock, ctx: RuleContext): void {
  const wanted = new Map<string, { services: Set<string>; at: NomadBlock; arg: string }>();
  const want = (label: string, service: string, at: NomadBlock, arg: string) => {
    const entry = wanted.get(label) ?? { services: new Set<string>(), at, arg };
    entry.services.add(service);
    wanted.set(label, entry);
  };
  const known = new Set<string>();
  for (const service of task.blocks('service')) {
    const name = serviceName(view, group, task, service);
    validateService(view, group, task, service, ctx);
    const mode = service.string('address_mode') ?? '';
    if (mode === 'alloc' || (mode === 'alloc_ipv6' && ctx.since('1.10.4'))) {
      ctx.error(service, ctx.rangeOf(service, 'address_mode'), `service ${goQuote(name)} cannot use address_mode="${mode}", only services defined in a "group" block can use this mode`, 'Use address_mode = "host" or "driver" here, or move the service to the group.');
    }
    const port = service.string('port') ?? '';
    if (known.has(name + port)) ctx.error(service, headerRange(service), `service ${goQuote(name)} is duplicate`, 'Services of a task need different names or ports.');
    known.add(name + port);
    if (port !== '' && !(mode === 'driver' && /^[+-]?[0-9]+$/.test(port))) want(port, name, service, 'port');
    if (service.block('connect')) ctx.error(service.block('connect')!, headerRange(service.block('connect')!), `service ${goQuote(name)} cannot have "connect" block, only services defined in a "group" block can`, 'Move the service with its connect block to the group.');
    taskChecks(service, name, want, ctx);
  }
  const labels = new Set<string>();
  const first = groupBlocks(group, 'network')[0];
  if (first) {
    for (const p of networkPorts(first)) labels.add(p.label);
    for (const p of connectPorts(view, group)) labels.add(p);
  }
  for (const n of task.block('resources')?.blocks('network') ?? []) for (const p of networkPorts(n)) labels.add(p.label);
  for (const label of [...wanted.keys()].sort()) {
    if (labels.has(label)) continue;
    const { services, at, arg } = wanted.get(label)!;
    const defined = [...labels];
    ctx.error(
      at,
      ctx.rangeOf(at, arg),
      `port label ${goQuote(label)} referenced by services ${[...services].sort().join(', ')} does not exist`,
      `A task's service names a port of the group's first network${defined.length ? ` (defined: ${defined.map((d) => `"${d}"`).join(', ')})` : ''}; add port "${label}" {} to the group's network block, or use the port number with address_mode = "driver".`,
    );
  }
}

function taskChecks(service: NomadBlock, name: string, want: (label: string, service: string, at: NomadBlock, arg: string) => void, ctx: RuleContext): void {
  const seen = new Set<string>();
  for (const check of service.blocks('check')) {
    const cname = checkName(check, name);
    if (seen.has(cname)) ctx.error(check, headerRange(check), `check ${goQuote(cname)} is duplicate`, 'Checks of a service need different names.');
    seen.add(cname);
    const mode = check.string('address_mode') ?? '';
    if (mode === 'alloc' || (mode === 'alloc_ipv6' && ctx.since('1.10.4'))) {
      ctx.error(check, ctx.rangeOf(check, 'address_mode'), `check ${goQuote(name)} cannot use address_mode="${mode}", only checks defined in a "group" service block can use this mode`, 'Use address_mode = "host" or "driver" here.');
    }
    if (!['grpc', 'http', 'tcp'].includes(check.string('type') ?? '')) continue;
    const port = check.string('port') || service.string('port') || '';
    const arg = check.string('port') ? check : service;
    if (port === '') {
      ctx.error(check, headerRange(check), `check ${goQuote(cname)} is missing a port`, 'Set port in the check or its service.');
      continue;
    }
    const numeric = /^[+-]?[0-9]+$/.test(port) ? Number(port) : undefined;
    if (numeric !== undefined && mode === 'driver') {
      if (numeric <= 0) ctx.error(check, ctx.rangeOf(arg, 'port'), `check ${goQuote(cname)} has invalid numeric port ${numeric}`, 'Use a port number from 1 to 65535.');
      continue;
    }
    if (numeric !== undefined) {
      ctx.error(check, ctx.rangeOf(arg, 'port'), `check ${goQuote(cname)} cannot use a numeric port ${numeric} without setting address_mode="driver"`, 'Use a port label, or set address_mode = "driver" in the check.');
      continue;
    }
    want(port, name, arg, 'port');
  }
}
