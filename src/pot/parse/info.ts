import { PotOutputError } from '../errors.js';
import { parseActive, parseBlocks, requireField, sectionPairs, type PotBlock } from './blocks.js';

/** What `pot info -p NAME [-v]` prints. Fields marked (v) are only present with `-v`. */
export interface PotInfo {
  name: string;
  /** `single` or `multi` (empty for old pots without `pot.type`). */
  type: string;
  base: string;
  level: number;
  /** Reference pot, level 2 pots only. */
  basePot?: string;
  /** `inherit`, `alias`, `public-bridge` or `private-bridge`. */
  networkType: string;
  /** Not printed for `inherit`; a space-separated list for `alias`. */
  ip?: string;
  /** private-bridge only. */
  bridge?: string;
  active: boolean;
  /** (v, not for inherit) e.g. `['80:23456']`; empty for "no ports exported". */
  exportedPorts?: string[];
  /** (v) the pot's root dataset (single type) and its mounts as `mnt => source`. */
  datasets?: string[];
  /** (v) snapshot names; empty for "no snapshots". */
  snapshots?: string[];
  /** pot attributes (`persistent`, `prunable`, ...): `YES`/`NO` as printed. */
  attributes: Record<string, string>;
  /** jail attributes (`devfs_ruleset`, `stop_timeout`, ...) as printed; the list depends on pot's version. */
  jailAttributes: Record<string, string>;
  /** (v, only when set) e.g. `{ 'max amount memory': '64M' }`. */
  resourceLimits?: Record<string, string>;
}

const FORMAT = 'info';

export function parseInfo(text: string): PotInfo {
  const blocks = parseBlocks(text, FORMAT);
  const block = blocks[0];
  if (block === undefined || blocks.length > 1) {
    throw new PotOutputError(FORMAT, `expected one "pot name : ..." block, found ${blocks.length}`, text);
  }
  const get = (key: string): string => requireField(block, key, FORMAT, text);
  const levelText = get('level');
  if (!/^\d+$/.test(levelText)) throw new PotOutputError(FORMAT, `level ${JSON.stringify(levelText)} is not a number`, text);
  const info: PotInfo = {
    name: block.name,
    type: get('type'),
    base: get('base'),
    level: Number(levelText),
    networkType: get('network_type'),
    active: parseActive(get('active'), FORMAT, text),
    attributes: sectionPairs(block.sections.get('attributes') ?? [], FORMAT, text),
    jailAttributes: sectionPairs(block.sections.get('jail attributes') ?? [], FORMAT, text),
  };
  optional(block, 'base pot', (v) => (info.basePot = v));
  optional(block, 'ip', (v) => (info.ip = v));
  optional(block, 'bridge', (v) => (info.bridge = v));
  const ports = exportedPorts(block.notes, text);
  if (ports !== undefined) info.exportedPorts = ports;
  const datasets = block.sections.get('datasets');
  if (datasets !== undefined) info.datasets = datasets;
  const snapshots = block.sections.get('snapshots');
  if (snapshots !== undefined) info.snapshots = snapshots.filter((s) => s !== 'no snapshots');
  const limits = block.sections.get('resource limits');
  if (limits !== undefined) info.resourceLimits = sectionPairs(limits, FORMAT, text);
  return info;
}

function optional(block: PotBlock, key: string, set: (value: string) => void): void {
  const value = block.fields.get(key);
  if (value !== undefined) set(value);
}

function exportedPorts(notes: readonly string[], text: string): string[] | undefined {
  let ports: string[] | undefined;
  for (const note of notes) {
    if (note === 'no ports exported') ports = [];
    else if (note.startsWith('exported ports:')) ports = note.slice('exported ports:'.length).trim().split(/\s+/);
    else throw new PotOutputError(FORMAT, `unexpected line ${JSON.stringify(note)}`, text);
  }
  return ports;
}
