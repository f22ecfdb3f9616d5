import { NOMAD_DEFAULTS } from './defaults.js';
import type { Check, Service } from './model.js';
import type { NomadBlock } from './nomad-block.js';

export function decodeService(block: NomadBlock, defaultName: string): Service {
  const type = (c: NomadBlock) => c.string('type') ?? '';
  const service: Service = {
    name: block.string('name') || defaultName,
    tags: block.strings('tags') ?? [],
    provider: block.string('provider') || 'consul',
    checks: block.blocks('check').map((c) => decodeCheck(c, type(c))),
    range: block.range,
  };
  const port = block.string('port');
  if (port) service.port = port;
  return service;
}

function decodeCheck(block: NomadBlock, type: string): Check {
  const check: Check = {
    name: block.string('name') || `service: check ${type}`,
    type,
    intervalMs: block.duration('interval') ?? NOMAD_DEFAULTS.check.intervalMs,
    timeoutMs: block.duration('timeout') ?? NOMAD_DEFAULTS.check.timeoutMs,
    range: block.range,
  };
  for (const key of ['port', 'path', 'protocol', 'method'] as const) {
    const v = block.string(key);
    if (v) check[key] = v;
  }
  return check;
}
