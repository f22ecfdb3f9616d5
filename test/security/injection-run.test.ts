/**
 * `pot-nomad run` with payloads in every field, against a pot that records each argv: what pot receives is exactly
 * what `plan` printed, and nothing runs on the host. Once against the recorder alone (every field, even the
 * command), once with the recorder handing each call on to the emulator (pot's real checks and state; the command
 * stays harmless there, because the emulator's stand-in for the jail's shell runs it on the host by design).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { NUL_PROBLEM } from '../../src/driver/config.js';
import { EMULATOR, runCliAsync, sandbox, writeJob, type Sandbox } from '../cli/run-harness.js';
import { blankFree, hostilePayloads, newCanary, NUL_PAYLOAD, type Payload } from './hostile-inputs.js';
import { expectedStart, hostPath, jobText, payloadTask, potNameOf, type PayloadTask } from './payload-task.js';
import { assertCallsFollowPlan, writeRecordingPot, type RecordingPot } from './recording-pot.js';

const canary = newCanary();
const boxes: Sandbox[] = [];
function box(name: string): Sandbox {
  const b = sandbox(`sec-${name}`);
  boxes.push(b);
  return b;
}
after(() => {
  for (const b of boxes) rmSync(b.dir, { recursive: true, force: true });
  rmSync(canary.dir, { recursive: true, force: true });
});

const payloads = hostilePayloads(canary.path);
const byId = (id: string): string => payloads.find((p) => p.id === id)!.value;
// Every character a task name may have; the others are refused (test/security/injection-plan.test.ts).
const TASK = 'a.b-c_D9';

interface PlannedTask {
  pot_name: string;
  env: Record<string, string>;
  start: string[][];
}

interface RunAndPlan {
  status: number | null;
  stderr: string;
  planned: PlannedTask;
  allocId: string;
  invocationId: string;
}

/** Runs the job in the foreground, then plans it for the same allocation, whose ids the recorded prepare shows. */
async function runAndPlan(b: Sandbox, pot: RecordingPot, jobPath: string): Promise<RunAndPlan> {
  const run = await runCliAsync(b, ['run', '--pot-bin', pot.bin, '--data-dir', b.dataDir, jobPath]);
  const prepare = pot.calls().find((argv) => argv[0] === 'prepare') ?? [];
  const ids = /^([0-9a-f]{8})_([0-9a-f-]{36})$/.exec(prepare[prepare.indexOf('-a') + 1] ?? '');
  assert.ok(ids, `no prepare call was recorded; run said:\n${run.stdout}${run.stderr}`);
  const invocationId = ids[1]!;
  const allocId = ids[2]!;
  const plan = await runCliAsync(b, ['plan', '-o', 'json', jobPath, '--alloc-id', allocId, '--invocation-id', invocationId, '--data-dir', b.dataDir, '--pot-bin', pot.bin]);
  assert.equal(plan.status, 0, plan.stderr);
  const [planned] = (JSON.parse(plan.stdout) as { tasks: PlannedTask[] }).tasks;
  assert.ok(planned);
  assert.equal(planned.pot_name, potNameOf(TASK, invocationId, allocId));
  return { status: run.status, stderr: run.stderr, planned, allocId, invocationId };
}

describe('run with hostile values', () => {
  it('gives the recording pot exactly the planned argv, every value one argument, and runs nothing', async () => {
    const b = box('rec');
    const pot = writeRecordingPot(b.dir);
    const task: PayloadTask = {
      ...payloadTask(TASK, payloads, blankFree(payloads), join(b.dir, 'host'), { entries: 'joined', copyIntoPayloads: true }),
      image: byId('subst'),
      pot: byId('force'),
      tag: byId('newline'),
      command: byId('semicolon'),
    };
    const { status, stderr, planned, allocId, invocationId } = await runAndPlan(b, pot, writeJob(b, 'hostile', jobText('hostile', [task])));
    assert.equal(status, 0, stderr);
    for (const p of payloads) assert.equal(planned.env[`P_${p.id}`], p.value);
    const allocDir = join(b.dataDir, 'alloc', allocId);
    assert.deepEqual(planned.start, expectedStart(task, { bin: pot.bin, potName: planned.pot_name, allocId, invocationId, allocDir, memoryMB: 300, env: planned.env }));
    assertCallsFollowPlan(pot.calls(), planned.start, planned.pot_name);
    assert.equal(canary.tripped(), false);
  });

  it('gives the emulator exactly the planned argv and runs nothing it was not asked to', async () => {
    const b = box('emu');
    const pot = writeRecordingPot(b.dir, { emulator: pathToFileURL(EMULATOR).href, emulatorRoot: b.potRoot });
    const hostRoot = join(b.dir, 'host');
    const mountable = blankFree(payloads);
    makeHostPaths(hostRoot, payloads, mountable);
    const task: PayloadTask = { ...payloadTask(TASK, payloads, mountable, hostRoot, { entries: 'joined' }), command: 'true', args: [] };
    const { status, stderr, planned } = await runAndPlan(b, pot, writeJob(b, 'hostile', jobText('hostile', [task])));
    assert.equal(status, 0, stderr);
    assertCallsFollowPlan(pot.calls(), planned.start, planned.pot_name);
    assert.equal(canary.tripped(), false);
  });

  it('refuses a NUL in the environment before calling pot at all, and keeps no run record', async () => {
    const b = box('nul');
    const pot = writeRecordingPot(b.dir);
    const task: PayloadTask = { ...payloadTask('nul', [NUL_PAYLOAD], [], join(b.dir, 'host'), { entries: 'joined' }), args: [], copy: [], meta: {} };
    const run = await runCliAsync(b, ['run', '--pot-bin', pot.bin, '--data-dir', b.dataDir, writeJob(b, 'nul', jobText('nul', [task]))]);
    assert.equal(run.status, 1);
    assert.deepEqual(pot.calls(), []);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.includes(`\nerror: env["P_nul"]: ${NUL_PROBLEM}\n  --> `), run.stderr);
    assert.deepEqual(readdirSync(join(b.dataDir, 'runs')).filter((f) => !f.endsWith('.lock')), []);
  });
});

/** The host side of the emulator run's copy and mounts: a file and directories whose path components are the payloads. */
function makeHostPaths(hostRoot: string, all: readonly Payload[], mountable: readonly Payload[]): void {
  const file = hostPath(hostRoot, 'copy', all);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'copied');
  mkdirSync(hostPath(hostRoot, 'rw', mountable), { recursive: true });
  mkdirSync(hostPath(hostRoot, 'ro', mountable), { recursive: true });
}
