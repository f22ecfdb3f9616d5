import type { EvaluatedBody } from '../eval/evaluated.js';
import type { Diagnostic, Range } from '../source.js';
import { newObject, type Value, type ValueObject } from '../value.js';
import type { DriverConfig } from './model.js';

/**
 * Turns a task's schemaless `config {}` body into one value, the way Nomad's BlocksAsAttrs does:
 * attributes keep their values and nested blocks become lists of objects, so `port_map { http = "80" }`
 * and `port_map = [{ http = "80" }]` decode the same. Positions are kept per path for error messages.
 */
export function decodeConfigBlock(body: EvaluatedBody, range: Range, path: string, diags: Diagnostic[]): DriverConfig {
  const spans = new Map<string, Range>();
  const value = bodyToObject(body, [], spans, path, diags);
  return { value, range, spans };
}

function bodyToObject(body: EvaluatedBody, prefix: (string | number)[], spans: Map<string, Range>, path: string, diags: Diagnostic[]): ValueObject {
  const out = newObject();
  const fromBlocks = new Set<string>();
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      if (item.name in out) {
        diags.push({ severity: 'error', summary: 'Attribute redefined', detail: `"${item.name}" is set both as an argument and as a block.`, range: item.nameRange, path });
        continue;
      }
      if (deeperThan(item.value, MAX_VALUE_DEPTH)) {
        diags.push({
          severity: 'error',
          summary: 'Value nested too deeply',
          detail: `The value of "${item.name}" is nested more than ${MAX_VALUE_DEPTH} levels deep, more than any driver config accepts.`,
          range: item.range,
          path,
        });
        continue;
      }
      out[item.name] = item.value;
      spans.set(formatPath([...prefix, item.name]), item.range);
      for (const span of item.spans) spans.set(formatPath([...prefix, item.name, ...span.path]), span.range);
      continue;
    }
    if (item.labels.length > 0) {
      diags.push({
        severity: 'error',
        summary: 'Unexpected block label',
        detail: `Blocks inside "config" take no labels; write ${item.type} { ... } or ${item.type} = { ... }.`,
        range: item.labelRanges[0] ?? item.typeRange,
        path,
      });
      continue;
    }
    const existing = out[item.type];
    if (existing !== undefined && !fromBlocks.has(item.type)) {
      diags.push({ severity: 'error', summary: 'Attribute redefined', detail: `"${item.type}" is set both as an argument and as a block.`, range: item.typeRange, path });
      continue;
    }
    const list = (existing as Value[] | undefined) ?? [];
    const childPrefix = [...prefix, item.type, list.length];
    spans.set(formatPath(childPrefix), item.range);
    if (list.length === 0) spans.set(formatPath([...prefix, item.type]), item.range);
    list.push(bodyToObject(item.body, childPrefix, spans, path, diags));
    out[item.type] = list;
    fromBlocks.add(item.type);
  }
  return out;
}

/**
 * Lists and maps inside one config value; Nomad's own config values are a few levels deep at most, and the plugin
 * refuses msgpack payloads nested deeper than this, so the CLI does too (later steps walk values recursively).
 */
const MAX_VALUE_DEPTH = 32;

/** Whether `value` holds lists or maps more than `levels` deep; recurses at most `levels + 1` calls deep. */
function deeperThan(value: Value, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels <= 0) return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((item) => deeperThan(item, levels - 1));
}

/** `mount[1]`, `port_map[0].http` */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/** The range of the deepest written part of `path`, so an error inside a computed value still points somewhere useful. */
export function lookupSpan(spans: ReadonlyMap<string, Range>, path: readonly (string | number)[]): Range | undefined {
  for (let n = path.length; n > 0; n--) {
    const r = spans.get(formatPath(path.slice(0, n)));
    if (r) return r;
  }
  return undefined;
}

