import type { NetworkOverride, TaskStatus } from '../../driver/types.js';
import type { PotInfo } from '../../pot/index.js';
import type { TaskRef } from '../runtime/runs/resolve-target.js';
import { utcSeconds } from './elapsed.js';
import { portMapText } from './status-views.js';
import { renderFields } from './table.js';

/** One task as `inspect` shows it: the driver's status (or the record's, for a task that has ended), and pot's info. */
export interface InspectedTaskView {
  ref: TaskRef;
  /** `driver`: from the driver's InspectTask on the re-adopted task; `record`: from the run record. */
  source: 'driver' | 'record';
  status: TaskStatus;
  driverAttributes: Record<string, string>;
  /** The jail's own address and port map, when it has them. */
  network?: Pick<NetworkOverride, 'addr' | 'portMap'>;
  potInfo: { text?: string; parsed?: PotInfo; error?: string };
}

export function inspectJson(views: readonly InspectedTaskView[]): Record<string, unknown>[] {
  return views.map(({ ref, source, status, driverAttributes, network, potInfo }) => ({
    run: ref.record.id,
    alloc_id: ref.alloc.id,
    task: ref.task.name,
    task_id: ref.task.taskId ?? null,
    pot_name: ref.task.potName ?? null,
    source,
    status: {
      id: status.id,
      name: status.name,
      state: status.state,
      started_at: status.startedAt?.toISOString() ?? null,
      completed_at: status.completedAt?.toISOString() ?? null,
      exit_code: status.result?.exitCode ?? null,
      signal: status.result?.signal ?? null,
      oom_killed: status.result?.oomKilled ?? null,
    },
    driver_attributes: driverAttributes,
    driver_network: network === undefined ? null : { address: network.addr, port_map: network.portMap },
    pot_info: potInfo.parsed ?? null,
    pot_info_text: potInfo.text ?? null,
    pot_info_error: potInfo.error ?? null,
  }));
}

export function inspectText(views: readonly InspectedTaskView[]): string {
  return views.map(taskText).join('\n\n');
}

function taskText({ ref, source, status, driverAttributes, network, potInfo }: InspectedTaskView): string {
  const fields: [string, string][] = [
    ['ID', status.id || '-'],
    ['State', status.state],
    ['Started At', status.startedAt === undefined ? '-' : utcSeconds(status.startedAt)],
    ['Completed At', status.completedAt === undefined ? '-' : utcSeconds(status.completedAt)],
    ['Exit Code', status.result === undefined ? '-' : String(status.result.exitCode)],
    ['Signal', status.result === undefined || status.result.signal === 0 ? '-' : String(status.result.signal)],
    ['Source', source === 'driver' ? 'driver (re-adopted task)' : 'run record (the task has ended)'],
    ...Object.entries(driverAttributes).map(([k, v]): [string, string] => [`Driver ${k}`, v]),
    ...(network === undefined ? [] : [['Driver Network', `${network.addr} (${portMapText(network.portMap)})`] as [string, string]]),
  ];
  const potName = ref.task.potName ?? '-';
  const info = potInfo.text !== undefined ? indent(potInfo.text.trimEnd()) : `    ${potInfo.error ?? 'no pot'}`;
  return [`Task "${ref.task.name}" of alloc ${ref.alloc.id.slice(0, 8)} (run ${ref.record.id}, ${ref.alloc.group}[${ref.alloc.index}])`, renderFields(fields), '', `pot info -v -p ${potName}`, info].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');
}
