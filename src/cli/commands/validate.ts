import { homedir } from 'node:os';
import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { NomadVersion } from '../../hcl/job/spec/builders.js';
import { JobFileError } from '../../hcl/source.js';
import { loadConfigFile } from '../config-file.js';
import { EXIT } from '../errors.js';
import { buildJobContext } from '../job-context.js';
import { diagnosticsJson, renderDiagnostics } from '../output/diagnostics.js';
import { colourEnabled, painter } from '../output/style.js';
import { resolveHostPolicy } from '../runtime/run-settings.js';
import { newestPotVersion } from '../pot-version.js';
import type { PotVersionContext } from '../../driver/pot-versions.js';

export interface ValidateOptions {
  vars: VariableInput[];
  output: 'text' | 'json';
  /** `--allow-host-path`: restricts the host paths of copy and mounts to these prefixes. */
  allowHostPath?: string[];
  /** `--config`: the settings file, whose `[plugin]` table may restrict the host policy. */
  config?: string;
  /** `--pot-version`; the newest pot when absent. */
  potVersion?: PotVersionContext;
  /** `--nomad-version`: the Nomad version the job is for; the settings file's, else the newest. */
  nomadVersion?: NomadVersion;
}

// Placeholder ids: validation must not depend on random values, and the paths it checks only need
// the right shape.
const CHECK_IDS = { allocId: '00000000-0000-4000-8000-000000000000', invocationId: '00000000' };

/** `pot-nomad validate <job>`: every problem in one run, exit 0 when the job is valid, 1 otherwise. */
export async function validateCommand(file: string, opts: ValidateOptions): Promise<number> {
  const paint = painter(colourEnabled(process.stderr));
  const settings = await loadConfigFile({ configPath: opts.config, cwd: process.cwd(), env: process.env, homeDir: homedir() });
  const hostPolicy = resolveHostPolicy(opts.allowHostPath, settings);
  try {
    const nomadVersion = opts.nomadVersion ?? settings?.config.nomadVersion;
    const ctx = buildJobContext(file, {
      vars: opts.vars,
      nomadVersion,
      tooManyAllocations: 'warn',
      dataDir: '/var/tmp/nomad',
      hostIp: '127.0.0.1',
      ...CHECK_IDS,
      hostPolicy,
      potVersion: opts.potVersion ?? newestPotVersion(),
    });
    if (opts.output === 'json') {
      process.stdout.write(`${JSON.stringify({ valid: true, errors: [], warnings: diagnosticsJson(ctx.warnings) })}\n`);
      return EXIT.ok;
    }
    if (ctx.warnings.length > 0) process.stderr.write(`${renderDiagnostics(ctx.warnings, new Map([[ctx.loaded.filename, ctx.loaded.source]]), paint)}\n`);
    const skipped = ctx.skipped.filter((s) => s.alloc.index === 0);
    for (const s of skipped) process.stdout.write(`Task "${s.allocated.task.name}" in group "${s.alloc.group.name}" is not a pot task (${s.reason}); not checked.\n`);
    process.stdout.write(`Job validation successful: ${ctx.loaded.filename}\n`);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof JobFileError) || opts.output !== 'json') throw err;
    const errors = err.diagnostics.filter((d) => d.severity === 'error');
    const warnings = err.diagnostics.filter((d) => d.severity === 'warning');
    process.stdout.write(`${JSON.stringify({ valid: false, errors: diagnosticsJson(errors), warnings: diagnosticsJson(warnings) })}\n`);
    return EXIT.failed;
  }
}
