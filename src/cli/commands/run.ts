import { homedir } from 'node:os';
import { processAlive } from '../../driver/process-alive.js';
import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { NomadVersion } from '../../hcl/job/spec/builders.js';
import { clusterOnlyNotes, type ClusterOnlyNote } from '../../nomad/cluster-only.js';
import { shortAllocId } from '../../nomad/ids.js';
import { loadConfigFile } from '../config-file.js';
import { EXIT } from '../errors.js';
import { renderDiagnostics } from '../output/diagnostics.js';
import { Monitor } from '../output/monitor.js';
import { detachedJson, detachedText } from '../output/run-summary.js';
import { Spinner } from '../output/spinner.js';
import { colourEnabled, painter } from '../output/style.js';
import { backendEnv, describeBackend } from '../runtime/backend.js';
import { createRun, type CreatedRun } from '../runtime/create-run.js';
import { spawnSupervisor, supervisorLogPath, waitForStart } from '../runtime/detach.js';
import { EXIT_INTERRUPTED, runForeground } from '../runtime/foreground.js';
import { createRunDriver, lineLog } from '../runtime/run-driver.js';
import { defaultDataDir, resolveHostPolicy, resolveRunSettings, type RunSettings } from '../runtime/run-settings.js';

export interface RunOptions {
  vars: VariableInput[];
  output: 'text' | 'json';
  dataDir?: string;
  hostIp?: string;
  port?: Map<string, number>;
  potBin?: string;
  emulate?: boolean;
  /** `--isolation`: how the emulator runs jails. */
  isolation?: 'auto' | 'none' | 'namespaces';
  config?: string;
  /** `--allow-host-path`: restricts the host paths of copy and mounts to these prefixes. */
  allowHostPath?: string[];
  detach?: boolean;
  /** `--nomad-version`: the Nomad version the job is for; the settings file's, else the newest. */
  nomadVersion?: NomadVersion;
}

/**
 * `pot-nomad run <job>`: does with the job's pot tasks what a Nomad client with this driver would, on
 * this machine: in the foreground until the job is done or interrupted, or (`-d`) under a supervisor
 * process that outlives the command.
 */
export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  const config = await loadConfigFile({ configPath: opts.config, cwd: process.cwd(), env: process.env, homeDir: homedir() });
  const hostPolicy = resolveHostPolicy(opts.allowHostPath, config);
  const settings = resolveRunSettings({ dataDir: opts.dataDir, hostIp: opts.hostIp, potBin: opts.potBin, emulate: opts.emulate, isolation: opts.isolation }, config?.config);
  process.stderr.write(`${describeBackend(settings.backend)}\n`);
  if (settings.backend.isolationNote !== undefined) process.stderr.write(`${settings.backend.isolationNote}\n`);
  // Before any pot call: the driver's pot commands inherit this process's environment.
  Object.assign(process.env, backendEnv(settings.backend, settings.hostIp));

  // An interrupt while the run is being set up must not leave a record that looks like a live run.
  let interrupted = false;
  const early = (): void => void (interrupted = true);
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  let created: CreatedRun;
  try {
    const nomadVersion = opts.nomadVersion ?? config?.config.nomadVersion;
    created = await createRun({ file, vars: opts.vars, nomadVersion, settings, pinnedPorts: opts.port, hostPolicy });
  } finally {
    process.off('SIGINT', early);
    process.off('SIGTERM', early);
  }
  if (interrupted) return abandon(created);
  const warnings = created.job.warnings.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    const loaded = created.job.loaded;
    process.stderr.write(`${renderDiagnostics(warnings, new Map([[loaded.filename, loaded.source]]), painter(colourEnabled(process.stderr)))}\n`);
  }
  reportClusterOnly(clusterOnlyNotes(created.job.loaded.spec));
  if (opts.detach) return detached(created, settings, opts.output);

  const driver = createRunDriver({
    potBin: settings.backend.bin,
    prepareTimeoutMs: settings.prepareTimeoutMs,
    commandTimeoutMs: settings.commandTimeoutMs,
    ...(process.env.POT_NOMAD_DEBUG ? { log: lineLog(process.stderr, 'debug') } : {}),
  });
  const text = opts.output === 'text';
  const monitor = new Monitor({
    stdout: process.stdout,
    stderr: process.stderr,
    format: opts.output,
    paint: painter(colourEnabled(process.stdout)),
    ...(text && process.stderr.isTTY ? { spinner: new Spinner(process.stderr) } : {}),
  });
  return runForeground(created, { driver, monitor, stderr: process.stderr });
}

/** One line for each part of the job that only a cluster honours, on standard error whatever the output format. */
function reportClusterOnly(notes: readonly ClusterOnlyNote[]): void {
  const paint = painter(colourEnabled(process.stderr));
  for (const n of notes) {
    const where = `${n.range.filename}:${n.range.start.line}${n.count > 1 ? ` and ${n.count - 1} more` : ''}`;
    process.stderr.write(`${paint('cyan', 'note')}: ${n.feature} (${where}) needs a cluster: ${n.instead}\n`);
  }
}

/** Interrupted before anything ran: the run is recorded as stopped. */
async function abandon(created: CreatedRun): Promise<number> {
  const { store, record } = created;
  record.status = 'stopped';
  for (const alloc of record.allocs) alloc.status = 'stopped';
  await store.write(record);
  return EXIT_INTERRUPTED;
}

async function detached(created: CreatedRun, settings: RunSettings, output: 'text' | 'json'): Promise<number> {
  const { store, record } = created;
  const pid = await spawnSupervisor(store, record, settings.dataDir);
  const spinner = output === 'text' && process.stderr.isTTY ? new Spinner(process.stderr) : undefined;
  const pots = record.allocs.flatMap((a) => a.tasks).filter((t) => t.skipped === undefined).length;
  spinner?.set(`starting ${pots} task${pots === 1 ? '' : 's'} of run ${record.id}`);
  const { outcome, record: latest } = await waitForStart(store, record.id, pid, processAlive).finally(() => spinner?.stop());
  const current = latest ?? record;
  const paintErr = painter(colourEnabled(process.stderr));
  const extra = settings.dataDir === defaultDataDir() ? '' : ` --data-dir ${settings.dataDir}`;

  if (outcome.kind === 'started') {
    if (output === 'json') process.stdout.write(`${JSON.stringify(detachedJson(current, pid), null, 2)}\n`);
    else process.stdout.write(detachedText(current, pid, extra, painter(colourEnabled(process.stdout)), new Date()));
    return EXIT.ok;
  }
  let message: string;
  if (outcome.kind === 'failed') {
    const where = `task "${outcome.task.name}" (${outcome.alloc.group}[${outcome.alloc.index}], alloc ${shortAllocId(outcome.alloc.id)})`;
    message = `${where} could not be started: ${outcome.message}`;
    if (output === 'json') process.stdout.write(`${JSON.stringify(detachedJson(current, pid, { task: outcome.task.name, alloc: outcome.alloc.id, message: outcome.message }), null, 2)}\n`);
  } else if (outcome.kind === 'ended') {
    message = `run ${record.id} was ${outcome.status === 'stopped' ? 'stopped' : `${outcome.status}`} before all of its tasks had started`;
  } else {
    const tail = outcome.log.trimEnd().split('\n').slice(-10).join('\n');
    message = `the supervisor of run ${record.id} ended unexpectedly; its log ${supervisorLogPath(store, record.id)} ends with:\n${tail}`;
  }
  process.stderr.write(`${paintErr('red', 'error')}: ${message}\nSee "pot-nomad status ${record.id}${extra}" for the whole run.\n`);
  return EXIT.failed;
}
