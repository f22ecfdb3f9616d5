import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf } from './helpers.js';

/** A job with `jobLevel` (from line 2), `group` in its group and `body` in its task. */
function job(body: string, group = '', jobLevel = ''): string {
  return `job "j" {\n${jobLevel}  group "g" {\n${group}    task "t" {\n      driver = "pot"\n${body}\n    }\n  }\n}\n`;
}

describe('vault blocks', () => {
  it('apply to the task from its group or the job, where they are checked', () => {
    const fromJob = job('', '', '  vault {\n    change_mode = "reload"\n  }\n');
    assert.deepEqual(errorsOf(fromJob), ['error 3:19 Unknown change mode "reload"']);
    const fromGroup = job('', '    vault {\n      change_mode = "noop"\n    }\n', '  vault {\n    change_mode = "reload"\n  }\n');
    assert.deepEqual(errorsOf(fromGroup), []);
  });

  it('needed policies before Nomad 1.7, and refused the root policy before 1.10', () => {
    const none = job('      vault {\n        change_mode = "restart"\n      }');
    assert.deepEqual(errorsOf(none, '1.6.10'), ['error 5:7 Policy list cannot be empty']);
    assert.deepEqual(errorsOf(none, '1.7.0'), []);
    const root = job('      vault {\n        policies = ["root"]\n      }');
    assert.deepEqual(errorsOf(root, '1.9.7'), ['error 6:20 Can not specify "root" policy']);
    assert.deepEqual(errorsOf(root), []);
  });
});

describe('secrets', () => {
  it('are checked from Nomad 1.11 on, with the job\'s appended to every task\'s', () => {
    const source = job('      secret "db" {\n        provider = "nomad"\n        path     = "db"\n      }', '', '  secret "db" {\n    provider = "nomad"\n    path     = "shared"\n  }\n');
    assert.deepEqual(errorsOf(source), ['error 2:10 Duplicate secret "db" found']);
    assert.deepEqual(errorsOf(source, '1.10.5'), []);
  });

  it('of a group go to its tasks that have none', () => {
    const source = job('', '    secret "db" {\n      provider = "vault"\n      path     = "secret/db"\n    }\n');
    assert.deepEqual(errorsOf(source), ['error 4:18 Secret "db" has provider "vault" but no vault block']);
  });
});

describe('identities', () => {
  it('check the default (unnamed) identity from Nomad 1.9 on', () => {
    const source = job('      identity {\n        ttl = "1h"\n      }');
    assert.deepEqual(errorsOf(source), ['error 6:15 ttl for default identity not yet supported']);
    assert.deepEqual(errorsOf(source, '1.8.4'), []);
  });

  it('check named identities from Nomad 1.7 on', () => {
    const source = job('      identity {\n        name = "a b"\n        aud  = ["x"]\n        ttl  = "1h"\n      }');
    assert.deepEqual(errorsOf(source), ['error 6:16 invalid name "a b". Must match regex ^[a-zA-Z0-9-_]{1,128}$']);
    assert.deepEqual(errorsOf(source, '1.6.10'), []);
  });
});

describe('volume mounts', () => {
  it('name a host or csi volume of the group, in the words of the targeted version', () => {
    const source = job('      volume_mount {\n        volume      = ""\n        destination = "/data"\n      }');
    assert.deepEqual(errorsOf(source), ['error 6:23 Volume Mount (0) references undefined volume ', 'error 6:23 volume mount references an empty volume']);
    assert.deepEqual(errorsOf(source, '1.7.7'), ['error 6:23 Volume Mount (0) references an empty volume']);
  });
});

describe('actions, lifecycle, dispatch payloads and CSI plugins', () => {
  it('accept what Nomad accepts', () => {
    const source = job('      action "flush" {\n        command = "/bin/flush"\n        args    = ["-a"]\n      }\n      lifecycle {\n        hook    = "prestart"\n        sidecar = true\n      }\n      dispatch_payload {\n        file = "input.json"\n      }\n      csi_plugin {\n        id        = "ebs"\n        type      = "monolith"\n        mount_dir = "/csi"\n      }');
    assert.deepEqual(errorsOf(source), []);
  });

  it('compare a CSI plugin\'s directories as Nomad\'s version did: by prefix before 2.0.1, by path after', () => {
    const source = job('      csi_plugin {\n        id                     = "ebs"\n        type                   = "node"\n        mount_dir              = "/csi"\n        stage_publish_base_dir = "/csi-stage"\n      }');
    assert.deepEqual(errorsOf(source), []);
    assert.deepEqual(errorsOf(source, '2.0.0'), ['error 9:34 CSIPluginConfig StagePublishBaseDir must not be a subdirectory of MountDir, got: StagePublishBaseDir="/csi-stage" MountDir="/csi"']);
    assert.deepEqual(errorsOf(source, '1.7.1'), []);
  });
});
