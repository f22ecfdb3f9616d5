import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, errorsOf } from './helpers.js';

/** A job with `group` inserted in its group (from line 3) and `task` in its task (from line 7). */
function job(group: string, task = ''): string {
  return `job "j" {\n  group "g" {\n${group}\n    task "t" {\n      driver = "pot"\n      shutdown_delay = "5s"\n${task}\n    }\n  }\n}\n`;
}

const NETWORK = '    network {\n      port "http" {}\n    }';

describe('group services', () => {
  it('may use any port: a label of the network, a number, an interpolation or an undefined label', () => {
    for (const port of ['http', '8080', '${NOMAD_PORT_http}', 'https']) {
      assert.deepEqual(errorsOf(job(`${NETWORK}\n    service {\n      name = "web"\n      port = "${port}"\n    }`)), [], port);
    }
  });

  it('are unique by name and port within the group, task services included', () => {
    const source = job(`${NETWORK}\n    service {\n      name = "web"\n      port = "http"\n    }\n    service {\n      name = "web"\n      port = "8080"\n    }`);
    assert.deepEqual(errorsOf(source), []);
  });

  it('default their name to <job>-<group>, which must then be a valid name', () => {
    const source = `job "my_job" {\n  group "g" {\n    shutdown_delay = "5s"\n    service {\n      port = "8080"\n    }\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), [
      'error 4:5 Service name must be valid per RFC 1123 and can contain only alphanumeric characters or dashes and must be no longer than 63 characters: "my_job-g"',
    ]);
  });

  it('may hold interpolations in their name, which Nomad replaces by a placeholder before checking', () => {
    assert.deepEqual(errorsOf(job('    service {\n      name = "${NOMAD_JOB_NAME}-web"\n      port = "8080"\n    }')), []);
    assert.deepEqual(errorsOf(job('    service {\n      name = "${JOB}-${TASKGROUP}"\n      port = "8080"\n    }')), []);
  });

  it('skip their check tasks when the service itself is invalid, as Nomad does', () => {
    const source = job('    service {\n      name     = "web"\n      port     = "8080"\n      provider = "etcd"\n      check {\n        type     = "script"\n        command  = "/bin/true"\n        task     = "nope"\n        interval = "10s"\n        timeout  = "2s"\n      }\n    }');
    assert.deepEqual(errorsOf(source), ['error 6:18 Service provider must be "consul", or "nomad"; not "etcd"']);
  });
});

describe('task services', () => {
  it('must name a port of the group\'s first network, not of a later one', () => {
    const source = job(`${NETWORK}\n    network {\n      port "admin" {}\n    }`, '      service {\n        name = "admin"\n        port = "admin"\n      }');
    const [d] = diagnosticsOf(source);
    assert.equal(d!.summary, 'port label "admin" referenced by services admin does not exist');
    assert.equal(d!.detail, 'A task\'s service names a port of the group\'s first network (defined: "http"); add port "admin" {} to the group\'s network block, or use the port number with address_mode = "driver".');
    assert.deepEqual(d!.range!.start, { line: 14, column: 16, offset: d!.range!.start.offset });
  });

  it('may use a port number with address_mode = "driver", and the ports Nomad adds for Consul Connect', () => {
    assert.deepEqual(errorsOf(job('', '      service {\n        name         = "web"\n        port         = "8080"\n        address_mode = "driver"\n      }')), []);
    const connect = job('    network {\n      mode = "bridge"\n    }\n    service {\n      name = "api"\n      port = "9090"\n      connect {\n        sidecar_service {}\n      }\n    }', '      service {\n        name = "proxy-metrics"\n        port = "connect-proxy-api"\n      }');
    assert.deepEqual(errorsOf(connect), []);
  });

  it('check their checks\' ports the same way, a check\'s own port first', () => {
    const source = job(NETWORK, '      service {\n        name = "web"\n        port = "http"\n        check {\n          type     = "http"\n          path     = "/"\n          port     = "admin"\n          interval = "10s"\n          timeout  = "2s"\n        }\n      }');
    assert.deepEqual(errorsOf(source), ['error 15:22 port label "admin" referenced by services web does not exist']);
  });

  it('accept a task network\'s ports, deprecated as they are', () => {
    const source = job('', '      service {\n        name = "web"\n        port = "http"\n      }\n      resources {\n        network {\n          port "http" {}\n        }\n      }');
    assert.deepEqual(errorsOf(source), []);
  });
});
