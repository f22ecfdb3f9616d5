/**
 * V8's cache of each bundle's compiled code, made on the machine that runs it: each entry point is run through its
 * real launcher a few times with POT_NOMAD_WRITE_CODE_CACHE=1, and every run writes the cache it loaded plus what
 * it compiled itself, so the cache ends up holding the functions of all the warm-up runs. A later start then
 * deserialises the bytecode instead of parsing and compiling the JavaScript.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntryName } from './bundle.js';
import { warmPlugin } from './warm-plugin.js';

export interface WarmUp {
  /** Arguments to the launcher. */
  args: string[];
  /** Exit codes the run may end with. */
  exits: number[];
}

const SEED_JOB = 'fixtures/jobs/nginx.hcl';
const HELLO_JOB = 'fixtures/jobs/hello.nomad.hcl';
const POT = 'warm_1';

/** The CLI's commands that are judged by their start-up: validate, plan in both outputs. */
const CLI_WARM_UPS: WarmUp[] = [
  { args: ['validate', SEED_JOB], exits: [0] },
  { args: ['plan', SEED_JOB, '-o', 'json'], exits: [0, 1] },
  { args: ['plan', HELLO_JOB], exits: [0, 1] },
];

/** What the launcher runs with the CLI's declarations alone. */
const DECLARATIONS_WARM_UPS: WarmUp[] = [
  { args: ['--help'], exits: [0] },
  { args: ['--version'], exits: [0] },
];

/** One task's life on the emulator, in the order the driver calls pot, in a state root of its own. */
const EMULATOR_WARM_UPS: WarmUp[] = [
  { args: ['version'], exits: [0] },
  { args: ['prepare', '-U', 'https://potluck.example/registry', '-p', 'warm', '-t', '1.0', '-c', '"/bin/sh -c true"', '-a', '1', '-n', 'warm', '-v'], exits: [0] },
  { args: ['mount-in', '-p', POT, '-d', tmpdir(), '-m', '/local'], exits: [0] },
  { args: ['set-env', '-p', POT, '-E', 'NOMAD_TASK_NAME=warm'], exits: [0] },
  { args: ['set-rss', '-M', '32M', '-p', POT], exits: [0] },
  { args: ['start', POT], exits: [0] },
  { args: ['ls', '-q'], exits: [0] },
  { args: ['info', '-p', POT], exits: [0] },
  { args: ['get-rss', '-p', POT, '-J'], exits: [0, 1] },
  { args: ['last-run-stats', '-p', POT], exits: [0] },
  { args: ['destroy', '-p', POT, '-F'], exits: [0] },
];

export async function makeCodeCache(root: string, name: EntryName): Promise<void> {
  const env = { ...process.env, POT_NOMAD_WRITE_CODE_CACHE: '1', POT_NOMAD_PLAIN: '', NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '' };
  switch (name) {
    case 'cli':
      for (const w of CLI_WARM_UPS) await run(root, 'bin/pot-nomad.js', w, env);
      return;
    case 'cli-declarations':
      for (const w of DECLARATIONS_WARM_UPS) await run(root, 'bin/pot-nomad.js', w, env);
      return;
    case 'emulator': {
      const state = mkdtempSync(path.join(tmpdir(), 'pot-nomad-build-'));
      try {
        for (const w of EMULATOR_WARM_UPS) await run(root, 'bin/pot-emulator.js', w, { ...env, POT_EMULATOR_ROOT: state });
      } finally {
        rmSync(state, { recursive: true, force: true });
      }
      return;
    }
    case 'plugin':
      return warmPlugin(path.join(root, 'bin/pot-nomad.js'), env);
    case 'plugin-driver':
      // A part: the warm-up runs of the entry point that loads it make its cache.
      return;
  }
}

function run(root: string, launcher: string, w: WarmUp, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...w.args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code !== null && w.exits.includes(code)) resolve();
      else reject(new Error(`warming the code cache: ${launcher} ${w.args.join(' ')} exited ${code ?? signal}\n${stderr}`));
    });
  });
}
