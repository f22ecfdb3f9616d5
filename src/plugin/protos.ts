/**
 * The plugin's gRPC contracts. `proto/protos.json` is generated from the .proto files next to it (see
 * tools/proto-json.ts) and sits at the package root, next to `dist/`, in the source tree and installed.
 *
 * Start-up reads only the service and method names from it: that is all grpc-js needs to route calls.
 * The message codecs (protobufjs/light) are built per service from the part of the JSON it needs, on a method's
 * first use or by `warmCodecs()`, so Nomad waits for none of it before it can connect.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MethodDefinition, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type * as Protobuf from 'protobufjs';
import { serviceSubset, type ProtoJson } from './proto-subset.js';

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
/** One root per service, holding only what that service's methods reach. */
const roots = new Map<string, Protobuf.Root>();

function protoJson(): JsonNamespace {
  json ??= JSON.parse(readFileSync(PROTO_JSON_FILE, 'utf8')) as JsonNamespace;
  return json;
}

function protoRoot(service: string): Protobuf.Root {
  let root = roots.get(service);
  if (root === undefined) {
    const protobuf = createRequire(import.meta.url)('protobufjs/light.js') as typeof Protobuf;
    root = protobuf.Root.fromJSON(serviceSubset(protoJson() as ProtoJson, service));
    roots.set(service, root);
  }
  return root;
}

/** Builds the codecs of these services' methods now, ahead of their first calls. */
export function warmCodecs(keys: readonly ServiceKey[]): void {
  for (const key of keys) {
    const service = protoRoot(SERVICES[key]).lookupService(SERVICES[key]);
    for (const method of service.methodsArray) method.resolve();
  }
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
  const rpc = protoRoot(service).lookupService(service).methods[method]!;
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
