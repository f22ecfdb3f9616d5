import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, rulesOf } from './helpers.js';

const INGRESS = '        gateway {\n          ingress {\n            listener {\n              port = 8080\n              service {\n                name = "api"\n              }\n            }\n          }\n        }';

/** A group with `network` and a Connect service whose connect block holds `connect`; `tasks` after it. */
function group(network: string, connect: string, tasks = '', name = 'web'): string {
  return `job "j" {\n  group "g" {\n    shutdown_delay = "5s"\n${network}\n    service {\n      name = "${name}"\n      port = "8080"\n      connect {\n${connect}\n      }\n    }\n${tasks}\n  }\n}\n`;
}

const TASK = '    task "t" {\n      driver = "pot"\n    }';

describe('the Consul Connect hook', () => {
  it('gives a group whose only service is a gateway its task, when the group has a network', () => {
    assert.deepEqual(rulesOf(group('    network {\n      mode = "bridge"\n    }', INGRESS)), []);
    assert.deepEqual(rulesOf(group('    network {\n      mode = "host"\n    }', INGRESS)), []);
  });

  it('adds no task to a group without a network, which then has none', () => {
    assert.deepEqual(errorsOf(group('', INGRESS)), [
      'error 8:7 connect gateway: must have exactly one network for Consul Connect: group "g" has 0 networks',
      'error 2:9 Missing tasks for task group',
    ]);
  });

  it('words its network checks as Nomad did before 1.11', () => {
    const sidecar = group('    network {\n      mode = "host"\n    }', '        sidecar_service {}', TASK);
    assert.deepEqual(errorsOf(sidecar), ['error 10:7 connect sidecar: invalid network mode for Consul Connect: group "g" uses network mode "host"; must be "bridge" or "cni/*"']);
    assert.deepEqual(errorsOf(sidecar, '1.10.5'), ['error 10:7 Consul Connect sidecar requires bridge network, found "host" in group "g"']);
    assert.deepEqual(errorsOf(group('', INGRESS), '1.10.5')[0], 'error 8:7 Consul Connect gateways require exactly 1 network, found 0 in group "g"');
  });

  it('infers the task of a Connect Native service in a group of one task, or asks for it', () => {
    const native = (tasks: string) => group('    network {\n      mode = "bridge"\n    }', '        native = true', tasks);
    assert.deepEqual(errorsOf(native(TASK)), []);
    assert.deepEqual(errorsOf(native(`${TASK}\n    task "u" {\n      driver = "pot"\n    }`)), ['error 7:5 task for Consul Connect Native service g->web is ambiguous and must be set']);
  });

  it('names the sidecar task after the service, so that a task of that name gets a suffix instead of clashing', () => {
    const clash = group('    network {\n      mode = "bridge"\n    }', '        sidecar_service {}', '    task "connect-proxy-web" {\n      driver = "pot"\n    }');
    assert.deepEqual(errorsOf(clash), []);
    const named = group('    network {\n      mode = "bridge"\n    }', '        sidecar_service {}\n        sidecar_task {\n          name = "t"\n        }', TASK);
    assert.deepEqual(errorsOf(named), ["error 10:7 Task 2 redefines 't' from task 1"]);
  });

  it('checks the sidecar task\'s settings, over the defaults Nomad\'s API gives a sidecar_task block', () => {
    const disk = '    ephemeral_disk {\n      size = 100\n    }\n    network {\n      mode = "bridge"\n    }';
    // With a sidecar_task block, the sidecar keeps 10 log files of 10 MB, which a 100 MB disk cannot hold.
    const source = group(disk, '        sidecar_service {}\n        sidecar_task {\n          resources {\n            cpu = 50\n          }\n        }', '    task "t" {\n      driver = "pot"\n      logs {\n        max_files     = 1\n        max_file_size = 1\n      }\n    }');
    assert.deepEqual(errorsOf(source), ['error 15:9 log storage (100 MB) must be less than requested disk capacity (100 MB)']);
    assert.deepEqual(errorsOf(source.replace('        sidecar_task {\n          resources {\n            cpu = 50\n          }\n        }\n', '')), []);
  });

  it('refuses two upstreams on one local address, and a transparent proxy beside another connect block', () => {
    const upstreams = '        sidecar_service {\n          proxy {\n            upstreams {\n              destination_name = "db"\n              local_bind_port  = 5432\n              local_bind_address = "127.0.0.1"\n            }\n            upstreams {\n              destination_name = "db2"\n              local_bind_port  = 5432\n              local_bind_address = "127.0.0.2"\n            }\n          }\n        }';
    assert.deepEqual(errorsOf(group('    network {\n      mode = "bridge"\n    }', upstreams, TASK)), []);
  });
});

describe('connect blocks', () => {
  it('check the gateway\'s configuration, stopping at the first problem', () => {
    const two = INGRESS.replace('          ingress {', '          terminating {\n            service {\n              name = "db"\n            }\n          }\n          ingress {');
    assert.deepEqual(errorsOf(group('    network {\n      mode = "host"\n    }', two)), ['error 11:9 One Consul Gateway Configuration must be set']);
  });

  it('check a transparent proxy\'s CIDRs and user IDs from Nomad 1.8 on', () => {
    const tp = '        sidecar_service {\n          proxy {\n            transparent_proxy {\n              exclude_outbound_cidrs = ["10.0.0.0/8", "10.1.0.0/33", "::1/128"]\n              exclude_uids           = ["1000", "70000"]\n            }\n          }\n        }';
    const source = group('    network {\n      mode = "bridge"\n    }', tp, TASK);
    assert.deepEqual(errorsOf(source), [
      'error 14:40 could not parse transparent proxy excluded outbound CIDR as network prefix: netip.ParsePrefix("10.1.0.0/33"): prefix length out of range',
      'error 15:40 transparent proxy block has invalid ExcludeUIDs field: invalid user ID "70000": value out of range',
    ]);
  });
});
