/**
 * The CLI's commands, each loaded when it runs, and the reporter of their errors. `--help`, `--version` and
 * usage mistakes load none of them. In the bundled build the launcher may start from the CLI's declarations
 * alone (see tools/build/bundle.ts); this module is then found in the whole CLI's bundle, and each command and
 * its errors stay there.
 */
export const commands = {
  exec: async () => (await import('./exec.js')).execCommand,
  inspect: async () => (await import('./inspect.js')).inspectCommand,
  logs: async () => (await import('./logs.js')).logsCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  run: async () => (await import('./run.js')).runCommand,
  status: async () => (await import('./status.js')).statusCommand,
  stop: async () => (await import('./stop.js')).stopCommand,
  supervise: async () => (await import('./supervise.js')).superviseCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
};

export const reporter = async () => (await import('../report.js')).reportError;
