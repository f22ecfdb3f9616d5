/**
 * When the bundles cannot be used, the launchers run the plain build, and a code cache that does not fit is never
 * used: each case in a copy of the package whose build/ the test arranges (dist/ and node_modules/ are linked).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';

const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const LOAD_LINE = /^pot-nomad: [\w-]+ from (build\/|the plain build)/;
const PLAN = ['plan', '-o', 'json', 'fixtures/jobs/nginx.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d', '--port', 'http=27415'];
const copies: string[] = [];

/** A copy of the package: its own bin/ and build/, the real dist/, node_modules/, proto/ and fixtures/. */
function packageCopy(withBuild: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pn-fallback-'));
  copies.push(dir);
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const linked of ['dist', 'node_modules', 'proto', 'fixtures']) symlinkSync(path.join(ROOT, linked), path.join(dir, linked));
  if (withBuild) {
    mkdirSync(path.join(dir, 'build'));
    for (const name of ['cli.cjs', 'cli.cjs.cache', 'cli-declarations.cjs', 'cli-declarations.cjs.cache', 'emulator.cjs', 'emulator.cjs.cache']) {
      copyFileSync(path.join(ROOT, 'build', name), path.join(dir, 'build', name));
      utimesSync(path.join(dir, 'build', name), statSync(path.join(ROOT, 'build', name)).atime, statSync(path.join(ROOT, 'build', name)).mtime);
    }
  }
  return dir;
}

function run(dir: string, bin: string, args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string; parts: string[] } {
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', bin), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', POT_NOMAD_TRACE_LOAD: '1', POT_NOMAD_PLAIN: '', POT_EMULATOR_ROOT: path.join(dir, 'pots') },
  });
  const lines = r.stderr.split('\n');
  // The loader's lines: the entry point's first, then any part of it the run loaded.
  const loads = lines.filter((line) => LOAD_LINE.test(line));
  return { status: r.status, stdout: r.stdout, stderr: lines.filter((line) => !LOAD_LINE.test(line)).join('\n'), loaded: loads[0] ?? '', parts: loads.slice(1) };
}

/** What the plain build of the real package prints. */
function expected(args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/pot-nomad.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', POT_NOMAD_PLAIN: '1' },
  });
  return { status: r.status, stdout: r.stdout };
}

after(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('the launchers fall back to the plain build', () => {
  it('when there is no build/ (an install whose bundling failed)', () => {
    const dir = packageCopy(false);
    const r = run(dir, 'pot-nomad.js', PLAN);
    assert.equal(r.loaded, 'pot-nomad: cli from the plain build (dist/src/cli/main.js): no bundle');
    assert.deepEqual({ status: r.status, stdout: r.stdout }, expected(PLAN));
    const e = run(dir, 'pot-emulator.js', ['version']);
    assert.equal(e.loaded, 'pot-nomad: emulator from the plain build (dist/src/emulator/main.js): no bundle');
    assert.deepEqual({ status: e.status, stdout: e.stdout }, { status: 0, stdout: 'pot version: 0.16.0\n' });
  });

  it('for help when the whole CLI, which the declarations load when a command runs, is missing', () => {
    const dir = packageCopy(true);
    rmSync(path.join(dir, 'build/cli.cjs'));
    const help = run(dir, 'pot-nomad.js', ['--help']);
    assert.equal(help.loaded, 'pot-nomad: cli-declarations from the plain build (dist/src/cli/main.js): build/cli.cjs: no bundle');
    assert.deepEqual(help.parts, []);
    assert.deepEqual({ status: help.status, stdout: help.stdout }, expected(['--help']));
    const r = run(dir, 'pot-nomad.js', PLAN);
    assert.equal(r.loaded, 'pot-nomad: cli from the plain build (dist/src/cli/main.js): no bundle');
    assert.deepEqual({ status: r.status, stdout: r.stdout }, expected(PLAN));
  });

  it('when the bundle is older than the TypeScript build (tsc ran after the bundling)', () => {
    const dir = packageCopy(true);
    const tsc = statSync(path.join(ROOT, 'dist/.tsbuildinfo')).mtime;
    const before = new Date(tsc.getTime() - 60_000);
    utimesSync(path.join(dir, 'build/cli.cjs'), before, before);
    const r = run(dir, 'pot-nomad.js', PLAN);
    assert.equal(r.loaded, 'pot-nomad: cli from the plain build (dist/src/cli/main.js): the bundle is older than the TypeScript build');
    assert.deepEqual({ status: r.status, stdout: r.stdout }, expected(PLAN));
  });
});

describe('a code cache that does not fit its bundle', () => {
  it('is not used when it is older than the bundle, since V8 would check only its length', () => {
    const dir = packageCopy(true);
    const bundle = statSync(path.join(dir, 'build/cli.cjs')).mtime;
    const before = new Date(bundle.getTime() - 60_000);
    utimesSync(path.join(dir, 'build/cli.cjs.cache'), before, before);
    const r = run(dir, 'pot-nomad.js', PLAN);
    assert.equal(r.loaded, 'pot-nomad: cli from build/cli.cjs, no code cache');
    assert.deepEqual(r.parts, []);
    assert.deepEqual({ status: r.status, stdout: r.stdout }, expected(PLAN));
  });

  it('costs only the compilation when V8 rejects it', () => {
    const dir = packageCopy(true);
    writeFileSync(path.join(dir, 'build/emulator.cjs.cache'), Buffer.alloc(4096, 7));
    const r = run(dir, 'pot-emulator.js', ['version']);
    assert.equal(r.loaded, 'pot-nomad: emulator from build/emulator.cjs, code cache rejected');
    assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, { status: 0, stdout: 'pot version: 0.16.0\n', stderr: '' });
  });
});
