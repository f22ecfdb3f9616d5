/** The stdio guards run in a child process: taking over stdout here would take over the test reporter's. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import '../helpers/reaper.js';

const GUARDS = new URL('../../src/plugin/process-guards.js', import.meta.url).href;
const LOG = new URL('../../src/plugin/log.js', import.meta.url).href;

function run(script: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('process guards', () => {
  test('after the handshake, stray stdout and stderr output become hclog lines on stderr', () => {
    const { stdout, stderr, status } = run(`
      import { captureStdio } from ${JSON.stringify(GUARDS)};
      import { createLogger } from ${JSON.stringify(LOG)};
      const log = createLogger({ module: 'pot' });
      const writeStdout = captureStdio(log);
      writeStdout('1|2|unix|/tmp/x.sock|grpc\\n');
      console.log('hello from a library');
      process.stdout.write('two\\nlines\\n', () => console.error('callback ran'));
      console.warn('careful');
    `);
    assert.equal(status, 0);
    assert.equal(stdout, '1|2|unix|/tmp/x.sock|grpc\n');
    const entries = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      entries.map((e) => [e['@level'], e['@message'], e.output]),
      [
        ['info', 'stray output on stdout', 'hello from a library'],
        ['info', 'stray output on stdout', 'two'],
        ['info', 'stray output on stdout', 'lines'],
        ['warn', 'stray output on stderr', 'careful'],
        ['warn', 'stray output on stderr', 'callback ran'],
      ],
    );
  });

  test('a broken stdout or stderr pipe does not end the process', () => {
    const { stdout, status } = run(`
      import { ignoreBrokenPipes } from ${JSON.stringify(GUARDS)};
      ignoreBrokenPipes();
      const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      process.stdout.emit('error', err);
      process.stderr.emit('error', err);
      process.stdout.write('still here\\n');
    `);
    assert.equal(status, 0);
    assert.equal(stdout, 'still here\n');
  });

  test('uncaught failures are logged; before the handshake they end the process with code 1', () => {
    const after = run(`
      import { logUncaught } from ${JSON.stringify(GUARDS)};
      import { createLogger } from ${JSON.stringify(LOG)};
      logUncaught(createLogger(), () => false);
      setTimeout(() => { throw new Error('late boom'); }, 0);
      Promise.reject(new Error('lost promise'));
      setTimeout(() => console.error('{"alive":true}'), 20);
    `);
    assert.equal(after.status, 0);
    const lines = after.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((e) => [e['@level'] ?? null, e['@message'] ?? null, e.error ?? e.alive]),
      [
        ['error', 'unhandled promise rejection', 'lost promise'],
        ['error', 'uncaught exception', 'late boom'],
        [null, null, true],
      ],
    );
    const before = run(`
      import { logUncaught } from ${JSON.stringify(GUARDS)};
      import { createLogger } from ${JSON.stringify(LOG)};
      logUncaught(createLogger(), () => true);
      throw new Error('early boom');
    `);
    assert.equal(before.status, 1);
    assert.equal((JSON.parse(before.stderr.trim()) as Record<string, unknown>).error, 'early boom');
  });
});
