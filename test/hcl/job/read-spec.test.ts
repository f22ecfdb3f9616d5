import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NomadBlock } from '../../../src/hcl/job/nomad-block.js';
import { readSpecBlock } from '../../../src/hcl/job/read-spec.js';
import type { NomadVersion } from '../../../src/hcl/job/spec/builders.js';
import { JOB } from '../../../src/hcl/job/spec/job.js';
import { NEWEST_NOMAD } from '../../../src/hcl/job/spec/versions.js';
import type { Diagnostic } from '../../../src/hcl/source.js';
import { messages, run } from '../eval/helpers.js';

/** Reads `body` as the inside of `job "j" { ... }` (it starts on line 2). */
function read(body: string, target: NomadVersion = NEWEST_NOMAD): { job: NomadBlock; diags: Diagnostic[] } {
  const r = run(`job "j" {\n${body}\n}\n`);
  assert.deepEqual(messages(r.diagnostics), [], 'the test job must evaluate');
  const diags: Diagnostic[] = [];
  return { job: readSpecBlock(r.job!, JOB, '', target, diags), diags };
}

function problems(body: string, target?: NomadVersion): string[] {
  return read(body, target).diags.map((d) => `${d.severity} ${messages([d])[0]} (${d.path})`);
}

const TASK = (inside: string) => `  group "g" {\n    task "t" {\n      driver = "pot"\n${inside}\n    }\n  }`;

describe('reading a job against the specification table', () => {
  it('accepts check_restart in a service and in a check, a task secret, and memory_max = -1', () => {
    const { job, diags } = read(
      TASK(`      service {\n        check_restart {\n          limit = 3\n          grace = "90s"\n        }\n        check {\n          type = "tcp"\n          check_restart { limit = 2 }\n        }\n      }\n      secret "db" {\n        provider = "nomad"\n        path = "db/creds"\n      }\n      resources {\n        memory_max = -1\n      }`),
    );
    assert.deepEqual(diags, []);
    const task = job.block('group')!.block('task')!;
    const service = task.block('service')!;
    assert.equal(service.block('check_restart')!.number('limit'), 3);
    assert.equal(service.block('check_restart')!.duration('grace'), 90_000);
    assert.equal(service.block('check')!.block('check_restart')!.number('limit'), 2);
    assert.equal(task.block('secret')!.label, 'db');
    assert.equal(task.block('resources')!.number('memory_max'), -1);
  });

  it("reports unknown names with HCL's suggestion, and a block written as an argument, in file order", () => {
    assert.deepEqual(problems(TASK('      kill_timout = "5s"\n      resource {}\n      service = {}')), [
      'error 5:7: Unsupported argument; An argument named "kill_timout" is not expected here. Did you mean "kill_timeout"? (job "j" > group "g" > task "t")',
      'error 6:7: Unsupported block type; Blocks of type "resource" are not expected here. Did you mean "resources"? (job "j" > group "g" > task "t")',
      'error 7:7: Unsupported argument; An argument named "service" is not expected here. Did you mean to define a block of type "service"? (job "j" > group "g" > task "t")',
    ]);
  });

  it('suggests an argument for a block written where an argument belongs', () => {
    assert.deepEqual(problems(TASK('      user {}')), [
      'error 5:7: Unsupported block type; Blocks of type "user" are not expected here. Did you mean to define argument "user"? If so, use the equals sign to assign it a value. (job "j" > group "g" > task "t")',
    ]);
  });

  it("converts values as Go's decoder does, with its messages", () => {
    assert.deepEqual(
      problems(TASK('      kill_timeout = "5"\n      leader = "yes"\n      resources {\n        cpu = 1.5\n        memory = "lots"\n      }\n      kill_signal = null\n      logs { max_files = null }')),
      [
        'error 5:22: Unsuitable value type; Unsuitable duration value: time: missing unit in duration "5" (job "j" > group "g" > task "t")',
        'error 6:16: Unsuitable value type; Unsuitable value: a bool is required (job "j" > group "g" > task "t")',
        'error 8:15: Unsuitable value type; Unsuitable value: value must be a whole number, between -9223372036854775808 and 9223372036854775807 (job "j" > group "g" > task "t" > resources)',
        'error 9:18: Unsuitable value type; Unsuitable value: a number is required (job "j" > group "g" > task "t" > resources)',
        'error 11:21: Unsuitable value type; Unsuitable value: null value is not allowed (job "j" > group "g" > task "t")',
      ],
    );
    const { job } = read(TASK('      leader = "true"\n      kill_timeout = 2000000000\n      resources { cpu = "250" }'));
    const task = job.block('group')!.block('task')!;
    assert.equal(task.bool('leader'), true);
    assert.equal(task.duration('kill_timeout'), 2000);
    assert.equal(task.block('resources')!.number('cpu'), 250);
  });

  it('refuses a second block where one is allowed, and a label where none is', () => {
    assert.deepEqual(problems(TASK('      resources {}\n      resources {}\n      logs "x" {}')), [
      'error 6:7: Duplicate resources block; Only one resources block is allowed. Another was defined at job.hcl:5,7-16. (job "j" > group "g" > task "t")',
      'error 7:12: Extraneous label for logs; No labels are expected for logs blocks. (job "j" > group "g" > task "t")',
    ]);
  });

  it('refuses two env blocks and env both ways, and a labelled env', () => {
    assert.deepEqual(problems(TASK('      env {\n        A = "1"\n      }\n      env {\n        B = "2"\n      }')), [
      'error 8:7: Duplicate env block; Only one env block is allowed. Another was defined at job.hcl:5,7-10. (job "j" > group "g" > task "t")',
    ]);
    assert.deepEqual(problems(TASK('      env = { A = "1" }\n      env {\n        B = "2"\n      }')), [
      'error 6:7: Duplicate env block; env may not be defined more than once. Another definition is defined at job.hcl:5,7-24. (job "j" > group "g" > task "t")',
    ]);
    assert.deepEqual(problems(TASK('      env "x" {\n        A = "1"\n      }')), [
      'error 5:11: Extraneous label for env; No labels are expected for env blocks. (job "j" > group "g" > task "t")',
    ]);
  });

  it('reads meta and env as a block or as an argument, values as strings, null refused', () => {
    const { job } = read(`  meta = { "a.b" = 1, c = true }\n${TASK('      env {\n        PORT = 8080\n      }')}`);
    assert.deepEqual(job.mapOf('meta'), { 'a.b': '1', c: 'true' });
    assert.deepEqual(job.block('group')!.block('task')!.mapOf('env'), { PORT: '8080' });
    assert.deepEqual(problems(TASK('      meta {\n        a = null\n        b {}\n      }')), [
      'error 6:13: Unsuitable value type; Unsuitable value: null value is not allowed (job "j" > group "g" > task "t" > meta)',
      'error 7:9: Unsuitable value type; Unsuitable value: string required (job "j" > group "g" > task "t" > meta)',
    ]);
  });

  it('requires what the decoder requires', () => {
    assert.deepEqual(problems(TASK('      lifecycle { sidecar = true }')), [
      'error 5:7: Missing required argument; The argument "hook" is required, but no definition was found. (job "j" > group "g" > task "t" > lifecycle)',
    ]);
  });

  it('keeps the last of volumes with the same label, as a Go map does', () => {
    const { job, diags } = read('  group "g" {\n    volume "v" { source = "a" }\n    volume "v" { source = "b" }\n    volume "w" { source = "c" }\n  }');
    assert.deepEqual(diags, []);
    assert.deepEqual(job.block('group')!.blocks('volume').map((v) => v.string('source')), ['b', 'c']);
  });

  it('warns about a field the targeted Nomad does not read yet, or no longer reads', () => {
    const body = `  vault_token = "x"\n  ui { description = "d" }\n  group "g" {\n    max_run_duration = "1h"\n  }`;
    assert.deepEqual(problems(body, '2.0.5'), [
      'warning 2:3: Argument "vault_token" was removed in Nomad 1.10.0; Nomad read "vault_token" until version 1.10.0, which removed it; the targeted Nomad 2.0.5 refuses it. Set --nomad-version (or nomad_version in pot-nomad.toml) to the version your cluster runs. (job "j")',
    ]);
    assert.deepEqual(
      problems(body, '1.7.7').map((p) => p.split(';')[0]),
      ['warning 3:3: Block type "ui" needs Nomad 1.8.0', 'warning 5:5: Argument "max_run_duration" needs Nomad 2.0.3'],
    );
    assert.deepEqual(problems(body, '1.9.7').map((p) => p.split(';')[0]), ['warning 5:5: Argument "max_run_duration" needs Nomad 2.0.3']);
  });
});
