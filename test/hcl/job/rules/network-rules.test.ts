import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainName } from '../../../../src/hcl/job/rules/network-rules.js';
import { errorsOf } from './helpers.js';

/** A job whose group has `network` (from line 3) and one task. */
function withNetwork(network: string, type = 'service'): string {
  return `job "j" {\n  type = "${type}"\n  group "g" {\n${network}\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
}

describe('the group network rules', () => {
  it('refuse a static port reserved twice in the same host network, and allow it in another', () => {
    const twice = withNetwork('    network {\n      port "a" {\n        static = 8080\n      }\n      port "b" {\n        static = 8080\n        host_network = "public"\n      }\n      port "c" {\n        static = 8080\n      }\n    }');
    assert.deepEqual(errorsOf(twice), ['error 13:18 Static port 8080 already reserved by taskgroup network:a']);
  });

  it('let ignore_collision share a static port in host mode from Nomad 1.9 on', () => {
    const shared = withNetwork('    network {\n      port "a" {\n        static = 53\n      }\n      port "b" {\n        static           = 53\n        ignore_collision = true\n      }\n    }');
    assert.deepEqual(errorsOf(shared), []);
    assert.deepEqual(errorsOf(shared, '1.8.4'), ['error 9:28 Static port 53 already reserved by taskgroup network:a']);
  });

  it('drop a network\'s reserved_ports when it also has port blocks, as Nomad\'s decoder does', () => {
    const mixed = withNetwork('    network {\n      reserved_ports "a" {\n        static = 80\n      }\n      reserved_ports "a" {\n        static = 81\n      }\n      port "b" {}\n    }');
    assert.deepEqual(errorsOf(mixed), []);
    const only = withNetwork('    network {\n      reserved_ports "a" {\n        static = 80\n      }\n      reserved_ports "a" {\n        static = 81\n      }\n    }');
    assert.deepEqual(errorsOf(only), ['error 8:22 Port label a already in use by taskgroup network']);
  });

  it('skip the hostname check for interpolated hostnames', () => {
    assert.deepEqual(errorsOf(withNetwork('    network {\n      mode     = "bridge"\n      hostname = "${NOMAD_ALLOC_ID}.web"\n    }')), []);
    assert.deepEqual(errorsOf(withNetwork('    network {\n      mode     = "bridge"\n      hostname = ".web"\n    }')), ['error 6:18 Hostname is not a valid DNS name']);
  });

  it('check CNI arguments from Nomad 1.8.2 on', () => {
    const semicolon = withNetwork('    network {\n      mode = "cni/x"\n      cni {\n        args = { "a;b" = "c" }\n      }\n    }');
    assert.deepEqual(errorsOf(semicolon), ['error 7:16 invalid \';\' character in CNI arg key "a;b"']);
    assert.deepEqual(errorsOf(semicolon, '1.8.1'), []);
  });
});

describe('DNS names', () => {
  it('are dot-separated labels under 64 bytes, at most 255 bytes in all', () => {
    assert.equal(isDomainName('web.example.com'), true);
    assert.equal(isDomainName('web'), true);
    assert.equal(isDomainName('web..example'), false);
    assert.equal(isDomainName('.web'), false);
    assert.equal(isDomainName('a'.repeat(63)), true);
    assert.equal(isDomainName('a'.repeat(64)), false);
    assert.equal(isDomainName(Array(64).fill('abc').join('.')), true);
    assert.equal(isDomainName(Array(65).fill('abc').join('.')), false);
  });
});
