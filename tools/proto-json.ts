/**
 * `npm run protos`: turns proto/*.proto into proto/protos.json, the form the plugin loads at start-up.
 * Parsing .proto text and building proto-loader's descriptors cost more than half of the plugin's
 * start-up; reading this JSON with protobufjs/light costs a few milliseconds. A test checks that the
 * committed JSON is what this produces, so the two cannot drift apart.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

export const PROTO_SOURCE_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));
export const PROTO_JSON_FILE = `${PROTO_SOURCE_DIR}protos.json`;

/** The service files; what they import (hclspec, attribute, Google's well-known types) comes along. */
export const PROTO_FILES: readonly string[] = [
  'health.proto',
  'grpc_controller.proto',
  'grpc_stdio.proto',
  'grpc_broker.proto',
  'base.proto',
  'driver.proto',
  'recoverable_error.proto',
];

/** The JSON text for proto/protos.json; `keepCase` because Nomad's field names are not all snake_case. */
export function protoJsonText(): string {
  const root = new protobuf.Root();
  root.loadSync(
    PROTO_FILES.map((f) => `${PROTO_SOURCE_DIR}${f}`),
    { keepCase: true },
  );
  return `${JSON.stringify(root.toJSON(), null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PROTO_JSON_FILE, protoJsonText());
  process.stdout.write(`wrote ${PROTO_JSON_FILE}\n`);
}
