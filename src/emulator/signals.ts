import { constants } from 'node:os';

/** FreeBSD's `killall -l`, which pot uses to validate `pot signal -s` (with or without the `SIG` prefix). */
export const FREEBSD_SIGNALS: readonly string[] = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'EMT', 'FPE', 'KILL', 'BUS', 'SEGV', 'SYS', 'PIPE', 'ALRM',
  'TERM', 'URG', 'STOP', 'TSTP', 'CONT', 'CHLD', 'TTIN', 'TTOU', 'IO', 'XCPU', 'XFSZ', 'VTALRM', 'PROF',
  'WINCH', 'INFO', 'USR1', 'USR2',
];

/** The bare name (`HUP`) of a name pot accepts (`HUP` or `SIGHUP`, exact case), else undefined. */
export function potSignalName(text: string): string | undefined {
  const bare = text.startsWith('SIG') ? text.slice(3) : text;
  return FREEBSD_SIGNALS.includes(bare) ? bare : undefined;
}

/** The host's signal for a pot signal name; FreeBSD-only signals (EMT, INFO) have none on Linux. */
export function hostSignal(bare: string): NodeJS.Signals | undefined {
  const name = `SIG${bare}`;
  return name in constants.signals ? (name as NodeJS.Signals) : undefined;
}

/** The shell's exit status of a process killed by a signal: 128 + its number. */
export function signalExitStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
