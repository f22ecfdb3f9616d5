/** pot 0.16.0's attributes (`_POT_RW_ATTRIBUTES`, `_POT_RO_ATTRIBUTES`, `_POT_JAIL_RW_ATTRIBUTES`). */

export type AttributeType = 'bool' | 'uint' | 'string' | 'sysvopt';

export interface JailAttribute {
  readonly name: string;
  readonly type: AttributeType;
  /** what `pot info` shows when the attribute is not set */
  readonly defaultValue: string;
}

/** All boolean; `pot info` shows `NO` when unset. */
export const POT_RW_ATTRIBUTES: readonly string[] = [
  'start-at-boot',
  'early-start-at-boot',
  'persistent',
  'no-rc-script',
  'prunable',
  'localhost-tunnel',
  'no-tmpfs',
  'no-etc-hosts',
];

/** Readable with get-attribute, rejected by set-attribute. */
export const POT_RO_ATTRIBUTES: readonly string[] = ['to-be-pruned'];

export const JAIL_ATTRIBUTES: readonly JailAttribute[] = [
  { name: 'enforce_statfs', type: 'uint', defaultValue: '2' },
  { name: 'mount', type: 'bool', defaultValue: 'NO' },
  { name: 'fdescfs', type: 'bool', defaultValue: 'NO' },
  { name: 'linprocfs', type: 'bool', defaultValue: 'NO' },
  { name: 'nullfs', type: 'bool', defaultValue: 'NO' },
  { name: 'procfs', type: 'bool', defaultValue: 'NO' },
  { name: 'tmpfs', type: 'bool', defaultValue: 'NO' },
  { name: 'zfs', type: 'bool', defaultValue: 'NO' },
  { name: 'raw_sockets', type: 'bool', defaultValue: 'NO' },
  { name: 'sysvshm', type: 'sysvopt', defaultValue: 'new' },
  { name: 'sysvsem', type: 'sysvopt', defaultValue: 'new' },
  { name: 'sysvmsg', type: 'sysvopt', defaultValue: 'new' },
  { name: 'children', type: 'uint', defaultValue: '0' },
  { name: 'mlock', type: 'bool', defaultValue: 'NO' },
  { name: 'devfs_ruleset', type: 'uint', defaultValue: '4' },
  { name: 'exec_stop', type: 'string', defaultValue: '' },
  { name: 'stop_timeout', type: 'uint', defaultValue: '10' },
];

export const DEFAULT_STOP_TIMEOUT_SECONDS = 10;

export function attributeType(name: string): AttributeType | undefined {
  if (POT_RW_ATTRIBUTES.includes(name)) return 'bool';
  return JAIL_ATTRIBUTES.find((attribute) => attribute.name === name)?.type;
}

function isSettableAttribute(name: string): boolean {
  return attributeType(name) !== undefined;
}

export function isReadableAttribute(name: string): boolean {
  return isSettableAttribute(name) || POT_RO_ATTRIBUTES.includes(name);
}

/** `yes|true|on` → `YES`, `no|false|off` → `NO`, any case; anything else is not a boolean. */
export function normalizeBoolean(value: string): 'YES' | 'NO' | undefined {
  const lower = value.toLowerCase();
  if (lower === 'yes' || lower === 'true' || lower === 'on') return 'YES';
  if (lower === 'no' || lower === 'false' || lower === 'off') return 'NO';
  return undefined;
}

/** The `     + name` lines of set-attribute's help: pot and jail attributes together, sorted. */
export function settableAttributeLines(): string[] {
  return [...POT_RW_ATTRIBUTES, ...JAIL_ATTRIBUTES.map((attribute) => attribute.name)]
    .map((name) => `     + ${name}`)
    .sort();
}
