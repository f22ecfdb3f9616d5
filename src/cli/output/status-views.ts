import { constants } from 'node:os';
import type { AllocRecord, RunRecord, TaskRecord } from '../state/run-record.js';
import { compactSpan, spanBetween, utcSeconds } from './elapsed.js';
import { renderFields, renderTable } from './table.js';

/** A run as the status views show it: the record and whether its supervisor runs. */
export interface RunView {
  record: RunRecord;
  supervisorAlive: boolean;
}

const ALLOC_STATES = ['pending', 'running', 'complete', 'failed', 'stopped'] as const;

// ---- JSON: snake_case keys, every key always present (null when unknown), as `plan -o json` does.

export function runSummaryJson({ record, supervisorAlive }: RunView): Record<string, unknown> {
  const allocs: Record<string, number> = { total: record.allocs.length };
  for (const s of ALLOC_STATES) allocs[s] = record.allocs.filter((a) => a.status === s).length;
  return {
    id: record.id,
    job: record.job,
    status: record.status ?? 'unknown',
    backend: record.backend,
    created_at: record.createdAt,
    supervisor_pid: record.supervisorPid ?? null,
    supervisor_alive: supervisorAlive,
    alloc_counts: allocs,
  };
}

export function runDetailJson(view: RunView, now: Date, only?: AllocRecord): Record<string, unknown> {
  const { record } = view;
  return {
    ...runSummaryJson(view),
    job_file: record.jobFile ?? null,
    data_dir: record.dataDir ?? null,
    pot_bin: record.potBin ?? null,
    emulator_root: record.emulatorRoot ?? null,
    stop_requested: record.stopRequested === true,
    allocs: (only === undefined ? record.allocs : [only]).map((a) => allocJson(a, now)),
  };
}

function allocJson(alloc: AllocRecord, now: Date): Record<string, unknown> {
  return {
    id: alloc.id,
    group: alloc.group,
    index: alloc.index,
    status: alloc.status,
    dir: alloc.dir,
    ports: alloc.ports.map((p) => ({ label: p.label, host_port: p.hostPort, to: p.to ?? null })),
    tasks: alloc.tasks.map((t) => taskJson(t, now)),
    checks: (alloc.checks ?? []).map((c) => ({ service: c.service, name: c.name, type: c.type, status: c.status, output: c.output })),
  };
}

function taskJson(t: TaskRecord, now: Date): Record<string, unknown> {
  return {
    name: t.name,
    driver: t.driver,
    state: t.skipped === undefined ? t.state : 'skipped',
    skipped: t.skipped ?? null,
    failed: t.failed,
    exit_code: t.exitCode ?? null,
    signal: t.signal ?? null,
    restarts: t.restarts,
    started_at: t.startedAt ?? null,
    finished_at: t.finishedAt ?? null,
    uptime_ms: t.state === 'running' ? (spanBetween(t.startedAt, now) ?? null) : null,
    task_id: t.taskId ?? null,
    pot_name: t.potName ?? null,
    driver_network: t.network === undefined ? null : { address: t.network.addr, port_map: t.network.portMap },
    message: t.message ?? null,
    kill_signal: t.killSignal ?? null,
    kill_timeout_ms: t.killTimeoutMs,
    stdout_path: t.stdoutPath,
    stderr_path: t.stderrPath,
    events: t.events ?? [],
  };
}

// ---- Text, in the spirit of `nomad job status` and `nomad alloc status`.

export function runListText(views: readonly RunView[], now: Date): string {
  if (views.length === 0) return 'No runs';
  const rows = views.map(({ record }) => [
    record.id,
    record.job,
    record.status ?? 'unknown',
    allocCounts(record),
    utcSeconds(record.createdAt),
    compactSpan(spanBetween(record.createdAt, now) ?? 0),
    record.backend,
  ]);
  return renderTable(['Run ID', 'Job', 'Status', 'Allocs', 'Started', 'Age', 'Backend'], rows);
}

export function runDetailText(view: RunView, now: Date, others: readonly RunRecord[] = []): string {
  const { record } = view;
  const fields: [string, string][] = [
    ['ID', record.id],
    ['Job', record.job],
    ['Status', record.status ?? 'unknown'],
    ['Backend', record.backend],
    ['Started', `${utcSeconds(record.createdAt)} (${compactSpan(spanBetween(record.createdAt, now) ?? 0)} ago)`],
    ['Supervisor', supervisorText(view)],
  ];
  if (record.jobFile !== undefined) fields.push(['Job File', record.jobFile]);
  if (others.length > 0) fields.push(['Other Runs', others.map((r) => `${r.id} (${r.status ?? 'unknown'})`).join(', ')]);
  const out = [renderFields(fields), '', 'Allocations', renderTable(['ID', 'Group', 'Status'], record.allocs.map((a) => [a.id.slice(0, 8), `${a.group}[${a.index}]`, a.status]))];
  const taskRows = record.allocs.flatMap((a) => a.tasks.map((t) => [a.id.slice(0, 8), ...taskCells(t, now, portsText(a))]));
  out.push('', 'Tasks', renderTable(['Alloc ID', 'Task', 'State', 'Exit Code', 'Restarts', 'Ports', 'Uptime', 'Pot', 'Message'], taskRows));
  out.push(...networksText(record.allocs, true));
  out.push(...checksText(record.allocs, true));
  return out.join('\n');
}

export function allocDetailText(view: RunView, alloc: AllocRecord, now: Date): string {
  const { record } = view;
  const fields: [string, string][] = [
    ['ID', alloc.id],
    ['Run', record.id],
    ['Job', record.job],
    ['Group', `${alloc.group}[${alloc.index}]`],
    ['Status', alloc.status],
    ['Supervisor', supervisorText(view)],
    ['Directory', alloc.dir],
    ['Ports', portsText(alloc)],
  ];
  const rows = alloc.tasks.map((t) => {
    const [name, state, exit, restarts, , uptime, pot, message] = taskCells(t, now, '');
    return [name!, state!, exit!, restarts!, uptime!, pot!, message!];
  });
  const out = [renderFields(fields), '', 'Tasks', renderTable(['Task', 'State', 'Exit Code', 'Restarts', 'Uptime', 'Pot', 'Message'], rows)];
  out.push(...networksText([alloc], false));
  out.push(...checksText([alloc], false));
  for (const t of alloc.tasks) {
    const events = (t.events ?? []).slice(-5).reverse();
    if (events.length === 0) continue;
    out.push('', `Recent Events (${t.name})`, renderTable(['Time', 'Message'], events.map((e) => [utcSeconds(e.time), oneLine(e.message)])));
  }
  return out.join('\n');
}

function taskCells(t: TaskRecord, now: Date, ports: string): string[] {
  const uptime = t.state === 'running' ? spanBetween(t.startedAt, now) : undefined;
  return [
    t.name,
    t.skipped === undefined ? t.state : 'skipped',
    exitText(t),
    String(t.restarts),
    ports,
    uptime === undefined ? '-' : compactSpan(uptime),
    t.potName ?? '-',
    oneLine(t.skipped ?? t.message ?? t.events?.at(-1)?.message ?? ''),
  ];
}

/** The jails with an address of their own: what `address_mode = "driver"` services and checks use. */
function networksText(allocs: readonly AllocRecord[], withAlloc: boolean): string[] {
  const rows = allocs.flatMap((a) =>
    a.tasks.flatMap((t) => (t.network === undefined ? [] : [[...(withAlloc ? [a.id.slice(0, 8)] : []), t.name, t.network.addr, portMapText(t.network.portMap)]])),
  );
  if (rows.length === 0) return [];
  return ['', 'Driver Network', renderTable([...(withAlloc ? ['Alloc ID'] : []), 'Task', 'Address', 'Ports (label → jail port)'], rows)];
}

/** `http → 80, dns → 53`, or `-` for none. */
export function portMapText(portMap: Readonly<Record<string, number>>): string {
  const entries = Object.entries(portMap);
  return entries.length === 0 ? '-' : entries.map(([label, port]) => `${label} → ${port}`).join(', ');
}

function checksText(allocs: readonly AllocRecord[], withAlloc: boolean): string[] {
  const rows = allocs.flatMap((a) => (a.checks ?? []).map((c) => [...(withAlloc ? [a.id.slice(0, 8)] : []), c.service, c.name, c.type, c.status, oneLine(c.output, 60)]));
  if (rows.length === 0) return [];
  return ['', 'Checks', renderTable([...(withAlloc ? ['Alloc ID'] : []), 'Service', 'Check', 'Type', 'Status', 'Output'], rows)];
}

function exitText(t: TaskRecord): string {
  if (t.exitCode === undefined) return '-';
  if (t.signal === undefined || t.signal === 0) return String(t.exitCode);
  const name = Object.entries(constants.signals).find(([, n]) => n === t.signal)?.[0];
  return `${t.exitCode} (${name ?? `signal ${t.signal}`})`;
}

function allocCounts(record: RunRecord): string {
  if (record.allocs.length === 0) return '0';
  return ALLOC_STATES.map((s) => [s, record.allocs.filter((a) => a.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function portsText(alloc: AllocRecord): string {
  return alloc.ports.length === 0 ? '-' : alloc.ports.map((p) => `${p.label}=${p.hostPort}`).join(' ');
}

function supervisorText({ record, supervisorAlive }: RunView): string {
  if (record.supervisorPid === undefined) return 'none';
  return `pid ${record.supervisorPid} (${supervisorAlive ? 'running' : 'gone'})`;
}

function oneLine(text: string, max = Infinity): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
