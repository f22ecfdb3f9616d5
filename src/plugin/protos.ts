/**
 * The plugin's .proto files, loaded once. `proto/` sits at the package root, next to `dist/`, both in the
 * source tree and in an installed package; Google's well-known types come bundled with proto-loader.
 */
import { fileURLToPath } from 'node:url';
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';

export const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));

export const PROTO_FILES: readonly string[] = [
  'health.proto',
  'grpc_controller.proto',
  'grpc_stdio.proto',
  'grpc_broker.proto',
  'base.proto',
  'driver.proto',
  'recoverable_error.proto',
];

/**
 * `keepCase` because Nomad's field names are not all snake_case (`Attr`, `ClientMaxPort`, `PercentTicks`,
 * `hostsConfig`); `longs: Number` because every 64-bit value on this wire (MHz, MB, bytes, seconds since
 * 1970, counters) stays far below 2^53.
 */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

export const SERVICES = {
  health: 'grpc.health.v1.Health',
  controller: 'plugin.GRPCController',
  stdio: 'plugin.GRPCStdio',
  broker: 'plugin.GRPCBroker',
  base: 'hashicorp.nomad.plugins.base.proto.BasePlugin',
  driver: 'hashicorp.nomad.plugins.drivers.proto.Driver',
} as const;

export type ServiceKey = keyof typeof SERVICES;

let cached: PackageDefinition | undefined;

export function pluginPackageDefinition(): PackageDefinition {
  cached ??= loadSync([...PROTO_FILES], LOADER_OPTIONS);
  return cached;
}

export function serviceDefinition(key: ServiceKey): ServiceDefinition<UntypedServiceImplementation> {
  const name = SERVICES[key];
  const definition = pluginPackageDefinition()[name];
  if (definition === undefined || 'format' in definition) throw new Error(`${name} is not a service in ${PROTO_DIR}`);
  // proto-loader's method definitions are the structure grpc-js expects; only the declared types differ.
  return definition as unknown as ServiceDefinition<UntypedServiceImplementation>;
}
