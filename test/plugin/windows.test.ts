/**
 * Through the real plugin binary: what a crash, a damaged handle, a huge request, a host path swapped under
 * the driver, an old pot or pot's colliding set-hosts could do to a task, and what the driver does instead.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { potName } from '../../src/driver/pot-name.js';
import { writeStubPot, writeWrappedPot } from '../helpers/wrapped-pot.js';
import { configureEmulator, emulatorPotList, startPlugin, unary, unaryError, webTaskConfig, type PluginProcess } from './harness.js';

type Msg = Record<string, unknown>;

const IMAGE = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0.0' };
const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'pn-win-')));
const emulatorRoot = path.join(work, 'pot');

let allocs = 0;
/** A fresh allocation directory with what Nomad creates in it. */
function newAlloc(): { allocId: string; allocDir: string } {
  const allocId = `6a1b2c3d-0000-4000-8000-${String(++allocs).padStart(12, '0')}`;
  const allocDir = path.join(work, 'alloc', allocId);
  for (const dir of ['web/local', 'web/secrets', 'alloc/logs', 'alloc/data']) mkdirSync(path.join(allocDir, dir), { recursive: true });
  return { allocId, allocDir };
}

function startRequest(alloc: { allocId: string; allocDir: string }, invocation: string, config: Msg, extra: Msg = {}): Msg {
  return { task: { ...webTaskConfig({ ...alloc, invocation, config }), ...extra } };
}

async function withPlugin<T>(body: (plugin: PluginProcess) => Promise<T>): Promise<T> {
  const plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
  try {
    return await body(plugin);
  } finally {
    await plugin.close();
  }
}

/** Every argv the wrapped pot was called with, logged by its prelude. */
function loggedCalls(log: string): string[][] {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as string[]);
  } catch {
    return [];
  }
}

const logPrelude = (log: string): string => `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');`;

after(() => rmSync(work, { recursive: true, force: true }));

describe('a task\'s end and its handle', () => {
  test('the exit code survives a plugin killed after the task ended and before DestroyTask', async () => {
    const alloc = newAlloc();
    const invocation = '0e1d2c3b';
    const id = `${alloc.allocId}/web/${invocation}`;
    const name = potName('web', invocation, alloc.allocId);
    const first = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    let handle: Msg;
    try {
      await configureEmulator(first);
      ({ handle } = await unary<{ handle: Msg }>(first.clients.driver, 'StartTask', startRequest(alloc, invocation, { ...IMAGE, command: 'sh', args: ['-c', "'exit 3'"] })));
      assert.deepEqual(await unary(first.clients.driver, 'WaitTask', { task_id: id }), { result: { exit_code: 3, signal: 0, oom_killed: false }, err: '' });
      // Nomad has the code, but not yet sent DestroyTask: the pot, and pot's record of the exit, are still there.
      assert.equal(emulatorPotList(emulatorRoot), `${name}\n`);
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      await first.close();
    }
    await withPlugin(async (second) => {
      await configureEmulator(second);
      assert.deepEqual(await unary(second.clients.driver, 'RecoverTask', { task_id: '', handle }), {});
      assert.deepEqual(await unary(second.clients.driver, 'WaitTask', { task_id: id }), { result: { exit_code: 3, signal: 0, oom_killed: false }, err: '' });
      await unary(second.clients.driver, 'DestroyTask', { task_id: id, force: true });
      assert.equal(emulatorPotList(emulatorRoot), '');
    });
  });

  test('a damaged driver_state is DATA_LOSS, and the DestroyTask Nomad sends next removes the still-running jail', async () => {
    const alloc = newAlloc();
    const invocation = '1e2d3c4b';
    const id = `${alloc.allocId}/web/${invocation}`;
    let handle: Msg = {};
    await withPlugin(async (first) => {
      await configureEmulator(first);
      ({ handle } = await unary<{ handle: Msg }>(first.clients.driver, 'StartTask', startRequest(alloc, invocation, { ...IMAGE, command: 'sleep', args: ['30'] })));
    });
    assert.equal(emulatorPotList(emulatorRoot), `${potName('web', invocation, alloc.allocId)}\n`);
    await withPlugin(async (second) => {
      await configureEmulator(second);
      const damaged = { ...handle, driver_state: Buffer.from('{"version":1,"potName":') };
      const refused = await unaryError(second.clients.driver, 'RecoverTask', { task_id: '', handle: damaged });
      assert.equal(refused.code, status.DATA_LOSS);
      assert.equal(refused.details, 'cannot recover the task from its saved driver state: it is not JSON (Unexpected end of JSON input)');
      await unary(second.clients.driver, 'DestroyTask', { task_id: id, force: true });
      assert.equal(emulatorPotList(emulatorRoot), '');
    });
  });

  test('a task id or environment too large for pot is INVALID_ARGUMENT before any pot command', async () => {
    const alloc = newAlloc();
    await withPlugin(async (plugin) => {
      const log = path.join(work, 'large.jsonl');
      await configureEmulator(plugin, { pot_bin: writeWrappedPot(work, 'large-pot', emulatorRoot, logPrelude(log)) });
      const big = 'x'.repeat(200 * 1024);
      const refused = await unaryError(plugin.clients.driver, 'StartTask', startRequest(alloc, '2e3d4c5b', { ...IMAGE, command: 'true' }, { env: { NOMAD_TASK_NAME: 'web', BIG: big } }));
      assert.equal(refused.code, status.INVALID_ARGUMENT);
      assert.equal(
        refused.details,
        'invalid task: env["BIG"]: the entry is 204804 bytes long, and no program can take an argument of more than 131071 bytes; pass large data in a file (a template or an artifact) instead\n' +
          'the task environment takes 204831 bytes on pot set-env\'s command line, more than the 196608 pot can be given; pass large data in files (templates or artifacts) instead',
      );
      assert.deepEqual(loggedCalls(log), []);
    });
  });
});

describe('host paths', () => {
  test('pot gets the resolved path, and a directory swapped for a symlink while the jail is built stops the start', async () => {
    const alloc = newAlloc();
    const allowed = path.join(work, 'allowed');
    const outside = path.join(work, 'outside');
    for (const dir of [path.join(allowed, 'real'), path.join(allowed, 'data'), outside]) mkdirSync(dir, { recursive: true });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(path.join(allowed, 'real'), path.join(allowed, 'link'));
    const log = path.join(work, 'swap.jsonl');
    // Between the driver's check and pot's mount of allowed/data, something that can write in allowed/
    // swaps the directory for a link to a place the policy does not allow.
    const swap = `${logPrelude(log)}
if (args[0] === 'mount-in' && args.includes(${JSON.stringify(path.join(allowed, 'data'))})) {
  const fs = require('node:fs');
  fs.renameSync(${JSON.stringify(path.join(allowed, 'data'))}, ${JSON.stringify(path.join(allowed, 'data.moved'))});
  fs.symlinkSync(${JSON.stringify(outside)}, ${JSON.stringify(path.join(allowed, 'data'))});
}`;
    await withPlugin(async (plugin) => {
      await configureEmulator(plugin, { pot_bin: writeWrappedPot(work, 'swap-pot', emulatorRoot, swap), allowed_host_paths: [allowed] });
      const invocation = '3e4d5c6b';
      const id = `${alloc.allocId}/web/${invocation}`;
      const name = potName('web', invocation, alloc.allocId);
      await unary(plugin.clients.driver, 'StartTask', startRequest(alloc, invocation, { ...IMAGE, command: 'true', mount: [`${allowed}/link:/data`] }));
      assert.deepEqual(
        loggedCalls(log).filter((argv) => argv[0] === 'mount-in' && argv.includes('/data')),
        [['mount-in', '-p', name, '-d', path.join(allowed, 'real'), '-m', '/data']],
      );
      await unary(plugin.clients.driver, 'WaitTask', { task_id: id });
      await unary(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true });

      const refused = await unaryError(plugin.clients.driver, 'StartTask', startRequest(alloc, '4e5d6c7b', { ...IMAGE, command: 'true', mount: [`${allowed}/data:/data`] }));
      assert.equal(refused.code, status.INVALID_ARGUMENT);
      assert.equal(
        refused.details,
        `invalid task config: mount[0]: the host path "${allowed}/data" changed while the jail was being built: it now leads to "${outside}"; the jail was not started`,
      );
      assert.equal(emulatorPotList(emulatorRoot), '');
    });
  });
});

describe('jail attributes', () => {
  test('mlock and System V IPC shared with the host are refused by default, like the other weakening attributes', async () => {
    const alloc = newAlloc();
    await withPlugin(async (plugin) => {
      await configureEmulator(plugin);
      const attributes = ['mlock:true', 'sysvshm:inherit', 'sysvsem:new', 'sysvmsg:inherit'];
      const refused = await unaryError(plugin.clients.driver, 'StartTask', startRequest(alloc, '9e0d1c2b', { ...IMAGE, command: 'true', attributes }));
      assert.equal(refused.code, status.INVALID_ARGUMENT);
      const block = 'in the client agent\'s plugin "pot-nomad" { config { ... } } block';
      assert.equal(
        refused.details,
        [
          `invalid task config: attributes[0]: "mlock:true" weakens the jail (mlock lets the jail lock memory so the host cannot page it out); to allow it, set allowed_jail_attributes = ["mlock"] ${block}`,
          `attributes[1]: "sysvshm:inherit" weakens the jail (sysvshm inherit shares the host's System V shared memory with the jail); to allow it, set allowed_jail_attributes = ["sysvshm"] ${block}`,
          `attributes[3]: "sysvmsg:inherit" weakens the jail (sysvmsg inherit shares the host's System V message queues with the jail); to allow it, set allowed_jail_attributes = ["sysvmsg"] ${block}`,
        ].join('\n'),
      );
      assert.equal(emulatorPotList(emulatorRoot), '');
    });
  });
});

describe('pot\'s versions and quirks', () => {
  test('stop_timeout on a node whose pot is 0.15.6 is refused with the version it needs, before any jail is built', async () => {
    const alloc = newAlloc();
    const log = path.join(work, 'old.jsonl');
    const old = `${logPrelude(log)}
if (args[0] === 'version') {
  process.stdout.write('pot version: 0.15.6\\n');
  process.exit(0);
}`;
    const bin = writeWrappedPot(work, 'old-pot', emulatorRoot, old);
    await withPlugin(async (plugin) => {
      await configureEmulator(plugin, { pot_bin: bin });
      const refused = await unaryError(plugin.clients.driver, 'StartTask', startRequest(alloc, '5e6d7c8b', { ...IMAGE, command: 'true', attributes: ['devfs_ruleset:4', 'stop_timeout:30'] }));
      assert.equal(refused.code, status.INVALID_ARGUMENT);
      assert.equal(
        refused.details,
        `invalid task config: attributes[1]: attribute "stop_timeout" needs pot 0.16.0 or later, and this node's pot (${bin}) is 0.15.6; upgrade pot on the node or remove the attribute`,
      );
      assert.deepEqual(loggedCalls(log), [['version']]);
      assert.equal(emulatorPotList(emulatorRoot), '');
    });
  });

  test('twenty starts at once with extra_hosts all succeed against a pot whose set-hosts fails when two overlap', async () => {
    const busy = path.join(work, 'pot-set-hosts.tmp');
    const log = path.join(work, 'hosts.jsonl');
    // pot's set-hosts writes through a temp file with a fixed name: a second one while the first runs fails.
    const colliding = `${logPrelude(log)}
if (args[0] === 'set-hosts') {
  const fs = require('node:fs');
  try {
    fs.closeSync(fs.openSync(${JSON.stringify(busy)}, 'wx'));
  } catch {
    process.stderr.write('mktemp: mkstemp failed on ${busy}: File exists\\n');
    process.exit(1);
  }
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  fs.unlinkSync(${JSON.stringify(busy)});
}`;
    await withPlugin(async (plugin) => {
      await configureEmulator(plugin, { pot_bin: writeStubPot(work, 'hosts-pot', colliding) });
      const starts = Array.from({ length: 20 }, (_, i) => {
        const alloc = newAlloc();
        const invocation = `7e8d9c${String(i).padStart(2, '0')}`;
        const config = { ...IMAGE, command: 'true', extra_hosts: [`db${i}.internal:10.0.0.${i + 1}`] };
        return unary(plugin.clients.driver, 'StartTask', startRequest(alloc, invocation, config)).then(() => `${alloc.allocId}/web/${invocation}`);
      });
      const ids = await Promise.all(starts);
      assert.equal(loggedCalls(log).filter((argv) => argv[0] === 'set-hosts').length, 20);
      for (const id of ids) {
        assert.deepEqual(await unary(plugin.clients.driver, 'WaitTask', { task_id: id }), { result: { exit_code: 0, signal: 0, oom_killed: false }, err: '' });
        await unary(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true });
      }
    });
  });
});

describe('CPU cores', () => {
  test('cores reserved by Nomad pin the jail to as many CPUs with set-rss -C, before start', async () => {
    const alloc = newAlloc();
    const log = path.join(work, 'cores.jsonl');
    appendFileSync(log, '');
    await withPlugin(async (plugin) => {
      await configureEmulator(plugin, { pot_bin: writeWrappedPot(work, 'cores-pot', emulatorRoot, logPrelude(log)) });
      const invocation = '8e9dac0b';
      const id = `${alloc.allocId}/web/${invocation}`;
      const name = potName('web', invocation, alloc.allocId);
      const resources = {
        allocated_resources: { cpu: { cpu_shares: 0 }, memory: { memory_mb: 64 } },
        linux_resources: { cpu_shares: 0, memory_limit_bytes: 64 * 1024 * 1024, cpuset_cpus: '2,3' },
      };
      await unary(plugin.clients.driver, 'StartTask', startRequest(alloc, invocation, { ...IMAGE, command: 'true' }, { resources }));
      await unary(plugin.clients.driver, 'WaitTask', { task_id: id });
      const calls = loggedCalls(log);
      const rss = calls.findIndex((argv) => argv[0] === 'set-rss');
      assert.deepEqual(calls[rss], ['set-rss', '-M', '64M', '-C', '2', '-p', name]);
      assert.deepEqual(calls[rss + 1], ['start', name]);
      await unary(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true });
    });
  });
});
