/**
 * The shape of the job specification table: for every kind of block, the arguments and nested blocks
 * Nomad's job decoder accepts, how each argument's value is converted, and the first Nomad version that
 * reads it (`since`) or the first that no longer does (`until`). The table itself lives beside this
 * file, one file per family of blocks, and is checked against Nomad's sources by `tools/nomad-spec`.
 */

/** A Nomad release, `major.minor.patch`. */
export type NomadVersion = `${number}.${number}.${number}`;

/**
 * How an argument's value is converted, named after the Go type Nomad decodes it into. Integers carry
 * their width because Go's conversion refuses values outside it; `duration` is a Go duration string
 * (or a number of nanoseconds).
 */
export type AttrType =
  | 'string'
  | 'bool'
  | 'duration'
  | 'float'
  | 'int'
  | 'int8'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'list(string)'
  | 'list(uint16)'
  | 'map(string)';

export interface Versioned {
  readonly since?: NomadVersion;
  readonly until?: NomadVersion;
}

export interface AttrSpec extends Versioned {
  readonly type: AttrType;
  /** Go pointers, lists and maps take `null` as "not set"; plain Go values refuse it. */
  readonly nullable: boolean;
  readonly required: boolean;
}

/** The body of a block Nomad decodes into a Go map instead of a struct: attributes only, or anything. */
export type MapBody = 'map(string)' | 'map(list(string))' | 'any';

export interface BlockSpec {
  /** The names of the block's labels, e.g. `['name']` for `group "web"`. */
  readonly labels?: readonly string[];
  readonly attrs: Readonly<Record<string, AttrSpec>>;
  readonly blocks: Readonly<Record<string, NestedBlock>>;
}

export interface NestedBlock extends Versioned {
  readonly body: BlockSpec | MapBody;
  /**
   * `one`: at most one block; `many`: any number, in order; `by-label`: any number, keyed by their one
   * label (a Go map), so a repeated label replaces the earlier block.
   */
  readonly repeat: 'one' | 'many' | 'by-label';
  /** Labels the decoder asks for where the block's own spec has none (a task's `scaling "cpu"`). */
  readonly labels?: readonly string[];
  /** Also accepted as an argument, `meta = { ... }`, but not both ways in one body. */
  readonly orAttribute?: boolean;
}

/** An optional argument decoded into a Go pointer, list or map: `null` leaves it unset. */
export function opt(type: AttrType, versions: Versioned = {}): AttrSpec {
  return { type, nullable: true, required: false, ...versions };
}

/** An optional argument decoded into a plain Go value: `null` is refused. */
export function val(type: AttrType, versions: Versioned = {}): AttrSpec {
  return { type, nullable: false, required: false, ...versions };
}

/** An argument the decoder requires. */
export function req(type: AttrType, versions: Versioned = {}): AttrSpec {
  return { type, nullable: false, required: true, ...versions };
}

export function one(body: BlockSpec | MapBody, extra: Versioned & Pick<NestedBlock, 'orAttribute'> = {}): NestedBlock {
  return { body, repeat: 'one', ...extra };
}

export function many(body: BlockSpec, extra: Versioned & Pick<NestedBlock, 'labels'> = {}): NestedBlock {
  return { body, repeat: 'many', ...extra };
}

export function byLabel(body: BlockSpec, extra: Versioned = {}): NestedBlock {
  return { body, repeat: 'by-label', ...extra };
}

