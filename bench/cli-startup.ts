/**
 * Start-up: `pot-nomad` commands that do little beyond loading, and the emulator's cheapest pot command, timed from
 * spawn to exit next to a bare `node -e 0`, so that the ratio says what the program's own loading costs on any
 * machine. The launchers are run as a shell, Nomad or the driver runs them: the file itself is executed.
 */
import { fileURLToPath } from 'node:url';
import { median, timeCommands } from './measure.js';
import { count, figure, type Section, type Target } from './report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}bin/pot-nomad.js`;
const EMULATOR = `${ROOT}bin/pot-emulator.js`;
const SEED_JOB = `${ROOT}fixtures/jobs/nginx.hcl`;
const BASELINE = 'node -e 0';

const ratio = (value: number): Target => ({ of: 'ratio', op: '<=', value });

/** Default 21 runs per command. */
export function cliStartupSection(runs = 21): Section {
  const commands: { name: string; argv: string[]; target?: Target }[] = [
    { name: 'pot-nomad --help', argv: [CLI, '--help'], target: ratio(1.2) },
    { name: 'pot-nomad plan (seed job)', argv: [CLI, 'plan', SEED_JOB, '-o', 'json'], target: ratio(1.5) },
    { name: 'pot-nomad validate (seed job)', argv: [CLI, 'validate', SEED_JOB], target: ratio(1.5) },
    { name: 'pot-emulator version', argv: [EMULATOR, 'version'], target: ratio(1.3) },
  ];
  // Outside a terminal and without colour, as in the tests; the cookie unset so that pot-nomad stays a CLI.
  const env = { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '' };
  const [base, ...samples] = timeCommands([{ name: BASELINE, argv: [process.execPath, '-e', '0'], env }, ...commands.map((c) => ({ ...c, env }))], runs);
  const baseline = { name: BASELINE, median: median(base!.millis) };
  return {
    id: 'cli',
    title: 'Start-up',
    about: `spawn to exit, ${count(runs, 'run')} per command interleaved round by round with the baseline; the seed job is fixtures/jobs/nginx.hcl; the launchers are executed as files`,
    figures: commands.map((c, i) => figure({ name: c.name, unit: 'ms', samples: samples[i]!.millis, baseline, target: c.target })),
  };
}
