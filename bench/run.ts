/**
 * `npm run bench`: every benchmark figure in one report, each a median over several runs next to a baseline
 * measured in the same run (a bare `node -e 0` for start-up, the emulator's own pot commands for what the
 * driver adds), so that the ratios compare across machines. Prints the report as text, or with `--json` as one
 * JSON document; either way writes both, as bench-<time>.txt and bench-<time>.json, to bench-results/ at the
 * project root or to the directory given by `--out <dir>`.
 *
 * Sections, in this order: `cli` (start-up of the CLI and the emulator), `local` (`pot-nomad run -d` on the emulator), `plugin` (the
 * plugin binary driven over gRPC as Nomad does, on the emulator). A section that stops early (a failure, the
 * budget, Ctrl-C) is reported with the figures it had and its error, and the exit status is 1 (130 when
 * interrupted; the sections after it are not begun). A bad knob or argument exits 2 before anything runs.
 *
 * Environment:
 *   BENCH_ONLY       cli | local | plugin, or several separated by commas: run only those sections.
 *   BENCH_RUNS       runs per figure in every section; unset, each keeps its own default: 21 per start-up command,
 *                    5 one-task rounds for run -d, 10 plugin spawns, 5 StartTask rounds, 5 CPU windows of 2 s.
 *                    Figures over a whole group of tasks (run -d of BENCH_RUN_TASKS, the plugin's burst start)
 *                    are one run each, whatever BENCH_RUNS says.
 *   BENCH_TASKS      tasks on the plugin (default 100; the RSS target is judged only at 100 or more).
 *   BENCH_RUN_TASKS  tasks in the group started by one `run -d` (default 50).
 *
 * Every pot command is a node process, so a full run takes minutes on 2 cores, and far longer when other work
 * shares them; progress goes to stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliStartupSection } from './cli-startup.js';
import { localRunSection } from './local-run.js';
import { benchOptions, BenchUsageError, type BenchOptions } from './options.js';
import { pluginSection } from './plugin.js';
import { renderJson } from './report-json.js';
import { renderText } from './report-text.js';
import { REPORT_VERSION, type Report, type Section, type SectionId } from './report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLES: Record<SectionId, string> = { cli: 'Start-up', local: 'Local runtime', plugin: 'Plugin' };

let options: BenchOptions;
try {
  options = benchOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(2);
}

// A section handles an interrupt itself, cleaning up before it gives up; the ones after it are not begun.
let interrupted: NodeJS.Signals | undefined;
const onSignal = (signal: NodeJS.Signals): void => void (interrupted ??= signal);
process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

const startedAt = new Date();
const began = performance.now();
const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100) as [number, number, number];
const sections: Section[] = [];
for (const id of options.only) {
  if (interrupted) break;
  try {
    sections.push(await runSection(id, options));
  } catch (error) {
    sections.push({ id, title: TITLES[id], about: 'no figures', figures: [], error: (error as Error).message });
  }
}

const report: Report = {
  version: REPORT_VERSION,
  node: process.version,
  platform: process.platform,
  arch: process.arch,
  cpus: cpus().length,
  load_average: loadAverage,
  started_at: startedAt.toISOString(),
  duration_ms: Math.round(performance.now() - began),
  settings: { only: options.only, runs: options.runs ?? null, tasks: options.tasks, run_tasks: options.runTasks },
  sections,
};
const text = renderText(report);
const json = renderJson(report);
const dir = path.resolve(options.outDir ?? path.join(ROOT, 'bench-results'));
const stem = path.join(dir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(dir, { recursive: true });
writeFileSync(`${stem}.txt`, text);
writeFileSync(`${stem}.json`, json);
process.stdout.write(options.json ? json : text);
process.stderr.write(`bench: wrote ${stem}.txt and ${stem}.json\n`);
process.exitCode = interrupted ? 130 : sections.some((s) => s.error !== undefined) ? 1 : 0;
process.off('SIGINT', onSignal).off('SIGTERM', onSignal);

function runSection(id: SectionId, o: BenchOptions): Promise<Section> | Section {
  switch (id) {
    case 'cli':
      return cliStartupSection(o.runs);
    case 'local':
      return localRunSection({ rounds: o.runs, tasks: o.runTasks });
    case 'plugin':
      return pluginSection({ runs: o.runs, tasks: o.tasks });
  }
}
