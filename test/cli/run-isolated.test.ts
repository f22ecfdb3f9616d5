/** `pot-nomad run` on the emulator's isolated jails: the README's examples, and nothing left after a supervisor's kill -9. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { accepts, httpGetEventually, isolationSkip, jailRecord, processesIn } from '../emulator/jail-harness.js';
import { alive, EMULATOR, potList, record, runIdOf, sandboxesFor, type Sandbox, until } from './run-harness.js';

const skip = isolationSkip();

/** The CLI run from the repository's top directory, as the README's commands are. */
function cli(box: Sandbox, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = args;
  const child = spawn(process.execPath, [join(ROOT, 'bin/pot-nomad.js'), command!, '--data-dir', box.dataDir, ...rest], { cwd: ROOT, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('pot-nomad run with isolated jails', { skip }, () => {
  const box = sandboxesFor(after);

  it('runs the README\'s example job as written for pot, and leaves nothing behind after a kill -9 of its supervisor and a stop', async () => {
    const b = box('isolated-web');
    const r = await cli(b, ['run', '-d', '--emulate', 'fixtures/jobs/isolated-web.nomad.hcl']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stderr,
      `Using the built-in pot emulator (${EMULATOR}); its pots live in ${b.potRoot}; its jails are isolated with bubblewrap\n` +
        'note: service registration (fixtures/jobs/isolated-web.nomad.hcl:19) needs a cluster: services are not registered in Consul or Nomad; their checks run here and show in status\n',
    );
    const id = runIdOf(r.stdout);
    const rec = record(b, id);
    const alloc = rec.allocs[0]!;
    const port = alloc.ports.find((p) => p.label === 'http')!.hostPort;
    const site = join(ROOT, 'fixtures/isolated-web');
    assert.equal(await httpGetEventually(port, '/'), readFileSync(join(site, 'index.html'), 'utf8'));
    assert.equal(await httpGetEventually(port, '/static/style.txt'), readFileSync(join(site, 'static/style.txt'), 'utf8'));
    const greeting = await cli(b, ['exec', 'server', '--', 'cat', '/local/greeting.txt']);
    assert.deepEqual([greeting.status, greeting.stdout], [0, `Hello from allocation ${alloc.id}\n`]);
    const readOnly = await cli(b, ['exec', 'server', '--', 'touch', '/usr/local/www/static/new']);
    assert.deepEqual([readOnly.status, readOnly.stderr], [1, "touch: cannot touch '/usr/local/www/static/new': Read-only file system\n"]);
    assert.ok(await until(() => record(b, id).allocs[0]!.checks?.[0]?.status === 'passing'), JSON.stringify(record(b, id).allocs[0]!.checks));

    const potName = record(b, id).allocs[0]!.tasks[0]!.potName!;
    const jail = jailRecord(b.potRoot, potName);
    process.kill(rec.supervisorPid!, 'SIGKILL');
    assert.ok(await until(() => !alive(rec.supervisorPid!)));
    // the jail outlives its supervisor, as a real one outlives the Nomad client
    assert.notEqual(await httpGetEventually(port, '/'), undefined);

    const stopped = await cli(b, ['stop', id]);
    assert.equal(stopped.status, 0, stopped.stderr);
    assert.deepEqual(processesIn(jail.pidNamespace), []);
    for (const dir of jail.cgroups) assert.equal(existsSync(dir), false, dir);
    assert.equal(await accepts(port), false);
    assert.deepEqual(potList(b), []);
  });

  it('runs the Go driver README\'s nginx job with only its program (and its host paths) changed', async () => {
    const b = box('isolated-nginx');
    const web = join(b.dir, 'web');
    mkdirSync(join(web, 'www'), { recursive: true });
    writeFileSync(join(web, 'nginx.conf'), 'worker_processes 1;\n');
    writeFileSync(join(web, 'www', 'index.html'), '<h1>nginx example</h1>\n');
    const original = readFileSync(join(ROOT, 'fixtures/jobs/nginx.hcl'), 'utf8');
    const job = original
      .replace('command = "nginx"', 'command = "python3"')
      .replace(`args = ["-g","'daemon off;'"]`, 'args = ["-m", "http.server", "80", "--directory", "/mnt"]')
      .replaceAll('/mnt/s3/web', web);
    assert.notEqual(job, original);
    const file = join(b.dir, 'nginx.hcl');
    writeFileSync(file, job);
    const r = await cli(b, ['run', '-d', '--emulate', file]);
    assert.equal(r.status, 0, r.stderr);
    const id = runIdOf(r.stdout);
    const port = record(b, id).allocs[0]!.ports.find((p) => p.label === 'http')!.hostPort;
    assert.equal(await httpGetEventually(port, '/'), '<h1>nginx example</h1>\n');
    const conf = await cli(b, ['exec', 'www1', '--', 'cat', '/usr/local/etc/nginx/nginx.conf']);
    assert.deepEqual([conf.status, conf.stdout], [0, 'worker_processes 1;\n']);
    assert.equal((await cli(b, ['stop', id])).status, 0);
    assert.equal(await accepts(port), false);
  });
});
