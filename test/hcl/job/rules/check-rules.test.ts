import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf } from './helpers.js';

/** A group service (its body from line 7) in a job with one task. */
function service(body: string): string {
  return `job "j" {\n  group "g" {\n    shutdown_delay = "5s"\n    service {\n      name = "web"\n      port = "8080"\n${body}\n    }\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
}

describe('service checks', () => {
  it('take check_restart from the service, merged under the check\'s own', () => {
    const source = service('      on_update = "ignore"\n      check_restart {\n        limit = 2\n      }\n      check {\n        type     = "tcp"\n        interval = "10s"\n        timeout  = "2s"\n      }');
    // The check inherits on_update = "ignore" from the service and check_restart from it too.
    assert.deepEqual(errorsOf(source), ['error 7:19 on_update value "ignore" is not compatible with check_restart']);
  });

  it('let a check\'s own check_restart limit override the service\'s, and keep a negative one only without the service\'s', () => {
    const merged = service('      check_restart {\n        limit = 2\n      }\n      check {\n        type     = "tcp"\n        interval = "10s"\n        timeout  = "2s"\n        check_restart {\n          limit = -1\n        }\n      }');
    assert.deepEqual(errorsOf(merged), []);
  });

  it('are refused by type per provider: script and grpc are Consul\'s', () => {
    const check = (provider: string, type: string) =>
      errorsOf(service(`      provider = "${provider}"\n      check {\n        type     = "${type}"\n        task     = "t"\n        command  = "/bin/true"\n        interval = "10s"\n        timeout  = "2s"\n      }`));
    assert.deepEqual(check('consul', 'script'), []);
    assert.deepEqual(check('nomad', 'script'), ['error 9:20 invalid check type ("script"), must be one of tcp, http']);
    assert.deepEqual(check('consul', 'GRPC'), []);
  });

  it('refuse tls_skip_verify in Nomad checks only between Nomad 1.6.2 and 1.9.6', () => {
    const source = service('      provider = "nomad"\n      check {\n        type            = "http"\n        path            = "/"\n        protocol        = "https"\n        tls_skip_verify = true\n        interval        = "10s"\n        timeout         = "2s"\n      }');
    assert.deepEqual(errorsOf(source), []);
    assert.deepEqual(errorsOf(source, '1.9.5'), ['error 12:27 tls_skip_verify may only be set for Consul service checks']);
    assert.deepEqual(errorsOf(source, '1.6.1'), []);
  });

  it('stop at the first problem of a check, as Nomad does', () => {
    const source = service('      check {\n        type           = "http"\n        initial_status = "ok"\n      }');
    assert.deepEqual(errorsOf(source), ['error 7:7 http type must have http path']);
  });
});
