import type { PotVersion } from '../../pot/index.js';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { PotBackend } from '../pot-backend.js';

/** Longest wait for `pot version`. */
export const VERSION_TIMEOUT_MS = 30_000;

/**
 * The version of the pot behind `backend`: the one the last fingerprint saw, else asked once and remembered.
 * Undefined when pot cannot say; the start then goes ahead, and pot itself refuses what it cannot do.
 */
export async function hostPotVersion(ctx: DriverContext, backend: PotBackend, signal?: AbortSignal): Promise<PotVersion | undefined> {
  const known = ctx.potVersions.get(backend.bin);
  if (known !== undefined) return known;
  try {
    const timeoutMs = Math.min(ctx.settings().commandTimeoutMs || VERSION_TIMEOUT_MS, VERSION_TIMEOUT_MS);
    const version = await backend.commands.version({ timeoutMs, ...(signal ? { signal } : {}) });
    ctx.potVersions.set(backend.bin, version);
    return version;
  } catch (error) {
    ctx.log.warn('cannot tell which version of pot this is', { pot_bin: backend.bin, error: messageOf(error) });
    return undefined;
  }
}
