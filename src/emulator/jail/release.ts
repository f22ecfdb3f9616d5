import { EmulatorState } from '../state.js';
import { removeCgroups } from './cgroups.js';
import { readJailRecord, removeJailRecord } from './record.js';

/**
 * What is left of an isolated pot once its processes are gone: its namespaces and mounts went with them, its
 * cgroups and its record did not.
 */
export async function releaseJail(state: EmulatorState, name: string): Promise<void> {
  const record = readJailRecord(state, name);
  if (record === undefined) return;
  await removeCgroups(record.cgroups);
  removeJailRecord(state, name);
}
