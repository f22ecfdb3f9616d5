import { readFileSync } from 'node:fs';
import { JAIL_ATTRIBUTES, POT_RO_ATTRIBUTES, POT_RW_ATTRIBUTES } from '../attributes.js';
import { Context } from '../context.js';
import { helpText } from '../help.js';
import { PotError, PotExit } from '../messages.js';
import { readMounts } from '../mounts.js';
import { parseOptions } from '../options.js';
import { potProblem } from '../pot-check.js';
import { isSafeName, PotConf } from '../state.js';
import { inspectPot } from '../status.js';

const help = { help: 'info' };

interface InfoRequest {
  pot: string;
  bridge: string;
  quiet: boolean;
  running: boolean;
  env: boolean;
  snapshots: boolean;
}

export async function runInfo(ctx: Context, args: readonly string[]): Promise<number> {
  const request: InfoRequest = { pot: '', bridge: '', quiet: false, running: false, env: false, snapshots: false };
  parseOptions(ctx, 'info', args, 'hvqp:rb:B:Es', (option, value) => {
    if (option === 'q') request.quiet = true;
    else if (option === 'p') request.pot = value;
    else if (option === 'b' || option === 'B') request.bridge = value;
    else if (option === 'r') request.running = true;
    else if (option === 'E') request.env = true;
    else if (option === 's') request.snapshots = true;
  });
  if (request.pot === '' && request.bridge === '') throw new PotError('Option -p or -b are mandatory', help);
  if (request.pot !== '' && request.bridge !== '') throw new PotError('Option -p and -b are mutually exclusive', help);
  if (request.quiet && ctx.out.verbose()) throw new PotError('Option -q and -v are mutually exclusive', help);
  if (request.env && request.pot === '') throw new PotError('Environment variable output available for pot only', help);
  if (request.bridge !== '') return bridgeInfo(ctx, request);
  const name = request.pot;
  const problem = potProblem(ctx, name);
  if (problem !== undefined) {
    if (!request.quiet) {
      // A damaged pot says what is damaged; a missing one only that it is not a pot, as pot does.
      if (problem.damaged) ctx.out.error(problem.message);
      ctx.out.error(`${name} is not a pot`);
    }
    ctx.out.print(helpText('info'));
    throw new PotExit(1);
  }
  const view = inspectPot(ctx.state, name);
  const running = view.running;
  if (request.running) return running ? 0 : 1;
  if (request.quiet) return 0;
  // The status file stands in for the jail's existence: damaged, it is reported and the processes decide.
  if (view.damage !== undefined) ctx.out.error(view.damage);
  const conf = ctx.state.readPotConf(name);
  // The emulator keeps no snapshots, so -s lists nothing.
  if (request.snapshots) return 0;
  ctx.out.print(request.env ? envLines(name, conf) : describe(ctx, name, conf, running));
  return 0;
}

function bridgeInfo(ctx: Context, request: InfoRequest): number {
  const { state } = ctx;
  if (!isSafeName(request.bridge) || !state.listBridges().includes(request.bridge)) {
    if (!request.quiet) ctx.out.error(`${request.bridge} is not a bridge`);
    return 1;
  }
  if (!request.quiet) ctx.out.print(readFileSync(state.bridgePath(request.bridge), 'utf8'));
  return 0;
}

/** `pot info -E`: shell lines for hooks (no `_POT_JID`: there are no jail ids here). */
function envLines(name: string, conf: PotConf): string {
  const lines = [`export _POT_NAME=${name}`, `export _POT_IP=${conf.value('ip')}`];
  if (conf.value('network_type') === 'private-bridge') lines.push(`export _POT_BRIDGE=${conf.value('bridge')}`);
  return lines.map((line) => `${line}\n`).join('');
}

/** `_get_pot_export_ports`: the value of a `pot.export.ports=` line with exactly one `=`. */
function exportedPorts(conf: PotConf): string {
  return conf
    .rawValues('pot.export.ports')
    .map((value) => `pot.export.ports=${value}`.split('='))
    .filter((parts) => parts.length === 2)
    .map((parts) => parts[1])
    .join('\n');
}

function describe(ctx: Context, name: string, conf: PotConf, running: boolean): string {
  const verbose = ctx.out.verbose();
  const level = conf.value('pot.level');
  const type = conf.value('pot.type');
  const network = conf.value('network_type');
  const lines = [`pot name : ${name}`, `\ttype : ${type}`, `\tbase : ${conf.value('pot.base')}`, `\tlevel : ${level}`];
  if (level === '2') lines.push(`\tbase pot : ${conf.value('pot.potbase')}`);
  lines.push(`\tnetwork_type : ${network}`);
  if (network !== 'inherit') {
    lines.push(`\tip : ${conf.value('ip')}`);
    if (network === 'private-bridge') lines.push(`\tbridge : ${conf.value('bridge')}`);
    if (verbose) {
      const ports = exportedPorts(conf);
      lines.push(ports === '' ? '\t\tno ports exported' : `\t\texported ports: ${ports}`);
    }
  }
  lines.push(`\tactive : ${running ? 'true' : 'false'}`);
  if (verbose) {
    lines.push('\tdatasets:');
    if (type === 'single') lines.push(`\t\t${name}/m`);
    for (const entry of readMounts(ctx.state, name)) lines.push(`\t\t${entry.mountPoint} => ${entry.source}`);
    lines.push('\tsnapshots:', '\t\tno snapshots');
  }
  lines.push('\tattributes:');
  for (const attribute of [...POT_RW_ATTRIBUTES, ...POT_RO_ATTRIBUTES]) {
    lines.push(`\t\t${attribute}: ${conf.value(`pot.attr.${attribute}`) || 'NO'}`);
  }
  lines.push('\tjail attributes:');
  for (const attribute of JAIL_ATTRIBUTES) {
    const value = conf.has(`pot.attr.${attribute.name}`) ? conf.value(`pot.attr.${attribute.name}`) : attribute.defaultValue;
    lines.push(`\t\t${attribute.name}: ${value || 'NO'}`);
  }
  const cpus = conf.value('pot.rss.cpus');
  const memory = conf.value('pot.rss.memory');
  if (verbose && (cpus !== '' || memory !== '')) {
    lines.push('\tresource limits:');
    if (cpus !== '') lines.push(`\t\tmax amount cpus: ${cpus}`);
    if (memory !== '') lines.push(`\t\tmax amount memory: ${memory}`);
  }
  lines.push('');
  return lines.map((line) => `${line}\n`).join('');
}
