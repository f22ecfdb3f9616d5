/**
 * End to end with `pot-nomad run -d`: the supervisor is killed, a new `pot-nomad status` re-adopts the task that
 * still runs, and `stop` stops it cleanly; a run whose supervisor lives is stopped through it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { processAlive } from '../../src/driver/process-alive.js';
import type { RunRecord } from '../../src/cli/state/run-record.js';
import { cli, ended, makeWorld, potList } from './helpers/run-fixture.js';

const world = makeWorld('adopt');
const jobFile = join(world.dir, 'loop.nomad.hcl');
writeFileSync(
  jobFile,
  `job "loop" {
  group "app" {
    task "loop" {
      driver       = "pot"
      kill_timeout = "10s"
      config {
        image   = "https://potluck.example/img"
        pot     = "base-amd64-14_1"
        tag     = "1.0"
        command = "/bin/sh"
        args    = ["-c", "'echo started; trap \\"echo bye; exit 0\\" INT; while true; do sleep 0.2; done'"]
      }
    }
  }
}
`,
);

after(() => world.cleanup());

/** Starts the job detached and returns its record once the command has returned. */
async function runDetached(): Promise<RunRecord> {
  const r = await cli(world, ['run', '-d', '--emulate', '-o', 'json', jobFile], { env: { POT_EMULATOR_ROOT: world.emulatorRoot } });
  assert.equal(r.status, 0, r.stderr);
  const id = (JSON.parse(r.stdout) as { run_id: string }).run_id;
  return (await world.store.read(id))!;
}

function potStartPid(record: RunRecord): number {
  const handle = record.allocs[0]!.tasks[0]!.handle!;
  return (JSON.parse(Buffer.from(handle.driverState, 'base64').toString('utf8')) as { pid: number }).pid;
}

describe('a detached run whose supervisor was killed', () => {
  test('is re-adopted by status (still running) and stopped cleanly by stop', async () => {
    const record = await runDetached();
    const task = record.allocs[0]!.tasks[0]!;
    const supervisor = record.supervisorPid!;
    process.kill(supervisor, 'SIGKILL');
    assert.equal(await ended(supervisor), true);

    const status = await cli(world, ['status', record.id, '-o', 'json']);
    assert.equal(status.status, 0, status.stderr);
    const doc = JSON.parse(status.stdout) as { runs: { supervisor_alive: boolean; status: string; allocs: { tasks: { state: string }[] }[] }[]; adopted: unknown[] };
    assert.equal(doc.runs[0]!.supervisor_alive, false);
    assert.equal(doc.runs[0]!.status, 'running');
    assert.equal(doc.runs[0]!.allocs[0]!.tasks[0]!.state, 'running');
    assert.deepEqual(doc.adopted, [
      { run: record.id, alloc_id: record.allocs[0]!.id, task: 'loop', outcome: 'running', exit_code: null, message: 'Re-adopted: still running, with no supervisor' },
    ]);
    assert.deepEqual(potList(world), [task.potName]);
    assert.equal(processAlive(potStartPid(record)), true);

    const stop = await cli(world, ['stop', record.id]);
    assert.equal(stop.stderr, '');
    assert.equal(stop.status, 0);
    assert.equal(
      stop.stdout,
      `Run ${record.id} has no supervisor running; stopped its tasks here:\n  loop (alloc ${record.allocs[0]!.id.slice(0, 8)}): Stopped with SIGINT: exit code 0\nRun ${record.id} stopped\n`,
    );
    assert.deepEqual(potList(world), []);
    assert.equal(processAlive(potStartPid(record)), false);
    assert.match(readFileSync(task.stdoutPath, 'utf8'), /^started\nbye\n$/m);
    assert.equal((await world.store.read(record.id))!.status, 'stopped');
  });

  test('a run whose supervisor lives takes exec and is stopped by its supervisor', async () => {
    const record = await runDetached();
    // The supervisor still runs the task: exec only observes it.
    const exec = await cli(world, ['exec', `${record.id}/loop`, '--', 'sh', '-c', 'echo hi; exit 5']);
    assert.deepEqual([exec.status, exec.stdout, exec.stderr], [5, 'hi\n', '']);
    const stop = await cli(world, ['stop', record.id]);
    assert.equal(stop.stderr, '');
    assert.equal(stop.status, 0);
    assert.equal(stop.stdout, `Run ${record.id}: asking its supervisor (process ${record.supervisorPid}) to stop it\nRun ${record.id} stopped\n`);
    const after = (await world.store.read(record.id))!;
    assert.deepEqual([after.status, after.stopRequested, after.allocs[0]!.tasks[0]!.state], ['stopped', true, 'dead']);
    assert.equal(await ended(record.supervisorPid!), true);
    assert.deepEqual(potList(world), []);

    const purge = await cli(world, ['stop', record.id, '--purge']);
    assert.equal(purge.stdout, `Run ${record.id} is already stopped\nPurged run ${record.id}: removed its record and 1 allocation directory\n`);
    assert.deepEqual(readdirSync(world.store.dir).filter((f) => f.startsWith(`${record.id}.`)), []);
    assert.equal(existsSync(record.allocs[0]!.dir), false);
  });
});
