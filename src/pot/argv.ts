// Every pot command line the adapter issues, built in one place. The binary itself is added by the runner.

export const potArgv = {
  listQuiet: (): string[] => ['ls', '-q'],
  /** Exit 0 when running, 1 when not (or not a pot). */
  isRunning: (name: string): string[] => ['info', '-r', '-p', name],
  info: (name: string, verbose = false): string[] => ['info', ...(verbose ? ['-v'] : []), '-p', name],
  lastRunStats: (name: string): string[] => ['last-run-stats', '-p', name],
  getRss: (name: string): string[] => ['get-rss', '-p', name, '-J'],
  /** `signal` accepts names with or without the `SIG` prefix (`SIGHUP`, `HUP`). */
  signal: (name: string, signal: string): string[] => ['signal', '-s', signal, '-p', name],
  stop: (name: string): string[] => ['stop', '-p', name],
  destroy: (name: string, force: boolean): string[] => ['destroy', '-p', name, ...(force ? ['-F'] : [])],
  version: (): string[] => ['version'],
} as const;
