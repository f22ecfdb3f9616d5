/** The local-runtime figures as data (the `local_run` member of `--json`) and as text lines. */

export interface LocalRunReport {
  backend: 'emulator';
  overhead: {
    rounds: number;
    /** Wall time of `pot-nomad run -d` of a one-task job, until it exits with every task started. */
    run_detach_median_ms: number;
    /** The same task's planned pot commands run one after another, `start` until `info -r` answers. */
    pot_commands_median_ms: number;
    /** The difference of the two medians: what the CLI and its supervisor add to one task start. */
    overhead_ms: number;
    ratio_to_pot_commands: number;
  };
  many: {
    tasks: number;
    /** `run -d` of a group with `count = tasks`, until it exits with every task started. */
    start_total_ms: number;
    start_per_task_ms: number;
    /** `stop --purge` of that run. */
    stop_total_ms: number;
  };
}

export function localRunText(r: LocalRunReport): string {
  const o = r.overhead;
  const m = r.many;
  const ms = (n: number): string => `${String(n).padStart(8)} ms`;
  return [
    `Local runtime on the pot emulator (${o.rounds} rounds, interleaved; baseline: the planned pot commands run directly)`,
    `  ${'run -d, one task'.padEnd(32)} median ${ms(o.run_detach_median_ms)}`,
    `  ${'pot commands alone'.padEnd(32)} median ${ms(o.pot_commands_median_ms)}`,
    `  ${'driver overhead per task start'.padEnd(32)}        ${ms(o.overhead_ms)}   ratio ${o.ratio_to_pot_commands.toFixed(2)}`,
    `  ${`run -d, ${m.tasks} tasks`.padEnd(32)} total  ${ms(m.start_total_ms)}   per task ${m.start_per_task_ms} ms`,
    `  ${`stop --purge, ${m.tasks} tasks`.padEnd(32)} total  ${ms(m.stop_total_ms)}`,
    '',
  ].join('\n');
}
