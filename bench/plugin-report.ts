/** The plugin-mode figures as data (the `plugin` member of `--json`) and as text lines. */

export const HANDSHAKE_TARGET_MS = 300;
export const RSS_TARGET_MIB = 120;
/** The task count the RSS target is stated for. */
export const RSS_TARGET_TASKS = 100;

export interface CpuWindow {
  window_ms: number;
  /** The plugin process alone, in percent of one core. */
  plugin_cpu_percent: number;
  /** The pot commands the plugin ran and reaped during the window, in percent of one core. */
  pot_commands_cpu_percent: number;
}

export interface PluginReport {
  tasks: number;
  concurrency: number;
  handshake: {
    runs: number;
    median_ms: number;
    baseline: 'node -e 0';
    baseline_median_ms: number;
    ratio_to_node: number;
    target_ms: number;
    met: boolean;
  };
  memory: {
    idle_rss_mib: number;
    tasks_rss_mib: number;
    /** While the TaskStats streams run. */
    stats_rss_mib: number;
    /** The plugin's highest RSS over the whole run, where the system keeps it. */
    peak_rss_mib: number | null;
    target_mib: number;
    /** null when fewer tasks ran than the target is stated for. */
    met: boolean | null;
  };
  start: {
    /** One StartTask call, while `concurrency` run at once. */
    per_task_median_ms: number;
    total_ms: number;
    /** CPU over the whole start phase divided by the task count: the plugin alone, and the pot commands it ran. */
    plugin_cpu_ms_per_task: number;
    pot_commands_cpu_ms_per_task: number;
    /** StopTask + DestroyTask for one task. */
    stop_per_task_median_ms: number;
  };
  stats_cpu: {
    interval_ms: number;
    /** The tasks running, no TaskStats stream open. */
    idle: CpuWindow;
    /** From opening a stream per task until every one has delivered its first sample. */
    first_round: {
      samples: number;
      wall_ms: number;
      samples_per_second: number;
      expected_per_second: number;
      plugin_cpu_ms_per_sample: number;
      pot_commands_cpu_ms_per_sample: number;
    };
    /** A window of the idle one's length after the first round; `samples` arrived within it. */
    streaming: CpuWindow & { samples: number; empty_samples: number };
  };
}

export function pluginText(r: PluginReport): string {
  const verdict = (met: boolean | null, target: string): string =>
    met === null ? `(target ${target} is for ${RSS_TARGET_TASKS} tasks: not judged)` : `(target ${target}: ${met ? 'met' : 'MISSED'})`;
  const mib = (n: number | null): string => (n === null ? 'n/a' : `${n.toFixed(1)} MiB`);
  const pct = (n: number): string => `${n.toFixed(1)}%`;
  const h = r.handshake;
  const m = r.memory;
  const s = r.stats_cpu;
  const f = s.first_round;
  const secs = (ms: number): string => `${(ms / 1000).toFixed(0)} s`;
  const line = (label: string, text: string): string => `  ${label.padEnd(36)} ${text}\n`;
  return (
    `Plugin mode (bin/pot-nomad.js against the pot emulator; ${r.tasks} tasks, ${r.concurrency} started at a time)\n` +
    line(
      'spawn to handshake line',
      `median ${fmtMs(h.median_ms)} ms   node -e 0 ${fmtMs(h.baseline_median_ms)} ms   ratio ${h.ratio_to_node.toFixed(2)}   ${verdict(h.met, `< ${h.target_ms} ms`)}  [${h.runs} runs]`,
    ) +
    line('RSS idle after SetConfig+Fingerprint', mib(m.idle_rss_mib)) +
    line(`RSS with ${r.tasks} tasks running`, `${mib(m.tasks_rss_mib)}   ${verdict(m.met, `< ${m.target_mib} MiB`)}`) +
    line(`RSS with ${r.tasks} TaskStats streams`, `${mib(m.stats_rss_mib)}   peak over the run ${mib(m.peak_rss_mib)}`) +
    line(
      'StartTask per task',
      `median ${fmtMs(r.start.per_task_median_ms)} ms   all ${r.tasks} in ${(r.start.total_ms / 1000).toFixed(1)} s; StopTask+DestroyTask median ${fmtMs(r.start.stop_per_task_median_ms).trim()} ms`,
    ) +
    line('CPU per task started', `plugin ${r.start.plugin_cpu_ms_per_task.toFixed(1)} ms   pot commands ${r.start.pot_commands_cpu_ms_per_task.toFixed(1)} ms`) +
    line(`CPU over ${secs(s.idle.window_ms)}, tasks idle`, `plugin ${pct(s.idle.plugin_cpu_percent)} of a core   pot commands ${pct(s.idle.pot_commands_cpu_percent)}`) +
    line(
      `CPU over ${secs(s.streaming.window_ms)}, TaskStats every ${s.interval_ms / 1000} s`,
      `plugin ${pct(s.streaming.plugin_cpu_percent)} of a core   pot commands ${pct(s.streaming.pot_commands_cpu_percent)}   ` +
        `${s.streaming.samples} samples arrived in the window (${s.streaming.empty_samples} empty)`,
    ) +
    line(
      'TaskStats first round',
      `${f.samples} samples in ${(f.wall_ms / 1000).toFixed(1)} s = ${f.samples_per_second.toFixed(1)}/s for ${f.expected_per_second}/s asked; ` +
        `CPU per sample: plugin ${f.plugin_cpu_ms_per_sample.toFixed(1)} ms, pot commands ${f.pot_commands_cpu_ms_per_sample.toFixed(1)} ms`,
    )
  );
}

function fmtMs(ms: number): string {
  return ms.toFixed(1).padStart(8);
}
