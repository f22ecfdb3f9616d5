import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Context } from './context.js';
import { helpText } from './help.js';
import { PotError, PotExit } from './messages.js';
import { writeFileAtomic } from './atomic-file.js';
import { PotConf, isReadable, isSafeName } from './state.js';

export interface ImageRequest {
  readonly pot: string;
  readonly tag: string;
  readonly url: string;
  readonly pubkey: string;
}

/** prepare's local name of an image: `<pot>_<tag>` with every `.` turned into `_`. */
export function importedName(pot: string, tag: string): string {
  return `${pot}_${tag}`.replace(/\./g, '_');
}

/**
 * pot imports an image once (fetch, verify, `zfs receive`) and clones it for every prepared pot. The
 * emulator downloads nothing: the first use of an image records an empty single-type template under
 * `images/<name>/` (a pot.conf and where the image came from), and later prepares reuse it. pot's own
 * checks of the nested `import` still apply.
 */
export function ensureTemplate(ctx: Context, request: ImageRequest): PotConf {
  const { state, out } = ctx;
  const imported = importedName(request.pot, request.tag);
  if (!isSafeName(imported)) {
    throw new PotError(`${imported} is not a valid name for a pot ('.' is the only character not allowed)`);
  }
  const path = state.imageConfPath(imported);
  if (existsSync(path)) {
    out.debug(`pot ${imported} already imported - reusing it`);
    return PotConf.load(path, `image ${imported}`);
  }
  if (request.url === '') {
    out.error('Argument of -U cannot be empty');
    out.print(helpText('import'));
    throw new PotExit(1);
  }
  if (request.pubkey !== '' && !isReadable(request.pubkey)) {
    throw new PotError(`Public key ${request.pubkey} not found`);
  }
  out.info(`importing ${request.pot} @ ${request.tag} as ${imported}`);
  out.info(`The pot emulator does not download images: ${imported} is recorded as an empty template`);
  const template = PotConf.empty();
  template.set('pot.level', '0');
  template.set('pot.type', 'single');
  template.set('pot.base', '');
  template.set('pot.potbase', '');
  template.set('pot.dns', 'inherit');
  template.set('pot.cmd', 'sh /etc/rc');
  template.set('pot.stack', 'ipv4');
  template.set('network_type', 'inherit');
  template.set('vnet', 'false');
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(join(dirname(path), 'origin'), `pot=${request.pot}\ntag=${request.tag}\nurl=${request.url}\n`, { flush: true });
  template.save(path);
  return template;
}
