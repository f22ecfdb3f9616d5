import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import './reaper.js';

/** The repository root, from the compiled test file's location (dist/test/...). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = `${ROOT}bin/pot-nomad.js`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, without colour, from the repository root. */
export function runCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * stderr without its warning diagnostics (a `warning:` line and the indented lines under it), for
 * tests about something else run on jobs that draw Nomad's warnings.
 */
export function withoutWarnings(stderr: string): string {
  return stderr.replace(/^warning: .*\n(?: .*\n|\n(?= ))*/gm, '');
}
