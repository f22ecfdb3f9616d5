import type { AttrSpec, BlockSpec, NestedBlock, Versioned } from './builders.js';

/**
 * The table as lines, one per argument and block, by path: `job.group.task.service.check_restart.limit
 * int`. Used to check the table against its expectation and against Nomad's sources, so that nothing drops
 * out unnoticed. A block whose spec was listed under another path is listed again: paths are what users write.
 */
export function listSpec(spec: BlockSpec, path: string): string[] {
  const lines: string[] = [];
  for (const name of Object.keys(spec.attrs).sort()) lines.push(`${path}.${name} ${attrText(spec.attrs[name]!)}`);
  for (const name of Object.keys(spec.blocks).sort()) {
    const nested = spec.blocks[name]!;
    lines.push(`${path}.${name} ${blockText(nested)}`);
    if (typeof nested.body === 'object') lines.push(...listSpec(nested.body, `${path}.${name}`));
  }
  return lines;
}

function attrText(a: AttrSpec): string {
  const flags = [a.type, a.required ? 'required' : a.nullable ? 'nullable' : ''].filter(Boolean);
  return [...flags, ...versionText(a)].join(' ');
}

function blockText(b: NestedBlock): string {
  const labels = b.labels ?? (typeof b.body === 'object' ? b.body.labels : undefined) ?? [];
  const shape = typeof b.body === 'object' ? 'block' : b.body;
  const flags = [`${shape} ${b.repeat}`, labels.length ? `labels(${labels.join(',')})` : '', b.orAttribute ? 'or-argument' : ''].filter(Boolean);
  return [...flags, ...versionText(b)].join(' ');
}

function versionText(v: Versioned): string[] {
  return [v.since ? `since ${v.since}` : '', v.until ? `until ${v.until}` : ''].filter(Boolean);
}
