/**
 * CLI start-up: `pot-nomad` commands that do little beyond loading, timed from spawn to exit next to a bare
 * `node -e 0`, so that the ratio says what the program's own loading costs on any machine.
 */
import { fileURLToPath } from 'node:url';
import { median, timeCommands } from './measure.js';
import { count, figure, type Section, type Target } from './report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}bin/pot-nomad.js`;
const SEED_JOB = `${ROOT}fixtures/jobs/nginx.hcl`;
const BASELINE = 'node -e 0';

/** Default 15 runs per command. */
export function cliStartupSection(runs = 15): Section {
  const node = process.execPath;
  const commands: { name: string; argv: string[]; target?: Target }[] = [
    { name: 'pot-nomad --help', argv: [node, CLI, '--help'], target: { of: 'ratio', op: '<=', value: 1.5 } },
    { name: 'pot-nomad plan (seed job)', argv: [node, CLI, 'plan', SEED_JOB, '-o', 'json'], target: { of: 'ratio', op: '<=', value: 3 } },
    { name: 'pot-nomad validate (seed job)', argv: [node, CLI, 'validate', SEED_JOB] },
  ];
  const [base, ...samples] = timeCommands([{ name: BASELINE, argv: [node, '-e', '0'] }, ...commands], runs);
  const baseline = { name: BASELINE, median: median(base!.millis) };
  return {
    id: 'cli',
    title: 'CLI start-up',
    about: `spawn to exit, ${count(runs, 'run')} per command interleaved round by round with the baseline; the seed job is fixtures/jobs/nginx.hcl`,
    figures: commands.map((c, i) => figure({ name: c.name, unit: 'ms', samples: samples[i]!.millis, baseline, target: c.target })),
  };
}
