/**
 * The one declaration of the pot driver's configuration: the task `config {}` block and the plugin's
 * agent `config {}` block. Validation, decoding (from HCL and from Nomad's msgpack) and the hclspec the
 * plugin hands to Nomad are all derived from these lists; no other file names the fields.
 */

export type FieldType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'number' }
  | { kind: 'list'; of: FieldType }
  | { kind: 'map'; of: FieldType };

export interface Field {
  name: string;
  type: FieldType;
  required: boolean;
  /** Applied when the field is absent; also sent to Nomad as the hclspec default. */
  default?: string | number | boolean | string[];
  /** One line for docs and `--help`-style listings. */
  doc: string;
  /** How a correct entry looks, quoted in error messages: `image = "https://potluck.honeyguide.net/nginx-nomad"`. */
  example: string;
}

export interface Schema {
  /** What the block is called in messages, e.g. `config` or `plugin "pot" config`. */
  block: string;
  fields: readonly Field[];
}

const string: FieldType = { kind: 'string' };
const bool: FieldType = { kind: 'bool' };

const stringList: FieldType = { kind: 'list', of: string };

export const TASK_CONFIG_SCHEMA: Schema = {
  block: 'config',
  fields: [
    { name: 'image', type: string, required: true, doc: 'Base URL of the image registry, passed to `pot prepare -U`.', example: 'image = "https://potluck.honeyguide.net/nginx-nomad"' },
    { name: 'pot', type: string, required: true, doc: 'Name of the image (pot) in the registry, `pot prepare -p`.', example: 'pot = "nginx-nomad-amd64-13_1"' },
    { name: 'tag', type: string, required: true, doc: 'Version of the image, `pot prepare -t`.', example: 'tag = "1.1.13"' },
    { name: 'command', type: string, required: false, doc: 'Command run when the jail starts.', example: 'command = "nginx"' },
    { name: 'args', type: stringList, required: false, doc: 'Arguments appended to `command`, joined with spaces.', example: 'args = ["-g", "\'daemon off;\'"]' },
    {
      name: 'network_mode',
      type: string,
      required: false,
      doc: 'pot network type: `host` (alias `inherit`) or `public-bridge`.', example: 'network_mode = "public-bridge"',
    },
    {
      name: 'port_map',
      type: { kind: 'list', of: { kind: 'map', of: string } },
      required: false,
      doc: 'Port label to port inside the jail, e.g. `{ http = "80" }`.', example: 'port_map = { http = "80" }',
    },
    { name: 'copy', type: stringList, required: false, doc: '`"<host file>:<jail path>"` entries copied in.', example: 'copy = ["/host/nginx.conf:/usr/local/etc/nginx/nginx.conf"]' },
    { name: 'mount', type: stringList, required: false, doc: '`"<host dir>:<jail dir>"` read-write nullfs mounts.', example: 'mount = ["/host/www:/mnt"]' },
    { name: 'mount_read_only', type: stringList, required: false, doc: '`"<host dir>:<jail dir>"` read-only mounts.', example: 'mount_read_only = ["/host/certs:/etc/certs"]' },
    { name: 'extra_hosts', type: stringList, required: false, doc: '`"<hostname>:<IP>"` entries for the jail\'s /etc/hosts.', example: 'extra_hosts = ["db.internal:10.0.0.5"]' },
    { name: 'attributes', type: stringList, required: false, doc: '`"<attribute>:<value>"` pot attributes, see `pot help set-attr`.', example: 'attributes = ["devfs_ruleset:4"]' },
  ],
};

export const DEFAULT_POT_BIN = '/usr/local/bin/pot';

export const PLUGIN_CONFIG_SCHEMA: Schema = {
  block: 'plugin config',
  fields: [
    { name: 'enabled', type: bool, required: false, default: true, doc: 'Whether the driver takes tasks.', example: 'enabled = true' },
    { name: 'pot_bin', type: string, required: false, default: DEFAULT_POT_BIN, doc: 'Path of the pot executable.', example: 'pot_bin = "/usr/local/bin/pot"' },
    {
      name: 'prepare_timeout',
      type: string,
      required: false,
      default: '10m',
      doc: 'Longest time `pot prepare` may take, image download included.',
      example: 'prepare_timeout = "10m"',
    },
    {
      name: 'command_timeout',
      type: string,
      required: false,
      default: '2m',
      doc: 'Longest time any other pot command may take.',
      example: 'command_timeout = "2m"',
    },
    {
      name: 'allowed_host_paths',
      type: stringList,
      required: false,
      default: [],
      doc: 'Host directories (absolute; symlinks resolved) whose files `copy`, `mount` and `mount_read_only` may use; the task\'s own allocation directory is always allowed.',
      example: 'allowed_host_paths = ["/data/www"]',
    },
    {
      name: 'allowed_jail_attributes',
      type: stringList,
      required: false,
      default: [],
      doc: 'Jail-weakening attributes tasks may set: `mount`, `enforce_statfs` (below 1), `children` (above 0), `raw_sockets`.',
      example: 'allowed_jail_attributes = ["raw_sockets"]',
    },
    {
      name: 'devfs_rulesets',
      type: stringList,
      required: false,
      default: ['4'],
      doc: 'devfs ruleset numbers tasks may set with the `devfs_ruleset` attribute.',
      example: 'devfs_rulesets = ["4"]',
    },
  ],
};

/** HCL's spelling of a type, as Nomad's hclspec `Attr.type` wants it: `list(map(string))`. */
export function hclTypeName(t: FieldType): string {
  switch (t.kind) {
    case 'list':
      return `list(${hclTypeName(t.of)})`;
    case 'map':
      return `map(${hclTypeName(t.of)})`;
    default:
      return t.kind;
  }
}



