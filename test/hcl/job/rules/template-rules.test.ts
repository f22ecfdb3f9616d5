import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapesAlloc } from '../../../../src/hcl/job/rules/template-rules.js';
import { errorsOf, rulesOf } from './helpers.js';

/** A job whose task has `body` from line 5. */
function task(body: string): string {
  return `job "j" {\n  group "g" {\n    task "t" {\n      driver = "pot"\n${body}\n    }\n  }\n}\n`;
}

describe('templates', () => {
  it('default change_signal to SIGHUP for change_mode = "signal"', () => {
    assert.deepEqual(errorsOf(task('      template {\n        data        = "x"\n        destination = "local/x"\n        change_mode = "signal"\n      }')), []);
  });

  it('accept octal perms up to 07777', () => {
    const perms = (p: string) => errorsOf(task(`      template {\n        data        = "x"\n        destination = "local/x"\n        perms       = "${p}"\n      }`));
    assert.deepEqual(perms('0640'), []);
    assert.deepEqual(perms('7777'), []);
    assert.deepEqual(perms('17777'), ['error 8:23 Failed to parse "17777" as octal: strconv.ParseUint: parsing "17777": value out of range']);
  });

  it('warn about vault_grace, which Vault ignores', () => {
    assert.deepEqual(rulesOf(task('      template {\n        data        = "x"\n        destination = "local/x"\n        vault_grace = "15s"\n      }')), [
      'warning 8:23 VaultGrace has been deprecated as of Nomad 0.11 and ignored since Vault 0.5. Please remove VaultGrace / vault_grace from template block.',
    ]);
  });
});

describe('artifacts', () => {
  it('default the destination to local/, or local/<file> in file mode, which stays inside the task', () => {
    assert.deepEqual(errorsOf(task('      artifact {\n        source = "https://example.com/a.tgz"\n        mode   = "file"\n      }')), []);
  });

  it('skip checksums holding an interpolation, which Nomad checks when it fetches', () => {
    assert.deepEqual(errorsOf(task('      artifact {\n        source = "https://example.com/a.tgz"\n        options {\n          checksum = "sha256:${NOMAD_META_sum}"\n        }\n      }')), []);
  });
});

describe('paths inside the allocation', () => {
  it('may be absolute (joined to the task directory) but may not climb out of the allocation', () => {
    assert.equal(escapesAlloc('task', 'local/app.conf'), false);
    assert.equal(escapesAlloc('task', '/etc/app.conf'), false);
    assert.equal(escapesAlloc('task', '../alloc/data'), false);
    assert.equal(escapesAlloc('task', '../../x'), true);
    // Nomad tests the relative path for a ".." prefix, so a name starting with ".." counts too.
    assert.equal(escapesAlloc('task', '../..x'), true);
    assert.equal(escapesAlloc('task/local/', '../../../x'), true);
  });
});
