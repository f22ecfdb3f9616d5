import { homedir } from 'node:os';
import { planTask } from '../../driver/planner.js';
import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { NomadVersion } from '../../hcl/job/spec/builders.js';
import { loadConfigFile } from '../config-file.js';
import { EXIT } from '../errors.js';
import { buildJobContext } from '../job-context.js';
import { renderDiagnostics } from '../output/diagnostics.js';
import { planJson, planText, type PlannedTask } from '../output/plan-output.js';
import { colourEnabled, painter } from '../output/style.js';
import { resolveHostPolicy } from '../runtime/run-settings.js';
import { newestPotVersion } from '../pot-version.js';
import type { PotVersionContext } from '../../driver/pot-versions.js';

export interface PlanOptions {
  vars: VariableInput[];
  output: 'text' | 'json';
  allocId?: string;
  invocationId?: string;
  dataDir: string;
  hostIp: string;
  port?: Map<string, number>;
  potBin: string;
  /** `--allow-host-path`: restricts the host paths of copy and mounts to these prefixes. */
  allowHostPath?: string[];
  /** `--config`: the settings file, whose `[plugin]` table may restrict the host policy. */
  config?: string;
  /** `--pot-version`; the newest pot when absent. */
  potVersion?: PotVersionContext;
  /** `--nomad-version`: the Nomad version the job is for; the settings file's, else the newest. */
  nomadVersion?: NomadVersion;
}

/** `pot-nomad plan <job>`: the exact pot command lines each pot task would run. Runs nothing. */
export async function planCommand(file: string, opts: PlanOptions): Promise<number> {
  const settings = await loadConfigFile({ configPath: opts.config, cwd: process.cwd(), env: process.env, homeDir: homedir() });
  const ctx = buildJobContext(file, {
    hostPolicy: resolveHostPolicy(opts.allowHostPath, settings),
    vars: opts.vars,
    nomadVersion: opts.nomadVersion ?? settings?.config.nomadVersion,
    dataDir: opts.dataDir,
    hostIp: opts.hostIp,
    allocId: opts.allocId,
    invocationId: opts.invocationId,
    pinnedPorts: opts.port,
    potVersion: opts.potVersion ?? newestPotVersion(),
  });
  const planned: PlannedTask[] = ctx.tasks.map((t) => ({ pot: t, plan: planTask(t.config, { potBin: opts.potBin, killSignal: t.allocated.task.killSignal }) }));
  if (opts.output === 'json') {
    process.stdout.write(`${JSON.stringify(planJson(ctx.loaded.job, planned, ctx.skipped), null, 2)}\n`);
    return EXIT.ok;
  }
  const warnings = ctx.warnings.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    process.stderr.write(`${renderDiagnostics(warnings, new Map([[ctx.loaded.filename, ctx.loaded.source]]), painter(colourEnabled(process.stderr)))}\n`);
  }
  process.stdout.write(planText(ctx.loaded.job, planned, ctx.skipped, painter(colourEnabled(process.stdout))));
  return EXIT.ok;
}
