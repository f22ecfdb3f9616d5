/**
 * The launchers run the bundles in build/ with their code caches, and the plain build in dist/ when the bundles
 * cannot be used. Both must behave the same: the same output, exit codes and gRPC answers for the same input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { startPlugin, unary } from '../plugin/harness.js';

const CLI = path.join(ROOT, 'bin/pot-nomad.js');
const EMULATOR = path.join(ROOT, 'bin/pot-emulator.js');
const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const LOAD_LINE = /^pot-nomad: [\w-]+ from (build\/|the plain build)/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `plain`: the plain build, forced; otherwise whatever the launcher picks, which it names on stderr. */
function run(bin: string, args: string[], plain: boolean, env: Record<string, string> = {}): Run & { loaded: string; parts: string[] } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', POT_NOMAD_TRACE_LOAD: '1', POT_NOMAD_PLAIN: plain ? '1' : '', ...env },
  });
  const lines = r.stderr.split('\n');
  // The loader's lines: the entry point's first, then any part of it the run loaded.
  const loads = lines.filter((line) => LOAD_LINE.test(line));
  return { status: r.status, stdout: r.stdout, stderr: lines.filter((line) => !LOAD_LINE.test(line)).join('\n'), loaded: loads[0] ?? '', parts: loads.slice(1) };
}

describe('the bundles made by the build', () => {
  it('exist for every entry point, each with its code cache, newer than the TypeScript build', () => {
    const tsc = statSync(path.join(ROOT, 'dist/.tsbuildinfo')).mtimeMs;
    for (const name of ['cli', 'cli-declarations', 'plugin', 'plugin-driver', 'emulator']) {
      const bundle = statSync(path.join(ROOT, `build/${name}.cjs`)).mtimeMs;
      assert.ok(bundle >= tsc, `build/${name}.cjs is older than dist/.tsbuildinfo`);
      assert.ok(statSync(path.join(ROOT, `build/${name}.cjs.cache`)).mtimeMs >= bundle, `build/${name}.cjs.cache is older than its bundle`);
    }
  });

  it('are what the launchers run, with the code cache V8 accepts', () => {
    assert.equal(run(CLI, ['--version'], false).loaded, 'pot-nomad: cli-declarations from build/cli-declarations.cjs, code cache accepted');
    assert.equal(run(CLI, ['plan', 'fixtures/jobs/nginx.hcl'], false).loaded, 'pot-nomad: cli from build/cli.cjs, code cache accepted');
    assert.equal(run(EMULATOR, ['version'], false).loaded, 'pot-nomad: emulator from build/emulator.cjs, code cache accepted');
    assert.equal(run(CLI, ['--version'], true).loaded, 'pot-nomad: cli-declarations from the plain build (dist/src/cli/main.js): POT_NOMAD_PLAIN=1');
    assert.equal(run(CLI, ['plan', 'fixtures/jobs/nginx.hcl'], true).loaded, 'pot-nomad: cli from the plain build (dist/src/cli/main.js): POT_NOMAD_PLAIN=1');
  });
});

describe('the CLI bundle and the plain build', () => {
  // Help and the version start from the declarations alone; a command starts from the whole CLI, and one the
  // launcher took for a request for help (an option's value of -h) loads it as a part.
  const DECLARATIONS = 'pot-nomad: cli-declarations from build/cli-declarations.cjs, code cache accepted';
  const WHOLE = 'pot-nomad: cli from build/cli.cjs, code cache accepted';
  const cases: [string, string[], string, string[]][] = [
    ['--help', ['--help'], DECLARATIONS, []],
    ['--version', ['--version'], DECLARATIONS, []],
    ['no arguments', [], DECLARATIONS, []],
    ['a command\'s help', ['plan', '-h'], DECLARATIONS, []],
    ['an unknown command', ['frobnicate'], WHOLE, []],
    ['an option\'s bad value', ['plan', '--pot-version', '0.1', 'fixtures/jobs/nginx.hcl'], WHOLE, []],
    ['a command with -h as an option\'s value', ['validate', 'fixtures/jobs/nginx.hcl', '--config', '-h'], DECLARATIONS, [WHOLE]],
    ['validate of a valid job', ['validate', 'fixtures/jobs/nginx.hcl'], WHOLE, []],
    ['validate of a job with errors', ['validate', 'fixtures/invalid/several-errors.hcl'], WHOLE, []],
    ['plan of a job with a syntax error', ['plan', 'fixtures/invalid/syntax-error.hcl'], WHOLE, []],
    ['plan in JSON', ['plan', '-o', 'json', 'fixtures/jobs/nginx.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d', '--port', 'http=27415'], WHOLE, []],
    ['plan as text, with functions and templates', ['plan', 'fixtures/jobs/functions.nomad.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d'], WHOLE, []],
    ['plan of a job in JSON syntax', ['plan', 'fixtures/jobs/nginx.nomad.json', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d', '--port', 'http=27415'], WHOLE, []],
  ];
  for (const [name, args, loaded, parts] of cases) {
    it(`agree on ${name}`, () => {
      const bundled = run(CLI, args, false);
      const plain = run(CLI, args, true);
      assert.equal(bundled.loaded, loaded);
      assert.deepEqual(bundled.parts, parts);
      assert.deepEqual(plain.parts, []);
      assert.deepEqual({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }, { status: plain.status, stdout: plain.stdout, stderr: plain.stderr });
    });
  }
});

describe('the emulator bundle and the plain build', () => {
  const roots = { bundled: mkdtempSync(path.join(tmpdir(), 'pn-bundle-')), plain: mkdtempSync(path.join(tmpdir(), 'pn-plain-')) };
  after(() => {
    for (const root of Object.values(roots)) rmSync(root, { recursive: true, force: true });
  });

  it('agree on the life of a pot, from prepare to destroy', () => {
    const pot = 'bundle_1';
    const steps = [
      ['version'],
      ['prepare', '-U', 'https://potluck.example/registry', '-p', 'bundle', '-t', '1.0', '-c', '"/bin/sh -c \'echo hi; exit 3\'"', '-a', '1', '-n', 'bundle', '-v'],
      ['set-env', '-p', pot, '-E', 'GREETING=hello'],
      ['set-rss', '-M', '64M', '-p', pot],
      ['ls', '-q'],
      ['start', pot],
      ['last-run-stats', '-p', pot],
      ['get-attr', '-p', pot, '-A', 'persistent'],
      ['frobnicate'],
      ['destroy', '-p', pot, '-F'],
      ['ls', '-q'],
    ];
    for (const step of steps) {
      const bundled = run(EMULATOR, step, false, { POT_EMULATOR_ROOT: roots.bundled });
      const plain = run(EMULATOR, step, true, { POT_EMULATOR_ROOT: roots.plain });
      assert.equal(bundled.loaded, 'pot-nomad: emulator from build/emulator.cjs, code cache accepted');
      // The state root is part of some messages.
      const same = (r: Run, root: string): Run => ({ status: r.status, stdout: r.stdout.replaceAll(root, '<root>'), stderr: r.stderr.replaceAll(root, '<root>') });
      assert.deepEqual(same(bundled, roots.bundled), same(plain, roots.plain), `pot ${step.join(' ')}`);
    }
  });
});

describe('the plugin bundle and the plain build', () => {
  it('answer the first calls of a Nomad agent alike', async () => {
    const answers = async (plain: boolean): Promise<unknown[]> => {
      const plugin = await startPlugin({ env: { POT_NOMAD_PLAIN: plain ? '1' : '', POT_NOMAD_TRACE_LOAD: '1' } });
      try {
        const { base, driver, health } = plugin.clients;
        return [
          plugin.stderrLines()[0],
          await unary(health, 'Check', { service: 'plugin' }),
          await unary(base, 'PluginInfo'),
          await unary(base, 'ConfigSchema'),
          await unary(driver, 'TaskConfigSchema'),
          await unary(driver, 'Capabilities'),
        ];
      } finally {
        await plugin.close();
      }
    };
    const [bundledLoad, ...bundled] = await answers(false);
    const [plainLoad, ...plain] = await answers(true);
    assert.equal(bundledLoad, 'pot-nomad: plugin from build/plugin.cjs, code cache accepted');
    assert.equal(plainLoad, 'pot-nomad: plugin from the plain build (dist/src/plugin/main.js): POT_NOMAD_PLAIN=1');
    assert.deepEqual(bundled, plain);
  });
});
