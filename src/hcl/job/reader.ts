import type { EvaluatedAttribute, EvaluatedBlock, EvaluatedBody } from '../eval/evaluated.js';
import type { Diagnostic, Range } from '../source.js';
import { typeName, type Value } from '../value.js';
import { closestName } from '../../shared/suggest.js';
import { parseDuration } from '../../shared/duration.js';

/** Go's int64 holds values below 2^63; its largest, as Nomad prints it. */
const INT64_LIMIT = 2 ** 63;
const INT64_MAX_TEXT = '9223372036854775807';

/** The attribute and block names Nomad accepts in one kind of block. */
export interface BodySpec {
  attributes: readonly string[];
  blocks: readonly string[];
}

/**
 * Reads one evaluated block body against Nomad's schema for it: reports unknown names (with a
 * suggestion), converts values the way HCL's decoder does, and collects every problem instead of
 * stopping at the first.
 */
export class BodyReader {
  private readonly attrs = new Map<string, EvaluatedAttribute>();

  constructor(
    readonly body: EvaluatedBody,
    readonly path: string,
    private readonly diags: Diagnostic[],
    spec: BodySpec,
  ) {
    for (const item of body.items) {
      if (item.kind === 'Attribute') {
        if (spec.attributes.includes(item.name)) this.attrs.set(item.name, item);
        else this.unknown(item.name, item.nameRange, 'argument', spec.attributes, spec.blocks);
      } else if (!spec.blocks.includes(item.type)) {
        this.unknown(item.type, item.typeRange, 'block', spec.blocks, spec.attributes);
      }
    }
  }

  error(range: Range | undefined, summary: string, detail?: string): void {
    this.diags.push({ severity: 'error', summary, detail, range, path: this.path });
  }

  attribute(name: string): EvaluatedAttribute | undefined {
    return this.attrs.get(name);
  }

  string(name: string): string | undefined {
    const a = this.attrs.get(name);
    if (!a || a.value === null) return undefined;
    const s = scalarToString(a.value);
    if (s === undefined) this.wrongType(a, 'a string');
    return s;
  }

  number(name: string): number | undefined {
    const a = this.attrs.get(name);
    if (!a || a.value === null) return undefined;
    const n = toNumber(a.value);
    if (n === undefined) this.wrongType(a, 'a number');
    return n;
  }

  /** A whole number, at least `min`. */
  integer(name: string, min = 0): number | undefined {
    const n = this.number(name);
    if (n === undefined) return undefined;
    if (!Number.isInteger(n) || n < min) {
      this.error(this.attrs.get(name)!.exprRange, 'Invalid value', `"${name}" must be a whole number of at least ${min}, not ${n}.`);
      return undefined;
    }
    // Nomad decodes these into Go's int64, which refuses larger values; a count of 1e300 must not be taken literally.
    if (n >= INT64_LIMIT) {
      this.error(this.attrs.get(name)!.exprRange, 'Invalid value', `"${name}" must be a whole number of at most ${INT64_MAX_TEXT}, not ${n}.`);
      return undefined;
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const a = this.attrs.get(name);
    if (!a || a.value === null) return undefined;
    if (typeof a.value === 'boolean') return a.value;
    if (a.value === 'true' || a.value === 'false') return a.value === 'true';
    this.wrongType(a, 'a bool');
    return undefined;
  }

  stringList(name: string): string[] | undefined {
    const a = this.attrs.get(name);
    if (!a || a.value === null) return undefined;
    if (!Array.isArray(a.value)) {
      this.wrongType(a, 'a list of string');
      return undefined;
    }
    const out: string[] = [];
    for (const item of a.value) {
      const s = scalarToString(item);
      if (s === undefined) {
        this.wrongType(a, 'a list of string');
        return undefined;
      }
      out.push(s);
    }
    return out;
  }

  /** A Go duration string such as `"30s"`, in milliseconds. */
  duration(name: string): number | undefined {
    const a = this.attrs.get(name);
    const s = this.string(name);
    if (s === undefined || !a) return undefined;
    const ms = parseDuration(s);
    if (ms === undefined || ms < 0) {
      this.error(a.exprRange, 'Invalid duration', `"${name}" must be a duration such as "30s", "5m" or "1h30m", not "${s}".`);
      return undefined;
    }
    return ms;
  }

  /** `meta {}` / `env {}`-style blocks: every attribute is a string. Later blocks win, as in Nomad. */
  stringMap(blockType: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const block of this.blocks(blockType)) {
      for (const item of block.body.items) {
        if (item.kind === 'Block') {
          this.error(item.typeRange, 'Unexpected block', `Blocks are not allowed in "${blockType}"; write ${item.type} = "..." instead.`);
          continue;
        }
        const s = item.value === null ? '' : scalarToString(item.value);
        if (s === undefined) this.wrongType(item, 'a string');
        else out[item.name] = s;
      }
    }
    return out;
  }

  blocks(type: string): EvaluatedBlock[] {
    return this.body.items.filter((i): i is EvaluatedBlock => i.kind === 'Block' && i.type === type);
  }

  /** A block that may appear at most once. */
  single(type: string): EvaluatedBlock | undefined {
    const found = this.blocks(type);
    for (const extra of found.slice(1)) {
      this.error(extra.typeRange, `Duplicate ${type} block`, `Only one "${type}" block is allowed here; the first is at line ${found[0]!.range.start.line}.`);
    }
    return found[0];
  }

  private wrongType(a: EvaluatedAttribute, wanted: string): void {
    this.error(a.exprRange, 'Incorrect attribute value type', `Inappropriate value for attribute "${a.name}": ${wanted} is required, got ${typeName(a.value)}.`);
  }

  private unknown(name: string, range: Range, kind: 'argument' | 'block', same: readonly string[], other: readonly string[]): void {
    const suggestion = closestName(name, same);
    const otherKind = other.includes(name);
    let detail = `An ${kind} named "${name}" is not expected here.`;
    if (otherKind) detail += kind === 'argument' ? ` Did you mean to define a block of type "${name}"?` : ` Did you mean to define an argument "${name} = ..."?`;
    else if (suggestion) detail += ` Did you mean "${suggestion}"?`;
    this.error(range, kind === 'argument' ? 'Unsupported argument' : 'Unsupported block type', detail);
  }
}

/** HCL's string conversion of scalars: numbers print without a trailing `.0`, bools as `true`/`false`. */
export function scalarToString(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

export function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function blockPath(parent: string, type: string, label?: string): string {
  const self = label === undefined ? type : `${type} "${label}"`;
  return parent ? `${parent} > ${self}` : self;
}
