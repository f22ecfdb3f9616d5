import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJobSource } from '../../src/hcl/load.js';
import { clusterOnlyNotes } from '../../src/nomad/cluster-only.js';

function notes(body: string): [string, string, number, number][] {
  const loaded = loadJobSource('job.hcl', `job "j" {\n${body}\n}\n`, '/nonexistent', { vars: [], env: {}, allowFS: false });
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  return clusterOnlyNotes(loaded.spec).map((n) => [n.feature, n.path, n.range.start.line, n.count]);
}

const POT = 'driver = "pot"\n      config {\n        image = "https://i"\n        pot = "p"\n        tag = "1"\n      }';

describe('what only a cluster can honour', () => {
  it('names nothing for a plain pot job', () => {
    assert.deepEqual(notes(`  group "g" {\n    task "t" {\n      ${POT}\n    }\n  }`), []);
  });

  it('names each feature once, where it is first used, with how many uses in all', () => {
    const job = [
      '  constraint {\n    attribute = "${attr.kernel.name}"\n    value = "freebsd"\n  }',
      '  update { max_parallel = 1 }',
      '  group "g" {',
      '    spread { attribute = "${node.datacenter}" }',
      '    volume "data" {\n      type = "host"\n      source = "data"\n    }',
      `    task "t" {\n      ${POT}`,
      '      artifact { source = "https://example.com/app.tgz" }',
      '      vault { policies = ["app"] }',
      '      resources {\n        device "nvidia/gpu" {}\n      }',
      '    }',
      '  }',
    ].join('\n');
    assert.deepEqual(notes(job), [
      ['constraint, affinity, spread', 'job "j" > constraint', 2, 2],
      ['update, migrate', 'job "j" > update', 6, 1],
      ['vault, consul, identity, secret', 'job "j" > group "g" > task "t" > vault', 21, 1],
      ['volumes', 'job "j" > group "g" > volume "data"', 9, 1],
      ['artifact', 'job "j" > group "g" > task "t" > artifact', 20, 1],
      ['devices, NUMA', 'job "j" > group "g" > task "t" > resources > device "nvidia/gpu"', 23, 1],
    ]);
  });

  it('notes services and Consul Connect, and periodic jobs that run once here', () => {
    const job = [
      '  type = "batch"',
      '  periodic { crons = ["@daily"] }',
      '  group "g" {',
      '    network {\n      mode = "bridge"\n      port "api" {}\n    }',
      '    service {\n      name = "api"\n      port = "api"\n      connect {\n        sidecar_service {}\n      }\n    }',
      `    task "t" {\n      ${POT}\n    }`,
      '  }',
    ].join('\n');
    assert.deepEqual(notes(job).map((n) => n[0]), ['service registration', 'Consul Connect', 'periodic, parameterized, schedule']);
  });
});
