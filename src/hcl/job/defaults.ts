/** Nomad's defaults for what the job model fills in (the `Canonicalize` methods of Nomad's api package). */
export const NOMAD_DEFAULTS = {
  region: 'global',
  namespace: 'default',
  type: 'service',
  datacenters: ['*'],
  count: 1,
  cpu: 100,
  memoryMB: 300,
  killTimeoutMs: 5000,
  logs: { maxFiles: 10, maxFileSizeMB: 10 },
  networkMode: 'host',
  restart: {
    service: { attempts: 2, intervalMs: 30 * 60_000, delayMs: 15_000, mode: 'fail' },
    batch: { attempts: 3, intervalMs: 24 * 3_600_000, delayMs: 15_000, mode: 'fail' },
  },
  check: { intervalMs: 10_000, timeoutMs: 2_000 },
  template: { changeMode: 'restart', perms: '0644', leftDelimiter: '{{', rightDelimiter: '}}' },
} as const;
