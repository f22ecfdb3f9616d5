/**
 * `pot-nomad run -d` against the pot emulator: the supervisor runs the tasks after the command has
 * returned, every run gets its own ports and pots, a pot that cannot start fails the command, and a
 * stop request ends a run with each task's kill signal and kill timeout.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { alive, EMULATOR, potList, record, requestStop, runCliAsync, runIdOf, sandboxesFor, TEST_IMAGE as IMAGE, until, writeJob, writeScript } from './run-harness.js';
import { probeNamespaces } from '../../src/cli/runtime/isolation.js';


const box = sandboxesFor(after);

/** The status of a GET on 127.0.0.1:port, 0 when nothing answers. */
function get(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function getUntil(port: number, want: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await get(port);
    if (got === want || Date.now() > deadline) return got;
    await sleep(100);
  }
}

function loopJob(name: string): string {
  return `job "${name}" {
  group "app" {
    network {
      port "http" {}
    }
    task "loop" {
      driver = "pot"
      config {
        ${IMAGE}
        command      = "/bin/sh"
        args         = ["-c", "'echo listening on $NOMAD_PORT_http; while true; do sleep 0.2; done'"]
        network_mode = "host"
      }
      kill_timeout = "1s"
    }
  }
}
`;
}

describe('pot-nomad run -d', () => {
  // The emulator runs a jail's command on the host, with pot's default PATH.
  const python = ['/bin', '/usr/bin', '/usr/local/bin'].some((dir) => existsSync(`${dir}/python3`));
  it('leaves an http server answering on its allocated port, with its logs in the log files and its check passing', { skip: python ? false : 'python3 is not installed' }, async () => {
    const b = box('http');
    const job = writeJob(
      b,
      'http',
      `job "http" {
  group "web" {
    network {
      port "http" {}
    }
    service {
      name     = "web"
      port     = "http"
      provider = "nomad"
      check {
        type     = "tcp"
        interval = "1s"
        timeout  = "1s"
      }
    }
    task "server" {
      driver = "pot"
      config {
        ${IMAGE}
        command      = "python3"
        args         = ["-m", "http.server", "--bind", "127.0.0.1", "\${NOMAD_PORT_http}"]
        network_mode = "host"
      }
      kill_timeout = "2s"
    }
  }
}
`,
    );
    const r = await runCliAsync(b, ['run', '-d', '--emulate', '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 0, r.stderr);
    // by default the emulator's jails are isolated where this machine can, and a line says why not where it cannot
    const unavailable = probeNamespaces();
    assert.equal(
      r.stderr,
      (unavailable === undefined
        ? `Using the built-in pot emulator (${EMULATOR}); its pots live in ${b.potRoot}; its jails are isolated with bubblewrap\n`
        : `Using the built-in pot emulator (${EMULATOR}); its pots live in ${b.potRoot}\n` +
          `Jails are not isolated (${unavailable.reason}): tasks see the host's files and network, mount_read_only is writable, ` +
          `port_map is not forwarded and memory limits are not applied; to isolate them: ${unavailable.remedy}\n`) +
        `note: service registration (${job}:6) needs a cluster: services are not registered in Consul or Nomad; their checks run here and show in status\n`,
    );
    const id = runIdOf(r.stdout);
    assert.match(id, /^http-[0-9a-f]{6}$/);
    assert.match(r.stdout, new RegExp(`^  pot-nomad stop ${id} --data-dir ${b.dataDir}  +stop every task$`, 'm'));
    const rec = record(b, id);
    assert.equal(rec.status, 'running');
    assert.equal(rec.backend, 'emulator');
    assert.equal(rec.emulatorRoot, b.potRoot);
    assert.equal(rec.jobFile, job);
    assert.ok(alive(rec.supervisorPid!), 'the supervisor is not running');
    const alloc = rec.allocs[0]!;
    const task = alloc.tasks[0]!;
    assert.equal(task.state, 'running');
    assert.deepEqual(potList(b), [task.potName]);
    assert.equal(task.stderrPath, `${alloc.dir}/alloc/logs/server.stderr.0`);
    const port = alloc.ports.find((p) => p.label === 'http')!.hostPort;
    assert.ok(port >= 20000 && port <= 32000, `port ${port}`);

    assert.equal(await getUntil(port, 200), 200, `nothing answered on 127.0.0.1:${port}`);
    assert.ok(await until(() => readFileSync(task.stderrPath, 'utf8').includes('"GET / HTTP/1.1" 200')), 'the request is not in the task\'s stderr log');
    assert.ok(await until(() => record(b, id).allocs[0]!.checks?.[0]?.status === 'passing'), 'the check did not pass');
    assert.deepEqual(record(b, id).allocs[0]!.checks, [{ service: 'web', name: 'service: check tcp', type: 'tcp', status: 'passing', output: `TCP connect 127.0.0.1:${port}: Success` }]);

    const stopped = await requestStop(b, id);
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.allocs[0]!.status, 'stopped');
    assert.equal(stopped.allocs[0]!.tasks[0]!.state, 'dead');
    assert.equal(stopped.allocs[0]!.tasks[0]!.failed, false);
    assert.deepEqual(potList(b), []);
    assert.equal(await get(port), 0);
  });

  it('gives ten runs started at once distinct ports and pots, and runs them all', async () => {
    const b = box('ten');
    const jobs = Array.from({ length: 10 }, (_, i) => writeJob(b, `loop${i}`, loopJob(`loop${i}`)));
    const results = await Promise.all(jobs.map((job) => runCliAsync(b, ['run', '-d', '--emulate', '--data-dir', b.dataDir, job])));
    for (const r of results) assert.equal(r.status, 0, r.stderr);
    const recs = results.map((r) => record(b, runIdOf(r.stdout)));
    const ports = recs.map((rec) => rec.allocs[0]!.ports[0]!.hostPort);
    const pots = recs.map((rec) => rec.allocs[0]!.tasks[0]!.potName);
    assert.equal(new Set(ports).size, 10, `ports: ${ports.join(' ')}`);
    assert.equal(new Set(pots).size, 10);
    assert.deepEqual(potList(b).sort(), [...pots].sort());
    for (const rec of recs) {
      assert.equal(rec.status, 'running');
      assert.equal(rec.allocs[0]!.tasks[0]!.state, 'running');
    }
    for (const rec of recs) {
      const log = rec.allocs[0]!.tasks[0]!.stdoutPath;
      const want = `listening on ${rec.allocs[0]!.ports[0]!.hostPort}\n`;
      assert.ok(await until(() => readFileSync(log, 'utf8').includes(want)), `${rec.id}: no "${want.trim()}" in ${log}`);
    }
  });

  it('exits 1 with pot\'s own error when a task cannot be started', async () => {
    const b = box('fail');
    const pot = writeScript(
      b,
      'failing-pot',
      `#!/bin/sh
case "$1" in
  prepare) echo "###>  image base-amd64-14_1 not found in https://potluck.example/img"; exit 1 ;;
  *) exit 0 ;;
esac
`,
    );
    const job = writeJob(b, 'web', `job "web" {\n  group "web" {\n    task "web" {\n      driver = "pot"\n      config {\n        ${IMAGE}\n        command = "/bin/true"\n      }\n    }\n  }\n}\n`);
    const r = await runCliAsync(b, ['run', '-d', '--pot-bin', pot, '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n');
    assert.equal(lines[0], `Using pot at ${pot}`);
    assert.match(
      lines[1]!,
      /^error: task "web" \(web\[0\], alloc [0-9a-f]{8}\) could not be started: cannot start jail web_[0-9a-f]{8}_[0-9a-f-]{36}: pot prepare failed \(exit 1\): image base-amd64-14_1 not found in https:\/\/potluck\.example\/img$/,
    );
    assert.match(lines[2]!, new RegExp(`^See "pot-nomad status web-[0-9a-f]{6} --data-dir ${b.dataDir}" for the whole run\\.$`));
    const [rec] = [record(b, /status (\S+)/.exec(lines[2]!)![1]!)];
    const task = rec.allocs[0]!.tasks[0]!;
    assert.equal(task.state, 'dead');
    assert.equal(task.failed, true);
    assert.equal(task.startedAt, undefined);
    assert.ok(await until(() => record(b, rec.id).status === 'failed'));
  });

  it('stops on request: a task that traps SIGINT exits cleanly, one that ignores it is killed after its kill_timeout', async () => {
    const b = box('signals');
    const job = writeJob(
      b,
      'signals',
      `job "signals" {
  group "signals" {
    task "graceful" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'trap \\"echo got SIGINT; exit 0\\" INT; echo running; while true; do sleep 0.2; done'"]
      }
      kill_timeout = "5s"
    }
    task "stubborn" {
      driver = "pot"
      config {
        ${IMAGE}
        command = "/bin/sh"
        args    = ["-c", "'trap \\"\\" INT; trap \\"echo got SIGTERM; exit 143\\" TERM; echo ignoring; while true; do sleep 0.2; done'"]
      }
      kill_timeout = "2s"
    }
  }
}
`,
    );
    const r = await runCliAsync(b, ['run', '-d', '--emulate', '--data-dir', b.dataDir, job]);
    assert.equal(r.status, 0, r.stderr);
    const id = runIdOf(r.stdout);
    const [graceful, stubborn] = record(b, id).allocs[0]!.tasks;
    assert.ok(await until(() => readFileSync(graceful!.stdoutPath, 'utf8').includes('running\n') && readFileSync(stubborn!.stdoutPath, 'utf8').includes('ignoring\n')));

    const stopped = await requestStop(b, id);
    assert.equal(stopped.status, 'stopped');
    const [g, s] = stopped.allocs[0]!.tasks;
    assert.deepEqual([g!.state, g!.failed, g!.exitCode, g!.signal], ['dead', false, 0, undefined]);
    // SIGINT left it running; SIGKILL after kill_timeout ended it, and pot recorded that.
    assert.deepEqual([s!.state, s!.failed, s!.exitCode, s!.signal], ['dead', false, 137, 9]);
    assert.match(readFileSync(g!.stdoutPath, 'utf8'), /got SIGINT\n/);
    assert.doesNotMatch(readFileSync(s!.stdoutPath, 'utf8'), /got SIGTERM/);
    const messages = (t: typeof g) => t!.events.map((e) => e.message);
    assert.ok(messages(g).includes('Sent SIGINT. Waiting 5s before force killing'), messages(g).join('\n'));
    assert.ok(messages(s).includes('Sent SIGINT. Waiting 2s before force killing'), messages(s).join('\n'));
    assert.ok(messages(g).includes('Exit Code: 0'));
    assert.ok(messages(s).includes('Task successfully killed'));
    assert.deepEqual(potList(b), []);
  });
});
