import { PotOutputError } from '../errors.js';
import { parseActive, parseBlocks, requireField } from './blocks.js';

/** One pot from `pot ls`; `ls -q` gives names only. */
export interface PotListEntry {
  name: string;
  network?: string;
  /** Not printed for `inherit`. */
  ip?: string;
  active?: boolean;
}

const FORMAT = 'ls';
const EMPTY = 'No pot created yet...';

/** Reads `pot ls -q` (one name per line) or `pot ls` (`pot name : NAME` blocks), in pot's order. */
export function parseList(text: string): PotListEntry[] {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l !== '');
  if (lines.length === 1 && lines[0]?.trim() === EMPTY) return [];
  if (lines.some((l) => l.startsWith('pot name : '))) return parseLong(text);
  return lines.map((line) => {
    // Names never contain blanks (pot itself splits its list on them); anything else here is not a name.
    if (/\s/.test(line) || line.startsWith('###>') || line.startsWith('===>')) {
      throw new PotOutputError('ls -q', `unexpected line ${JSON.stringify(line)}`, text);
    }
    return { name: line };
  });
}

function parseLong(text: string): PotListEntry[] {
  return parseBlocks(text, FORMAT).map((block) => {
    const entry: PotListEntry = {
      name: block.name,
      network: requireField(block, 'network', FORMAT, text),
      active: parseActive(requireField(block, 'active', FORMAT, text), FORMAT, text),
    };
    const ip = block.fields.get('ip');
    if (ip !== undefined) entry.ip = ip;
    return entry;
  });
}
