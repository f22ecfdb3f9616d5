/**
 * `pot-nomad run` in the foreground against the pot emulator: the monitor's lines and the tasks'
 * prefixed output, exit codes from pot's last-run-stats, Nomad's restart policy, and Ctrl-C.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { alive, potList, potStartPid, record, records, runCliAsync, sandboxesFor, startCli, TEST_IMAGE as IMAGE, until, writeJob } from './run-harness.js';

const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z';

const box = sandboxesFor(after);

/** The monitor lines of a run's stdout, without their timestamps and alloc ids. */
function monitorLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('==> '))
    .map((l) => l.replace(new RegExp(`^==> ${TIME}: `), '').replace(/alloc [0-9a-f]{8}/, 'alloc *').replace(/"[a-z]+-[0-9a-f]{6}"/, '"<run>"').replace(/Allocation "[0-9a-f]{8}"/, 'Allocation "*"'));
}

describe('pot-nomad run (foreground)', () => {
  it('runs a job written in HCL\'s JSON syntax, with its interpolations, and exits with its outcome', async () => {
    const b = box('json');
    const job = join(b.dir, 'batch.nomad.json');
    const task = {
      driver: 'pot',
      config: { image: 'https://potluck.example/img', pot: 'base-amd64-14_1', tag: '1.0', command: '/bin/sh', args: ['-c', "'echo \"$GREETING\"; exit 4'"] },
      env: { GREETING: 'hello from ${NOMAD_GROUP_NAME}[${NOMAD_ALLOC_INDEX}]' },
    };
    writeFileSync(job, JSON.stringify({ job: { batch: { type: 'batch', group: { work: { restart: { attempts: 0, mode: 'fail' }, task: { say: task } } } } } }));
    const r = await runCliAsync(b, ['run', '--emulate', '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.includes('\nwork[0].say | hello from work[0]\n'), r.stdout);
    assert.ok(monitorLines(r.stdout).includes('Task "say" (work[0], alloc *) exited with code 4'), r.stdout);
    assert.equal(records(b)[0]!.status, 'failed');
  });

  it('records a batch task\'s own exit code 3, streams its output with a prefix, and exits 1', async () => {
    const b = box('batch');
    const job = writeJob(
      b,
      'batch',
      `job "batch" {
  type = "batch"
  group "batch" {
    restart {
      attempts = 0
      mode     = "fail"
    }
    task "exit" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'echo working; echo a warning >&2; exit 3'"]
      }
    }
  }
}
`,
    );
    const r = await runCliAsync(b, ['run', '--emulate', '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(monitorLines(r.stdout), [
      'Run "<run>" of job "batch": 1 allocation',
      'Allocation "*" (batch[0]) created',
      'Task "exit" (batch[0], alloc *) started',
      'Task "exit" (batch[0], alloc *) exited with code 3',
      'Task "exit" (batch[0], alloc *) failed: Policy allows no restarts',
      'Run "<run>" failed',
    ]);
    assert.ok(r.stdout.includes('\nbatch[0].exit | working\n'), r.stdout);
    assert.ok(r.stderr.includes('\nbatch[0].exit | a warning\n'), r.stderr);
    const [rec] = records(b);
    assert.equal(rec!.status, 'failed');
    assert.equal(rec!.allocs[0]!.status, 'failed');
    const task = rec!.allocs[0]!.tasks[0]!;
    assert.deepEqual([task.state, task.failed, task.exitCode, task.signal, task.restarts, task.message], ['dead', true, 3, undefined, 0, 'Policy allows no restarts']);
    // The driver's own events arrive on their stream, in no fixed order with the client's.
    const driverEvents = new Set([`Preparing jail ${task.potName} from https://potluck.example/img base-amd64-14_1:1.0`, 'Jail started']);
    const messages = task.events.map((e) => e.message);
    assert.deepEqual(messages.filter((m) => !driverEvents.has(m)), ['Task received by client', 'Task started by client', 'Exit Code: 3', 'Policy allows no restarts']);
    assert.deepEqual(messages.filter((m) => driverEvents.has(m)), [...driverEvents]);
    assert.deepEqual(potList(b), []);
  });

  it('restarts a failing task exactly twice under its restart policy, then fails it with Nomad\'s reason', async () => {
    const b = box('restart');
    const job = writeJob(
      b,
      'restart',
      `job "restart" {
  group "flaky" {
    task "flaky" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'echo failing >&2; exit 1'"]
      }
      restart {
        attempts = 2
        delay    = "100ms"
        interval = "1m"
        mode     = "fail"
      }
    }
  }
}
`,
    );
    const r = await runCliAsync(b, ['run', '--emulate', '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 1, r.stderr);
    const lines = monitorLines(r.stdout).map((l) => l.replace(/restarting in [0-9.]+m?s/, 'restarting in <delay>'));
    assert.deepEqual(lines, [
      'Run "<run>" of job "restart": 1 allocation',
      'Allocation "*" (flaky[0]) created',
      'Task "flaky" (flaky[0], alloc *) started',
      'Task "flaky" (flaky[0], alloc *) exited with code 1',
      'Task "flaky" (flaky[0], alloc *) restarting in <delay>: Restart within policy',
      'Task "flaky" (flaky[0], alloc *) started',
      'Task "flaky" (flaky[0], alloc *) exited with code 1',
      'Task "flaky" (flaky[0], alloc *) restarting in <delay>: Restart within policy',
      'Task "flaky" (flaky[0], alloc *) started',
      'Task "flaky" (flaky[0], alloc *) exited with code 1',
      'Task "flaky" (flaky[0], alloc *) failed: Exceeded allowed attempts 2 in interval 1m0s and mode is "fail"',
      'Run "<run>" failed',
    ]);
    assert.equal(r.stderr.split('\n').filter((l) => l === 'flaky[0].flaky | failing').length, 3, r.stderr);
    const task = records(b)[0]!.allocs[0]!.tasks[0]!;
    assert.deepEqual([task.state, task.failed, task.restarts, task.exitCode], ['dead', true, 2, 1]);
    assert.equal(task.message, 'Exceeded allowed attempts 2 in interval 1m0s and mode is "fail"');
    assert.equal(task.events.filter((e) => /^Task restarting in /.test(e.message)).length, 2);
    assert.deepEqual(potList(b), []);
  });

  it('stops every task on Ctrl-C, records the run stopped, exits 0 and leaves no process and no pot', async () => {
    const b = box('sigint');
    const job = writeJob(
      b,
      'loop',
      `job "loop" {
  group "loop" {
    task "loop" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'echo pid $$; while true; do sleep 0.2; done'"]
      }
      kill_timeout = "2s"
    }
  }
}
`,
    );
    // plain processes: the pid the task prints is a host pid (inside an isolated jail it would be the jail's)
    const cli = startCli(b, ['run', '--emulate', '--isolation', 'none', '--data-dir', b.dataDir, job]);
    assert.ok(await until(() => /^loop\[0\]\.loop \| pid \d+$/m.test(cli.stdout())), cli.stdout() + cli.stderr());
    const jailPid = Number(/^loop\[0\]\.loop \| pid (\d+)$/m.exec(cli.stdout())![1]);
    const rec = records(b)[0]!;
    assert.equal(rec.supervisorPid, cli.child.pid);
    const startPid = potStartPid(rec.allocs[0]!.tasks[0]!.handle);
    assert.ok(alive(jailPid) && alive(startPid));

    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(monitorLines(r.stdout).slice(2), [
      'Task "loop" (loop[0], alloc *) started',
      'Stopping run "<run>": each task gets its kill signal and kill timeout (interrupt again to stop at once)',
      'Task "loop" (loop[0], alloc *) stopping: sent SIGINT, waiting up to 2s',
      'Task "loop" (loop[0], alloc *) exited with code 130 (signal 2)',
      'Task "loop" (loop[0], alloc *) stopped',
      'Run "<run>" stopped',
    ]);
    const stopped = record(b, rec.id);
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.allocs[0]!.status, 'stopped');
    assert.deepEqual([stopped.allocs[0]!.tasks[0]!.state, stopped.allocs[0]!.tasks[0]!.failed], ['dead', false]);
    assert.deepEqual(potList(b), []);
    assert.equal(alive(jailPid), false);
    assert.equal(alive(startPid), false);
  });

  it('stops at once on a second Ctrl-C and exits 130, still leaving no pot', async () => {
    const b = box('twice');
    const job = writeJob(
      b,
      'stubborn',
      `job "stubborn" {
  group "stubborn" {
    task "stubborn" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'trap \\"\\" INT; echo ready; while true; do sleep 0.2; done'"]
      }
      kill_timeout = "30s"
    }
  }
}
`,
    );
    const cli = startCli(b, ['run', '--emulate', '--data-dir', b.dataDir, job]);
    assert.ok(await until(() => cli.stdout().includes('stubborn[0].stubborn | ready\n')), cli.stdout() + cli.stderr());
    cli.child.kill('SIGINT');
    assert.ok(await until(() => cli.stdout().includes('waiting up to 30s')), cli.stdout());
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.status, 130, r.stderr);
    assert.match(r.stdout, /: Stopping run "stubborn-[0-9a-f]{6}" at once\n/);
    assert.equal(records(b)[0]!.status, 'stopped');
    assert.deepEqual(potList(b), []);
  });
});
