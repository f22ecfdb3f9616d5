/**
 * A fleet of tasks and how each must end: most run until StopTask ends them, a few exit by themselves, each with
 * an exit code of its own, so that a result handed to the wrong waiter, or lost, shows. Every task has two
 * ports with host ports of its own.
 */
import type { FleetPort, FleetTaskSpec } from './fleet-task.js';

/** The signal StopTask sends. */
export const STOP_SIGNAL = 'SIGTERM';

/** WaitTask's reply. */
export interface WaitReply {
  result: { exit_code: number; signal: number; oom_killed: boolean };
  err: string;
}

/**
 * A task StopTask ended with SIGTERM: the jail's command died of signal 15, pot records 128 + 15, and the
 * driver reports the signal next to it for a stopped task (src/driver/lifecycle/exit.ts).
 */
export const STOPPED: WaitReply = { result: { exit_code: 143, signal: 15, oom_killed: false }, err: '' };

export interface PlannedTask {
  readonly spec: FleetTaskSpec;
  /** Self-exiting tasks exit with this code (1, 2, …); 0 for a task that runs until stopped. */
  readonly exitCode: number;
  readonly expected: WaitReply;
}

export interface FleetPlanOptions {
  /** How many of the tasks exit by themselves, spread evenly over the fleet. */
  selfExiting: number;
  /** Task i gets host ports portBase + 2i and portBase + 2i + 1. */
  portBase: number;
  job?: string;
}

/** Blocks without spawning anything while it waits, so that a fleet of them costs no CPU. */
const RUN_UNTIL_STOPPED = { command: '/bin/sleep', args: ['3600'] };

export function planFleet(count: number, { selfExiting, portBase, job }: FleetPlanOptions): PlannedTask[] {
  const step = selfExiting > 0 ? Math.max(1, Math.floor(count / selfExiting)) : 0;
  let code = 0;
  return Array.from({ length: count }, (_, i) => {
    const exits = step > 0 && code < selfExiting && i % step === step - 1;
    const exitCode = exits ? ++code : 0;
    const ports: FleetPort[] = [
      { label: 'http', to: 80, value: portBase + 2 * i },
      { label: 'metrics', to: 9100, value: portBase + 2 * i + 1 },
    ];
    const command = exits ? { command: '/bin/sh', args: ['-c', `'exit ${exitCode}'`] } : RUN_UNTIL_STOPPED;
    const spec: FleetTaskSpec = { taskName: `task${String(i).padStart(3, '0')}`, ...command, ports, ...(job === undefined ? {} : { job }) };
    const expected: WaitReply = exits ? { result: { exit_code: exitCode, signal: 0, oom_killed: false }, err: '' } : STOPPED;
    return { spec, exitCode, expected };
  });
}
