/**
 * The plugin's gRPC contracts. `proto/protos.json` is generated from the .proto files next to it (see
 * tools/proto-json.ts) and sits at the package root, next to `dist/`, in the source tree and installed.
 *
 * Start-up reads only the service and method names from it: that is all grpc-js needs to route calls.
 * The message codecs (protobufjs/light) are built per group of methods that share types (proto-subset.ts), from
 * the part of the JSON the group needs, on a method's first use or by `warmCodecs()`, so Nomad waits for none of
 * it before it can connect, and its first call waits only for its own few types.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MethodDefinition, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type * as Protobuf from 'protobufjs';
import { methodGroups, type MethodGroup, type ProtoJson } from './proto-subset.js';

export const PROTO_JSON_FILE = fileURLToPath(new URL('../../../proto/protos.json', import.meta.url));

export const SERVICES = {
  health: 'grpc.health.v1.Health',
  controller: 'plugin.GRPCController',
  stdio: 'plugin.GRPCStdio',
  broker: 'plugin.GRPCBroker',
  base: 'hashicorp.nomad.plugins.base.proto.BasePlugin',
  driver: 'hashicorp.nomad.plugins.drivers.proto.Driver',
} as const;

export type ServiceKey = keyof typeof SERVICES;

/**
 * How messages become objects: `longs: Number` because every 64-bit value on this wire (MHz, MB, bytes,
 * seconds since 1970, counters) stays far below 2^53; enums by name; every field present with its
 * default; a oneof's case named by a virtual field.
 */
const TO_OBJECT: Protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, oneofs: true };

interface JsonNamespace {
  nested?: Record<string, JsonNamespace>;
  methods?: Record<string, { requestStream?: boolean; responseStream?: boolean }>;
}

interface Codec {
  request: Protobuf.Type;
  response: Protobuf.Type;
}

let json: JsonNamespace | undefined;
/** Per service, its groups of methods, each with its root once built. */
const groups = new Map<string, (MethodGroup & { root?: Protobuf.Root })[]>();

function protoJson(): JsonNamespace {
  json ??= JSON.parse(readFileSync(PROTO_JSON_FILE, 'utf8')) as JsonNamespace;
  return json;
}

/** The root that holds the method's types: its group's, built on first use. */
function methodRoot(service: string, method: string): Protobuf.Root {
  let serviceGroups = groups.get(service);
  if (serviceGroups === undefined) {
    serviceGroups = methodGroups(protoJson() as ProtoJson, service);
    groups.set(service, serviceGroups);
  }
  const group = serviceGroups.find((g) => g.methods.includes(method));
  if (group === undefined) throw new Error(`${service} has no method ${method}`);
  if (group.root === undefined) {
    const protobuf = createRequire(import.meta.url)('protobufjs/light.js') as typeof Protobuf;
    group.root = protobuf.Root.fromJSON(group.json());
  }
  return group.root;
}

/** Builds the codecs of these methods now, ahead of their first calls. */
export function warmCodecs(methods: readonly (readonly [ServiceKey, string])[]): void {
  for (const [key, method] of methods) methodCodec(SERVICES[key], method);
}

export function serviceDefinition(key: ServiceKey): ServiceDefinition<UntypedServiceImplementation> {
  const name = SERVICES[key];
  let node: JsonNamespace | undefined = protoJson();
  for (const part of name.split('.')) node = node?.nested?.[part];
  if (node?.methods === undefined) throw new Error(`${name} is not a service in ${PROTO_JSON_FILE}`);

  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [method, shape] of Object.entries(node.methods)) {
    let codec: Codec | undefined;
    const types = (): Codec => (codec ??= methodCodec(name, method));
    definition[method] = {
      path: `/${name}/${method}`,
      originalName: method,
      requestStream: shape.requestStream === true,
      responseStream: shape.responseStream === true,
      requestSerialize: (value) => encode(types().request, value),
      requestDeserialize: (bytes) => decode(types().request, bytes),
      responseSerialize: (value) => encode(types().response, value),
      responseDeserialize: (bytes) => decode(types().response, bytes),
    };
  }
  return definition as ServiceDefinition<UntypedServiceImplementation>;
}

function methodCodec(service: string, method: string): Codec {
  const rpc = methodRoot(service, method).lookupService(service).methods[method]!;
  rpc.resolve();
  return { request: rpc.resolvedRequestType!, response: rpc.resolvedResponseType! };
}

function encode(type: Protobuf.Type, value: unknown): Buffer {
  const bytes = type.encode(type.fromObject(value as Record<string, unknown>)).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decode(type: Protobuf.Type, bytes: Buffer): unknown {
  return type.toObject(type.decode(bytes), TO_OBJECT);
}
