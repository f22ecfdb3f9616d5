import { accessSync, constants } from 'node:fs';
import { clonePot, CloneNetwork } from '../clone.js';
import { Context } from '../context.js';
import { stopPot } from '../lifecycle.js';
import { withLock } from '../lock.js';
import { PotError, PotExit } from '../messages.js';
import { NETWORK_STACKS, NETWORK_TYPES, isBridgeType, isValidExportPort } from '../network.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { PotConf } from '../state.js';
import { ensureTemplate, importedName } from '../template.js';
import { startPot } from './start.js';

interface PrepareRequest {
  pot: string;
  url: string;
  tag: string;
  cmd: string;
  allocation: string;
  potname: string;
  ports: string[];
  networkType: string | undefined;
  ips: string[];
  bridge: string;
  stack: string | undefined;
  dns: string | undefined;
  start: boolean;
  pubkey: string;
}

/** The attributes prepare sets on every pot it creates (pot's set-attribute values, normalised). */
const PREPARED_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['persistent', 'NO'],
  ['no-rc-script', 'YES'],
  ['prunable', 'YES'],
  ['localhost-tunnel', 'YES'],
  ['no-etc-hosts', 'YES'],
  ['no-tmpfs', 'YES'],
];

function parse(ctx: Context, args: readonly string[]): PrepareRequest {
  const request: PrepareRequest = {
    pot: '', url: '', tag: '', cmd: '', allocation: '', potname: '', ports: [], networkType: undefined,
    ips: [], bridge: '', stack: undefined, dns: undefined, start: false, pubkey: '',
  };
  parseOptions(ctx, 'prepare', args, 'hvp:U:t:c:e:a:n:sN:i:B:S:d:C:', (name, value) => {
    switch (name) {
      case 'p': request.pot = value; break;
      case 'U': request.url = value; break;
      case 't': request.tag = value; break;
      case 'c': request.cmd = value; break;
      case 'a': request.allocation = value; break;
      case 'n': request.potname = value; break;
      case 's': request.start = true; break;
      case 'B': request.bridge = value; break;
      case 'i': request.ips.push(value); break;
      case 'C': request.pubkey = value; break;
      case 'e':
        if (!isValidExportPort(value)) throw new PotError(`${value} is not a valid port number`, { help: 'prepare' });
        request.ports.push(value);
        break;
      case 'N': {
        const type = value === 'host' ? 'inherit' : value;
        if (!NETWORK_TYPES.includes(type)) throw new PotError(`Network type ${type} not recognized`, { help: 'prepare' });
        request.networkType = type;
        break;
      }
      case 'S':
        if (!NETWORK_STACKS.includes(value)) {
          // prepare calls create-help here, which is not defined in prepare's context
          ctx.out.error(`Network stack ${value} not valid`);
          ctx.out.printError('pot: create-help: not found\n');
          throw new PotExit(1);
        }
        request.stack = value;
        break;
      case 'd':
        request.dns = parseDns(value);
        break;
      default:
        break;
    }
  });
  return request;
}

function parseDns(value: string): string {
  if (value === 'inherit' || value === 'pot' || value === 'off') return value;
  if (value.startsWith('custom:')) {
    const file = value.slice('custom:'.length);
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new PotError(`The file ${file} is not valid or readable`);
    }
    return value;
  }
  // sic: pot prints an unset variable here, so the value is always empty
  throw new PotError("'' is not a valid dns option", { help: 'prepare' });
}

/**
 * set-cmd: one leading `"` is removed, and then one trailing `"` too; pot then stores `echo $_cmd`, unquoted,
 * so blanks, tabs and newlines between words become one blank (a newline can never start a pot.conf line of
 * its own). pot's filename globbing of `*` and `?` in that echo is not emulated.
 */
export function commandLine(cmd: string): string {
  let line = cmd;
  if (line.startsWith('"')) {
    line = line.slice(1);
    if (line.endsWith('"')) line = line.slice(0, -1);
  }
  return line.split(/[ \t\n]+/).filter((word) => word !== '').join(' ');
}

export async function runPrepare(ctx: Context, args: readonly string[]): Promise<number> {
  const request = parse(ctx, args);
  if (request.pot === '') throw new PotError('A pot name is mandatory', { help: 'prepare' });
  if (request.tag === '') throw new PotError('A tag is mandatory', { help: 'prepare' });
  if (request.allocation === '') throw new PotError('An allocation id is mandatory', { help: 'prepare' });
  if (request.networkType === 'private-bridge' && request.bridge === '') {
    throw new PotError('A bridge name has to be provided if private-bridge is selected as network-type', { help: 'prepare' });
  }
  const imported = importedName(request.pot, request.tag);
  const name = `${request.potname || imported}_${request.allocation}`.replace(/\./g, '_');
  await withLock(ctx.state.globalLockPath(), () => create(ctx, request, name));
  if (!request.start) {
    ctx.out.info(`Prepared the pot ${name}`);
    return 0;
  }
  ctx.out.debug(`Auto starting the pot ${name}`);
  if ((await startPot(ctx, name)) !== 0) {
    ctx.out.error(`pot ${name} failed to start`);
    await stopPot(ctx, name);
    return 1;
  }
  return 0;
}

/** Everything prepare does under pot's global lock: import once, clone, set-cmd, attributes, export-ports. */
function create(ctx: Context, request: PrepareRequest, name: string): void {
  if (isPot(ctx, name, true)) throw new PotError(`A pot with name ${name} already exists`, { help: 'prepare' });
  const template = ensureTemplate(ctx, { pot: request.pot, tag: request.tag, url: request.url, pubkey: request.pubkey });
  const network: CloneNetwork = {
    type: request.networkType,
    bridge: request.networkType === 'private-bridge' ? request.bridge : undefined,
    ips: request.ips,
    stack: request.stack,
    dns: request.dns,
  };
  const conf: PotConf = clonePot(ctx, template, name, network);
  if (request.cmd !== '') conf.set('pot.cmd', commandLine(request.cmd));
  for (const [attribute, value] of PREPARED_ATTRIBUTES) conf.set(`pot.attr.${attribute}`, value);
  if (request.ports.length > 0) {
    if (!isBridgeType(conf.value('network_type'))) {
      ctx.out.info('Only public-bridge and private-bridge network type can export ports - this setting will be ignored during start');
    }
    // prepare builds export-ports' arguments by prepending, so the stored order is reversed
    conf.set('pot.export.ports', [...request.ports].reverse().join(' '));
  }
  ctx.state.writePotConf(name, conf);
}
