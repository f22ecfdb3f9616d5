/**
 * The parts of the protobufjs JSON that a service's methods need: every message and enum a method reaches,
 * through fields, map values and nested types, in their namespaces. Building codecs resolves every type of the
 * JSON it is given, so building them from the whole file made Nomad's first call (PluginInfo, a few fields) pay
 * for the Driver service's hundred types. The methods of a service are grouped by the types they share, and each
 * group is built on its own: PluginInfo does not wait for the HCL spec types of ConfigSchema, and no type is built
 * twice, since methods that share one are in the same group.
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

export interface MethodGroup {
  /** The methods, in the service's order. */
  methods: string[];
  /** The JSON with the service, holding only these methods, and only the types they reach; made on first use. */
  json(): ProtoJson;
}

/** `service` is fully qualified, e.g. `grpc.health.v1.Health`. */
export function methodGroups(root: ProtoJson, service: string): MethodGroup[] {
  const index = new Map<string, ProtoJson>();
  indexTypes(root, [], index);
  if (!index.has(service)) throw new Error(`${service} is not in the proto JSON`);
  const scope = service.split('.').slice(0, -1);
  const groups: { methods: string[]; types: Set<string> }[] = [];
  for (const [name, method] of Object.entries(index.get(service)!.methods ?? {})) {
    const types = new Set<string>();
    for (const type of [method.requestType, method.responseType]) if (type !== undefined) reach(type, scope, index, types);
    const joined = { methods: [name], types };
    // A method joins (and merges) every group it shares a type with.
    for (const group of groups.filter((g) => [...g.types].some((t) => types.has(t)))) {
      groups.splice(groups.indexOf(group), 1);
      joined.methods.unshift(...group.methods);
      for (const t of group.types) joined.types.add(t);
    }
    groups.push(joined);
  }
  const order = Object.keys(index.get(service)!.methods ?? {});
  return groups.map((g) => {
    const methods = g.methods.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const json = (): ProtoJson => {
      const copy = copyKept(root, [], new Set([service, ...g.types]));
      // Every method of the service left in its (copied) node would be resolved against types left out.
      let node = copy;
      for (const part of service.split('.')) node = node.nested![part]!;
      node.methods = Object.fromEntries(methods.map((m) => [m, node.methods![m]!]));
      return copy;
    };
    return { methods, json };
  });
}

/** Adds the type and every type its fields reach, by fully qualified name. */
function reach(name: string, scope: readonly string[], index: ReadonlyMap<string, ProtoJson>, into: Set<string>): void {
  const full = resolve(name, scope, index);
  if (full === undefined || into.has(full)) return;
  into.add(full);
  const node = index.get(full)!;
  const path = full.split('.');
  for (const field of Object.values(node.fields ?? {})) if (!SCALARS.has(field.type)) reach(field.type, path, index, into);
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
