import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, NOT_STARTED_BY_NOMAD_MESSAGE } from '../../src/plugin/handshake.js';
import { CLI, runCli } from '../helpers/cli.js';

test('pot-nomad plugin without Nomad\'s cookie explains itself and exits 1', () => {
  const result = runCli(['plugin']);
  assert.deepEqual(result, { status: 1, stdout: '', stderr: NOT_STARTED_BY_NOMAD_MESSAGE });
});

test('pot-nomad plugin with Nomad\'s cookie serves and prints the handshake', async () => {
  const socketDir = mkdtempSync(path.join(tmpdir(), 'pn-cli-'));
  const child = spawn(process.execPath, [CLI, 'plugin'], {
    env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '2', PLUGIN_UNIX_SOCKET_DIR: socketDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before the handshake`)));
    });
    assert.match(line, /^1\|2\|unix\|\/.+\.sock\|grpc$/);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    assert.deepEqual(await exited, { code: 0, signal: null });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(socketDir, { recursive: true, force: true });
  }
});
