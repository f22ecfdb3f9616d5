import type { EvaluatedAttribute, EvaluatedBody } from '../eval/evaluated.js';
import type { Range } from '../source.js';
import type { Conformed } from './conform.js';

/** One argument of a block, its value converted as Nomad converts it. */
export interface NomadAttribute {
  name: string;
  value: Conformed;
  range: Range;
  nameRange: Range;
  exprRange: Range;
  source: EvaluatedAttribute;
}

/**
 * A block of a job file as Nomad's decoder reads it: arguments converted to the types of Nomad's job
 * structs, nested blocks by type in declaration order, positions kept. Only what the file sets is
 * here; what is not set reads as undefined, so defaults stay with whoever applies them.
 */
export class NomadBlock {
  readonly attributes = new Map<string, NomadAttribute>();
  readonly children = new Map<string, NomadBlock[]>();
  /** The entries of a block Nomad decodes into a map (`meta`, `env`); undefined for other blocks. */
  entries?: Record<string, Conformed>;

  constructor(
    readonly type: string,
    readonly labels: readonly string[],
    readonly labelRanges: readonly Range[],
    readonly typeRange: Range,
    readonly range: Range,
    /** Where it is in the job, e.g. `job "web" > group "g" > task "t"`, for messages. */
    readonly path: string,
    /** The evaluated body, for blocks Nomad passes on without a schema (a task's `config`). */
    readonly body: EvaluatedBody,
  ) {}

  get label(): string {
    return this.labels[0] ?? '';
  }

  attribute(name: string): NomadAttribute | undefined {
    return this.attributes.get(name);
  }

  string(name: string): string | undefined {
    const v = this.attributes.get(name)?.value;
    return typeof v === 'string' ? v : undefined;
  }

  number(name: string): number | undefined {
    const v = this.attributes.get(name)?.value;
    return typeof v === 'number' ? v : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.attributes.get(name)?.value;
    return typeof v === 'boolean' ? v : undefined;
  }

  /** A duration argument, in milliseconds. */
  duration(name: string): number | undefined {
    return this.number(name);
  }

  strings(name: string): string[] | undefined {
    const v = this.attributes.get(name)?.value;
    return Array.isArray(v) ? v.map(String) : undefined;
  }

  numbers(name: string): number[] | undefined {
    const v = this.attributes.get(name)?.value;
    return Array.isArray(v) ? v.map(Number) : undefined;
  }

  /** A `map(string)` argument. */
  stringMap(name: string): Record<string, string> | undefined {
    const v = this.attributes.get(name)?.value;
    return typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  }

  blocks(type: string): NomadBlock[] {
    return this.children.get(type) ?? [];
  }

  block(type: string): NomadBlock | undefined {
    return this.children.get(type)?.[0];
  }

  /** The entries of a map-bodied block such as `meta {}` or `meta = {}`, as strings. */
  mapOf(type: string): Record<string, string> {
    // fromEntries defines every key as its own property, `__proto__` included.
    return Object.fromEntries(Object.entries(this.block(type)?.entries ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  add(child: NomadBlock): void {
    const list = this.children.get(child.type);
    if (list) list.push(child);
    else this.children.set(child.type, [child]);
  }
}
