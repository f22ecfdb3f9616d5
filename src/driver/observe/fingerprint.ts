import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { compareVersions } from '../../pot/index.js';
import type { ChangeSignal } from '../changes.js';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { Attribute, Fingerprint } from '../types.js';

import { MIN_POT_VERSION } from '../pot-versions.js';
import { VERSION_TIMEOUT_MS } from './pot-version.js';

/**
 * Fingerprint: the first answer at once, then one whenever the plugin config changes the answer, and one
 * every interval regardless. The stream ends only when the caller goes away or the driver shuts down.
 */
export async function* fingerprint(ctx: DriverContext, configChanges: ChangeSignal, signal: AbortSignal): AsyncGenerator<Fingerprint> {
  const until = AbortSignal.any([signal, ctx.lifetime]);
  let last = await probePot(ctx);
  yield last;
  for (;;) {
    const why = await configChanges.next(ctx.timings.fingerprintIntervalMs, until);
    if (why === 'aborted') return;
    const next = await probePot(ctx);
    if (until.aborted) return;
    if (why === 'timeout' || JSON.stringify(next) !== JSON.stringify(last)) yield next;
    last = next;
  }
}

/** Healthy only when the configured pot binary exists, runs, and is recent enough. */
export async function probePot(ctx: DriverContext): Promise<Fingerprint> {
  const settings = ctx.settings();
  if (!settings.enabled) return { health: 'undetected', healthDescription: 'disabled', attributes: {} };
  const attributes: Record<string, Attribute> = {};
  if (ctx.pluginVersion !== '') attributes['driver.pot.plugin_version'] = { string: ctx.pluginVersion };
  const unhealthy = (description: string): Fingerprint => ({ health: 'unhealthy', healthDescription: description, attributes });

  const problem = await binaryProblem(settings.potBin);
  if (problem !== undefined) return unhealthy(problem);
  let version;
  try {
    const timeoutMs = Math.min(settings.commandTimeoutMs || VERSION_TIMEOUT_MS, VERSION_TIMEOUT_MS);
    const backend = ctx.backend();
    version = await backend.commands.version({ timeoutMs });
    // What StartTask checks options against: the pot that is there now.
    ctx.potVersions.set(backend.bin, version);
  } catch (error) {
    return unhealthy(messageOf(error));
  }
  attributes['driver.pot.version'] = { string: version.version };
  if (compareVersions(version, MIN_POT_VERSION) < 0) {
    return unhealthy(`pot ${version.version} is too old: the driver needs pot ${MIN_POT_VERSION} or later`);
  }
  return { health: 'healthy', healthDescription: 'Healthy', attributes };
}

async function binaryProblem(bin: string): Promise<string | undefined> {
  try {
    if (!(await stat(bin)).isFile()) return `pot binary ${bin} is not a file`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `pot binary ${bin} not found`;
    return `pot binary ${bin} cannot be read: ${messageOf(error)}`;
  }
  try {
    await access(bin, constants.X_OK);
  } catch {
    return `pot binary ${bin} is not executable`;
  }
  return undefined;
}
