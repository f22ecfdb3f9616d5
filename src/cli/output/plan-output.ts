import { hasOwnAddress, jailPortMap } from '../../driver/lifecycle/network.js';
import type { Plan } from '../../driver/planner.js';
import { formatDuration } from '../../shared/duration.js';
import type { Job } from '../../hcl/job/model.js';
import type { PotTask, SkippedTask } from '../../nomad/pot-tasks.js';
import { shellLine } from './shell-quote.js';
import { portMapText } from './status-views.js';
import type { Painter } from './style.js';

export interface PlannedTask {
  pot: PotTask;
  plan: Plan;
}

function ports(t: PotTask): Record<string, number> {
  return Object.fromEntries(t.alloc.ports.map((p) => [p.label, p.hostPort]));
}

/** The `-o json` document: one object, stable keys, argv arrays exactly as they would be executed. */
export function planJson(job: Job, planned: readonly PlannedTask[], skipped: readonly SkippedTask[]): object {
  return {
    job: job.id,
    tasks: planned.map(({ pot, plan }) => ({
      group: pot.alloc.group.name,
      alloc_index: pot.alloc.index,
      task: pot.allocated.task.name,
      alloc_id: pot.alloc.id,
      invocation_id: pot.allocated.invocationId,
      task_id: pot.config.id,
      pot_name: plan.potName,
      ports: ports(pot),
      driver_network: plannedNetwork(pot),
      env: pot.config.env,
      kill_timeout_ms: pot.allocated.task.killTimeoutMs,
      start: plan.start,
      stop: plan.stop,
      kill: plan.kill,
    })),
    skipped: skipped.map((s) => ({ group: s.alloc.group.name, alloc_index: s.alloc.index, task: s.allocated.task.name, reason: s.reason })),
  };
}

/** Copy-pasteable shell lines per task, grouped by phase. */
export function planText(job: Job, planned: readonly PlannedTask[], skipped: readonly SkippedTask[], paint: Painter): string {
  const out: string[] = [`${paint('bold', `Job "${job.id}"`)}: ${planned.length} pot task${planned.length === 1 ? '' : 's'} planned; nothing was run.`, ''];
  for (const { pot, plan } of planned) {
    const task = pot.allocated.task;
    out.push(`${paint('bold', `${pot.alloc.group.name}[${pot.alloc.index}] › ${task.name}`)}  ${paint('dim', `alloc ${pot.alloc.id}  pot ${plan.potName}`)}`);
    const p = Object.entries(ports(pot));
    if (p.length > 0) out.push(`  ports: ${p.map(([l, n]) => `${l}=${n}`).join(' ')}`);
    const network = plannedNetwork(pot);
    if (network !== null) out.push(`  driver network: the jail's own address, which pot assigns at prepare; ${portMapText(network.port_map)}`);
    out.push(`  ${paint('green', 'start:')}`);
    for (const argv of plan.start) out.push(`    ${shellLine(argv)}`);
    out.push(`  ${paint('yellow', 'stop:')}`);
    const [signal, ...rest] = plan.stop;
    if (signal) out.push(`    ${shellLine(signal)}`);
    out.push(`    ${paint('dim', `# if it is still running after kill_timeout (${formatDuration(task.killTimeoutMs)}):`)}`);
    for (const argv of plan.kill) out.push(`    ${shellLine(argv)}`);
    out.push(`    ${paint('dim', '# once it has ended:')}`);
    for (const argv of rest) out.push(`    ${shellLine(argv)}`);
    out.push('');
  }
  for (const s of skipped) {
    out.push(paint('dim', `skipped: ${s.alloc.group.name}[${s.alloc.index}] › ${s.allocated.task.name} (${s.reason}; pot-nomad runs only pot tasks)`));
  }
  if (skipped.length > 0) out.push('');
  return out.join('\n');
}

/**
 * What StartTask will hand Nomad as the driver network: for a jail with an address of its own, the port map;
 * the address itself is known only once pot has prepared the jail.
 */
function plannedNetwork(pot: PotTask): { address: null; port_map: Record<string, number> } | null {
  return hasOwnAddress(pot.config.pot) ? { address: null, port_map: jailPortMap(pot.config.pot.portMap) } : null;
}
