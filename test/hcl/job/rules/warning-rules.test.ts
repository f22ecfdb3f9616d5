import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, rulesOf } from './helpers.js';

/** A job with `group` in its group (from line 3) and `task` in its task. */
function job(group: string, task = '', jobLevel = ''): string {
  return `job "j" {\n${jobLevel}  group "g" {\n${group}\n    task "t" {\n      driver = "pot"\n${task}\n    }\n  }\n}\n`;
}

const SERVICE = '    service {\n      name = "web"\n      port = "8080"\n    }';

describe('Nomad\'s warnings', () => {
  it('ask for a shutdown_delay with services from Nomad 2.0.1 on', () => {
    assert.deepEqual(rulesOf(job(SERVICE)), ['warning 2:9 group "g" defines services, but neither the group nor any of its tasks have shutdown_delay set']);
    assert.deepEqual(rulesOf(job(SERVICE), '2.0.0'), []);
    assert.deepEqual(rulesOf(job(`    shutdown_delay = "5s"\n${SERVICE}`)), []);
    assert.deepEqual(rulesOf(job(SERVICE, '      shutdown_delay = "5s"')), []);
    const taskService = job('', '      service {\n        name = "web"\n        port = "8080"\n        address_mode = "driver"\n      }');
    assert.deepEqual(rulesOf(taskService), ['warning 4:10 task "t" in group "g" defines services, but has no shutdown_delay set']);
    const referenced = job(`    shutdown_delay = "5s"\n    service {\n      name = "web"\n      port = "8080"\n      task = "t"\n    }`);
    assert.deepEqual(rulesOf(referenced), ['warning 9:10 group "g" references task "t" in a service definition, but the task has no shutdown_delay set']);
  });

  it('count the shutdown delay of the sidecar task Nomad adds for Consul Connect', () => {
    const connect = job('    network {\n      mode = "bridge"\n    }\n    service {\n      name = "web"\n      port = "8080"\n      connect {\n        sidecar_service {}\n      }\n    }');
    assert.deepEqual(rulesOf(connect), []);
  });

  it('flag deprecated settings: task networks, iops, mbits, cron', () => {
    const source = job('    network {\n      mbits = 10\n    }', '      resources {\n        iops = 100\n        network {\n          port "http" {}\n        }\n      }', '  type = "batch"\n  periodic {\n    cron = "@daily"\n  }\n');
    assert.deepEqual(rulesOf(source), [
      'warning 8:15 mbits has been deprecated as of Nomad 0.12.0. Please remove mbits from the network block',
      'warning 13:16 IOPS has been deprecated as of Nomad 0.9.0. Please remove IOPS from resource block.',
      'warning 14:9 task network resources have been deprecated as of Nomad 0.12.0. Please configure networking via group network block.',
      'warning 4:12 cron is deprecated and may be removed in a future release. Use crons instead',
    ]);
    assert.equal(diagnosticsOf(source).at(-1)!.detail, 'Write crons = ["@daily"].');
    assert.deepEqual(rulesOf(source, '1.6.1').at(-1), 'warning 14:9 task network resources have been deprecated as of Nomad 0.12.0. Please configure networking via group network block.');
  });

  it('warn about update settings: max_parallel over count, auto_promote in some groups only', () => {
    const source = `job "j" {\n  group "a" {\n    count = 2\n    update {\n      max_parallel = 3\n      canary       = 1\n      auto_promote = true\n    }\n    task "t" {\n      driver = "pot"\n    }\n  }\n  group "b" {\n    update {\n      canary = 1\n    }\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
    assert.deepEqual(rulesOf(source), [
      'warning 5:22 Update max parallel count is greater than task group count (3 > 2). A destructive change would result in the simultaneous replacement of all allocations.',
      'warning 7:22 auto_promote must be true for all groups to enable automatic promotion',
    ]);
  });

  it('warn about identities without audience or expiry, and env without restart, from Nomad 1.7 on', () => {
    const source = job('', '      identity {\n        name = "api"\n        env  = true\n      }');
    assert.deepEqual(rulesOf(source), [
      'warning 6:7 identities without an audience are insecure',
      'warning 6:7 identities without an expiration are insecure',
      'warning 8:16 using env=true without change_mode="restart" may result in task not getting updated identity',
    ]);
    assert.deepEqual(rulesOf(source, '1.6.10'), []);
  });

  it('warn about a vault_ identity without a vault block', () => {
    const source = job('', '      identity {\n        name = "vault_default"\n        aud  = ["vault.io"]\n        ttl  = "1h"\n      }');
    assert.deepEqual(rulesOf(source), ['warning 7:16 Task t has an identity called vault_default but no vault block']);
  });

  it('warn about the group-level disconnect settings Nomad 1.8 and 1.9 replaced with the disconnect block', () => {
    const source = job('    max_client_disconnect = "1h"');
    assert.deepEqual(rulesOf(source, '1.9.7'), ['warning 3:29 MaxClientDisconnect will be deprecated favor of Disconnect.LostAfter']);
    assert.deepEqual(rulesOf(source, '1.7.7'), []);
    assert.deepEqual(rulesOf(source), []);
  });
});
