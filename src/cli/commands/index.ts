/**
 * Every command of the CLI and the reporter of their errors, loaded together by the first action that runs.
 * `--help`, `--version` and usage mistakes never load this; in the bundled build it is a bundle of its own
 * (see tools/build/bundle.ts), so that the program's declarations start without it.
 */
export { execCommand } from './exec.js';
export { inspectCommand } from './inspect.js';
export { logsCommand } from './logs.js';
export { planCommand } from './plan.js';
export { runCommand } from './run.js';
export { statusCommand } from './status.js';
export { stopCommand } from './stop.js';
export { superviseCommand } from './supervise.js';
export { validateCommand } from './validate.js';
export { reportError } from '../report.js';
