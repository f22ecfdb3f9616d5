/**
 * The part of the protobufjs JSON a service needs: the service and every message and enum its methods reach,
 * through fields, map values and nested types, in their namespaces. Building codecs resolves every type of the
 * JSON it is given, so building them from the whole file made Nomad's first call (PluginInfo, a few fields)
 * pay for the Driver service's hundred types; built per service, each call pays only for its own service.
 */

export interface ProtoJson {
  nested?: Record<string, ProtoJson>;
  fields?: Record<string, { type: string }>;
  methods?: Record<string, { requestType?: string; responseType?: string; requestStream?: boolean; responseStream?: boolean }>;
  [key: string]: unknown;
}

const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

/** `service` is fully qualified, e.g. `grpc.health.v1.Health`. */
export function serviceSubset(root: ProtoJson, service: string): ProtoJson {
  const index = new Map<string, ProtoJson>();
  indexTypes(root, [], index);
  const kept = new Set<string>();
  const keep = (name: string, scope: readonly string[]): void => {
    const full = resolve(name, scope, index);
    if (full === undefined || kept.has(full)) return;
    kept.add(full);
    const node = index.get(full)!;
    const path = full.split('.');
    for (const field of Object.values(node.fields ?? {})) if (!SCALARS.has(field.type)) keep(field.type, path);
  };
  const path = service.split('.');
  if (!index.has(service)) throw new Error(`${service} is not in the proto JSON`);
  kept.add(service);
  for (const method of Object.values(index.get(service)!.methods ?? {})) {
    for (const type of [method.requestType, method.responseType]) if (type !== undefined) keep(type, path.slice(0, -1));
  }
  return copyKept(root, [], kept);
}

/** Every named node (namespaces, messages, enums, services) by its fully qualified name. */
function indexTypes(node: ProtoJson, path: readonly string[], index: Map<string, ProtoJson>): void {
  for (const [name, child] of Object.entries(node.nested ?? {})) {
    const childPath = [...path, name];
    index.set(childPath.join('.'), child);
    indexTypes(child, childPath, index);
  }
}

/** protobuf's scoping: a relative name is looked up in the scope, then in each enclosing one. */
function resolve(name: string, scope: readonly string[], index: ReadonlyMap<string, ProtoJson>): string | undefined {
  if (name.startsWith('.')) return index.has(name.slice(1)) ? name.slice(1) : undefined;
  for (let i = scope.length; i >= 0; i--) {
    const full = [...scope.slice(0, i), name].join('.');
    if (index.has(full)) return full;
  }
  return undefined;
}

/** The tree down to the kept names; a kept message keeps only the nested types that are kept themselves. */
function copyKept(node: ProtoJson, path: readonly string[], kept: ReadonlySet<string>): ProtoJson {
  const name = path.join('.');
  const out: ProtoJson = kept.has(name) ? { ...node } : node.options === undefined ? {} : { options: node.options };
  delete out.nested;
  const nested: Record<string, ProtoJson> = {};
  for (const [childName, child] of Object.entries(node.nested ?? {})) {
    const childPath = [...path, childName];
    const full = childPath.join('.');
    if ([...kept].some((k) => k === full || k.startsWith(`${full}.`))) nested[childName] = copyKept(child, childPath, kept);
  }
  if (Object.keys(nested).length > 0) out.nested = nested;
  return out;
}
