import type { EvaluatedBlock } from '../eval/evaluated.js';
import type { Diagnostic } from '../source.js';
import type { Check, Service } from './model.js';
import { NOMAD_DEFAULTS, NOMAD_SCHEMA } from './nomad-schema.js';
import { BodyReader, blockPath } from './reader.js';

const CHECK_TYPES = ['tcp', 'http', 'script', 'grpc'];

export function decodeService(block: EvaluatedBlock, parentPath: string, defaultName: string, diags: Diagnostic[]): Service {
  const path = blockPath(parentPath, 'service');
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.service);
  const name = r.string('name') ?? defaultName;
  const service: Service = {
    name,
    tags: r.stringList('tags') ?? [],
    provider: r.string('provider') ?? 'consul',
    checks: r.blocks('check').map((c) => decodeCheck(c, blockPath(path, 'service', name), diags)),
    range: block.range,
  };
  const port = r.string('port');
  if (port !== undefined) service.port = port;
  return service;
}

function decodeCheck(block: EvaluatedBlock, parentPath: string, diags: Diagnostic[]): Check {
  const r = new BodyReader(block.body, blockPath(parentPath, 'check'), diags, NOMAD_SCHEMA.check);
  const type = r.string('type') ?? '';
  if (!CHECK_TYPES.includes(type)) {
    r.error(r.attribute('type')?.exprRange ?? block.typeRange, 'Invalid check type', `A check's "type" must be one of ${CHECK_TYPES.map((t) => `"${t}"`).join(', ')}${type ? `, not "${type}"` : ''}.`);
  }
  const check: Check = {
    name: r.string('name') ?? `service: check ${type}`,
    type,
    intervalMs: r.duration('interval') ?? NOMAD_DEFAULTS.check.intervalMs,
    timeoutMs: r.duration('timeout') ?? NOMAD_DEFAULTS.check.timeoutMs,
    range: block.range,
  };
  for (const key of ['port', 'path', 'protocol', 'method'] as const) {
    const v = r.string(key);
    if (v !== undefined) check[key] = v;
  }
  if (type === 'http' && check.path === undefined) {
    r.error(block.typeRange, 'Missing check path', 'An http check needs a "path", e.g. path = "/health".');
  }
  return check;
}
