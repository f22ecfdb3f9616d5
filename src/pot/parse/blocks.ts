import { PotOutputError } from '../errors.js';

/**
 * One `pot name : NAME` block as printed by `pot info` and `pot list`:
 * `\tkey : value` fields, `\tsection:` headers followed by `\t\titem` lines, and `\t\titem` lines that follow a
 * field directly (pot prints the exported ports that way, under `ip`).
 */
export interface PotBlock {
  name: string;
  fields: Map<string, string>;
  sections: Map<string, string[]>;
  /** Doubly indented lines that belong to no section. */
  notes: string[];
}

const HEADER = /^pot name : (.*)$/;
const FIELD = /^\t([^\t:][^:]*?) :(?: (.*))?$/;
const SECTION = /^\t([^\t:][^:]*):$/;
const ITEM = /^\t\t(.*)$/;

export function parseBlocks(text: string, format: string): PotBlock[] {
  const blocks: PotBlock[] = [];
  let block: PotBlock | undefined;
  let section: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') continue;
    const header = HEADER.exec(line);
    if (header !== null) {
      block = { name: (header[1] ?? '').trim(), fields: new Map(), sections: new Map(), notes: [] };
      section = undefined;
      blocks.push(block);
      continue;
    }
    if (block === undefined) throw new PotOutputError(format, `unexpected line ${JSON.stringify(line)}`, text);
    const item = ITEM.exec(line);
    if (item !== null) {
      (section ?? block.notes).push((item[1] ?? '').trim());
      continue;
    }
    const field = FIELD.exec(line);
    if (field !== null) {
      block.fields.set(field[1] ?? '', (field[2] ?? '').trim());
      section = undefined;
      continue;
    }
    const head = SECTION.exec(line);
    if (head !== null) {
      section = [];
      block.sections.set(head[1] ?? '', section);
      continue;
    }
    throw new PotOutputError(format, `unexpected line ${JSON.stringify(line)}`, text);
  }
  return blocks;
}

/** `key: value` items of a section (pot's attribute lists), in order. */
export function sectionPairs(items: readonly string[], format: string, text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of items) {
    const match = /^([^:]+):(?: (.*))?$/.exec(item);
    if (match === null) throw new PotOutputError(format, `unexpected line ${JSON.stringify(item)}`, text);
    pairs[(match[1] ?? '').trim()] = (match[2] ?? '').trim();
  }
  return pairs;
}

export function requireField(block: PotBlock, key: string, format: string, text: string): string {
  const value = block.fields.get(key);
  if (value === undefined) throw new PotOutputError(format, `the line "${key} : ..." is missing`, text);
  return value;
}

export function parseActive(value: string, format: string, text: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new PotOutputError(format, `active is ${JSON.stringify(value)}, not true or false`, text);
}
