import { arch, hostname, platform } from 'node:os';
import type { Job } from '../hcl/job/model.js';
import type { NodeInfo } from './env.js';

/** This machine described as a Nomad client node would describe itself, for `${attr.*}`/`${node.*}`. */
export function localNode(job: Job, meta: Record<string, string> = {}): NodeInfo {
  const datacenter = job.datacenters.find((dc) => !dc.includes('*')) ?? 'dc1';
  const name = hostname();
  return {
    datacenter,
    attributes: {
      'attr.kernel.name': platform(),
      'attr.cpu.arch': arch() === 'x64' ? 'amd64' : arch(),
      'attr.unique.hostname': name,
      'node.unique.name': name,
      'node.datacenter': datacenter,
      'node.region': job.region,
      'node.class': '',
    },
    meta,
  };
}
