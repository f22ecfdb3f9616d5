/**
 * The attributes `pot set-attribute` accepts in pot 0.16.0, with their value types, so a bad attribute
 * is reported when the job is validated rather than when the jail is half built.
 */
export type AttributeType = 'bool' | 'uint' | 'sysvopt' | 'string';

export const POT_ATTRIBUTES: Readonly<Record<string, AttributeType>> = {
  // pot's own attributes
  'start-at-boot': 'bool',
  'early-start-at-boot': 'bool',
  persistent: 'bool',
  'no-rc-script': 'bool',
  prunable: 'bool',
  'localhost-tunnel': 'bool',
  'no-tmpfs': 'bool',
  'no-etc-hosts': 'bool',
  // jail(8) parameters
  enforce_statfs: 'uint',
  mount: 'bool',
  fdescfs: 'bool',
  linprocfs: 'bool',
  nullfs: 'bool',
  procfs: 'bool',
  tmpfs: 'bool',
  zfs: 'bool',
  raw_sockets: 'bool',
  sysvshm: 'sysvopt',
  sysvsem: 'sysvopt',
  sysvmsg: 'sysvopt',
  children: 'uint',
  mlock: 'bool',
  devfs_ruleset: 'uint',
  exec_stop: 'string',
  stop_timeout: 'uint',
};

/** Attributes pot reports but refuses to set. */
export const READ_ONLY_ATTRIBUTES = ['to-be-pruned'];

const BOOL_WORDS = /^(yes|true|on|no|false|off)$/i;

/** Why `value` is not acceptable for an attribute of this type, or undefined when it is. */
export function attributeValueProblem(type: AttributeType, value: string): string | undefined {
  switch (type) {
    case 'bool':
      return BOOL_WORDS.test(value) ? undefined : 'a boolean: yes, no, true, false, on or off';
    case 'uint':
      return /^\d+$/.test(value) ? undefined : 'a whole number such as 0 or 4';
    case 'sysvopt':
      return /^(new|inherit|disable)$/.test(value) ? undefined : 'one of new, inherit, disable';
    case 'string':
      return undefined;
  }
}
