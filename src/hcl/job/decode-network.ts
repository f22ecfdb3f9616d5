import type { EvaluatedBlock } from '../eval/evaluated.js';
import type { Diagnostic } from '../source.js';
import type { Network, Port } from './model.js';
import { NOMAD_DEFAULTS, NOMAD_SCHEMA } from './nomad-schema.js';
import { BodyReader, blockPath } from './reader.js';

/** A group `network {}` block, or the legacy task-level `resources { network {} }`. */
export function decodeNetwork(block: EvaluatedBlock, parentPath: string, diags: Diagnostic[]): Network {
  const path = blockPath(parentPath, 'network');
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.network);
  const ports: Port[] = [];
  for (const p of r.blocks('port')) {
    if (p.labels.length !== 1) {
      r.error(p.typeRange, 'Missing port label', 'A port block needs exactly one label, its name: port "http" {}.');
      continue;
    }
    const label = p.labels[0]!;
    const pr = new BodyReader(p.body, blockPath(path, 'port', label), diags, NOMAD_SCHEMA.port);
    const port: Port = { label, range: p.range };
    const st = pr.integer('static', 0);
    if (st !== undefined && st > 0) port.static = checkPortNumber(pr, 'static', st);
    const to = pr.integer('to', -1);
    if (to !== undefined && to > 0) port.to = checkPortNumber(pr, 'to', to);
    const hostNetwork = pr.string('host_network');
    if (hostNetwork !== undefined) port.hostNetwork = hostNetwork;
    ports.push(port);
  }
  return { mode: r.string('mode') ?? NOMAD_DEFAULTS.networkMode, ports, range: block.range };
}

function checkPortNumber(r: BodyReader, name: string, n: number): number {
  if (n > 65535) r.error(r.attribute(name)?.exprRange, 'Invalid port', `"${name}" must be a port number from 1 to 65535, not ${n}.`);
  return n;
}
