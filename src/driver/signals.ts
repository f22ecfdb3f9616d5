/**
 * Signal names pot's `signal -s` accepts (FreeBSD's list), so a bad `kill_signal` or SignalTask request
 * is refused with a clear message before any pot command runs.
 */
const FREEBSD_SIGNALS = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'EMT', 'FPE', 'KILL', 'BUS', 'SEGV', 'SYS', 'PIPE', 'ALRM', 'TERM',
  'URG', 'STOP', 'TSTP', 'CONT', 'CHLD', 'TTIN', 'TTOU', 'IO', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'INFO',
  'USR1', 'USR2',
];

export const DEFAULT_KILL_SIGNAL = 'SIGINT';

/** `"hup"`, `"HUP"` and `"SIGHUP"` all give `"SIGHUP"`; undefined for anything else. */
export function normalizeSignal(name: string): string | undefined {
  const bare = name.trim().toUpperCase().replace(/^SIG/, '');
  return FREEBSD_SIGNALS.includes(bare) ? `SIG${bare}` : undefined;
}

export function signalNames(): string[] {
  return FREEBSD_SIGNALS.map((s) => `SIG${s}`);
}
