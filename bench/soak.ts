/**
 * `npm run soak`: one plugin process on the pot emulator, cycle after cycle of a small fleet started at once,
 * watched, stopped and destroyed, for SOAK_MINUTES (default 10, at most 10); the plugin's RSS and heap are read
 * every second throughout. Prints a table and the verdict (see soak-verdict.ts) and exits 0 when memory stayed flat
 * and no task was lost, else 1. Progress goes to stderr.
 *
 * Environment:
 *   SOAK_MINUTES  length of the cycling, 0 < m <= 10 (default 10); clean-up comes on top
 *   SOAK_TASKS    tasks per cycle (default 8), a quarter of them exiting by themselves
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { roundProblems } from './fleet-check.js';
import { runRound } from './fleet-round.js';
import { watchEvents } from './fleet-watch.js';
import { reportNodeArgs } from './heap-report.js';
import { MemorySampler } from './memory-sampler.js';
import { configure, sweep, workspaceIn } from './plugin-fleet.js';
import { launchPlugin, openStream } from './plugin-process.js';
import { RSS_GROWTH_LIMIT_PERCENT, soakVerdict, WARMUP_CYCLES, type CycleSample } from './soak-verdict.js';

const MAX_MINUTES = 10;
const CALL_MS = 120_000;
const SAMPLE_EVERY_MS = 1000;
/** After the cycling time, for a cycle still under way and the clean-up, before everything is killed. */
const OVERRUN_MS = 90_000;

async function soak(): Promise<number> {
  const minutes = Math.min(MAX_MINUTES, positive(process.env.SOAK_MINUTES, MAX_MINUTES));
  const tasks = Math.floor(positive(process.env.SOAK_TASKS, 8));
  const budgetMs = minutes * 60_000;
  const began = performance.now();
  const note = (message: string): void => void process.stderr.write(`soak: ${message} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);

  const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-soak-')));
  const reports = path.join(ws.dir, 'reports');
  mkdirSync(reports);
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = true;
    note(`${signal}: stopping after this cycle`);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const overrun = setTimeout(() => {
    note(`still running ${OVERRUN_MS / 1000} s after the cycling time: killing everything`);
    sweep(ws);
    rmSync(ws.dir, { recursive: true, force: true });
    process.exit(1);
  }, budgetMs + OVERRUN_MS).unref();

  const samples: CycleSample[] = [];
  try {
    const plugin = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir, nodeArgs: reportNodeArgs(reports) });
    try {
      await configure(plugin, new AbortController().signal, `${CALL_MS / 1000}s`);
      // Nomad keeps both open for the plugin's whole life.
      const fingerprint = openStream(plugin.clients.driver, 'Fingerprint');
      const events = watchEvents(plugin);
      const memory = new MemorySampler(plugin.pid, reports, SAMPLE_EVERY_MS);
      note(`${minutes} min of cycles of ${tasks} tasks on plugin pid ${plugin.pid}`);
      let lastCycleMs = 0;
      for (let cycle = 1; !interrupted && performance.now() - began + lastCycleMs < budgetMs; cycle++) {
        const cycleBegan = performance.now();
        const record = await runRound(plugin, ws, events, {
          tasks,
          selfExiting: Math.max(1, Math.floor(tasks / 4)),
          statsStreams: 2,
          statsIntervalMs: 1000,
          portBase: 20000 + (cycle % 100) * 2 * tasks,
          callMs: CALL_MS,
          job: `soak-${cycle}`,
        });
        const problems = roundProblems(record);
        const { rssKiB, heapFloorKiB, readings } = await memory.cut();
        samples.push({ cycle, tasks: record.started.length, rssKiB, heapFloorKiB, problems });
        lastCycleMs = performance.now() - cycleBegan;
        note(
          `cycle ${cycle}: ${record.started.length} tasks in ${(lastCycleMs / 1000).toFixed(1)} s; ${readings} readings: ` +
            `RSS ${mib(rssKiB)} MiB, heap floor ${mib(heapFloorKiB)} MiB; ${problems.length} problem(s)`,
        );
      }
      await memory.stop();
      fingerprint.cancel();
      events.close();
    } finally {
      await plugin.shutdown();
    }
  } finally {
    clearTimeout(overrun);
    const swept = sweep(ws);
    if (swept.pots.length + swept.processes.length > 0) note(`removed what was left: ${swept.processes.length} process(es), ${swept.pots.length} pot(s)`);
    rmSync(ws.dir, { recursive: true, force: true });
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }

  const verdict = soakVerdict(samples);
  const lines = ['RSS: median of the readings of the cycle; heap: the lowest heap in use among them', '', 'cycle  tasks  RSS MiB  heap MiB  problems'];
  for (const s of samples) {
    const mark = s.cycle <= WARMUP_CYCLES ? ' (warm-up)' : '';
    lines.push(`${pad(s.cycle, 5)}  ${pad(s.tasks, 5)}  ${pad(mib(s.rssKiB), 7)}  ${pad(mib(s.heapFloorKiB), 8)}  ${pad(s.problems.length, 8)}${mark}`);
  }
  const total = samples.reduce((sum, s) => sum + s.tasks, 0);
  lines.push('', `${samples.length} cycles, ${total} tasks in ${minutes} min`);
  if (verdict.growthPercent !== undefined) {
    lines.push(
      `RSS, median of the first third after warm-up: ${verdict.firstThirdMiB!.toFixed(1)} MiB; of the last third: ${verdict.lastThirdMiB!.toFixed(1)} MiB; ` +
        `growth ${verdict.growthPercent.toFixed(1)}% (limit ${RSS_GROWTH_LIMIT_PERCENT}%)`,
      `heap floor, first third: ${verdict.heapFirstThirdMiB!.toFixed(1)} MiB; last third: ${verdict.heapLastThirdMiB!.toFixed(1)} MiB`,
    );
  }
  lines.push(verdict.pass ? 'PASS: memory flat, no task lost' : 'FAIL', ...verdict.reasons.map((reason) => `  ${reason}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return verdict.pass ? 0 : 1;
}

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function mib(kib: number): string {
  return (kib / 1024).toFixed(1);
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

process.exitCode = await soak().catch((error: unknown) => {
  process.stderr.write(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
});
