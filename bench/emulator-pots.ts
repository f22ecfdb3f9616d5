/**
 * The pots in the emulator's state as pot keeps them on disk (`jails/<name>/conf/pot.conf`, `tmp/pot_status_<name>`):
 * each one's exported ports, address and status, read straight from the files, so that hundreds of pots cost no
 * pot command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PotRecord {
  name: string;
  /** `pot.export.ports` entries, `[tcp:|udp:]<jail port>:<host port>`. */
  exportPorts: string[];
  /** `ip`: the jail's address on the bridge ('' without one). */
  ip: string;
}

export function readPotRecords(emulatorRoot: string): PotRecord[] {
  const jails = path.join(emulatorRoot, 'jails');
  let names: string[];
  try {
    names = readdirSync(jails).sort();
  } catch {
    return [];
  }
  const records: PotRecord[] = [];
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(path.join(jails, name, 'conf', 'pot.conf'), 'utf8');
    } catch (error) {
      // destroyed since the directory was listed
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const lines = text.split('\n');
    const value = (key: string): string => lines.filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1)).join(' ');
    records.push({ name, exportPorts: value('pot.export.ports').split(/\s+/).filter((entry) => entry !== ''), ip: value('ip').trim() });
  }
  return records;
}

/** The host port of an export entry: its last field. */
export function hostPort(entry: string): number {
  return Number(entry.slice(entry.lastIndexOf(':') + 1));
}

/** `pot.status` of a pot from pot's `${POT_TMP}/pot_status_<name>` (`started`, `starting`, …), '' without one. */
export function readPotStatus(emulatorRoot: string, name: string): string {
  try {
    return /^pot\.status=([a-z]*)/.exec(readFileSync(path.join(emulatorRoot, 'tmp', `pot_status_${name}`), 'utf8'))?.[1] ?? '';
  } catch {
    return '';
  }
}
