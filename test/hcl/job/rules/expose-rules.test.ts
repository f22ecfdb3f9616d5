import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf } from './helpers.js';

/** A bridge group with a Connect service on `port` whose check exposes `path`. */
function exposed(port: string, network = '    network {\n      mode = "bridge"\n      port "api" {\n        static = 9090\n      }\n    }', path = '/health'): string {
  return `job "j" {\n  group "g" {\n    shutdown_delay = "5s"\n${network}\n    service {\n      name = "web"\n      port = "${port}"\n      connect {\n        sidecar_service {}\n      }\n      check {\n        type     = "http"\n        path     = "${path}"\n        expose   = true\n        interval = "10s"\n        timeout  = "2s"\n      }\n    }\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
}

describe('exposed checks', () => {
  it('need the service\'s port as a number or a static port, which Nomad passes to the sidecar', () => {
    assert.deepEqual(errorsOf(exposed('9001')), []);
    assert.deepEqual(errorsOf(exposed('api')), []);
    assert.deepEqual(errorsOf(exposed('admin')), ['error 19:20 unable to determine local service port for service check g->web->service: "web" check']);
  });

  it('are not looked at when Nomad cannot expose them anyway (a path that is not absolute)', () => {
    assert.deepEqual(errorsOf(exposed('admin', undefined, 'health')), []);
  });

  it('need exactly one bridge network, in Nomad\'s older words before 1.11', () => {
    const host = exposed('9001', '    network {\n      mode = "host"\n    }');
    assert.deepEqual(errorsOf(host, '1.10.5'), [
      'error 10:7 Consul Connect sidecar requires bridge network, found "host" in group "g"',
      'error 16:20 group "g" must use bridge network for exposing service check(s)',
    ]);
  });
});
